"""Scale figures: pipeline CPU per article, the cost of adding 100 articles to a store of N,
workers, and peak memory, on the replicated corpus of ``bench/scale_corpus.py``.

    python bench/scale.py --data ../shared/bench --stored 1000,10000 [--add 100]
        [--workers 1] [--db-dir /tmp] [--steps all|clean] [--postgres URL]

For each N in ``--stored`` (a fresh process each): ingest N records into a new SQLite
store (or the PostgreSQL database ``--postgres``, emptied first), then ingest the next
``--add`` records into it with stories, and print one JSON line::

    {"system": "blocwatch", "split": "scale", "stored": N, "fill_cpu_s": ...,
     "fill_cpu_ms_per_article": ..., "add_cpu_s": ..., "add_wall_s": ...,
     "peak_rss_mb": ..., "workers": W, "steps": "all"}

CPU seconds count this process and its workers (the machine is shared, so wall time
says little). ``--steps clean`` runs only cleaning and sentences, to tell the NLP
stages' cost from everything else (reading, deduplication, writes, stories).
Stores are kept in ``--db-dir`` for reuse by ``--reuse`` (skip filling when present).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _ingest(url: str, path: Path, workers: int, steps: str, stories: bool) -> float:
    """Ingest one JSON-lines file; returns CPU seconds spent."""
    from blocwatch.ingest.files import read_inputs
    from blocwatch.pipeline import LocalExecutor, Pipeline
    from blocwatch.run import ingest_corpus
    from blocwatch.stages import default_pipeline
    from blocwatch.store import Store

    store = Store(url)
    executor = LocalExecutor(workers)
    started = _cpu()
    if steps == "all":
        ingest_corpus(store, read_inputs([str(path)]), executor=executor, regroup=stories)
    else:
        from blocwatch.run import ingest

        pipeline = Pipeline(default_pipeline().steps[:2])
        ingest(store, read_inputs([str(path)]), pipeline, executor=executor)
    executor.close()
    store.close()
    return _cpu() - started


def run_one(args: argparse.Namespace, stored: int) -> dict[str, object]:
    folder = args.db_dir
    url = args.postgres or f"sqlite:///{folder}/scale-{stored}-{args.steps}.db"
    fill = folder / f"fill-{stored}.jsonl"
    extra = folder / f"add-{stored}-{args.add}.jsonl"
    if not fill.exists():
        _write(args.data, fill, stored, 0)
    if not extra.exists():
        _write(args.data, extra, args.add, stored)
    if args.postgres:
        from sqlalchemy import create_engine, text

        engine = create_engine(args.postgres.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    db_file = folder / f"scale-{stored}-{args.steps}.db"
    fill_cpu = None
    if not (args.reuse and db_file.exists() and not args.postgres):
        db_file.unlink(missing_ok=True)
        fill_cpu = _ingest(url, fill, args.workers, args.steps, stories=True)
    wall = time.perf_counter()
    add_cpu = _ingest(url, extra, args.workers, args.steps, stories=True)
    wall = time.perf_counter() - wall
    return {
        "system": "blocwatch",
        "split": "scale",
        "stored": stored,
        "added": args.add,
        "fill_cpu_s": None if fill_cpu is None else round(fill_cpu, 2),
        "fill_cpu_ms_per_article": None if fill_cpu is None else round(1000 * fill_cpu / stored, 2),
        "add_cpu_s": round(add_cpu, 2),
        "add_wall_s": round(wall, 2),
        "peak_rss_mb": _peak_mb(),
        "workers": args.workers,
        "steps": args.steps,
        "database": "postgresql" if args.postgres else "sqlite",
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--stored", default="1000", help="comma-separated store sizes")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--steps", choices=["all", "clean"], default="all")
    parser.add_argument("--db-dir", type=Path, default=None)
    parser.add_argument("--postgres", help="a PostgreSQL URL to use (its data is dropped)")
    parser.add_argument("--reuse", action="store_true", help="reuse a filled SQLite store")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.db_dir is None:
        args.db_dir = Path(tempfile.mkdtemp(prefix="blocwatch-scale-"))
    args.db_dir.mkdir(parents=True, exist_ok=True)
    if args.one is not None:
        print(json.dumps(run_one(args, args.one)), flush=True)
        return
    for stored in (int(n) for n in args.stored.split(",")):
        command = [sys.executable, __file__, *sys.argv[1:], "--db-dir", str(args.db_dir)]
        subprocess.run([*command, "--one", str(stored)], check=True)


if __name__ == "__main__":
    main()
