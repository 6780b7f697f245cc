"""Article summaries against CNN/DailyMail reference highlights.

Usage: bench/summaries.py --data DIR

Prints one JSON line per system: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score,
stemming on; summary sentences on separate lines for Lsum), for blocwatch, Lead-3 (the
first three sentences of the same splitter) and every system output shipped with the
articles, plus articles per second for the two computed here (after one warm-up
article, so that one-off imports are not counted). Every blocwatch summary
sentence is checked to slice exactly out of its article (``spans_exact``).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from rouge_score import rouge_scorer

from blocwatch.model import Article
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories import summarize_article

METRICS = ("rouge1", "rouge2", "rougeLsum")


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

    def report(system: str, outputs: list[str], extra: dict[str, object]) -> None:
        totals: dict[str, float] = defaultdict(float)
        for output, reference in zip(outputs, references, strict=True):
            for metric, value in scorer.score(reference, output).items():
                totals[metric] += value.fmeasure
        scores = {m: round(100 * totals[m] / len(outputs), 2) for m in METRICS}
        print(json.dumps({"system": system, "articles": len(outputs), **scores, **extra}))

    computed: dict[str, Callable[[Article], list[str]]] = {
        "blocwatch": blocwatch_summary,
        "lead3": lead3,
    }
    for system, summarize in computed.items():
        summarize(articles[0])  # one-off imports (stop words) stay out of the timing
        started = time.perf_counter()
        outputs = ["\n".join(summarize(article)) for article in articles]
        elapsed = time.perf_counter() - started
        report(system, outputs, {"articles_per_s": round(len(articles) / elapsed, 1)})
    for system in sorted(records[0]["systems"]):
        outputs = ["\n".join(r["systems"][system].split(" . ")) for r in records]
        report(system, outputs, {})


if __name__ == "__main__":
    main()
