"""Article summaries against CNN/DailyMail reference highlights.

Usage: bench/summaries.py --data DIR

Prints one JSON line per system: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score,
stemming on; summary sentences on separate lines for Lsum), for blocwatch, Lead-3 (the
first three sentences of the same splitter) and every system output shipped with the
articles, plus articles per second for the two computed here (after one warm-up
article, so that one-off imports are not counted). Every blocwatch summary
sentence is checked to slice exactly out of its article (``spans_exact``).

Cross-validation (``"split": "cv"``): the articles are dealt into five folds; the
weight of the lead prior (``LEAD_WEIGHT`` in ``blocwatch.stories.summaries``) is chosen
on four folds (best and flat to ±20%, see ``crossval.py``) and the fifth is summarised
with it; ROUGE is averaged over all held-out articles. ``"split": "dev"`` is the shipped
weight on all articles. Lead-3 and the shipped system outputs choose nothing, so their
cv rows repeat their dev figures. The curve goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from blocwatch.model import Article
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories import summarize_article
from blocwatch.stories.summaries import LEAD_WEIGHT as SHIPPED_LEAD_WEIGHT
from crossval import cross_validate, group_folds, print_curve

METRICS = ("rouge1", "rouge2", "rougeLsum")
LEAD_WEIGHTS = (3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 30.0)
"""The lead prior's weights swept for cross-validation."""


def blocwatch_summary(article: Article) -> list[str]:
    summary = summarize_article(article)
    for sentence in summary:
        if sentence.evidence.span.slice(article.text) != sentence.text:
            raise AssertionError(f"{article.id}: summary span does not slice its text")
    return [sentence.text for sentence in summary]


def lead3(article: Article) -> list[str]:
    return [sentence.text for sentence in split_sentences(article.text)[:3]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    records = [json.loads(path.read_text()) for path in sorted(args.data.glob("*.json"))]
    articles = [Article(id=record["id"], text=record["article"]) for record in records]
    references = ["\n".join(r["reference"].split(" . ")) for r in records]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def rouge(outputs: list[str]) -> list[dict[str, float]]:
        return [
            {m: v.fmeasure for m, v in scorer.score(reference, output).items()}
            for output, reference in zip(outputs, references, strict=True)
        ]

    def report(system: str, per_article: list[dict[str, float]], extra: dict[str, object]) -> None:
        for split in ("dev", "cv"):
            scores = {
                m: round(100 * sum(a[m] for a in per_article) / len(per_article), 2)
                for m in METRICS
            }
            row = {
                "system": system,
                "split": split,
                "articles": len(per_article),
                **scores,
                **extra,
            }
            print(json.dumps(row), flush=True)

    computed: dict[str, Callable[[Article], list[str]]] = {
        "blocwatch": blocwatch_summary,
        "lead3": lead3,
    }
    for system, summarize in computed.items():
        summarize(articles[0])  # one-off imports (stop words) stay out of the timing
        started = time.perf_counter()
        outputs = ["\n".join(summarize(article)) for article in articles]
        elapsed = time.perf_counter() - started
        speed = {"articles_per_s": round(len(articles) / elapsed, 1)}
        if system == "blocwatch":
            dev = rouge(outputs)
            cv = cross_validated(articles, rouge)
            print(json.dumps({"system": system, "split": "dev", **_mean(dev), **speed}))
            print(json.dumps({"system": system, "split": "cv", **cv}), flush=True)
        else:
            report(system, rouge(outputs), speed)
    for system in sorted(records[0]["systems"]):
        outputs = ["\n".join(r["systems"][system].split(" . ")) for r in records]
        report(system, rouge(outputs), {})


def _mean(per_article: list[dict[str, float]]) -> dict[str, object]:
    return {
        "articles": len(per_article),
        **{m: round(100 * sum(a[m] for a in per_article) / len(per_article), 2) for m in METRICS},
    }


def cross_validated(
    articles: list[Article], rouge: Callable[[list[str]], list[dict[str, float]]]
) -> dict[str, object]:
    """k-fold figures of blocwatch, the lead weight chosen on the training folds."""
    import blocwatch.stories.summaries as summaries

    per_weight: dict[float, list[dict[str, float]]] = {}
    for weight in LEAD_WEIGHTS:
        summaries.LEAD_WEIGHT = weight
        per_weight[weight] = rouge(["\n".join(blocwatch_summary(a)) for a in articles])
    summaries.LEAD_WEIGHT = SHIPPED_LEAD_WEIGHT
    folds = group_folds([article.id for article in articles], k=5)

    def rouge1(weight: float, indices: Sequence[int]) -> float:
        return sum(per_weight[weight][i]["rouge1"] for i in indices) / max(len(indices), 1)

    result = cross_validate(list(LEAD_WEIGHTS), rouge1, folds)
    curve = {w: round(100 * rouge1(w, range(len(articles))), 2) for w in LEAD_WEIGHTS}
    print_curve("cnn/dm rouge-1 of blocwatch by lead weight", curve, result.dev_choice)
    pooled = [per_weight[result.chosen_per_item[i]][i] for i in range(len(articles))]
    return {
        **_mean(pooled),
        "folds": len(folds),
        "chosen_per_fold": result.chosen_per_fold,
        "dev_choice": result.dev_choice,
    }


if __name__ == "__main__":
    main()
