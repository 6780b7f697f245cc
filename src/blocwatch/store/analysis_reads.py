"""The reads behind evidence and disagreements: facts, each with the sentence that states it.

:mod:`blocwatch.analysis` computes over these records and never sees a table: a chart
point's events come back as :class:`EventEvidence`, a disagreement's raw material as
:class:`RoleStatement` and :class:`EventStatement` rows. A fact whose sentence was not
stored carries its own words instead of the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, false, func, literal, select, true
from sqlalchemy.orm import Session

from blocwatch.model import EventStatus, Role
from blocwatch.store.repository import Store
from blocwatch.store.schema import ActorRow, ArticleRow, EventRow, MentionRow, SentenceRow

_CHUNK = 500
_GIVEN = "(the given articles)"
"""The one group of articles given by id, named so SQL can group by it like a story."""
_MAX_LISTED_STORIES = 500
"""Above this many stories, reading every event row beats listing the stories in SQL."""


def _sentence_text(fallback_start: Any, fallback_end: Any) -> ColumnElement[str]:
    """The sentence holding a fact (outer-join :class:`SentenceRow`); the fact's own words
    when the sentence was not stored."""
    return case(
        (
            SentenceRow.start.is_not(None),
            func.substr(
                ArticleRow.text, SentenceRow.start + 1, SentenceRow.end - SentenceRow.start
            ),
        ),
        else_=func.substr(ArticleRow.text, fallback_start + 1, fallback_end - fallback_start),
    )


def _sentence_of(article_id: Any, sentence_index: Any) -> ColumnElement[bool]:
    """The join condition from a fact to its sentence."""
    return and_(SentenceRow.article_id == article_id, SentenceRow.index == sentence_index)


# ---------------------------------------------------------------------------------- evidence


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """One event with the article and sentence it was read from."""

    event_id: int
    type: str
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    goldstein: float | None
    quad_class: int | None
    date: str | None
    status: str
    article_id: str
    title: str | None
    outlet: str | None
    published_at: datetime | None
    sentence_index: int
    start: int
    """Span of the event's words in the article text."""
    end: int
    sentence: str
    """The whole sentence (the event's own words when the sentence was not stored)."""


def events_with_sentences(store: Store, event_ids: Sequence[int]) -> list[EventEvidence]:
    """The events with these ids, in no particular order; ids that do not exist are skipped."""
    wanted = sorted(set(event_ids))
    sentence = _sentence_text(EventRow.start, EventRow.end).label("sentence")
    found: list[EventEvidence] = []
    with store.session() as session:
        for first in range(0, len(wanted), _CHUNK):
            query = (
                select(
                    EventRow, ArticleRow.title, ArticleRow.outlet, ArticleRow.published_at, sentence
                )
                .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                .outerjoin(SentenceRow, _sentence_of(EventRow.article_id, EventRow.sentence_index))
                .where(EventRow.id.in_(wanted[first : first + _CHUNK]))
            )
            for event, title, outlet, published_at, text in session.execute(query):
                found.append(
                    EventEvidence(
                        event_id=event.id,
                        type=event.type,
                        source_code=event.source_code,
                        source_name=event.source_name,
                        target_code=event.target_code,
                        target_name=event.target_name,
                        goldstein=event.goldstein,
                        quad_class=event.quad_class,
                        date=event.date,
                        status=event.status,
                        article_id=event.article_id,
                        title=title,
                        outlet=outlet,
                        published_at=published_at,
                        sentence_index=event.sentence_index,
                        start=event.start,
                        end=event.end,
                        sentence=text,
                    )
                )
    return found


# ---------------------------------------------------------------------------------- scope


def _compared(article_ids: Sequence[str] | None) -> ColumnElement[bool]:
    """Articles that are not syndicated copies, and among ``article_ids`` when given."""
    condition: ColumnElement[bool] = ArticleRow.copy_of.is_(None)
    if article_ids is not None:
        condition = and_(condition, ArticleRow.id.in_(list(dict.fromkeys(article_ids))))
    return condition


# ---------------------------------------------------------------------------------- roles


@dataclass(frozen=True, slots=True)
class RoleStatement:
    """A mention that gives an actor an office, with the sentence that says so."""

    mention_id: int
    actor_id: str
    name: str
    """The words of the mention."""
    role: str
    article_id: str
    outlet: str | None
    published_at: datetime | None
    sentence_index: int
    start: int
    """Span of the mention in the article text."""
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class KnownRoles:
    """What the actor dictionary holds about an actor's offices."""

    name: str
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class RoleStatements:
    """Offices the texts give actors: the flagged claims and the uncontested mentions."""

    claims: list[RoleStatement]
    """Mentions the recogniser flagged as contradicting the dictionary, oldest article first."""
    others: list[RoleStatement]
    """For the claimed actors, the first unflagged mention per article and role stated."""
    known: dict[str, KnownRoles]
    """The claimed actors the dictionary knows, by id."""


def role_statements(store: Store, article_ids: Sequence[str] | None = None) -> RoleStatements:
    """Role claims among the compared articles (syndicated copies left out, and only
    ``article_ids`` when given), and what the other mentions there say of the same actors."""
    with store.session() as session:
        claims = _role_mentions(session, True, _compared(article_ids))
        if not claims:
            return RoleStatements([], [], {})
        actor_ids = sorted({s.actor_id for s in claims})
        first_mentions = (
            select(func.min(MentionRow.id))
            .where(
                MentionRow.actor_id.in_(actor_ids),
                MentionRow.claim == false(),
                MentionRow.role.is_not(None),
            )
            .group_by(MentionRow.actor_id, MentionRow.article_id, MentionRow.role)
        )
        others = _role_mentions(
            session, False, _compared(article_ids), MentionRow.id.in_(first_mentions)
        )
        actors = session.execute(
            select(ActorRow.id, ActorRow.name, ActorRow.roles).where(ActorRow.id.in_(actor_ids))
        )
        known = {row.id: KnownRoles(row.name, tuple(row.roles or ())) for row in actors}
    return RoleStatements(claims, others, known)


def _role_mentions(
    session: Session, claimed: bool, *conditions: ColumnElement[bool]
) -> list[RoleStatement]:
    query = (
        select(
            MentionRow.id,
            MentionRow.actor_id,
            MentionRow.name,
            MentionRow.role,
            MentionRow.article_id,
            MentionRow.sentence_index,
            MentionRow.start,
            MentionRow.end,
            ArticleRow.outlet,
            ArticleRow.published_at,
            _sentence_text(MentionRow.start, MentionRow.end).label("sentence"),
        )
        .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
        .outerjoin(SentenceRow, _sentence_of(MentionRow.article_id, MentionRow.sentence_index))
        .where(
            MentionRow.claim == (true() if claimed else false()),
            MentionRow.role.is_not(None),
            *conditions,
        )
        .order_by(ArticleRow.published_at, MentionRow.article_id, MentionRow.start)
    )
    return [
        RoleStatement(
            mention_id=row.id,
            actor_id=row.actor_id,
            name=row.name,
            role=row.role,
            article_id=row.article_id,
            outlet=row.outlet,
            published_at=row.published_at,
            sentence_index=row.sentence_index,
            start=row.start,
            end=row.end,
            sentence=row.sentence,
        )
        for row in session.execute(query)
    ]


# ---------------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class EventStatement:
    """One article's report of an event that another article of its story also reports."""

    story_id: str | None
    """``None`` when the articles were given by id (they are taken as one story)."""
    type: str
    source_code: str
    target_code: str
    planned: bool
    """Planned events are compared with planned ones, the others among themselves."""
    date: str | None
    article_id: str
    outlet: str | None
    published_at: datetime | None
    sentence_index: int
    start: int
    """Span of the event's words in the article text."""
    end: int
    sentence_start: int | None
    """Where the sentence starts in the article text (``None`` when it was not stored)."""
    sentence: str


def shared_event_statements(
    store: Store, article_ids: Sequence[str] | None = None
) -> list[EventStatement]:
    """Events of one type, source and target (and stage) that several articles of a story
    report, each report once, grouped by event and oldest article first within it.

    Negated events and events without both a source and a target are left out; without
    ``article_ids``, articles outside stories are too.
    """
    group = (
        literal(_GIVEN, String) if article_ids is not None else ArticleRow.story_id.expression
    ).label("grp")
    stage = case((EventRow.status == EventStatus.PLANNED.value, "planned"), else_="past").label(
        "stage"
    )
    key = (group, EventRow.type, EventRow.source_code, EventRow.target_code, stage)
    reported = and_(
        # coalesce keeps SQLite from walking the code indexes for every non-null row
        func.coalesce(EventRow.source_code, "") != "",
        func.coalesce(EventRow.target_code, "") != "",
        EventRow.status != EventStatus.NEGATED.value,
        group.is_not(None),
        _compared(article_ids),
    )
    with store.session() as session:
        shared_query = (
            select(*key)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(reported)
            .group_by(*key)
            .having(func.count(func.distinct(EventRow.article_id)) > 1)
        )
        shared = {tuple(row) for row in session.execute(shared_query)}
        if not shared:
            return []
        groups = sorted({key[0] for key in shared})
        query = (
            select(
                *key,
                EventRow.date,
                EventRow.article_id,
                EventRow.sentence_index,
                EventRow.start,
                EventRow.end,
                SentenceRow.start.label("sentence_start"),
                ArticleRow.outlet,
                ArticleRow.published_at,
                _sentence_text(EventRow.start, EventRow.end).label("sentence"),
            )
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(SentenceRow, _sentence_of(EventRow.article_id, EventRow.sentence_index))
            .where(reported)
            .order_by(*key, ArticleRow.published_at, EventRow.article_id, EventRow.start)
        )
        if article_ids is None and len(groups) <= _MAX_LISTED_STORIES:
            query = query.where(ArticleRow.story_id.in_(groups))
        rows = [row for row in session.execute(query) if tuple(row[:5]) in shared]
    return [_event_statement(row) for row in rows]


def _event_statement(row: Any) -> EventStatement:
    return EventStatement(
        story_id=None if row.grp == _GIVEN else row.grp,
        type=row.type,
        source_code=row.source_code,
        target_code=row.target_code,
        planned=row.stage == "planned",
        date=row.date,
        article_id=row.article_id,
        outlet=row.outlet,
        published_at=row.published_at,
        sentence_index=row.sentence_index,
        start=row.start,
        end=row.end,
        sentence_start=row.sentence_start,
        sentence=row.sentence,
    )
