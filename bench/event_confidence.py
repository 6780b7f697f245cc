"""Event confidence: fit the model on the development data, and measure its calibration.

    python bench/event_confidence.py --data ../shared/bench            # figures only
    python bench/event_confidence.py --data ../shared/bench --write    # and refit the weights

Every event blocwatch codes on the development data is labelled *right* when its type
(or an alternative type the gold allows) and its source and target match the gold:

* ``events/plover_gsr_dev.json``: one gold event per record, compared as
  ``bench/events.py`` does (country part of the CAMEO actor codes, a plan read as the
  intent CAMEO codes it as); other events in the sentence count as wrong;
* ``events/PETR2_GSR_validation.xml``: every coding of the sentence, its CAMEO root
  code turned into a PLOVER type by ``CAMEO2PLOVER-2021.txt``; a sentence with no
  coding holds no event;
* ``bench/realnews/gold.jsonl``, ``dev2.jsonl``, ``blind2``-``blind4.jsonl`` and ``blind7.jsonl`` (the
  real-news development golds, never the held-out ``blind5`` and ``blind6``): the matching rules of ``bench/realnews.py``, identical events in a sentence
  counted once, events in sentences the gold does not list wrong.

The features of each record (:func:`blocwatch.nlp.events.confidence.event_features`)
feed a logistic regression (scikit-learn, L2), in which the real-news events weigh as
much as the two sentence benchmarks' together. Its strength is chosen by an inner
cross-validation (log loss summed over three partitions into inner folds), and every figure on the ``cv`` rows comes from folds grouped by
article or record that the model did not see. The confidence floor is chosen on the
held-out scores of the real-news events (what the default view is read on; the
sentence benchmarks help fit the model, not choose where pages cut) as the lowest
threshold from which precision stays at or above
0.8 (``--target``) for every higher threshold with at least 20 events left, on a flat
stretch (the worst precision within ±20% of the threshold reaches it too); its curve is
printed to stderr so the flatness around it can be seen. When no threshold gets there,
the row says so (``floor_reaching_target`` null) and the figures are given at today's
``settings.min_confidence``. ``dev`` rows are the model
fitted and scored on everything; ``hand_set_confidence`` rows score the hand-set
confidence the coder used before, with its 0.5 floor.

``--write`` stores the model fitted on all the data in
``src/blocwatch/data/events/confidence.json``: the one command to rerun when the coder
changes. ``--cache`` keeps the coded events (rerunning the coder takes minutes).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from blocwatch.nlp.events.confidence import ConfidenceModel
from crossval import FLAT_WIDTH, group_folds

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(4, 19))
C_VALUES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MIN_KEPT = 20
INNER_PARTITIONS = 3
"""Partitions into inner folds the regularisation is chosen on, their losses summed."""
REPEATS = 5
"""Partitions into folds the floor is chosen on, pooled (the first is the ``cv`` rows')."""
WEIGHTS = Path(__file__).parents[1] / "src/blocwatch/data/events/confidence.json"


@dataclass
class Item:
    """One labelled event record."""

    data: str
    group: str
    features: dict[str, float]
    right: bool
    hand_set: float
    realnews: dict[str, Any] = field(default_factory=dict)
    """For real-news items: the file and the event in ``realnews_score`` terms."""


# --------------------------------------------------------------------------- labels


def collect(data: Path) -> list[Item]:
    from event_confidence_data import petr_items, plover_items, realnews_items

    items = plover_items(data / "events/plover_gsr_dev.json")
    items += petr_items(
        data / "events/PETR2_GSR_validation.xml", data / "events/CAMEO2PLOVER-2021.txt"
    )
    items += realnews_items(data)
    return items


def _to_json(item: Item) -> dict[str, Any]:
    return {
        "data": item.data,
        "group": item.group,
        "features": item.features,
        "right": item.right,
        "hand_set": item.hand_set,
        "realnews": item.realnews,
    }


# --------------------------------------------------------------------------- model


def _matrix(items: Sequence[Item], names: Sequence[str]) -> list[list[float]]:
    return [[item.features.get(name, 0.0) for name in names] for item in items]


def fit(items: Sequence[Item], c: float) -> dict[str, float]:
    """Weights by feature name, the intercept as ``bias``."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({n for item in items for n in item.features} - {"bias"})
    labels = [int(item.right) for item in items]
    if len(set(labels)) < 2:
        share = sum(labels) / max(1, len(labels))
        return {"bias": math.log((share + 0.01) / (1.01 - share))}
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(_matrix(items, names), labels, sample_weight=_weights(items))
    weights = {"bias": float(model.intercept_[0])}
    weights.update((n, float(w)) for n, w in zip(names, model.coef_[0], strict=True))
    return weights


def _weights(items: Sequence[Item]) -> list[float]:
    """Real news, the kind of text blocwatch reads, weighs as much as the two sentence
    benchmarks together (it has fewer events, and the benchmarks' curated sentences are
    easier than news)."""
    news = sum(item.data == "realnews" for item in items)
    rest = len(items) - news
    share = rest / news if news and rest else 1.0
    return [share if item.data == "realnews" else 1.0 for item in items]


def predict(weights: dict[str, float], item: Item) -> float:
    return ConfidenceModel(weights).score(item.features)


def log_loss(scores: Sequence[float], items: Sequence[Item]) -> float:
    total = 0.0
    for p, item in zip(scores, items, strict=True):
        p = min(1 - 1e-6, max(1e-6, p))
        total -= math.log(p if item.right else 1 - p)
    return total / max(1, len(items))


def choose_c(items: Sequence[Item]) -> float:
    """The regularisation with the best held-out log loss over grouped inner folds, summed
    over ``INNER_PARTITIONS`` partitions into them: on one partition C = 0.3 and 1.0 came
    within a hair of each other, and a change to two events' coding flipped the full fit
    from one to the other."""
    groups = [item.group for item in items]
    partitions = [
        group_folds(groups, 5, salt=f"inner{k}" if k else "") for k in range(INNER_PARTITIONS)
    ]

    def held_out_loss(c: float) -> float:
        return sum(
            log_loss(oof_scores(items, folds, lambda train: fit(train, c)), items)
            for folds in partitions
        )

    return min(C_VALUES, key=held_out_loss)


def oof_scores(items: Sequence[Item], folds: list[list[int]], fitter: Any) -> list[float]:
    scores = [0.0] * len(items)
    for fold in folds:
        held = set(fold)
        weights = fitter([item for i, item in enumerate(items) if i not in held])
        for i in fold:
            scores[i] = predict(weights, items[i])
    return scores


# --------------------------------------------------------------------------- figures


def brier(scores: Sequence[float], items: Sequence[Item]) -> float:
    return sum((p - item.right) ** 2 for p, item in zip(scores, items, strict=True)) / max(
        1, len(items)
    )


def reliability(scores: Sequence[float], items: Sequence[Item]) -> list[dict[str, Any]]:
    """Mean score against the share right, in bins of 0.1."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for p, item in zip(scores, items, strict=True):
        bins.setdefault(min(9, int(p * 10)), []).append((p, item.right))
    return [
        {
            "bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}",
            "events": len(rows),
            "mean_score": round(sum(p for p, _ in rows) / len(rows), 3),
            "share_right": round(sum(r for _, r in rows) / len(rows), 3),
        }
        for b, rows in sorted(bins.items())
    ]


def curve(scores: Sequence[float], items: Sequence[Item]) -> dict[float, tuple[float, float, int]]:
    """Per threshold: precision, the share of right events kept, and events kept."""
    right_total = sum(item.right for item in items)
    out = {}
    for t in THRESHOLDS:
        kept = [item for p, item in zip(scores, items, strict=True) if p >= t]
        right = sum(item.right for item in kept)
        precision = right / len(kept) if kept else 1.0
        out[t] = (precision, right / max(1, right_total), len(kept))
    return out


def choose_floor(
    points: dict[float, tuple[float, float, int]], target: float, min_kept: int = MIN_KEPT
) -> float | None:
    """The lowest threshold whose precision, and that of every threshold above it, is at
    least ``target`` on a flat stretch: the worst precision among the thresholds within
    ±20% of each (``crossval.FLAT_WIDTH``, counting those with ``MIN_KEPT`` events or
    more) must reach it too. ``None`` when no threshold does."""
    ordered = [t for t in sorted(points) if points[t][2] >= min_kept]

    def flat(t: float) -> float:
        return min(points[u][0] for u in ordered if abs(u - t) <= FLAT_WIDTH * t + 1e-9)

    for i, t in enumerate(ordered):
        if all(flat(u) >= target for u in ordered[i:]):
            return t
    return None


def default_floor() -> float:
    """The floor pages and exports apply today (``settings.min_confidence``)."""
    from blocwatch.settings import Settings

    return float(Settings().min_confidence)


def _row(
    system: str, split: str, data: str, scores: list[float], items: list[Item], floor: float
) -> dict[str, Any]:
    points = curve(scores, items)
    at = _at(scores, items, floor)
    return {
        "system": system,
        "split": split,
        "data": data,
        "events": len(items),
        "share_right": round(sum(i.right for i in items) / max(1, len(items)), 3),
        "brier": round(brier(scores, items), 4),
        "log_loss": round(log_loss(scores, items), 4),
        "floor": floor,
        "precision_at_floor": round(at[0], 3),
        "right_kept_at_floor": round(at[1], 3),
        "events_kept_at_floor": at[2],
        "precision_recall_by_threshold": {
            f"{t:.2f}": [round(p, 3), round(r, 3), n] for t, (p, r, n) in points.items()
        },
        "reliability": reliability(scores, items),
    }


def _at(scores: Sequence[float], items: Sequence[Item], t: float) -> tuple[float, float, int]:
    kept = [item for p, item in zip(scores, items, strict=True) if p >= t]
    right = sum(item.right for item in kept)
    total = sum(item.right for item in items)
    return (right / len(kept) if kept else 1.0, right / max(1, total), len(kept))


def realnews_figures(items: list[Item], scores: list[float], floor: float) -> dict[str, Any]:
    """``bench/realnews.py``'s own event precision and recall at the floor."""
    from event_confidence_data import realnews_scores

    chosen = [(item, p) for item, p in zip(items, scores, strict=True) if item.data == "realnews"]
    return realnews_scores(chosen, floor)


def print_curve(name: str, points: dict[float, tuple[float, float, int]], floor: float) -> None:
    print(f"# {name}: threshold, precision, share of right kept, events kept", file=sys.stderr)
    for t, (p, r, n) in points.items():
        mark = "*" if t == floor else " "
        print(f"#  {mark} {t:.2f}  {p:.3f}  {r:.3f}  {n}", file=sys.stderr)


def report(items: list[Item], target: float) -> tuple[list[dict[str, Any]], dict[str, float]]:
    groups = [f"{item.data}:{item.group}" for item in items]
    folds = group_folds(groups, 5)
    chosen_c: list[float] = []

    def nested(train: list[Item]) -> dict[str, float]:
        c = choose_c(train)
        chosen_c.append(c)
        return fit(train, c)

    cv = oof_scores(items, folds, nested)
    # The same model without the hand-set prior: its penalties were set while watching
    # this development data, so only this row is free of any fitting to it.
    plain = [
        replace(i, features={k: v for k, v in i.features.items() if k != "prior_logit"})
        for i in items
    ]
    cv_plain = oof_scores(plain, folds, lambda train: fit(train, choose_c(train)))
    c_all = choose_c(items)
    weights = fit(items, c_all)
    dev = [predict(weights, item) for item in items]
    hand = [item.hand_set for item in items]
    news = [i for i, item in enumerate(items) if item.data == "realnews"]
    news_points = curve([cv[i] for i in news], [items[i] for i in news])
    # The default view is read on news articles: the floor is chosen on their held-out
    # scores. The sentence benchmarks train the model but are not what a reader sees.
    # One partition into folds moves a threshold's precision by a point or two, enough
    # to move the floor a whole step: it is chosen on REPEATS partitions pooled.
    pooled_scores, pooled_items = [cv[i] for i in news], [items[i] for i in news]
    for salt in range(1, REPEATS):
        again = group_folds(groups, 5, salt=f"repeat{salt}")
        scores = oof_scores(items, again, lambda train: fit(train, choose_c(train)))
        pooled_scores += [scores[i] for i in news]
        pooled_items += [items[i] for i in news]
    pooled_points = curve(pooled_scores, pooled_items)
    found = choose_floor(pooled_points, target, MIN_KEPT * REPEATS)
    floor = default_floor() if found is None else found
    points = curve(cv, items)
    print_curve("cv (held-out scores, all data)", points, floor)
    rows = []
    for data in ("all", "plover", "petr2", "realnews"):
        idx = [i for i, item in enumerate(items) if data in ("all", item.data)]
        subset = [items[i] for i in idx]
        for system, split, scores, at in (
            ("blocwatch", "cv", cv, floor),
            ("blocwatch", "dev", dev, floor),
            ("blocwatch_without_prior", "cv", cv_plain, floor),
            ("hand_set_confidence", "dev", hand, 0.5),
        ):
            row = _row(system, split, data, [scores[i] for i in idx], subset, at)
            if data == "realnews":
                row["realnews_bench_at_floor"] = realnews_figures(items, scores, at)
            rows.append(row)
    rows[0]["c_chosen_per_fold"] = chosen_c
    rows[0]["c_chosen_all"] = c_all
    rows[0]["target_precision"] = target
    rows[0]["floor_reaching_target"] = found
    rows[0]["floor_chosen_on"] = "realnews"
    rows[0]["floor_reaching_target_on_all_data"] = choose_floor(points, target)
    best = max((t for t, (_, _, n) in points.items() if n >= MIN_KEPT), key=lambda t: points[t][0])
    rows[0]["best_cv_precision_with_enough_events"] = [best, round(points[best][0], 3)]
    print_curve("realnews cv", news_points, floor)
    print_curve(f"realnews cv, {REPEATS} partitions pooled (the floor's)", pooled_points, floor)
    rows[0]["floor_partitions_pooled"] = REPEATS
    rows.extend(kind_out_rows(items, floor))
    return rows, weights


def text_kind(item: Item) -> str:
    """The kind of text an item comes from: the benchmark, or for real news its source
    collection (CNN/Daily Mail, PolNeAR, ECB+)."""
    if item.data != "realnews":
        return item.data
    for kind in ("cnndm", "polnear", "ecbplus", "extraction"):
        if kind in item.group:
            return f"realnews:{kind}"
    return "realnews"


def kind_out_rows(items: list[Item], floor: float) -> list[dict[str, Any]]:
    """Leave one kind of text out: the model fitted on every other kind scores this one.
    Held-out real news comes from sources the development gold holds little of, so this
    says how far the precision at the floor carries to a kind of text it was not fitted
    on, which article-grouped folds (each fold mixing every kind) do not."""
    kinds = [text_kind(item) for item in items]
    names = sorted(set(kinds))
    folds = [[i for i, k in enumerate(kinds) if k == name] for name in names]
    scores = oof_scores(items, folds, lambda train: fit(train, choose_c(train)))
    rows = []
    for name in names:
        idx = [i for i, k in enumerate(kinds) if k == name]
        row = _row(
            "blocwatch", "kind_out", name, [scores[i] for i in idx], [items[i] for i in idx], floor
        )
        rows.append(row)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--write", action="store_true", help="store the refitted weights")
    parser.add_argument("--target", type=float, default=0.8, help="precision the floor keeps")
    parser.add_argument("--cache", type=Path, help="JSON lines of coded events, reused")
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        items = [Item(**json.loads(line)) for line in args.cache.read_text().splitlines()]
    else:
        items = collect(args.data)
        if args.cache:
            args.cache.write_text("".join(json.dumps(_to_json(i)) + "\n" for i in items))
    rows, weights = report(items, args.target)
    for row in rows:
        print(json.dumps(row))
    if args.write:
        floor = rows[0]["floor"]
        document = {
            "about": "Logistic weights of blocwatch.nlp.events.confidence, written by "
            "bench/event_confidence.py --write from the development data.",
            "floor": floor,
            "events": len(items),
            "weights": {k: round(v, 4) for k, v in sorted(weights.items())},
        }
        WEIGHTS.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
