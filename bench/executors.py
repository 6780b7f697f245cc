"""Executors side by side: one process, a pool of 2, Dask LocalCluster of 1 and 2 workers.

    python bench/executors.py --data ../shared/bench --count 5000
        [--executors local1,local2,dask1,dask2] [--db-dir /tmp/x] [--profile-main]

Each executor ingests the same ``--count`` records of ``bench/scale_corpus.py`` (whole
pipeline, stories on) into a fresh SQLite store, in a fresh process of its own, and
prints one JSON line::

    {"system": "blocwatch", "split": "scale", "executor": "local2", "articles": N,
     "cpu_s": ..., "main_cpu_s": ..., "main_share": ..., "cpu_ms_per_article": ...,
     "wall_s": ..., "load_average": ..., "peak_rss_mb": ..., "speedup_wall": ...,
     "speedup_bound": ..., "digest": "...", "identical": true}

``cpu_s`` is every process's CPU during the ingest (the main one and its workers, their
start-up included; not the export that makes the digest); ``main_cpu_s`` the
main process's alone and ``main_share`` its part of ``cpu_s``, which bounds what more
workers can gain: the main process reads, deduplicates, stores and groups stories while
the workers analyse. ``cpu_ms_per_article`` is ``cpu_s`` per stored article, spaCy's
loading in each process included. CPU time is what a shared machine distorts least;
``load_average`` (the 1-minute load when the run ended) says how far to trust ``wall_s``.
``speedup_bound`` is the most the wall time could gain over the first executor on an
idle machine: its CPU over this one's spread evenly on as many cores as it has workers
(the machine's cores at most), the main process's work overlapping the workers' as it
does until the last batch. ``digest`` hashes
every export of the store (articles, mentions, quotes, dates, events, stories), so
``identical`` says the executor stored exactly what the first one did (the digest
leaves the corpus's folder out, so it also compares runs of other versions). The machine may
be shared: wall-time speedups are only meaningful when it is otherwise idle.
``--profile-main`` writes cProfiles of the main process per executor beside the stores,
of its main thread (``main-*.prof``) and of the thread that writes (``writes-*.prof``),
each timed in the CPU seconds of its thread (waiting costs nothing there).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_corpus import records


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _executor(name: str) -> Any:
    from blocwatch.pipeline import DaskExecutor, LocalExecutor

    workers = int(name[-1])
    if name.startswith("dask"):
        return DaskExecutor(workers=workers)
    return LocalExecutor(workers)


def _digest(url: str, corpus: Path) -> str:
    """A hash of every export, the corpus's folder left out of the articles' input paths,
    so runs from different folders (and versions of the code) can be compared."""
    from blocwatch.store import Store
    from blocwatch.store.export import ExportFormat, ExportKind, export

    store = Store(url)
    digest = hashlib.sha256()
    for kind in ExportKind:
        with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
            export(store, kind, ExportFormat.JSONL, out)
            out.seek(0)
            for line in out:
                digest.update(line.replace(str(corpus.parent), "").encode())
    store.close()
    return digest.hexdigest()[:16]


def _profile_writes(path: Path) -> None:
    """Profile the writer thread too (cProfile sees only the thread that enables it)."""
    from blocwatch.write_behind import WriteBehind

    write = WriteBehind._write

    def profiled(self: WriteBehind) -> None:
        profiler = cProfile.Profile(time.thread_time)
        profiler.runcall(write, self)
        profiler.dump_stats(path)

    WriteBehind._write = profiled  # type: ignore[method-assign]


def _run(name: str, corpus: Path, folder: Path, profile: bool) -> dict[str, Any]:
    from blocwatch.ingest.files import read_inputs
    from blocwatch.run import ingest_corpus
    from blocwatch.store import Store

    if profile:
        _profile_writes(folder / f"writes-{name}.prof")
        # Workers forked from the profiled thread would be profiled too, and slowed.
        os.register_at_fork(after_in_child=lambda: sys.setprofile(None))

    database = folder / f"executor-{name}.db"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    store = Store(url)
    executor = _executor(name)
    profiler = cProfile.Profile(time.thread_time) if profile else None
    started, wall = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    workers_before = _cpu(resource.RUSAGE_CHILDREN)
    if profiler is not None:
        profiler.enable()
    report = ingest_corpus(store, read_inputs([str(corpus)]), executor=executor)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(folder / f"main-{name}.prof")
    wall = time.perf_counter() - wall
    main_cpu = _cpu(resource.RUSAGE_SELF) - started
    executor.close()  # the workers are counted once they have exited
    workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - workers_before
    store.close()
    return {
        "executor": name,
        "articles": report.ingested,
        "cpu_s": round(main_cpu + workers_cpu, 2),
        "main_cpu_s": round(main_cpu, 2),
        "wall_s": round(wall, 2),
        "digest": _digest(url, corpus),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--executors", default="local1,local2,dask1,dask2")
    parser.add_argument("--db-dir", type=Path, default=None)
    parser.add_argument("--profile-main", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = args.db_dir or Path(tempfile.mkdtemp(prefix="blocwatch-executors-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / f"corpus-{args.count}.jsonl"
    if args.one:
        print(json.dumps(_run(args.one, corpus, folder, args.profile_main)), flush=True)
        return
    if not corpus.exists():
        with corpus.open("w", encoding="utf-8") as out:
            for record in records(args.data, args.count):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    first: dict[str, Any] | None = None
    for name in args.executors.split(","):
        command = [sys.executable, __file__, *sys.argv[1:], "--db-dir", str(folder), "--one", name]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result["peak_rss_mb"] = round(peak, 1)
        first = first or result
        result["main_share"] = round(result["main_cpu_s"] / result["cpu_s"], 3)
        result["cpu_ms_per_article"] = round(1000 * result["cpu_s"] / max(1, result["articles"]), 1)
        result["load_average"] = round(os.getloadavg()[0], 2)
        result["speedup_wall"] = round(first["wall_s"] / result["wall_s"], 2)
        cores = min(int(name[-1]), os.cpu_count() or 1)
        result["speedup_bound"] = round(first["cpu_s"] / (result["cpu_s"] / cores), 2)
        result["identical"] = result["digest"] == first["digest"]
        print(json.dumps({"system": "blocwatch", "split": "scale", **result}), flush=True)


if __name__ == "__main__":
    main()
