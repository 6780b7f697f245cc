"""Which stored events raise an alert, and when two reports are the same real-world event.

Pure functions over :class:`EventHit` records: no database, no network. Only events
the coder says happened raise alerts (a planned or denied event is not news of an
event), so a precision-first reader is not paged for a threat that was only reported;
a rule may also take events one party says happened (``include_claimed``), since most
conflict news is worded "X struck Y, Z said".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from blocwatch.analysis.alignment import AlignmentPoint
from blocwatch.model import Event, EventActor, EventHit, EventStatus, RuleConditions

SAME_EVENT_WINDOW_DAYS = 1
"""Reports whose event days differ by at most this much are one event (time zones, late copy)."""


def _codes(actor: EventActor | None) -> set[str]:
    if actor is None:
        return set()
    return {code.upper() for code in (actor.code, actor.actor_id) if code}


def matches(conditions: RuleConditions, hit: EventHit) -> bool:
    """Whether the event meets every condition the rule sets."""
    event = hit.event
    wanted = (EventStatus.HAPPENED, EventStatus.CLAIMED) if conditions.include_claimed else ()
    if event.status is not EventStatus.HAPPENED and event.status not in wanted:
        return False
    if event.confidence < conditions.min_confidence:
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

    A clustered report is its event cluster (:mod:`blocwatch.stories.event_clusters`),
    named by the cluster's first mention so a rebuild does not rename it. A report not
    clustered (yet) falls back on: same event type, same source and target codes, event
    day within :data:`SAME_EVENT_WINDOW_DAYS`.
    """
    event = hit.event
    if hit.cluster_first_event is not None:
        return [f"CLUSTER|{event.type}|{hit.cluster_first_event}"]
    base = f"{event.type}|{_key_code(event.source)}|{_key_code(event.target)}"
    day = _event_day(hit)
    if day is None:
        return [f"{base}|undated"]
    offsets = [0]
    for distance in range(1, SAME_EVENT_WINDOW_DAYS + 1):
        offsets += [-distance, distance]
    return [f"{base}|{(day + timedelta(days=offset)).isoformat()}" for offset in offsets]


MIN_VOTES_PER_PERIOD = 3
"""An alignment period resting on fewer votes than this is not compared: one or two events
swing the index from end to end (the same floor the charts plot at)."""


@dataclass(frozen=True, slots=True)
class AlignmentMove:
    """The alignment index of a state in two neighbouring periods, and which way it moved."""

    before: AlignmentPoint
    latest: AlignmentPoint

    @property
    def shift(self) -> float:
        assert self.before.index is not None and self.latest.index is not None
        return self.latest.index - self.before.index

    @property
    def toward_a(self) -> bool:
        return self.shift > 0


def _enough(point: AlignmentPoint) -> bool:
    return point.index is not None and point.toward_a + point.toward_b >= MIN_VOTES_PER_PERIOD


def alignment_move(points: Sequence[AlignmentPoint], shift: float) -> AlignmentMove | None:
    """The move from the next-to-last period to the last when it is larger than ``shift``.

    Only the two latest periods are compared, and only when both rest on enough votes: a
    gap (a period with too few votes) ends the comparison rather than reaching further back.
    """
    if len(points) < 2:
        return None
    move = AlignmentMove(points[-2], points[-1])
    if not (_enough(move.before) and _enough(move.latest)):
        return None
    return move if abs(move.shift) > shift else None


def votes_toward_a(event: Event, state: str, pole_a: Collection[str]) -> bool | None:
    """Which pole an event between ``state`` and a pole member votes for (True: pole A),
    as :mod:`blocwatch.analysis.alignment` counts it; None when it casts no vote."""
    if not event.goldstein:
        return None
    source = event.source.code if event.source else None
    target = event.target.code if event.target else None
    partner = target if source == state else source
    return (partner in pole_a) == (event.goldstein > 0)


def distinct_events(hits: Sequence[EventHit]) -> list[list[EventHit]]:
    """Reports grouped into real-world events (:func:`event_keys`), in first-report order."""
    groups: list[tuple[set[str], list[EventHit]]] = []
    for hit in hits:
        keys = event_keys(hit)
        home = next((group for group in groups if group[0].intersection(keys)), None)
        if home is None:
            groups.append(({keys[0]}, [hit]))
        else:
            home[0].add(keys[0])
            home[1].append(hit)
    return [reports for _, reports in groups]
