"""Sentence splitting with character spans.

Every later fact points at a sentence and a span of the article's text, so the splitter
must never rewrite the text: it only finds boundaries. It is rule-based on purpose (news
prose is regular, and it has to run at tens of thousands of sentences a second): a
boundary is a full stop, question or exclamation mark, optionally followed by closing
quotes or brackets, then white space and an upper-case letter, digit or opening quote,
unless the word before the stop is a known abbreviation ("U.S.", "St.", "Gen.") or an
initial. Paragraph breaks (a blank line) always end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blocwatch.model import Sentence, Span

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "assn",
        "bros",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "al",
        "cf",
        "pp",
        "ph.d",
        "a.m",
        "p.m",
    ]
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# A terminator, closing quotes/brackets, white space, then something that can start a sentence.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+(?:``\s*)?["'“‘«(\[]{0,2}[A-Z0-9А-ЯЁ])""")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, stop - 12), stop + 1)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    # A single capital letter: an initial ("Sergei N. Lebedev"), or a dotted acronym part.
    return len(word) == 1 and word.isalpha()


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.start()
        if _is_abbreviation(text, stop):
            continue
        yield sentence_start, match.end()
        sentence_start = match.end()
    yield sentence_start, end


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose spans index ``text`` exactly.

    Leading and trailing white space is left out of each span; empty pieces are dropped.
    """
    sentences: list[Sentence] = []
    paragraph_start = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    bounds = [*breaks, (len(text), len(text))]
    for paragraph, (break_start, break_end) in enumerate(bounds):
        for start, end in _split_paragraph(text, paragraph_start, break_start):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        span=Span(start, end),
                        text=text[start:end],
                        paragraph=paragraph,
                    )
                )
        paragraph_start = break_end
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains character ``offset`` (binary search)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        span = sentences[mid].span
        if offset < span.start:
            hi = mid - 1
        elif offset >= span.end:
            lo = mid + 1
        else:
            return sentences[mid]
    return None
