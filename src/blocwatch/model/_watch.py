"""Watching sources and alerting on events: watched links, source health, rules, alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from blocwatch.model._article import Event


class ItemStatus(StrEnum):
    """Where a watched link is: seen, fetched (raw bytes kept), stored, or failed for good."""

    PENDING = "pending"
    FETCHED = "fetched"
    STORED = "stored"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WatchItem:
    """A link a source gave, with the source's title, date and summary for the page."""

    id: str
    url: str
    source: str
    status: ItemStatus
    title: str | None = None
    published: str | None = None
    summary: str | None = None
    outlet: str | None = None
    language: str | None = None
    final_url: str | None = None
    encoding: str | None = None
    raw_id: str | None = None
    attempts: int = 0
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """What the watcher knows about a source: validators for the next poll, and its health."""

    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    next_due_at: datetime | None = None
    items_seen: int = 0
    items_stored: int = 0
    items_failed: int = 0


# --------------------------------------------------------------------------- alerts


@dataclass(frozen=True, slots=True)
class RuleConditions:
    """What an event must be to raise an alert; every condition given must hold.

    ``actors``: the event involves any of these (source or target, by code or actor id);
    ``pair``: it runs between these two, in either direction; ``goldstein_at_most`` /
    ``goldstein_at_least``: bounds on its Goldstein score; ``keywords``: its sentence
    contains any of these words.
    """

    actors: tuple[str, ...] = ()
    pair: tuple[str, str] | None = None
    event_types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    goldstein_at_most: float | None = None
    goldstein_at_least: float | None = None
    keywords: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    min_confidence: float = 0.0
    include_claimed: bool = False
    """Also fire on events one party says happened ("X struck Y, Z said"), the way most
    conflict news is worded; planned and negated events never fire."""
    relation_turns_negative: bool = False
    """A change rule on ``pair``: fires when the pair's mean Goldstein score over an ISO week
    drops below zero after a week at or above zero (once per such week)."""
    alignment_state: str | None = None
    """A change rule on this state's alignment index (:mod:`blocwatch.analysis.alignment`,
    default poles): fires when the index of its latest period differs from the period
    before by more than ``alignment_shift`` (once per period), both periods resting on
    enough votes."""
    alignment_shift: float = 0.5
    alignment_period: str = "month"
    """``week`` or ``month``: the periods the alignment move is measured between."""


@dataclass(frozen=True, slots=True)
class AlertRule:
    name: str
    conditions: RuleConditions
    channels: tuple[str, ...] = ()
    """``webhook:<url>`` or ``email:<address>``; every alert is also on the page and the Atom feed."""
    enabled: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class EventHit:
    """A stored event with what rules look at: its article's outlet, language, sentence."""

    event: Event
    article_id: str
    sentence: str
    outlet: str | None
    language: str | None
    url: str | None
    title: str | None
    published_at: datetime | None
    cluster_id: int | None = None
    """The event cluster (one real-world event) this report belongs to, once clustered."""
    cluster_first_event: int | None = None
    """The cluster's first stored mention: names the cluster across a rebuild, which
    numbers clusters afresh."""


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    rule_name: str
    event_key: str
    title: str
    evidence: tuple[dict[str, object], ...]
    raised_at: datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    alert: Alert
    channel: str
    attempts: int
