"""Stories across articles: summaries, what each report adds, syndicated copies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from blocwatch.model._article import Evidence


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of a summary, traceable to where it was taken from."""

    text: str
    evidence: Evidence
    supporting_article_ids: tuple[str, ...] = ()
    """Other articles that state the same point (for story summaries)."""


class ReportRole(StrEnum):
    """What a report brings to its story, in a story's per-report summary."""

    FIRST = "first report"
    ADDS = "adds"
    DIFFERS = "differs"


@dataclass(frozen=True, slots=True)
class ReportNote:
    """One cited sentence of what a report adds to its story.

    The first report's note gives its lead; a later report's notes give what it says
    that no earlier report said (``ADDS``), or a point an earlier report made with
    other figures (``DIFFERS``, with the earlier sentence in ``differs_from``).
    """

    article_id: str
    outlet: str | None
    published_at: datetime | None
    role: ReportRole
    sentence: SummarySentence
    differs_from: SummarySentence | None = None


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Syndicated copies of one text: the canonical (fullest, earliest) and its copies."""

    canonical_id: str
    copy_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    origin_agency: tuple[str, ...] = ()


@dataclass(slots=True)
class Story:
    """One real-world event and the articles that report it."""

    id: str
    title: str
    article_ids: list[str]
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    copy_groups: list[CopyGroup] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
