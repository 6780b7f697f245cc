"""Explain a number: the event clusters behind a relation or alignment figure, with sentences.

Every chart point and every pair in a relations table links here (``/clusters?ids=...`` or
``/clusters?pair=RUS,UKR&since=...&until=...``); the page lists each real-world event
with every article that reported it, grouped by independent report (a syndicated copy
under its original), each linked to its sentence. ``/api/clusters`` serves the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from blocwatch import actor_input
from blocwatch.analysis import DEFAULT_STATUSES
from blocwatch.model import ClusterReport, ClusterSource, EventCluster, ExplainedCluster
from blocwatch.store import Store, views
from blocwatch.store.cluster_reads import clusters_between, clusters_by_id, reports_of
from blocwatch.web import reading
from blocwatch.web.deps import StoreDep, templates

MAX_CLUSTERS = 300
"""A page lists at most this many events (newest first) and says how many it left out."""

router = APIRouter()


class ClustersOut(BaseModel):
    total: int
    """How many events matched; ``clusters`` holds the newest :data:`MAX_CLUSTERS`."""
    clusters: list[ExplainedCluster]


def _ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise HTTPException(400, f"ids: a comma-separated list of numbers, not {text!r}") from exc


def _pair(store: Store, text: str) -> tuple[str, str]:
    """Two actors by code, id or name ("Kazakhstan,ARM")."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) != 2:
        raise HTTPException(400, f"pair: two actors separated by a comma, not {text!r}")
    return actor_input.actor_code(store, parts[0], "pair"), actor_input.actor_code(
        store, parts[1], "pair"
    )


def _find(
    store: Store, ids: str, pair: str, since: date | None, until: date | None
) -> list[EventCluster]:
    if ids:
        return clusters_by_id(store, _ids(ids))
    if pair:
        a, b = _pair(store, pair)
        found = clusters_between(
            store, [a], [b], statuses=DEFAULT_STATUSES, since=since, until=until
        )
        return sorted(found, key=lambda c: (c.day is None, -(c.day.toordinal() if c.day else 0)))
    raise HTTPException(400, "say which events: ids=1,2,3 or pair=RUS,UKR (with since, until)")


def _explained(
    clusters: Sequence[EventCluster], reports: Sequence[ClusterReport]
) -> list[ExplainedCluster]:
    by_cluster: dict[int, list[ClusterReport]] = {}
    for report in reports:
        by_cluster.setdefault(report.cluster_id, []).append(report)
    explained = []
    for cluster in clusters:
        found = by_cluster.get(cluster.id, [])
        present = {r.evidence.article_id for r in found}
        originals = [r for r in found if r.copy_of is None or r.copy_of not in present]
        sources = tuple(
            ClusterSource(o, tuple(r for r in found if r.copy_of == o.evidence.article_id))
            for o in originals
        )
        explained.append(ExplainedCluster(cluster, sources))
    return explained


Ids = Annotated[str, Query(description="Comma-separated event cluster ids.")]
Pair = Annotated[
    str, Query(description="Two actors, comma-separated codes, ids or names: RUS,Ukraine.")
]


def _load(
    store: Store, ids: str, pair: str, since: date | None, until: date | None
) -> tuple[int, list[ExplainedCluster]]:
    found = _find(store, ids, pair, since, until)
    shown = found[:MAX_CLUSTERS]
    return len(found), _explained(shown, reports_of(store, [c.id for c in shown]))


@router.get("/api/clusters", response_model=ClustersOut, tags=["relations"])
def clusters_api(
    store: StoreDep,
    ids: Ids = "",
    pair: Pair = "",
    since: date | None = None,
    until: date | None = None,
) -> ClustersOut:
    """The event clusters behind a figure, each with every report of it and its sentence."""
    total, explained = _load(store, ids, pair, since, until)
    return ClustersOut(total=total, clusters=explained)


@router.get("/clusters", response_class=HTMLResponse, include_in_schema=False)
def clusters_page(
    request: Request,
    store: StoreDep,
    ids: str = "",
    pair: str = "",
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    try:
        first, last = reading.day_or_none(since), reading.day_or_none(until)
    except ValueError as exc:
        raise HTTPException(400, f"since/until: not a date (YYYY-MM-DD): {exc}") from exc
    total, explained = _load(store, ids, pair, first, last)
    codes = {code for e in explained for code in (e.cluster.source_code, e.cluster.target_code)}
    names = views.actor_names(store, [c for c in codes if c])
    outlets = {o for e in explained for o in e.cluster.outlets}
    return templates.TemplateResponse(
        request,
        "clusters.html",
        {
            "explained": explained,
            "total": total,
            "names": names,
            "outlet_count": len(outlets),
            "pair": pair,
            "since": since,
            "until": until,
        },
    )
