"""HTML and plain text to article body and metadata (first version: trafilatura, blank-line paragraphs)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import trafilatura

from blocwatch.errors import ExtractionError


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    title: str | None
    published_at: datetime | None
    published_source: str | None
    published_confidence: float | None
    outlet: str | None
    language: str | None
    origin_agency: tuple[str, ...]
    url: str | None


class FurnitureIndex:
    def __init__(self) -> None:
        self._lines: dict[str | None, Counter[str]] = {}

    def add(self, outlet: str | None, text: str) -> None:
        self._lines.setdefault(outlet, Counter()).update(set(text.splitlines()))

    def is_furniture(self, outlet: str | None, line: str) -> bool:
        return self._lines.get(outlet, Counter())[line] >= 3


def clean_html(
    html: str,
    *,
    url: str | None = None,
    source: str = "<html>",
    furniture: FurnitureIndex | None = None,
) -> CleanResult:
    extracted: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if extracted is None or not extracted.text:
        raise ExtractionError("no article text found", source=source)
    published = None
    if extracted.date:
        published = datetime.fromisoformat(extracted.date)
    return CleanResult(
        text=extracted.text.replace("\n", "\n\n"),
        title=extracted.title,
        published_at=published,
        published_source="html metadata" if published else None,
        published_confidence=0.8 if published else None,
        outlet=extracted.sitename,
        language=None,
        origin_agency=(),
        url=url or extracted.url,
    )


def clean_text(
    text: str, *, source: str = "<text>", furniture: FurnitureIndex | None = None
) -> CleanResult:
    lines = [line.strip() for line in text.splitlines()]
    paragraphs = [line for line in lines if line]
    if not paragraphs:
        raise ExtractionError("no text", source=source)
    return CleanResult(
        "\n\n".join(paragraphs[1:]) or paragraphs[0],
        paragraphs[0],
        None,
        None,
        None,
        None,
        None,
        (),
        None,
    )
