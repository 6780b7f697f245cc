from __future__ import annotations

from collections.abc import Iterator

import pytest

from blocwatch.ingest.urls import UrlFetcher
from blocwatch.model import ItemStatus
from blocwatch.pipeline import MapStep, Pipeline
from blocwatch.stages import ARTICLE_FIELDS, CleanDocuments, add_sentences
from blocwatch.store import Store
from blocwatch.store.watch import WatchState
from blocwatch.watch import FetchPolicy, PoliteFetcher, Source, SourceKind, Watcher, WatchOptions
from tests.watch.server import ENTITY_BOMB, NewsSite, Route, article_html, rss, serve

FEEDS, PER_FEED = 5, 100
BAD = {7: "HTTP 404", 13: "timed out", 21: "too large", 33: "refused: 10.9.8.7", 42: "not an HTML"}


def _page_route(number: int) -> Route | None:
    kind = number % 50
    if kind == 7:
        return None
    if kind == 13:
        return Route(article_html(number), delay=3.0)
    if kind == 21:
        return Route(article_html(number) + b"<!--" + b"x" * 300_000 + b"-->")
    if kind == 33:
        return Route(status=302, location="http://10.9.8.7/internal")
    if kind == 42:
        return Route(b"%PDF-1.7 a report", content_type="application/pdf")
    return Route(article_html(number))


def _site() -> NewsSite:
    site = NewsSite()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    for number in range(FEEDS * PER_FEED):
        route = _page_route(number)
        if route is not None:
            site.routes[f"/world/{number}"] = route
    site.routes["/bomb.rss"] = Route(ENTITY_BOMB, content_type="application/rss+xml")
    return site


def _publish_feeds(site: NewsSite) -> None:
    for feed in range(FEEDS):
        items = [
            (f"/world/{n}", f"Report {n}", "Mon, 30 Nov 2026 09:00:00 GMT")
            for n in range(feed * PER_FEED, (feed + 1) * PER_FEED)
        ]
        if feed == FEEDS - 1:
            # The same pages as feed 0 lists, spelled with tracking parameters and fragments.
            items += [(f"/world/{n}?utm_source=rss#top", f"Report {n}", "") for n in range(5)]
        site.routes[f"/feed{feed}.rss"] = Route(
            rss(f"Wire {feed}", items, site.base),
            content_type="application/rss+xml",
            etag=f'"feed{feed}-v1"',
        )


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with serve(_site()) as running:
        _publish_feeds(running)
        yield running


def _sources(site: NewsSite) -> list[Source]:
    feeds = [
        Source(f"wire{n}", SourceKind.FEED, f"{site.base}/feed{n}.rss", outlet=f"Wire {n}")
        for n in range(FEEDS)
    ]
    return [*feeds, Source("bomb", SourceKind.FEED, f"{site.base}/bomb.rss")]


def _watcher(store: Store, site: NewsSite) -> Watcher:
    fetcher = PoliteFetcher(
        UrlFetcher(allow_private=False),
        FetchPolicy(host_delay=0, host_concurrency=8, timeout=1.5, retries=0, max_bytes=200_000),
        trusted_origins=frozenset({site.base}),
    )
    # Cleaning and sentences only: this test is about fetching and storing, and the NLP
    # stages (tested on their own) would make it minutes long.
    light = Pipeline(
        [
            MapStep("clean", CleanDocuments(), provides=ARTICLE_FIELDS),
            MapStep("sentences", add_sentences, requires={"text"}, provides={"sentences"}),
        ]
    )
    return Watcher(
        store, fetcher, pipeline=light, options=WatchOptions(page_workers=8, max_attempts=1)
    )


@pytest.mark.slow
def test_five_feeds_of_500_items_store_every_valid_article_once(
    site: NewsSite, sqlite_store: Store
) -> None:
    watcher = _watcher(sqlite_store, site)
    reports = {r.name: r for r in watcher.run_cycle(_sources(site))}
    valid = [n for n in range(FEEDS * PER_FEED) if n % 50 not in BAD]
    assert sqlite_store.count_articles() == len(valid) == 450
    counts = site.counts()
    assert all(counts[f"/world/{n}"] == 1 for n in valid)
    assert not any("utm_source" in path for path in counts)

    failures = {url: reason for r in reports.values() for url, reason in r.failures}
    assert len(failures) == FEEDS * PER_FEED - len(valid)
    for url, reason in failures.items():
        number = int(url.rsplit("/", 1)[1])
        assert reason.startswith(BAD[number % 50]) or BAD[number % 50] in reason, (url, reason)
    assert reports["bomb"].error is not None and "entity expansion refused" in reports["bomb"].error
    assert sum(r.stored for r in reports.values()) == 450

    state = WatchState(sqlite_store)
    health = {h.name: h for h in state.health()}
    assert health["wire0"].items_stored == 90 and health["wire0"].items_failed == 10
    assert health["bomb"].last_error and health["bomb"].last_success_at is None
    article = next(a for a in sqlite_store.iter_articles(with_facts=False) if a.outlet == "Wire 2")
    assert article.title is not None and article.title.startswith("Report 2")

    # The next poll asks with the ETags it was given, and fetches no page again.
    again = {r.name: r for r in watcher.run_cycle(_sources(site), only_due=False)}
    assert all(again[f"wire{n}"].not_modified for n in range(FEEDS))
    assert site.headers_of("/feed0.rss")[-1]["if-none-match"] == '"feed0-v1"'
    assert site.counts() - counts == {f"/feed{n}.rss": 1 for n in range(FEEDS)} | {"/bomb.rss": 1}
    assert state.items(status=ItemStatus.PENDING) == []
    watcher.fetcher.close()
