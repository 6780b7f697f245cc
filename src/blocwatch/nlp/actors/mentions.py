"""What the recogniser's mentions become outside it: mentions with evidence, actor records
and export rows."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from blocwatch.model import Actor, ActorKind, Evidence, Mention, Role, Sector, Sentence, Span
from blocwatch.nlp.actors.dictionary import ActorDictionary
from blocwatch.nlp.actors.matcher import BY_NAME


@dataclass(slots=True)
class Found:
    """A mention the recogniser is building; :func:`to_mentions` turns it into a :class:`Mention`."""

    start: int
    end: int
    actor_id: str
    kind: ActorKind
    country: str | None
    role: str | None = None
    role_start: date | None = None
    role_end: date | None = None
    claim: bool = False
    via: int = BY_NAME
    titled: bool = False
    sector: Sector | None = None


def to_mentions(
    article_id: str, text: str, sentences: Sequence[Sentence], found: Iterable[Found]
) -> list[Mention]:
    """Each found mention with the sentence it falls in and its exact span as evidence."""
    starts = [s.span.start for s in sentences]
    mentions = []
    for f in found:
        index = max(0, bisect.bisect_right(starts, f.start) - 1)
        sentence_index = sentences[index].index if sentences else 0
        words = text[f.start : f.end]
        mentions.append(
            Mention(
                actor_id=f.actor_id,
                name=words,
                kind=f.kind,
                evidence=Evidence(article_id, sentence_index, Span(f.start, f.end), words),
                country=f.country,
                role=f.role,
                role_start=f.role_start,
                role_end=f.role_end,
                claim=f.claim,
                sector=f.sector,
            )
        )
    return mentions


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
