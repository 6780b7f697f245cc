"""The read cache: answers repeat while nothing is written, and never outlive a write."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update

from blocwatch.model import Article, Event, EventActor, Evidence, Span
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store, event_counts
from blocwatch.store.cache import ReadCache, cached_read
from blocwatch.store.explorer import EventFilter, event_facets, find_events
from blocwatch.store.schema import ArticleRow

TALKS = "Armenia and Georgia held talks on a new railway link in Tbilisi on Monday."
PROTEST = "Georgia protested against the closure of the border crossing by Armenia."


def _report(article_id: str, text: str, phrase: str, kind: str, quad: int) -> Article:
    article = Article(
        id=article_id,
        text=text,
        title=f"Caucasus report {article_id}",
        outlet="Caucasus Desk",
        published_at=datetime(2023, 4, 17, 9, 30, tzinfo=UTC),
        sentences=split_sentences(text),
    )
    start = text.index(phrase)
    article.events = [
        Event(
            kind,
            EventActor("ARM", "Armenia", "ARM"),
            EventActor("GEO", "Georgia", "GEO"),
            Evidence(article_id, 0, Span(start, start + len(phrase)), phrase),
            goldstein=1.0 if quad == 1 else -5.0,
            quad_class=quad,
        )
    ]
    return article


def test_a_repeated_read_is_answered_from_the_cache(store: Store) -> None:
    store.save_articles([_report("talks1", TALKS, "held talks", "CONSULT", 1)])
    first = find_events(store, EventFilter(actor="ARM"))
    hits = store.reads.hits
    again = find_events(store, EventFilter(actor="ARM"))
    assert again == first
    assert store.reads.hits == hits + 1
    assert find_events(store, EventFilter(actor="GEO", quad_classes=(4,))).total == 0


def test_a_write_through_the_same_store_is_seen_at_once(store: Store) -> None:
    store.save_articles([_report("talks1", TALKS, "held talks", "CONSULT", 1)])
    assert event_facets(store, EventFilter()).types == {"CONSULT": 1}
    store.save_articles([_report("prot1", PROTEST, "protested", "PROTEST", 3)])
    assert event_facets(store, EventFilter()).types == {"CONSULT": 1, "PROTEST": 1}
    with store.session() as session, session.begin():
        session.execute(update(ArticleRow).where(ArticleRow.id == "prot1").values(copy_of="x"))
        event_counts.refresh_articles(session, ["prot1"])  # as story work does
    assert event_facets(store, EventFilter()).types == {"CONSULT": 1}


def test_a_write_from_another_process_store_is_seen(tmp_path: Path) -> None:
    """An ingest runs in its own process with its own connections; the web app must see it."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    web, ingest = Store(url), Store(url)
    try:
        ingest.save_articles([_report("talks1", TALKS, "held talks", "CONSULT", 1)])
        assert find_events(web, EventFilter()).total == 1
        assert find_events(web, EventFilter()).total == 1  # cached
        ingest.save_articles([_report("prot1", PROTEST, "protested", "PROTEST", 3)])
        assert find_events(web, EventFilter()).total == 2
    finally:
        web.close()
        ingest.close()


def test_an_in_memory_database_is_never_cached() -> None:
    store = Store("sqlite://")
    try:
        find_events(store, EventFilter())
        find_events(store, EventFilter())
        assert (store.reads.hits, store.reads.misses) == (0, 0)
    finally:
        store.close()


def test_unhashable_arguments_are_computed_every_time() -> None:
    calls: list[object] = []

    class Holder:
        reads = ReadCache(lambda: 1)

    @cached_read
    def count(holder: Holder, items: object) -> int:
        calls.append(items)
        return len(calls)

    holder = Holder()
    assert count(holder, ("a", "b")) == count(holder, ("a", "b")) == 1
    assert count(holder, ["a"]) == 2
    assert count(holder, ["a"]) == 3


def test_the_cache_keeps_only_its_newest_entries() -> None:
    version = [1]
    cache = ReadCache(lambda: version[0], size=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda k=key: k.upper())  # type: ignore[misc]
    assert cache.get("a", lambda: "recomputed") == "recomputed"
    assert cache.get("c", lambda: "stale") == "C"
    version[0] = 2
    assert cache.get("c", lambda: "fresh") == "fresh"


def test_a_version_that_cannot_be_read_means_no_cache() -> None:
    cache = ReadCache(lambda: None)
    assert cache.get("k", lambda: 1) == 1
    assert cache.get("k", lambda: 2) == 2
