"""Who spoke, read from the sentence's syntax.

The speaker is the subject of the cue verb (the agent of a passive one; the subject of
the verb a participle or a coordinated cue hangs from: "..., saying", "... and warned"),
the object of "according to", or the owner of a noun cue ("his claim that"). The words
found there become a speaker only as one of:

* a **name**: an actor mention or an entity spaCy found (person, organisation, group,
  state) covering the subject's head word — the head, so "a spokesman for President
  Putin" is never Putin;
* a **reference** resolved backwards: "he"/"she" to the nearest person before it (the
  subject of the nearest sentence that names one), "it"/"they" to a nearby organisation
  or state, "the minister" to the person the article gives that role, "the ministry" to
  the organisation whose name holds the word;
* an **unresolved role** kept as written ("a Kremlin spokesman", "officials").

Anything else — a common noun, an interjection, a number — gives no speaker. A quote
paragraph with no cue of its own is carried over from the last named speaker. Each
speaker says how it was found, which is what its confidence rests on.

Sentences without a parse (the syntax stage skips sentences with no name and no quote)
fall back to the source words the rules found, read with the same lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from blocwatch.model import Mention, Parse, QuoteKind, Sentence, Span, Token
from blocwatch.nlp.actors.people import PersonIndex
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.documents import document_issuer
from blocwatch.nlp.quotes.referents import (
    Referent,
    Referents,
    entity_name,
    name_in_source,
    proper_noun_run,
)
from blocwatch.nlp.quotes.spans import Attribution, _is_capitalised
from blocwatch.nlp.syntax import SentenceTree


class SpeakerBasis(StrEnum):
    """How a speaker was found, from surest to least sure."""

    NAMED = "named"
    """A name is the subject of the cue (or the object of "according to")."""
    PROPER_NAME = "proper name"
    """A proper noun is the subject, but the entity recogniser did not tag it."""
    RESOLVED = "resolved"
    """A pronoun or role resolved to a name before it."""
    UNRESOLVED = "unresolved"
    """A role kept as written ("a spokesman")."""
    CARRIED = "carried"
    """A quote paragraph with no cue, given to the last named speaker."""
    NONE = "none"
    """No speaker the text gives as an entity or a role."""


CONFIDENCE = {
    SpeakerBasis.NAMED: 0.9,
    SpeakerBasis.PROPER_NAME: 0.8,
    SpeakerBasis.RESOLVED: 0.7,
    SpeakerBasis.UNRESOLVED: 0.6,
    SpeakerBasis.CARRIED: 0.55,
    SpeakerBasis.NONE: 0.1,
}
"""Confidence by basis. The order is the point (a named subject is surer than a resolved
pronoun, which is surer than a carried-over paragraph); :data:`ATTRIBUTED` (0.5) keeps
all but ``NONE``. An unresolved role ("a spokesman said") names who spoke as
the text does: on PolNeAR dev, 76% of these attributions match a gold one with its source
(named subjects: 82%), and 5-fold cross-validation at the default view puts it above the
floor in every fold (any value from 0.5 to 0.75 scores the same; 0.6 is that plateau's
middle, ``bench/quotes.py``)."""

ATTRIBUTED = 0.5
"""The confidence from which a quote counts as attributed (every basis but ``NONE``): the
quotes' default view, which the event floor (``settings.min_confidence``) does not set."""


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    actor_id: str | None
    basis: SpeakerBasis

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.basis]


NO_SPEAKER = Speaker(None, None, SpeakerBasis.NONE)
_NAMES = frozenset({SpeakerBasis.NAMED, SpeakerBasis.PROPER_NAME, SpeakerBasis.RESOLVED})
_NAME_AFTER_TITLE = re.compile(r"\.?[ \t\u00a0]+([A-Z][\w’'-]+(?:[ \t\u00a0]+[A-Z][\w’'.-]*){0,3})")
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_CARRY_PARAGRAPHS = 2
"""A cue-less quote paragraph is carried over only this many paragraphs from its speaker."""


def resolve_speakers(
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    mentions: Sequence[Mention] = (),
    parses: Sequence[Parse] = (),
) -> list[Speaker]:
    """One speaker per attribution, in the same order."""
    trees = {parse.sentence_index: SentenceTree(parse) for parse in parses}
    quoted = [
        (piece.start, piece.end)
        for a in attributions
        if a.kind is QuoteKind.DIRECT
        for piece in a.content
    ]
    resolver = _Resolver(
        text,
        list(sentences),
        trees,
        Referents(text, mentions, list(trees.values()), quoted),
        PersonIndex.build(parses, mentions),
    )
    speakers: list[Speaker] = []
    last: tuple[Speaker, int] | None = None
    for attribution in attributions:
        if attribution.source is None and attribution.cue is None:
            paragraph = resolver.paragraph_at(attribution.content[0].start)
            if last is not None and paragraph - last[1] <= _CARRY_PARAGRAPHS:
                speakers.append(replace(last[0], basis=SpeakerBasis.CARRIED))
            else:
                speakers.append(NO_SPEAKER)
            continue
        speaker = resolver.speaker(attribution)
        if speaker.basis in _NAMES:
            last = (speaker, resolver.paragraph_at(attribution.content[-1].start))
        speakers.append(speaker)
    return speakers


class _Resolver:
    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        trees: dict[int, SentenceTree],
        referents: Referents,
        people: PersonIndex,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.trees = trees
        self.referents = referents
        self.people = people

    def paragraph_at(self, offset: int) -> int:
        before = [s for s in self.sentences if s.span.start <= offset]
        return before[-1].paragraph if before else 0

    def tree_at(self, offset: int) -> SentenceTree | None:
        for sentence in self.sentences:
            if sentence.span.start <= offset < sentence.span.end:
                return self.trees.get(sentence.index)
        return None

    def speaker(self, attribution: Attribution) -> Speaker:
        anchor = attribution.cue or attribution.source
        tree = self.tree_at(anchor.start) if anchor else None
        cue = attribution.cue
        layout = cue is not None and not any(c.isalnum() for c in self.text[cue.start : cue.end])
        if layout and attribution.source is not None:
            return self.label(attribution.source)
        head = None
        source = attribution.source
        if tree is not None and attribution.cue is not None:
            head = _speaker_head(tree, attribution.cue)
        # The rules' source span and the parse agree on most sentences; where the parse
        # puts the subject elsewhere (a misparse around quotation marks, most often),
        # the head of the source span is the safer reading.
        outside = head is None or (
            source is not None
            and not source.start <= head.start < source.end
            and not _modifies(tree, head, source)
        )
        if tree is not None and source is not None and outside:
            head = _span_head(tree, source)
        if head is not None and tree is not None:
            return self.from_token(tree, head)
        if attribution.source is not None:
            return self.from_words(attribution.source)
        return NO_SPEAKER

    # ------------------------------------------------------------------ with a parse

    def from_token(self, tree: SentenceTree, head: Token) -> Speaker:
        if head.text.lower() in _RELATIVE:
            antecedent = _antecedent(tree, head)
            if antecedent is None:
                return NO_SPEAKER
            head = antecedent
        if head.text.lower().rstrip(".") in lexicon.TITLES:
            names = tree.children(head, "appos", "flat") or [
                t for t in tree.tokens if t.i == head.head and t.pos == "PROPN"
            ]
            if not names:
                return self.after_title(head)
            head = names[0]
        named = self.named(tree, head) or self.named_before(tree, head)
        if named is not None:
            return named
        lower = head.text.lower()
        if head.pos == "PRON":
            return self.pronoun(lower, head.start)
        age = _age_of(tree, head)
        if age is not None:
            aged = self.referents.person_aged(age, head.start)
            if aged is not None:
                return self.speaker_of(aged, SpeakerBasis.RESOLVED)
        lemma = head.lemma.lower()
        if head.pos in {"NOUN", "PROPN"} and lemma in lexicon.ROLE_NOUNS:
            parent = tree.head(head)
            if head.dep == "appos" and parent is not None:
                # "Peter Morgan, a lawyer for the Sierra Club, who ...": the role is
                # apposed to the name.
                named = self.named(tree, parent) or self.proper(tree, parent)
                if named is not None:
                    return named
            return self.apposed_name(tree, head) or self.role(tree, head, lemma)
        if head.pos in {"NOUN", "PROPN"} and lemma in lexicon.INSTITUTION_NOUNS:
            return self.institution(tree, head, lemma)
        if head.pos == "NOUN" and lemma in lexicon.EVIDENCE_NOUNS - lexicon.ROLE_NOUNS:
            issuer = self.issuer(tree, head)
            if issuer is not None:
                return issuer
        if head.pos == "NOUN" and (lemma in lexicon.PEOPLE_NOUNS or _anchored(tree, head)):
            return self.apposed_name(tree, head) or _unresolved(
                self.text[_noun_phrase(tree, head).start : head.end]
            )
        return self.proper(tree, head) or NO_SPEAKER

    def issuer(self, tree: SentenceTree, head: Token) -> Speaker | None:
        """Who issued the document that is the subject: a name only, never a description."""
        for candidate in document_issuer(tree, head, self.trees):
            named = self.named(candidate.tree, candidate.token)
            if named is not None:
                basis = SpeakerBasis.RESOLVED if candidate.resolved else SpeakerBasis.NAMED
                return replace(named, basis=basis)
        return None

    def apposed_name(self, tree: SentenceTree, head: Token) -> Speaker | None:
        """The person's name apposed to a role or a description ("a lawyer, Ana Roe,";
        "another critic, Ana Roe,"): the speaker is that person."""
        for apposition in tree.children(head, "appos"):
            named = self.named(tree, apposition)
            if named is not None and apposition.ent_type in {"", "PERSON"}:
                return named
        return None

    def proper(self, tree: SentenceTree, head: Token) -> Speaker | None:
        """A proper noun the entity recogniser missed, as a name of lower confidence."""
        run = proper_noun_run(tree, head)
        if run is None:
            return None
        written = self.text[run.start : run.end]
        person = self.people.find(written.split())
        if person is not None:
            return Speaker(person.name, person.actor_id, SpeakerBasis.PROPER_NAME)
        return Speaker(written, None, SpeakerBasis.PROPER_NAME)

    def after_title(self, title: Token) -> Speaker:
        """A title whose name the sentence splitter cut off ("said Del." | "Stacey
        Plaskett ..."): the capitalised words right after it."""
        found = _NAME_AFTER_TITLE.match(self.text, title.end)
        if found is None:
            return NO_SPEAKER
        start, end = found.span(1)
        words = found.group(1).split()
        referent = self.referents.at(start, end)
        if referent is not None:
            return self.speaker_of(referent, SpeakerBasis.NAMED)
        return self.by_name(words, SpeakerBasis.NAMED) or Speaker(
            found.group(1), None, SpeakerBasis.PROPER_NAME
        )

    def named(self, tree: SentenceTree, head: Token) -> Speaker | None:
        """The mention or entity covering ``head``, as a named speaker."""
        referent = self.referents.at(head.start, head.end)
        if referent is not None:
            return self.speaker_of(referent, SpeakerBasis.NAMED)
        entity = tree.entity(head)
        if entity is None or entity[0].ent_type not in lexicon.ENTITY_TYPES:
            return None
        first, last = entity
        covering = self.referents.at(first.start, last.end)
        if covering is not None:
            return self.speaker_of(covering, SpeakerBasis.NAMED)
        return Speaker(entity_name(self.text, tree, first, last), None, SpeakerBasis.NAMED)

    def speaker_of(self, referent: Referent, basis: SpeakerBasis) -> Speaker:
        """The referent as a speaker, under the fullest name the article gives it. A
        person's name, or a lone word the recogniser did not call a person ("Strada"),
        goes through the article's person index: a surname or titled name one person
        carries becomes that person, a surname two people share stays as written."""
        written = name_in_source(referent.name)
        words = written.split()
        if referent.person or referent.actor_id is None:
            person = self.people.find(words)
            if person is not None and referent.actor_id in {None, person.actor_id}:
                return Speaker(person.name, person.actor_id, basis)
            if referent.person or self.people.is_shared(words):
                return Speaker(written, referent.actor_id, basis)
        name = name_in_source(self.referents.fullest_name(referent))
        return Speaker(name, referent.actor_id, basis)

    def by_name(self, words: Sequence[str], basis: SpeakerBasis) -> Speaker | None:
        """The person of the article's index named by ``words``, else an organisation
        the article named before whose name ends with them ("PENCE", "Kremlin")."""
        person = self.people.find(words)
        if person is not None:
            return Speaker(person.name, person.actor_id, basis)
        if self.people.is_shared(words):
            return None
        referent = self.referents.named_like(words)
        return self.speaker_of(referent, basis) if referent is not None else None

    def named_before(self, tree: SentenceTree, head: Token) -> Speaker | None:
        """A capitalised word the tagger misread (a sentence-opening "Matthews said" read
        as a plural noun) that ends a name the article used before: that name."""
        if not _is_capitalised(head.text) or head.pos == "PRON":
            return None
        words = [
            t.text
            for t in sorted([head, *tree.children(head, "compound")], key=lambda t: t.i)
            if _is_capitalised(t.text)
        ]
        lower = head.text.lower()
        if lower in lexicon.COMMON_CAPITALISED or lower in lexicon.SENTENCE_ADVERBS:
            return None
        person = self.people.find(words)
        if person is not None:
            return Speaker(person.name, person.actor_id, SpeakerBasis.NAMED)
        earlier = self.referents.named_like(words, before=head.start)
        return self.speaker_of(earlier, SpeakerBasis.NAMED) if earlier is not None else None

    def pronoun(self, lower: str, offset: int) -> Speaker:
        referent: Referent | None = None
        if lower in lexicon.PERSON_PRONOUNS:
            referent = self.referents.person_before(offset, lower)
        elif lower in lexicon.ORGANISATION_PRONOUNS:
            referent = self.referents.group_before(offset)
        elif lower in lexicon.GROUP_PRONOUNS:
            referent = self.referents.group_before(offset, within=1, states=False)
        if referent is None:
            return NO_SPEAKER
        return self.speaker_of(referent, SpeakerBasis.RESOLVED)

    def role(self, tree: SentenceTree, head: Token, lemma: str) -> Speaker:
        """ "The minister" → the person the article gives that role; "a spokesman", and a
        role the article gives nobody, stay an unresolved role as written."""
        phrase = _noun_phrase(tree, head)
        definite = any(t.lemma.lower() == "the" for t in tree.children(head, "det"))
        if definite and head.tag in {"NN", "NNP"}:
            holder = self.referents.holder_of(lemma, head.start)
            if holder is not None:
                return self.speaker_of(holder, SpeakerBasis.RESOLVED)
        return _unresolved(self.text[phrase.start : phrase.end])

    def institution(self, tree: SentenceTree, head: Token, lemma: str) -> Speaker:
        phrase = _noun_phrase(tree, head)
        holder = self.referents.institution(lemma, head.start)
        if holder is not None:
            return self.speaker_of(holder, SpeakerBasis.RESOLVED)
        return _unresolved(self.text[phrase.start : phrase.end])

    def label(self, source: Span) -> Speaker:
        """A speaker set out by layout: a transcript's "PENCE:", a headline's "Lavrov:",
        a credit line's "― Ana Roe". The layout says it is a name; a word that is
        capitalised only to open a line ("Watch:", "Update:") is not."""
        words = self.text[source.start : source.end].split()
        referent = self.referents.at(source.start, source.end)
        if referent is not None:
            return self.speaker_of(referent, SpeakerBasis.NAMED)
        same = self.by_name(words, SpeakerBasis.NAMED)
        if same is not None:
            return same
        if not words or any(
            not _is_capitalised(w) or w.lower() in lexicon.COMMON_CAPITALISED for w in words
        ):
            return NO_SPEAKER
        return Speaker(" ".join(words), None, SpeakerBasis.PROPER_NAME)

    # ------------------------------------------------------------------ without a parse

    def from_words(self, source: Span) -> Speaker:
        """The source words the rules found, for a sentence the syntax stage skipped:
        a mention covering their head word, a pronoun, or a role noun."""
        phrase = self.text[source.start : source.end].split(",")[0].strip()
        words = phrase.split()
        if not words:
            return NO_SPEAKER
        last = words[-1]
        offset = source.start + phrase.rfind(last)
        referent = self.referents.at(offset, offset + len(last))
        if referent is not None:
            return self.speaker_of(referent, SpeakerBasis.NAMED)
        lower = phrase.lower()
        if (
            lower
            in lexicon.PERSON_PRONOUNS | lexicon.ORGANISATION_PRONOUNS | lexicon.GROUP_PRONOUNS
        ):
            return self.pronoun(lower, source.start)
        if lower.split()[-1] in _RELATIVE:
            before = self.referents.before(source.start)
            if before and source.start - before[-1].span.end <= 3:
                return self.speaker_of(before[-1], SpeakerBasis.NAMED)
            return NO_SPEAKER
        noun = last.lower().rstrip(".")
        singular = noun[:-1] if noun.endswith("s") and noun[:-1] in lexicon.ROLE_NOUNS else noun
        if singular in lexicon.ROLE_NOUNS:
            if words[0].lower() == "the" and singular == noun:
                holder = self.referents.holder_of(noun, source.start)
                if holder is not None:
                    return self.speaker_of(holder, SpeakerBasis.RESOLVED)
            return _unresolved(phrase)
        if noun in lexicon.INSTITUTION_NOUNS and words[0].lower() == "the":
            holder = self.referents.institution(noun, source.start)
            if holder is not None:
                return self.speaker_of(holder, SpeakerBasis.RESOLVED)
            return _unresolved(phrase)
        return NO_SPEAKER


def _unresolved(phrase: str) -> Speaker:
    """A role kept as written; a definite one without its "the" ("governor")."""
    first, _, rest = phrase.partition(" ")
    return Speaker(
        rest if first.lower() == "the" and rest else phrase, None, SpeakerBasis.UNRESOLVED
    )


# ---------------------------------------------------------------------- the subject


def _speaker_head(tree: SentenceTree, cue: Span) -> Token | None:
    """The head word of who the cue gives as speaking, read from the tree."""
    tokens = [t for t in tree.tokens if cue.start <= t.start < cue.end]
    if not tokens:
        return None
    for token in tokens:
        if token.text.lower() == "according":
            return _according_object(tree, token)
    verbs = [t for t in tokens if t.pos == "VERB"] or [t for t in tokens if t.pos == "AUX"]
    if verbs:
        return _subject_of(tree, verbs[-1])
    nouns = [t for t in tokens if t.pos == "NOUN"]
    if nouns:
        owners = tree.children(nouns[-1], "poss")
        return owners[0] if owners else None
    return None


def _antecedent(tree: SentenceTree, relative: Token) -> Token | None:
    """The noun a relative pronoun's clause describes. "who" stands for a person, so a
    relative clause the parser hung on an organisation ("Peter Morgan, a lawyer for the
    Sierra Club, who ...") is followed up to the person the phrase is about."""
    verb = tree.head(relative)
    noun = tree.head(verb) if verb is not None and verb.dep == "relcl" else None
    if noun is None or relative.text.lower() != "who":
        return noun
    current: Token | None = noun
    for _ in range(4):
        if current is None:
            break
        if current.ent_type == "PERSON" or current.lemma.lower() in lexicon.ROLE_NOUNS:
            return current
        if current.pos == "PROPN" and not current.ent_type:
            return current
        current = tree.head(current)
    return noun


def _according_object(tree: SentenceTree, according: Token) -> Token | None:
    for preposition in tree.children(according, "prep"):
        for obj in tree.children(preposition, "pobj"):
            return obj
    following = [t for t in tree.tokens if t.i == according.i + 1]
    if following:
        for obj in tree.children(following[0], "pobj"):
            return obj
    return None


def _subject_of(tree: SentenceTree, verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; a passive's agent; for a participle, an infinitive or a
    coordinated verb, the subject of the verb it depends on; for a relative clause, the
    noun it describes."""
    for agent in tree.children(verb, "agent"):
        objects = tree.children(agent, "pobj")
        if objects:
            return objects[0]
    subjects = tree.children(verb, "nsubj")
    if subjects:
        return subjects[0]
    if tree.children(verb, "nsubjpass"):
        return None
    head = tree.head(verb)
    if head is None or depth >= 3:
        return None
    if verb.dep == "relcl":
        return head
    if verb.dep in {"conj", "xcomp", "advcl"} and head.pos in {"VERB", "AUX"}:
        return _subject_of(tree, head, depth + 1)
    return None


def _span_head(tree: SentenceTree, span: Span) -> Token | None:
    """The token of ``span`` whose head lies outside it (the phrase's head word). In an
    appositive source the parser read as a clause ("Gordon Brown, pictured campaigning
    this week," with "pictured" as the sentence's root, or "Abase Hussen – who blamed
    the police –"), the head of what comes before the first comma or dash."""
    inside = [t for t in tree.tokens if span.start <= t.start and t.end <= span.end]
    indices = {t.i for t in inside}
    for token in inside:
        outside = token.head not in indices or token.head == token.i
        if outside and token.text not in {",", "(", ")"}:
            comma = next(
                (t for t in inside if t.text in {",", "–", "—"} and t.start > span.start), None
            )
            if token.pos in {"VERB", "AUX"} and comma is not None and comma.start < token.start:
                return _span_head(tree, Span(span.start, comma.start))
            return token
    return None


def _age_of(tree: SentenceTree, head: Token) -> str | None:
    """The age in "the 47-year-old" (how news refers back to a person it gave an age),
    read from the parse: "old" with "year" and a number under it."""
    if head.lemma.lower() != "old":
        return None
    for year in tree.children(head, "npadvmod"):
        if year.lemma.lower() == "year":
            numbers = [n.text for n in tree.children(year, "nummod") if n.text.isdigit()]
            if numbers:
                return numbers[0]
    return None


def _anchored(tree: SentenceTree, head: Token) -> bool:
    """A common noun described by a name ("Afghan security forces", "the UN panel",
    "North Korean state media"): a description of who spoke, tied to an entity."""
    return any(
        child.ent_type in lexicon.ENTITY_TYPES
        for child in tree.children(head, "amod", "compound", "poss", "nmod")
    )


def _modifies(tree: SentenceTree | None, head: Token, source: Span) -> bool:
    """Whether the rules' source span lies in a post-modifier of the parse's subject ("The
    committee investigating the attack on Kabul said": the rules stop at "Kabul", the
    subject is the committee), so the subject is the speaker and the span part of its
    description. Only for a common noun that names who can speak (a role, a body, a
    group of people), not a document (in "A study in the British Medical Journal found"
    the journal speaks for the study), only through a prepositional
    phrase or a clause (an apposition is a misparse: "the election, Minyon Moore, ..."),
    and not through a "by" phrase: in "Research carried out by the Forsa Institute
    found ..." the institute is the source."""
    lemma = head.lemma.lower()
    speaking = lexicon.ROLE_NOUNS | lexicon.INSTITUTION_NOUNS | lexicon.PEOPLE_NOUNS
    if tree is None or head.pos != "NOUN" or lemma not in speaking - lexicon.EVIDENCE_NOUNS:
        return False
    inside = [t for t in tree.tokens if source.start <= t.start < source.end]
    if not inside or head.start >= source.start:
        return False
    return all(_modifier_path(tree, token, head) for token in inside)


def _modifier_path(tree: SentenceTree, token: Token, head: Token) -> bool:
    """Whether ``token`` hangs from ``head`` through a prepositional phrase or a clause,
    with no "by" phrase on the way."""
    current = token
    for _ in range(8):
        parent = tree.head(current)
        if parent is None or parent.i == current.i or _by_phrase(current):
            return False
        if parent.i == head.i:
            return current.dep in {"prep", "acl", "relcl"}
        current = parent
    return False


def _by_phrase(token: Token) -> bool:
    """A passive agent or a "by" phrase ("a study by Justin Levitt"): who did the work."""
    return token.dep == "agent" or (token.dep == "prep" and token.text.lower() == "by")


def _noun_phrase(tree: SentenceTree, head: Token) -> Span:
    """The head with its determiners, adjectives, compounds and owner ("a senior Kremlin
    spokesman", "Russia's foreign minister")."""
    start, end = head.start, head.end
    for child in tree.children(head, "det", "amod", "compound", "poss", "nummod", "nmod"):
        inner = _noun_phrase(tree, child)
        start, end = min(start, inner.start), max(end, inner.end)
    return Span(start, end)
