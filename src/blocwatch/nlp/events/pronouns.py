"""Who "he" or "she" stands for when it is the doer or target of an event.

The same two preferences the quote speakers follow (:mod:`blocwatch.nlp.quotes.referents`):
a person whose names say the other sex is skipped (:mod:`blocwatch.nlp.actors.gender`),
and among the people of the last few sentences that name anyone, one who was a clause's
subject outranks one only mentioned since ("Fowler noted ... lobbying by allies of Biden
... he said": Fowler), since the subject is what the text is about. With no subject in
reach, the nearest person named before the pronoun is taken, as before.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from blocwatch.model import ActorKind, Mention, Parse
from blocwatch.nlp.actors.gender import SUBJECT_REACH, Genders, default_genders, person_sexes

WINDOW = 400
"""How far back, in characters, a pronoun may reach for its person."""
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class PersonPronouns:
    """The people of one article, in text order, with their sex and whether each mention
    is a clause's subject."""

    def __init__(
        self,
        mentions: Sequence[Mention],
        parses: Sequence[Parse] = (),
        genders: Genders | None = None,
    ) -> None:
        self.genders = genders or default_genders()
        self.people = sorted(
            (m for m in mentions if m.kind is ActorKind.PERSON),
            key=lambda m: m.evidence.span.start,
        )
        self._starts = [m.evidence.span.start for m in self.people]
        self._sex = person_sexes(mentions, self.genders)
        subjects = sorted(t.start for p in parses for t in p.tokens if t.dep in _SUBJECTS)
        self._subject = [self._covers(subjects, m) for m in self.people]

    @staticmethod
    def _covers(subjects: list[int], mention: Mention) -> bool:
        span = mention.evidence.span
        index = bisect.bisect_left(subjects, span.start)
        return index < len(subjects) and subjects[index] < span.end

    def resolve(self, pronoun: str, offset: int) -> Mention | None:
        """The person mention ``pronoun`` at ``offset`` stands for, or ``None``."""
        # Nearest first, within the window only: the walk stops at the window's edge
        # rather than looking at every person the article named before.
        first = bisect.bisect_left(self._starts, offset - WINDOW)
        fitting = [
            i
            for i in range(bisect.bisect_left(self._starts, offset) - 1, first - 1, -1)
            if self.genders.agrees(pronoun, self._sex.get(self._key(self.people[i])))
        ]
        if not fitting:
            return None
        sentences: list[int] = []
        for i in fitting:  # nearest first
            sentence = self.people[i].evidence.sentence_index
            if sentence not in sentences:
                if len(sentences) == SUBJECT_REACH:
                    break
                sentences.append(sentence)
            if self._subject[i]:
                return self.people[i]
        return self.people[fitting[0]]

    @staticmethod
    def _key(mention: Mention) -> str:
        return mention.actor_id or mention.name
