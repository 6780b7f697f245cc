"""Who speaks through a document: "the statement said", "a report by the World Bank
found", "the ministry's statement said", and "Gordon Advisors issued a statement. ... the
statement said".

A document that is the subject of a cue speaks for whoever issued it. The sentence may say
so (an owner, or "from", "by" or "of" with a name); if not, the document was introduced
before, as the object of a verb whose subject issued it ("X issued a statement", "X
published its annual report", "the panel said in the report"), and a later mention with
the same head noun points back to it, the way a definite description does ("the
statement", or a bare "a statement"; not "another report" or "a new study"). Only a few
sentences back: further away a same-noun mention is as likely another document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from blocwatch.model import Token
from blocwatch.nlp.syntax import SentenceTree

_OWNERS = frozenset({"from", "by", "of"})
"""Prepositions that name a document's author ("a statement from the ministry")."""

_REACH = 3
"""Sentences before the document's own that may introduce it."""

_NEW = frozenset({"another", "other", "some", "any", "every", "each", "no"})
"""Determiners that introduce a document of their own."""

_OBJECTS = frozenset({"dobj", "obj", "pobj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Issuer:
    """The word naming who issued a document, in its sentence's tree; ``resolved`` when it
    was found by pointing back to an earlier mention of the document."""

    tree: SentenceTree
    token: Token
    resolved: bool


def document_issuer(
    tree: SentenceTree, head: Token, trees: Mapping[int, SentenceTree]
) -> list[Issuer]:
    """Candidate issuers of the document ``head`` names, best first: its owner or author
    in its own phrase, then the subjects of the verbs that introduced the same noun in
    this sentence (before it) or in the few sentences before."""
    found = [Issuer(tree, owner, False) for owner in tree.children(head, "poss")]
    for preposition in tree.children(head, "prep"):
        if preposition.text.lower() in _OWNERS:
            found += [Issuer(tree, o, False) for o in tree.children(preposition, "pobj")]
    if not _points_back(tree, head):
        return found
    index = tree.parse.sentence_index
    for back in range(_REACH + 1):
        earlier = trees.get(index - back)
        if earlier is None:
            continue
        limit = head.start if back == 0 else None
        found += [Issuer(earlier, s, True) for s in _introducers(earlier, head.lemma, limit)]
    return found


def _points_back(tree: SentenceTree, head: Token) -> bool:
    """Whether the document's phrase can stand for one named before: "the statement",
    "its report", a bare "a statement", but not "another report" or "a separate study"."""
    determiners = [d.text.lower() for d in tree.children(head, "det")]
    if any(d in _NEW for d in determiners):
        return False
    return not tree.children(head, "amod", "nummod", "compound") or not (
        set(determiners) & {"a", "an"}
    )


def _introducers(tree: SentenceTree, lemma: str, before: int | None) -> list[Token]:
    """Subjects of the verbs that have a noun of ``lemma`` as their object (directly, or
    through a preposition: "said in the report"), latest first."""
    subjects: list[Token] = []
    for token in tree.tokens:
        if token.lemma.lower() != lemma.lower() or token.dep not in _OBJECTS:
            continue
        if before is not None and token.start >= before:
            continue
        verb = tree.head(token)
        if verb is not None and token.dep == "pobj":
            verb = tree.head(verb)
        if verb is None or verb.pos not in {"VERB", "AUX"}:
            continue
        subjects += [s for s in tree.children(verb, *_SUBJECTS) if s.i != token.i]
    return list(reversed(subjects))
