"""What a pronoun or a role can point back to: the people and organisations an article
names, with where they stand, whether they are a clause's subject, and the roles the text
gives them.

Candidates come from two places: the actor mentions (the dictionary, which knows roles
by date) and the entities spaCy found in the parsed sentences (people and organisations
the dictionary does not know). Where both cover the same words, the mention wins, for its
actor id and its fuller name. Names inside quotation marks are left out: "“Putin lied,”
he said" does not make Putin the one who spoke.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from blocwatch.model import ActorKind, Mention, Span, Token
from blocwatch.nlp.actors.gender import SUBJECT_REACH, Genders, default_genders, person_names
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.spans import _inside, _is_capitalised
from blocwatch.nlp.syntax import SentenceTree

_PERSON_TYPES = frozenset({"PERSON"})
_GROUP_TYPES = lexicon.ENTITY_TYPES - _PERSON_TYPES
_DETERMINERS = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class Referent:
    """A person or organisation the article names at ``span``."""

    name: str
    actor_id: str | None
    span: Span
    sentence_index: int
    person: bool
    subject: bool = False
    """Whether the name is a clause's subject (who a following "he" most often means)."""
    roles: frozenset[str] = frozenset()
    """Role nouns the text or the dictionary gives the person here ("minister")."""
    state: bool = False
    """A state or place (what "they" never stands for, and "it" often does)."""


class Referents:
    """The article's people and organisations in text order, for looking back from a point."""

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        trees: Sequence[SentenceTree],
        quoted: Sequence[tuple[int, int]] = (),
        genders: Genders | None = None,
    ) -> None:
        self.text = text
        self.mentions = list(mentions)
        self.genders = genders or default_genders()
        """What names and pronouns say of a person's sex (``he`` skips a woman)."""
        found: list[Referent] = []
        for mention in mentions:
            span = mention.evidence.span
            if _inside(list(quoted), span.start, span.end):
                continue
            person = mention.kind is ActorKind.PERSON
            state = mention.kind in {ActorKind.STATE, ActorKind.PLACE}
            roles = (
                frozenset(mention.role.lower().split()) if person and mention.role else frozenset()
            )
            found.append(
                Referent(
                    proper_name(mention, mentions),
                    mention.actor_id,
                    span,
                    mention.evidence.sentence_index,
                    person,
                    roles=roles,
                    state=state,
                )
            )
        taken = [(r.span.start, r.span.end) for r in found]
        for tree in trees:
            for first, last in tree.entities():
                label = first.ent_type
                if label not in _PERSON_TYPES | _GROUP_TYPES:
                    continue
                span = Span(first.start, last.end)
                if _inside(list(quoted), span.start, span.end):
                    continue
                root = entity_root(tree, first, last)
                subject = root.dep in {"nsubj", "nsubjpass"}
                if _inside(taken, span.start, span.end):
                    found = [_with_syntax(r, span, subject, tree, root) for r in found]
                    continue
                found.append(
                    Referent(
                        entity_name(text, tree, first, last),
                        None,
                        span,
                        tree.parse.sentence_index,
                        label in _PERSON_TYPES,
                        subject,
                        role_nouns(tree, root) if label in _PERSON_TYPES else frozenset(),
                        state=label == "GPE",
                    )
                )
            found.extend(_untyped_subjects(text, tree, found))
        found.sort(key=lambda r: r.span.start)
        self.found = _surnames_as_people(found)
        self._starts = [r.span.start for r in found]
        self._sex = self._sexes()

    def _sexes(self) -> dict[str, str | None]:
        """Each person's sex as all the names the article gives them say it ("Hillary
        Clinton", later "Mrs Clinton" and "Clinton"), with an honorific written just
        before a name; ``None`` when the names say nothing or disagree."""
        names: dict[str, list[str]] = {}
        for referent in self.found:
            if referent.person:
                own = names.setdefault(_person_key(referent), [])
                own.append(referent.name)
                before = self.text[max(0, referent.span.start - 8) : referent.span.start].split()
                title = before[-1].rstrip(".").lower() if before else ""
                if title in self.genders.honorifics:  # "Mrs Clinton", "Mr. Brown"
                    own.append(f"{title} {referent.name}")
        for key, words in person_names(self.mentions).items():
            names.setdefault(key, []).extend(words)
        return {key: self.genders.of_names(words) for key, words in names.items()}

    def sex(self, referent: Referent) -> str | None:
        return self._sex.get(_person_key(referent))

    def before(self, offset: int) -> list[Referent]:
        return self.found[: bisect.bisect_left(self._starts, offset)]

    def at(self, start: int, end: int) -> Referent | None:
        """The referent whose words cover ``[start, end)`` (a name's head word)."""
        for referent in self.found:
            if referent.span.start <= start and end <= referent.span.end:
                return referent
        return None

    def person_before(self, offset: int, pronoun: str | None = None) -> Referent | None:
        """The person a "he" or "she" at ``offset`` means: in the nearest sentence that
        names a person the pronoun can stand for (not a woman for "he"), its subject if
        one is, else the first person named there."""
        people = [
            r
            for r in self.before(offset)
            if r.person and (pronoun is None or self.genders.agrees(pronoun, self.sex(r)))
        ]
        if not people:
            return None
        sentences = sorted({r.sentence_index for r in people}, reverse=True)
        nearest = [r for r in people if r.sentence_index == sentences[0]]
        for index in sentences[:SUBJECT_REACH]:
            # A person who was a clause's subject a sentence or two before outranks one
            # only mentioned in between ("Fowler noted ... loyalists to Joe Biden ... he
            # said"): the subject is what the text is about.
            subjects = [r for r in people if r.sentence_index == index and r.subject]
            if subjects:
                return subjects[0]
        return nearest[0]

    def group_before(self, offset: int, within: int = 2, states: bool = True) -> Referent | None:
        """The organisation (or, with ``states``, the state) an "it" or "they" at
        ``offset`` means, named in the same sentence or the ``within`` sentences before."""
        groups = [r for r in self.before(offset) if not r.person and (states or not r.state)]
        if not groups:
            return None
        here = self.sentence_index_at(offset)
        last = groups[-1]
        if here is not None and last.sentence_index == here:
            # "The Security Council condemned North Korea's test as what it called ...":
            # the subject is what the sentence is about, not a name met on the way.
            subjects = [r for r in groups if r.sentence_index == here and r.subject]
            last = subjects[-1] if subjects else last
        return last if here is None or here - last.sentence_index <= within else None

    def person_aged(self, age: str, offset: int) -> Referent | None:
        """The last person before ``offset`` the text gave the age ``age`` right after
        the name ("Abase Hussen, 47,"): who "the 47-year-old" is."""
        after_name = re.compile(rf",\s+{re.escape(age)}\b")
        aged = [
            r for r in self.before(offset) if r.person and after_name.match(self.text, r.span.end)
        ]
        return aged[-1] if aged else None

    def holder_of(self, role: str, offset: int) -> Referent | None:
        """The last person before ``offset`` the article gives the role ``role``."""
        holders = [r for r in self.before(offset) if r.person and role in r.roles]
        return holders[-1] if holders else None

    def institution(self, noun: str, offset: int) -> Referent | None:
        """The last organisation before ``offset`` whose name holds ``noun`` ("the
        ministry" → "Russian Foreign Ministry")."""
        named = [
            r
            for r in self.before(offset)
            if not r.person and noun in r.name.lower().replace("-", " ").split()
        ]
        return named[-1] if named else None

    def named_like(self, words: Sequence[str], before: int | None = None) -> Referent | None:
        """The last referent (before ``before``) whose name ends with ``words``, case
        aside ("PENCE" → "Mike Pence")."""
        if not words:
            return None
        wanted = [w.lower() for w in words]
        candidates = self.found if before is None else self.before(before)
        for referent in reversed(candidates):
            if referent.name.lower().split()[-len(wanted) :] == wanted:
                return referent
        return None

    def fullest_name(self, referent: Referent) -> str:
        """The longest name the article used before for the same organisation ("Foreign
        Ministry" after "Russian Foreign Ministry"). People go through the article's
        person index (:mod:`blocwatch.nlp.actors.people`) instead."""
        words = referent.name.lower().split()
        best = referent.name
        for other in self.before(referent.span.start):
            if other.person != referent.person or (
                referent.actor_id and other.actor_id and other.actor_id != referent.actor_id
            ):
                continue
            if other.name.lower().split()[-len(words) :] == words and len(other.name) > len(best):
                best = other.name
        return best

    def sentence_index_at(self, offset: int) -> int | None:
        for referent in reversed(self.found):
            if referent.span.start <= offset:
                return referent.sentence_index
        return None


def _surnames_as_people(found: list[Referent]) -> list[Referent]:
    """A lone word the entity recogniser typed as an organisation or place that is the
    surname of a person named in full before it ("Don Fowler ... Fowler argued") is that
    person: small models often call a lone surname an organisation. Dictionary mentions
    keep their kind."""
    full: dict[str, set[str]] = {}
    out = []
    for referent in found:
        words = referent.name.split()
        if referent.person and len(words) > 1:
            full.setdefault(words[-1], set()).add(referent.name)
        elif (
            not referent.person
            and referent.actor_id is None
            and len(words) == 1
            and len(full.get(words[0], ())) == 1  # a surname two people share stays open
        ):
            (name,) = full[words[0]]
            referent = replace(referent, name=name, person=True, state=False)
        out.append(referent)
    return out


def _untyped_subjects(text: str, tree: SentenceTree, found: Sequence[Referent]) -> list[Referent]:
    """Proper nouns that are a clause's subject but that neither the dictionary nor the
    entity recogniser knows ("Lebedev spoke in Minsk"): taken as people, the commonest
    untagged subject of news sentences, so that a following "he" can find them."""
    taken = [(r.span.start, r.span.end) for r in found]
    people = []
    for token in tree.tokens:
        if token.dep != "nsubj" or token.ent_type:
            continue
        run = proper_noun_run(tree, token)
        if run is None or _inside(taken, run.start, run.end):
            continue
        people.append(
            Referent(
                text[run.start : run.end],
                None,
                run,
                tree.parse.sentence_index,
                person=True,
                subject=True,
                roles=role_nouns(tree, token),
            )
        )
    return people


def _with_syntax(
    referent: Referent, span: Span, subject: bool, tree: SentenceTree, root: Token
) -> Referent:
    """A mention covered by an entity takes the entity's syntax (subject, roles)."""
    if not (referent.span.start < span.end and span.start < referent.span.end):
        return referent
    roles = referent.roles | (role_nouns(tree, root) if referent.person else frozenset())
    return Referent(
        referent.name,
        referent.actor_id,
        referent.span,
        referent.sentence_index,
        referent.person,
        referent.subject or subject,
        roles,
        referent.state,
    )


def entity_root(tree: SentenceTree, first: Token, last: Token) -> Token:
    """The entity's token whose head lies outside it (its syntactic head)."""
    for token in tree.tokens[first.i : last.i + 1]:
        if not first.i <= token.head <= last.i or token.head == token.i:
            return token
    return last


def entity_name(text: str, tree: SentenceTree, first: Token, last: Token) -> str:
    """The entity's words as written, without a leading "the" or a trailing "'s"."""
    tokens = list(tree.tokens[first.i : last.i + 1])
    while tokens and tokens[0].text.lower() in _DETERMINERS:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens = tokens[:-1]
    if not tokens:
        return text[first.start : last.end]
    start = tokens[0].start
    for owner in tree.children(entity_root(tree, first, last), "poss"):
        span = tree.entity(owner)
        if span is not None and owner.ent_type in {"GPE", "NORP", "ORG"} and owner.i < first.i:
            start = span[0].start
    return text[start : tokens[-1].end]


def role_nouns(tree: SentenceTree, root: Token) -> frozenset[str]:
    """Role nouns the sentence attaches to a person's name: titles before it ("Foreign
    Minister Sergey Lavrov"), an apposition after it ("Lavrov, the foreign minister"), or
    the noun it is apposed to ("the foreign minister, Sergey Lavrov")."""
    words: set[str] = set()
    titles = [t for t in tree.children(root, "compound", "amod") if t.ent_type != "PERSON"]
    for token in titles:
        words.add(token.lemma.lower())
    for apposition in tree.children(root, "appos"):
        words.add(apposition.lemma.lower())
        words.update(t.lemma.lower() for t in tree.children(apposition, "compound", "amod"))
    head = tree.head(root)
    if root.dep == "appos" and head is not None:
        words.add(head.lemma.lower())
        words.update(t.lemma.lower() for t in tree.children(head, "compound", "amod"))
    return frozenset(w for w in words if w in lexicon.ROLE_NOUNS)


def _person_key(referent: Referent) -> str:
    """One key per person: the actor id, else the surname as written."""
    if referent.actor_id:
        return referent.actor_id
    words = referent.name.split()
    return words[-1].lower() if words else ""


def proper_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The name the text uses for the mention's actor: the mention's own words when they
    are a name, else (for a person: "the minister") the last name the text used for that
    actor before it. An institution keeps its own words: "the Kremlin" is "Kremlin", not
    the "Russian" of an earlier mention of the same state."""
    if _is_name(mention.name) or mention.kind is not ActorKind.PERSON:
        return name_in_source(mention.name)
    names = [
        m.name
        for m in mentions
        if m.actor_id == mention.actor_id
        and m.evidence.span.start <= mention.evidence.span.start
        and _is_name(m.name)
    ]
    return name_in_source(names[-1] if names else mention.name)


def _is_name(words: str) -> bool:
    return words[:1].isupper() and not words.lower().startswith("the ")


def name_in_source(phrase: str) -> str:
    """'Russian Foreign Minister Sergey Lavrov' → 'Sergey Lavrov'; 'the Kremlin' → 'Kremlin';
    'Foreign Ministry nevertheless' → 'Foreign Ministry'."""
    head = phrase.split(",")[0].strip()
    words = head.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in lexicon.TIME_TAIL:
        words = words[:-1]
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if not words:
        return head
    if any(w.lower().rstrip(".") in lexicon.INSTITUTION_HEADS for w in words):
        return " ".join(words)
    index = len(words)
    while (
        index > 0
        and _is_capitalised(words[index - 1])
        and words[index - 1].lower() not in lexicon.ROLE_WORDS
    ):
        index -= 1
    name = words[index:]
    return " ".join(name) if name else " ".join(words)


def proper_noun_run(tree: SentenceTree, head: Token) -> Span | None:
    """A capitalised proper noun with the proper nouns compounded to it ("Alexei
    Zaitsev"): a name the entity recogniser missed. Words that are capitalised only
    because they open a sentence ("However", "Yes") are not names."""
    if head.pos != "PROPN" or not _is_capitalised(head.text) or _not_a_name(head):
        return None
    parts = [head]
    for child in tree.children(head, "compound", "flat"):
        if child.pos == "PROPN" and _is_capitalised(child.text) and not _not_a_name(child):
            parts.append(child)
    parts.sort(key=lambda t: t.i)
    if parts[-1].i - parts[0].i + 1 != len(parts):
        parts = [head]
    return Span(parts[0].start, parts[-1].end)


def _not_a_name(token: Token) -> bool:
    lower = token.text.lower()
    return (
        lower in lexicon.COMMON_CAPITALISED
        or lower in lexicon.SENTENCE_ADVERBS
        or lower in lexicon.ROLE_WORDS
        or token.lemma.lower() in lexicon.ROLE_NOUNS
    )
