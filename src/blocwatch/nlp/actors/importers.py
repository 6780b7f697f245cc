"""Grow the dictionary from larger actor lists the user supplies.

Two formats are read:

**PETRARCH / Phoenix actor dictionaries** (the ``.actors.txt`` files of the event coders).
An entry is a primary name, then synonyms on lines starting with ``+``, then one or more
codes in brackets, optionally limited in time::

    # comment
    SERGEY_LAVROV_  ; a comment too
    +SERGEI_LAVROV_
    +LAVROV_
        [RUSGOV >040309]
        [RUSELI]
    KAZAKHSTAN_ [KAZ]

Underscores stand for spaces; names are upper case and are title-cased on import;
``#``, ``;`` and ``<!-- -->`` start comments. A code of three letters that is an ISO 3166
alpha-3 code makes a state. A rebel, insurgent or unaligned armed code (``[SOMREB]``,
``[PSEREBHMS]``, ``[IMGMUSISI]``) makes an organisation of the sector "armed group",
unless the entry is a person (codes limited in time, or "bin"/"ibn" in the name); an
``IGO``/``NGO``/``MNC`` code or a name with an organisation word ("agency", "council",
"front") makes an organisation, with the sector its code names (:data:`PHOENIX_SECTORS`). Anything else makes
a person whose country is the code's first three letters and whose roles are the coded
periods (``[USAGOV 090120-170120]``, ``[RUSGOV >040309]``, ``[RUSELI <040309]``, or no
period for the default). Dates are ``YYMMDD`` or ``YYYYMMDD``; as in PETRARCH, two-digit
years 00-30 are 20xx, others 19xx. Organisations and armed groups get the ids
``org:<slug>`` and ``armed_group:<slug>``.

**Wikidata extracts**, either the entity JSON that ``Special:EntityData/Q7747.json``
returns (``{"entities": {"Q...": {...}}}``, several entities in one file are fine) or a
flat list, one object per actor::

    [{"id": "Q7747", "label": "Vladimir Putin", "aliases": ["Putin"],
      "kind": "person", "country": "RUS",
      "positions": [{"title": "president", "of": "RUS", "start": "2012-05-07",
                     "end": null}]}]

From entity JSON the importer reads English labels and aliases, the Russian label and
aliases as further aliases (:data:`ALIAS_LANGUAGES`: the Russian reader matches any
Cyrillic alias on lemmas, so an import gives Russian names with the same ids), ``P31`` (instance of:
``Q5`` human, ``Q6256``/``Q3624078`` country), ``P298`` (ISO alpha-3), and ``P39``
(position held) with ``P580``/``P582`` (start, end) and ``P642``/``P1001`` (of what)
qualifiers; positions and countries are named by the label of their entity when the file
includes it, by their Q-id otherwise. Ids become ``person:<slug>`` (people), the ISO code
(states) or ``wd:<Q-id>``.

Both return plain :class:`~blocwatch.model.Actor` records; pass them to
:meth:`ActorDictionary.from_actors`, or save them with :meth:`ActorDictionary.save` to
edit and reuse.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from blocwatch.errors import InputError
from blocwatch.model import Actor, ActorKind, Role, Sector
from blocwatch.nlp.actors.dictionary import ActorEntry
from blocwatch.nlp.actors.variants import slugify

_CODE = re.compile(r"\[(?P<code>[A-Z0-9~]+)(?:\s+(?P<when>[^\]]*))?\]")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_CAMEO_ROLES = {
    "GOV": "government",
    "MIL": "military",
    "ELI": "elite",
    "LEG": "legislature",
    "JUD": "judiciary",
    "OPP": "opposition",
    "REB": "rebel",
    "BUS": "business",
    "MED": "media",
    "PTY": "party",
    "COP": "police",
    "SPY": "intelligence",
    "IGO": "intergovernmental organisation",
}

PHOENIX_SECTORS: dict[str, Sector] = {
    "GOV": Sector.GOVERNMENT,
    "ELI": Sector.GOVERNMENT,
    "DEV": Sector.GOVERNMENT,
    "SPY": Sector.GOVERNMENT,
    "JUD": Sector.JUDICIARY,
    "LEG": Sector.LEGISLATURE,
    "MIL": Sector.MILITARY,
    "COP": Sector.POLICE,
    "PTY": Sector.PARTY,
    "OPP": Sector.OPPOSITION,
    "REB": Sector.ARMED_GROUP,
    "UAF": Sector.ARMED_GROUP,
    "INS": Sector.ARMED_GROUP,
    "BUS": Sector.COMPANY,
    "MNC": Sector.COMPANY,
    "MED": Sector.MEDIA,
    "NGO": Sector.NGO,
    "NGM": Sector.NGO,
    "HRI": Sector.NGO,
    "ENV": Sector.NGO,
    "CVL": Sector.CIVILIANS,
    "PPL": Sector.CIVILIANS,
    "AGR": Sector.CIVILIANS,
    "EDU": Sector.CIVILIANS,
    "HLH": Sector.CIVILIANS,
    "LAB": Sector.CIVILIANS,
    "REF": Sector.CIVILIANS,
    "REL": Sector.CIVILIANS,
    "CHR": Sector.CIVILIANS,
    "MUS": Sector.CIVILIANS,
    "JEW": Sector.CIVILIANS,
    "BUD": Sector.CIVILIANS,
    "HIN": Sector.CIVILIANS,
}
"""Phoenix's sector codes (three letters, after a country code or alone) → our sector.
Criminals (``CRM``), radicals (``RAD``) and international organisations (``IGO``) have no
sector of ours."""

# Role codes of armed non-state actors: rebels, insurgents, unaligned armed forces.
_ARMED_ROLES = frozenset({"REB", "INS", "UAF"})
_ORGANISATION_CODES = frozenset({"IGO", "NGO", "MNC", "NGM"})
_PERSONAL_NAME_WORDS = frozenset({"bin", "ibn", "bint"})
"""Words of Arabic personal names ("son of"): a group's entry named so is a person."""
_ORGANISATION_WORDS = frozenset(
    [
        "agency",
        "alliance",
        "army",
        "association",
        "authority",
        "bank",
        "board",
        "brigade",
        "brigades",
        "cells",
        "centre",
        "center",
        "coalition",
        "command",
        "commission",
        "committee",
        "company",
        "corporation",
        "council",
        "court",
        "faction",
        "federation",
        "forces",
        "foundation",
        "front",
        "fund",
        "group",
        "institute",
        "league",
        "liberation",
        "militia",
        "mission",
        "movement",
        "network",
        "nuclei",
        "office",
        "organisation",
        "organization",
        "panel",
        "party",
        "programme",
        "program",
        "resistance",
        "society",
        "tribunal",
        "union",
    ]
)


ALIAS_LANGUAGES = ("en", "ru")
"""Languages whose Wikidata labels and aliases become an imported actor's aliases."""


def import_petrarch(path: Path) -> list[Actor]:
    """Actors from a PETRARCH/Phoenix ``.actors.txt`` dictionary (see the module docstring)."""
    return [entry.actor for entry in read_petrarch(path)]


def read_petrarch(path: Path) -> list[ActorEntry]:
    """The entries of a PETRARCH dictionary, with the sector its codes name."""
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError as error:
        raise InputError(f"cannot read PETRARCH dictionary: {error}", source=str(path)) from error
    actors: list[ActorEntry] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        if current is not None and current["codes"]:
            actors.append(_petrarch_entry(current))

    for number, raw in enumerate(lines, start=1):
        line = re.split(r"[#;]", _HTML_COMMENT.sub("", raw), maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        codes = [(m.group("code"), m.group("when") or "") for m in _CODE.finditer(stripped)]
        words = _CODE.sub("", stripped).strip()
        if words.startswith("+"):
            if current is None:
                raise InputError(f"line {number}: synonym before any actor", source=str(path))
            current["aliases"].append(_petrarch_name(words[1:]))
        elif words:
            flush()
            current = {"name": _petrarch_name(words), "aliases": [], "codes": []}
        if codes:
            if current is None:
                raise InputError(f"line {number}: code before any actor", source=str(path))
            current["codes"].extend(codes)
    flush()
    return actors


_LOWER_WORDS = frozenset(
    [
        "and",
        "of",
        "the",
        "for",
        "in",
        "on",
        "de",
        "du",
        "la",
        "le",
        "von",
        "van",
        "der",
        "bin",
        "ibn",
    ]
)


def _petrarch_name(words: str) -> str:
    """``ISLAMIC_STATE_OF_IRAQ`` → "Islamic State of Iraq"; ``AL-SHABAAB`` → "Al-Shabaab";
    ``THE_ISLAMIC_STATE`` → "the Islamic State" (the recogniser also reads "The ...");
    ``ISIL`` → "ISIL" (a single word of up to four letters is taken for an acronym).
    """
    text = " ".join(words.replace("_", " ").split())
    if " " not in text and text.isalpha() and len(text) <= 4:
        return text  # an acronym: "ISIL", "IAEA"
    out = []
    for position, word in enumerate(text.split()):
        if len(word) <= 3 and word.isupper() and "." in word:
            out.append(word)
        elif position == 0 and word == "THE" and " " in text:
            out.append("the")
        elif position and word.lower() in _LOWER_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(_capitalise(part) for part in word.split("-")))
    return " ".join(out)


def _capitalise(part: str) -> str:
    """``O'BRIEN`` → "O'Brien"; ``NEWS'`` → "News'"."""
    head, apostrophe, tail = part.partition("'")
    if apostrophe and len(head) == 1 and tail:
        return f"{head.upper()}'{tail.capitalize()}"
    return part.capitalize()


def petrarch_kind(name: str, codes: list[tuple[str, str]]) -> ActorKind:
    """What a PETRARCH entry names, from its codes and its name (see the module docstring)."""
    first = codes[0][0]
    if len(first) == 3 and _iso3(first):
        return ActorKind.STATE
    words = set(re.findall(r"[a-z]+", name.lower()))
    organisation_named = bool(words & _ORGANISATION_WORDS) or _is_acronym(name)
    dated = any(when.strip() for _, when in codes)
    personal = bool(words & _PERSONAL_NAME_WORDS)  # "Osama bin Laden"
    undated_group = not dated and not personal
    if _is_armed(codes) and (organisation_named or undated_group or name.startswith("the ")):
        return ActorKind.ORGANIZATION
    if organisation_named or first[:3] in _ORGANISATION_CODES:
        return ActorKind.ORGANIZATION
    return ActorKind.PERSON


def petrarch_sector(codes: list[tuple[str, str]]) -> Sector | None:
    """The sector a Phoenix code names: ``SOMREB`` and ``IMG...`` an armed group, ``MNC...``
    a company, ``NGO...`` an NGO, ``RUSMIL`` the military; ``None`` for an international
    organisation (``IGO...``) or a code without a sector."""
    first = codes[0][0]
    if _is_armed(codes):
        return Sector.ARMED_GROUP
    head = first[:3]
    if head in PHOENIX_SECTORS and not _iso3(head):
        return PHOENIX_SECTORS[head]
    return PHOENIX_SECTORS.get(first[3:6])


def _is_armed(codes: list[tuple[str, str]]) -> bool:
    return any(code.startswith("IMG") or code[3:6] in _ARMED_ROLES for code, _ in codes)


def _iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def _is_acronym(name: str) -> bool:
    return " " not in name and name.replace(".", "").isupper() and len(name) <= 6


def _petrarch_entry(entry: dict[str, Any]) -> ActorEntry:
    name: str = entry["name"]
    aliases = tuple(dict.fromkeys(a for a in entry["aliases"] if a != name))
    codes: list[tuple[str, str]] = entry["codes"]
    first = codes[0][0]
    kind = petrarch_kind(name, codes)
    if kind is ActorKind.STATE:
        return ActorEntry(Actor(first, name, ActorKind.STATE, first, aliases))
    if kind is ActorKind.ORGANIZATION:
        sector = petrarch_sector(codes)
        country = first[:3] if _iso3(first[:3]) else None
        prefix = "armed_group" if sector is Sector.ARMED_GROUP else "org"
        actor = Actor(f"{prefix}:{slugify(name)}", name, kind, country, aliases)
        return ActorEntry(actor, sector=sector)
    roles = []
    for code, when in codes:
        start, end = _petrarch_period(when)
        title = _CAMEO_ROLES.get(code[3:6], code[3:] or "member")
        roles.append(Role(title, code[:3], start, end))
    roles.sort(key=lambda r: r.start or date.min)
    return ActorEntry(
        Actor(f"person:{slugify(name)}", name, ActorKind.PERSON, first[:3], aliases, tuple(roles))
    )


def _petrarch_period(when: str) -> tuple[date | None, date | None]:
    when = when.strip()
    if not when:
        return None, None
    if when.startswith(">"):
        return _petrarch_day(when[1:]), None
    if when.startswith("<"):
        return None, _petrarch_day(when[1:])
    start, _, end = when.partition("-")
    return _petrarch_day(start), _petrarch_day(end)


def _petrarch_day(text: str) -> date | None:
    digits = text.strip()
    if not digits.isdigit():
        return None
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year <= 30 else 1900 + year}{digits[2:]}"
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


# ---------------------------------------------------------------------- Wikidata

_HUMAN = "Q5"
_STATE_CLASSES = frozenset({"Q6256", "Q3624078", "Q7275"})


def import_wikidata(path: Path) -> list[Actor]:
    """Actors from a Wikidata extract (entity JSON or a flat list; see the module docstring)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read Wikidata extract: {error}", source=str(path)) from error
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        return _from_entities(data["entities"])
    if isinstance(data, list):
        try:
            return [_from_flat(item) for item in data]
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"bad actor record: {error!r}", source=str(path)) from error
    raise InputError('expected {"entities": {...}} or a list of actors', source=str(path))


def _from_flat(item: dict[str, Any]) -> Actor:
    kind = ActorKind(item.get("kind", "person"))
    name = item["label"]
    roles = tuple(
        sorted(
            (
                Role(p["title"], p["of"], _wd_day(p.get("start")), _wd_day(p.get("end")))
                for p in item.get("positions", ())
            ),
            key=lambda r: r.start or date.min,
        )
    )
    country = item.get("country")
    return Actor(
        _wd_id(kind, name, item.get("id"), country),
        name,
        kind,
        country,
        tuple(item.get("aliases", ())),
        roles,
    )


def _from_entities(entities: dict[str, Any]) -> list[Actor]:
    actors = []
    for qid, entity in entities.items():
        name = _wd_label(entities, qid)
        if name == qid:
            continue
        classes = {str(v) for v in _claim_values(entity, "P31")}
        code = _wd_iso3(entities, qid)
        if _HUMAN in classes:
            kind = ActorKind.PERSON
        elif classes & _STATE_CLASSES and code:
            kind = ActorKind.STATE
        else:
            kind = ActorKind.ORGANIZATION
        citizenship = [str(v) for v in _claim_values(entity, "P27")]
        country = (
            code
            if kind is ActorKind.STATE
            else next((c for c in (_wd_iso3(entities, q) for q in citizenship) if c), None)
        )
        roles = _wd_roles(entities, entity, country)
        aliases = _wd_aliases(entity, name)
        actors.append(Actor(_wd_id(kind, name, qid, code), name, kind, country, aliases, roles))
    return actors


def _wd_label(entities: dict[str, Any], qid: str) -> str:
    """An entity's English label, or its id when the dump lacks one."""
    entity = entities.get(qid) or {}
    value = entity.get("labels", {}).get("en", {}).get("value")
    return str(value) if value else qid


def _wd_iso3(entities: dict[str, Any], qid: str) -> str | None:
    values = _claim_values(entities.get(qid) or {}, "P298")
    return str(values[0]) if values else None


def _wd_roles(
    entities: dict[str, Any], entity: dict[str, Any], country: str | None
) -> tuple[Role, ...]:
    """Positions held (P39), each of the state or body its qualifiers name, by start date."""
    roles = []
    for statement in entity.get("claims", {}).get("P39", ()):
        position = _statement_value(statement)
        if not position:
            continue
        qualifiers = statement.get("qualifiers", {})
        of_q = _qualifier(qualifiers, "P642") or _qualifier(qualifiers, "P1001")
        of = (_wd_iso3(entities, of_q) or _wd_label(entities, of_q)) if of_q else (country or "")
        roles.append(
            Role(
                _wd_label(entities, position).lower(),
                of,
                _wd_day(_qualifier(qualifiers, "P580")),
                _wd_day(_qualifier(qualifiers, "P582")),
            )
        )
    roles.sort(key=lambda r: r.start or date.min)
    return tuple(roles)


def _wd_aliases(entity: dict[str, Any], name: str) -> tuple[str, ...]:
    """Labels and aliases in :data:`ALIAS_LANGUAGES` other than ``name``, first seen first."""
    return tuple(
        dict.fromkeys(
            a["value"]
            for language in ALIAS_LANGUAGES
            for a in [
                entity.get("labels", {}).get(language, {}),
                *entity.get("aliases", {}).get(language, ()),
            ]
            if a.get("value") and a["value"] != name
        )
    )


def _wd_id(kind: ActorKind, name: str, qid: str | None, code: str | None) -> str:
    if kind is ActorKind.STATE and code:
        return code
    if kind is ActorKind.PERSON:
        return f"person:{slugify(name)}"
    return f"wd:{qid}" if qid else f"{kind.value}:{slugify(name)}"


def _claim_values(entity: dict[str, Any], prop: str) -> list[Any]:
    return [
        value
        for statement in entity.get("claims", {}).get(prop, ())
        if (value := _statement_value(statement)) is not None
    ]


def _statement_value(statement: dict[str, Any]) -> Any:
    return _snak_value(statement.get("mainsnak", {}))


def _snak_value(snak: dict[str, Any]) -> Any:
    value = snak.get("datavalue", {}).get("value")
    if isinstance(value, dict):
        return value.get("id") or value.get("time")
    return value


def _qualifier(qualifiers: dict[str, Any], prop: str) -> str | None:
    for snak in qualifiers.get(prop, ()):
        value = _snak_value(snak)
        if value:
            return str(value)
    return None


def _wd_day(value: str | None) -> date | None:
    """``2012-05-07`` or Wikidata's ``+2012-05-07T00:00:00Z`` (month/day 00 means unknown)."""
    if not value:
        return None
    match = re.match(r"\+?(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return date(year, max(month, 1), max(day, 1))
