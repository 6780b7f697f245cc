"""Criticism and praise in words: a speaker's judgement of an actor, said as speech.

Much criticism in news is not a verb of criticising but a judgement in reported speech:
"X said Y's answers were evasive", "X said Y was irresponsible", "X called Y's plan
reckless". The judged actor is the subject of the reported clause (or its possessor), or
the object of the verb of naming; the judgement is the clause's predicate, read in
VADER's human-rated valence lexicon (the one :mod:`blocwatch.nlp.tone` uses). A clearly
negative predicate makes a criticism (CAMEO 111) by the speaker of the judged actor, clear
praise a support (051). A quotation's own clause judges the same way ("'She is a
disgrace'"), and so does a verb of wrongdoing there ("'she has been disrespecting our
veterans'"): the quotation's speaker is the judge (:mod:`.speech_acts`). Words of
suffering and of feeling ("victim", "angry") judge nobody and are left out (a data list).

A finding of fault is the same act done by a body that rules: "a panel found the United
States in breach of the agreement", "the court found Y guilty", "held Y responsible". The
one found is the verb's object or the subject of its small clause; the fault is a
predicate of culpability (``culpability_predicates`` in the grammar, with its CAMEO code).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from blocwatch.model import Token
from blocwatch.nlp.events.lexicon import Grammar
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.view import Participant, SentenceView

NEGATIVE_VALENCE = -1.5
"""A word at or below this VADER valence (the scale runs from -4 to +4) is a clearly
negative judgement: "reckless" -1.7, "irresponsible" -1.9, "liar" -2.3."""

POSITIVE_VALENCE = 2.0
"""A word at or above this valence is clear praise: "brilliant" 2.8, "great" 3.1,
"hero" 2.6. Higher than the negative bar, because news prose states positive words
("strong" 2.3, "free" 2.3, "safe") as descriptions far more often than as praise."""

_JUDGED_PRONOUNS = frozenset({"person", "group"})
"""Pronoun kinds (the grammar's ``pronouns`` table) that can be judged: "he", "they";
not "it" (a situation as often as a body) nor the speaker's own "we"."""


@dataclass(frozen=True, slots=True)
class Judged:
    """An actor a speaker judges, and how: ``praise`` or criticism."""

    actor: Participant
    praise: bool


def judged_actor(
    view: SentenceView,
    finder: ActorFinder,
    verb: Token,
    grammar: Grammar,
    valence: Callable[[str], float],
) -> Judged | None:
    """The actor a speaker's verb judges ("called Y reckless", "said Y was a hero"), or
    ``None``."""
    lemma = verb.lemma.lower()
    if lemma in grammar.naming_verbs:
        objects, predicates = _named_and_label(view, verb)
        for predicate in predicates:
            sign = _verdict(view, predicate, grammar, valence)
            for named in objects:
                found = _actor_or_owner(view, finder, named, grammar) if sign else None
                if found is not None:
                    return Judged(found, sign > 0)
    if lemma not in grammar.speech_verbs or lemma in grammar.denial_verbs:
        return None
    for clause in view.kids(verb, "ccomp"):
        judged = _judged_by_clause(view, finder, clause, grammar, valence)
        if judged is not None:
            return judged
    return None


def _named_and_label(view: SentenceView, verb: Token) -> tuple[list[Token], list[Token]]:
    """Who a verb of naming names, and what it calls them: "called Y a liar". The small
    model parses the construction three ways: object and predicate; two objects or two
    predicates, the second the label; one predicate holding the name as a modifier."""
    objects = view.kids(verb, "dobj")
    predicates = view.kids(verb, "oprd")
    if not predicates and len(objects) == 2:
        return objects[:1], objects[1:]
    if not objects and len(predicates) == 2:
        return predicates[:1], predicates[1:]
    if not objects and len(predicates) == 1:
        names = [k for k in view.kids(predicates[0], "nmod", "compound") if k.pos == "PROPN"]
        if names and names[0].i < predicates[0].i:
            return names[:1], predicates
    return objects, predicates


def quoted_clause_judgement(
    view: SentenceView,
    finder: ActorFinder,
    head: Token,
    grammar: Grammar,
    valence: Callable[[str], float],
) -> Judged | None:
    """The actor a quotation's own clause judges: "'She is a disgrace'", "'he was a
    brilliant opponent'" (the clause ``head`` stands in a quotation, outside any verb of
    saying). The speaker of the quotation is the judge; a clause the verb table codes is
    left to it."""
    if view.kids(head, "neg"):
        return None
    if head.lemma.lower() in grammar.copulas:
        return _judged_by_clause(view, finder, head, grammar, valence)
    sign = _verdict(view, head, grammar, valence) if head.pos == "VERB" else 0
    if sign >= 0:
        return None  # "he helped us" is a report; only a verb of wrongdoing judges
    # "She has been disrespecting our veterans": the verb itself judges its subject.
    for subject in view.kids(head, "nsubj"):
        found = _actor_or_owner(view, finder, subject, grammar)
        if found is not None:
            return Judged(found, praise=False)
    return None


def _judged_by_clause(
    view: SentenceView,
    finder: ActorFinder,
    clause: Token,
    grammar: Grammar,
    valence: Callable[[str], float],
) -> Judged | None:
    """The subject of a copular clause with a judging predicate: "Y was reckless"."""
    if clause.lemma.lower() not in grammar.copulas or view.kids(clause, "neg"):
        return None
    for predicate in view.kids(clause, "acomp", "attr"):
        sign = _verdict(view, predicate, grammar, valence)
        if not sign:
            continue
        for subject in view.kids(clause, "nsubj"):
            found = _actor_or_owner(view, finder, subject, grammar)
            if found is not None:
                return Judged(found, sign > 0)
    return None


def _verdict(
    view: SentenceView, predicate: Token, grammar: Grammar, valence: Callable[[str], float]
) -> int:
    """-1 for a clearly negative predicate, +1 for clear praise with no negative word
    beside it, 0 otherwise (or when negated)."""
    if view.kids(predicate, "neg"):
        return 0
    words = [predicate, *view.kids(predicate, "amod", "advmod", "conj")]
    lemmas = [w.lemma.lower() for w in words] + [w.text.lower() for w in words]
    if any(word in grammar.suffering_words for word in lemmas):
        return 0
    values = [valence(word) for word in lemmas]
    if min(values) <= NEGATIVE_VALENCE:
        return -1
    return 1 if max(values) >= POSITIVE_VALENCE and min(values) >= 0 else 0


def _actor_or_owner(
    view: SentenceView, finder: ActorFinder, head: Token, grammar: Grammar
) -> Participant | None:
    """ "Y" in "Y was reckless", or in "Y's answers were evasive"; "she" in "she is a
    disgrace" when it stands for a person or a group the finder resolves it to."""
    if head.pos == "PRON" and grammar.pronouns.get(head.text.lower()) not in _JUDGED_PRONOUNS:
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
