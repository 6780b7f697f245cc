"""Speed and peak memory of one watch cycle over N feed items served on loopback.

    python bench/watch.py --data ../shared/bench [--items 10000] [--feeds 10] [--workers 8]
        [--full] [--store-batch N]

A local news site (its own process) serves ``--feeds`` RSS feeds that together list
``--items`` article pages, and a robots.txt. The pages are the replicated corpus of
``bench/scale_corpus.py`` (real news bodies under distinct edits, one in ten a wire copy
republished by another outlet), each wrapped in a page with navigation and a footer, so
cleaning, copy detection and stories see news-like text, not one template repeated.
Every system runs in a fresh process against the same site, so one's caches and memory
do not flatter the next (``split`` is ``scale``). Systems:

- ``blocwatch_watch``: ``Watcher.run_cycle`` into a new SQLite database: robots.txt,
  per-host gates, conditional-GET state, every item's progress recorded, raw pages kept,
  cleaning and sentence splitting through the ingest path, stories regrouped.
  ``--full`` runs the whole NLP pipeline instead (much slower; say so when quoting).
- ``feedparser_httpx``: the floor: feedparser reads each feed and a pool of the same
  size fetches every link with httpx; nothing is cleaned or stored.

Prints one JSON line per system: ``items_per_s`` (wall clock), ``items_per_cpu_s`` (this
process's CPU time, steadier on a shared machine), ``seconds``, ``peak_rss_mb``.
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))

from scale_corpus import records  # noqa: E402
from tests.watch.server import NewsSite, Route, rss, serve  # noqa: E402


def _page(record: dict[str, str]) -> bytes:
    """A news page around one corpus record: navigation, headline, paragraphs, footer."""
    title = html.escape(record["title"])
    words = record["text"].split()
    paragraphs = [" ".join(words[i : i + 60]) for i in range(0, len(words), 60)]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{record["published"]}"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
        f"<h1>{title}</h1><p>By {html.escape(record['outlet'])} staff</p>{body}</article>"
        f"<footer>Copyright {html.escape(record['outlet'])}</footer></body></html>"
    ).encode()


def _serve(
    data: Path,
    items: int,
    feeds: int,
    ready: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    site = NewsSite()
    corpus = list(records(data, items))
    with serve(site) as running:
        running.routes["/robots.txt"] = Route(
            b"User-agent: *\nAllow: /\n", content_type="text/plain"
        )
        per_feed = items // feeds
        for feed in range(feeds):
            numbers = range(feed * per_feed, (feed + 1) * per_feed)
            listed = []
            for number in numbers:
                record = corpus[number]
                running.routes[f"/n/{number}"] = Route(_page(record))
                day = datetime.fromisoformat(record["published"])
                listed.append((f"/n/{number}", html.escape(record["title"]), format_datetime(day)))
            running.routes[f"/feed{feed}.rss"] = Route(
                rss(f"Wire {feed}", listed, running.base),
                content_type="application/rss+xml",
                etag=f'"f{feed}"',
            )
        ready.put(running.base)
        while True:
            time.sleep(3600)


def run_system(
    system: str, base: str, feeds: int, workers: int, full: bool, store_batch: int | None
) -> dict[str, object]:
    start = time.perf_counter()
    begun = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = begun.ru_utime + begun.ru_stime
    feed_urls = [f"{base}/feed{n}.rss" for n in range(feeds)]
    if system == "feedparser_httpx":
        from concurrent.futures import ThreadPoolExecutor

        import feedparser
        import httpx

        links = [
            e.link for url in feed_urls for e in feedparser.parse(httpx.get(url).content).entries
        ]
        with httpx.Client(timeout=20) as client, ThreadPoolExecutor(workers) as pool:
            bodies = list(pool.map(lambda link: client.get(link).content, links))
        done = sum(1 for body in bodies if body)
        items = len(links)
    else:
        from blocwatch.ingest.urls import UrlFetcher
        from blocwatch.pipeline import Pipeline
        from blocwatch.stages import default_pipeline
        from blocwatch.store import Store
        from blocwatch.watch import FetchPolicy, PoliteFetcher, Source, SourceKind, Watcher
        from blocwatch.watch.cycle import WatchOptions

        pipeline = default_pipeline()
        if not full:
            pipeline = Pipeline(pipeline.steps[:2])
        sources = [Source(f"wire{n}", SourceKind.FEED, url) for n, url in enumerate(feed_urls)]
        policy = FetchPolicy(host_delay=0, host_concurrency=workers)
        options = WatchOptions(page_workers=workers)
        if store_batch:
            options.store_batch = store_batch
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/watch.db")
            with PoliteFetcher(UrlFetcher(allow_private=True), policy) as fetcher:
                watcher = Watcher(store, fetcher, pipeline=pipeline, options=options)
                reports = watcher.run_cycle(sources)
            done = sum(r.stored for r in reports)
            items = sum(r.new_items for r in reports)
            store.close()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_seconds = usage.ru_utime + usage.ru_stime - cpu_start
    return {
        "system": system + ("_full" if full and system != "feedparser_httpx" else ""),
        "split": "scale",
        "items": items,
        "stored_or_fetched": done,
        "seconds": round(seconds, 2),
        "items_per_s": round(items / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 2),
        "items_per_cpu_s": round(items / cpu_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "workers": workers,
        **({"store_batch": options.store_batch} if system != "feedparser_httpx" else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--full", action="store_true", help="the whole NLP pipeline")
    parser.add_argument("--store-batch", type=int, help="pages per ingest transaction")
    parser.add_argument("--system", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.system:
        figures = run_system(
            args.system, args.base, args.feeds, args.workers, args.full, args.store_batch
        )
        print(json.dumps(figures))
        return
    ready: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(
        target=_serve, args=(args.data, args.items, args.feeds, ready), daemon=True
    )
    server.start()
    try:
        base = ready.get(timeout=120)
        for system in ("blocwatch_watch", "feedparser_httpx"):
            command = [sys.executable, __file__, "--system", system, "--base", base]
            command += ["--feeds", str(args.feeds), "--workers", str(args.workers)]
            command += ["--full"] if args.full else []
            command += ["--store-batch", str(args.store_batch)] if args.store_batch else []
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                tail = result.stderr.strip().splitlines()[-1:]
                print(json.dumps({"system": system, "error": tail}))
                continue
            print(result.stdout.strip().splitlines()[-1], flush=True)
    finally:
        server.terminate()
        server.join(10)


if __name__ == "__main__":
    main()
