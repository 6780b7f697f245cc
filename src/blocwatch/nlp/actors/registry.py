"""People the dictionary knows but the recogniser does not match: the Phoenix office-holders.

The Phoenix person list (``phoenix_people.json``, some 18,000 office-holders up to 2014)
is too large for the recogniser's patterns, which it would slow several times over, and
its surnames are too often shared to be matched alone. The event coder still needs it:
"President Abdelaziz Bouteflika said" is Algeria speaking, and an article that only ever
writes "President Bouteflika" means the same man. :class:`PersonRegistry` answers two
questions about a name the article gives, and nothing else:

* a full name ("Abdelaziz Bouteflika", hyphens and case aside) that one dictionary person
  alone carries, as name or alias, is that person; so is a name with middle names left
  out ("Omar Hassan al-Bashir" for "Omar Hassan Ahmad Al Bashir", three words at least)
  when one person alone fits it;
* a surname after an office word ("President Bouteflika", "Gen. Dostum") is a person
  only when exactly one dictionary person has that surname *and* a role of the kind the
  office word names (government, military, police) valid on the article's day; a role
  with no dates, or an article with no day, does not rule a person out. Two candidates
  give nothing: a wrong state costs more than a missing one.

A person found stands for the state of the role held that day (or the kind's role, for a
titled surname), else the person's country.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from blocwatch.data import exists, toml_fields
from blocwatch.model import Actor, ActorKind, Role
from blocwatch.nlp.actors.dictionary import SHIPPED_DIR, read_entries

_SEPARATORS = re.compile(r"[\s\-‐‑]+")
_POSSESSIVE = re.compile(r"[’']s?$")
_STATE_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A dictionary person a name in the text was linked to, and whom they stand for."""

    actor_id: str
    name: str
    state: str | None


@functools.cache
def default_office_kinds(language: str = "en") -> dict[str, str]:
    """Office word → the kind of role its holder has (``[office_kinds]`` of
    ``data/actors/people_<language>.toml``); empty for a language without the file."""
    name = f"actors/people_{language}.toml"
    if not exists(name):
        return {}
    with toml_fields(name) as data:
        table = data.get("office_kinds", {})
        return {word: kind for kind, words in table.items() for word in words}


def name_key(words: Iterable[str]) -> str:
    """A name as compared: lower case, possessive, hyphens, spacing and accents aside
    (the Phoenix list writes "Recep Tayyip Erdogan", news "Erdoğan")."""
    text = " ".join(_POSSESSIVE.sub("", w) for w in words)
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(w for w in _SEPARATORS.split(folded.lower()) if w)


class PersonRegistry:
    """Dictionary people by full name and by surname; build with :meth:`default`."""

    __slots__ = ("_by_ends", "_by_name", "_by_surname", "office_kinds")

    def __init__(self, people: Iterable[Actor], office_kinds: dict[str, str]) -> None:
        self.office_kinds = office_kinds
        by_name: dict[str, set[Actor]] = {}
        by_surname: dict[str, set[Actor]] = {}
        self._by_ends: dict[tuple[str, str], list[tuple[tuple[str, ...], Actor]]] = {}
        for person in people:
            if person.kind is not ActorKind.PERSON:
                continue
            for name in (person.name, *person.aliases):
                key = name_key(name.split())
                if " " in key:
                    by_name.setdefault(key, set()).add(person)
                    words = tuple(key.split())
                    self._by_ends.setdefault((words[0], words[-1]), []).append((words, person))
            surname = name_key(person.name.split()).rsplit(" ", 1)[-1]
            by_surname.setdefault(surname, set()).add(person)
        self._by_name = {
            key: next(iter(found)) for key, found in by_name.items() if len(found) == 1
        }
        self._by_surname = {key: tuple(found) for key, found in by_surname.items()}

    @classmethod
    def default(cls) -> PersonRegistry:
        """The shipped Phoenix office-holders (read once, on first use)."""
        return _default_registry()

    @classmethod
    def load(cls, *paths: Path, language: str = "en") -> PersonRegistry:
        people = [entry.actor for path in paths for entry in read_entries(path)]
        return cls(people, default_office_kinds(language))

    def by_name(self, words: Sequence[str], day: date | None = None) -> KnownPerson | None:
        """The one person whose full name (two words or more) is ``words``."""
        key = name_key(words)
        person = self._by_name.get(key) if " " in key else None
        if person is None and key.count(" ") >= 2:
            # Three words at least: "John Smith" would fit some "John Hilary Smith".
            person = self._shortened(tuple(key.split()))
        if person is None or _not_yet_known(person, day):
            return None
        role = person.role_on(day)
        state = role.of if role and _STATE_CODE.match(role.of) else person.country
        return KnownPerson(person.id, person.name, state)

    def _shortened(self, words: tuple[str, ...]) -> Actor | None:
        """The one person whose listed name is ``words`` with middle names the text left
        out: "Omar Hassan al-Bashir" for "Omar Hassan Ahmad Al Bashir". The first and
        last words must be the list's; two candidates give nothing."""
        found = {
            person
            for listed, person in self._by_ends.get((words[0], words[-1]), ())
            if len(listed) > len(words) and _in_order(words, listed)
        }
        return found.pop() if len(found) == 1 else None

    def by_title(
        self, title: Sequence[str], surname: str, day: date | None = None
    ) -> KnownPerson | None:
        """The one person with ``surname`` and a role of the kind the office words of
        ``title`` name, valid on ``day``; ``None`` when no word is an office or when two
        people qualify."""
        kinds = {self.office_kinds.get(w.lower().rstrip(".")) for w in title} - {None}
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        found: list[tuple[Actor, Role]] = []
        for person in self._by_surname.get(name_key([surname]), ()):
            roles = [r for r in person.roles if r.title == kind and _valid(r, day)]
            states = {r.of for r in roles if _STATE_CODE.match(r.of)}
            if roles:
                found.append((person, roles[-1]))
                if len(states) > 1:
                    return None
        if len(found) != 1:
            return None
        person, role = found[0]
        state = role.of if _STATE_CODE.match(role.of) else person.country
        return KnownPerson(person.id, person.name, state)


def _not_yet_known(person: Actor, day: date | None) -> bool:
    """Whether every office the list knows the person by began after ``day``: before it,
    the name is as likely another person's (a police spokesman in 2007 who shares the
    name of a minister appointed in 2011)."""
    starts = [r.start for r in person.roles]
    return day is not None and bool(starts) and all(s is not None and s > day for s in starts)


def _in_order(words: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """Whether ``words`` are among ``listed`` in the same order."""
    rest = iter(listed)
    return all(word in rest for word in words)


def _valid(role: Role, day: date | None) -> bool:
    return day is None or role.held_on(day)


@functools.cache
def _default_registry() -> PersonRegistry:
    path = SHIPPED_DIR / "phoenix_people.json"
    return PersonRegistry.load(*([path] if path.is_file() else []))
