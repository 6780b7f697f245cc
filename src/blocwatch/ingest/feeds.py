"""RSS and Atom feeds: one document per entry, through feedparser.

Feeds are untrusted XML. Before feedparser sees a byte, defusedxml parses the feed with
entity declarations, external entities and DTD retrieval refused, so a billion-laughs
bomb or an ``<!ENTITY x SYSTEM "file:///etc/passwd">`` is rejected with a reason instead
of being expanded. (feedparser falls back to a lenient parser for broken feeds; the
defused pass guarantees it never meets an entity declaration.)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import defusedxml.ElementTree as DefusedElementTree
import feedparser
from defusedxml import DefusedXmlException

from blocwatch.errors import InputError
from blocwatch.model import MediaType, RawDocument, Rejection


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (
        b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower()
    )


def check_safe_xml(data: bytes, source: str) -> None:
    """Refuse entity declarations, external entities and DTD retrieval (raises InputError)."""
    try:
        DefusedElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise InputError(f"entity expansion refused ({type(exc).__name__})", source=source) from exc
    except DefusedElementTree.ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        where = f" at line {line}" if line else ""
        raise InputError(f"malformed feed XML{where}: {exc}", source=source) from exc


def entry_published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Rejection]:
    """Entries of an RSS or Atom feed as HTML documents (title, link, date, feed title as outlet)."""
    try:
        check_safe_xml(data, source)
    except InputError as exc:
        yield Rejection(source, "read", exc.reason)
        return
    parsed = feedparser.parse(data)
    outlet = parsed.feed.get("title")
    if not parsed.entries:
        reason = "feed has no entries"
        if parsed.get("bozo"):
            reason += f" (parse problem: {parsed.get('bozo_exception')})"
        yield Rejection(source, "read", reason)
        return
    for number, entry in enumerate(parsed.entries, start=1):
        entry_source = f"{source}#{number}"
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary")
        if not body or not str(body).strip():
            yield Rejection(entry_source, "read", "feed entry has no content or summary")
            continue
        title = entry.get("title")
        html = f"<html><head><title>{_escape(title or '')}</title></head><body><article>{body}</article></body></html>"
        yield RawDocument(
            source=entry_source,
            content=html.encode("utf-8"),
            media_type=MediaType.HTML,
            url=entry.get("link"),
            title=title,
            outlet=outlet,
            published=entry_published(entry),
            encoding="utf-8",
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
