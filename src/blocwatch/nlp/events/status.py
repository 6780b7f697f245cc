"""Whether an event happened, is planned, was refused, negated or only claimed.

Read from the words that govern the event's verb, as CAMEO reads them:

* a negation on the verb ("did not attack") makes it ``negated``; a negated plan to
  cooperate ("will not provide aid") is a refusal, coded as REJECT;
* a modal ("will meet"), a plan verb ("plans to visit", "is expected to sign") or an
  adjective of readiness ("is ready to impose sanctions") make it ``planned``, with the
  CAMEO code of the intent (03x) or threat (13x) an announced action is coded with;
  a planned meeting keeps its 04 code;
* a refusal verb ("refused to meet", "failed to agree") makes it a REJECT, except for a
  criticism or threat it only withholds ("declined to condemn Y": ``negated``); a verb of
  avoidance ("avoided condemning Y", "refrained from criticising Y") negates it;
* a verb of saying above it ("X said Y attacked Z") makes it X's ``claimed`` event, and
  a verb of denial ("X denied that Y attacked Z") a ``negated`` one; "has yet to sign" and
  "will no longer tolerate" are negations too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from blocwatch.model import EventActor, EventStatus, Token
from blocwatch.nlp.events.lexicon import Grammar, Sense
from blocwatch.nlp.events.ontology import COOPERATIVE_TYPES, REJECT_CODE, intent_code

THREAT_CODE = "130"

if TYPE_CHECKING:
    from blocwatch.nlp.events.roles import ActorFinder
    from blocwatch.nlp.events.view import SentenceView

_SPEECH_ACT_TYPES = frozenset({"AGREE", "THREATEN", "REQUEST", "ACCUSE", "REJECT"})
_GOVERNED = frozenset({"xcomp", "ccomp", "conj", "advcl", "acomp"})


@dataclass(frozen=True, slots=True)
class Status:
    status: EventStatus
    type: str | None = None
    """A type that replaces the sense's (a refusal is a REJECT)."""
    cameo: str | None = None
    """A code that replaces the sense's (the intent or threat code of a plan)."""
    claimed_by: EventActor | None = None


def status_of(
    view: SentenceView, token: Token, sense: Sense, grammar: Grammar, finder: ActorFinder
) -> Status:
    negated = _negated(view, token) or _avoided(view, token, grammar)
    planned = _modal(view, token, grammar)
    refused = False
    claimed_by: EventActor | None = None
    current = token
    for _ in range(6):
        head = view.head(current)
        if head is None or current.dep not in _GOVERNED:
            break
        lemma = head.lemma.lower()
        if current.dep in {"xcomp", "acomp"} or head.pos == "ADJ":
            if lemma in grammar.refusal_verbs:
                refused = not _negated(view, head)
            elif lemma in grammar.plan_verbs or lemma in grammar.readiness_adjectives:
                planned = True
            negated = negated or _negated(view, head) or _not_yet(view, head, grammar)
            planned = planned or _modal(view, head, grammar)
        elif current.dep == "ccomp" and lemma in (
            grammar.speech_verbs | grammar.denial_verbs | grammar.warning_verbs
        ):
            for subject in view.kids(head, "nsubj"):
                actors = finder.actors(view, subject)
                if actors:
                    claimed_by = actors[0].actor
            # "X denied that Y attacked Z": the speaker says it did not happen.
            negated = negated or lemma in grammar.denial_verbs
            break
        current = head
    if refused and sense.type in grammar.withheld_types:
        refused, negated = False, True
    if refused or (negated and planned and sense.type in COOPERATIVE_TYPES):
        return Status(EventStatus.HAPPENED, "REJECT", REJECT_CODE, claimed_by)
    if negated:
        return Status(EventStatus.NEGATED, claimed_by=claimed_by)
    if planned and sense.type not in _SPEECH_ACT_TYPES:
        if sense.type == "CONSULT":
            return Status(EventStatus.PLANNED, claimed_by=claimed_by)
        if _conditional(view, token, grammar):
            # "will boycott the talks unless ...": CAMEO codes a conditional plan as a threat.
            return Status(EventStatus.PLANNED, cameo=THREAT_CODE, claimed_by=claimed_by)
        code = intent_code(sense.type, sense.mode, sense.cameo)
        return Status(EventStatus.PLANNED, cameo=code, claimed_by=claimed_by)
    if claimed_by is not None:
        return Status(EventStatus.CLAIMED, claimed_by=claimed_by)
    return Status(EventStatus.HAPPENED)


def _conditional(view: SentenceView, token: Token, grammar: Grammar) -> bool:
    """A planned act under a condition ("will boycott the talks unless ..."): CAMEO codes
    it as a threat."""
    return any(
        m.lemma.lower() in grammar.condition_markers
        for clause in view.kids(token, "advcl")
        for m in view.kids(clause, "mark")
    )


def _avoided(view: SentenceView, token: Token, grammar: Grammar) -> bool:
    """ "avoided condemning Y", "refrained from criticising Y": the verb (or the
    preposition it hangs on) is governed by a verb of avoidance."""
    head = view.head(token)
    if head is not None and token.dep == "pcomp" and head.dep == "prep":
        head = view.head(head)
    elif token.dep != "xcomp":
        return False
    return head is not None and head.lemma.lower() in grammar.avoidance_verbs


def _not_yet(view: SentenceView, governor: Token, grammar: Grammar) -> bool:
    """ "has yet to sign", "is yet to meet": the governed act has not happened."""
    return any(c.lemma.lower() in grammar.not_yet_adverbs for c in view.kids(governor, "advmod"))


def _negated(view: SentenceView, token: Token) -> bool:
    """A negation on the verb, on one of its auxiliaries ("never will accept"), or on the
    stranded "do" it is coordinated with ("does not, and never will, accept")."""
    words = [token, *view.kids(token, "aux")]
    head = view.head(token)
    if token.dep == "conj" and head is not None and head.lemma.lower() == "do":
        words.append(head)
    return any(
        c.dep == "neg"
        or (c.dep == "advmod" and c.lemma.lower() in {"never", "no"})
        # "will no longer tolerate"
        or (c.dep == "advmod" and any(n.dep == "neg" for n in view.kids(c, "neg")))
        for word in words
        for c in view.kids(word)
    )


def _modal(view: SentenceView, token: Token, grammar: Grammar) -> bool:
    return any(c.lemma.lower() in grammar.modal_auxiliaries for c in view.kids(token, "aux"))
