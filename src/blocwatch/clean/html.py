"""HTML pages: trafilatura, more opinions only when its body looks doubtful, then furniture.

trafilatura runs in precision mode without comment sections, which on news pages trades
a little recall for far fewer teasers and reader comments. Its first pass skips its own
fallback extractors; a body that looks doubtful (short, or holding a small share of the
page's paragraph text) gets trafilatura's full chain, and if it still looks cut short,
readability-lxml reads the page too. readability's body wins only if it is much longer
*and* contains trafilatura's: a longer body that disagrees is more likely a comment
thread or a sidebar. The body then goes through the same furniture rules as plain text.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter

import lxml.html
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
)
from trafilatura.settings import Document as Metadata
from trafilatura.utils import load_html

from blocwatch.clean.body import Body, build_body, check_body, fallback_body
from blocwatch.clean.dates import FoundDate, metadata_date, printed_date
from blocwatch.clean.flat import flat_text, tree_lost_text
from blocwatch.clean.furniture import FurnitureIndex, normalise, words
from blocwatch.clean.result import CleanResult
from blocwatch.errors import ExtractionError

_PUBLISHED_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publish-date']/@content",
    "//meta[@name='date']/@content",
    "//time[@itemprop='datePublished']/@datetime",
)
_ERROR_TITLE = re.compile(
    r"\b(?:404|(?:page|file)\s+(?:not|cannot\s+be)\s+found|error\s+\d{3}|server\s+error"
    r"|seite\s+nicht\s+gefunden|"
    r"página\s+no\s+encontrada|page\s+introuvable)\b",
    re.IGNORECASE,
)
SHORT_BODY = 80
"""A first body shorter than this (in words) is checked by trafilatura's fallback chain."""
DOUBT_RATIO = 2.0
"""Ask for a second opinion when the page's paragraphs hold this many times the words kept."""
TAKEOVER_RATIO = 1.8
"""The second opinion wins when it is this many times longer ..."""
TAKEOVER_COVERAGE = 0.9
"""... and holds this share of the first opinion's word 4-grams."""


def _paragraph_words(tree: HtmlElement) -> int:
    return sum(len((p.text_content() or "").split()) for p in tree.iter("p"))


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = words(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 0)))


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "tr", "br")


def _block_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    root = lxml.html.fromstring(fragment)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _second_opinion(html: str, first: str) -> str | None:
    """readability's body when it clearly holds more of the article than ``first``."""
    from readability import Document

    try:
        text = _block_text(Document(html).summary(html_partial=True))
    except Exception:  # readability and lxml raise bare Exceptions on odd markup
        return None
    if len(words(text)) < TAKEOVER_RATIO * len(words(first)):
        return None
    ours, theirs = _shingles(first), _shingles(text)
    covered = sum((ours & theirs).values()) / max(sum(ours.values()), 1)
    return text if covered >= TAKEOVER_COVERAGE else None


def _metadata(tree: HtmlElement) -> Metadata:
    """Title, site name and URL from meta tags (JSON-LD when they lack one), as trafilatura
    reads them.

    trafilatura's own metadata pass also hunts for authors, categories, tags and
    licences, which cleaning does not need and which cost a quarter of the page's time.
    """
    metadata = examine_meta(tree)
    if not (metadata.title and metadata.sitename):
        with contextlib.suppress(Exception):  # its JSON-LD reader fails on malformed scripts
            metadata = extract_meta_json(tree, metadata)
    metadata.title = metadata.title or extract_title(tree)
    metadata.sitename = (metadata.sitename or extract_sitename(tree) or "").lstrip("@") or None
    return metadata


def _headings(tree: HtmlElement) -> list[str]:
    """The page's top headings, which extractors often repeat as the body's first line."""
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")][:3]


def _trafilatura(tree: HtmlElement, url: str | None, *, fast: bool) -> str:
    document = trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, include_comments=False, fast=fast
    )
    return (getattr(document, "text", None) or "") if document is not None else ""


def _extract(tree: HtmlElement, html: str, url: str | None) -> str:
    """The body text, asking for more opinions only while the last one looks doubtful.

    The first pass is trafilatura without its fallback extractors (they double its time
    and rarely change a good result). A short body earns trafilatura's full chain; a body
    holding a small part of the page's paragraph text earns readability's opinion.
    """
    text = _trafilatura(tree, url, fast=True)
    if len(words(text)) < SHORT_BODY:
        text = _trafilatura(tree, url, fast=False) or text
    if _paragraph_words(tree) > DOUBT_RATIO * len(words(text)):
        text = _second_opinion(html, text) or text
    return text


_MEDIA = ("img", "figure", "picture", "video", "iframe")


def _restore_lists(tree: HtmlElement, lines: list[str]) -> list[str]:
    """Put back a list that sits between two kept paragraphs of the article.

    trafilatura's precision mode drops lists whose items are links (a list of projects,
    each linked to its own page); between two paragraphs of the body such a list is part
    of the article, unlike a list below it or in a sidebar. A list of pictures (a gallery)
    stays out.
    """
    position = {normalise(line): index for index, line in enumerate(lines)}
    inserts: dict[int, list[str]] = {}
    for element in tree.iter("ul", "ol"):
        before, after = element.getprevious(), element.getnext()
        if before is None or after is None or before.tag != "p" or after.tag != "p":
            continue
        if next(element.iter(*_MEDIA), None) is not None:
            continue  # a gallery: its items are captions, not the article's text
        first = position.get(normalise(before.text_content() or ""))
        if first is None or position.get(normalise(after.text_content() or "")) != first + 1:
            continue
        items = [" ".join((li.text_content() or "").split()) for li in element.iterchildren("li")]
        inserts[first] = [f"- {item}" for item in items if item]
    if not inserts:
        return lines
    restored: list[str] = []
    for index, line in enumerate(lines):
        restored.extend([line, *inserts.get(index, [])])
    return restored


def _published(tree: HtmlElement, url: str | None, lines: list[str]) -> FoundDate | None:
    """The publication date: meta tags first, then htmldate on the page, then printed forms."""
    for xpath in _PUBLISHED_META:
        for value in tree.xpath(xpath):
            parsed = metadata_date(str(value))
            if parsed is not None:
                return FoundDate(parsed, "html metadata", 0.95 if parsed.tzinfo else 0.9)
    found = printed_date(lines)
    if found is not None:
        return found
    try:
        guessed = find_date(tree, url=url, extensive_search=False, original_date=True)
    except ValueError:  # htmldate raises on an impossible zone ("+25:00") in a meta tag
        return None
    parsed = metadata_date(guessed)
    return FoundDate(parsed, "html metadata", 0.7) if parsed is not None else None


def _reject_error_page(tree: HtmlElement, title: str | None, text: str, source: str) -> None:
    """An error page ("404 Not Found") is short and says so in its title.

    Both must hold: an article may well be titled "Pilot error blamed for crash".
    """
    page_title = " ".join((title or " ".join(tree.xpath("//title//text()"))).split())
    if _ERROR_TITLE.search(page_title) and len(words(text)) < SHORT_BODY:
        raise ExtractionError(f"error page, not an article (title {page_title!r})", source=source)


_TAG = re.compile(r"<[a-zA-Z!/?]")


def _parse(html: str, source: str) -> HtmlElement:
    """The page's tree; a fragment (a body without ``<html>``) is wrapped into a page."""
    if not _TAG.search(html):
        raise ExtractionError("not HTML: no markup at all (clean it as plain text)", source=source)
    tree = load_html(html)
    if tree is None:
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise ExtractionError("malformed HTML: no document tree could be built", source=source)
    return _as_page(tree)


def _as_page(tree: HtmlElement) -> HtmlElement:
    """Put a stray root (``<svg>`` before ``<html>`` makes the SVG the root) inside a page.

    The date and text extractors prune elements by detaching them from their parent, and a
    root element has none: htmldate fails on such a tree with an assertion instead of a date.
    """
    if tree.tag == "html":
        return tree
    page = lxml.html.Element("html")
    body = lxml.html.Element("body")
    page.append(body)
    body.append(tree)
    return page


LIST_PAGE_LINKS = 15
"""A page with this many links and no article is taken for a section front."""


class _LinkTexts:
    """The page's link texts, to tell a line that is a link from a line of prose."""

    def __init__(self, tree: HtmlElement) -> None:
        self.keys = {normalise(a.text_content() or "") for a in tree.iter("a")} - {""}

    def __contains__(self, line: object) -> bool:
        return isinstance(line, str) and normalise(line.lstrip("-•*– ")) in self.keys


def _link_texts(tree: HtmlElement) -> _LinkTexts:
    return _LinkTexts(tree)


def _why_no_article(tree: HtmlElement, html: str, reason: str) -> str:
    """Say what the page is, when it can be told, rather than only that it has no article."""
    head, tail = html[:2000].lower(), html[-2000:].lower()
    opened = "<html" in head or "<body" in head
    if opened and "</html>" not in tail and "</body>" not in tail:
        return f"truncated HTML (the page ends before </body>) and no recoverable article: {reason}"
    links = len(tree.xpath("//a[@href]"))
    if links >= LIST_PAGE_LINKS:
        return f"not an article: {links} links and little prose, like a section front ({reason})"
    return reason


def _flat_body(
    lines: list[str],
    headlines: tuple[str, ...],
    outlet: str | None,
    furniture: FurnitureIndex | None,
    depth: int,
    source: str,
) -> Body:
    body = build_body(
        lines, headlines=headlines, outlet=outlet, furniture=furniture, plain_text=True
    )
    try:
        check_body(body, source=source, what="HTML page")
    except ExtractionError as error:
        raise ExtractionError(
            f"elements nested {depth} levels deep, deeper than the HTML parser reads, and "
            f"no article in the page's flat text either: {error.reason}",
            source=source,
        ) from None
    return body


def clean_html(
    html: str,
    *,
    url: str | None = None,
    source: str = "<html>",
    furniture: FurnitureIndex | None = None,
) -> CleanResult:
    """Clean an HTML page into an article body and its metadata.

    Raises :class:`ExtractionError` for an empty or malformed page, an error page, a
    section front, or a page whose article cannot be recovered.
    """
    if not html.strip():
        raise ExtractionError("empty HTML page", source=source)
    tree = _parse(html, source)
    metadata = _metadata(tree)
    title = metadata.title or None
    text = _extract(tree, html, url)
    _reject_error_page(tree, title, text, source)
    outlet = (metadata.sitename or "").split(" | ")[0].strip() or None
    lines = _restore_lists(tree, text.splitlines())
    headlines = (*([title] if title else []), *_headings(tree))
    body = build_body(
        lines, headlines=headlines, outlet=outlet, furniture=furniture, plain_text=False
    )
    low_confidence = None
    try:
        check_body(body, source=source, what="HTML page")
    except ExtractionError as error:
        flat_lines, depth = flat_text(html)
        if tree_lost_text(len(words(tree.text_content() or "")), flat_lines, depth):
            # The tree parser dropped what lies deeper than it reads: clean the flat reading.
            lines = flat_lines
            body = _flat_body(lines, headlines, outlet, furniture, depth, source)
        else:
            low_confidence = fallback_body(body, error, is_link=_link_texts(tree).__contains__)
            if low_confidence is None:
                reason = _why_no_article(tree, html, error.reason)
                raise ExtractionError(reason, source=source) from None
    found = _published(tree, url or metadata.url, lines)
    return body.result(
        title=title,
        found=found,
        outlet=outlet,
        url=url or metadata.url or None,
        low_confidence=low_confidence,
    )
