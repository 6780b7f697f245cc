from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocwatch.cli import app
from blocwatch.model import ItemStatus
from blocwatch.store import Store
from blocwatch.store.watch import WatchState
from blocwatch.watch import SourceKind, load_sources
from tests.watch.server import NewsSite, Route, article_html, rss, serve

PAGES = 30


def test_sources_are_added_listed_and_removed(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "sources.yaml"
    db = f"sqlite:///{tmp_path / 'w.db'}"
    added = runner.invoke(
        app,
        [
            "sources",
            "add",
            "wire",
            "https://wire.example/world.rss",
            "--outlet",
            "Wire",
            "--language",
            "en",
            "--interval",
            "10m",
            "--sources",
            str(path),
        ],
    )
    assert added.exit_code == 0, added.output
    sitemap = ["sources", "add", "gazette", "https://gazette.example/news-sitemap.xml"]
    runner.invoke(app, [*sitemap, "--kind", "sitemap", "--sources", str(path)])
    [wire, gazette] = load_sources(path)
    assert (wire.outlet, wire.language, wire.interval) == ("Wire", "en", 600)
    assert gazette.kind is SourceKind.SITEMAP

    listed = runner.invoke(app, ["sources", "list", "--sources", str(path), "--db", db])
    assert listed.stdout.splitlines()[0].split("\t")[:4] == [
        "wire",
        "feed",
        "https://wire.example/world.rss",
        "every 10m",
    ]
    again = runner.invoke(
        app, ["sources", "add", "wire", "https://x.example/", "--sources", str(path)]
    )
    assert again.exit_code == 2 and "exists already" in again.output
    bad = runner.invoke(app, ["sources", "add", "x", "file:///etc/passwd", "--sources", str(path)])
    assert bad.exit_code == 2 and "must be an http(s) URL" in bad.output
    assert runner.invoke(app, ["sources", "remove", "wire", "--sources", str(path)]).exit_code == 0
    assert [s.name for s in load_sources(path)] == ["gazette"]


@pytest.fixture
def slow_site() -> Iterator[NewsSite]:
    site = NewsSite()
    site.routes["/robots.txt"] = Route(b"User-agent: *\n", content_type="text/plain")
    for number in range(PAGES):
        site.routes[f"/n/{number}"] = Route(article_html(number), delay=0.15)
    with serve(site) as running:
        items = [(f"/n/{n}", f"Story {n}", "Tue, 01 Dec 2026 08:00:00 GMT") for n in range(PAGES)]
        running.routes["/feed.rss"] = Route(
            rss("Steppe Wire", items, running.base),
            content_type="application/rss+xml",
            etag='"steppe-1"',
        )
        yield running


def _watch(db: str, sources: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "BLOCWATCH_ALLOW_PRIVATE_URLS": "true",
        "BLOCWATCH_FETCH_HOST_DELAY": "0",
    }
    command = [sys.executable, "-m", "blocwatch", "watch", "--once", "--db", db]
    return subprocess.Popen(
        [*command, "--sources", str(sources)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_watch_killed_mid_run_resumes_without_refetching(
    tmp_path: Path, slow_site: NewsSite
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"sources:\n  - name: steppe\n    kind: feed\n    url: {slow_site.base}/feed.rss\n"
        "    interval: 1s\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    first = _watch(db, sources)
    deadline = time.monotonic() + 60
    while sum(slow_site.hits(f"/n/{n}") for n in range(PAGES)) < 10:
        assert time.monotonic() < deadline and first.poll() is None, "watch ended too early"
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(10)

    store = Store(db)
    before = {i.url for i in WatchState(store).items() if i.status is not ItemStatus.PENDING}
    assert 5 <= len(before) < PAGES

    second = _watch(db, sources)
    _out, errors = second.communicate(timeout=120)
    assert second.returncode == 0, errors.decode()
    assert store.count_articles() == PAGES
    counts = slow_site.counts()
    for url in before:
        path = url.removeprefix(slow_site.base)
        assert counts[path] == 1, f"{path} was fetched again after the restart"
    assert all(counts[f"/n/{n}"] <= 2 for n in range(PAGES))
    assert "steppe:" in errors.decode()

    time.sleep(1.1)
    third = _watch(db, sources)
    _, errors = third.communicate(timeout=60)
    assert third.returncode == 0 and "steppe: not modified" in errors.decode()
    assert slow_site.headers_of("/feed.rss")[-1]["if-none-match"] == '"steppe-1"'
    assert slow_site.counts() - counts == {"/feed.rss": 1, "/robots.txt": 1}
    store.close()
