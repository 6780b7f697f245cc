"""A store of 100k or a million articles, with real facts, for timing pages and queries.

    python bench/scale_load.py --data ../shared/bench --seed-db /tmp/seed.db --seed 2000 \
        --articles 1000000 --db postgresql://postgres@127.0.0.1:5432/scale1m

The whole pipeline runs at about 14 articles a second on a 2-core machine, so a million
articles through it would take a day. This script runs it once, on ``--seed`` records of
``bench/scale_corpus.py`` (distinct real texts, dated ``--per-day`` a day), with stories
and event clusters, into the SQLite store ``--seed-db`` (kept and reused), then loads
that store's rows ``articles / seed`` times into ``--db`` (emptied first, unless
``--add-to N`` says it holds the first N articles already, as a 100k store grown to a
million does) through
:mod:`blocwatch.store.bulk` (``COPY`` on PostgreSQL, ``executemany`` on SQLite). Replica
``k`` keeps every fact of the seed (actors, mentions, times, quotes, events, summaries,
stories, copy groups, event clusters) with new article, story, event and cluster ids,
every date moved ``k`` times the seed's span later (so the store spans years, at the
seed's density), and a distinct closing sentence (a correspondent, a town and an edition
number) added to every text, so no two texts are the same. Relation periods are then
counted from the loaded clusters, and the tables vacuumed and analysed (``VACUUM
(ANALYZE)``: planner statistics, and the visibility map index-only scans need).

What the figures measure: how fast the store takes rows and how pages answer over a
store of that size with the seed's mix of facts. What they do not: NLP throughput (see
``bench/scale.py``), the incremental story state (copy index, clusterer features: not
loaded, so ingesting more articles into the loaded store regroups nothing of the
replicas), and the variety of a real corpus of that size (every replica repeats the
seed's actors, words and event types). One JSON line::

    {"system": "blocwatch", "split": "scale", "measure": "bulk_load", "articles": N,
     "rows": R, "wall_s": ..., "cpu_s": ..., "articles_per_s": ..., "rows_per_s": ...,
     "peak_rss_mb": ..., "database_mb": ..., "database": "postgresql",
     "load_average": [...]}

``peak_rss_mb`` is the loader's (the larger of the main process and its loading
processes); ``database_mb`` the store's size on disk after the load (PostgreSQL's
``pg_database_size``: tables, indexes and TOAST), not the server's memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blocwatch.store import Store, bulk
from scale_corpus import CORRESPONDENTS, TOWNS, records

TABLES = (
    "articles",
    "sentences",
    "mentions",
    "times",
    "quotes",
    "events",
    "stories",
    "summary_sentences",
    "event_clusters",
    "event_cluster_members",
)
ONCE = ("actors",)
"""Tables loaded once, as the seed holds them (the event-cluster state a new store starts with)."""


def build_seed(data: Path, path: Path, count: int, per_day: int) -> None:
    """The seed store: ``count`` corpus records through the whole pipeline, with stories."""
    from blocwatch.ingest.files import read_inputs
    from blocwatch.nlp.actors import ActorDictionary
    from blocwatch.pipeline import LocalExecutor
    from blocwatch.run import ingest, ready_in_workers
    from blocwatch.stages import actors_in, default_pipeline

    corpus = path.with_suffix(".jsonl")
    with corpus.open("w", encoding="utf-8") as out:
        for record in records(data, count, per_day=per_day):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    store = Store(f"sqlite:///{path}")
    executor = LocalExecutor(1)
    dictionary = ActorDictionary.default()
    ingest(
        store,
        read_inputs([str(corpus)]),
        ready_in_workers(default_pipeline()),
        executor=executor,
        actors_of=lambda articles: actors_in(articles, dictionary),
    )
    executor.close()
    store.close()


class Seed:
    """Every row of the seed store, and how to make replica ``k`` of them."""

    def __init__(self, store: Store) -> None:
        with store.engine.connect() as connection:
            self.rows = {name: list(bulk.stream_rows(connection, name)) for name in TABLES + ONCE}
        published = [a["published_at"] for a in self.rows["articles"] if a["published_at"]]
        self.span = timedelta(days=(max(published) - min(published)).days + 1)
        self.event_stride = 1 + max((e["id"] for e in self.rows["events"]), default=0)
        self.cluster_stride = 1 + max((c["id"] for c in self.rows["event_clusters"]), default=0)
        self.sentences_of: dict[str, int] = {}
        for s in self.rows["sentences"]:
            self.sentences_of[s["article_id"]] = max(
                self.sentences_of.get(s["article_id"], 0), s["index"] + 1
            )

    def replica(self, k: int) -> dict[str, list[dict[str, Any]]]:
        """Replica ``k`` (0 is the seed itself), table by table."""
        return _Replica(self, k).tables()


class _Replica:
    def __init__(self, seed: Seed, k: int) -> None:
        self.seed, self.k = seed, k
        self.shift = seed.span * k
        self.ids = {a["id"]: self._article_id(a["id"]) for a in seed.rows["articles"]}
        self.stories = {s["id"]: self._story_id(s["id"]) for s in seed.rows["stories"]}
        self.closing: dict[str, str] = {}

    def _article_id(self, seed_id: str) -> str:
        if self.k == 0:
            return seed_id
        return hashlib.blake2b(f"{seed_id}:{self.k}".encode(), digest_size=8).hexdigest()

    def _story_id(self, seed_id: str) -> str:
        return seed_id if self.k == 0 else f"{seed_id[:30]}.{self.k}"

    def _day(self, value: date | None) -> date | None:
        return None if value is None else value + self.shift

    def _moment(self, value: datetime | None) -> datetime | None:
        return None if value is None else value + self.shift

    def _iso_day(self, value: str | None) -> str | None:
        """A stored ISO day moved with the replica; coarser values (a month, a year) stay."""
        if value is None or len(value) != 10:
            return value
        try:
            return (date.fromisoformat(value) + self.shift).isoformat()
        except ValueError:
            return value

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "articles": list(self._articles()),
            "sentences": list(self._sentences()),
            **{name: list(self._evidence(name)) for name in ("mentions", "times", "quotes")},
            "events": list(self._events()),
            "stories": list(self._story_rows()),
            "summary_sentences": list(self._summaries()),
            "event_clusters": list(self._clusters()),
            "event_cluster_members": list(self._members()),
        }

    def _articles(self) -> Iterator[dict[str, Any]]:
        now = datetime.now(UTC)
        for row in self.seed.rows["articles"]:
            rng = int(hashlib.blake2b(self.ids[row["id"]].encode(), digest_size=4).hexdigest(), 16)
            closing = (
                f"{CORRESPONDENTS[rng % len(CORRESPONDENTS)]} filed this report from"
                f" {TOWNS[rng // 7 % len(TOWNS)]} for edition {self.k + 1}."
            )
            self.closing[row["id"]] = closing
            local = row["published_local"]
            if local:
                local = (datetime.fromisoformat(local) + self.shift).isoformat()
            yield {
                **row,
                "id": self.ids[row["id"]],
                "raw_id": None,
                "url": f"{row['url']}#edition-{self.k + 1}" if row["url"] else None,
                "text": f"{row['text']}\n\n{closing}",
                "published_at": self._moment(row["published_at"]),
                "published_local": local,
                "ingested_at": now,
                "story_id": self.stories.get(row["story_id"]) if row["story_id"] else None,
                "copy_of": self.ids.get(row["copy_of"]) if row["copy_of"] else None,
            }

    def _sentences(self) -> Iterator[dict[str, Any]]:
        last: dict[str, dict[str, Any]] = {}
        for row in self.seed.rows["sentences"]:
            last[row["article_id"]] = row
            yield {**row, "article_id": self.ids[row["article_id"]]}
        for article in self.seed.rows["articles"]:
            start = len(article["text"]) + 2
            previous = last.get(article["id"])
            yield {
                "article_id": self.ids[article["id"]],
                "index": self.seed.sentences_of.get(article["id"], 0),
                "start": start,
                "end": start + len(self.closing[article["id"]]),
                "paragraph": (previous["paragraph"] + 1) if previous else 0,
                "tone": 0.0,
            }

    def _evidence(self, name: str) -> Iterator[dict[str, Any]]:
        for row in self.seed.rows[name]:
            moved = {key: value for key, value in row.items() if key != "id"}
            moved["article_id"] = self.ids[row["article_id"]]
            if name == "times":
                moved["value"] = self._iso_day(row["value"])
            yield moved

    def _events(self) -> Iterator[dict[str, Any]]:
        stride = self.seed.event_stride * self.k
        for row in self.seed.rows["events"]:
            yield {
                **row,
                "id": row["id"] + stride,
                "article_id": self.ids[row["article_id"]],
                "date": self._iso_day(row["date"]),
            }

    def _story_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.seed.rows["stories"]:
            groups = [
                replace(
                    group,
                    canonical_id=self.ids.get(group.canonical_id, group.canonical_id),
                    copy_ids=tuple(self.ids.get(c, c) for c in group.copy_ids),
                )
                for group in row["copy_groups"]
            ]
            yield {
                **row,
                "id": self.stories[row["id"]],
                "first_seen": self._moment(row["first_seen"]),
                "last_seen": self._moment(row["last_seen"]),
                "copy_groups": groups,
            }

    def _summaries(self) -> Iterator[dict[str, Any]]:
        for row in self.seed.rows["summary_sentences"]:
            moved = {key: value for key, value in row.items() if key != "id"}
            moved["article_id"] = self.ids[row["article_id"]]
            moved["story_id"] = self.stories[row["story_id"]] if row["story_id"] else None
            moved["summary_of"] = self.stories.get(row["summary_of"]) or self.ids.get(
                row["summary_of"], row["summary_of"]
            )
            moved["supporting_article_ids"] = [
                self.ids.get(i, i) for i in row["supporting_article_ids"] or []
            ]
            yield moved

    def _clusters(self) -> Iterator[dict[str, Any]]:
        stride = self.seed.cluster_stride * self.k
        for row in self.seed.rows["event_clusters"]:
            yield {
                **row,
                "id": row["id"] + stride,
                "day": self._day(row["day"]),
                "first_day": self._day(row["first_day"]),
                "last_day": self._day(row["last_day"]),
            }

    def _members(self) -> Iterator[dict[str, Any]]:
        events, clusters = self.seed.event_stride * self.k, self.seed.cluster_stride * self.k
        for row in self.seed.rows["event_cluster_members"]:
            yield {
                "event_id": row["event_id"] + events,
                "cluster_id": row["cluster_id"] + clusters,
                "article_id": self.ids[row["article_id"]],
            }


def _cpu() -> float:
    """CPU seconds of this process and its finished loading processes (not the server's)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    """The larger peak of this process and of its finished loading processes."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def load_part(seed: Seed, url: str, replicas: range, per_commit: int) -> int:
    """Replicas ``replicas`` into the store at ``url``, on a connection of their own."""
    target = Store(url, migrate=False)
    rows = 0
    with target.engine.connect() as connection:
        bulk.trust_references(connection)
        for done, k in enumerate(replicas, 1):
            for name, table_rows in seed.replica(k).items():
                rows += bulk.copy_rows(connection, name, table_rows)
            if done % per_commit == 0 or done == len(replicas):
                connection.commit()
                _note(f"replica {k + 1}/{replicas.stop}: {rows} rows in this process")
    target.close()
    return rows


def load(seed: Seed, target: Store, replicas: range, per_commit: int, jobs: int) -> int:
    """These replicas into ``target`` (``jobs`` connections at once); returns how many rows.
    The tables loaded once are loaded with replica 0."""
    rows = 0
    with target.engine.connect() as connection:
        if replicas.start == 0:
            for name in ONCE:
                rows += bulk.copy_rows(connection, name, seed.rows[name])
            connection.commit()
            _note("actors loaded")
        with bulk.bulk_session(connection, TABLES):
            parts = [replicas[j::jobs] for j in range(jobs)]
            if jobs == 1:
                rows += load_part(seed, target.url, parts[0], per_commit)
            else:
                with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
                    futures = [
                        pool.submit(load_part, seed, target.url, part, per_commit) for part in parts
                    ]
                    rows += sum(f.result() for f in futures)
        _note("indexes built")
        bulk.rebuild_relation_periods(connection)
        connection.commit()
        _note("relation periods counted")
        bulk.rebuild_event_counts(connection)
        connection.commit()
        _note("event counts counted")
    bulk.settle(target.url)
    _note("vacuumed and analysed")
    return rows


_BEGAN = time.perf_counter()


def _note(what: str) -> None:
    print(f"{time.perf_counter() - _BEGAN:.1f} s: {what}, {_peak_mb()} MB", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--seed-db", type=Path, required=True, help="the seed SQLite store")
    parser.add_argument("--seed", type=int, default=2000, help="records in the seed")
    parser.add_argument("--per-day", type=int, default=500, help="the seed's articles a day")
    parser.add_argument("--articles", type=int, required=True, help="articles to load")
    parser.add_argument("--db", required=True, help="the store to fill (emptied first)")
    parser.add_argument(
        "--add-to",
        type=int,
        default=0,
        help="the store already holds this many articles of the same seed: load the rest",
    )
    parser.add_argument("--per-commit", type=int, default=10, help="replicas a transaction")
    parser.add_argument(
        "--jobs", type=int, default=1, help="loading connections at once (PostgreSQL only)"
    )
    args = parser.parse_args()
    if not args.seed_db.exists():
        began = time.perf_counter()
        build_seed(args.data, args.seed_db, args.seed, args.per_day)
        print(f"seed built in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    seed = Seed(Store(f"sqlite:///{args.seed_db}"))
    size = len(seed.rows["articles"])
    first = args.add_to // size
    if first * size != args.add_to:
        raise SystemExit(f"--add-to {args.add_to}: not a multiple of the seed's {size} articles")
    replicas = range(first, max(first + 1, args.articles // size))
    if first == 0:
        bulk.empty_database(args.db)
    target = Store(args.db)
    began, began_cpu = time.perf_counter(), _cpu()
    rows = load(seed, target, replicas, args.per_commit, args.jobs)
    wall = time.perf_counter() - began
    articles = len(replicas) * size
    print(
        json.dumps(
            {
                "system": "blocwatch",
                "split": "scale",
                "measure": "bulk_load",
                "articles": replicas.stop * size,
                "loaded_articles": articles,
                "seed_articles": len(seed.rows["articles"]),
                "rows": rows,
                "wall_s": round(wall, 1),
                "cpu_s": round(_cpu() - began_cpu, 1),
                "articles_per_s": round(articles / wall),
                "rows_per_s": round(rows / wall),
                "peak_rss_mb": _peak_mb(),
                "database_mb": round(bulk.database_bytes(args.db) / 2**20),
                "jobs": args.jobs,
                "database": target.dialect,
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )
    target.close()


if __name__ == "__main__":
    main()
