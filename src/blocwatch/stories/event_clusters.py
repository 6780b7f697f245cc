"""Event clusters: one record per real-world event, however many articles report it.

Ten reports of one meeting are one meeting. An event mention (a row of ``events``) joins
an existing cluster when it has

* the same **key**: PLOVER type, status, and source and target codes. For a mutual act
  (:data:`~blocwatch.nlp.events.ontology.SYMMETRIC_TYPES`: consult, agree, cooperate)
  the two codes are sorted, so "X met Y" and "Y met X" are one key; every other type
  keeps its direction;
* **compatible days**: each mention allows an interval of days, and the interval of a
  cluster is the intersection of its members' (it never grows, so clusters cannot chain
  a daily war into one event). A date the sentence states allows that day (a range its
  days, a month or a year all of its days). A date that is the article's own publication
  day, which is what the coder gives when the sentence states none, allows that day and
  the day before: news is published on the day of the event or, for an evening event or
  one in a later time zone, the day after, and no report precedes its event;
* **compatible places**: when both name a place, the same place (case ignored).

Among several compatible clusters the mention joins the one whose day is nearest its
own, then the one made first. A mention with no day at all (no date, no publication
date) is never merged: nothing says two of them are the same event.

A cluster's **day** is its members' earliest own day (a month-precise date counts from the
month's first day, as events have always been dated for counting) kept inside
the cluster's interval. Its coding (CAMEO code, Goldstein score, quad class) is the code
most of its independent reports give; its **reports** are the articles that report it,
and its **sources** the independent ones, a syndicated copy being one report with its
original; its **outlets** are the outlets of the independent reports.

Everything here is pure: the store reads the candidates and writes the result
(:mod:`blocwatch.store.event_clusters`).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from blocwatch.nlp.events.ontology import SYMMETRIC_TYPES

PUBLICATION_SLACK = timedelta(days=1)
"""How long before its publication day an undated report's event may have happened."""

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?![\d-])")
_YEAR = re.compile(r"^(\d{4})(?![\d-])")

ClusterKey = tuple[str, str, str, str | None]
"""(type, status, source code, target code), the codes sorted for a mutual act."""


@dataclass(frozen=True, slots=True)
class ClusterMention:
    """What clustering needs of one stored event mention."""

    event_id: int
    article_id: str
    key: ClusterKey
    symmetric: bool
    day: date | None
    """The mention's own day (first day of the period its date names)."""
    first: date | None
    last: date | None
    place: str | None


@dataclass(slots=True)
class ClusterDraft:
    """A cluster as grouping sees it: stored (``id`` set) or new (``id`` None)."""

    id: int | None
    key: ClusterKey
    symmetric: bool
    day: date | None
    first: date | None
    last: date | None
    place: str | None
    new_members: list[ClusterMention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.key[0]

    @property
    def status(self) -> str:
        return self.key[1]

    @property
    def source(self) -> str:
        return self.key[2]

    @property
    def target(self) -> str | None:
        return self.key[3]


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """One member of a cluster, as its summary reads it."""

    article_id: str
    report: str
    """The id of the independent report: the original of a syndicated copy, else itself."""
    outlet: str | None
    """The outlet of the independent report (for a copy: its original's, else its own)."""
    cameo: str | None
    goldstein: float | None
    quad_class: int | None


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    reports: int
    sources: int
    outlets: tuple[str, ...]
    cameo: str | None
    goldstein: float | None
    quad_class: int | None


def cluster_key(
    event_type: str, status: str, source: str, target: str | None
) -> tuple[ClusterKey, bool]:
    """The key of a mention and whether it is a mutual act (codes then sorted)."""
    symmetric = event_type in SYMMETRIC_TYPES and target is not None and target != source
    if symmetric and target is not None and target < source:
        source, target = target, source
    return (event_type, status, source, target), symmetric


def _period(text: str | None) -> tuple[date, date, date] | None:
    """(own day, first, last) of the period a stored event date names, or None."""
    if not text:
        return None
    try:
        if "/" in text:
            opening, _, closing = text.partition("/")
            first, last = _period(opening), _period(closing)
            if first is not None and last is not None and first[1] <= last[2]:
                return first[0], first[1], last[2]
            return first
        if found := _DAY.match(text):
            year, month = int(found[1]), int(found[2])
            last_day = calendar.monthrange(year, month)[1]
            day = date(year, month, min(max(int(found[3]), 1), last_day))
            return day, day, day
        if found := _MONTH.match(text):
            year, month = int(found[1]), int(found[2])
            first_day = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
            return first_day, first_day, end
        if found := _YEAR.match(text):
            year = int(found[1])
            return date(year, 1, 1), date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def days_allowed(
    event_date: str | None, published: date | None
) -> tuple[date | None, date | None, date | None]:
    """(own day, first, last) a mention allows (see the module docstring)."""
    named = _period(event_date)
    if named is not None and not (published is not None and named[1] == named[2] == published):
        return named
    if published is None:
        return (named[0], named[1], named[2]) if named else (None, None, None)
    return published, published - PUBLICATION_SLACK, published


def mention(
    event_id: int,
    article_id: str,
    *,
    event_type: str,
    status: str,
    source: str,
    target: str | None,
    event_date: str | None,
    published: date | None,
    place: str | None,
) -> ClusterMention:
    key, symmetric = cluster_key(event_type, status, source, target)
    day, first, last = days_allowed(event_date, published)
    return ClusterMention(
        event_id, article_id, key, symmetric, day, first, last, (place or "").strip() or None
    )


def _fits(draft: ClusterDraft, m: ClusterMention) -> bool:
    if draft.first is None or draft.last is None or m.first is None or m.last is None:
        return False
    if m.last < draft.first or m.first > draft.last:
        return False
    return not (draft.place and m.place and draft.place.casefold() != m.place.casefold())


def _join(draft: ClusterDraft, m: ClusterMention) -> None:
    assert draft.first is not None and draft.last is not None
    assert m.first is not None and m.last is not None and m.day is not None
    draft.first, draft.last = max(draft.first, m.first), min(draft.last, m.last)
    earliest = min(draft.day, m.day) if draft.day else m.day
    draft.day = min(max(earliest, draft.first), draft.last)
    draft.place = draft.place or m.place
    draft.new_members.append(m)


def assign(
    mentions: Iterable[ClusterMention], candidates: Sequence[ClusterDraft]
) -> list[ClusterDraft]:
    """Put each mention into a compatible cluster or a new one; return every cluster that
    received a member (stored ones first, in the order given, then new ones).

    Mentions are taken in order of their day, so a batch clusters the same however its
    articles arrived inside it.
    """
    by_key: dict[ClusterKey, list[ClusterDraft]] = {}
    for draft in candidates:
        by_key.setdefault(draft.key, []).append(draft)
    made: list[ClusterDraft] = []
    ordered = sorted(mentions, key=lambda m: (m.day is None, m.day or date.min, m.event_id))
    for m in ordered:
        drafts = by_key.setdefault(m.key, [])
        fitting = [d for d in drafts if _fits(d, m)]
        if fitting and m.day is not None:
            day = m.day
            best = min(
                fitting,
                key=lambda d: abs((d.day - day).days) if d.day else 0,
            )
            _join(best, m)
            continue
        draft = ClusterDraft(None, m.key, m.symmetric, m.day, m.first, m.last, m.place, [m])
        drafts.append(draft)
        made.append(draft)
    touched = [d for d in candidates if d.new_members]
    return touched + made


def summarise(members: Iterable[ReportFacts]) -> ClusterSummary:
    """Reports, independent sources, their outlets and the code most sources give."""
    facts = list(members)
    reports = {f.article_id for f in facts}
    by_source: dict[str, ReportFacts] = {}
    named: dict[str, str] = {}
    for f in sorted(facts, key=lambda f: (f.report, f.report != f.article_id, f.article_id)):
        by_source.setdefault(f.report, f)
        if f.outlet:
            named.setdefault(f.report, f.outlet)  # the original's outlet, else a copy's
    outlets = sorted(set(named.values()))
    votes = Counter(f.cameo for source in by_source for f in [by_source[source]] if f.cameo)
    cameo = min(votes, key=lambda c: (-votes[c], c)) if votes else None
    chosen = next((f for f in facts if f.cameo == cameo), facts[0] if facts else None)
    return ClusterSummary(
        reports=len(reports),
        sources=len(by_source),
        outlets=tuple(outlets),
        cameo=cameo,
        goldstein=chosen.goldstein if chosen else None,
        quad_class=chosen.quad_class if chosen else None,
    )
