"""Scale figures: the cost of adding 100 articles to a store of N, workers, and peak memory,
on the replicated corpus of ``bench/scale_corpus.py``.

    python bench/scale.py --data ../shared/bench --stored 1000,10000 [--add 100]
        [--workers 1] [--db-dir /tmp] [--fill all|noparse|light|clean] [--postgres URL]
        [--measure add,export,rebuild]
    python bench/scale.py --data ../shared/bench --db 10000=/path/web10k.db \
        --db 100000=/path/web100k.db [--db-dir /tmp] [--stored 1000]

For each N in ``--stored`` (a fresh process each): ingest N records into a new SQLite
store (or the PostgreSQL database ``--postgres``, emptied first) with the ``--fill``
pipeline and stories, then, each in a fresh process of its own (so its peak memory is
its own), what ``--measure`` names: ``add`` ingests the next ``--add`` records with the
whole pipeline (parse included) and stories; ``export`` writes every export kind as
JSON lines to /dev/null; ``rebuild`` regroups every stored article into stories. One
JSON line per measure::

    {"system": "blocwatch", "split": "scale", "stored": N, "measure": "add",
     "cpu_s": ..., "wall_s": ..., "peak_rss_mb": ..., "workers": W, "fill": "noparse",
     "fill_cpu_s": ..., "database": "sqlite"}

CPU seconds count the measuring process and its workers (the machine is shared, so wall
time says little). ``--fill noparse`` fills with every step but the dependency parse
(quotes and events then see no parse), a cheaper way to a big store whose stories are
grouped as usual; ``--fill light`` runs cleaning, sentences, actors and dates only (no
tone, parse, quotes or events), the cheapest fill whose stories still see actors and
dates; ``--fill clean`` runs only cleaning and sentences. The added records
always go through the whole pipeline. Stores are kept in ``--db-dir`` for ``--reuse``.

``--db N=PATH`` (repeatable) measures a store built elsewhere instead of filling one: the
SQLite file is copied into ``--db-dir`` first (the original is never written to), the
articles it holds that wait for story work are grouped (``"prep_cpu_s"``, not part of
the measure; ``--leave-pending`` leaves them waiting, which takes a store built without
story state as it is), then the measures run on the copy, the added records numbered
from N.
``N=postgresql://...`` uses that database in place, and writes to it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_corpus import records


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def _write(data: Path, path: Path, count: int, first: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records(data, count, first=first):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _pipeline(steps: str) -> Any:
    from blocwatch.pipeline import Pipeline
    from blocwatch.stages import default_pipeline

    full = default_pipeline()
    if steps == "all":
        return full
    if steps == "noparse":
        kept = [step for step in full.steps if step.name != "syntax"]
        return Pipeline(kept, initial_fields={"parses"})
    if steps == "light":
        skipped = {"tone", "syntax", "quotes", "events"}
        kept = [step for step in full.steps if step.name not in skipped]
        return Pipeline(kept, initial_fields={"tone", "parses", "quotes", "events"})
    return Pipeline(
        full.steps[:2], initial_fields={"tone", "mentions", "parses", "times", "quotes", "events"}
    )


def _ingest(url: str, path: Path, workers: int, steps: str, *, group_waiting: bool = True) -> None:
    """Ingest one JSON-lines file with stories, as ``blocwatch ingest`` does."""
    from blocwatch.ingest.files import read_inputs
    from blocwatch.nlp.actors import ActorDictionary
    from blocwatch.pipeline import LocalExecutor
    from blocwatch.run import group_pending, ingest, ready_in_workers
    from blocwatch.stages import actors_in
    from blocwatch.store import Store

    store = Store(url)
    executor = LocalExecutor(workers)
    dictionary = ActorDictionary.default()
    if group_waiting:
        group_pending(store)
    ingest(
        store,
        read_inputs([str(path)]),
        ready_in_workers(_pipeline(steps)),
        executor=executor,
        actors_of=lambda articles: actors_in(articles, dictionary),
    )
    executor.close()
    store.close()


def _export(url: str) -> None:
    from blocwatch.store import Store
    from blocwatch.store.export import ExportFormat, ExportKind, export

    store = Store(url)
    with open(os.devnull, "w", encoding="utf-8") as out:
        for kind in ExportKind:
            export(store, kind, ExportFormat.JSONL, out)
    store.close()


def _group_pending(url: str) -> None:
    from blocwatch.run import group_pending
    from blocwatch.store import Store

    store = Store(url)
    group_pending(store)
    store.close()


def _rebuild(url: str) -> None:
    from blocwatch.run import rebuild_stories
    from blocwatch.store import Store

    store = Store(url)
    rebuild_stories(store)
    store.close()


def _measured(args: argparse.Namespace, work: str, *extra: str) -> dict[str, Any]:
    """Run one piece of work in a fresh process; its CPU, wall time and peak memory."""
    command = [sys.executable, __file__, *sys.argv[1:], "--work", work, *extra]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _do_work(args: argparse.Namespace) -> None:
    work, url, path = args.work, args.url, args.path
    started, wall = _cpu(), time.perf_counter()
    if work == "prep":
        _group_pending(url)
    elif work == "fill":
        _ingest(url, Path(path), args.workers, args.fill)
    elif work == "add":
        _ingest(url, Path(path), args.workers, "all", group_waiting=not args.leave_pending)
    elif work == "export":
        _export(url)
    else:
        _rebuild(url)
    cpu = _cpu() - started
    print(
        json.dumps(
            {
                "cpu_s": round(cpu, 2),
                "wall_s": round(time.perf_counter() - wall, 2),
                "peak_rss_mb": _peak_mb(),
            }
        )
    )


def run_one(args: argparse.Namespace, stored: int) -> None:
    folder = args.db_dir
    db_file = folder / f"scale-{stored}-{args.fill}.db"
    url = args.postgres or f"sqlite:///{db_file}"
    fill = folder / f"fill-{stored}.jsonl"
    extra = folder / f"add-{stored}-{args.add}.jsonl"
    if not fill.exists():
        _write(args.data, fill, stored, 0)
    if not extra.exists():
        _write(args.data, extra, args.add, stored)
    filled: dict[str, Any] = {}
    if args.postgres or not (args.reuse and db_file.exists()):
        if args.postgres:
            _empty_postgres(args.postgres)
        db_file.unlink(missing_ok=True)
        filled = _measured(args, "fill", "--url", url, "--path", str(fill))
    base = {
        "system": "blocwatch",
        "split": "scale",
        "stored": stored,
        "fill": args.fill,
        "fill_cpu_s": filled.get("cpu_s"),
        "fill_peak_rss_mb": filled.get("peak_rss_mb"),
        "workers": args.workers,
        "database": "postgresql" if args.postgres else "sqlite",
    }
    _measure_all(args, base, url, extra)


def _measure_all(args: argparse.Namespace, base: dict[str, Any], url: str, extra: Path) -> None:
    for measure in args.measure.split(","):
        figures = _measured(args, measure, "--url", url, "--path", str(extra))
        if measure == "add":
            figures["added"] = args.add
        print(json.dumps({**base, "measure": measure, **figures}), flush=True)


def run_given(args: argparse.Namespace, stored: int, source: str) -> None:
    """The measures on a store built elsewhere (a copy of it when it is a SQLite file)."""
    if source.startswith("postgresql"):
        url, database = source, "postgresql"
    else:
        copy = args.db_dir / f"given-{stored}-{Path(source).name}"
        if not (args.reuse and copy.exists()):
            shutil.copyfile(source, copy)
        url, database = f"sqlite:///{copy}", "sqlite"
    extra = args.db_dir / f"add-{stored}-{args.add}.jsonl"
    if not extra.exists():
        _write(args.data, extra, args.add, stored)
    prep = {} if args.leave_pending else _measured(args, "prep", "--url", url)
    base = {
        "system": "blocwatch",
        "split": "scale",
        "stored": stored,
        "fill": "given",
        "prep_cpu_s": prep.get("cpu_s"),
        "prep_peak_rss_mb": prep.get("peak_rss_mb"),
        "left_pending": args.leave_pending,
        "workers": args.workers,
        "database": database,
    }
    _measure_all(args, base, url, extra)


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--stored", default="1000", help="comma-separated sizes ('' for none)")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--fill", choices=["all", "noparse", "light", "clean"], default="noparse")
    parser.add_argument("--measure", default="add", help="add, export and/or rebuild")
    parser.add_argument("--db-dir", type=Path, default=None)
    parser.add_argument("--postgres", help="a PostgreSQL URL to use (its data is dropped)")
    parser.add_argument(
        "--db", action="append", default=[], help="N=PATH: measure a store built elsewhere"
    )
    parser.add_argument(
        "--leave-pending",
        action="store_true",
        help="with --db: leave its articles that wait for story work waiting",
    )
    parser.add_argument("--reuse", action="store_true", help="reuse a filled SQLite store")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--given", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.work:
        _do_work(args)
        return
    if args.db_dir is None:
        args.db_dir = Path(tempfile.mkdtemp(prefix="blocwatch-scale-"))
    args.db_dir.mkdir(parents=True, exist_ok=True)
    if args.given is not None:
        size, _, source = args.given.partition("=")
        run_given(args, int(size), source)
        return
    if args.one is not None:
        run_one(args, args.one)
        return
    command = [sys.executable, __file__, *sys.argv[1:], "--db-dir", str(args.db_dir)]
    runs = [["--one", n] for n in args.stored.split(",") if n] if args.stored else []
    runs += [["--given", given] for given in args.db]
    for run in sorted(runs, key=lambda r: int(r[1].partition("=")[0])):
        subprocess.run([*command, *run], check=True)


if __name__ == "__main__":
    main()
