"""A learned sentence ranker for article summaries: a linear model over general features.

The lead prior alone (Lead-3) is hard to beat on news, and a hand-set mix of lead and
centrality ended up as Lead-3 in effect. This ranker learns the mix instead: a logistic
regression, trained on news articles with human highlights, predicts whether a sentence
belongs to the set of sentences that best matches the highlights (the greedy ROUGE
oracle). Its features are general properties of a sentence, none tied to one article:
where it stands, how long it is, how central its words are to the document, how much
it shares with the lead and the headline, and how dense it is in names, figures and
quotations.

The weights live in ``data/summaries/sentence_ranker.json`` together with what they
were trained on and the word budget chosen by cross-validation; ``bench/summary_ranker.py``
writes that file. Scoring is a dot product in plain Python: no model library at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

RANKER_PATH = "data/summaries/sentence_ranker.json"

FEATURES = (
    "is_first",
    "is_second",
    "is_third",
    "is_fourth",
    "inverse_position",
    "relative_position",
    "log_words",
    "words",
    "words_squared",
    "centrality",
    "tfidf_cosine",
    "lead_overlap",
    "capitalised_density",
    "number_density",
    "has_quote",
    "opens_with_quote",
    "colon_in_head",
    "is_question",
    "log_sentences",
    "title_coverage",
    "title_share",
    "lead_by_length",
    "lead_by_centrality",
    "first_by_figures",
)
"""Feature names, in the order of the vectors :func:`sentence_features` returns."""

_QUOTE = re.compile(r"[\"“”‘]|(?:^|\s)'|'(?:\s|$)")
_OPENING_QUOTE = ("'", '"', "“", "‘")
_CAPITALISED = re.compile(r"\b[^\W\d_a-z]\w+")
_NUMBER = re.compile(r"\d+")
_HEAD = 60
"""A colon within this many characters marks a caption or a label ("Flying high: ...")."""


@dataclass(frozen=True, slots=True)
class RankedSentence:
    """What the ranker needs of a candidate sentence: its text, content words and place."""

    text: str
    words: frozenset[str]
    position: int
    """Index among the article's prose sentences (the lead is 0)."""


@dataclass(frozen=True, slots=True)
class SentenceRanker:
    """A fitted linear scorer: standardise each feature, then weigh and sum."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    word_budget: int
    """Summary length in words that the selection aims at (chosen by cross-validation)."""
    trained_on: str

    def score(self, vector: Sequence[float]) -> float:
        """The log-odds that the sentence belongs in the summary."""
        total = self.intercept
        for value, mean, scale, weight in zip(
            vector, self.mean, self.scale, self.weights, strict=True
        ):
            total += weight * (value - mean) / scale
        return total

    def to_json(self) -> str:
        record = {
            "trained_on": self.trained_on,
            "word_budget": self.word_budget,
            "intercept": self.intercept,
            "features": {
                name: {"mean": mean, "scale": scale, "weight": weight}
                for name, mean, scale, weight in zip(
                    self.features, self.mean, self.scale, self.weights, strict=True
                )
            },
        }
        return json.dumps(record, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, *, source: str = RANKER_PATH) -> SentenceRanker:
        """Parse a ranker file; features must match :data:`FEATURES` by name and order."""
        record = json.loads(text)
        features = record["features"]
        if tuple(features) != FEATURES:
            raise ValueError(
                f"{source}: features {list(features)} do not match this version's {FEATURES}"
            )
        return cls(
            features=FEATURES,
            mean=tuple(float(features[n]["mean"]) for n in FEATURES),
            scale=tuple(float(features[n]["scale"]) or 1.0 for n in FEATURES),
            weights=tuple(float(features[n]["weight"]) for n in FEATURES),
            intercept=float(record["intercept"]),
            word_budget=int(record["word_budget"]),
            trained_on=str(record["trained_on"]),
        )


@cache
def shipped_ranker() -> SentenceRanker:
    """The ranker that ships with the package (read once)."""
    text = resources.files("blocwatch").joinpath(RANKER_PATH).read_text("utf-8")
    return SentenceRanker.from_json(text)


def sentence_features(
    sentences: Sequence[RankedSentence], title_words: frozenset[str] = frozenset()
) -> list[list[float]]:
    """One feature vector per sentence of one article, in :data:`FEATURES` order.

    ``title_words`` are the headline's content words (none when the article has no
    title); the share of them a sentence repeats is the headline's vote for it. The
    last three features cross the lead prior with length, centrality and figures, which
    a linear model cannot do by itself: a long lead is not worth what a short one is.

    Centrality is the log-damped document frequency of the sentence's words (1.0 for
    the most used word) over the square root of their number; the TF-IDF cosine compares
    the sentence with the rest of the article, idf taken over the article's sentences.
    """
    count = len(sentences)
    if not count:
        return []
    frequency = Counter(word for sentence in sentences for word in sentence.words)
    top = max(frequency.values())
    idf = {word: math.log((count + 1) / (n + 0.5)) for word, n in frequency.items()}
    document_norm = math.sqrt(sum((n * idf[w]) ** 2 for w, n in frequency.items())) or 1.0
    lead = sentences[0].words
    vectors = []
    for sentence in sentences:
        position = sentence.position
        n_words = max(len(sentence.text.split()), 1)
        weights = [math.log1p(frequency[w]) / math.log1p(top) for w in sentence.words]
        centrality = sum(weights) / math.sqrt(len(weights)) if weights else 0.0
        own_norm = math.sqrt(sum(idf[w] ** 2 for w in sentence.words)) or 1.0
        rest = sum(idf[w] ** 2 * (frequency[w] - 1) for w in sentence.words)
        union = len(sentence.words | lead) or 1
        stripped = sentence.text.rstrip("'\"’” ")
        inverse_position = 1.0 / (1.0 + position)
        log_words = math.log(n_words)
        figures = len(_NUMBER.findall(sentence.text)) / n_words
        in_title = len(sentence.words & title_words)
        vectors.append(
            [
                float(position == 0),
                float(position == 1),
                float(position == 2),
                float(position == 3),
                inverse_position,
                position / count,
                log_words,
                n_words / 30.0,
                (n_words / 30.0) ** 2,
                centrality,
                rest / (own_norm * document_norm),
                1.0 if position == 0 else len(sentence.words & lead) / union,
                len(_CAPITALISED.findall(sentence.text)) / n_words,
                figures,
                float(bool(_QUOTE.search(sentence.text))),
                float(sentence.text.startswith(_OPENING_QUOTE)),
                float(":" in sentence.text[:_HEAD]),
                float(stripped.endswith("?")),
                math.log(count),
                in_title / len(title_words) if title_words else 0.0,
                in_title / len(sentence.words) if sentence.words else 0.0,
                inverse_position * log_words,
                inverse_position * centrality,
                float(position == 0) * figures,
            ]
        )
    return vectors
