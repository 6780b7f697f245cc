"""A learned sentence ranker for article summaries: linear models over general features.

The lead prior alone (Lead-3) is hard to beat on news, and a hand-set mix of lead and
centrality ended up as Lead-3 in effect. This ranker learns the mix instead: a logistic
regression, trained on news articles with human highlights, predicts whether a sentence
belongs to the set of sentences that best matches the highlights (the greedy ROUGE
oracle). Its features are general properties of a sentence, none tied to one article:
where it stands, how long it is, how central its words are to the document, how much
it shares with the lead and the headline, and how dense it is in names, figures and
quotations.

A few hundred articles give only a few hundred positive sentences, too few to learn
much from; but they give tens of thousands of *words*, each of which either is or is not
used by the highlights. So a second, word-level logistic regression estimates how likely
each word of the article is to be used by a summary of it (from where it first occurs,
how often, whether the headline has it, whether it is capitalised, a figure or a stop
word), and the sentence model reads how many of those likely words a sentence carries
and how densely: the expected overlap of the sentence with a summary it has not seen.

Both models' weights live in ``data/summaries/sentence_ranker.json`` together with what
they were trained on and the word budget chosen by cross-validation;
``bench/summary_ranker.py`` writes that file. Scoring is a dot product in plain Python:
no model library at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from blocwatch.data import data_path, read_text

RANKER_FILE = "summaries/sentence_ranker.json"
RANKER_PATH = data_path(RANKER_FILE)

BASE_FEATURES = (
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
"""Features read from the sentence alone (see :func:`base_features`)."""

EXPECTED_FEATURES = ("expected_overlap_density", "expected_overlap", "mean_word_probability")
"""Features read from the word model's probabilities (see :func:`expected_features`)."""

FEATURES = BASE_FEATURES + EXPECTED_FEATURES
"""Feature names of the sentence model, in the order of its vectors."""

WORD_FEATURES = (
    "first_inverse_position",
    "first_in_lead",
    "first_in_top_three",
    "log_count",
    "sentence_share",
    "in_title",
    "is_stop_word",
    "capitalised_share",
    "is_figure",
    "length",
    "log_sentences",
    "title_by_first_position",
    "stop_word_by_first_position",
    "stop_word_by_log_count",
    "title_length",
)
"""Feature names of the word model, in the order of :func:`word_table`'s vectors."""

_QUOTE = re.compile(r"[\"“”‘]|(?:^|\s)'|'(?:\s|$)")
_OPENING_QUOTE = ("'", '"', "“", "‘")
_CAPITALISED = re.compile(r"\b[^\W\d_a-z]\w+")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w']*")
_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"[a-z0-9]+")
_HEAD = 60
"""A colon within this many characters marks a caption or a label ("Flying high: ...")."""


@cache
def stop_words() -> frozenset[str]:
    """English function words, plus the reporting verbs and titles news repeats."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "mr", "mrs", "ms"}


def tokens(text: str) -> list[str]:
    """Lower-cased letter and digit runs, plurals folded crudely: the word model's units.

    Stop words stay: a summary is scored on all its words, and "the" is as much a word
    of it as "ceasefire".
    """
    folded = []
    for token in _TOKEN.findall(text.lower()):
        if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        folded.append(token)
    return folded


@dataclass(frozen=True, slots=True)
class RankedSentence:
    """What the ranker needs of a candidate sentence: its text, content words and place."""

    text: str
    words: frozenset[str]
    position: int
    """Index among the article's prose sentences (the lead is 0)."""


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A fitted linear scorer: standardise each feature, then weigh and sum."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def score(self, vector: Sequence[float]) -> float:
        """The log-odds of the positive class."""
        total = self.intercept
        for value, mean, scale, weight in zip(
            vector, self.mean, self.scale, self.weights, strict=True
        ):
            total += weight * (value - mean) / scale
        return total

    def probability(self, vector: Sequence[float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(vector)))

    def to_record(self) -> dict[str, Any]:
        return {
            "intercept": self.intercept,
            "features": {
                name: {"mean": mean, "scale": scale, "weight": weight}
                for name, mean, scale, weight in zip(
                    self.features, self.mean, self.scale, self.weights, strict=True
                )
            },
        }

    @classmethod
    def from_record(
        cls, record: Mapping[str, Any], expected: tuple[str, ...], *, source: str
    ) -> LinearModel:
        """Parse one model; its features must match ``expected`` by name and order."""
        features = record["features"]
        if tuple(features) != expected:
            raise ValueError(
                f"{source}: features {list(features)} do not match this version's {expected}"
            )
        return cls(
            features=expected,
            mean=tuple(float(features[n]["mean"]) for n in expected),
            scale=tuple(float(features[n]["scale"]) or 1.0 for n in expected),
            weights=tuple(float(features[n]["weight"]) for n in expected),
            intercept=float(record["intercept"]),
        )


@dataclass(frozen=True, slots=True)
class SentenceRanker:
    """The word model, the sentence model that reads it, and the summary's word budget."""

    sentences: LinearModel
    words: LinearModel
    word_budget: int
    """Summary length in words that the selection aims at (chosen by cross-validation)."""
    trained_on: str

    def rank(
        self, sentences: Sequence[RankedSentence], title_words: frozenset[str], title: str
    ) -> list[float]:
        """The log-odds of each sentence belonging in the summary."""
        return [
            self.sentences.score(vector) for vector in self.features(sentences, title_words, title)
        ]

    def features(
        self, sentences: Sequence[RankedSentence], title_words: frozenset[str], title: str
    ) -> list[list[float]]:
        """Each sentence's vector in :data:`FEATURES` order, the word model applied."""
        table = word_table(sentences, title)
        probability = {
            word: self.words.probability(vector)
            for word, vector in zip(table.words, table.vectors, strict=True)
        }
        expected = expected_features(table.tokens, probability)
        base = base_features(sentences, title_words)
        return [b + e for b, e in zip(base, expected, strict=True)]

    def to_json(self) -> str:
        record = {
            "trained_on": self.trained_on,
            "word_budget": self.word_budget,
            "words": self.words.to_record(),
            "sentences": self.sentences.to_record(),
        }
        return json.dumps(record, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, *, source: str = RANKER_PATH) -> SentenceRanker:
        """Parse a ranker file; each model's features must match this version's by name."""
        record = json.loads(text)
        if "words" not in record or "sentences" not in record:
            raise ValueError(f"{source}: a word model and a sentence model are both needed")
        return cls(
            sentences=LinearModel.from_record(record["sentences"], FEATURES, source=source),
            words=LinearModel.from_record(record["words"], WORD_FEATURES, source=source),
            word_budget=int(record["word_budget"]),
            trained_on=str(record["trained_on"]),
        )


@cache
def shipped_ranker() -> SentenceRanker:
    """The ranker that ships with the package (read once)."""
    text = read_text(RANKER_FILE)
    return SentenceRanker.from_json(text)


@dataclass(frozen=True, slots=True)
class WordTable:
    """The word model's view of one article: each sentence's tokens, each word's vector."""

    tokens: list[list[str]]
    words: list[str]
    vectors: list[list[float]]


def word_table(sentences: Sequence[RankedSentence], title: str) -> WordTable:
    """One vector per distinct token of the article, in :data:`WORD_FEATURES` order.

    A word's first sentence is the strongest sign: news states its point first, and a
    word the headline uses is a word the summary is likely to use. Stop words get their
    own weights, crossed with position and count, because their chance of appearing in
    any summary hardly depends on the article.
    """
    per_sentence = [tokens(sentence.text) for sentence in sentences]
    title_tokens = frozenset(tokens(title))
    first: dict[str, int] = {}
    count: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for index, (sentence, own) in enumerate(zip(sentences, per_sentence, strict=True)):
        count.update(own)
        spread.update(set(own))
        for token in own:
            first.setdefault(token, index)
        for name in _CAPITALISED_WORD.findall(sentence.text):
            capitalised.update(tokens(name))
    stops = stop_words()
    log_sentences = math.log(max(len(sentences), 1))
    title_length = len(title_tokens) / 20.0
    words = sorted(count)
    vectors = []
    for word in words:
        inverse_first = 1.0 / (1.0 + first[word])
        in_title = float(word in title_tokens)
        is_stop = float(word in stops)
        log_count = math.log1p(count[word])
        vectors.append(
            [
                inverse_first,
                float(first[word] == 0),
                float(first[word] <= 2),
                log_count,
                spread[word] / len(sentences),
                in_title,
                is_stop,
                capitalised[word] / count[word],
                float(word.isdigit()),
                min(len(word), 12) / 12.0,
                log_sentences,
                in_title * inverse_first,
                is_stop * inverse_first,
                is_stop * log_count,
                title_length,
            ]
        )
    return WordTable(per_sentence, words, vectors)


def expected_features(
    per_sentence: Sequence[Sequence[str]], probability: Mapping[str, float]
) -> list[list[float]]:
    """How much of a summary each sentence is expected to share, in :data:`EXPECTED_FEATURES`.

    A word counts once per sentence (a summary uses most words once); the density
    divides by the sentence's length, as ROUGE's precision does.
    """
    vectors = []
    for own in per_sentence:
        expected = math.fsum(probability.get(word, 0.0) for word in set(own))  # any order
        mean = sum(probability.get(word, 0.0) for word in own) / len(own) if own else 0.0
        vectors.append([expected / (len(own) + 1), expected / 10.0, mean])
    return vectors


def base_features(
    sentences: Sequence[RankedSentence], title_words: frozenset[str] = frozenset()
) -> list[list[float]]:
    """One vector per sentence of one article, in :data:`BASE_FEATURES` order.

    ``title_words`` are the headline's content words (none when the article has no
    title); the share of them a sentence repeats is the headline's vote for it. The
    last three features cross the lead prior with length, centrality and figures, which
    a linear model cannot do by itself: a long lead is not worth what a short one is.

    Centrality and the TF-IDF cosine are described at :func:`_centrality`.
    """
    count = len(sentences)
    if not count:
        return []
    lead = sentences[0].words
    vectors = []
    for sentence, (centrality, cosine) in zip(sentences, _centrality(sentences), strict=True):
        position = sentence.position
        n_words = max(len(sentence.text.split()), 1)
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
                cosine,
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


def _centrality(sentences: Sequence[RankedSentence]) -> list[tuple[float, float]]:
    """Each sentence's centrality and TF-IDF cosine with the rest of its article.

    Centrality is the log-damped document frequency of the sentence's words (1.0 for
    the most used word) over the square root of their number; the TF-IDF cosine compares
    the sentence with the rest of the article, idf taken over the article's sentences.
    Sums over a set of words are exact (``math.fsum``), so they do not depend on the
    order the set iterates in, which changes with the process's string hashing.
    """
    count = len(sentences)
    frequency = Counter(word for sentence in sentences for word in sentence.words)
    top = max(frequency.values(), default=1)
    idf = {word: math.log((count + 1) / (n + 0.5)) for word, n in frequency.items()}
    document_norm = math.sqrt(math.fsum((n * idf[w]) ** 2 for w, n in frequency.items())) or 1.0
    measures = []
    for sentence in sentences:
        weights = [math.log1p(frequency[w]) / math.log1p(top) for w in sentence.words]
        centrality = math.fsum(weights) / math.sqrt(len(weights)) if weights else 0.0
        own_norm = math.sqrt(math.fsum(idf[w] ** 2 for w in sentence.words)) or 1.0
        rest = math.fsum(idf[w] ** 2 * (frequency[w] - 1) for w in sentence.words)
        measures.append((centrality, rest / (own_norm * document_norm)))
    return measures
