"""Train the summary sentence ranker on articles with reference highlights.

Usage: bench/summary_ranker.py --data DIR [--out PATH]

Each prose sentence of an article (the summariser's own candidates) is labelled 1 when
it belongs to the greedy ROUGE oracle: up to three sentences added one at a time while
ROUGE-1 + ROUGE-2 F1 against the highlights still rises (rouge-score's tokenizer with
stemming, as the bench scores). A logistic regression over ``blocwatch.stories.ranker``'s
features is fitted to those labels (scikit-learn). Before it, the word model is fitted: a
logistic regression over each article word's features (``WORD_FEATURES``), labelled 1
when the highlights use the word (same tokens as the package's), whose probabilities
give the sentence model its expected-overlap features. Both models' weights, with the
sentence model's regularisation and the word budget chosen by cross-validation (flat
region, see ``crossval.py``), are written as JSON for the package to ship. ``bench/summaries.py``
uses the same functions to give each held-out fold a ranker trained on the other folds.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rouge_score.tokenizers import DefaultTokenizer

from blocwatch.model import Article
from blocwatch.stories import summarize_article
from blocwatch.stories.ranker import (
    FEATURES,
    RANKER_PATH,
    WORD_FEATURES,
    LinearModel,
    RankedSentence,
    SentenceRanker,
    base_features,
    expected_features,
    tokens,
    word_table,
)
from blocwatch.stories.summaries import _candidates, content_words
from crossval import flat_choice, group_folds

REGULARISATIONS = (0.01, 0.03, 0.1)
"""Inverse L2 strengths (scikit-learn's ``C``) tried; the data are a few thousand sentences."""
WORD_REGULARISATION = 1.0
"""The word model's ``C``: tens of thousands of words for 15 weights, so hardly binding."""
WORD_BUDGETS = (40, 50, 60, 70, 80, 90, 100, 120)
ORACLE_SENTENCES = 3
TRAINED_ON = (
    "{n} CNN/DailyMail articles with their human highlights (the FRANK release of the "
    "CNN/DM test set, research use), titled by the headline their address spells out; "
    "labels: the greedy ROUGE-1+2 oracle sentences against the highlights, and for the "
    "word model whether the highlights use each article word"
)

Setting = tuple[float, int]


@dataclass(frozen=True, slots=True)
class Example:
    """One article ready for training and scoring: features and labels of both models."""

    article: Article
    reference: Counter[str]
    base: list[list[float]]
    """Each sentence's features that need no word model (``BASE_FEATURES``)."""
    labels: list[int]
    tokens: list[list[str]]
    word_vectors: list[list[float]]
    word_labels: list[int]
    words: list[str]


def tokenize(text: str) -> list[str]:
    return list(_TOKENIZER.tokenize(text))


_TOKENIZER = DefaultTokenizer(use_stemmer=True)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(reference: Sequence[str], summary: Sequence[str], n: int) -> float:
    """ROUGE-N F1 as rouge-score computes it, on already tokenized texts."""
    ours, theirs = _ngrams(summary, n), _ngrams(reference, n)
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(ours.values())
    recall = overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def oracle_labels(sentences: Sequence[list[str]], reference: Sequence[str]) -> list[int]:
    """1 for each sentence of the greedy ROUGE-1+2 oracle, 0 for the others."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < ORACLE_SENTENCES:
        gains = []
        for index in range(len(sentences)):
            if index in chosen:
                continue
            tokens = [t for i in sorted([*chosen, index]) for t in sentences[i]]
            gains.append((rouge_n(reference, tokens, 1) + rouge_n(reference, tokens, 2), index))
        if not gains or max(gains)[0] <= best:
            break
        best, index = max(gains)
        chosen.append(index)
    return [int(i in chosen) for i in range(len(sentences))]


def prepare(article: Article, highlights: str) -> Example:
    candidates = _candidates(article)
    ranked = [RankedSentence(c.sentence.text, c.words, c.position) for c in candidates]
    reference = tokenize(highlights)
    labels = oracle_labels([tokenize(c.sentence.text) for c in candidates], reference)
    title_words = frozenset(content_words(article.title or ""))
    table = word_table(ranked, article.title or "")
    used = set(tokens(highlights))
    return Example(
        article=article,
        reference=Counter(reference),
        base=base_features(ranked, title_words),
        labels=labels,
        tokens=table.tokens,
        word_vectors=table.vectors,
        word_labels=[int(word in used) for word in table.words],
        words=table.words,
    )


def headline_from_url(url: str) -> str:
    """The headline a CNN/DM page's address spells out (``.../article-1/Kite-too-long.html``).

    The benchmark keeps no title, and a news article always has one: the address's last
    named segment is the page's headline in words.
    """
    segments = [s for s in url.rstrip("/").split("/") if s and not s.startswith("index.")]
    return segments[-1].removesuffix(".html").replace("-", " ") if segments else ""


def read_articles(data: Path) -> tuple[list[Article], list[str], list[dict[str, Any]]]:
    """Articles (titled from their address), their highlights one a line, and the records."""
    records = [json.loads(path.read_text()) for path in sorted(data.glob("*.json"))]
    articles = [
        Article(id=r["id"], text=r["article"], title=headline_from_url(r["url"])) for r in records
    ]
    highlights = ["\n".join(r["reference"].split(" . ")) for r in records]
    return articles, highlights, records


def _logistic(
    rows: list[list[float]], labels: list[int], regularisation: float, names: tuple[str, ...]
) -> LinearModel:
    """A logistic regression on standardised ``rows``, as a :class:`LinearModel`."""
    from sklearn.linear_model import LogisticRegression

    columns = list(zip(*rows, strict=True))
    mean = [sum(c) / len(c) for c in columns]
    scale = [
        math.sqrt(sum((v - m) ** 2 for v in c) / len(c)) or 1.0
        for c, m in zip(columns, mean, strict=True)
    ]
    standard = [[(v - m) / s for v, m, s in zip(r, mean, scale, strict=True)] for r in rows]
    model = LogisticRegression(C=regularisation, max_iter=5000).fit(standard, labels)
    return LinearModel(
        features=names,
        mean=tuple(mean),
        scale=tuple(scale),
        weights=tuple(float(w) for w in model.coef_[0]),
        intercept=float(model.intercept_[0]),
    )


def fit(examples: Sequence[Example], regularisation: float, word_budget: int) -> SentenceRanker:
    """The word model on ``examples``' words, then the sentence model that reads it."""
    words = _logistic(
        [row for example in examples for row in example.word_vectors],
        [label for example in examples for label in example.word_labels],
        WORD_REGULARISATION,
        WORD_FEATURES,
    )
    rows = []
    for example in examples:
        probability = {
            word: words.probability(vector)
            for word, vector in zip(example.words, example.word_vectors, strict=True)
        }
        expected = expected_features(example.tokens, probability)
        rows.extend(b + e for b, e in zip(example.base, expected, strict=True))
    labels = [label for example in examples for label in example.labels]
    return SentenceRanker(
        sentences=_logistic(rows, labels, regularisation, FEATURES),
        words=words,
        word_budget=word_budget,
        trained_on=TRAINED_ON.format(n=len(examples)),
    )


def summary_rouge1(example: Example, ranker: SentenceRanker, word_budget: int) -> float:
    summary = summarize_article(example.article, ranker=ranker, max_words=word_budget)
    tokens = tokenize("\n".join(sentence.text for sentence in summary))
    return rouge_n(list(example.reference.elements()), tokens, 1)


def choose_setting(examples: Sequence[Example], k: int = 4) -> tuple[Setting, dict[Setting, float]]:
    """Regularisation and word budget best and flat on ``k``-fold held-out ROUGE-1.

    Each fold is scored by a ranker fitted on the other folds only.
    """
    folds = group_folds([example.article.id for example in examples], k=k)
    totals: dict[Setting, float] = {}
    for regularisation in REGULARISATIONS:
        for fold in folds:
            held_out = set(fold)
            training = [e for i, e in enumerate(examples) if i not in held_out]
            ranker = fit(training, regularisation, WORD_BUDGETS[0])
            for budget in WORD_BUDGETS:
                score = sum(summary_rouge1(examples[i], ranker, budget) for i in fold)
                setting = (regularisation, budget)
                totals[setting] = totals.get(setting, 0.0) + score
    curve = {setting: 100 * total / len(examples) for setting, total in totals.items()}
    return flat_choice(curve), curve


def load(data: Path) -> list[Example]:
    articles, highlights, _ = read_articles(data)
    return [prepare(a, h) for a, h in zip(articles, highlights, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of CNN/DM *.json")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parents[1] / "src/blocwatch" / RANKER_PATH
    )
    args = parser.parse_args()
    examples = load(args.data)
    (regularisation, budget), curve = choose_setting(examples, k=5)
    ranker = fit(examples, regularisation, budget)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(ranker.to_json())
    print(
        json.dumps(
            {
                "articles": len(examples),
                "regularisation": regularisation,
                "word_budget": budget,
                "cv_rouge1_by_setting": {f"{c}/{b}": round(v, 2) for (c, b), v in curve.items()},
                "out": str(args.out),
            }
        )
    )


if __name__ == "__main__":
    main()
