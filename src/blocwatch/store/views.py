"""The read models the pages and the API show: story cards and details, actor profiles and
listings, an article's context, events between two actors.

Each query reads only what one page shows (a page of rows, counts computed by the
database), so pages stay fast on large stores. Results are small frozen records that
both the templates and the JSON API render (the API's schema is derived from them), and
the aggregating ones are answered from the store's read cache while nothing is written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, cast, func, or_, select
from sqlalchemy.orm import Session

from blocwatch.model import Actor, CopyGroup, ReportNote
from blocwatch.store import ArticleSummary, Store
from blocwatch.store.actor_lookup import find_actor
from blocwatch.store.cache import cached_read
from blocwatch.store.explorer import EventView, event_views
from blocwatch.store.read import summary_of
from blocwatch.store.schema import (
    ActorRow,
    ArticleRow,
    EventRow,
    MentionRow,
    QuoteRow,
    StoryRow,
    SummarySentenceRow,
)

_SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.outlet,
    ArticleRow.url,
    ArticleRow.published_at,
    ArticleRow.published_local,
    ArticleRow.language,
    ArticleRow.origin_agency,
    ArticleRow.story_id,
    ArticleRow.copy_of,
)


def _summaries(session: Session, where: Any, *, limit: int | None = None) -> list[ArticleSummary]:
    """Article rows without their text (which is most of a row's size)."""
    query = (
        select(*_SUMMARY_COLUMNS)
        .where(where)
        .order_by(ArticleRow.published_at.desc().nulls_last(), ArticleRow.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [summary_of(r) for r in session.execute(query)]


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True, slots=True)
class Citation:
    """A summary sentence and the sentence of the article it was taken from."""

    text: str
    article_id: str
    sentence_index: int
    supporting_article_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryCard:
    id: str
    title: str
    first_seen: datetime | None
    last_seen: datetime | None
    article_count: int
    copy_count: int
    outlets: tuple[str, ...]
    summary: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class CopyGroupView:
    """A copy group with its articles as listed (``None`` or left out where one is gone)."""

    group: CopyGroup
    canonical: ArticleSummary | None
    copies: tuple[ArticleSummary, ...]


@dataclass(frozen=True, slots=True)
class QuoteView:
    speaker: str | None
    speaker_actor_id: str | None
    cue: str | None
    text: str
    kind: str
    article_id: str
    sentence_index: int
    article_title: str | None = None
    outlet: str | None = None
    published: datetime | None = None


def fold_mirrors(
    events: Iterable[tuple[str, str | None, str | None]],
) -> tuple[tuple[str, str, str], ...]:
    """(type, source, target) once per type and pair of actors: "A met B" and "B met A" are one."""
    pairs: dict[tuple[str, frozenset[str]], tuple[str, str, str]] = {}
    for kind, source, target in events:
        ends = (source or "—", target or "—")
        pairs.setdefault((kind, frozenset(ends)), (kind, *ends))
    return tuple(pairs.values())


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated sentence of a story and the events read from it.

    Mirror events (A met B, B met A) are one ``pairs`` entry: ``"CONSULT", "A", "B"``.
    """

    when: str
    dated: bool
    """False when the day is the article's publication day, not a date the text gives."""
    article_id: str
    sentence_index: int
    evidence: str
    pairs: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    card: StoryCard
    articles: tuple[ArticleSummary, ...]
    copy_groups: tuple[CopyGroupView, ...]
    quotes: tuple[QuoteView, ...]
    events: tuple[EventView, ...]

    @property
    def timeline(self) -> list[EventView]:
        dated = [e for e in self.events if e.when]
        return sorted(dated, key=lambda e: (e.when or "", e.id))

    @property
    def timeline_entries(self) -> list[TimelineEntry]:
        grouped: dict[tuple[str, str, int], list[EventView]] = {}
        for event in self.timeline:
            key = (event.when or "", event.article_id, event.sentence_index)
            grouped.setdefault(key, []).append(event)
        entries = []
        for (when, article_id, sentence_index), events in grouped.items():
            entries.append(
                TimelineEntry(
                    when,
                    any(e.date for e in events),
                    article_id,
                    sentence_index,
                    max((e.evidence for e in events), key=len),
                    fold_mirrors((e.type, e.source_name, e.target_name) for e in events),
                )
            )
        return entries


def _citations(session: Session, story_ids: Sequence[str]) -> dict[str, list[Citation]]:
    found: dict[str, list[Citation]] = defaultdict(list)
    if not story_ids:
        return found
    rows = session.scalars(
        select(SummarySentenceRow)
        .where(SummarySentenceRow.story_id.in_(story_ids))
        .order_by(SummarySentenceRow.story_id, SummarySentenceRow.position)
    )
    for row in rows:
        if row.story_id is None:
            continue
        found[row.story_id].append(
            Citation(
                row.text,
                row.article_id,
                row.sentence_index,
                tuple(row.supporting_article_ids or ()),
            )
        )
    return found


def _outlets(session: Session, story_ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    if not story_ids:
        return found
    rows = session.execute(
        select(ArticleRow.story_id, ArticleRow.outlet, func.count())
        .where(ArticleRow.story_id.in_(story_ids), ArticleRow.outlet.is_not(None))
        .group_by(ArticleRow.story_id, ArticleRow.outlet)
        .order_by(ArticleRow.story_id, func.count().desc(), ArticleRow.outlet)
    )
    for story_id, outlet, _count in rows:
        if story_id is not None and outlet is not None:
            found[story_id].append(outlet)
    return found


def _cards(session: Session, rows: Sequence[StoryRow]) -> list[StoryCard]:
    ids = [row.id for row in rows]
    citations = _citations(session, ids)
    outlets = _outlets(session, ids)
    return [
        StoryCard(
            row.id,
            row.title,
            row.first_seen,
            row.last_seen,
            row.article_count,
            sum(len(group.copy_ids) for group in row.copy_groups),
            tuple(outlets.get(row.id, ())),
            tuple(citations.get(row.id, ())),
        )
        for row in rows
    ]


@cached_read
def latest_stories(store: Store, *, limit: int = 10, offset: int = 0) -> list[StoryCard]:
    with store.session() as session:
        rows = session.scalars(
            select(StoryRow)
            .order_by(StoryRow.last_seen.desc().nulls_last(), StoryRow.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return _cards(session, rows)


@cached_read
def count_stories(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(StoryRow)) or 0


@cached_read
def latest_articles(store: Store, *, limit: int = 20) -> list[ArticleSummary]:
    with store.session() as session:
        return _summaries(session, ArticleRow.copy_of.is_(None), limit=limit)


def _quote_views(session: Session, where: Any, *, limit: int) -> list[QuoteView]:
    rows = session.execute(
        select(QuoteRow, ArticleRow.title, ArticleRow.outlet, ArticleRow.published_at)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .where(where)
        .order_by(ArticleRow.published_at.desc().nulls_last(), QuoteRow.id)
        .limit(limit)
    )
    return [
        QuoteView(
            q.speaker,
            q.speaker_actor_id,
            q.cue,
            q.text,
            q.kind,
            q.article_id,
            q.sentence_index,
            title,
            outlet,
            published,
        )
        for q, title, outlet, published in rows
    ]


def _event_views(session: Session, where: Any, *, limit: int) -> list[EventView]:
    return event_views(session, where, limit=limit)


@cached_read
def story_detail(store: Store, story_id: str) -> StoryDetail | None:
    with store.session() as session:
        row = session.get(StoryRow, story_id)
        if row is None:
            return None
        [card] = _cards(session, [row])
        articles = _summaries(session, ArticleRow.story_id == story_id)
        by_id = {a.id: a for a in articles}
        groups = tuple(
            CopyGroupView(
                g, by_id.get(g.canonical_id), tuple(by_id[c] for c in g.copy_ids if c in by_id)
            )
            for g in row.copy_groups
        )
        # A syndicated copy repeats its original's quotes and events: they are shown once.
        reports = [a.id for a in articles if a.copy_of is None]
        quotes = _quote_views(session, QuoteRow.article_id.in_(reports), limit=200)
        events = _event_views(session, EventRow.article_id.in_(reports), limit=300)
        return StoryDetail(card, tuple(articles), groups, tuple(quotes), tuple(events))


NOTED_REPORTS = 30
"""A story page says what each of its first reports adds, up to this many reports."""


def report_notes(store: Store, story: StoryDetail) -> list[ReportNote]:
    """What each original report of ``story`` adds (copies repeat their original)."""
    originals = tuple(a.id for a in story.articles if a.copy_of is None)[:NOTED_REPORTS]
    return _notes_of_reports(store, originals)


@cached_read
def _notes_of_reports(store: Store, article_ids: tuple[str, ...]) -> list[ReportNote]:
    """The notes of these reports, in order; each is read whole, so the notes are kept."""
    from blocwatch.stories import report_notes as notes_of

    articles = [article for i in article_ids if (article := store.get_article(i)) is not None]
    return notes_of(articles)


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What surrounds an article: its story, and the other copies of the same text."""

    story_id: str | None
    story_title: str | None
    canonical_id: str | None
    copies: tuple[ArticleSummary, ...]


def article_context(store: Store, summary: ArticleSummary) -> ArticleContext:
    with store.session() as session:
        story_title = None
        copies: list[ArticleSummary] = []
        canonical = summary.copy_of or summary.id
        if summary.story_id is not None:
            story_title = session.scalar(
                select(StoryRow.title).where(StoryRow.id == summary.story_id)
            )
            copies = _summaries(
                session,
                (ArticleRow.story_id == summary.story_id)
                & or_(ArticleRow.copy_of == canonical, ArticleRow.id == canonical)
                & (ArticleRow.id != summary.id),
            )
        return ArticleContext(
            summary.story_id,
            story_title,
            summary.copy_of,
            tuple(copies),
        )


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class ObservedRole:
    """A role the press gave an actor, with when it was first and last reported."""

    role: str
    first_reported: datetime | None
    last_reported: datetime | None
    mentions: int
    claim: bool
    article_id: str
    sentence_index: int


@dataclass(frozen=True, slots=True)
class ActorListing:
    id: str
    name: str
    kind: str
    country: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class ActorProfile:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    known: Actor | None
    """The dictionary entry, when the actor is in the actors table."""
    mention_count: int
    article_count: int
    roles: tuple[ObservedRole, ...]
    quotes: tuple[QuoteView, ...]
    did: tuple[EventView, ...]
    done_to: tuple[EventView, ...]
    did_count: int
    done_to_count: int

    @property
    def is_state(self) -> bool:
        return self.kind == "state"

    @property
    def relation_code(self) -> str:
        """Whose relations to chart: a person's are their state's (events carry its code)."""
        return self.country if self.kind == "person" and self.country else self.id


@cached_read
def list_actors(store: Store, *, limit: int = 100, kind: str | None = None) -> list[ActorListing]:
    """The most mentioned actors, named as the dictionary names them when it knows them."""
    with store.session() as session:
        counts = (
            select(MentionRow.actor_id, func.count().label("n"))
            .group_by(MentionRow.actor_id)
            .order_by(func.count().desc(), MentionRow.actor_id)
        )
        if kind:
            counts = counts.where(MentionRow.kind == kind)
        top = session.execute(counts.limit(limit)).all()
        ids = [actor_id for actor_id, _ in top]
        known = {
            row.id: row for row in session.scalars(select(ActorRow).where(ActorRow.id.in_(ids)))
        }
        missing = [i for i in ids if i not in known]
        seen: dict[str, tuple[str, str, str | None]] = {}
        if missing:
            for m in session.execute(
                select(MentionRow.actor_id, MentionRow.name, MentionRow.kind, MentionRow.country)
                .where(MentionRow.actor_id.in_(missing))
                .group_by(MentionRow.actor_id, MentionRow.name, MentionRow.kind, MentionRow.country)
            ):
                seen.setdefault(m.actor_id, (m.name, m.kind, m.country))
        result = []
        for actor_id, n in top:
            if actor_id in known:
                row = known[actor_id]
                result.append(ActorListing(actor_id, row.name, row.kind, row.country, n))
            else:
                name, actor_kind, country = seen.get(actor_id, (actor_id, "", None))
                result.append(ActorListing(actor_id, name, actor_kind, country, n))
        return result


def resolve_actor(store: Store, typed: str) -> str | None:
    """An actor id from what a person typed: an id, a code, a name or alias, a name as
    written in the news (:func:`blocwatch.store.actor_lookup.find_actor`)."""
    found = find_actor(store, typed)
    return found.id if found else None


_CODED_KINDS = frozenset({"state", "organization", "bloc", "contested"})


def _acts(actor_id: str, side: str, kind: str) -> Any:
    """Events where the actor is on one side, from reports (not from syndicated copies).

    A state or organisation acts through everyone who stands for it (its ministers, its
    army), so its events are those carrying its code; anyone else's are those naming them.
    """
    if kind in _CODED_KINDS:
        on_side = getattr(EventRow, f"{side}_code") == actor_id
    else:
        on_side = getattr(EventRow, f"{side}_actor_id") == actor_id
    return on_side & ArticleRow.copy_of.is_(None)


def _count_acts(session: Session, actor_id: str, kind: str) -> tuple[int, int]:
    """How many events the actor did, and how many were done to them, in one pass."""
    did, done = _acts(actor_id, "source", kind), _acts(actor_id, "target", kind)
    row = session.execute(
        select(func.count().filter(did), func.count().filter(done))
        .select_from(EventRow)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(or_(did, done))
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


@cached_read
def actor_profile(store: Store, actor_id: str, *, limit: int = 40) -> ActorProfile | None:
    known = store.get_actor(actor_id)
    with store.session() as session:
        mention_count, article_count = session.execute(
            select(func.count(), func.count(func.distinct(MentionRow.article_id))).where(
                MentionRow.actor_id == actor_id
            )
        ).one()
        names: Counter[str] = Counter()
        kind, country = (str(known.kind), known.country) if known else ("", None)
        if known is None:
            for name, mkind, mcountry, n in session.execute(
                select(MentionRow.name, MentionRow.kind, MentionRow.country, func.count())
                .where(MentionRow.actor_id == actor_id)
                .group_by(MentionRow.name, MentionRow.kind, MentionRow.country)
            ):
                names[name] += n
                kind, country = mkind, mcountry
        if not kind and ":" not in actor_id:
            kind = "state"  # a bare code in events only: a state or organisation code
        did_count, done_count = _count_acts(session, actor_id, kind)
        if known is None and not (mention_count or did_count or done_count):
            return None
        roles = [
            ObservedRole(
                role or "",
                first,
                last,
                n,
                bool(claims),
                article_id,
                sentence_index,
            )
            for role, first, last, n, claims, article_id, sentence_index in session.execute(
                select(
                    MentionRow.role,
                    func.min(ArticleRow.published_at),
                    func.max(ArticleRow.published_at),
                    func.count(),
                    func.max(cast(MentionRow.claim, Integer)),
                    func.min(MentionRow.article_id),
                    func.min(MentionRow.sentence_index),
                )
                .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
                .where(MentionRow.actor_id == actor_id, MentionRow.role.is_not(None))
                .group_by(MentionRow.role)
                .order_by(func.min(ArticleRow.published_at))
            )
        ]
        quotes = _quote_views(
            session,
            (QuoteRow.speaker_actor_id == actor_id) & ArticleRow.copy_of.is_(None),
            limit=limit,
        )
        did = _event_views(session, _acts(actor_id, "source", kind), limit=limit)
        done_to = _event_views(session, _acts(actor_id, "target", kind), limit=limit)
    name = known.name if known else (names.most_common(1)[0][0] if names else actor_id)
    aliases = known.aliases if known else tuple(n for n, _ in names.most_common() if n != name)
    return ActorProfile(
        actor_id,
        name,
        kind,
        country,
        aliases,
        known,
        mention_count,
        article_count,
        tuple(roles),
        tuple(quotes),
        tuple(did),
        tuple(done_to),
        did_count,
        done_count,
    )


# --------------------------------------------------------------------------- facets


@cached_read
def outlets(store: Store) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(
                select(ArticleRow.outlet)
                .where(ArticleRow.outlet.is_not(None))
                .group_by(ArticleRow.outlet)
                .order_by(ArticleRow.outlet)
            )
        )


@cached_read
def known_actor_names(store: Store, *, limit: int = 300) -> list[tuple[str, str]]:
    """(id, name) pairs for the actor filter's suggestions: the dictionary's entries."""
    with store.session() as session:
        return [
            (row.id, row.name)
            for row in session.execute(
                select(ActorRow.id, ActorRow.name).order_by(ActorRow.name).limit(limit)
            )
        ]


def actor_names(store: Store, codes: Sequence[str]) -> dict[str, str]:
    """Display names for actor ids and codes; a code with no dictionary entry names itself."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    with store.session() as session:
        found = dict(
            session.execute(select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(wanted))).all()
        )
    return {code: found.get(code, code) for code in wanted}


def events_by_id(store: Store, ids: Sequence[int], *, limit: int = 200) -> list[EventView]:
    with store.session() as session:
        return _event_views(session, EventRow.id.in_(list(ids)[:limit]), limit=limit)


@cached_read
def events_between(store: Store, a: str, b: str, *, limit: int = 100) -> list[EventView]:
    pair = or_(
        (EventRow.source_code == a) & (EventRow.target_code == b),
        (EventRow.source_code == b) & (EventRow.target_code == a),
    ) & ArticleRow.copy_of.is_(None)
    with store.session() as session:
        return _event_views(session, pair, limit=limit)
