"""Matching new events against the rules, raising alerts once, and delivering them.

Run after every watch cycle (and by ``blocwatch alerts run``). Matching reads the events
of articles stored since the alert cursor; raising is idempotent per rule and event key
(see ``store/alerts.py``), so re-reading after a crash raises nothing twice; deliveries
left pending are retried with exponential backoff until they succeed or run out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from blocwatch.alerts.deliver import DeliveryError, DeliverySettings, deliver
from blocwatch.alerts.rules import (
    AlignmentMove,
    alignment_move,
    distinct_events,
    event_keys,
    matches,
    votes_toward_a,
)
from blocwatch.analysis.alignment import DEFAULT_POLE_A, alignment_series
from blocwatch.analysis.relations import relation_series
from blocwatch.errors import InputError
from blocwatch.model import AlertRule, EventHit
from blocwatch.periods import Granularity
from blocwatch.store import Store
from blocwatch.store.alerts import ALERT_CURSOR, AlertState
from blocwatch.store.watch import WatchState


@dataclass(slots=True)
class AlertRun:
    raised: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def _title(hit: EventHit) -> str:
    event = hit.event
    source = event.source.name if event.source else "someone"
    target = f" {event.target.name}" if event.target else ""
    day = event.date or (hit.published_at.date().isoformat() if hit.published_at else "undated")
    return f"{source} {event.type}{target} ({day})"


def _evidence(hit: EventHit) -> dict[str, object]:
    return {
        "article_id": hit.article_id,
        "sentence_index": hit.event.evidence.sentence_index,
        "start": hit.event.evidence.span.start,
        "end": hit.event.evidence.span.end,
        "sentence": hit.sentence,
        "outlet": hit.outlet,
        "url": hit.url,
        "title": hit.title,
        "published_at": hit.published_at.isoformat() if hit.published_at else None,
        "cluster_id": hit.cluster_id,
    }


def _is_change(rule: AlertRule) -> bool:
    """A rule on how a measure moved, checked once per scan, not against each event."""
    return rule.conditions.relation_turns_negative or rule.conditions.alignment_state is not None


class AlertEngine:
    def __init__(
        self,
        store: Store,
        settings: DeliverySettings,
        *,
        max_attempts: int = 5,
        backoff: float = 30.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.state = AlertState(store)
        self.cursors = WatchState(store)
        self.settings = settings
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.clock = clock

    def run(self) -> AlertRun:
        result = AlertRun(raised=self.scan())
        self.deliver_due(result)
        return result

    def scan(self) -> int:
        """Raise an alert for each rule and new real-world event among the newly stored events."""
        rules = self.state.rules(enabled_only=True)
        position = self.cursors.cursor(ALERT_CURSOR)
        hits, newest = self.state.hits_after(position)
        # Only events confident enough to be clustered: a report under the floor has no
        # cluster to say which real-world event it is, and would page twice for one.
        hits = [hit for hit in hits if hit.event.confidence >= self.store.min_confidence]
        changes = [r for r in rules if _is_change(r)]
        raised = sum(self._changed(rule) for rule in changes if hits)
        for hit in hits:
            for rule in rules:
                if _is_change(rule):
                    continue
                if not matches(rule.conditions, hit):
                    continue
                if self.state.raise_alert(rule, event_keys(hit), _title(hit), [_evidence(hit)]):
                    raised += 1
        if newest is not None and newest != position:
            self.cursors.set_cursor(ALERT_CURSOR, newest)
        return raised

    def _changed(self, rule: AlertRule) -> int:
        if rule.conditions.alignment_state:
            return self._alignment_moved(rule, rule.conditions.alignment_state)
        return self._relation_turned(rule)

    def _alignment_moved(self, rule: AlertRule, state: str) -> int:
        """1 when ``state``'s alignment moved by more than the rule's shift between its two
        latest periods (and had not yet fired for the latest period)."""
        conditions = rule.conditions
        state = state.upper()
        series = alignment_series(
            self.store, state, granularity=Granularity(conditions.alignment_period)
        )
        move = alignment_move(series, conditions.alignment_shift)
        if move is None:
            return 0
        evidence = self._move_evidence(move, state)
        way = f"toward {'/'.join(DEFAULT_POLE_A)}" if move.toward_a else "toward the US and allies"
        latest = move.latest
        title = (
            f"{state} alignment moved {move.shift:+.2f} {way} in {latest.period}: index "
            f"{move.before.index:+.2f} in {move.before.period}, {latest.index:+.2f} now "
            f"({latest.toward_a + latest.toward_b} events voting)"
        )
        key = f"ALIGNMENT|{state}|{conditions.alignment_period}|{latest.period}"
        return 1 if self.state.raise_alert(rule, [key], title, evidence) else 0

    def _move_evidence(self, move: AlignmentMove, state: str) -> list[dict[str, object]]:
        """The event clusters of the latest period that pushed the index the way it moved,
        one report each (the weightiest first), with how many reports the cluster has."""
        pole_a = {code for code in DEFAULT_POLE_A if code != state}
        pushing = [
            hit
            for hit in self.state.hits_for_clusters(move.latest.cluster_ids)
            if votes_toward_a(hit.event, state, pole_a) is move.toward_a
        ]
        events = sorted(
            distinct_events(pushing), key=lambda reports: -abs(reports[0].event.goldstein or 0)
        )
        return [
            {
                **_evidence(reports[0]),
                "event_key": event_keys(reports[0])[0],
                "reports": len(reports),
            }
            for reports in events[:5]
        ]

    def _relation_turned(self, rule: AlertRule) -> int:
        """1 when the rule's pair turned negative in its latest week (and had not yet fired)."""
        if rule.conditions.pair is None:
            return 0
        a, b = rule.conditions.pair
        series = relation_series(self.store, a, b, granularity=Granularity.WEEK)
        if len(series) < 2:
            return 0
        before, latest = series[-2], series[-1]
        if not before.goldstein_mean >= 0 > latest.goldstein_mean:
            return 0
        title = (
            f"{a}–{b} relations turned negative in {latest.period}: mean Goldstein "
            f"{before.goldstein_mean:+.1f} in {before.period}, {latest.goldstein_mean:+.1f} now"
        )
        evidence = [_evidence(h) for h in self.state.hits_for_events(latest.event_ids[:5])]
        key = f"RELATION_NEGATIVE|{a.upper()}|{b.upper()}|{latest.period}"
        return 1 if self.state.raise_alert(rule, [key], title, evidence) else 0

    def deliver_due(self, result: AlertRun) -> None:
        now = self.clock()
        for delivery in self.state.due_deliveries(now):
            try:
                deliver(delivery.channel, delivery.alert, self.settings)
            except (DeliveryError, InputError) as exc:
                attempts = delivery.attempts + 1
                retry_at = None
                if attempts < self.max_attempts:
                    retry_at = now + timedelta(seconds=self.backoff * 2 ** (attempts - 1))
                    result.retrying += 1
                else:
                    result.failed += 1
                self.state.record_delivery(delivery.id, error=str(exc), retry_at=retry_at)
                continue
            self.state.record_delivery(delivery.id)
            result.delivered += 1
