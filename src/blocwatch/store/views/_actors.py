"""The actor pages' read models: the listing of actors and one actor's profile."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blocwatch.model import Actor
from blocwatch.store import actor_counts, event_counts
from blocwatch.store.actor_lookup import find_actor
from blocwatch.store.cache import cached_read
from blocwatch.store.explorer import EventView, event_views
from blocwatch.store.repository import Store
from blocwatch.store.schema import ActorRow, ArticleRow, EventRow, MentionRow, QuoteRow
from blocwatch.store.views._common import QuoteView, quote_views


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
    """The most mentioned actors, named as the dictionary names them when it knows them.
    Every actor's mentions are summed from the kept actor days; one kind's (a mention's
    kind, which the days do not keep) are counted over the mentions."""
    with store.session() as session:
        if kind:
            counts = (
                select(MentionRow.actor_id, func.count().label("n"))
                .where(MentionRow.kind == kind)
                .group_by(MentionRow.actor_id)
                .order_by(func.count().desc(), MentionRow.actor_id)
            )
            top = [(str(a), int(n)) for a, n in session.execute(counts.limit(limit))]
        else:
            top = actor_counts.most_mentioned(session, limit)
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


def _side(kind: str, side: str) -> str:
    """The events' column that names the actor on ``side``: a coded actor's code, anyone
    else's id (see :func:`_acts`)."""
    return f"{side}_code" if kind in _CODED_KINDS else f"{side}_actor_id"


def _count_acts(session: Session, actor_id: str, kind: str) -> tuple[int, int]:
    """How many events the actor did, and how many were done to them, from the kept
    counts (:mod:`blocwatch.store.event_counts`, which count both codes and ids)."""
    return (
        event_counts.side_count(session, _side(kind, "source"), actor_id),
        event_counts.side_count(session, _side(kind, "target"), actor_id),
    )


def _observed_roles(session: Session, actor_id: str) -> list[ObservedRole]:
    """Each role the press gave the actor, in the order it was first reported (from the
    kept counts, :mod:`blocwatch.store.actor_counts`)."""
    return [
        ObservedRole(role or "", first, last, int(n), bool(claims), article_id, sentence_index)
        for role, first, last, n, claims, article_id, sentence_index in actor_counts.roles(
            session, actor_id
        )
    ]


@cached_read
def actor_profile(store: Store, actor_id: str, *, limit: int = 40) -> ActorProfile | None:
    known = store.get_actor(actor_id)
    with store.session() as session:
        mention_count, article_count = actor_counts.totals(session, actor_id)
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
        roles = _observed_roles(session, actor_id)
        quotes = quote_views(
            session,
            (QuoteRow.speaker_actor_id == actor_id) & ArticleRow.copy_of.is_(None),
            limit=limit,
        )
        did = event_views(session, _acts(actor_id, "source", kind), limit=limit)
        done_to = event_views(session, _acts(actor_id, "target", kind), limit=limit)
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
