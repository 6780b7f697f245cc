"""The parsed sentence as the event coder walks it, and the record of an actor in a role.

:class:`SentenceView` is the shared dependency tree with the few walks every part of the
coder needs (children by relation, conjuncts, a noun's phrase, an entity's tokens and
text); :class:`Participant` is what the actor finder (:mod:`~blocwatch.nlp.events.roles`)
hands back. They live apart from the finder so that the modules which only read the tree
(senses, status, records, confidence) do not depend on how actors are looked up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from blocwatch.model import EventActor, Token
from blocwatch.nlp.syntax import SentenceTree

MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod", "det"})
"""Relations of a noun's left modifiers, which belong to its phrase."""
_RELATIVE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor in a role, and how it was found (which lowers confidence when indirect)."""

    actor: EventActor
    how: str
    """``name`` (a known actor), ``entity`` (a new name), ``agent`` (a noun such as
    "police"), ``pronoun`` (resolved to an earlier person), ``place`` (the state of a
    place the phrase names: "a power plant in Kharkiv"), ``implied`` (by a coding
    convention, not the text: the authorities a protest with no target is against)."""
    token: int

    @property
    def is_person(self) -> bool:
        return (self.actor.actor_id or "").startswith("person:")


class SentenceView(SentenceTree):
    """The shared dependency tree, with the walks the role reader needs."""

    def kids(self, token: Token, *deps: str) -> list[Token]:
        return self.children(token, *deps)

    def conjuncts(self, token: Token) -> list[Token]:
        """``token`` and the heads coordinated with it ("X, Y and Z")."""
        found = [token]
        for child in self.kids(token, "conj"):
            found.extend(self.conjuncts(child))
        return found

    def noun_phrase(self, token: Token) -> tuple[int, int]:
        """Character span of the token with its left modifiers (not clauses or preps)."""
        start, end = token.start, token.end
        for child in self.kids(token):
            if child.dep in MODIFIER_DEPS or (child.dep in {"flat", "appos"} and child.i > token.i):
                lo, hi = self.noun_phrase(child)
                start, end = min(start, lo), max(end, hi)
        return start, end


def relative_antecedent(
    view: SentenceView, token: Token, pronouns: frozenset[str], *, named: bool = False
) -> Token | None:
    """The noun a relative pronoun (one of the language's ``pronouns``) stands for ("X,
    who met Y": X), when the pronoun is the subject or object of its relative clause; with
    ``named``, only a name ("the U.N., which imposed sanctions"): a clause on a common noun
    ("girls who travelled to Turkey") describes whom the sentence is about rather than
    reporting an act."""
    if token.text.lower() not in pronouns or token.dep not in _RELATIVE_ROLES:
        return None
    clause = view.head(token)
    if clause is None or clause.dep != "relcl":
        return None
    antecedent = view.head(clause)
    kinds = {"PROPN"} if named else {"NOUN", "PROPN"}
    return antecedent if antecedent is not None and antecedent.pos in kinds else None


def iter_verbs(view: SentenceView) -> Iterator[Token]:
    for token in view.tokens:
        if token.pos == "VERB" or (token.pos == "AUX" and token.dep == "ROOT"):
            yield token


def entity_span(view: SentenceView, head: Token) -> tuple[int, int] | None:
    """The token range of the named entity (PERSON, ORG, NORP) the head belongs to."""
    if head.ent_type not in _ENTITY_TYPES or head.ent_type == "GPE":
        return None
    return entity_tokens(view, head)


def entity_tokens(view: SentenceView, head: Token) -> tuple[int, int]:
    """The token range of the entity the head belongs to, whatever its type."""
    start = head.i
    while start > 0 and view.tokens[start].ent_iob == "I":
        start -= 1
    end = head.i + 1
    while end < len(view.tokens) and view.tokens[end].ent_iob == "I":
        end += 1
    return start, end


def phrase_text(view: SentenceView, start: int, end: int) -> str:
    """The words between two character offsets as the text wrote them, a space only
    where the text had one (a phrase's name: "Hamas-run", not "Hamas - run")."""
    pieces = [t for t in view.tokens if start <= t.start and t.end <= end]
    out = []
    for index, token in enumerate(pieces):
        if index and token.start > pieces[index - 1].end:
            out.append(" ")
        out.append(token.text)
    return "".join(out)
