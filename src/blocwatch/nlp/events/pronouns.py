"""Who "he" or "she" stands for when it is the doer or target of an event.

The candidates are the article's people: those the actor dictionary matched (its
mentions) and those only the entity recogniser found ("Patrick Carlineo, 55, admitted
... He was arrested"), which are most of the people in the news. The same two
preferences the quote speakers follow (:mod:`blocwatch.nlp.quotes.referents`) choose
among them: a person whose names say the other sex is skipped
(:mod:`blocwatch.nlp.actors.gender`), and among the people of the last few sentences that
name anyone, one who was a clause's subject outranks one only mentioned since ("Fowler
noted ... lobbying by allies of Biden ... he said": Fowler), since the subject is what the
text is about. With no subject in reach, the nearest person named before the pronoun is
taken. "It" and "they" for a state or a body are read in :mod:`.antecedents`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from blocwatch.model import ActorKind, Mention, Parse, Token
from blocwatch.nlp.actors.gender import SUBJECT_REACH, Genders, default_genders, person_names
from blocwatch.nlp.actors.people import Person, PersonIndex, person_spans
from blocwatch.nlp.events.view import Participant, SentenceView

if TYPE_CHECKING:
    from blocwatch.nlp.events.roles import ActorFinder

WINDOW = 400
"""How far back, in characters, a pronoun may reach for its person."""
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class _Named:
    """One place where the article names a person."""

    start: int
    sentence: int
    key: str
    who: Mention | Person
    subject: bool


class PersonPronouns:
    """The people of one article, in text order, with their sex and whether each mention
    is a clause's subject."""

    def __init__(
        self,
        mentions: Sequence[Mention],
        parses: Sequence[Parse] = (),
        genders: Genders | None = None,
        people: PersonIndex | None = None,
    ) -> None:
        self.genders = genders or default_genders()
        known = [m for m in mentions if m.kind is ActorKind.PERSON]
        subjects = sorted(t.start for p in parses for t in p.tokens if t.dep in _SUBJECTS)
        named = [
            _Named(
                m.evidence.span.start,
                m.evidence.sentence_index,
                m.actor_id or m.name,
                m,
                _covers(subjects, m.evidence.span.start, m.evidence.span.end),
            )
            for m in known
        ]
        names = person_names(known)
        if people is not None:
            for found, title in _recognised(parses, known, people):
                named.append(found)
                own = names.setdefault(found.key, [])
                own.append(found.who.name)
                if title:
                    own.append(f"{title} {found.who.name}")
        self.named = sorted(named, key=lambda n: n.start)
        self._starts = [n.start for n in self.named]
        self._sex = {key: self.genders.of_names(words) for key, words in names.items()}

    def resolve(self, pronoun: str, offset: int) -> Mention | Person | None:
        """The person ``pronoun`` at ``offset`` stands for: the dictionary's mention, or
        the recogniser's person; ``None`` when nobody fits."""
        # Nearest first, within the window only: the walk stops at the window's edge
        # rather than looking at every person the article named before.
        first = bisect.bisect_left(self._starts, offset - WINDOW)
        fitting = [
            self.named[i]
            for i in range(bisect.bisect_left(self._starts, offset) - 1, first - 1, -1)
            if self.genders.agrees(pronoun, self._sex.get(self.named[i].key))
        ]
        if not fitting:
            return None
        wanted = self.genders.of_pronoun(pronoun)
        if wanted == "f":
            # Most people in political news are men, so a name that says nothing of its
            # bearer's sex ("Chris Christie") is less likely a "she" than a woman's name.
            women = [n for n in fitting if self._sex.get(n.key) == "f"]
            fitting = women or fitting
        sentences: list[int] = []
        for named in fitting:  # nearest first
            if named.sentence not in sentences:
                if len(sentences) == SUBJECT_REACH:
                    break
                sentences.append(named.sentence)
            if named.subject:
                return named.who
        return fitting[0].who


def _covers(subjects: list[int], start: int, end: int) -> bool:
    index = bisect.bisect_left(subjects, start)
    return index < len(subjects) and subjects[index] < end


def _recognised(
    parses: Sequence[Parse], known: Sequence[Mention], people: PersonIndex
) -> list[tuple[_Named, str | None]]:
    """The recogniser's person names the dictionary did not match, each as the person
    the article's index gives it (a full name, or a surname one person carries), with
    the title written before it ("Mrs"), which can say the person's sex."""
    spans = [m.evidence.span for m in known]
    found: list[tuple[_Named, str | None]] = []
    for parse in parses:
        for run in person_spans(parse.tokens, people.honorifics):
            start, end = run[0].start, run[-1].end
            if any(s.start < end and start < s.end for s in spans):
                continue
            person = people.find([t.text for t in run])
            if person is None:
                continue
            before = parse.tokens[run[0].i - 1] if run[0].i > 0 else None
            title = before.text if before and people.is_honorific(before.text) else None
            subject = any(t.dep in _SUBJECTS for t in run)
            found.append((_Named(start, parse.sentence_index, person.key, person, subject), title))
    return found


def reported_subject(finder: ActorFinder, view: SentenceView, pronoun: Token) -> Participant | None:
    """ "Iraq said it would allow ...": the subject pronoun of a reported clause is
    the speaker when nothing else intervenes (it, they, we for a state or group)."""
    if pronoun.dep not in {"nsubj", "poss"} or pronoun.text.lower() not in {
        "it",
        "they",
        "we",
        "its",
        "their",
        "our",
    }:
        return None
    clause = view.head(pronoun)
    if pronoun.dep == "poss" and clause is not None and clause.dep == "nsubj":
        clause = view.head(clause)
    while clause is not None and clause.dep in {"xcomp", "conj"}:
        clause = view.head(clause)
    if clause is None or clause.dep != "ccomp":
        return None
    speech = view.head(clause)
    if speech is None:
        return None
    for subject in view.kids(speech, "nsubj"):
        if subject.pos == "PRON":
            return None
        actors = finder.actors(view, subject)
        if actors:
            first = actors[0]
            return Participant(first.actor, "pronoun", pronoun.i)
    return None
