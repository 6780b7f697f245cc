"""From a coded event to its records: directions, partners, confidence and evidence.

The coder (:mod:`~blocwatch.nlp.events.coder`) finds what happened in a sentence as a
:class:`Coded`; :func:`event_records` turns it into :class:`~blocwatch.model.Event`
records as CAMEO and PLOVER count them (a meeting both ways, one record per coordinated
actor) with the confidence pages filter on.
"""

from __future__ import annotations

import bisect
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from importlib import resources

from blocwatch.model import (
    DatePrecision,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Sentence,
    Span,
    TimeExpression,
    Token,
)
from blocwatch.nlp.events.lexicon import Sense
from blocwatch.nlp.events.ontology import SYMMETRIC_TYPES, goldstein, quad_class
from blocwatch.nlp.events.roles import Participant, SentenceView
from blocwatch.nlp.events.status import Status


@cache
def place_prepositions() -> frozenset[str]:
    """Prepositions that put an event at a named place (``place_prepositions`` in
    ``data/events/grammar_en.toml``)."""
    path = resources.files("blocwatch").joinpath("data/events/grammar_en.toml")
    return frozenset(tomllib.loads(path.read_text("utf-8"))["place_prepositions"])


@dataclass(frozen=True, slots=True)
class Coded:
    """One event found in a sentence, before it becomes a record."""

    sense: Sense
    source: Participant | None
    """``None`` when the sentence leaves the doer unnamed ("a drone was shot down")."""
    target: Participant | None
    status: Status
    anchor: Token
    partners: tuple[Participant, ...] = ()
    """Other actors coordinated with the source ("X and Y agreed")."""
    co_targets: tuple[Participant, ...] = ()
    """Other actors coordinated with the target ("recognised Abkhazia and South Ossetia")."""
    noun: bool = False
    inherited: bool = False


def event_records(
    article_id: str,
    text: str,
    sentence: Sentence,
    view: SentenceView,
    coded: Coded,
    times: Sequence[TimeExpression],
    published: datetime | None,
    speaker: EventActor | None,
) -> list[Event]:
    """The event records of one coded event: both directions of a mutual act, one per
    coordinated partner or target, and the speaker's accusation behind a reported
    attack; with confidence, date, place and evidence."""
    sense, status = coded.sense, coded.status
    target = None if sense.alone else coded.target
    mutual_act = sense.symmetric and (status.type or sense.type) in SYMMETRIC_TYPES
    # "Czechia and Albania restored ties": the text makes both agents, whatever the type.
    mutual = sense.symmetric and bool(coded.partners)
    # No target puts an event below the default view, whatever its type: "Britain
    # blocked any discussion" or "troops withdrew" says too little to check or count.
    untargeted = target is None and not mutual and not sense.alone
    confidence = 0.9 - (0.45 if untargeted else 0.0)
    # A judgement read from a word's valence stays below the default view.
    confidence -= {"blocwatch": 0.0, "nominal": 0.1, "evaluation": 0.45}.get(sense.origin, 0.3)
    confidence -= 0.1 if coded.noun else 0.0
    confidence -= 0.05 if coded.inherited else 0.0
    # An unnamed doer stays below the default view, as a missing target does.
    confidence -= 0.45 if coded.source is None else 0.0
    for side in (coded.source, target):
        if side is None:
            continue
        confidence -= {
            "name": 0,
            "entity": 0.05,
            "agent": 0.25,
            "subtree": 0.2,
            "pronoun": 0.2,
            "place": 0.2,
            "implied": 0.45,
        }[side.how]
    claimed_by = status.claimed_by or speaker
    event_status = status.status
    source = coded.source.actor if coded.source else None
    if claimed_by is not None and source is not None and claimed_by.code == source.code:
        claimed_by = None  # one's own announcement is not a claim about another
        if event_status is EventStatus.CLAIMED:
            event_status = EventStatus.HAPPENED
    elif claimed_by is not None and event_status is EventStatus.HAPPENED:
        event_status = EventStatus.CLAIMED
    if event_status is EventStatus.CLAIMED:
        confidence -= 0.1
    cameo = status.cameo or sense.cameo
    event_type = status.type or sense.type
    span = _span_of(view, sentence, coded.anchor)
    evidence = Evidence(article_id, sentence.index, span, text[span.start : span.end])
    date_value = _date_for(times, sentence, coded.anchor, published)
    place = _place(view, coded.anchor)
    base = Event(
        type=event_type,
        source=source,
        target=target.actor if target else None,
        evidence=evidence,
        mode=sense.mode,
        cameo=cameo,
        goldstein=goldstein(cameo),
        quad_class=quad_class(cameo),
        date=date_value,
        place=place,
        status=event_status,
        claimed_by=claimed_by,
        confidence=round(max(0.05, min(0.99, confidence)), 2),
    )
    events = [base]
    if coded.source is None:
        return events
    if target is not None:
        # "X and Y met Z": each of X and Y with Z (and Z with each, when mutual).
        for side in [coded.source, *coded.partners]:
            if side is not coded.source:
                events.append(replace(base, source=side.actor))
            if mutual_act:
                events.append(replace(base, source=target.actor, target=side.actor))
    elif mutual:
        # "X and Y agreed": each is the other's partner, both ways.
        sides = [coded.source, *coded.partners]
        events = [
            replace(base, source=a.actor, target=b.actor)
            for a in sides
            for b in sides
            if a is not b
        ]
    else:
        events.extend(replace(base, source=p.actor) for p in coded.partners)
    if target is not None:
        # "X recognised A and B": the same act toward each.
        for other in coded.co_targets:
            events.append(replace(base, target=other.actor))
            if sense.symmetric:
                events.append(replace(base, source=other.actor, target=coded.source.actor))
    if (
        claimed_by is not None
        and event_status is not EventStatus.NEGATED
        and base.quad_class is not None
        and base.quad_class >= 3
        and base.source is not None
        and claimed_by.code != base.source.code
    ):
        # "Lavrov said the US attacked Armenia" is also Lavrov accusing the US.
        events.append(
            replace(
                base,
                type="ACCUSE",
                cameo="112",
                goldstein=goldstein("112"),
                quad_class=quad_class("112"),
                mode=None,
                source=claimed_by,
                target=base.source,
                status=EventStatus.HAPPENED,
                claimed_by=None,
                confidence=round(max(0.05, base.confidence - 0.1), 2),
            )
        )
    return events


def _span_of(view: SentenceView, sentence: Sentence, anchor: Token) -> Span:
    """The evidence span: the clause of the event's word (its subtree, and the subtree of
    the verb it depends on when it is a governed verb or a noun)."""
    del sentence
    root = anchor
    head = view.head(anchor)
    if head is not None and anchor.dep in {"xcomp", "dobj", "pobj", "attr"}:
        root = head
    stack, start, end = [root], root.start, root.end
    while stack:
        token = stack.pop()
        start, end = min(start, token.start), max(end, token.end)
        stack.extend(c for c in view.kids(token) if c.dep not in {"punct", "cc", "parataxis"})
    return Span(start, end)


def _date_for(
    times: Sequence[TimeExpression],
    sentence: Sentence,
    anchor: Token,
    published: datetime | None,
) -> str | None:
    """The sentence's own date nearest the event word, else the article's day."""
    starts = [t.evidence.span.start for t in times]
    lo = bisect.bisect_left(starts, sentence.span.start)
    hi = bisect.bisect_left(starts, sentence.span.end)
    precise = [t for t in times[lo:hi] if t.precision is not DatePrecision.YEAR]
    if precise:
        return min(precise, key=lambda t: abs(t.evidence.span.start - anchor.start)).value
    return published.date().isoformat() if published else None


def _place(view: SentenceView, anchor: Token) -> str | None:
    for prep in view.kids(anchor, "prep"):
        if prep.lemma.lower() in place_prepositions():
            for obj in view.kids(prep, "pobj"):
                if obj.ent_type in {"GPE", "LOC", "FAC"}:
                    return obj.text
    return None
