"""Actors from what a person typed: an id or code ("KAZ"), a name or alias ("Kazakhstan"),
or a name as the news writes it ("Tokayev"), and suggestions when nothing matches.

Every page, API route and command that takes an actor goes through :func:`find_actor`, so
"Kazakhstan", "kazakhstan" and "KAZ" lead to the same actor everywhere. Only what is sure is
taken: an id, a name or alias, a name the articles use for one actor above all others, or a
fragment that fits exactly one actor. Anything else gets :func:`suggest_actors` (names that
start with or contain the words typed, then close spellings for typos) and no guess.

Names are matched in Python over the ``actors`` table (its aliases are JSON, which SQLite
and PostgreSQL search differently); the table holds the actors the stored articles refer
to, a few thousand rows even for a large corpus.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from blocwatch.errors import QueryError
from blocwatch.store.repository import Store
from blocwatch.store.schema import ActorRow, EventRow, MentionRow

MAX_TYPED = 200
"""Longer input is no actor name: it is refused before any lookup."""


@dataclass(frozen=True, slots=True)
class ActorChoice:
    """An actor a typed name resolved to, or one suggested for it."""

    id: str
    name: str
    kind: str
    country: str | None
    """The state or organisation the actor belongs to (a person's state, a place's country)."""


class UnknownActorError(QueryError):
    """What was typed names no actor (or several): the field, the words and the nearest.

    Pages answer it with a 404 listing ``suggestions``, the API with a 404 JSON body
    holding them, the command line with exit code 2."""

    def __init__(
        self,
        reason: str,
        *,
        source: str | None = None,
        typed: str = "",
        suggestions: tuple[ActorChoice, ...] = (),
    ) -> None:
        super().__init__(reason, source=source)
        self.typed = typed
        self.suggestions = suggestions

    def as_json(self) -> dict[str, object]:
        return {
            "detail": str(self),
            "field": self.source,
            "suggestions": [
                {"id": s.id, "name": s.name, "kind": s.kind, "country": s.country}
                for s in self.suggestions
            ],
        }


def resolve_actor(store: Store, typed: str, field: str) -> ActorChoice:
    """The actor ``typed`` names, else :class:`UnknownActorError` naming ``field``."""
    found = find_actor(store, typed)
    if found is not None:
        return found
    nearest = tuple(suggest_actors(store, typed))
    hint = "; did you mean " + ", ".join(f"{s.name} ({s.id})" for s in nearest[:5])
    reason = f"no actor called {typed!r}" + (hint if nearest else "")
    raise UnknownActorError(reason, source=field, typed=typed, suggestions=nearest)


def _choice(row: ActorRow) -> ActorChoice:
    return ActorChoice(row.id, row.name, row.kind, row.country)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def find_actor(store: Store, typed: str) -> ActorChoice | None:
    """The one actor ``typed`` names, or ``None`` when it names none or several."""
    typed = typed.strip()
    if not typed or len(typed) > MAX_TYPED:
        return None
    folded = _fold(typed)
    with store.session() as session:
        row = session.get(ActorRow, typed)
        if row is not None:
            return _choice(row)
        if _used_as_id(session, typed):
            return ActorChoice(typed, typed, "", None)
        rows = list(session.scalars(select(ActorRow)))
        for field in (
            lambda r: [r.id],
            lambda r: [r.name],
            lambda r: [a for a in r.aliases or () if isinstance(a, str)],
        ):
            hits = [r for r in rows if any(_fold(value) == folded for value in field(r))]
            if len(hits) == 1:
                return _choice(hits[0])
        by_mention = session.execute(
            select(MentionRow.actor_id, MentionRow.name, MentionRow.kind, MentionRow.country)
            .where(func.lower(MentionRow.name) == typed.lower())
            .group_by(MentionRow.actor_id, MentionRow.name, MentionRow.kind, MentionRow.country)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
        if by_mention is not None:
            known = next((r for r in rows if r.id == by_mention.actor_id), None)
            if known is not None:
                return _choice(known)
            return ActorChoice(
                by_mention.actor_id, by_mention.name, by_mention.kind, by_mention.country
            )
        fragment = [r for r in rows if _contains(r, folded)]
        return _choice(fragment[0]) if len(fragment) == 1 and len(folded) >= 3 else None


def _used_as_id(session: Session, typed: str) -> bool:
    """Whether mentions or events carry ``typed`` as an id or code the dictionary lacks."""
    mentioned = select(MentionRow.actor_id).where(MentionRow.actor_id == typed).limit(1)
    coded = (
        select(EventRow.id)
        .where(or_(EventRow.source_code == typed, EventRow.target_code == typed))
        .limit(1)
    )
    return session.scalar(mentioned) is not None or session.scalar(coded) is not None


_KIND_ORDER = {"state": 0, "contested": 0, "organization": 1, "bloc": 1, "person": 2}


def _names(row: ActorRow) -> list[str]:
    return [row.id, row.name, *(a for a in row.aliases or () if isinstance(a, str))]


def _contains(row: ActorRow, folded: str) -> bool:
    return any(folded in _fold(name) for name in _names(row))


def suggest_actors(store: Store, typed: str, *, limit: int = 8) -> list[ActorChoice]:
    """Actors whose id, name or alias starts with or contains ``typed``, then close spellings.

    Best first: a name starting with the words typed before one containing them, then
    spellings ``difflib`` finds close ("Kazakstan"), each actor once.
    """
    folded = _fold(typed)[:MAX_TYPED]
    if not folded:
        return []
    with store.session() as session:
        rows = list(session.scalars(select(ActorRow).order_by(ActorRow.name)))
    rows.sort(key=lambda r: _KIND_ORDER.get(r.kind, 3))
    starting = [r for r in rows if any(_fold(n).startswith(folded) for n in _names(r))]
    containing = [r for r in rows if r not in starting and _contains(r, folded)]
    by_name = {_fold(n): r for r in rows for n in _names(r)}
    close = [by_name[n] for n in difflib.get_close_matches(folded, list(by_name), n=limit)]
    found: dict[str, ActorChoice] = {}
    for row in [*starting, *containing, *close]:
        found.setdefault(row.id, _choice(row))
    return list(found.values())[:limit]
