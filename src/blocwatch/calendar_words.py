"""Month names and time-zone abbreviations: one table for every date reader.

Publication dates printed on pages (:mod:`blocwatch.clean.dates`) and dates named in an
article's text (:mod:`blocwatch.nlp.dates`) look words up here, so "Sept." or "13:03 IST"
can never mean one thing to one reader and another to the other. The words are data
(``data/dates/calendar.toml``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def _table() -> dict[str, Any]:
    path = resources.files("blocwatch").joinpath("data/dates/calendar.toml")
    return tomllib.loads(path.read_text("utf-8"))


@cache
def month_numbers() -> dict[str, int]:
    """Lower-case month name or abbreviation (no full stop) → month number, 1 to 12."""
    return {
        str(name): int(number) for number, names in _table()["months"].items() for name in names
    }


@cache
def zone_offsets() -> dict[str, int]:
    """Upper-case time-zone abbreviation → minutes east of UTC."""
    return {str(zone): int(minutes) for zone, minutes in _table()["zones"].items()}
