"""The actor dictionary: who is who, under which names, holding which office when.

The dictionary is a list of JSON files (``src/blocwatch/data/actors/*.json`` ships with
the package; users add their own with :meth:`ActorDictionary.load`). One file looks like::

    {"format": "blocwatch-actors/1",
     "actors": [
      {"id": "RUS", "kind": "state", "name": "Russia",
       "aliases": ["Russian Federation"], "adjectives": ["Russian"]},
      {"id": "place:moscow", "kind": "place", "name": "Moscow", "country": "RUS",
       "seat_of": "RUS"},
      {"id": "CIS", "kind": "organization", "name": "Commonwealth of Independent States",
       "aliases": ["CIS"], "context_aliases": ["Commonwealth"]},
      {"id": "person:sergey-lavrov", "kind": "person", "name": "Sergey Lavrov",
       "country": "RUS", "patronymic": "Viktorovich",
       "roles": [{"title": "foreign minister", "of": "RUS", "start": "2004-03-09"}]}
     ]}

Keys beyond :class:`~blocwatch.model.Actor`'s fields:

``adjectives``
    Adjectives and demonyms that name the actor ("Russian", "Kazakhstani").
``seat_of``
    For a place: the government it stands for when used as an actor ("the Kremlin said").
``context_aliases``
    Names that are only this actor once the article has named it ("the Commonwealth" is
    the CIS in an article about the CIS, and the British one elsewhere), or has named
    the organisation it belongs to (its ``country``, when that is an organisation: "the
    Security Council" is the UN's once the UN was named).
``patronymic``
    For a person: "Sergei Nikolayevich" then names Sergei Lebedev.
``surname`` / ``surname_alone``
    The family name (defaults to the last word; Chinese names put it first) and whether
    it names the person on its own before the article gives the full name (false for
    surnames that are common words or common names: "May", "Brown", "Wang").
``match``
    ``false`` keeps an actor in the dictionary without matching its names in text
    (capitals that are also common words, such as "Male").
``sector``
    What kind of body an organisation is (:class:`~blocwatch.model.Sector`): a non-state
    armed group is ``{"kind": "organization", "sector": "armed group"}``.
``valid_from`` / ``valid_until``
    For a contested entity (kind ``contested``): the days its de facto authorities began
    and ceased to exist. A seat of power names it only between them ("Donetsk" as an actor
    is the Donetsk "people's republic" from April 2014, a Ukrainian place before).
``backed_by``
    For a contested entity: the state that backs or occupies it (Russia for Transnistria,
    Turkey for Northern Cyprus). Its ``country`` is the state that claims its territory.

Later files override earlier ones entry by entry (same ``id``), so a user file can correct
a date or add an alias without copying the shipped data.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from blocwatch.errors import InputError
from blocwatch.model import Actor, ActorKind, Role, Sector
from blocwatch.nlp.actors.titles import office_class

FORMAT = "blocwatch-actors/1"
_CODED_KINDS = frozenset(
    {ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.BLOC, ActorKind.CONTESTED}
)
"""Kinds of actor that stand for themselves: their id is the code their events carry."""
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "data" / "actors"
PHOENIX_FILES = ("phoenix_organizations.json", "phoenix_nonstate.json")
"""Converted from the Phoenix dictionaries (MIT, Open Event Data Alliance) by
``tools/petrarch2.py``: international and non-governmental organisations and non-state
armed groups. Loaded first, so the project's own files win for the same id."""
PHOENIX_OPTIONAL_PATHS = (
    SHIPPED_DIR / "phoenix_people.json",
    SHIPPED_DIR / "phoenix_companies.json",
)
"""Phoenix's office-holders (as of 2014) and companies: shipped, not loaded by default
(they multiply the recogniser's start-up time); add them with
``ActorDictionary.load(*PHOENIX_OPTIONAL_PATHS)``."""
PROJECT_FILES = (
    "states.json",
    "capitals.json",
    "places.json",
    "organizations.json",
    "people.json",
    "armed_groups.json",
    "contested.json",
)
"""The files written for the project, in loading order (later files win)."""
_SHIPPED_FILES = (*PHOENIX_FILES, *PROJECT_FILES)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor with what the recogniser needs beyond the data model's fields."""

    actor: Actor
    adjectives: tuple[str, ...] = ()
    seat_of: str | None = None
    context_aliases: tuple[str, ...] = ()
    patronymic: str | None = None
    surname: str | None = None
    surname_alone: bool = True
    match: bool = True
    sector: Sector | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    backed_by: str | None = None

    def valid_on(self, day: date | None) -> bool:
        """Whether the actor existed on ``day`` (an unknown day: yes)."""
        if day is None:
            return True
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day < self.valid_until

    @property
    def family_name(self) -> str | None:
        """The surname of a person (explicit, else the last word of the name)."""
        if self.actor.kind is not ActorKind.PERSON:
            return None
        return self.surname or self.actor.name.split()[-1]


@dataclass(frozen=True, slots=True)
class _Office:
    office: str
    of: str
    role: Role
    actor_id: str


class ActorDictionary:
    """Actors by id, with offices indexed for resolution by date.

    Build it with :meth:`default` (the shipped data, loaded once per process and shared,
    which is why it cannot be changed after construction) or :meth:`load`.
    """

    __slots__ = ("_entries", "_offices")

    def __init__(self, entries: Mapping[str, ActorEntry]) -> None:
        self._entries: Mapping[str, ActorEntry] = MappingProxyType(dict(entries))
        offices: dict[tuple[str, str], list[_Office]] = {}
        for entry in self._entries.values():
            for role in entry.actor.roles:
                office = _Office(office_class(role.title), role.of, role, entry.actor.id)
                offices.setdefault((office.office, role.of), []).append(office)
        self._offices = {
            key: tuple(sorted(found, key=lambda o: o.role.start or date.min))
            for key, found in offices.items()
        }

    def __reduce__(self) -> tuple[type[ActorDictionary], tuple[dict[str, ActorEntry]]]:
        return (ActorDictionary, (dict(self._entries),))

    @property
    def entries(self) -> Mapping[str, ActorEntry]:
        """Every entry by actor id (read-only)."""
        return self._entries

    # ------------------------------------------------------------------ construction

    @classmethod
    def default(cls) -> ActorDictionary:
        """The dictionary shipped with the package (loaded once, then shared)."""
        return _default_dictionary()

    @classmethod
    def load(cls, *paths: Path, include_default: bool = True) -> ActorDictionary:
        """The shipped dictionary (unless ``include_default`` is false) plus ``paths``.

        Later files override earlier ones for the same id.
        """
        entries: dict[str, ActorEntry] = (
            dict(_default_dictionary().entries) if include_default else {}
        )
        for path in paths:
            for entry in read_entries(path):
                entries[entry.actor.id] = entry
        return cls(entries)

    @classmethod
    def from_actors(
        cls, actors: Iterable[Actor], *, include_default: bool = True
    ) -> ActorDictionary:
        """A dictionary from plain actors (what the importers return)."""
        entries: dict[str, ActorEntry] = (
            dict(_default_dictionary().entries) if include_default else {}
        )
        for actor in actors:
            entries[actor.id] = ActorEntry(actor)
        return cls(entries)

    # ------------------------------------------------------------------ lookup

    def get(self, actor_id: str) -> Actor | None:
        entry = self.entries.get(actor_id)
        return entry.actor if entry else None

    def entry(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def __iter__(self) -> Iterator[Actor]:
        return (entry.actor for entry in self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def state_of(self, actor_id: str, on: date | None = None) -> str | None:
        """The state (ISO3) or organisation code an actor stands for on ``on``.

        A state or organisation stands for itself; a seat of power ("the Kremlin") for
        its government; a place for its country; a person for the state or organisation
        of the office held that day (their country when they hold none).
        """
        entry = self.entries.get(actor_id)
        if entry is None:
            return None
        actor = entry.actor
        if actor.kind in _CODED_KINDS:
            return actor.id
        if actor.kind is ActorKind.PLACE:
            seat = self.seat_on(entry, on)
            return seat.actor.id if seat else actor.country
        role = actor.role_on(on)
        return role.of if role else actor.country

    def seat_on(self, entry: ActorEntry, on: date | None) -> ActorEntry | None:
        """The government a seat of power stands for on ``on``, if it existed then.

        "Donetsk" used as an actor is the Donetsk "people's republic" only while it exists
        (from April 2014); before, it is a Ukrainian city like any other.
        """
        seat = self.entries.get(entry.seat_of) if entry.seat_of else None
        return seat if seat is not None and seat.valid_on(on) else None

    def office_holder(self, title: str, of: str, on: date | None) -> Actor | None:
        """Who held office ``title`` of ``of`` on ``on`` (the current holder when ``on`` is None).

        Titles are compared as offices, so "foreign minister" of "USA" finds the Secretary
        of State. When acting and full holders overlap, the one who took office last wins.
        """
        offices = self._offices.get((office_class(title), of), ())
        found: _Office | None = None
        for office in offices:
            held = office.role.held_on(on) if on else office.role.end is None
            if held:
                found = office
        return self.get(found.actor_id) if found else None

    def roles_of(self, actor_id: str, title: str) -> list[Role]:
        """The roles of an actor that are the office ``title`` names."""
        actor = self.get(actor_id)
        if actor is None:
            return []
        wanted = office_class(title)
        return [role for role in actor.roles if office_class(role.title) == wanted]

    # ------------------------------------------------------------------ saving

    def save(self, path: Path) -> None:
        """Write every entry in the shipped format (one actor per line, for readable diffs)."""
        write_entries(path, self.entries.values())


@functools.cache
def _default_dictionary() -> ActorDictionary:
    entries: dict[str, ActorEntry] = {}
    for name in _SHIPPED_FILES:
        path = SHIPPED_DIR / name
        if path.is_file():
            entries.update((entry.actor.id, entry) for entry in read_entries(path))
    return ActorDictionary(entries)


# ---------------------------------------------------------------------- file format


def read_entries(path: Path) -> list[ActorEntry]:
    """The entries of one actor file; :class:`InputError` names the file and the fault."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read actor file: {error}", source=str(path)) from error
    return parse_entries(data, source=str(path))


def parse_entries(data: Any, *, source: str) -> list[ActorEntry]:
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise InputError('expected {"format": ..., "actors": [...]}', source=source)
    entries = []
    for position, item in enumerate(data["actors"]):
        try:
            entries.append(_entry_from_json(item))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"actor #{position}: {error!r}", source=source) from error
    return entries


def _entry_from_json(item: dict[str, Any]) -> ActorEntry:
    roles = tuple(
        Role(
            title=role["title"],
            of=role["of"],
            start=_day(role.get("start")),
            end=_day(role.get("end")),
        )
        for role in item.get("roles", ())
    )
    actor = Actor(
        id=item["id"],
        name=item["name"],
        kind=ActorKind(item["kind"]),
        country=item.get("country"),
        aliases=tuple(item.get("aliases", ())),
        roles=tuple(sorted(roles, key=lambda r: r.start or date.min)),
    )
    return ActorEntry(
        actor=actor,
        adjectives=tuple(item.get("adjectives", ())),
        seat_of=item.get("seat_of"),
        context_aliases=tuple(item.get("context_aliases", ())),
        patronymic=item.get("patronymic"),
        surname=item.get("surname"),
        surname_alone=bool(item.get("surname_alone", True)),
        match=bool(item.get("match", True)),
        sector=Sector(item["sector"]) if item.get("sector") else None,
        valid_from=_day(item.get("valid_from")),
        valid_until=_day(item.get("valid_until")),
        backed_by=item.get("backed_by"),
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def entry_to_json(entry: ActorEntry) -> dict[str, Any]:
    actor = entry.actor
    item: dict[str, Any] = {"id": actor.id, "kind": actor.kind.value, "name": actor.name}
    if actor.country:
        item["country"] = actor.country
    if actor.aliases:
        item["aliases"] = list(actor.aliases)
    optional: dict[str, Any] = {
        "adjectives": list(entry.adjectives),
        "seat_of": entry.seat_of,
        "context_aliases": list(entry.context_aliases),
        "patronymic": entry.patronymic,
        "surname": entry.surname,
        "sector": entry.sector.value if entry.sector else None,
        "valid_from": entry.valid_from.isoformat() if entry.valid_from else None,
        "valid_until": entry.valid_until.isoformat() if entry.valid_until else None,
        "backed_by": entry.backed_by,
    }
    item.update({key: value for key, value in optional.items() if value})
    if not entry.surname_alone:
        item["surname_alone"] = False
    if not entry.match:
        item["match"] = False
    if actor.roles:
        item["roles"] = [_role_to_json(role) for role in actor.roles]
    return item


def _role_to_json(role: Role) -> dict[str, Any]:
    item: dict[str, Any] = {"title": role.title, "of": role.of}
    if role.start:
        item["start"] = role.start.isoformat()
    if role.end:
        item["end"] = role.end.isoformat()
    return item


def write_entries(path: Path, entries: Iterable[ActorEntry]) -> None:
    lines = [json.dumps(entry_to_json(entry), ensure_ascii=False) for entry in entries]
    body = ",\n  ".join(lines)
    path.write_text(f'{{"format": "{FORMAT}", "actors": [\n  {body}\n]}}\n', "utf-8")


def with_roles(actor: Actor, roles: Sequence[Role]) -> Actor:
    """``actor`` with ``roles`` sorted by start (the order :meth:`Actor.role_on` expects)."""
    return replace(actor, roles=tuple(sorted(roles, key=lambda r: r.start or date.min)))
