"""Criticism in words: a speaker's negative judgement of an actor, reported as speech.

Much criticism in news is not a verb of criticising but a judgement in reported speech:
"X said Y's answers were evasive", "X said Y was irresponsible", "X called Y's plan
reckless". The judged actor is the subject of the reported clause (or its possessor), or
the object of the verb of naming; the judgement is the clause's predicate, read in
VADER's human-rated valence lexicon (the one :mod:`blocwatch.nlp.tone` uses). A clearly
negative predicate makes a criticism (CAMEO 111) by the speaker of the judged actor.
Words of suffering ("victim", "injured") judge nobody and are left out (a data list).

A finding of fault is the same act done by a body that rules: "a panel found the United
States in breach of the agreement", "the court found Y guilty", "held Y responsible". The
one found is the verb's object or the subject of its small clause; the fault is a
predicate of culpability (``culpability_predicates`` in the grammar, with its CAMEO code).
"""

from __future__ import annotations

from collections.abc import Callable

from blocwatch.model import Token
from blocwatch.nlp.events.lexicon import Grammar
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.view import Participant, SentenceView

NEGATIVE_VALENCE = -1.5
"""A word at or below this VADER valence (the scale runs from -4 to +4) is a clearly
negative judgement: "reckless" -1.7, "irresponsible" -1.9, "liar" -2.3."""


def judged_actor(
    view: SentenceView,
    finder: ActorFinder,
    verb: Token,
    grammar: Grammar,
    valence: Callable[[str], float],
) -> Participant | None:
    """The actor a speaker's verb judges negatively, or ``None``."""
    lemma = verb.lemma.lower()
    if lemma in grammar.naming_verbs:
        objects = view.kids(verb, "dobj")
        predicates = view.kids(verb, "oprd")
        if not predicates and len(objects) == 2:
            # "labelled Belarus a threat", parsed as two objects: the second is the label.
            objects, predicates = objects[:1], objects[1:]
        for predicate in predicates:
            for named in objects:
                if _negative(view, predicate, grammar, valence):
                    return _actor_or_owner(view, finder, named)
    if lemma not in grammar.speech_verbs or lemma in grammar.denial_verbs:
        return None
    for clause in view.kids(verb, "ccomp"):
        if clause.lemma.lower() not in grammar.copulas or view.kids(clause, "neg"):
            continue
        for predicate in view.kids(clause, "acomp", "attr"):
            if not _negative(view, predicate, grammar, valence):
                continue
            for subject in view.kids(clause, "nsubj"):
                found = _actor_or_owner(view, finder, subject)
                if found is not None:
                    return found
    return None


def _negative(
    view: SentenceView, predicate: Token, grammar: Grammar, valence: Callable[[str], float]
) -> bool:
    if view.kids(predicate, "neg"):
        return False
    words = [predicate, *view.kids(predicate, "amod", "advmod")]
    lemmas = [w.lemma.lower() for w in words] + [w.text.lower() for w in words]
    if any(word in grammar.suffering_words for word in lemmas):
        return False
    return min(valence(word) for word in lemmas) <= NEGATIVE_VALENCE


def _actor_or_owner(view: SentenceView, finder: ActorFinder, head: Token) -> Participant | None:
    """ "Y" in "Y was reckless", or in "Y's answers were evasive"."""
    if head.pos == "PRON":
        return None  # "he said it was a disgrace": "it" is a situation, not an actor
    actors = finder.actors(view, head)
    if not actors:
        actors = [a for owner in view.kids(head, "poss") for a in finder.actors(view, owner)]
    return actors[0] if actors else None


def found_at_fault(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> tuple[Participant, str] | None:
    """The actor a verb of finding declares at fault, and the CAMEO code of the finding:
    "found Y in breach of", "found that Y was in breach", "found Y guilty"."""
    if verb.lemma.lower() not in grammar.verdict_verbs:
        return None
    # "found Y in breach", "found Y guilty": the object and its predicate hang on the verb.
    pairs = [(o, verb) for o in view.kids(verb, "dobj")]
    # "found Y guilty" parsed as a small clause, "found that Y was in breach".
    for clause in view.kids(verb, "ccomp", "xcomp", "oprd"):
        pairs += [(s, clause) for s in view.kids(clause, "nsubj", "nsubjpass")]
    for found, holder in pairs:
        code = _culpability(view, holder, grammar)
        if code is None or found.pos == "PRON" or _negated(view, holder):
            continue
        actors = finder.actors(view, found)
        if actors:
            return actors[0], code
    return None


def _culpability(view: SentenceView, holder: Token, grammar: Grammar) -> str | None:
    """The code of a predicate of fault the holder carries: itself ("guilty" as the
    clause), an adjective or noun predicate, or the object of a preposition of state ("in
    breach")."""
    table = grammar.culpability_predicates
    words = [holder, *view.kids(holder, "acomp", "oprd", "attr", "ccomp")]
    words += [
        o
        for p in view.kids(holder, "prep")
        if p.lemma.lower() in grammar.culpability_prepositions
        for o in view.kids(p, "pobj")
    ]
    for word in words:
        if word is not holder or holder.pos in {"ADJ", "NOUN"}:
            code = table.get(word.lemma.lower())
            if code is not None:
                return code
    return None


def _negated(view: SentenceView, token: Token) -> bool:
    return bool(view.kids(token, "neg"))
