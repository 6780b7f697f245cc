"""What a feed or a news sitemap links to: one :class:`LinkedItem` per article page.

Feeds go through the same defused XML check as ``ingest/feeds.py`` before feedparser
reads them; sitemaps are checked the same way and then read by ``ultimate-sitemap-parser``
from the bytes the watcher fetched itself (it never fetches on its own here). Links are
normalised with ``courlan`` so that the same page under two spellings (a tracking
parameter, a fragment, an upper-case host) is one item.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

import feedparser
from courlan import normalize_url
from usp.objects.sitemap import IndexXMLSitemap, InvalidSitemap
from usp.tree import sitemap_from_str

from blocwatch.errors import InputError
from blocwatch.ingest.feeds import check_safe_xml, entry_published


@dataclass(frozen=True, slots=True)
class LinkedItem:
    """A link found in a source, with what the source says about the page."""

    url: str
    title: str | None = None
    published: str | None = None
    summary: str | None = None
    language: str | None = None
    outlet: str | None = None


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case host, no fragment, no tracking parameters.

    courlan's strict mode would also drop every query parameter it does not know, which
    merges ``story?p=1`` and ``story?p=2`` on some sites; the lenient mode removes only
    known trackers.
    """
    try:
        normalised: str = normalize_url(url)
    except (ValueError, AttributeError):
        normalised = url
    return urldefrag(normalised).url


def feed_items(body: bytes, source_url: str) -> list[LinkedItem]:
    """The entries of an RSS or Atom feed that link to a page."""
    check_safe_xml(body, source_url)
    parsed = feedparser.parse(body)
    if not parsed.entries:
        problem = f" (parse problem: {parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        raise InputError(f"feed has no entries{problem}", source=source_url)
    outlet = parsed.feed.get("title")
    language = parsed.feed.get("language")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        contents = entry.get("content") or []
        summary = contents[0].get("value") if contents else entry.get("summary")
        items.append(
            LinkedItem(
                url=canonical_url(urljoin(source_url, link)),
                title=entry.get("title") or None,
                published=entry_published(entry),
                summary=summary or None,
                language=language,
                outlet=outlet,
            )
        )
    return items


def sitemap_items(body: bytes, source_url: str) -> list[LinkedItem]:
    """The pages of a (news) sitemap, with the news title, date and publication name."""
    check_safe_xml(body, source_url)
    sitemap = sitemap_from_str(body.decode("utf-8", errors="replace"))
    if isinstance(sitemap, InvalidSitemap):
        raise InputError(f"not a sitemap: {sitemap.reason}", source=source_url)
    if isinstance(sitemap, IndexXMLSitemap):
        raise InputError(
            "a sitemap index: add the news sitemaps it lists as sources of their own",
            source=source_url,
        )
    items = []
    for page in sitemap.all_pages():
        news = page.news_story
        items.append(
            LinkedItem(
                url=canonical_url(page.url),
                title=news.title if news else None,
                published=news.publish_date.isoformat() if news and news.publish_date else None,
                language=news.publication_language if news else None,
                outlet=news.publication_name if news else None,
            )
        )
    return items
