"""From a coded event to its records: directions, partners, confidence and evidence.

The coder (:mod:`~blocwatch.nlp.events.coder`) finds what happened in a sentence as a
:class:`Coded`; :func:`event_records` turns it into :class:`~blocwatch.model.Event`
records as CAMEO and PLOVER count them (a meeting both ways, one record per coordinated
actor) with the confidence pages filter on.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from blocwatch.model import (
    DatePrecision,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Sector,
    Sentence,
    Span,
    TimeExpression,
    Token,
)
from blocwatch.nlp.events.confidence import Pending, RecordRoles, event_features
from blocwatch.nlp.events.lexicon import Sense, default_lexicon
from blocwatch.nlp.events.ontology import SYMMETRIC_TYPES, goldstein, quad_class
from blocwatch.nlp.events.status import Status
from blocwatch.nlp.events.view import Participant, SentenceView


def place_prepositions() -> frozenset[str]:
    """Prepositions that put an event at a named place: the lexicon's grammar reads them
    from ``data/events/grammar_en.toml`` with the file's other closed-class words."""
    return default_lexicon().grammar.place_prepositions


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
    construction: str | None = None
    """The name of the general construction that found the event or one of its roles
    beyond a verb's own subject and object ("clause_target", "warning_clause", ...), so
    that what each construction adds can be measured and weighed; ``None`` for the plain
    verb frame."""


def event_records(
    article_id: str,
    text: str,
    sentence: Sentence,
    view: SentenceView,
    coded: Coded,
    times: Sequence[TimeExpression],
    published: datetime | None,
    speaker: EventActor | None,
) -> list[Pending]:
    """The event records of one coded event: both directions of a mutual act, one per
    coordinated partner or target, and the speaker's accusation behind a reported
    attack; with date, place, evidence and the features the confidence model weighs
    (rated once the whole article is read: :func:`~.confidence.corroborate`)."""
    sense, status = coded.sense, coded.status
    target = None if sense.alone else coded.target
    mutual_act = sense.symmetric and (status.type or sense.type) in SYMMETRIC_TYPES
    # "Czechia and Albania restored ties": the text makes both agents, whatever the type.
    mutual = sense.symmetric and bool(coded.partners)
    claimed_by = status.claimed_by or speaker
    event_status = status.status
    source = coded.source.actor if coded.source else None
    if claimed_by is not None and source is not None and claimed_by.code == source.code:
        claimed_by = None  # one's own announcement is not a claim about another
        if event_status is EventStatus.CLAIMED:
            event_status = EventStatus.HAPPENED
    elif claimed_by is not None and event_status is EventStatus.HAPPENED:
        event_status = EventStatus.CLAIMED
    cameo = status.cameo or sense.cameo
    span = _span_of(view, sentence, coded.anchor)
    base = Event(
        type=status.type or sense.type,
        source=source,
        target=target.actor if target else None,
        evidence=Evidence(article_id, sentence.index, span, text[span.start : span.end]),
        mode=sense.mode,
        cameo=cameo,
        goldstein=goldstein(cameo),
        quad_class=quad_class(cameo),
        date=_date_for(times, sentence, coded.anchor, published),
        place=_place(view, coded.anchor),
        status=event_status,
        claimed_by=claimed_by,
    )
    roles = RecordRoles(coded.source, target, event_status, claimed_by)
    records = _records(coded, base, roles, mutual_act, mutual)
    return [
        (event, event_features(coded, view, record_roles, event.quad_class))
        for event, record_roles in records
    ]


_Record = tuple[Event, RecordRoles]


def _records(
    coded: Coded, base: Event, roles: RecordRoles, mutual_act: bool, mutual: bool
) -> list[_Record]:
    """The base record, both directions of a mutual act, one record per coordinated
    partner or target, and the speaker's accusation behind a reported attack."""
    source, target, sense = coded.source, roles.target, coded.sense
    found: list[_Record] = [(base, roles)]
    if source is None:
        return found

    def add(src: Participant, tgt: Participant | None, derived: str | None) -> None:
        event = replace(base, source=src.actor, target=tgt.actor if tgt else None)
        found.append((event, replace(roles, source=src, target=tgt, derived=derived)))

    if target is not None:
        # "X and Y met Z": each of X and Y with Z (and Z with each, when mutual).
        for side in [source, *coded.partners]:
            if side is not source:
                add(side, target, "partner")
            if mutual_act:
                add(target, side, "reverse")
    elif mutual:
        # "X and Y agreed": each is the other's partner, both ways.
        found.clear()
        sides = [source, *coded.partners]
        for a in sides:
            for b in sides:
                if a is not b:
                    add(a, b, None if a is source else "reverse" if b is source else "partner")
    else:
        for partner in coded.partners:
            add(partner, None, "partner")
    if target is not None:
        # "X recognised A and B": the same act toward each.
        for other in coded.co_targets:
            add(source, other, "co_target")
            if sense.symmetric:
                add(other, source, "reverse")
    accusation = _speakers_accusation(base, roles, source)
    if accusation is not None:
        found.append(accusation)
    return found


def _speakers_accusation(base: Event, roles: RecordRoles, source: Participant) -> _Record | None:
    """ "Lavrov said the US attacked Armenia" is also Lavrov accusing the US: a speaker
    who reports a hostile act (quad class 3 or 4) by another actor, unless the report
    denies it, accuses that actor; the accusation happened whether or not the act did.
    Reporting another's criticism ("X said Y condemned Z") relays it, and accuses nobody.
    A news outlet that reports it ("..., DPA reported") tells the news, it accuses nobody."""
    claimed_by = roles.claimed_by
    if (
        claimed_by is None
        or claimed_by.sector is Sector.MEDIA
        or roles.status is EventStatus.NEGATED
        or base.quad_class is None
        or base.quad_class < 3
        or base.type == "ACCUSE"
        or base.source is None
        or claimed_by.code == base.source.code
    ):
        return None
    accusation = replace(
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
    )
    speaker = Participant(claimed_by, "speaker", -1)
    return accusation, RecordRoles(
        speaker, source, EventStatus.HAPPENED, None, derived="accusation"
    )


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
