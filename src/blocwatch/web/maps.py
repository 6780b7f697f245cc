"""An SVG map of where events happened, drawn on the server: nothing is fetched from anywhere.

No map tiles, no map script and no boundary file: the map is a plain equirectangular
projection of the events' region (longitude and latitude as x and y), with a graticule
every ten degrees and the capitals of the countries in view as faint reference points,
so it needs nothing beyond the gazetteer that placed the events. Each circle's area is
proportional to its events and its colour is the most frequent quad class; a circle
links to the explorer filtered to that place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from blocwatch.places import Place
from blocwatch.store.explorer import PlaceCount

WIDTH = 960
_MIN_SPAN = (24.0, 14.0)
"""Narrowest view in degrees of longitude and latitude, so one place is not a close-up."""
_LABELS = 14
_NAMED_SCALE = 14.0
"""Pixels per degree from which capitals are named (a region, not a continent)."""


@dataclass(frozen=True, slots=True)
class MapPoint:
    x: float
    y: float
    r: float
    label: str | None
    title: str
    quad: int
    link: str


@dataclass(frozen=True, slots=True)
class Reference:
    x: float
    y: float
    name: str | None
    """Named only where the map is large enough for names not to pile up."""


@dataclass(frozen=True, slots=True)
class EventMap:
    width: int
    height: int
    graticule: tuple[str, ...]
    """SVG path data, one per meridian or parallel."""
    references: tuple[Reference, ...]
    points: tuple[MapPoint, ...]


def _bounds(places: Sequence[Place]) -> tuple[float, float, float, float]:
    """West, east, south, north of the places, padded and widened to the minimum span."""
    if not places:
        return -180.0, 180.0, -60.0, 80.0
    west, east = min(p.longitude for p in places), max(p.longitude for p in places)
    south, north = min(p.latitude for p in places), max(p.latitude for p in places)
    pad_x = max(_MIN_SPAN[0] - (east - west), 0) / 2 + 4
    pad_y = max(_MIN_SPAN[1] - (north - south), 0) / 2 + 3
    return (
        max(west - pad_x, -180.0),
        min(east + pad_x, 180.0),
        max(south - pad_y, -85.0),
        min(north + pad_y, 85.0),
    )


def event_map(
    counts: Sequence[PlaceCount],
    link: Callable[[str], str],
    references: Sequence[Place] = (),
    *,
    width: int = WIDTH,
) -> EventMap:
    """The map of ``counts``; ``link`` gives a place name's explorer URL."""
    west, east, south, north = _bounds([c.place for c in counts])
    scale = width / (east - west)
    height = max(240, round((north - south) * scale))

    def x(lon: float) -> float:
        return round((lon - west) * scale, 1)

    def y(lat: float) -> float:
        return round((north - lat) * scale, 1)

    lines = [
        f"M{x(lon)},0V{height}"
        for lon in range(math.ceil(west / 10) * 10, math.floor(east / 10) * 10 + 1, 10)
    ] + [
        f"M0,{y(lat)}H{width}"
        for lat in range(math.ceil(south / 10) * 10, math.floor(north / 10) * 10 + 1, 10)
    ]
    most = max((c.events for c in counts), default=1)
    points = []
    for rank, count in enumerate(counts):
        place = count.place
        where = f"{place.name}, {place.country}" if place.precision == "city" else place.name
        points.append(
            MapPoint(
                x(place.longitude),
                y(place.latitude),
                round(4 + 18 * math.sqrt(count.events / most), 1),
                place.name if rank < _LABELS else None,
                f"{where}: {count.events} event{'s' if count.events != 1 else ''}",
                count.main_quad,
                link(count.names[0]),
            )
        )
    named = scale >= _NAMED_SCALE

    def under_a_point(place: Place) -> bool:
        return any(
            abs(c.place.latitude - place.latitude) < 1
            and abs(c.place.longitude - place.longitude) < 1
            for c in counts
        )

    refs = tuple(
        Reference(x(p.longitude), y(p.latitude), p.name if named else None)
        for p in references
        if west <= p.longitude <= east and south <= p.latitude <= north and not under_a_point(p)
    )
    return EventMap(width, height, tuple(lines), refs, tuple(points))
