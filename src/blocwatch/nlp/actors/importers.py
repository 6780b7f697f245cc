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
alpha-3 code makes a state; anything else makes a person whose country is the code's first
three letters and whose roles are the coded periods (``[USAGOV 090120-170120]``,
``[RUSGOV >040309]``, ``[RUSELI <040309]``, or no period for the default). Dates are
``YYMMDD`` or ``YYYYMMDD``; as in PETRARCH, two-digit years 00-30 are 20xx, others 19xx.

**Wikidata extracts**, either the entity JSON that ``Special:EntityData/Q7747.json``
returns (``{"entities": {"Q...": {...}}}``, several entities in one file are fine) or a
flat list, one object per actor::

    [{"id": "Q7747", "label": "Vladimir Putin", "aliases": ["Putin"],
      "kind": "person", "country": "RUS",
      "positions": [{"title": "president", "of": "RUS", "start": "2012-05-07",
                     "end": null}]}]

From entity JSON the importer reads English labels and aliases, ``P31`` (instance of:
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
from blocwatch.model import Actor, ActorKind, Role
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


def import_petrarch(path: Path) -> list[Actor]:
    """Actors from a PETRARCH/Phoenix ``.actors.txt`` dictionary (see the module docstring)."""
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError as error:
        raise InputError(f"cannot read PETRARCH dictionary: {error}", source=str(path)) from error
    actors: list[Actor] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        if current is not None and current["codes"]:
            actors.append(_petrarch_actor(current))

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


def _petrarch_name(words: str) -> str:
    text = " ".join(words.replace("_", " ").split())
    return " ".join(
        w if len(w) <= 3 and w.isupper() and "." in w else w.capitalize() for w in text.split()
    )


def _petrarch_actor(entry: dict[str, Any]) -> Actor:
    name: str = entry["name"]
    aliases = tuple(dict.fromkeys(a for a in entry["aliases"] if a != name))
    codes: list[tuple[str, str]] = entry["codes"]
    first = codes[0][0]
    if len(first) == 3 and pycountry.countries.get(alpha_3=first) is not None:
        return Actor(first, name, ActorKind.STATE, first, aliases)
    roles = []
    for code, when in codes:
        start, end = _petrarch_period(when)
        title = _CAMEO_ROLES.get(code[3:6], code[3:] or "member")
        roles.append(Role(title, code[:3], start, end))
    roles.sort(key=lambda r: r.start or date.min)
    return Actor(
        f"person:{slugify(name)}", name, ActorKind.PERSON, first[:3], aliases, tuple(roles)
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
    def label(qid: str) -> str:
        entity = entities.get(qid) or {}
        value = entity.get("labels", {}).get("en", {}).get("value")
        return str(value) if value else qid

    def iso3(qid: str) -> str | None:
        values = _claim_values(entities.get(qid) or {}, "P298")
        return str(values[0]) if values else None

    actors = []
    for qid, entity in entities.items():
        name = label(qid)
        if name == qid:
            continue
        classes = {str(v) for v in _claim_values(entity, "P31")}
        code = iso3(qid)
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
            else next((c for c in (iso3(q) for q in citizenship) if c), None)
        )
        roles = []
        for statement in entity.get("claims", {}).get("P39", ()):
            position = _statement_value(statement)
            if not position:
                continue
            qualifiers = statement.get("qualifiers", {})
            of_q = _qualifier(qualifiers, "P642") or _qualifier(qualifiers, "P1001")
            of = (iso3(of_q) or label(of_q)) if of_q else (country or "")
            roles.append(
                Role(
                    label(position).lower(),
                    of,
                    _wd_day(_qualifier(qualifiers, "P580")),
                    _wd_day(_qualifier(qualifiers, "P582")),
                )
            )
        aliases = tuple(
            a["value"] for a in entity.get("aliases", {}).get("en", ()) if a.get("value")
        )
        roles.sort(key=lambda r: r.start or date.min)
        actors.append(
            Actor(_wd_id(kind, name, qid, code), name, kind, country, aliases, tuple(roles))
        )
    return actors


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
