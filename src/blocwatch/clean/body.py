"""Turning a page's lines into an article body: shared by plain-text and HTML pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from blocwatch.clean.agency import read_credit
from blocwatch.clean.dates import FoundDate, is_date_line
from blocwatch.clean.furniture import (
    FurnitureIndex,
    furniture_reason,
    is_tail_marker,
    is_title_case_teaser,
    normalise,
    strip_inline_widgets,
    tail_cut,
    words,
)
from blocwatch.clean.language import detect_language
from blocwatch.clean.result import CleanResult
from blocwatch.errors import ExtractionError

MIN_WORDS = 20
"""An article body shorter than this is not an article (a stub, a widget, an error page)."""


@dataclass(frozen=True, slots=True)
class Body:
    """The kept paragraphs of a page, the agencies its credits named, and what was cut."""

    paragraphs: tuple[str, ...]
    agencies: tuple[str, ...]
    dropped: int
    """How many lines were removed as furniture."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def result(
        self,
        *,
        title: str | None,
        found: FoundDate | None,
        outlet: str | None,
        url: str | None,
        low_confidence: str | None = None,
    ) -> CleanResult:
        """The cleaning result for this body, with the page's metadata."""
        text = self.text
        return CleanResult(
            text=text,
            title=title,
            published_at=found.value if found else None,
            published_source=found.source if found else None,
            published_confidence=found.confidence if found else None,
            outlet=outlet,
            language=detect_language(text),
            origin_agency=self.agencies,
            url=url,
            low_confidence=low_confidence,
        )


PROSE_WORDS = 12
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_LIST_ITEM = re.compile(r"^[-•*–]\s+\S")


def is_link_item(line: str) -> bool:
    """A bulleted headline, as listed under "Related:" or "Read more"."""
    return bool(_LIST_ITEM.match(line)) and is_title_case_teaser(line.lstrip("-•*– "))


def is_prose(line: str, count: int | None = None) -> bool:
    """A line that reads as running text: long enough, and ending like a sentence."""
    if count is None:
        count = len(words(line))
    return count >= PROSE_WORDS and bool(_SENTENCE_END.search(line.rstrip()[-4:]))


def repeats_title(line: str, title: str | None, *, loose: bool = True) -> bool:
    """The headline again: whole, with or without the site's name appended, or in parts
    (a kicker and a headline on separate lines, when ``loose``)."""
    if not title:
        return False
    key, title_key = normalise(line), normalise(title)
    if not key:
        return False
    shorter, longer = sorted((key, title_key), key=len)
    suffix = len(longer.split()) - len(shorter.split())
    if key == title_key or (
        len(shorter.split()) >= 4 and suffix <= 6 and longer.startswith(f"{shorter} ")
    ):
        return True
    if not loose:
        return False
    tokens, title_tokens = key.split(), set(title_key.split())
    shared = sum(token in title_tokens for token in tokens)
    return len(tokens) >= 2 and shared / len(tokens) >= 0.8 and len(tokens) <= len(title_tokens)


def build_body(
    lines: list[str],
    *,
    headlines: Sequence[str],
    outlet: str | None,
    furniture: FurnitureIndex | None,
    plain_text: bool,
) -> Body:
    """Keep the article's lines and collect agency credits; everything else is furniture.

    ``headlines`` are the page's title and headings: repeated near the top, they go.
    ``plain_text`` removes short headline-style lines above the first paragraph of prose
    and below the last one (rubrics, teasers; between them they are sub-headings), and
    the headline in parts. Plain-text pages need it, as their teasers are flattened into
    the text; HTML extraction already keeps sub-headings apart from teasers, and a
    standfirst that resembles the headline is part of the article there.
    """
    lines = [line.strip() for line in lines if line.strip()]
    end = tail_cut(lines)
    kept: list[str] = []
    agencies: list[str] = []
    dropped = len(lines) - end
    kept_words = 0
    in_link_list = False
    counts = [len(words(line)) for line in lines[:end]]
    prose = [index for index, line in enumerate(lines[:end]) if is_prose(line, counts[index])]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (end, -1)
    for index, line in enumerate(lines[:end]):
        credit = read_credit(line)
        agencies.extend(credit.agencies)
        text = strip_inline_widgets(credit.remaining)
        near_top = kept_words < 40
        count = counts[index] if text == line else len(words(text))
        reason = furniture_reason(text, count) if text else "credit"
        in_link_list = reason in {"teaser", "widget"} or (in_link_list and is_link_item(text))
        if (
            reason
            or in_link_list
            or is_tail_marker(text)
            or (furniture is not None and furniture.is_furniture(outlet, text))
            or is_date_line(text)
            or (near_top and any(repeats_title(text, h, loose=plain_text) for h in headlines))
            or (plain_text and not first_prose < index < last_prose and is_title_case_teaser(text))
        ):
            dropped += 1
            continue
        kept.append(text)
        kept_words += count
    return Body(tuple(kept), tuple(dict.fromkeys(agencies)), dropped)


FALLBACK_WORDS = 8
"""A body that fails :func:`check_body` is still kept with this many words ..."""
FALLBACK_SENTENCE_WORDS = 6
"""... when one of its paragraphs is a sentence of this many words ..."""
LINK_SHARE = 0.5
"""... and less than this share of its paragraphs are the text of a link on the page."""


def fallback_body(
    body: Body, error: ExtractionError, *, is_link: Callable[[str], bool] | None = None
) -> str | None:
    """Why a body that :func:`check_body` refused is kept all the same, or ``None``.

    A short brief (a two-sentence road closure, a sports result) is an article however
    few words it has; refusing it loses it for good, while keeping it with a flag lets
    the reader decide. What stays refused is a page with no sentence at all (a list of
    headlines) or one whose lines are mostly links (a section front, a list page).
    """
    count = sum(len(words(p)) for p in body.paragraphs)
    sentences = [
        p
        for p in body.paragraphs
        if len(words(p)) >= FALLBACK_SENTENCE_WORDS and _SENTENCE_END.search(p.rstrip()[-4:])
    ]
    if count < FALLBACK_WORDS or not sentences:
        return None
    if is_link is not None:
        links = sum(is_link(p) for p in body.paragraphs)
        if links >= LINK_SHARE * len(body.paragraphs):
            return None
    return f"kept with low confidence: {error.reason}"


def check_body(body: Body, *, source: str, what: str) -> None:
    """Reject a body that is no article, saying what was found instead."""
    count = sum(len(words(p)) for p in body.paragraphs)
    if count < MIN_WORDS:
        raise ExtractionError(
            f"no article text: {count} words left after removing {body.dropped} furniture "
            f"lines from the {what}",
            source=source,
        )
    if not any(len(words(p)) >= PROSE_WORDS for p in body.paragraphs):
        raise ExtractionError(
            f"no article paragraph: the {what} holds only short lines (headlines, links, "
            f"labels), like a section front or a list page",
            source=source,
        )
