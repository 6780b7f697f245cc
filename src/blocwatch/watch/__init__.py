"""Watching sources: the sources file, polite fetching, and watch cycles with resumable state."""

from blocwatch.watch.cycle import SourceReport, Watcher, WatchOptions
from blocwatch.watch.fetch import Fetched, FetchError, FetchPolicy, PoliteFetcher
from blocwatch.watch.sources import (
    Source,
    SourceKind,
    add_source,
    load_sources,
    remove_source,
    save_sources,
)

__all__ = [
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "PoliteFetcher",
    "Source",
    "SourceKind",
    "SourceReport",
    "WatchOptions",
    "Watcher",
    "add_source",
    "load_sources",
    "remove_source",
    "save_sources",
]
