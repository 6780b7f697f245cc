"""Which stored events raise an alert, and when two reports are the same real-world event.

Pure functions over :class:`EventHit` records: no database, no network. Only events
the coder says happened raise alerts (a planned, claimed or denied event is not news of
an event), so a precision-first reader is not paged for a threat that was only reported.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from blocwatch.model import EventActor, EventHit, EventStatus, RuleConditions

SAME_EVENT_WINDOW_DAYS = 1
"""Reports whose event days differ by at most this much are one event (time zones, late copy)."""


def _codes(actor: EventActor | None) -> set[str]:
    if actor is None:
        return set()
    return {code.upper() for code in (actor.code, actor.actor_id) if code}


def matches(conditions: RuleConditions, hit: EventHit) -> bool:
    """Whether the event meets every condition the rule sets."""
    event = hit.event
    if event.status is not EventStatus.HAPPENED or event.confidence < conditions.min_confidence:
        return False
    source, target = _codes(event.source), _codes(event.target)
    checks = [
        not conditions.actors or bool({a.upper() for a in conditions.actors} & (source | target)),
        conditions.pair is None or _between(conditions.pair, source, target),
        not conditions.event_types or event.type in conditions.event_types,
        not conditions.quad_classes or event.quad_class in conditions.quad_classes,
        conditions.goldstein_at_most is None
        or (event.goldstein is not None and event.goldstein <= conditions.goldstein_at_most),
        conditions.goldstein_at_least is None
        or (event.goldstein is not None and event.goldstein >= conditions.goldstein_at_least),
        not conditions.keywords or _has_word(hit.sentence, conditions.keywords),
        not conditions.outlets or hit.outlet in conditions.outlets,
        not conditions.languages or hit.language in conditions.languages,
    ]
    return all(checks)


def _between(pair: tuple[str, str], source: set[str], target: set[str]) -> bool:
    first, second = pair[0].upper(), pair[1].upper()
    return (first in source and second in target) or (second in source and first in target)


def _has_word(sentence: str, keywords: tuple[str, ...]) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", sentence, re.IGNORECASE) for word in keywords
    )


def _event_day(hit: EventHit) -> date | None:
    """The day the event happened when the coder dated it to a day, else the publication day."""
    stated = hit.event.date or ""
    if re.match(r"^\d{4}-\d{2}-\d{2}", stated):
        try:
            return date.fromisoformat(stated[:10])
        except ValueError:
            pass
    return hit.published_at.date() if hit.published_at else None


def _key_code(actor: EventActor | None) -> str:
    return (actor.code or actor.actor_id or "-").upper() if actor else "-"


def event_keys(hit: EventHit) -> list[str]:
    """The keys of the real-world event this report is about: its own key first, then the
    keys of the days around it that count as the same event.

    Same event = same event type, same source and target codes, event day within
    :data:`SAME_EVENT_WINDOW_DAYS`. This is the one place that says so; when event
    clusters exist, return the cluster id here instead.
    """
    event = hit.event
    base = f"{event.type}|{_key_code(event.source)}|{_key_code(event.target)}"
    day = _event_day(hit)
    if day is None:
        return [f"{base}|undated"]
    offsets = [0]
    for distance in range(1, SAME_EVENT_WINDOW_DAYS + 1):
        offsets += [-distance, distance]
    return [f"{base}|{(day + timedelta(days=offset)).isoformat()}" for offset in offsets]
