"""What the recogniser's mentions become outside it: actor records and export rows."""

from __future__ import annotations

from collections.abc import Iterable

from blocwatch.model import Actor, ActorKind, Mention, Role
from blocwatch.nlp.actors.dictionary import ActorDictionary


def actors_from_mentions(
    mentions: Iterable[Mention], dictionary: ActorDictionary | None = None
) -> list[Actor]:
    """Actors for the people a text introduced that ``dictionary`` does not know.

    The recogniser gives such people an id (``person:<slug>``), a country and the role the
    text stated; this turns them into :class:`Actor` records (one per id, named by the
    longest form seen) that can be saved into a user's actor file.
    """
    known = dictionary or ActorDictionary.default()
    best: dict[str, Mention] = {}
    for mention in mentions:
        if known.get(mention.actor_id) is not None or mention.kind is not ActorKind.PERSON:
            continue
        seen = best.get(mention.actor_id)
        if seen is None or len(mention.name) > len(seen.name):
            best[mention.actor_id] = mention
    actors = []
    for actor_id, mention in best.items():
        roles = (Role(mention.role, mention.country),) if mention.role and mention.country else ()
        actors.append(Actor(actor_id, mention.name, ActorKind.PERSON, mention.country, roles=roles))
    return actors


def mention_row(mention: Mention) -> dict[str, str | int | bool | None]:
    """One mention as a flat record for exports (``blocwatch export --what mentions``).

    ``start``/``end`` are the dates of the role the mention carries; the characters it
    covers are ``span_start``/``span_end`` in the article's clean text.
    """
    evidence = mention.evidence
    return {
        "article_id": evidence.article_id,
        "actor_id": mention.actor_id,
        "name": mention.name,
        "kind": mention.kind.value,
        "country": mention.country,
        "role": mention.role,
        "start": mention.role_start.isoformat() if mention.role_start else None,
        "end": mention.role_end.isoformat() if mention.role_end else None,
        "sentence": evidence.sentence_index,
        "span_start": evidence.span.start,
        "span_end": evidence.span.end,
        "claim": mention.claim,
    }
