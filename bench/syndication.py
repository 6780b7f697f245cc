"""Syndicated-copy detection against a corpus built by make_corpus.py.

Usage: bench/syndication.py --data DIR [--system blocwatch|minhash]

Prints one JSON line per system: pairwise precision, recall and F1 of the copy
groups, adjusted Rand index against ``DIR/gold.jsonl``, articles per second and the
peak resident memory of the process that ran the system (and the peak after loading
the corpus, before the system ran: the difference is the system's own). Without ``--system`` each
system runs in its own child process so that memory figures do not mix.

The baseline is plain datasketch MinHash LSH: 5-word shingles hashed by datasketch's
default SHA-1, one Jaccard threshold, groups as connected components of LSH hits.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from datasketch import MinHash, MinHashLSH
from sklearn.metrics import adjusted_rand_score

from blocwatch.stories import CopyDetector

SYSTEMS = ("blocwatch", "minhash")


def load(data: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    with (data / "articles.jsonl").open() as lines:
        articles = [json.loads(line) for line in lines]
    with (data / "gold.jsonl").open() as lines:
        gold = {row["id"]: row["copy_of"] for row in map(json.loads, lines)}
    return articles, gold


def run_blocwatch(articles: list[dict[str, str]]) -> dict[str, str]:
    detector = CopyDetector()
    for article in articles:
        published = datetime.fromisoformat(article["published"]) if article["published"] else None
        detector.add(article["id"], article["text"], published=published, outlet=article["outlet"])
    return {article["id"]: str(detector.group_key(article["id"])) for article in articles}


def run_minhash(articles: list[dict[str, str]], threshold: float = 0.5) -> dict[str, str]:
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for article in articles:
        words = re.findall(r"\w+", article["text"].lower())
        minhash = MinHash(num_perm=128)
        minhash.update_batch(
            " ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))
        )
        parent[article["id"]] = article["id"]
        for hit in lsh.query(minhash):
            parent[find(hit)] = find(article["id"])
        lsh.insert(article["id"], minhash)
    return {key: find(key) for key in parent}


def pairs(labels: dict[str, str]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())


def score(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    ids = sorted(gold)
    joint: dict[tuple[str, str], int] = defaultdict(int)
    for key in ids:
        joint[(predicted[key], gold[key])] += 1
    true_positive = sum(n * (n - 1) // 2 for n in joint.values())
    predicted_pairs = pairs({k: predicted[k] for k in ids})
    gold_pairs = pairs(gold)
    precision = true_positive / predicted_pairs if predicted_pairs else 1.0
    recall = true_positive / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand_score([gold[k] for k in ids], [predicted[k] for k in ids])
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "ari": round(float(ari), 4),
    }


def run(system: str, data: Path) -> dict[str, object]:
    articles, gold = load(data)
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    predicted = run_blocwatch(articles) if system == "blocwatch" else run_minhash(articles)
    elapsed = time.perf_counter() - started
    return {
        "system": system,
        "articles": len(articles),
        **score(predicted, gold),
        "articles_per_s": round(len(articles) / elapsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_after_loading_mb": round(loaded_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--system", choices=SYSTEMS)
    args = parser.parse_args()
    if args.system:
        print(json.dumps(run(args.system, args.data)))
        return
    for system in SYSTEMS:
        command = [sys.executable, __file__, "--data", str(args.data), "--system", system]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
