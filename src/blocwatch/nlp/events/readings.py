"""How a verb's reading changes with who does it and with whom: the same words name a
different act when the doer is an army, a crowd, or alone.

* Troops that "arrive in" a country are deployed there, not visiting.
* A protest verb whose subject is a crowd ("thousands of Serbians protested against the
  government") is a demonstration (CAMEO 141), not a verbal protest (111).
* A mutual act with nobody to share it ("Chinese warships held drills near Taiwan") takes
  the verb table's other reading of the same words, if it has one: a show of force, where
  "joint drills with Russia" is military cooperation.
"""

from __future__ import annotations

from dataclasses import replace

from blocwatch.model import Sector, Token
from blocwatch.nlp.events.lexicon import Grammar, Lexicon, Sense
from blocwatch.nlp.events.view import Participant, SentenceView

_JOINT = frozenset({"joint", "bilateral", "combined"})
"""Adjectives that make an act shared ("joint drills") without naming the partner."""


def in_context(
    view: SentenceView,
    verb: Token,
    sense: Sense,
    sources: list[Participant],
    lexicon: Lexicon,
) -> Sense:
    """``sense`` as its doers and partners make it (see the module docstring)."""
    grammar = lexicon.grammar
    source = sources[0] if sources else None
    if sense.mode == "visit" and source is not None and source.actor.sector is Sector.MILITARY:
        sense = replace(sense, type="MOBILIZE", cameo="150", mode=None, symmetric=False)
    if (
        sense.type != "PROTEST"
        and verb.lemma.lower() in grammar.demonstration_verbs
        and source is not None
        and any(_crowd(view, subject, grammar) for subject in view.kids(verb, "nsubj"))
    ):
        sense = replace(sense, type="PROTEST", cameo="141", mode=None)
    if sense.symmetric and len(sources) == 1 and not _partner_phrase(view, verb, sense):
        sense = lexicon.unshared(sense) or sense
    return sense


def _partner_phrase(view: SentenceView, verb: Token, sense: Sense) -> bool:
    """Whether the verb names whom the mutual act is shared with ("held drills with Y",
    "joint drills")."""
    preps = {p.lemma.lower() for p in view.kids(verb, "prep")}
    shared = {"with", sense.prep} - {None}
    joint = any(
        m.lemma.lower() in _JOINT for o in view.kids(verb, "dobj") for m in view.kids(o, "amod")
    )
    return bool(preps & shared) or joint


def _crowd(view: SentenceView, head: Token, grammar: Grammar) -> bool:
    """Whether the subject is a crowd: a crowd noun, or a number of people ("five
    hundred workers")."""
    lemma = head.lemma.lower()
    return (
        lemma in grammar.crowd_nouns
        or head.text.lower() in grammar.crowd_nouns
        or any(c.dep == "nummod" for c in view.kids(head))
    )
