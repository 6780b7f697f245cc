"""How likely a coded event is to be right: a logistic model over what the coder knows.

An event is *right* when an analyst would code the same type, source and target from
its sentence. What makes one likely to be wrong is visible to the coder itself: which
dictionary gave the verb its sense (blocwatch's own table, the broad PETRARCH2 one, an
event noun, a word's valence), how each side was found (a known name, a new entity, an
agent noun, a pronoun, a place standing for its state, a coding convention), what the
event's status is, and what the sentence is like (a quotation, a question, long and
crowded with names, the event word deep in a subordinate clause).

:func:`event_features` turns one event record into those named features, among them
the hand-set score the coder gave before (:func:`hand_set_prior`), kept as a prior for
constructions the data hold few of; :class:`ConfidenceModel` weighs them with a logistic
regression whose weights live in ``data/events/confidence.json``, fitted on the
project's development data only (the PLOVER and PETRARCH-2 gold records and the
real-news development gold) by ``bench/event_confidence.py --write``, which also reports
its calibration and precision by cross-validation grouped by article. The score is meant
as a probability: on held-out folds, events scored 0.5 to 0.7 were right about 65% of
the time, those under 0.3 about 10%.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from blocwatch.data import data_path, read_text
from blocwatch.errors import ConfigError
from blocwatch.model import Event, EventActor, EventStatus, Token

if TYPE_CHECKING:
    from blocwatch.nlp.events.records import Coded
    from blocwatch.nlp.events.view import Participant, SentenceView

Features = dict[str, float]

_ORIGINS = ("petrarch2", "nominal", "evaluation")
"""Sense sources other than blocwatch's own verb table (the reference level)."""
_DERIVED = ("partner", "reverse", "co_target", "accusation")
"""Records made from another one: a coordinated partner, the other direction of a
mutual act, a coordinated target, the speaker's accusation behind a reported attack."""
_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "obj", "iobj"})


@dataclass(frozen=True, slots=True)
class RecordRoles:
    """The two sides of one event record and what kind of record it is."""

    source: Participant | None
    target: Participant | None
    status: EventStatus
    claimed_by: EventActor | None
    derived: str | None = None
    """One of :data:`_DERIVED`, or ``None`` for the record the coded event itself gives."""


_HOW_PENALTY = {
    "name": 0.0,
    "entity": 0.05,
    "agent": 0.25,
    "subtree": 0.2,
    "pronoun": 0.2,
    "place": 0.2,
    "implied": 0.45,
}


def hand_set_prior(coded: Coded, roles: RecordRoles) -> float:
    """The confidence the coder gave before the model, penalties set by hand: the model
    keeps it as one feature (``prior_logit``), so that constructions the development data
    hold few of (event nouns, implied targets) keep the judgement written for them."""
    sense = coded.sense
    target = None if sense.alone else coded.target
    mutual = sense.symmetric and bool(coded.partners)
    untargeted = target is None and not mutual and not sense.alone
    confidence = 0.9 - (0.45 if untargeted else 0.0)
    confidence -= {"blocwatch": 0.0, "nominal": 0.1, "evaluation": 0.45}.get(sense.origin, 0.3)
    confidence -= 0.1 if coded.noun else 0.0
    confidence -= 0.05 if coded.inherited else 0.0
    confidence -= 0.45 if coded.source is None else 0.0
    for side in (coded.source, target):
        if side is not None:
            confidence -= _HOW_PENALTY.get(side.how, 0.2)
    status = roles.status
    if roles.derived == "accusation":  # scored as the claim it stands behind, less 0.1
        status = coded.status.status
        status = EventStatus.CLAIMED if status is EventStatus.HAPPENED else status
    confidence -= 0.1 if status is EventStatus.CLAIMED else 0.0
    value = round(max(0.05, min(0.99, confidence)), 2)
    return round(max(0.05, value - 0.1), 2) if roles.derived == "accusation" else value


def event_features(
    coded: Coded, view: SentenceView, roles: RecordRoles, quad: int | None
) -> Features:
    """The named features of one event record (absent features are 0)."""
    prior = hand_set_prior(coded, roles)
    features: Features = {"bias": 1.0, "prior_logit": math.log(prior / (1 - prior))}
    sense = coded.sense
    if sense.origin in _ORIGINS:
        features[f"sense_{sense.origin}"] = 1.0
    features["sense_specific"] = float(sense.specificity > 0)
    features["event_noun"] = float(coded.noun)
    features["inherited_source"] = float(coded.inherited)
    features["retyped_by_status"] = float(coded.status.type is not None)
    features["mutual"] = float(sense.symmetric)
    for name, side in (("source", roles.source), ("target", roles.target)):
        features.update(_side(name, side, view, coded.anchor))
    if roles.source is not None and roles.target is not None:
        features["domestic"] = float(
            roles.source.actor.code is not None
            and roles.source.actor.code == roles.target.actor.code
        )
    features["planned"] = float(roles.status is EventStatus.PLANNED)
    features["claimed"] = float(roles.status is EventStatus.CLAIMED)
    features["negated"] = float(roles.status is EventStatus.NEGATED)
    if roles.derived is not None:
        features[f"derived_{roles.derived}"] = 1.0
    if quad is not None and quad > 1:
        features[f"quad_{quad}"] = 1.0
    features.update(_sentence(view, coded.anchor))
    return {k: v for k, v in features.items() if v}


def _side(name: str, side: Participant | None, view: SentenceView, anchor: Token) -> Features:
    if side is None:
        return {f"{name}_none": 1.0}
    features: Features = {}
    if side.how != "name":  # a way of finding actors added later is a feature of its own
        features[f"{name}_{side.how}"] = 1.0
    actor = side.actor
    features[f"{name}_person"] = float(side.is_person)
    features[f"{name}_without_state"] = float(actor.code is None)
    if side.token < 0:
        features[f"{name}_speaker"] = 1.0  # who says the sentence, not a word of it
        return features
    token = view.tokens[side.token]
    features[f"{name}_distance"] = min(abs(side.token - anchor.i), 20) / 10
    features[f"{name}_{_slot(view, token, anchor)}"] = 1.0
    # "Mexico exports", "U.N. sanctions": the phrase names a thing its modifier owns.
    features[f"{name}_common_noun_head"] = float(token.pos == "NOUN" and not token.ent_type)
    if name == "source":
        features["source_after_event_word"] = float(side.token > anchor.i)
    else:
        features["target_place_name"] = float(
            token.ent_type in _PLACES and actor.actor_id == actor.code
        )
    return features


def _slot(view: SentenceView, token: Token, anchor: Token) -> str:
    """Where the side's word sits: ``subject``, ``passive_subject`` ("X was attacked"),
    ``by_agent`` ("was shot down by Y"),
    ``possessor`` ("Russia's invasion"), ``object`` (direct or dative), ``prep_object``
    (a preposition on the event word or its object: "met with Y", "sanctions on Y"), or
    ``elsewhere`` (found by a wider search)."""
    while token.dep == "conj":  # "X and Y": Y sits where X does
        first = view.head(token)
        if first is None or first.i == token.i:
            break
        token = first
    head = view.head(token)
    if token.dep in _SUBJECTS:
        return "subject"
    if token.dep == "nsubjpass":
        return "passive_subject"
    if token.dep == "poss":
        return "possessor"
    if token.dep in _OBJECTS:
        return "object"
    if token.dep == "pobj" and head is not None:
        if head.dep == "agent":
            return "by_agent"
        governor = view.head(head)
        if governor is not None and (
            governor.i == anchor.i or (view.head(governor) or governor).i == anchor.i
        ):
            return "prep_object"
    return "elsewhere"


def _sentence(view: SentenceView, anchor: Token) -> Features:
    tokens = view.tokens
    entities = sum(1 for t in tokens if t.ent_type in _ENTITIES and t.ent_iob == "B")
    depth, current = 0, anchor
    for _ in range(12):  # the verbs above the event word: the clauses it is inside
        head = view.head(current)
        if head is None or head.i == current.i:
            break
        depth, current = depth + (head.pos in {"VERB", "AUX"}), head
    return {
        "question": float(any(t.text == "?" for t in tokens[-2:])),
        "sentence_length": min(len(tokens), 80) / 40,
        "entities_in_sentence": min(entities, 8) / 4,
        "clause_depth": min(depth, 4) / 2,
    }


Pending = tuple[Event, Features]
"""An event record and its features, before its article is read through and it is rated."""


def corroborate(pending: list[Pending]) -> list[Pending]:
    """Each record with ``corroborated`` set when another sentence of the article gives the
    same act by the same actor to the same actor: a fact told twice is rarely a misreading
    told twice ("Obama met Putin ... The two leaders' meeting ..."). On the development
    folds, records of middling confidence were right about nine times in ten when
    corroborated, against about half when told once."""
    facts = [_fact(event) for event, _ in pending]
    told: dict[tuple[str, str, str], set[int]] = {}
    for (event, _), fact in zip(pending, facts, strict=True):
        if fact is not None:
            told.setdefault(fact, set()).add(event.evidence.sentence_index)
    return [
        (event, {**features, "corroborated": 1.0})
        if fact is not None and told[fact] - {event.evidence.sentence_index}
        else (event, features)
        for (event, features), fact in zip(pending, facts, strict=True)
    ]


def _fact(event: Event) -> tuple[str, str, str] | None:
    """Type, doer and target of a record with both sides, by actor id (name when new)."""
    if event.source is None or event.target is None:
        return None
    source = event.source.actor_id or event.source.name
    target = event.target.actor_id or event.target.name
    return (event.type, source, target)


class ConfidenceModel:
    """A logistic regression over :func:`event_features`: ``score`` is P(right)."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.weights = dict(weights)

    def score(self, features: Mapping[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidence(self, features: Mapping[str, float]) -> float:
        """The score as events carry it: two decimals, never quite 0 or 1."""
        return round(min(0.99, max(0.01, self.score(features))), 2)

    def rate(self, event: Event, features: Features) -> Event:
        """``event`` with the confidence its features give."""
        return replace(event, confidence=self.confidence(features))

    @classmethod
    def from_json(cls, text: str, origin: str = "confidence.json") -> ConfidenceModel:
        try:
            data = json.loads(text)
            weights = {str(k): float(v) for k, v in data["weights"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ConfigError(f"{origin}: not a confidence model ({error})") from error
        return cls(weights)


@cache
def default_confidence_model() -> ConfidenceModel:
    """The shipped model (``data/events/confidence.json``)."""
    name = "events/confidence.json"
    return ConfidenceModel.from_json(read_text(name), origin=data_path(name))
