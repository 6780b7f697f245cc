"""Quotation marks: the quoted stretches of a text and how a quote stands in its sentence.

Straight, doubled-apostrophe, curly and guillemet marks; curly quotes nest, and a quote
left open at a paragraph's end runs on when the next paragraph re-opens or closes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blocwatch.model import Sentence, Span
from blocwatch.nlp.quotes.spans import _is_capitalised, _strip

_OPEN_MARKS = "“«„"


_CLOSE_MARKS = "”»"


_CLOSE_FOR = {"“": "”", "«": "»", "„": "“", "”": "”"}


@dataclass(frozen=True, slots=True)
class _Quoted:
    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just after the closing mark (or the end of the last paragraph it runs to)."""
    inner: Span


def _quoted_spans(text: str) -> list[_Quoted]:
    """Quoted stretches, in text order.

    A quote left open at a paragraph's end runs on when the next paragraph re-opens it
    with the same mark (the usual convention) or closes it before opening any other
    quote; otherwise it is dropped as unbalanced.
    """
    found: list[_Quoted] = []
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*", text)]
    pending: tuple[int, str, str] | None = None
    for start, end in paragraphs:
        position = start
        if pending is not None:
            opening, mark, wanted = pending
            pending = None
            first = re.match(r"\s*", text[start:end])
            head = start + (first.end() if first else 0)
            if text.startswith(mark, head):
                close = _find_close(text, head + len(mark), end, wanted)
                if close is None:
                    pending = (opening, mark, wanted)
                    continue
            else:
                close = _find_close(text, start, end, wanted)
                other = _find_open(text, start, end)
                if close is None or (other is not None and other < close):
                    close = None
            if close is not None:
                found.append(_quoted(opening, close + _mark_length(text, close), text))
                position = close + _mark_length(text, close)
        while position < end:
            opened = _find_open(text, position, end)
            if opened is None:
                break
            opening = opened
            mark = text[opening : opening + _mark_length(text, opening)]
            wanted = _CLOSE_FOR.get(mark, mark)
            close = _find_close(text, opening + len(mark), end, wanted)
            if close is None:
                pending = (opening, mark, wanted)
                break
            found.append(_quoted(opening, close + _mark_length(text, close), text))
            position = close + _mark_length(text, close)
    return found


def _mark_length(text: str, at: int) -> int:
    return 2 if text.startswith("''", at) else 1


def _find_open(text: str, start: int, end: int) -> int | None:
    """The next opening mark; a closing curly mark that opens a line is taken as an
    opening one, a common typing slip ("”Fear. I am afraid ...”")."""
    for match in re.finditer(r"[“«„\"”]|''", text[start:end]):
        at = start + match.start()
        if match.group() == "''" and at > 0 and text[at - 1].isalnum():
            continue
        if match.group() == "”" and at > 0 and text[at - 1] != "\n":
            continue
        return at
    return None


def _find_close(text: str, start: int, end: int, wanted: str) -> int | None:
    """The closing mark; curly quotes nest ("“... calls “hell” than ...”"), so an inner
    pair is skipped when the outer quote closes later in the paragraph."""
    at = text.find(wanted, start, end)
    if wanted == "”" and at == -1:
        at = text.find('"', start, end)
    if wanted == "”" and at != -1:
        inner = text.find("“", start, at)
        if inner != -1:
            outer = text.find("”", at + 1, end)
            if outer != -1 and text.find("“", at + 1, outer) == -1 and _ends_quote(text, outer):
                return outer
    return at if at != -1 else None


def _ends_quote(text: str, at: int) -> bool:
    """A closing mark after a sentence's end or a comma, as a whole quote ends."""
    return text[at - 1 : at] in {".", ",", "?", "!", "…"}


def _quoted(start: int, end: int, text: str) -> _Quoted:
    inner_start = start + _mark_length(text, start)
    inner_end = end - (2 if text[max(0, end - 2) : end] == "''" else 1)
    return _Quoted(start, end, Span(inner_start, max(inner_start, inner_end)))


def _whole_paragraph(text: str, quoted: _Quoted) -> bool:
    """A quote that is its paragraph's whole text."""
    line_start = text.rfind("\n", 0, quoted.start) + 1
    line_end = text.find("\n", quoted.end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start : quoted.start].strip() and not text[quoted.end : line_end].strip()


def _whole_sentence_quote(text: str, quoted: _Quoted) -> bool:
    """A quote that is a sentence of its own: it opens after a full stop or a paragraph
    break and nothing but a new sentence follows its closing mark."""
    before = text[max(0, quoted.start - 4) : quoted.start].rstrip(" \t\u00a0")
    opens = not before or before.endswith("\n") or before[-1] in ".!?\"”’'»"
    after = re.match(
        r"[ \t\u00a0]*(?:\n|$|[.!?]?\s+[A-Z“\"«'])", text[quoted.end : quoted.end + 12]
    )
    return opens and after is not None


def _long_enough(text: str, quoted: _Quoted) -> bool:
    return len(text[quoted.inner.start : quoted.inner.end].split()) >= 4


def _is_standalone(text: str, quoted: _Quoted, sentence: Sentence) -> bool:
    """A quote that opens a sentence or follows a comma or colon, not a scare quote."""
    line_start = text.rfind("\n", 0, quoted.start) + 1
    if not text[line_start : quoted.start].strip():
        return True
    before = text[max(sentence.span.start, quoted.start - 3) : quoted.start].rstrip()
    return quoted.start <= sentence.span.start + 1 or not before or before[-1] in ",:;—–-(\n.!?"


def _is_title(inner: str) -> bool:
    """A quoted title ("''Make Your Kid a Millionaire,''"), not speech: short, and its
    words capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", inner) if len(w) > 3]
    return 2 <= len(words) <= 8 and all(_is_capitalised(w) for w in words)


def _without_marks(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    if text.startswith("''", start):
        start += 2
    elif start < end and text[start] in _OPEN_MARKS + '"”':
        start += 1
    if text[max(start, end - 2) : end] == "''":
        end -= 2
    elif end > start and text[end - 1] in _CLOSE_MARKS + '"':
        end -= 1
    start, end = _strip(text, start, end)
    return Span(start, end)
