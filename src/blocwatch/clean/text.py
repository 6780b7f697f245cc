"""Plain-text pages: the headline, the body without furniture, and the page's metadata.

Archives and scrapers often deliver a page flattened to text: navigation, share widgets,
teasers and subscription pleas sit between the headline and the story as lines of their
own. The headline is the first line that reads like one; an outlet's name is a short line
above it that the page repeats further down.
"""

from __future__ import annotations

from blocwatch.clean.body import Body, build_body, check_body, fallback_body, is_prose
from blocwatch.clean.dates import FoundDate, dateline_date, is_date_line, printed_date
from blocwatch.clean.furniture import (
    FurnitureIndex,
    furniture_reason,
    is_tail_marker,
    is_title_case_teaser,
    normalise,
    words,
)
from blocwatch.clean.result import CleanResult
from blocwatch.errors import ExtractionError

_TITLE_WORDS = (3, 30)


def _is_headline(line: str) -> bool:
    return (
        _TITLE_WORDS[0] <= len(words(line)) <= _TITLE_WORDS[1]
        and furniture_reason(line) is None
        and not is_tail_marker(line)
        and not is_date_line(line)
    )


def _is_outlet_name(line: str, page_key: str) -> bool:
    """A short capitalised line that the page names again elsewhere (in a plea, a credit)."""
    key = normalise(line)
    return (
        1 <= len(key.split()) <= 4
        and is_title_case_teaser(line)
        and page_key.count(f" {key} ") >= 2
    )


def find_title(lines: list[str]) -> tuple[int, str] | None:
    """Index and text of the headline: the first line in the page's top that reads like one.

    A headline comes before the story: once a line of prose has been passed, a short line
    is a caption or a credit, not the headline (a short record without a title would
    otherwise lose its whole body above its closing caption).
    """
    page_key = f" {' '.join(normalise(line) for line in lines)} "
    for index, line in enumerate(lines[:15]):
        if is_prose(line) and furniture_reason(line) is None:
            return None
        if _is_headline(line) and not _is_outlet_name(line, page_key):
            return index, line.strip()
    return None


def find_outlet(lines: list[str], title_index: int) -> str | None:
    """The outlet's name when the page prints it above the headline."""
    page_key = f" {' '.join(normalise(line) for line in lines)} "
    return next(
        (line.strip() for line in lines[:title_index] if _is_outlet_name(line, page_key)), None
    )


def published_date(lines: list[str], body: Body) -> FoundDate | None:
    found = printed_date(lines)
    if found is None and body.paragraphs:
        found = dateline_date(body.paragraphs[0])
    return found


def learn_text_page(index: FurnitureIndex, text: str) -> None:
    """Add a plain-text page to ``index`` under the outlet :func:`clean_text` will find on it.

    Only the lines after the headline count, as only those reach the body filter.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headline = find_title(lines)
    if headline is None:
        return
    index.add(find_outlet(lines, headline[0]), "\n".join(lines[headline[0] + 1 :]))


def _untitled_body(lines: list[str], furniture: FurnitureIndex | None, source: str) -> Body | None:
    body = build_body(lines, headlines=(), outlet=None, furniture=furniture, plain_text=True)
    try:
        check_body(body, source=source, what="text page")
    except ExtractionError:
        return None
    return body


def clean_text(
    text: str, *, source: str = "<text>", furniture: FurnitureIndex | None = None
) -> CleanResult:
    """Clean a plain-text page into an article body and its metadata.

    Raises :class:`ExtractionError` when no article is left once furniture is removed.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ExtractionError("empty page: no text at all", source=source)
    # A body handed over without its headline (a JSON lines record, a transcript) has no
    # headline-like line: it is still an article, with no title, if enough prose is left.
    title_index, title = find_title(lines) or (-1, None)
    outlet = find_outlet(lines, title_index) if title is not None else None
    body = build_body(
        lines[title_index + 1 :],
        headlines=(title,) if title is not None else (),
        outlet=outlet,
        furniture=furniture,
        plain_text=True,
    )
    low_confidence = None
    try:
        check_body(body, source=source, what="text page")
    except ExtractionError as error:
        untitled = _untitled_body(lines, furniture, source) if title is not None else None
        if untitled is not None:
            # The line taken for the headline left too little below it: prose is never
            # rejected for its title, so the whole page is the body, without one.
            body, title, outlet = untitled, None, None
        else:
            low_confidence = fallback_body(body, error)
            if low_confidence is None:
                raise
    found = published_date(lines, body)
    return body.result(
        title=title, found=found, outlet=outlet, url=None, low_confidence=low_confidence
    )
