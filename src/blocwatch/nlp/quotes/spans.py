"""The attribution record and small helpers over character offsets that every part shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from blocwatch.model import QuoteKind, Sentence, Span
from blocwatch.nlp.quotes import lexicon


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation, as character spans into the text.

    ``content`` holds one span per piece (quotation marks included for direct quotes);
    ``source`` and ``cue`` are ``None`` when the text gives none.
    """

    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    kind: QuoteKind


_WORD = re.compile(r"[\w][\w’'.&-]*[\w]|[\w]")


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*\s*$")


_LAST_WORD = re.compile(r"([\w’']+)\s+$")


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _strip(text: str, start: int, end: int, chars: str = " \t\n\u00a0") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


_TRAILING_TIME = re.compile(
    r"\s+(?:(?:just|also|then|only)\s+)?(?:(?:on|earlier|later|late|early)\s+)?"
    r"(?:(?:this|last|next|that)\s+)?(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|morning|afternoon|evening|night|weekend|yesterday|today|"
    r"tonight)(?:\s+(?:morning|afternoon|evening|night))?\s*$|"
    r"\s+in\s+(?:(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?\d{4}\s*$"
)
"""A time phrase between a source and its cue ("Wells Fargo just this month announced")."""


def _sentence_before(sentences: list[Sentence], offset: int) -> Sentence | None:
    before = [s for s in sentences if s.span.start <= offset]
    return before[-1] if before else None


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends a title ("Mr.", "Sen.") or an initial."""
    word = re.search(r"(\w+)$", text[max(0, stop - 6) : stop])
    if word is None:
        return False
    found = word.group(1)
    return found.lower() in lexicon.TITLES or (len(found) == 1 and found.isupper())


def _clause_start(text: str, floor: int, cue_start: int) -> int:
    """Start of the clause a cue belongs to: after the last quote, colon or semicolon (a
    closing single mark counts where it follows a sentence's end or a bracket, where it
    cannot be an apostrophe)."""
    starts = [floor]
    for match in re.finditer(r"[”\"»:;]\s*,?\s*|—\s*|(?<=[.!?…\])])[’']\s+", text[floor:cue_start]):
        starts.append(floor + match.end())
    aside = _DASH_ASIDE.search(text, floor, cue_start)
    if aside is not None:
        # "Abase Hussen – who blamed the police – conceded": the aside between two dashes
        # belongs to the subject before it, so the clause starts before the first dash.
        starts = [s for s in starts if s <= aside.start()]
    return starts[-1]


def _ends_with_by(lead: str) -> bool:
    """Whether the words before a participle cue end with "by" ("explained it by saying
    ..."): the clause's subject is the one saying it."""
    return re.search(r"\bby$", lead) is not None


_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—.;:]{1,150}\s[–—]\s*$")
"""An aside set off by two dashes right before a cue."""


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
