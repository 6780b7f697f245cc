"""Ingest speed and peak memory on N real HTML pages, blocwatch against plain trafilatura.

    python bench/ingest.py --data ../shared/bench/extraction --pages 1000 [--workers 2]
    python bench/ingest.py --news ../shared/bench/summarization/cnndm --pages 400 [--workers 2]

The pages are the benchmark's real news pages, repeated until there are N of them, each
copy made distinct (a comment with its number) so that none is skipped as a duplicate.
Every system runs in a fresh process, so caches and memory of one do not flatter the
next. Systems:

- ``blocwatch``: the whole pipeline (clean, sentences, actors, dates, quotes, events) into
  a new SQLite database, including the raw-input copy and every write.
- ``blocwatch_clean_only``: the same run with only the cleaning and sentence steps.
- ``trafilatura``: ``trafilatura.extract`` on each page, nothing stored (the floor).

With ``--news``, the inputs are news-length plain texts (CNN/DailyMail articles, about
700 tokens each, repeated and made distinct) and the systems are ``blocwatch`` (the whole
pipeline, spaCy parse included) and ``spacy`` (``en_core_web_sm`` alone, as spaCy ships
it, over the same whole texts with ``nlp.pipe``, nothing stored): how much of the time
the parse takes.

Prints one JSON line per system: ``articles_per_s``, ``seconds``, ``peak_rss_mb`` and
``cpu_ms_per_article`` (CPU of the process and its workers, start-up included: the
figure to compare on a shared machine).

With ``--russian bench/russian`` it also runs the whole pipeline on plain-text Russian
articles and, beside them, on their English rewrites (the same facts, the same length),
repeated to ``--texts`` documents: ``blocwatch_ru_text`` and ``blocwatch_en_text``.
Russian is read with slovnet and pymorphy3, English with spaCy; both runs include
loading the models, as a fresh ingest does.
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


def make_texts(russian: Path, field: str, count: int, out: Path) -> None:
    """``count`` plain-text articles from the Russian bench (``field`` "text" or "en"),
    each copy made distinct by a last line with its number."""
    articles = json.loads((russian / "articles.json").read_text("utf-8"))["articles"]
    texts = [a[field] for a in articles if a.get("en")]
    for number in range(count):
        text = texts[number % len(texts)] + f"\n\n{number}\n"
        (out / f"text-{number:05d}.txt").write_text(text, encoding="utf-8")


def make_news_texts(data: Path, count: int, out: Path) -> list[Path]:
    sources = sorted(data.glob("*.json"))
    if not sources:
        raise SystemExit(f"no articles in {data}")
    texts = [json.loads(p.read_text("utf-8"))["article"] for p in sources]
    paths = []
    for number in range(count):
        path = out / f"text-{number:05d}.txt"
        path.write_text(texts[number % len(texts)] + f"\n\n(Copy {number}.)\n", "utf-8")
        paths.append(path)
    return paths


def run_system(system: str, folder: Path, workers: int) -> dict[str, object]:
    """Run one system in this (fresh) process and measure it."""
    paths = sorted([*folder.glob("*.html"), *folder.glob("*.txt")])
    start = time.perf_counter()
    if system == "spacy":
        import spacy

        from blocwatch.nlp.syntax import DEFAULT_MODEL

        nlp = spacy.load(DEFAULT_MODEL)  # spaCy as shipped, without blocwatch's rule lookup
        start = time.perf_counter()
        texts = (p.read_text("utf-8") for p in paths)
        done = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers))
    elif system == "trafilatura":
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
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    peak_kb, children_kb = own.ru_maxrss, children.ru_maxrss
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return {
        "system": system,
        "pages": len(paths),
        "articles": done,
        "seconds": round(seconds, 2),
        "articles_per_s": round(done / seconds, 1),
        "cpu_ms_per_article": round(1000 * cpu / max(1, done), 1),
        "peak_rss_mb": round(max(peak_kb, children_kb) / 1024, 1),
        "workers": workers if system != "trafilatura" else 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, help="folder with html/*.html.gz (../shared/bench/extraction)"
    )
    parser.add_argument(
        "--news", type=Path, help="folder of CNN/DailyMail *.json (plain news-length texts)"
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--russian", type=Path, help="the Russian bench folder (bench/russian)")
    parser.add_argument("--texts", type=int, default=200, help="Russian and English texts")
    parser.add_argument("--system", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.system:
        print(json.dumps(run_system(args.system, args.folder, args.workers)))
        return
    if args.news:
        with tempfile.TemporaryDirectory() as tmp:
            make_news_texts(args.news, args.pages, Path(tmp))
            for system in ("blocwatch", "spacy"):
                _measure(system, f"{system}_news_text", Path(tmp), args)
    elif args.pages > 0 and args.data:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make_pages(args.data, args.pages, folder)
            for system in ("blocwatch", "blocwatch_clean_only", "trafilatura"):
                _measure(system, system, folder, args)
    if args.russian:
        for field, label in (("text", "blocwatch_ru_text"), ("en", "blocwatch_en_text")):
            with tempfile.TemporaryDirectory() as tmp:
                make_texts(args.russian, field, args.texts, Path(tmp))
                _measure("blocwatch", label, Path(tmp), args)


def _measure(system: str, label: str, folder: Path, args: argparse.Namespace) -> None:
    """Run ``system`` on ``folder`` in a fresh process; print its line as ``label``."""
    command = [
        sys.executable,
        __file__,
        "--system",
        system,
        "--folder",
        str(folder),
        "--workers",
        str(args.workers),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(json.dumps({"system": label, "error": result.stderr.strip().splitlines()[-1:]}))
        return
    line = json.loads(result.stdout.strip().splitlines()[-1])
    print(json.dumps(line | {"system": label}), flush=True)


if __name__ == "__main__":
    main()
