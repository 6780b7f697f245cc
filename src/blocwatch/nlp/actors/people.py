"""The people one article names, so that a later "Strada" or "Mr Hussen" is linked once.

News names a person in full once ("Ahmed Hussen, the immigration minister") and then by
surname ("Hussen said", "Mr Hussen"). Both the event coder (who acted) and the quote
finder (who spoke) need that link; :class:`PersonIndex` makes it once per article from
two sources:

* the dictionary's person mentions (:class:`~blocwatch.model.Mention` of kind person),
  which keep their actor id;
* the entity recogniser's PERSON names of two words or more (titles such as "Mr" left
  out), and the proper names of two words or more that are a clause's subject but carry
  no entity label at all ("Tomasz Wielgus took over ..."; small models miss many
  unfamiliar names), which become ``person:<slug>`` people. A run holding an agent noun
  ("Foreign Minister") is a title, not a name.

A name the recogniser found over a dictionary mention is that mention's person, so two
spellings of one known person ("Sergey"/"Sergei Lavrov") stay one person. A surname or a
titled surname is looked up only when exactly one person of the article carries it: a
surname two people share stays unresolved, since it could be either. Small models often
tag a lone surname as a place or leave it untagged; the index does not care which label
the word got, its callers ask it with the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from blocwatch.data import exists, toml_fields
from blocwatch.model import ActorKind, Mention, Parse, Token
from blocwatch.nlp.actors.agents import AgentDictionary

_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True, slots=True)
class Person:
    """One person an article names in full."""

    name: str
    """The fullest name the article gives ("Ahmed Hussen")."""
    actor_id: str | None = None
    """The dictionary's id when it knows the person; ``None`` for a new name."""

    @property
    def key(self) -> str:
        """The actor id, or ``person:<slug>`` for a person the dictionary lacks."""
        return self.actor_id or f"person:{slug(self.name)}"


@cache
def default_honorifics(language: str = "en") -> frozenset[str]:
    """Titles written before a name (``data/actors/people_<language>.toml``); none for a
    language without the file."""
    name = f"actors/people_{language}.toml"
    if not exists(name):
        return frozenset()
    with toml_fields(name) as data:
        return frozenset(data["honorifics"])


class PersonIndex:
    """Full names and surnames of one article's people; build with :meth:`build`."""

    __slots__ = ("_by_name", "_by_surname", "honorifics", "people")

    def __init__(self, people: Iterable[Person], honorifics: frozenset[str] = frozenset()):
        self.honorifics = honorifics
        given = list(people)
        same = _shorter_names(given)
        self.people: tuple[Person, ...] = tuple(dict.fromkeys(same.get(p.key, p) for p in given))
        """One record per person, under the fullest name."""
        self._by_name: dict[str, Person] = {}
        owners: dict[str, set[str]] = {}
        first: dict[str, Person] = {}
        for name in given:
            person = same.get(name.key, name)
            words = name.name.lower().split()
            self._by_name.setdefault(" ".join(words), person)
            if words:
                owners.setdefault(words[-1], set()).add(person.key)
                first.setdefault(words[-1], person)
        self._by_surname = {
            surname: first[surname] if len(keys) == 1 else None for surname, keys in owners.items()
        }
        """Surname → its one person, or ``None`` when people share it."""

    @classmethod
    def build(
        cls,
        parses: Sequence[Parse],
        mentions: Sequence[Mention] = (),
        honorifics: frozenset[str] | None = None,
    ) -> PersonIndex:
        """The index of an article from its parsed sentences and actor mentions."""
        titles = default_honorifics() if honorifics is None else honorifics
        known = [m for m in mentions if m.kind is ActorKind.PERSON]
        names: dict[str, list[str]] = {}
        order: list[str] = []
        for parse in parses:
            for tokens in [*person_spans(parse.tokens, titles), *_untagged_subjects(parse, titles)]:
                words = [_POSSESSIVE.sub("", t.text) or t.text for t in tokens]
                mention = _covering(known, tokens[0].start, tokens[-1].end)
                if mention is None and len(words) < 2:
                    continue
                key = mention.actor_id if mention else f"person:{slug(' '.join(words))}"
                if key not in names:
                    order.append(key)
                if len(words) > len(names.get(key, [])):
                    names[key] = words
        recognised = set(names)
        for mention in known:
            # The recogniser's words, where it found the name, leave titles and roles out.
            if mention.actor_id in recognised:
                continue
            words = _name_words(mention.name, titles)
            if mention.actor_id not in names:
                order.append(mention.actor_id)
            if len(words) > len(names.get(mention.actor_id, [])):
                names[mention.actor_id] = words
        people = []
        for key in order:
            if names.get(key):
                actor_id = key if any(m.actor_id == key for m in known) else None
                people.append(Person(" ".join(names[key]), actor_id))
        return cls(people, titles)

    def find(self, words: Sequence[str]) -> Person | None:
        """The person named by ``words`` as written: a full name ("Ahmed Hussen"), or a
        surname, titled or not ("Hussen", "Mr. Hussen"), that one person alone carries.
        Case does not matter ("HUSSEN:" in a transcript)."""
        name = self._strip(words)
        if not name:
            return None
        if len(name) == 1:
            return self._by_surname.get(name[0])
        return self._by_name.get(" ".join(name))

    def is_shared(self, words: Sequence[str]) -> bool:
        """Whether ``words`` are a surname that two or more of the article's people carry."""
        name = self._strip(words)
        return len(name) == 1 and name[0] in self._by_surname and self._by_surname[name[0]] is None

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics

    def _strip(self, words: Sequence[str]) -> list[str]:
        name = [_POSSESSIVE.sub("", w.lower()) for w in words]
        while name and name[0].rstrip(".") in self.honorifics:
            name = name[1:]
        return [w for w in name if w]


def person_spans(tokens: Sequence[Token], honorifics: frozenset[str]) -> Iterator[list[Token]]:
    """The entity recogniser's PERSON names in a sentence, as their proper-noun tokens
    without titles ("Mr", "Dr")."""
    words: list[Token] = []
    for token in tokens:
        inside = token.ent_type == "PERSON" and (token.ent_iob == "I" or not words)
        if token.ent_type == "PERSON" and token.ent_iob == "B" and words:
            yield words
            words = []
            inside = True
        if inside and token.pos == "PROPN" and token.text.lower().rstrip(".") not in honorifics:
            words.append(token)
        elif not inside and words:
            yield words
            words = []
    if words:
        yield words


def _untagged_subjects(parse: Parse, honorifics: frozenset[str]) -> Iterator[list[Token]]:
    """Subjects made of two or more capitalised proper nouns that the entity recogniser
    left unlabelled, and that hold no agent noun."""
    agents = AgentDictionary.default()
    for token in parse.tokens:
        if token.dep != "nsubj" or token.ent_type or token.pos != "PROPN":
            continue
        run = [
            t
            for t in parse.tokens
            if t.head == token.i and t.dep == "compound" and t.i < token.i and t.pos == "PROPN"
        ]
        run.append(token)
        if run[0].text.lower().rstrip(".") in honorifics:
            run = run[1:]
        if (
            len(run) >= 2
            and run[-1].i - run[0].i + 1 == len(run)
            and all(t.text[:1].isupper() and not t.ent_type for t in run)
            and not any(agents.lookup(t.text) for t in run)
        ):
            yield run


def _shorter_names(people: Sequence[Person]) -> dict[str, Person]:
    """Names that end a longer name of the article ("Suu Kyi" of "Aung San Suu Kyi",
    "Guajardo Villarreal" of "Ildefonso Guajardo Villarreal"), mapped to the one longest
    name they end. A dictionary id moves to the longer name when only the shorter had it
    (the longer name then maps to the record with the id). A name that ends two different
    longest names stands for neither."""
    words = {p.key: p.name.lower().split() for p in people}

    def ends(short: Person, other: Person) -> bool:
        size = len(words[short.key])
        compatible = None in (short.actor_id, other.actor_id) or short.actor_id == other.actor_id
        return (
            compatible
            and len(words[other.key]) > size
            and words[other.key][-size:] == words[short.key]
        )

    target: dict[str, Person] = {}
    for short in people:
        longer = [o for o in people if ends(short, o)]
        longest = {o.key: o for o in longer if not any(ends(o, x) for x in longer)}
        if len(longest) == 1:
            target[short.key] = next(iter(longest.values()))
    final: dict[str, Person] = {}
    for key, other in target.items():
        actor_id = next(p.actor_id for p in people if p.key == key)
        if other.key not in final or (final[other.key].actor_id is None and actor_id):
            final[other.key] = Person(other.name, other.actor_id or actor_id)
    same = {key: final[other.key] for key, other in target.items()}
    same.update({key: person for key, person in final.items() if person.key != key})
    return same


def slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-")


def _covering(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    for mention in mentions:
        span = mention.evidence.span
        if span.start < end and start < span.end:
            return mention
    return None


def _name_words(phrase: str, honorifics: frozenset[str]) -> list[str]:
    """The trailing capitalised words of a mention as written ("Foreign Minister Sergey
    Lavrov" gives all four, so the recogniser's words are preferred where it found some)."""
    words: list[str] = []
    for word in reversed(phrase.split()):
        bare = _POSSESSIVE.sub("", word)
        if not bare[:1].isupper() or bare.lower().rstrip(".") in honorifics:
            break
        words.insert(0, bare)
    return words
