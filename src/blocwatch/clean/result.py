"""What cleaning hands to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CleanResult:
    """An article body and the metadata read from its page."""

    text: str
    """The article body, paragraphs separated by a blank line."""
    title: str | None
    published_at: datetime | None
    """Timezone-aware when the page gives a zone."""
    published_source: str | None
    """Where the date came from: "html metadata", "printed", "dateline", "source metadata"."""
    published_confidence: float | None
    outlet: str | None
    language: str | None
    """ISO 639-1."""
    origin_agency: tuple[str, ...]
    url: str | None
    low_confidence: str | None = None
    """Why the body may not be an article although it was kept (a very short body, a page
    that looks like a section front), or ``None`` for an ordinary article."""
