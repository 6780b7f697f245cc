"""Month names and time-zone abbreviations: one table for every date reader.

Publication dates printed on pages (:mod:`blocwatch.clean.dates`) and dates named in an
article's text (:mod:`blocwatch.nlp.dates`) look words up here, so "Sept." or "13:03 IST"
can never mean one thing to one reader and another to the other. The words are data
(``data/dates/calendar.toml``).
"""

from __future__ import annotations

from functools import cache

from blocwatch.data import toml_fields


@cache
def month_numbers() -> dict[str, int]:
    """Lower-case month name or abbreviation (no full stop) → month number, 1 to 12."""
    with toml_fields("dates/calendar.toml") as table:
        return {
            str(name): int(number) for number, names in table["months"].items() for name in names
        }


@cache
def zone_offsets() -> dict[str, int]:
    """Upper-case time-zone abbreviation → minutes east of UTC."""
    with toml_fields("dates/calendar.toml") as table:
        return {str(zone): int(minutes) for zone, minutes in table["zones"].items()}
