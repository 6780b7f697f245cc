"""What a phrase that points back stands for, when it is no person: an earlier act, or the
body the sentence before was about. ("He" and "she" are read in :mod:`.pronouns`.)

* **An act named again.** A criticism, rejection or endorsement whose object is "the
  attack", "the test" or "this decision" names no doer: the reader takes the act the
  article last told of, of that kind, and its doer is whom the criticism is aimed at. The
  acts come from two places, both read in text order: the events already coded in earlier
  sentences (their type), and nouns with a named owner ("North Korea's test", "Russia
  conducted its test"; their lemma). Only a definite noun with no owner of its own is
  read this way, and only within a few sentences.
* **"It" and "they".** At the head of a sentence they stand for the state or body the
  sentence before was about ("The Arab League met in Cairo. It condemned ..."), when the
  number agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from blocwatch.model import EventActor, Token
from blocwatch.nlp.events.view import Participant, SentenceView

if TYPE_CHECKING:
    from blocwatch.nlp.events.lexicon import Lexicon
    from blocwatch.nlp.events.records import Coded
    from blocwatch.nlp.events.roles import ActorFinder

REACH = 4
"""How many sentences back an act may lie."""
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_REFLEXIVE = frozenset({"its", "their"})
_WHEN = frozenset({"DATE", "TIME"})


@dataclass
class Antecedents:
    """The acts an article has told of so far, with their doers, newest last, and the
    body or state the sentence before was about."""

    acts: list[tuple[int, str, EventActor]] = field(default_factory=list)
    subject: tuple[int, Participant, bool] | None = None
    """The last sentence's main subject when it is a state or a body (not a person), with
    whether it is plural: what "it" or "they" at the head of the next one stands for."""

    def subject_for(self, pronoun: Token, sentence: int, *, plural: bool) -> Participant | None:
        """ "The Security Council met on Friday. It condemned the test": the body the
        sentence before was about, for a subject pronoun of the same number in the very
        next sentence; nobody otherwise."""
        if pronoun.dep != "nsubj" or self.subject is None:
            return None
        at, subject, many = self.subject
        if sentence - at != 1 or many != plural:
            return None
        return Participant(subject.actor, "pronoun", pronoun.i)

    def add(self, sentence: int, key: str, doer: EventActor) -> None:
        self.acts.append((sentence, key, doer))

    def doer(self, keys: set[str], sentence: int) -> EventActor | None:
        """The doer of the latest earlier act under one of ``keys``, within reach."""
        for at, key, doer in reversed(self.acts):
            if at >= sentence:
                continue
            if sentence - at > REACH:
                return None
            if key in keys:
                return doer
        return None


def remember_acts(
    acts: Antecedents,
    sentence: int,
    view: SentenceView,
    finder: ActorFinder,
    coded: Sequence[Coded],
) -> None:
    """Keep the one-way acts of a sentence (by type) and its nouns with a named owner
    (by lemma) for the sentences that follow."""
    for event in coded:
        if event.source is not None and not event.sense.symmetric:
            acts.add(sentence, f"type:{event.sense.type}", event.source.actor)
    acts.subject = _main_subject(sentence, view, finder)
    for noun in view.tokens:
        if noun.pos != "NOUN":
            continue
        owner = _named_owner(view, finder, noun)
        if owner is not None:
            acts.add(sentence, f"lemma:{noun.lemma.lower()}", owner)


def _main_subject(
    sentence: int, view: SentenceView, finder: ActorFinder
) -> tuple[int, Participant, bool] | None:
    """The main clause's subject, when it names one state or body that is no person."""
    for root in view.tokens:
        if root.dep != "ROOT":
            continue
        for subject in view.kids(root, "nsubj"):
            actors = finder.actors(view, subject)
            if len(actors) != 1 or actors[0].is_person:
                return None
            if subject.pos == "PRON":
                # "It later invaded Ukraine": the body it stands for stays the topic.
                topic = finder.antecedents.subject
                return (
                    (sentence, *topic[1:]) if topic and topic[1].actor == actors[0].actor else None
                )
            plural = subject.tag in {"NNS", "NNPS"} or bool(view.kids(subject, "conj"))
            return sentence, actors[0], plural
    return None


def _named_owner(view: SentenceView, finder: ActorFinder, noun: Token) -> EventActor | None:
    """ "North Korea's test": the possessor; "Russia conducted its test": the subject of
    the verb whose object the noun is, for a possessive "its" or "their"."""
    for poss in view.kids(noun, "poss"):
        if poss.text.lower() in _REFLEXIVE and noun.dep == "dobj":
            verb = view.head(noun)
            subjects = view.kids(verb, "nsubj") if verb is not None else []
            owners = [a for s in subjects if s.pos != "PRON" for a in finder.actors(view, s)]
        elif poss.pos == "PRON":
            return None
        else:
            owners = finder.actors(view, poss)
        return owners[0].actor if len(owners) == 1 else None
    return None


def antecedent_owner(
    view: SentenceView, finder: ActorFinder, verb: Token, lexicon: Lexicon
) -> Participant | None:
    """The doer of the earlier act a definite object with no owner of its own stands for:
    "condemned the attack", "welcomed the decision". An object that names its owner or
    what it is of ("the attack on Y", "Y's decision") is left to the sentence."""
    for act in view.kids(verb, "dobj"):
        if not any(d.lemma.lower() in _DEFINITE for d in view.kids(act, "det")):
            continue
        owned = [p for p in view.kids(act, "poss", "prep") if p.ent_type not in _WHEN]
        if owned or any(finder.actors(view, m) for m in view.kids(act, "compound", "amod")):
            continue  # "Friday's test" is still nobody's
        lemma = act.lemma.lower()
        keys = {f"lemma:{lemma}"} | {f"type:{s.type}" for s in lexicon.act_senses(lemma)}
        doer = finder.antecedents.doer(keys, finder.sentence)
        if doer is not None:
            return Participant(doer, "pronoun", act.i)
    return None
