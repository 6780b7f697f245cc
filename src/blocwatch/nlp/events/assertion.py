"""Whether a sentence or a clause tells that anything happened at all.

A direct question asks ("Will China impose sanctions on Lithuania?"), an if-clause
supposes ("... if the United States attacked"), and a line in title case (a headline, a
caption) cannot be read: the entity recogniser takes its common words for names, and the
body of the article restates it. None of them gives an event. An admission ("admitted
threatening Y") tells of the act admitted, which its governed verb codes, not of itself.
"""

from __future__ import annotations

from blocwatch.model import Token
from blocwatch.nlp.events.lexicon import Grammar
from blocwatch.nlp.events.view import SentenceView


def supposed(view: SentenceView, verb: Token, grammar: Grammar) -> bool:
    """Whether a verb is what an if-clause supposes: "if the United States attacked",
    "if America were to slap tariffs on Mexico" (the act governed by the clause's verb)."""
    clause = verb
    while clause.dep in {"xcomp", "conj"}:
        head = view.head(clause)
        if head is None:
            return False
        clause = head
    return clause.dep == "advcl" and any(
        m.lemma.lower() in grammar.condition_markers for m in view.kids(clause, "mark")
    )


def question(view: SentenceView) -> bool:
    """A direct question ("How strongly should Mexico retaliate?"): it asks, it does not
    tell that anything happened."""
    words = [t for t in view.tokens if t.pos != "PUNCT" or t.text == "?"]
    return bool(words) and words[-1].text == "?"


def headline_case(view: SentenceView) -> bool:
    """A line in title case (a headline, a caption): its verbs are capitalised mid-line,
    and the entity recogniser reads its common words as names. The body restates it."""
    verbs = [t for t in view.tokens if t.pos in {"VERB", "AUX"} and t.i > 0 and t.text.isalpha()]
    return bool(verbs) and sum(t.text[0].isupper() for t in verbs) * 2 > len(verbs)


def owned_up(view: SentenceView, verb: Token) -> bool:
    """Whether a verb of admission governs the act admitted: a verb ("admitted
    threatening", "acknowledged that it had shelled") or a gerund after "to" ("confessed
    to killing")."""
    if any(c.pos in {"VERB", "AUX"} for c in view.kids(verb, "xcomp", "ccomp")):
        return True
    return any(
        o.pos == "VERB" or o.tag == "VBG"
        for p in view.kids(verb, "prep")
        for o in view.kids(p, "pcomp", "pobj")
    )
