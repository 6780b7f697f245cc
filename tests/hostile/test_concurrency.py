"""Two ingests into one SQLite file at once, and an ingest while the app serves readers.

Both ingests must succeed (one waits for the other's writes, and a batch that lost a race
to the same ids is retried), every article stored once. While an ingest writes, the app
answers a bounded stream of reads without one error; the latency figures are printed for
the report, not asserted (timing belongs to benchmarks).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from blocwatch.store import Store
from blocwatch.web import create_app
from tests.factories import make_article
from tests.hostile.corpus_news import write_news
from tests.hostile.runner import has_exited, start_blocwatch, wait_measured

pytestmark = pytest.mark.slow


def test_two_ingests_at_once_both_succeed_and_store_each_article_once(tmp_path: Path) -> None:
    write_news(tmp_path / "a", 30)
    write_news(tmp_path / "b", 30, start=15)  # 15 shared with "a", 15 of its own
    db = tmp_path / "shared.db"
    Store(f"sqlite:///{db}").close()
    children = [
        start_blocwatch(
            ["ingest", str(tmp_path / name), "--db", f"sqlite:///{db}"],
            tmp_path / f"{name}.out",
            tmp_path / f"{name}.err",
        )
        for name in ("a", "b")
    ]
    codes = [wait_measured(child, 300)[0] for child in children]
    errors = [(tmp_path / f"{name}.err").read_text() for name in ("a", "b")]
    store = Store(f"sqlite:///{db}")
    try:
        stored = store.count_articles()
    finally:
        store.close()
    print(f"two ingests: exit codes {codes}, stored {stored} of 45")
    assert codes == [0, 0], errors
    assert not any("locked" in e or "UNIQUE" in e for e in errors), errors
    assert stored == 45


class Served:
    def __init__(self, store: Store) -> None:
        self.server = uvicorn.Server(
            uvicorn.Config(create_app(store), host="127.0.0.1", port=0, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "no server"
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _reads(base: str) -> Iterator[str]:
    paths = ["/", "/api/articles?limit=20", "/api/search?q=officials", "/search?q=gas"]
    while True:
        yield from (base + path for path in paths)


def test_the_app_answers_every_read_while_an_ingest_writes(tmp_path: Path) -> None:
    write_news(tmp_path / "more", 50, start=10)
    db = tmp_path / "served.db"
    store = Store(f"sqlite:///{db}")
    store.save_articles(
        [
            make_article(f"seed{i}", f"Officials met in Baku on gas transit, round {i}.")
            for i in range(10)
        ]
    )
    latencies: list[float] = []
    failures: list[str] = []
    with Served(store) as base, httpx.Client(timeout=30) as client:
        ingest = start_blocwatch(
            ["ingest", str(tmp_path / "more"), "--db", f"sqlite:///{db}"],
            tmp_path / "o2",
            tmp_path / "e2",
        )
        urls = _reads(base)
        for url in urls:
            if has_exited(ingest) or len(latencies) >= 400:
                break
            started = time.monotonic()
            try:
                answer = client.get(url)
                if answer.status_code != 200:
                    failures.append(f"{url}: {answer.status_code}")
            except httpx.HTTPError as exc:
                failures.append(f"{url}: {exc!r}")
            latencies.append(time.monotonic() - started)
            time.sleep(0.02)
        code, _ = wait_measured(ingest, 300)
    stored = store.count_articles()
    store.close()
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(latencies)
    print(
        f"reads under ingest: {len(latencies)} requests, {len(failures)} errors, "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
        f"ingest exit {code}, stored {stored} of 60"
    )
    assert code == 0, (tmp_path / "e2").read_text()
    assert failures == [] and len(latencies) >= 20
    assert stored == 60
