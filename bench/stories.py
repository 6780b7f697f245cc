"""Story clustering on ECB+ (reports of one real-world event), on the seed pages and on
the bundled sample corpus.

Usage: bench/stories.py [--ecb FILE] [--seeds DIR --gold FILE] [--sample]

``--ecb`` prints one JSON line per system: the adjusted Rand index of the stories
against the ``subtopic`` labels (each ECB+ topic holds two similar but different
events), for blocwatch's online clusterer (articles fed one at a time in file order)
and for the baseline, plain TF-IDF with average-link agglomerative clustering over the
whole set at a cosine distance of ``--baseline-distance`` (0.85, the baseline's best on
a sweep of 0.7-0.9; its cv row chooses its own). ECB+ has no dates, so the time window plays no part: the text
carries it all. ``--embeddings`` adds a run with sentence embeddings as the text view
(needs the ``[embeddings]`` extra).

Cross-validation (``"split": "cv"``) is leave-topics-out: ECB+ topics are dealt into
five folds; blocwatch's join and merge thresholds and the baseline's distance are
chosen on the other folds' topics (best and flat to ±20%, see ``crossval.py``) and
measured on the held-out topics, whose predictions are pooled into one score. The
clustering itself is unsupervised and runs once per setting over all documents (as it
would in use, with the whole stream's word statistics); only the gold labels are split.
``"split": "dev"`` is the shipped setting on every document. Each row reports over- and
under-merging apart: pairwise precision (pairs placed together that belong together)
and recall (pairs that belong together and were placed together), with the number of
wrongly joined and wrongly split pairs. The curves go to stderr.

``--seeds`` and ``--sample`` run the real pipeline (cleaning, actors, dates, quotes,
events, then stories, through a temporary SQLite store), so the clusterer sees what it
sees in use: publication dates only where the page prints one. ``--seeds`` prints the
grouping of the seed pages and whether each constraint of the gold file's ``stories``
holds (``same_event`` pages together; ``alone`` pages, and every page of another gold
group, kept out of a same-event story). ``--sample`` scores the bundled sample corpus
against the ``story`` slugs of its manifest: adjusted Rand index and pairwise precision,
recall and F1 (a pair is two articles placed in one story).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import TypeVar

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from blocwatch.demo import sample_corpus_dir
from blocwatch.ingest.files import read_inputs
from blocwatch.model import Article
from blocwatch.run import ingest, rebuild_stories
from blocwatch.stages import actors_in, default_pipeline, learn_furniture
from blocwatch.store import Store
from blocwatch.stories import SentenceEmbedder, StoryClusterer
from crossval import cross_validate, group_folds, print_curve

S = TypeVar("S", tuple[float, float], float)


BLOCWATCH_GRID = [
    (join, merge)
    for join in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
    for merge in (0.12, 0.15, 0.18, 0.21, 0.24, 0.27, 0.3)
]
"""(threshold, merge_threshold) of :class:`StoryClusterer` swept for cross-validation."""
BASELINE_GRID = [0.06, 0.08, 0.1, 0.12, 0.14, 0.15, 0.16, 0.18, 0.2, 0.24, 0.3]
"""Cosine similarities (1 - distance) swept for the TF-IDF average-link baseline: as a
similarity, ±20% is a neighbourhood as narrow as the blocwatch thresholds'."""


def run_blocwatch(texts: list[str], *, embeddings: bool = False) -> list[str]:
    clusterer = StoryClusterer(embedder=SentenceEmbedder() if embeddings else None)
    for i, text in enumerate(texts):
        clusterer.add(Article(id=str(i), text=text))
    return _labels(clusterer, len(texts))


def _labels(clusterer: StoryClusterer, count: int) -> list[str]:
    story_of = {i: story.id for story in clusterer.stories() for i in story.article_ids}
    return [story_of[str(i)] for i in range(count)]


def sweep_blocwatch(texts: list[str]) -> dict[tuple[float, float], list[str]]:
    """Stories under every setting of the grid; the online pass runs once per join
    threshold, and each merge threshold consolidates a copy of its result."""
    runs: dict[tuple[float, float], list[str]] = {}
    for join in sorted({join for join, _ in BLOCWATCH_GRID}):
        online = StoryClusterer(threshold=join)
        for i, text in enumerate(texts):
            online.add(Article(id=str(i), text=text))
        for merge in sorted({merge for j, merge in BLOCWATCH_GRID if j == join}):
            clusterer = copy.deepcopy(online)
            clusterer.merge_threshold = merge
            runs[join, merge] = _labels(clusterer, len(texts))
    return runs


def run_baseline(texts: list[str], distance: float) -> list[int]:
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    return [int(label) for label in clustering.fit_predict(matrix.toarray())]


def pair_counts(gold: Sequence[object], predicted: Sequence[object]) -> dict[str, float]:
    """Over- and under-merging apart: pairwise precision and recall, wrong joins and splits."""
    together_gold = _pair_set(gold)
    together_predicted = _pair_set(predicted)
    hits = len(together_gold & together_predicted)
    return {
        "pair_precision": round(hits / len(together_predicted), 4) if together_predicted else 1.0,
        "pair_recall": round(hits / len(together_gold), 4) if together_gold else 1.0,
        "wrong_joins": len(together_predicted - together_gold),
        "wrong_splits": len(together_gold - together_predicted),
    }


def _pair_set(labels: Sequence[object]) -> set[tuple[int, int]]:
    members: dict[object, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def _figures(gold: Sequence[str], predicted: Sequence[object]) -> dict[str, object]:
    return {
        "ari": round(float(adjusted_rand_score(gold, predicted)), 4),
        **pair_counts(gold, predicted),
        "stories": len(set(predicted)),
        "gold_stories": len(set(gold)),
    }


def _cv_row(
    system: str,
    runs: dict[S, Sequence[object]],
    gold: list[str],
    folds: list[list[int]],
) -> dict[str, object]:
    """Leave-topics-out figures of one system from its runs under every setting."""

    def ari(setting: S, indices: Sequence[int]) -> float:
        labels = runs[setting]
        return float(adjusted_rand_score([gold[i] for i in indices], [labels[i] for i in indices]))

    result = cross_validate(list(runs), ari, folds)
    curve = {setting: ari(setting, range(len(gold))) for setting in runs}
    print_curve(f"ecb+ ari of {system} by setting", curve, result.dev_choice)
    pooled = [
        f"{fold}:{runs[result.chosen_per_item[i]][i]}"
        for fold, indices in enumerate(folds)
        for i in indices
    ]
    order = [i for indices in folds for i in indices]
    return {
        "system": system,
        "split": "cv",
        "documents": len(gold),
        **_figures([gold[i] for i in order], pooled),
        "folds": len(folds),
        "chosen_per_fold": [_plain(s) for s in result.chosen_per_fold],
        "dev_choice": _plain(result.dev_choice),
    }


def _plain(setting: object) -> object:
    return list(setting) if isinstance(setting, tuple) else setting


def ecb(path: Path, baseline_distance: float, embeddings: bool, cv: bool) -> None:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    texts = [re.sub(r" (?=[,.;:!?')])|(?<=[(]) ", "", row["text"]) for row in rows]
    gold = [row["subtopic"] for row in rows]
    systems = ["blocwatch", "tfidf_average_link"]
    if embeddings:
        systems.append("blocwatch_embeddings")
    for system in systems:
        started = time.perf_counter()
        if system.startswith("blocwatch"):
            predicted: list[str] | list[int] = run_blocwatch(
                texts, embeddings=system == "blocwatch_embeddings"
            )
        else:
            predicted = run_baseline(texts, baseline_distance)
        elapsed = time.perf_counter() - started
        result = {
            "system": system,
            "split": "dev",
            "documents": len(texts),
            **_figures(gold, predicted),
            "articles_per_s": round(len(texts) / elapsed, 1),
        }
        print(json.dumps(result), flush=True)
    if not cv:
        return
    folds = group_folds([str(row["topic"]) for row in rows], k=5)
    blocwatch_runs = sweep_blocwatch(texts)
    print(json.dumps(_cv_row("blocwatch", blocwatch_runs, gold, folds)), flush=True)
    baseline_runs = {s: run_baseline(texts, round(1.0 - s, 4)) for s in BASELINE_GRID}
    print(json.dumps(_cv_row("tfidf_average_link", baseline_runs, gold, folds)), flush=True)


def pipeline_stories(inputs: list[str]) -> dict[str, str]:
    """Story id of every input file's article (keyed by raw path), through the real pipeline."""
    with tempfile.TemporaryDirectory() as scratch:
        store = Store(f"sqlite:///{scratch}/bench.db")
        try:
            furniture = learn_furniture(read_inputs(inputs))
            ingest(
                store,
                read_inputs(inputs),
                default_pipeline(furniture=furniture),
                actors_of=actors_in,
            )
            rebuild_stories(store)
            raw_paths = {a.id: a.raw_path for a in store.iter_articles(with_facts=False)}
            rows = store.list_articles(limit=1_000_000)
        finally:
            store.close()
    return {
        Path(raw_paths[row.id] or row.id).name: row.story_id or row.id
        for row in rows
        if raw_paths.get(row.id)
    }


def seeds(directory: Path, gold_file: Path) -> dict[str, object]:
    gold = json.loads(gold_file.read_text())["stories"]
    inputs = [str(path) for path in sorted(directory.glob("*.txt"))]
    story_of = pipeline_stories(inputs)
    members: dict[str, list[str]] = {}
    for name in sorted(story_of):
        members.setdefault(story_of[name], []).append(name[:3])
    checks: dict[str, bool] = {}
    for group in gold.get("same_event", []):
        names = [name[:3] for name in group]
        checks["together " + "+".join(names)] = len({story_of[n] for n in group}) == 1
        others = [name for name in story_of if name not in group]
        for other in others:
            checks[f"{other[:3]} apart from {'+'.join(names)}"] = all(
                story_of[other] != story_of[n] for n in group
            )
    for name in gold.get("alone", []):
        checks[f"{name[:3]} alone"] = sum(s == story_of[name] for s in story_of.values()) == 1
    return {
        "system": "blocwatch-seeds",
        "stories": sorted(members.values()),
        "constraints_held": sum(checks.values()),
        "constraints": len(checks),
        "failed": [name for name, held in checks.items() if not held],
    }


def _pairs(labels: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    ordered = sorted(labels)
    return {(first, second) for (first, a), (second, b) in combinations(ordered, 2) if a == b}


def sample() -> dict[str, object]:
    corpus = sample_corpus_dir()
    manifest = json.loads((corpus / "MANIFEST.json").read_text())
    inputs = [
        str(path)
        for path in sorted(corpus.iterdir())
        if path.is_file() and path.name != "MANIFEST.json" and not path.name.startswith(".")
    ]
    started = time.perf_counter()
    story_of = pipeline_stories(inputs)
    elapsed = time.perf_counter() - started
    keys = sorted(key for key in manifest if key in story_of)
    gold = [manifest[key]["story"] for key in keys]
    predicted = [story_of[key] for key in keys]
    gold_pairs = _pairs(zip(keys, gold, strict=True))
    predicted_pairs = _pairs(zip(keys, predicted, strict=True))
    hits = len(gold_pairs & predicted_pairs)
    precision = hits / len(predicted_pairs) if predicted_pairs else 1.0
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "system": "blocwatch-sample",
        "documents": len(keys),
        "missing": len(manifest) - len(keys),
        "ari": round(float(adjusted_rand_score(gold, predicted)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "stories": len(set(predicted)),
        "gold_stories": len(set(gold)),
        "seconds": round(elapsed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb", type=Path)
    parser.add_argument("--baseline-distance", type=float, default=0.85)
    parser.add_argument("--embeddings", action="store_true", help="also with sentence embeddings")
    parser.add_argument(
        "--no-cv", action="store_true", help="skip the leave-topics-out sweep (minutes)"
    )
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--sample", action="store_true", help="the bundled sample corpus")
    args = parser.parse_args()
    if not (args.ecb or args.seeds or args.sample):
        parser.error("give --ecb FILE, --seeds DIR --gold FILE, or --sample")
    if bool(args.seeds) != bool(args.gold):
        parser.error("--seeds and --gold go together")
    if args.ecb:
        ecb(args.ecb, args.baseline_distance, args.embeddings, not args.no_cv)
    if args.seeds:
        print(json.dumps(seeds(args.seeds, args.gold)))
    if args.sample:
        print(json.dumps(sample()))


if __name__ == "__main__":
    main()
