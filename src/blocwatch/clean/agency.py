"""Origin agency: which news agency a republished story comes from.

Outlets credit the wire in a handful of set phrases ("Based on materials from TASS",
"[Source: TASS]", "(With inputs from Reuters)", "The content is being carried under an
arrangement with ...") or in a wire dateline ("NEW YORK (Reuters) -"). An explicit credit
names any agency; a dateline or a looser phrase inside a sentence ("... reported by TASS")
only counts for a known agency, because "reported by" also introduces newspapers and
people, and broadcasters put their own name in datelines. A credit that is a line of its
own, or a bracketed credit at the end of a paragraph, is removed from the body: it is
metadata, not prose. A dateline stays: it opens the article's first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from blocwatch.data import read_toml

# Canonical name → the spellings outlets use for it.
_KNOWN_AGENCIES: dict[str, tuple[str, ...]] = {
    "TASS": ("TASS", "ITAR-TASS", "ТАСС"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Sputnik": ("Sputnik",),
    "Reuters": ("Reuters",),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Xinhua": ("Xinhua",),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "dpa": ("dpa", "DPA"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "Bloomberg": ("Bloomberg",),
    "BelTA": ("BelTA",),
    "Kazinform": ("Kazinform",),
    "Armenpress": ("Armenpress",),
    "APA": ("APA",),
    "Trend": ("Trend",),
    "Ukrinform": ("Ukrinform",),
    "UNIAN": ("UNIAN",),
    "IRNA": ("IRNA",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "PAP": ("PAP",),
}


def _credit_data() -> dict[str, Any]:
    """Credit phrases and agency spellings of other languages (``data/clean/credits.toml``)."""
    return read_toml("clean/credits.toml")


_CREDITS = _credit_data()
_SPELLING_TO_CANONICAL: dict[str, str] = {
    spelling.casefold(): name
    for name, spellings in _KNOWN_AGENCIES.items()
    for spelling in spellings
} | {
    spelling.casefold(): name
    for name, spellings in _CREDITS.get("agencies", {}).items()
    for spelling in spellings
}
_MORE_PHRASES = "|(?P<listed>" + "|".join(_CREDITS.get("credit_phrases", ()) or ["(?!)"]) + ")"
_LISTED_CREDIT_WORDS = 8
"""A credit phrase from the data file opens prose too ("По материалам следствия, он ..."):
such a line is a credit only when it is short and names a known agency."""
_MORE_LABELS = "".join(f"|{label}" for label in _CREDITS.get("loose_labels", ()))

_NAME = r"(?P<name>[A-ZА-Я][\w&.\-]*(?:\s(?:[A-ZА-Я][\w&.\-]*|of|de|du))*)"
_LIST = _NAME + r"(?:\s*(?:,|and|&)\s*(?P<more>[A-ZА-Я][\w&.\-]*(?:\s[A-ZА-Я][\w&.\-]*)*))?"

# Explicit credits: the whole line (or bracket) is the credit, any agency name counts.
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:(?P<loose>(?:source|sources|via|credit" + _MORE_LABELS + r")\s*:)"
    r"|based\s+on\s+(?:materials?|reports?|information)\s+(?:from|by|of)"
    r"|with\s+(?:additional\s+)?(?:inputs?|reporting)\s+(?:from|by)"
    r"|the\s+content\s+is\s+being\s+carried\s+under\s+an\s+arrangement\s+with"
    + _MORE_PHRASES
    + r")\s*"
    + r"(?:"
    + _LIST
    + r")?\s*[.)\]]*\s*$",
    re.IGNORECASE,
)
# A bracketed credit closing a paragraph of prose: "... landscape [Source: TASS]."
_TRAILING_CREDIT = re.compile(
    r"\s*[(\[]\s*(?:source|sources|via|with\s+inputs?\s+from)\s*:?\s*"
    + _LIST
    + r"\s*[)\]]\s*(?=[.]?\s*$)",
    re.IGNORECASE,
)
# A wire dateline opening a paragraph: "SANTA FE, N.M. (AP) —", "MOSCOW, May 12 (TASS) -".
_WIRE_DATELINE = re.compile(
    r"^[A-ZÀ-ÝА-Я][A-ZÀ-ÝА-Я .,'’-]{1,40}(?:,?\s+\w+\.?\s+\d{1,2}(?:,\s+\d{4})?)?"
    r"\s*\((?P<name>[^()]{2,30})\)\s*[-–—]"
)
_CREDIT_LINE_CHARS = 200
_MENTION_CUES = ("reported by", "according to", "quoted by", "cited by", "citing")
# A looser mention inside a sentence: counts only for a known agency.
_MENTION = re.compile(
    r"\b(?:reported\s+by|according\s+to|quoted\s+by|cited\s+by|citing)\s+"
    r"(?:the\s+)?(?:news\s+agency\s+)?" + _NAME,
)


@dataclass(frozen=True, slots=True)
class Credit:
    """What the agency rules found in one line: the agencies, and the line without credit."""

    agencies: tuple[str, ...]
    remaining: str
    """The line with its credit removed; empty when the whole line was the credit."""


def _canonical(name: str | None, *, known_only: bool) -> str | None:
    if not name:
        return None
    name = name.strip(" .")
    words = name.split()
    for length in range(len(words), 0, -1):
        canonical = _SPELLING_TO_CANONICAL.get(" ".join(words[:length]).casefold())
        if canonical:
            return canonical
    return None if known_only else name


def _names(match: re.Match[str], *, known_only: bool) -> list[str]:
    groups = match.groupdict()
    found = [_canonical(groups.get(group), known_only=known_only) for group in ("name", "more")]
    return [name for name in found if name]


def read_credit(line: str) -> Credit:
    """Agencies credited in ``line`` and the line as it should stay in the body."""
    stripped = line.strip()
    whole = _CREDIT_LINE.match(stripped) if len(stripped) <= _CREDIT_LINE_CHARS else None
    if whole and whole.group("listed") is not None:
        known = _names(whole, known_only=True)
        if known and len(stripped.split()) <= _LISTED_CREDIT_WORDS:
            return Credit(tuple(known), "")
        whole = None
    if whole:
        loose = whole.group("loose") is not None
        return Credit(tuple(_names(whole, known_only=loose)), "")
    agencies: list[str] = []
    trailing = _TRAILING_CREDIT.search(stripped) if stripped[-3:].rstrip(".")[-1:] in ")]" else None
    if trailing:
        agencies.extend(_names(trailing, known_only=False))
        stripped = (stripped[: trailing.start()] + stripped[trailing.end() :]).rstrip()
    dateline = _WIRE_DATELINE.match(stripped)
    if dateline:
        agencies.extend(_names(dateline, known_only=True))
    if any(cue in stripped for cue in _MENTION_CUES):
        for mention in _MENTION.finditer(stripped):
            agencies.extend(_names(mention, known_only=True))
    return Credit(tuple(dict.fromkeys(agencies)), stripped)
