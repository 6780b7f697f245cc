"""Ingest speed and peak memory on N real HTML pages, blocwatch against plain trafilatura.

    python bench/ingest.py --data ../shared/bench/extraction --pages 1000 [--workers 2]

The pages are the benchmark's real news pages, repeated until there are N of them, each
copy made distinct (a comment with its number) so that none is skipped as a duplicate.
Every system runs in a fresh process, so caches and memory of one do not flatter the
next. Systems:

- ``blocwatch``: the whole pipeline (clean, sentences, actors, dates, quotes, events) into
  a new SQLite database, including the raw-input copy and every write.
- ``blocwatch_clean_only``: the same run with only the cleaning and sentence steps.
- ``trafilatura``: ``trafilatura.extract`` on each page, nothing stored (the floor).

Prints one JSON line per system: ``articles_per_s``, ``seconds``, ``peak_rss_mb``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_pages(data: Path, count: int, out: Path) -> list[Path]:
    sources = sorted((data / "html").glob("*.html.gz"))
    if not sources:
        raise SystemExit(f"no pages in {data / 'html'}")
    pages = [gzip.decompress(p.read_bytes()) for p in sources]
    paths = []
    for number in range(count):
        path = out / f"page-{number:05d}.html"
        path.write_bytes(pages[number % len(pages)] + f"\n<!-- copy {number} -->\n".encode())
        paths.append(path)
    return paths


def run_system(system: str, folder: Path, workers: int) -> dict[str, object]:
    """Run one system in this (fresh) process and measure it."""
    paths = sorted(folder.glob("*.html"))
    start = time.perf_counter()
    if system == "trafilatura":
        import trafilatura

        done = sum(
            1 for p in paths if trafilatura.extract(p.read_text(encoding="utf-8", errors="replace"))
        )
    else:
        from blocwatch.ingest.files import read_inputs
        from blocwatch.pipeline import LocalExecutor, Pipeline
        from blocwatch.run import ingest
        from blocwatch.stages import actors_in, default_pipeline
        from blocwatch.store import Store

        pipeline = default_pipeline()
        if system == "blocwatch_clean_only":
            pipeline = Pipeline(pipeline.steps[:2])
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/bench.db")
            report = ingest(
                store,
                read_inputs([str(folder)]),
                pipeline,
                executor=LocalExecutor(workers),
                actors_of=actors_in if system == "blocwatch" else None,
            )
            done = report.ingested
            store.close()
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "system": system,
        "pages": len(paths),
        "articles": done,
        "seconds": round(seconds, 2),
        "articles_per_s": round(done / seconds, 1),
        "peak_rss_mb": round(max(peak_kb, children_kb) / 1024, 1),
        "workers": workers if system != "trafilatura" else 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="folder with html/*.html.gz (../shared/bench/extraction)",
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--system", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.system:
        print(json.dumps(run_system(args.system, args.folder, args.workers)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_pages(args.data, args.pages, folder)
        for system in ("blocwatch", "blocwatch_clean_only", "trafilatura"):
            command = [
                sys.executable,
                __file__,
                "--system",
                system,
                "--folder",
                str(folder),
                "--workers",
                str(args.workers),
                "--data",
                str(args.data),
            ]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(
                    json.dumps({"system": system, "error": result.stderr.strip().splitlines()[-1:]})
                )
                continue
            print(result.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
