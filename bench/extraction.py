"""Article-body extraction on the Scrapinghub benchmark: blocwatch against plain trafilatura.

Usage: ``python bench/extraction.py --data ../shared/bench/extraction``

Each system runs in a fresh subprocess, because trafilatura keeps internal caches that
flatter a second pass over the same pages. Pages are read and decoded, and each system is
warmed up on one small page written here (imports, lazily loaded models such as the
language identifier's), before the clock starts: ``pages_per_s`` is the steady throughput
of a long run, not start-up time. The machine may be shared, so the systems take turns
(``--repeat`` runs each) and the median speed is reported. Prints one JSON line per system.
Pass ``--misses N`` to print the N worst pages of each system to stderr.

Cross-validation (``"split": "cv"``): the pages are grouped by registered domain (from
the ground truth's URL) into five folds, so no site is both chosen on and measured on.
The cleaner's settings (when to doubt trafilatura's body, when readability's body takes
over) are swept over a grid; each fold is measured with the setting that is best *and*
flat (stable to ±20%) on the other folds (see ``crossval.py``), and the held-out pages
of all folds are scored together. ``"split": "dev"`` is the shipped setting on all
pages. trafilatura has no setting chosen here, so its two rows are the same run. The
curve of the sweep goes to stderr.
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
from collections.abc import Iterable
from pathlib import Path

from crossval import cross_validate, group_folds, print_curve

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


def score(
    predictions: dict[str, str], truth: dict[str, str], pids: Iterable[str] | None = None
) -> dict[str, float]:
    """The benchmark's figures over ``pids`` (all pages when not given)."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    pids = list(truth if pids is None else pids)
    for pid in pids:
        gold = truth[pid]
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
        "accuracy": round(exact / len(pids), 4),
    }


GRID = {
    "doubt_ratio": (1.5, 1.75, 2.0, 2.5, 3.0),
    "takeover_ratio": (1.4, 1.6, 1.8, 2.0, 2.4),
}
"""The cleaner's settings swept for cross-validation (``blocwatch.clean.html`` constants)."""


def grid_settings() -> list[tuple[float, float]]:
    return [(d, t) for d in GRID["doubt_ratio"] for t in GRID["takeover_ratio"]]


def run_grid(data: Path) -> None:
    """blocwatch's predictions for every setting of the grid (no timing)."""
    import blocwatch.clean.html as cleaner

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    urls = {pid: item.get("url", "") for pid, item in truth.items()}
    pages = load_pages(data)
    out = {}
    for doubt, takeover in grid_settings():
        cleaner.DOUBT_RATIO, cleaner.TAKEOVER_RATIO = doubt, takeover
        out[f"{doubt},{takeover}"] = extract_all("blocwatch", pages, urls)
    json.dump(out, sys.stdout)


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
    parser.add_argument("--grid", action="store_true", help="run the settings grid (internal)")
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per system, alternated; speed is the median"
    )
    args = parser.parse_args()
    if args.system:
        run_worker(args.system, args.data)
        return
    if args.grid:
        run_grid(args.data)
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
    cv = cross_validated(args.data, truth, {pid: item["url"] for pid, item in truth_items.items()})
    for system in SYSTEMS:
        speed = round(statistics.median(speeds[system]), 2)
        dev = {"system": system, "split": "dev", **score(predictions[system], truth)}
        print(json.dumps({**dev, "pages_per_s": speed}), flush=True)
        if system == "blocwatch":
            print(json.dumps({"system": system, "split": "cv", **cv}), flush=True)
        else:
            print(json.dumps({**dev, "split": "cv", "pages_per_s": speed}), flush=True)
        if args.misses:
            report_misses(system, predictions[system], truth, args.misses)


def cross_validated(data: Path, truth: dict[str, str], urls: dict[str, str]) -> dict[str, object]:
    """blocwatch's figures by leave-sites-out cross-validation over the settings grid."""
    from tld import get_fld

    done = subprocess.run(
        [sys.executable, __file__, "--data", str(data), "--grid"],
        check=True,
        capture_output=True,
        text=True,
    )
    by_setting: dict[str, dict[str, str]] = json.loads(done.stdout)
    pids = sorted(truth)
    sites = [get_fld(urls[pid], fail_silently=True) or urls[pid] for pid in pids]
    folds = group_folds(sites, k=5)
    settings = grid_settings()

    def f1(setting: tuple[float, float], indices: Iterable[int]) -> float:
        predictions = by_setting[f"{setting[0]},{setting[1]}"]
        return score(predictions, truth, [pids[i] for i in indices])["f1"]

    result = cross_validate(settings, f1, folds)
    curve = {setting: f1(setting, range(len(pids))) for setting in settings}
    print_curve("extraction f1 by (doubt_ratio, takeover_ratio)", curve, result.dev_choice)
    pooled = {
        pids[i]: by_setting[f"{setting[0]},{setting[1]}"][pids[i]]
        for i, setting in result.chosen_per_item.items()
    }
    return {
        **score(pooled, truth),
        "folds": len(folds),
        "sites": len(set(sites)),
        "chosen_per_fold": [list(s) for s in result.chosen_per_fold],
        "dev_choice": list(result.dev_choice),
    }


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
