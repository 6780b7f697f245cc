"""Actors typed by a person, in pages, API parameters and command options, resolved or refused.

Every route and command that takes an actor calls :func:`actor_id` (who: an id, for an
actor's page or an explorer filter) or :func:`actor_code` / :func:`actor_codes` (whose
relations: the code events carry, so a person counts for their state). Nothing that fails
to resolve is dropped silently: :class:`~blocwatch.store.actor_lookup.UnknownActorError`
becomes a 404 page listing the nearest actors, a 404 JSON body with ``suggestions`` under
``/api``, or exit code 2 on the command line.
"""

from __future__ import annotations

from datetime import UTC, datetime

from blocwatch.nlp.actors import ActorDictionary
from blocwatch.store import Store
from blocwatch.store.actor_lookup import ActorChoice, UnknownActorError, resolve_actor

__all__ = ["UnknownActorError", "actor_code", "actor_codes", "actor_id", "code_of", "resolve"]

_CODED_KINDS = frozenset({"state", "organization", "bloc", "contested"})


def resolve(store: Store, typed: str, field: str) -> ActorChoice:
    """The actor ``typed`` names; :class:`UnknownActorError` with suggestions when none.

    The stored actors are asked first (what the articles name); then the shipped actor
    dictionary, by id, name, alias or adjective, so an alert rule can name an actor no
    stored article has named yet.
    """
    try:
        return resolve_actor(store, typed, field)
    except UnknownActorError:
        known = _in_dictionary(typed)
        if known is None:
            raise
        return known


def _in_dictionary(typed: str) -> ActorChoice | None:
    folded = " ".join(typed.casefold().split())
    hits = [
        entry.actor
        for entry in ActorDictionary.default().entries.values()
        if any(
            " ".join(name.casefold().split()) == folded
            for name in (entry.actor.id, entry.actor.name, *entry.actor.aliases, *entry.adjectives)
        )
    ]
    if len({actor.id for actor in hits}) != 1:
        return None
    actor = hits[0]
    return ActorChoice(actor.id, actor.name, actor.kind.value, actor.country)


def actor_id(store: Store, typed: str | None, field: str = "actor") -> str | None:
    """The id of the actor ``typed`` names (``None`` for an empty field)."""
    if typed is None or not typed.strip():
        return None
    return resolve(store, typed, field).id


def code_of(choice: ActorChoice) -> str:
    """The code the actor's events carry: its own for states, organisations and contested
    entities, a person's state, the government a place stands for as an actor (its seat),
    else the place's country."""
    if choice.kind in _CODED_KINDS or not choice.kind:
        return choice.id
    if choice.kind == "place":
        today = datetime.now(UTC).date()
        return ActorDictionary.default().state_of(choice.id, today) or choice.country or choice.id
    return choice.country or choice.id


def actor_code(store: Store, typed: str, field: str) -> str:
    """The code of the one actor ``typed`` names (see :func:`code_of`)."""
    return code_of(resolve(store, typed, field))


def actor_codes(store: Store, typed: str | None, field: str) -> tuple[str, ...]:
    """Codes from a comma-separated field ("Kazakhstan, ARM, Pashinyan" → KAZ, ARM, ARM once)."""
    if typed is None:
        return ()
    parts = [part.strip() for part in typed.split(",") if part.strip()]
    return tuple(dict.fromkeys(code_of(resolve(store, part, field)) for part in parts))
