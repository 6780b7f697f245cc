"""Quotation marks: the quoted stretches of a text and how a quote stands in its sentence.

Straight, doubled-apostrophe, Penn Treebank (````...''``), curly and guillemet marks; curly
quotes nest, and a quote left open at a paragraph's end runs on when the next paragraph
re-opens or closes it. Single marks (``‘...’`` and ``'...'``, the British house style) are
read where no double mark is around them, within one paragraph: their closing mark is
also the apostrophe, so it counts only where no letter follows it and it does not read
as a plural possessive ("the Scots' vote").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blocwatch.model import Sentence, Span
from blocwatch.nlp.quotes.spans import _is_capitalised, _strip

_OPEN_MARKS = "“«„‘"


_CLOSE_MARKS = "”»’"


_CLOSE_FOR = {"“": "”", "«": "»", "„": "“", "”": "”", "``": "''"}


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
    return _with_single_quotes(text, found)


def _mark_length(text: str, at: int) -> int:
    return 2 if text.startswith(("''", "``"), at) else 1


_SINGLE_OPEN = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–:]))"
    r"(?:‘|'(?!(?:s|t|d|m|re|ve|ll|em|til|cause|n)\b|\d))(?=[\w“\"…])"
)
"""An opening single mark: after a space, a bracket, a dash or a colon, before a word; not
an elision ("'em", "'90s")."""

_SINGLE_CLOSE = re.compile(r"(?<=[^\ss])[’'](?!\w)|(?<=s)[’'](?!\w)(?!\s+[a-z0-9])")
"""A closing single mark: no letter follows it, and after an "s" no lower-case word
follows it either (there it reads as a plural possessive: "the leaders' summit")."""

_POSSESSIVE = re.compile(r"(?<=s)[’'](?=\s+[a-z0-9])")
"""'s' + lower-case word': a plural possessive, or a quote ending in a plural ('to be
'proud patriotic Scots' and back ...'), which it is when another quote opens next."""

_SENTENCE_BEFORE = re.compile(r"[.!?…][ \t\u00a0]+$")


def _single_quoted(text: str, opened: int, start: int, end: int) -> _Quoted | None:
    """The single-quoted stretch whose mark at ``opened`` begins at ``start``.

    Single quotes do not nest here, so when another single quote opens before this one
    closes, this one ends where a sentence ends right before the new opening mark: news
    sites that run paragraphs together keep the British convention of opening each quoted
    paragraph and closing only the last ("'... pay. 'There is ...'"), and a plural
    possessive inside ("the bankers' bonus") does not end it. Failing that, it ends at a
    plural possessive before that opening ("to be 'loyal Scots' and back ..."). Otherwise
    it is no quote.
    """
    close = _SINGLE_CLOSE.search(text, start, end)
    following = _SINGLE_OPEN.search(text, start, end)
    if following is None or (close is not None and close.start() < following.start()):
        return None if close is None else _quoted(opened, close.end(), text)
    if _SENTENCE_BEFORE.search(text, start, following.start()):
        stop = len(text[: following.start()].rstrip(" \t\u00a0"))
        return _Quoted(opened, stop, Span(start, stop))
    possessive = _POSSESSIVE.search(text, start, following.start())
    if possessive is not None:
        return _quoted(opened, possessive.end(), text)
    return None


def _with_single_quotes(text: str, double: list[_Quoted]) -> list[_Quoted]:
    """``double`` and the single-quoted stretches outside them, in text order."""
    single: list[_Quoted] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        position, end = paragraph.start(), paragraph.end()
        while (opened := _SINGLE_OPEN.search(text, position, end)) is not None:
            quoted = _single_quoted(text, opened.start(), opened.end(), end)
            if quoted is None:
                position = opened.end()
                continue
            if not any(q.start < quoted.end and quoted.start < q.end for q in double):
                single.append(quoted)
            position = quoted.end
    return sorted([*double, *single], key=lambda q: q.start)


def _find_open(text: str, start: int, end: int) -> int | None:
    """The next opening mark; a closing curly mark that opens a line is taken as an
    opening one, a common typing slip ("”Fear. I am afraid ...”")."""
    for match in re.finditer(r"[“«„\"”]|''|``", text[start:end]):
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
        r"[ \t\u00a0]*(?:\n|$|[.!?]?\s+[A-Z“\"«'‘`])", text[quoted.end : quoted.end + 12]
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
    if text.startswith(("''", "``"), start):
        start += 2
    elif start < end and text[start] in _OPEN_MARKS + "\"”'":
        start += 1
    if text[max(start, end - 2) : end] == "''":
        end -= 2
    elif end > start and text[end - 1] in _CLOSE_MARKS + "\"'":
        end -= 1
    start, end = _strip(text, start, end)
    return Span(start, end)
