"""The events filter as query parameters, shared by the explorer page, the map, the API and downloads.

One dependency reads the parameters into a :class:`~blocwatch.store.explorer.EventFilter`,
and :func:`filter_params` writes one back, so a link from the explorer to the map or to an
export carries exactly the filter on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query

from blocwatch import actor_input
from blocwatch.store.explorer import EventFilter
from blocwatch.web.deps import StoreDep


def _words(values: list[str] | None) -> tuple[str, ...]:
    """Repeated or comma-separated values: ``?type=AGREE&type=AID`` or ``?type=AGREE,AID``."""
    found: list[str] = []
    for value in values or ():
        found.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(dict.fromkeys(found))


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise HTTPException(400, f"{name}: not a date (YYYY-MM-DD): {value!r}") from exc


def event_filter(
    store: StoreDep,
    type: Annotated[
        list[str] | None, Query(description="PLOVER types (AGREE, ASSAULT, ...)")
    ] = None,
    quad: Annotated[list[str] | None, Query(description="quad classes 1-4")] = None,
    actor: Annotated[str | None, Query(description="actor id, code or name, either side")] = None,
    source: Annotated[str | None, Query(description="actor id, code or name doing it")] = None,
    target: Annotated[str | None, Query(description="actor id, code or name it is done to")] = None,
    pair: Annotated[
        str | None, Query(description="two actors, either direction: RUS,UKR or Russia,Ukraine")
    ] = None,
    country: Annotated[str | None, Query(description="where it happened (ISO3)")] = None,
    place: Annotated[str | None, Query(description="where it happened, as written")] = None,
    since: Annotated[str | None, Query(description="reported on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="reported on or before (YYYY-MM-DD)")] = None,
    outlet: str | None = None,
    story: str | None = None,
    status: Annotated[
        list[str] | None, Query(description="happened, planned, claimed, negated")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    min_tone: Annotated[
        float | None, Query(ge=-1, le=1, description="sentence tone at least")
    ] = None,
    max_tone: Annotated[
        float | None, Query(ge=-1, le=1, description="sentence tone at most")
    ] = None,
    copies: Annotated[bool, Query(description="include syndicated copies")] = False,
) -> EventFilter:
    quads = _words(quad)
    if any(q not in {"1", "2", "3", "4"} for q in quads):
        raise HTTPException(400, f"quad: quad classes are 1 to 4, not {', '.join(quads)}")
    ends = _words([pair] if pair else None)
    if pair and len(ends) != 2:
        raise HTTPException(400, f"pair: two actors separated by a comma, not {pair!r}")
    return EventFilter(
        types=tuple(t.upper() for t in _words(type)),
        quad_classes=tuple(int(q) for q in quads),
        actor=actor_input.actor_id(store, actor),
        source=actor_input.actor_id(store, source, "source"),
        target=actor_input.actor_id(store, target, "target"),
        pair=(
            actor_input.actor_code(store, ends[0], "pair"),
            actor_input.actor_code(store, ends[1], "pair"),
        )
        if pair
        else None,
        country=country.upper() if country else None,
        place=place or None,
        since=_day(since, "since"),
        until=_day(until, "until"),
        outlet=outlet or None,
        story=story or None,
        statuses=_words(status),
        min_confidence=min_confidence,
        min_tone=min_tone,
        max_tone=max_tone,
        include_copies=copies,
    )


EventFilterDep = Annotated[EventFilter, Depends(event_filter)]


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    value: str


def filter_params(f: EventFilter) -> list[Param]:
    """The filter back as query parameters (the inverse of :func:`event_filter`)."""
    params: list[Param] = [Param("type", t) for t in f.types]
    params += [Param("quad", str(q)) for q in f.quad_classes]
    for name in ("actor", "source", "target", "country", "place", "outlet", "story"):
        value = getattr(f, name)
        if value:
            params.append(Param(name, value))
    if f.pair:
        params.append(Param("pair", ",".join(f.pair)))
    for name in ("since", "until"):
        day = getattr(f, name)
        if day:
            params.append(Param(name, day.isoformat()))
    params += [Param("status", s) for s in f.statuses]
    for name in ("min_confidence", "min_tone", "max_tone"):
        number = getattr(f, name)
        if number is not None:
            params.append(Param(name, f"{number:g}"))
    if f.include_copies:
        params.append(Param("copies", "true"))
    return params


def query_string(f: EventFilter, **changes: str | None) -> str:
    """``?...`` for the filter, with some parameters replaced (``None`` removes one)."""
    pairs = [(p.name, p.value) for p in filter_params(f) if p.name not in changes]
    pairs += [(name, value) for name, value in changes.items() if value]
    return "?" + urlencode(pairs) if pairs else ""
