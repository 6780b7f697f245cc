"""Article-body extraction on the Scrapinghub benchmark: blocwatch against plain trafilatura.

Usage: ``python bench/extraction.py --data ../shared/bench/extraction``

Each system runs in a fresh subprocess, because trafilatura keeps internal caches that
flatter a second pass over the same pages. Pages are read and decoded, and each system is
warmed up on one small page written here (imports, lazily loaded models such as the
language identifier's), before the clock starts: ``pages_per_s`` is the steady throughput
of a long run, not start-up time. The machine may be shared, so the systems take turns
(``--repeat`` runs each) and the median speed is reported. Prints one JSON line per system.
Pass ``--misses N`` to print the N worst pages of each system to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

SYSTEMS = ("blocwatch", "trafilatura")
_TOKEN = re.compile(r"\w+")


def load_pages(data: Path) -> dict[str, str]:
    """Page id → decoded HTML (UTF-8 when valid, otherwise the detected charset)."""
    from charset_normalizer import from_bytes

    pages: dict[str, str] = {}
    for path in sorted((data / "html").glob("*.html.gz")):
        raw = gzip.decompress(path.read_bytes())
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(raw).best()
            html = str(best) if best is not None else raw.decode("utf-8", "replace")
        pages[path.name.removesuffix(".html.gz")] = html
    return pages


WARM_UP_PAGE = """<html><head><title>Warm-up page</title></head><body><article>
<h1>Warm-up page</h1><p>This short page is written for the benchmark so that every system
loads its models and compiles its patterns before the clock starts. It is not one of the
benchmark's pages and shares no text with them.</p><p>A second paragraph gives the
extractors enough prose to treat the page as an article rather than a stub.</p>
</article></body></html>"""


def extract_all(system: str, pages: dict[str, str], urls: dict[str, str]) -> dict[str, str]:
    if system == "trafilatura":
        import trafilatura

        return {
            pid: trafilatura.extract(html, url=urls.get(pid)) or "" for pid, html in pages.items()
        }
    from blocwatch.clean import clean_html
    from blocwatch.errors import ExtractionError

    out: dict[str, str] = {}
    for pid, html in pages.items():
        try:
            out[pid] = clean_html(html, url=urls.get(pid), source=pid).text
        except ExtractionError:
            out[pid] = ""
    return out


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(predicted: str, truth: str) -> tuple[int, int, int]:
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def score(predictions: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for pid, gold in truth.items():
        predicted = predictions.get(pid, "")
        tp, fp, fn = page_scores(predicted, gold)
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
        else:
            if tp + fp > 0:
                precisions.append(tp / (tp + fp))
            if tp + fn > 0:
                recalls.append(tp / (tp + fn))
        exact += _TOKEN.findall(predicted) == _TOKEN.findall(gold)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "f1": round(f1, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "accuracy": round(exact / len(truth), 4),
    }


def run_worker(system: str, data: Path) -> None:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    urls = {pid: item.get("url", "") for pid, item in truth.items()}
    pages = load_pages(data)
    extract_all(system, {"warm-up": WARM_UP_PAGE}, {})
    started = time.perf_counter()
    predictions = extract_all(system, pages, urls)
    elapsed = time.perf_counter() - started
    json.dump({"predictions": predictions, "seconds": elapsed}, sys.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--system", choices=SYSTEMS, help="run one system (internal)")
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per system, alternated; speed is the median"
    )
    args = parser.parse_args()
    if args.system:
        run_worker(args.system, args.data)
        return
    truth_items = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {pid: item["articleBody"] for pid, item in truth_items.items()}
    speeds: dict[str, list[float]] = {system: [] for system in SYSTEMS}
    predictions: dict[str, dict[str, str]] = {}
    for _ in range(args.repeat):
        for system in SYSTEMS:
            done = subprocess.run(
                [sys.executable, __file__, "--data", str(args.data), "--system", system],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(done.stdout)
            predictions[system] = result["predictions"]
            speeds[system].append(len(result["predictions"]) / result["seconds"])
    for system in SYSTEMS:
        line: dict[str, object] = {"system": system, **score(predictions[system], truth)}
        line["pages_per_s"] = round(statistics.median(speeds[system]), 2)
        print(json.dumps(line), flush=True)
        if args.misses:
            report_misses(system, predictions[system], truth, args.misses)


def report_misses(system: str, predictions: dict[str, str], truth: dict[str, str], n: int) -> None:
    rows = []
    for pid, gold in truth.items():
        tp, fp, fn = page_scores(predictions.get(pid, ""), gold)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        rows.append((min(p, r), pid, round(p, 3), round(r, 3)))
    for _, pid, p, r in sorted(rows)[:n]:
        print(f"{system}\t{pid}\tP={p}\tR={r}", file=sys.stderr)


if __name__ == "__main__":
    main()
