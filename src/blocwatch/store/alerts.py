"""Alert rules, raised alerts, their delivery log and saved searches, in the database.

Exactly-once rests on two unique keys and one transaction. An alert is inserted with
its deliveries (one per channel, ``pending``) only when no alert of the same rule carries
any of the event's keys, so a second report of the same event, or the same article read
again after a restart, raises nothing. Each delivery is then tried until it is marked
``delivered`` (or given up as ``failed``), so a restart resumes the ones left pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from blocwatch.errors import ConfigError, StoreError
from blocwatch.model import Alert, AlertRule, Delivery, EventHit, RuleConditions
from blocwatch.store.read import event_of
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, EventClusterMemberRow, EventRow, SentenceRow
from blocwatch.store.watch_tables import (
    AlertDeliveryRow,
    AlertRow,
    AlertRuleRow,
    SavedSearchRow,
    WatchCursorRow,
)

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
ALERT_CURSOR = "alerts"
"""The watch cursor saying up to which storing time articles were matched against rules."""


def _conditions_of(record: dict[str, Any]) -> RuleConditions:
    values = {key: value for key, value in record.items() if value is not None}
    for key in ("actors", "event_types", "quad_classes", "keywords", "outlets", "languages"):
        if key in values:
            values[key] = tuple(values[key])
    if "pair" in values:
        values["pair"] = tuple(values["pair"])
    return RuleConditions(**values)


def _rule_of(row: AlertRuleRow) -> AlertRule:
    return AlertRule(
        name=row.name,
        conditions=_conditions_of(row.conditions or {}),
        channels=tuple(row.channels or ()),
        enabled=row.enabled,
        id=row.id,
    )


def _alert_of(row: AlertRow, rule_name: str) -> Alert:
    return Alert(
        id=row.id,
        rule_name=rule_name,
        event_key=row.event_key,
        title=row.title,
        evidence=tuple(row.evidence or ()),
        raised_at=row.raised_at or datetime.now(UTC),
    )


class AlertState:
    """Reads and writes the alert tables of one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------ rules

    def add_rule(self, rule: AlertRule, *, saved_search_id: int | None = None) -> int:
        try:
            with self.store._write() as session:
                row = AlertRuleRow(
                    name=rule.name,
                    conditions=asdict(rule.conditions),
                    channels=list(rule.channels),
                    enabled=rule.enabled,
                    saved_search_id=saved_search_id,
                    created_at=datetime.now(UTC),
                )
                session.add(row)
                if session.get(WatchCursorRow, ALERT_CURSOR) is None:
                    # Rules watch what arrives after them: the archive does not page anyone.
                    session.add(WatchCursorRow(name=ALERT_CURSOR, position=row.created_at))
                session.flush()
                return row.id
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise ConfigError(f"an alert rule named {rule.name!r} exists already") from exc
            raise

    def rules(self, *, enabled_only: bool = False) -> list[AlertRule]:
        query = select(AlertRuleRow).order_by(AlertRuleRow.name)
        if enabled_only:
            query = query.where(AlertRuleRow.enabled.is_(True))
        with self.store.session() as session:
            return [_rule_of(row) for row in session.scalars(query)]

    def remove_rule(self, name: str) -> bool:
        with self.store._write() as session:
            rule_id = session.scalar(select(AlertRuleRow.id).where(AlertRuleRow.name == name))
            if rule_id is None:
                return False
            alert_ids = select(AlertRow.id).where(AlertRow.rule_id == rule_id)
            session.execute(
                delete(AlertDeliveryRow).where(AlertDeliveryRow.alert_id.in_(alert_ids))
            )
            session.execute(delete(AlertRow).where(AlertRow.rule_id == rule_id))
            session.execute(delete(AlertRuleRow).where(AlertRuleRow.id == rule_id))
            return True

    def set_rule_enabled(self, name: str, enabled: bool) -> None:
        with self.store._write() as session:
            row = session.scalar(select(AlertRuleRow).where(AlertRuleRow.name == name))
            if row is None:
                raise ConfigError(f"no alert rule named {name!r}")
            row.enabled = enabled

    # ------------------------------------------------------------------ events to match

    def hits_for_events(self, event_ids: Sequence[int]) -> list[EventHit]:
        """The events with these ids, as hits (the evidence of a change alert)."""
        hits, _ = self._hits(EventRow.id.in_(list(event_ids)))
        return hits

    def hits_for_clusters(self, cluster_ids: Sequence[int]) -> list[EventHit]:
        """Every report of these event clusters, as hits (the evidence of a change alert)."""
        hits, _ = self._hits(EventClusterMemberRow.cluster_id.in_(list(cluster_ids)))
        return hits

    def hits_after(self, position: datetime | None) -> tuple[list[EventHit], datetime | None]:
        """Events of articles stored after ``position``, and the newest storing time seen."""
        if position is None:
            return self._hits(None, position)
        return self._hits(ArticleRow.ingested_at > position, position)

    def _hits(
        self, condition: Any, position: datetime | None = None
    ) -> tuple[list[EventHit], datetime | None]:
        other = aliased(EventClusterMemberRow)
        first_mention = (
            select(func.min(other.event_id))
            .where(other.cluster_id == EventClusterMemberRow.cluster_id)
            .scalar_subquery()
        )
        query = (
            select(
                EventRow,
                ArticleRow,
                SentenceRow.start,
                SentenceRow.end,
                EventClusterMemberRow.cluster_id,
                first_mention,
            )
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(
                SentenceRow,
                (SentenceRow.article_id == EventRow.article_id)
                & (SentenceRow.index == EventRow.sentence_index),
            )
            .outerjoin(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
            .order_by(ArticleRow.ingested_at, EventRow.id)
        )
        if condition is not None:
            query = query.where(condition)
        hits: list[EventHit] = []
        newest = position
        with self.store.session() as session:
            for event_row, article, start, end, cluster_id, first in session.execute(query):
                sentence = article.text[start:end] if start is not None else ""
                hits.append(
                    EventHit(
                        event=event_of(event_row, article.text),
                        article_id=article.id,
                        sentence=sentence,
                        outlet=article.outlet,
                        language=article.language,
                        url=article.url,
                        title=article.title,
                        published_at=article.published_at,
                        cluster_id=cluster_id,
                        cluster_first_event=first,
                    )
                )
                ingested = article.ingested_at
                if ingested is not None and (newest is None or ingested > newest):
                    newest = ingested
        return hits, newest

    # ------------------------------------------------------------------ alerts

    def raise_alert(
        self,
        rule: AlertRule,
        keys: Sequence[str],
        title: str,
        evidence: list[dict[str, object]],
    ) -> int | None:
        """A new alert with a pending delivery per channel, or None when one of ``keys``
        has raised an alert for this rule already (the same real-world event)."""
        if rule.id is None:
            raise ConfigError(f"alert rule {rule.name!r} is not stored")
        now = datetime.now(UTC)
        try:
            with self.store._write() as session:
                known = session.scalar(
                    select(AlertRow.id).where(
                        AlertRow.rule_id == rule.id, AlertRow.event_key.in_(list(keys))
                    )
                )
                if known is not None:
                    return None
                row = AlertRow(
                    rule_id=rule.id,
                    event_key=keys[0],
                    title=title,
                    evidence=evidence,
                    raised_at=now,
                )
                session.add(row)
                session.flush()
                session.add_all(
                    AlertDeliveryRow(alert_id=row.id, channel=channel, status=PENDING, attempts=0)
                    for channel in rule.channels
                )
                return row.id
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                return None
            raise

    def alerts(self, *, limit: int = 100) -> list[Alert]:
        query = (
            select(AlertRow, AlertRuleRow.name)
            .join(AlertRuleRow, AlertRuleRow.id == AlertRow.rule_id)
            .order_by(AlertRow.raised_at.desc(), AlertRow.id.desc())
            .limit(limit)
        )
        with self.store.session() as session:
            return [_alert_of(row, name) for row, name in session.execute(query)]

    # ------------------------------------------------------------------ deliveries

    def due_deliveries(self, now: datetime) -> list[Delivery]:
        query = (
            select(AlertDeliveryRow, AlertRow, AlertRuleRow.name)
            .join(AlertRow, AlertRow.id == AlertDeliveryRow.alert_id)
            .join(AlertRuleRow, AlertRuleRow.id == AlertRow.rule_id)
            .where(AlertDeliveryRow.status == PENDING)
            .order_by(AlertDeliveryRow.id)
        )
        with self.store.session() as session:
            return [
                Delivery(delivery.id, _alert_of(alert, name), delivery.channel, delivery.attempts)
                for delivery, alert, name in session.execute(query)
                if (delivery.next_attempt_at or now) <= now
            ]

    def record_delivery(
        self, delivery_id: int, *, error: str | None = None, retry_at: datetime | None = None
    ) -> None:
        """Delivered (no error), to try again at ``retry_at``, or failed for good."""
        now = datetime.now(UTC)
        with self.store._write() as session:
            row = session.get(AlertDeliveryRow, delivery_id)
            if row is None:
                return
            row.attempts += 1
            if error is None:
                row.status, row.delivered_at, row.last_error = DELIVERED, now, None
            else:
                row.last_error = error
                row.status = PENDING if retry_at else FAILED
                row.next_attempt_at = retry_at

    def delivery_log(self, *, limit: int = 200) -> list[tuple[int, str, str, int, str | None]]:
        """(alert id, channel, status, attempts, last error), newest first."""
        query = select(AlertDeliveryRow).order_by(AlertDeliveryRow.id.desc()).limit(limit)
        with self.store.session() as session:
            return [
                (r.alert_id, r.channel, r.status, r.attempts, r.last_error)
                for r in session.scalars(query)
            ]

    # ------------------------------------------------------------------ saved searches

    def save_search(self, name: str, query: str) -> int:
        try:
            with self.store._write() as session:
                row = SavedSearchRow(name=name, query=query, created_at=datetime.now(UTC))
                session.add(row)
                session.flush()
                return row.id
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise ConfigError(f"a saved search named {name!r} exists already") from exc
            raise

    def saved_searches(self) -> list[tuple[int, str, str, bool]]:
        """(id, name, query, alert on) for every saved search."""
        with self.store.session() as session:
            switched = dict(
                session.execute(
                    select(AlertRuleRow.saved_search_id, AlertRuleRow.enabled).where(
                        AlertRuleRow.saved_search_id.is_not(None)
                    )
                ).all()
            )
            rows = session.scalars(select(SavedSearchRow).order_by(SavedSearchRow.name))
            return [(r.id, r.name, r.query, bool(switched.get(r.id))) for r in rows]

    def set_search_alert(self, search_id: int, on: bool) -> None:
        """Turn a saved search's alert on or off: a rule on events whose sentence holds the
        search's words, made the first time it is switched on."""
        with self.store.session() as session:
            search = session.get(SavedSearchRow, search_id)
            if search is None:
                raise ConfigError(f"no saved search with id {search_id}")
            rule_name = session.scalar(
                select(AlertRuleRow.name).where(AlertRuleRow.saved_search_id == search_id)
            )
        if rule_name is not None:
            self.set_rule_enabled(rule_name, on)
        elif on:
            rule = AlertRule(f"search: {search.name}", RuleConditions(keywords=(search.query,)))
            self.add_rule(rule, saved_search_id=search_id)

    def remove_search(self, search_id: int) -> None:
        with self.store._write() as session:
            session.execute(delete(AlertRuleRow).where(AlertRuleRow.saved_search_id == search_id))
            session.execute(delete(SavedSearchRow).where(SavedSearchRow.id == search_id))
