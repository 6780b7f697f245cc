"""Events as the explorer, the map and the exports read them: filtered, counted, with their sentence.

One filter record (:class:`EventFilter`) drives the page, the API, the map and every export,
so "the events I was looking at" and "the events I downloaded" are the same rows. The
filter becomes SQLAlchemy expressions (never text), and one row shape
(:class:`EventView`) carries each event with its evidence span, the whole sentence it was
read from, the article it came from and where it happened (resolved offline by
:mod:`blocwatch.places`).

Facet counts are disjunctive, as in most search interfaces: the counts of a facet are taken
under every filter except that facet's own, so choosing ASSAULT still shows how many AGREE
events the other filters leave.

One private module per part: the filter and its SQL conditions (``_filter``), the events
read as rows and paged (``_views``), and what is counted, from the kept counts whenever
the filter allows (``_counts``); everything the pages, the API and the exports read is
re-exported here.
"""

from blocwatch.store.explorer._counts import (
    EventFacets,
    PlaceCount,
    event_days,
    event_facets,
    events_by_place,
)
from blocwatch.store.explorer._filter import EventFilter
from blocwatch.store.explorer._views import (
    EVENT_FIELDS,
    EventOrder,
    EventPage,
    EventView,
    event_cursor,
    event_views,
    find_events,
    iter_events,
)

__all__ = [
    "EVENT_FIELDS",
    "EventFacets",
    "EventFilter",
    "EventOrder",
    "EventPage",
    "EventView",
    "PlaceCount",
    "event_cursor",
    "event_days",
    "event_facets",
    "event_views",
    "events_by_place",
    "find_events",
    "iter_events",
]
