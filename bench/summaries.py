"""Article summaries against CNN/DailyMail reference highlights.

Usage: bench/summaries.py --data DIR [--repeats N]

Prints one JSON line per system: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score,
stemming on; summary sentences on separate lines for Lsum), for blocwatch, Lead-3 (the
first three sentences of the same splitter) and every system output shipped with the
articles, plus articles per second for the two computed here (after one warm-up
article, so that one-off imports are not counted). Every blocwatch summary
sentence is checked to slice exactly out of its article (``spans_exact``).

Articles get the headline their address spells out as title (the set keeps none).
Systems: ``blocwatch`` (the learned sentence ranker shipped in
``data/summaries/sentence_ranker.json``, see ``summary_ranker.py``), ``lead_centrality``
(the hand-set lead prior plus centrality that stories still use, the previous article
summariser) and ``lead3``.

Cross-validation (``"split": "cv"``): the articles are dealt into five folds. For
blocwatch each held-out fold is summarised by a ranker fitted on the other four folds
only, its regularisation and word budget chosen by a four-fold cross-validation inside
those four (best and flat to ±20%, see ``crossval.py``); ROUGE is averaged over all
held-out articles. Its ``"split": "dev"`` row is the shipped ranker, fitted on all the
articles. For lead_centrality the lead weight is chosen on four folds and the fifth is
summarised with it. Lead-3 and the shipped system outputs choose nothing, so their cv
rows repeat their dev figures. Each cv row also gives ROUGE-1 per held-out fold and its
difference from Lead-3 on the same articles, with the spread (standard deviation) of
those differences: with 116 articles a gain smaller than that spread is not a gain.
The whole nested cross-validation is then repeated on other deals of the same articles
into five folds (``--repeats``, the first deal being the one above): the margin over
Lead-3 on one deal moves by half a point from deal to deal, so the cv row also gives
the margin of ROUGE-1, ROUGE-2 and ROUGE-Lsum over Lead-3 on each deal and their mean,
the figure least bound to one lucky split.
Curves go to stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rouge_score import rouge_scorer

import blocwatch.stories.summaries as summaries
from blocwatch.model import Article
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories import summarize_article
from crossval import cross_validate, group_folds, print_curve
from summary_ranker import Example, choose_setting, fit, prepare, read_articles

METRICS = ("rouge1", "rouge2", "rougeLsum")
LEAD_WEIGHTS = (3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 30.0)
"""The lead prior's weights swept for cross-validation of lead_centrality."""
FOLDS = 5
REPEATS = 3
"""Deals of the articles into folds over which the nested cross-validation is repeated."""

Scores = list[dict[str, float]]


def checked(article: Article, summary: Sequence[summaries.SummarySentence]) -> list[str]:
    for sentence in summary:
        if sentence.evidence.span.slice(article.text) != sentence.text:
            raise AssertionError(f"{article.id}: summary span does not slice its text")
    return [sentence.text for sentence in summary]


def blocwatch_summary(article: Article) -> list[str]:
    return checked(article, summarize_article(article))


def lead_centrality(article: Article, lead_weight: float = summaries.LEAD_WEIGHT) -> list[str]:
    """The previous article summariser: lead prior plus centrality, three sentences."""
    candidates = summaries._candidates(article)
    summaries._score(candidates, lead_weight=lead_weight)
    chosen = summaries._select(candidates, 3, redundancy=summaries._RESTATEMENT)
    chosen.sort(key=lambda c: c.sentence.index)
    return [c.sentence.text for c in chosen]


def lead3(article: Article) -> list[str]:
    return [sentence.text for sentence in split_sentences(article.text)[:3]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of CNN/DM *.json")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="deals of the folds")
    args = parser.parse_args()
    articles, references, records = read_articles(args.data)
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def rouge(outputs: list[str]) -> Scores:
        return [
            {m: v.fmeasure for m, v in scorer.score(reference, output).items()}
            for output, reference in zip(outputs, references, strict=True)
        ]

    computed: dict[str, Callable[[Article], list[str]]] = {
        "blocwatch": blocwatch_summary,
        "lead_centrality": lead_centrality,
        "lead3": lead3,
    }
    lead3_scores = rouge(["\n".join(lead3(article)) for article in articles])
    deals = [
        group_folds([f"{deal}:{a.id}" if deal else a.id for a in articles], k=FOLDS)
        for deal in range(max(args.repeats, 1))
    ]
    for system, summarize in computed.items():
        summarize(articles[0])  # one-off imports (stop words, weights) stay out of the timing
        started = time.perf_counter()
        outputs = ["\n".join(summarize(article)) for article in articles]
        elapsed = time.perf_counter() - started
        speed = {"articles_per_s": round(len(articles) / elapsed, 1)}
        dev = rouge(outputs)
        if system == "blocwatch":
            examples = [prepare(a, r) for a, r in zip(articles, references, strict=True)]
            runs = [ranker_cross_validated(examples, rouge, folds) for folds in deals]
        elif system == "lead_centrality":
            runs = [lead_weight_cross_validated(articles, rouge, folds) for folds in deals]
        else:
            runs = [(_mean(dev), dev)] * len(deals)
        held_out, per_article = runs[0]
        spread = _against_baseline(per_article, lead3_scores, deals[0])
        repeated = _over_deals([scores for _, scores in runs], lead3_scores)
        print(json.dumps({"system": system, "split": "dev", **_mean(dev), **speed}))
        row = {"system": system, "split": "cv", **held_out, **spread, **repeated}
        print(json.dumps(row), flush=True)
    for system in sorted(records[0]["systems"]):
        outputs = ["\n".join(r["systems"][system].split(" . ")) for r in records]
        for split in ("dev", "cv"):
            print(json.dumps({"system": system, "split": split, **_mean(rouge(outputs))}))


def _mean(per_article: Scores) -> dict[str, object]:
    return {
        "articles": len(per_article),
        **{m: round(100 * sum(a[m] for a in per_article) / len(per_article), 2) for m in METRICS},
    }


def _against_baseline(
    scores: Scores, baseline: Scores, folds: list[list[int]]
) -> dict[str, object]:
    """ROUGE-1 per fold, its difference from Lead-3 per fold, and their spread."""
    per_fold = [sum(scores[i]["rouge1"] for i in fold) / len(fold) for fold in folds]
    deltas = [
        sum(scores[i]["rouge1"] - baseline[i]["rouge1"] for i in fold) / len(fold) for fold in folds
    ]
    mean = sum(deltas) / len(deltas)
    spread = math.sqrt(sum((d - mean) ** 2 for d in deltas) / max(len(deltas) - 1, 1))
    return {
        "rouge1_per_fold": [round(100 * v, 2) for v in per_fold],
        "rouge1_minus_lead3_per_fold": [round(100 * d, 2) for d in deltas],
        "rouge1_minus_lead3_fold_sd": round(100 * spread, 2),
    }


def _over_deals(runs: list[Scores], baseline: Scores) -> dict[str, object]:
    """Each metric's margin over Lead-3 on each deal of the folds, and its mean."""
    figures: dict[str, object] = {"deals": len(runs)}
    for metric in METRICS:
        margins = [
            100 * sum(s[metric] - b[metric] for s, b in zip(run, baseline, strict=True)) / len(run)
            for run in runs
        ]
        figures[f"{metric}_minus_lead3_per_deal"] = [round(m, 2) for m in margins]
        figures[f"{metric}_minus_lead3_mean_over_deals"] = round(sum(margins) / len(margins), 2)
    return figures


def ranker_cross_validated(
    examples: list[Example], rouge: Callable[[list[str]], Scores], folds: list[list[int]]
) -> tuple[dict[str, object], Scores]:
    """k-fold figures of the ranker: each fold summarised by a ranker fitted without it."""
    outputs = [""] * len(examples)
    chosen = []
    for fold in folds:
        held_out = set(fold)
        training = [e for i, e in enumerate(examples) if i not in held_out]
        (regularisation, budget), _ = choose_setting(training, k=FOLDS - 1)
        ranker = fit(training, regularisation, budget)
        chosen.append([regularisation, budget])
        for i in fold:
            article = examples[i].article
            outputs[i] = "\n".join(checked(article, summarize_article(article, ranker=ranker)))
    scores = rouge(outputs)
    return {**_mean(scores), "folds": len(folds), "chosen_per_fold": chosen}, scores


def lead_weight_cross_validated(
    articles: list[Article], rouge: Callable[[list[str]], Scores], folds: list[list[int]]
) -> tuple[dict[str, object], Scores]:
    """k-fold figures of lead_centrality, the lead weight chosen on the training folds."""
    per_weight = {
        weight: rouge(["\n".join(lead_centrality(a, weight)) for a in articles])
        for weight in LEAD_WEIGHTS
    }

    def rouge1(weight: float, indices: Sequence[int]) -> float:
        return sum(per_weight[weight][i]["rouge1"] for i in indices) / max(len(indices), 1)

    result = cross_validate(list(LEAD_WEIGHTS), rouge1, folds)
    curve = {w: round(100 * rouge1(w, range(len(articles))), 2) for w in LEAD_WEIGHTS}
    print_curve("cnn/dm rouge-1 of lead_centrality by lead weight", curve, result.dev_choice)
    pooled = [per_weight[result.chosen_per_item[i]][i] for i in range(len(articles))]
    held_out = {
        **_mean(pooled),
        "folds": len(folds),
        "chosen_per_fold": result.chosen_per_fold,
        "dev_choice": result.dev_choice,
    }
    return held_out, pooled


if __name__ == "__main__":
    sys.exit(main())
