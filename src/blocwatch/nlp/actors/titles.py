"""Office titles: how the press writes them, and which offices are the same job.

A text says "Minister of Foreign Affairs", "foreign minister", "FM", "Secretary of State"
or "External Affairs Minister"; the dictionary stores each office under the title its
own country uses ("secretary of state" for the United States, "foreign secretary" for
the United Kingdom). Resolution by date compares *offices*, so every title maps to an
office class ("foreign minister", "head of government", ...) and two titles name the
same job when their classes are equal. The written forms, the office classes and the
qualifier words are data (``data/actors/titles_en.toml``), read once at import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from blocwatch.data import toml_fields
from blocwatch.nlp.actors.patterns import trie_pattern

with toml_fields("actors/titles_en.toml") as _table:
    _TITLE_FORMS: dict[str, str] = {str(k): str(v) for k, v in _table["forms"].items()}
    """Written form (lower case) → normalised title."""
    _OFFICE_CLASS: dict[str, str] = {str(k): str(v) for k, v in _table["offices"].items()}
    """Normalised title → office class (titles absent here are their own class)."""
    TITLES_RESOLVED_BY_DATE = frozenset(str(w) for w in _table["resolved_by_date"])
    """Office classes with one holder at a time, so a bare title names a person on a date."""
    _QUALIFIERS = [
        r"\s+".join(map(re.escape, str(w).split())) + r"\s+" for w in _table["qualifiers"]
    ]
    _QUALIFIERS += [re.escape(str(w)) + "-" for w in _table["hyphenated_qualifiers"]]
    _TEMPORARY = "|".join(re.escape(str(w)) for w in _table["temporary_qualifiers"])
    _CAPITALS_ONLY = frozenset(str(w) for w in _table["capitals_only"])
    """Abbreviations that are titles only in capitals ("PM")."""


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title in the text: ``[start, end)`` covers qualifiers and the title words."""

    start: int
    end: int
    title_start: int
    written: str
    qualifier: str
    """Lower-cased qualifier words before the title ("deputy ", "former "), or ""."""


_TITLE_WORDS = re.compile(
    rf"(?<![\w-])(?:{trie_pattern(_TITLE_FORMS, flexible_spaces=True)})(?![\w-])"
)
_QUALIFIERS_BEFORE = re.compile(rf"(?<![\w-])(?:{'|'.join(_QUALIFIERS)})+$")


def find_titles(text: str) -> Iterator[TitleMatch]:
    """Titles in ``text``, found on a lower-cased copy (one case-sensitive pass is far
    faster than a case-insensitive one); "pm" and "fm" only count written in capitals."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two
        lowered = "".join(ch.lower()[0] for ch in text)
    for match in _TITLE_WORDS.finditer(lowered):
        start, end = match.span()
        written = text[start:end]
        if written.lower() in _CAPITALS_ONLY and not written.isupper():
            continue
        qualifier = _QUALIFIERS_BEFORE.search(lowered, max(0, start - 30), start)
        if qualifier:
            yield TitleMatch(qualifier.start(), end, start, written, qualifier.group())
        else:
            yield TitleMatch(start, end, start, written, "")


def normalise_title(text: str) -> str:
    """The normalised title for a written one ("Minister of Foreign Affairs" -> "foreign minister").

    Unknown titles are lower-cased and have their white space collapsed.
    """
    key = " ".join(text.lower().split())
    return _TITLE_FORMS.get(key, key)


@functools.cache
def office_class(title: str) -> str:
    """The office a normalised title belongs to: two titles are one job when equal."""
    normalised = normalise_title(re.sub(rf"^(?:{_TEMPORARY})\s+", "", title.strip(), flags=re.I))
    return _OFFICE_CLASS.get(normalised, normalised)
