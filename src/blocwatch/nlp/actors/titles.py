"""Office titles: how the press writes them, and which offices are the same job.

A text says "Minister of Foreign Affairs", "foreign minister", "FM", "Secretary of State"
or "External Affairs Minister"; the dictionary stores each office under the title its
own country uses ("secretary of state" for the United States, "foreign secretary" for
the United Kingdom). Resolution by date compares *offices*, so every title maps to an
office class ("foreign minister", "head of government", ...) and two titles name the
same job when their classes are equal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from blocwatch.nlp.actors.patterns import trie_pattern

# written form (lower case) -> normalised title
_TITLE_FORMS: dict[str, str] = {
    "foreign minister": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "minister for foreign affairs": "foreign minister",
    "minister for europe and foreign affairs": "foreign minister",
    "fm": "foreign minister",
    "external affairs minister": "external affairs minister",
    "minister of external affairs": "external affairs minister",
    "foreign secretary": "foreign secretary",
    "secretary of state": "secretary of state",
    "high representative": "high representative",
    "eu foreign policy chief": "high representative",
    "foreign policy chief": "high representative",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "pm": "prime minister",
    "chairman of the cabinet of ministers": "prime minister",
    "chairman of the cabinet": "prime minister",
    "head of government": "prime minister",
    "state minister": "state minister",
    "president": "president",
    "head of state": "president",
    "vice president": "vice president",
    "vice-president": "vice president",
    "supreme leader": "supreme leader",
    "king": "monarch",
    "queen": "monarch",
    "monarch": "monarch",
    "chancellor": "chancellor",
    "secretary general": "secretary general",
    "secretary-general": "secretary general",
    "executive secretary": "secretary general",
    "commission president": "commission president",
    "council president": "council president",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "minister of defence": "defence minister",
    "minister of defense": "defence minister",
    "defense secretary": "defence minister",
    "defence secretary": "defence minister",
    "secretary of defense": "defence minister",
    "press secretary": "press secretary",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "ambassador": "ambassador",
    "envoy": "envoy",
    "special envoy": "envoy",
    "permanent representative": "permanent representative",
    "director": "director",
    "director general": "director general",
    "director-general": "director general",
    "head": "head",
    "chief": "chief",
    "chairman": "chairman",
    "chairwoman": "chairman",
    "chair": "chairman",
    "speaker": "speaker",
    "commander": "commander",
    "mayor": "mayor",
    "governor": "governor",
    "adviser": "adviser",
    "advisor": "adviser",
    "aide": "adviser",
    "minister": "minister",
    "senator": "senator",
    "counterpart": "counterpart",
}

# normalised title -> office class (titles absent here are their own class)
_OFFICE_CLASS: dict[str, str] = {
    "foreign minister": "foreign minister",
    "external affairs minister": "foreign minister",
    "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister",
    "high representative": "foreign minister",
    "prime minister": "head of government",
    "state minister": "head of government",
    "president": "head of state",
    "monarch": "head of state",
    "supreme leader": "supreme leader",
}

TITLES_RESOLVED_BY_DATE = frozenset(
    {
        "foreign minister",
        "head of government",
        "head of state",
        "supreme leader",
        "chancellor",
        "secretary general",
        "commission president",
        "council president",
        "defence minister",
        "vice president",
    }
)
"""Office classes with one holder at a time, so a bare title names a person on a date."""


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
_QUALIFIERS_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:first\s+)?deputy\s+|acting\s+|interim\s+|former\s+|ex-|then-)+$"
)


def find_titles(text: str) -> Iterator[TitleMatch]:
    """Titles in ``text``, found on a lower-cased copy (one case-sensitive pass is far
    faster than a case-insensitive one); "pm" and "fm" only count written in capitals."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two
        lowered = "".join(ch.lower()[0] for ch in text)
    for match in _TITLE_WORDS.finditer(lowered):
        start, end = match.span()
        written = text[start:end]
        if written.lower() in ("pm", "fm") and not written.isupper():
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
    normalised = normalise_title(re.sub(r"^(?:acting|interim)\s+", "", title.strip(), flags=re.I))
    return _OFFICE_CLASS.get(normalised, normalised)
