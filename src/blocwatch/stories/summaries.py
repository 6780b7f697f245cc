"""Extractive summaries whose every sentence points back at its source span.

News puts the point first, so the lead is the strongest single signal (Lead-3 beats
most unsupervised summarisers on news). The scorer keeps that bias and adds two things
the lead lacks: *centrality* (a sentence that shares many content words with the rest
of the text states the main point; a photo caption or a scene-setting line does not)
and *redundancy control* (a sentence that repeats one already chosen is skipped).
Sentences that are not prose (bylines, captions run together, one-word lines, "Scroll
down for video") are left out.

For a story the same scorer runs over the sentences of all its articles; sentences
that say the same thing in several articles collapse into one summary sentence that
lists the other articles as support.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from blocwatch.model import Article, Evidence, Sentence, SummarySentence
from blocwatch.nlp.sentences import split_sentences

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*")
_FURNITURE = re.compile(
    r"^(by\b|published:|updated:|last updated|scroll down|click here|read more|advertisement"
    r"|share this|follow us|sign up)",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_MIN_WORDS = 6
_MAX_WORDS = 80
_LEAD_WEIGHT = 12.0
_RESTATEMENT = 0.6
"""Share of the shorter sentence's content words that makes two sentences one point."""


@cache
def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "mr", "mrs", "ms"}


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stop words, with a crude plural folding."""
    stopwords = _stopwords()
    words = []
    for word in _WORD.findall(text.lower()):
        if word in stopwords or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


@dataclass(slots=True)
class _Candidate:
    article_id: str
    sentence: Sentence
    words: frozenset[str]
    position: int
    """Index among the article's prose sentences (the lead is 0)."""
    score: float = 0.0


def _is_prose(sentence: Sentence) -> bool:
    """Whether a sentence reads as running text: not a headline, byline or menu line.

    A headline or a navigation line does not end with a full stop, so a sentence must.
    """
    words = sentence.text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    if not _TERMINAL.search(sentence.text):
        return False
    if _FURNITURE.match(sentence.text.lstrip(" -–—•*|")):
        return False
    letters = sum(ch.isalpha() for ch in sentence.text)
    return letters >= 0.6 * len(sentence.text.replace(" ", ""))


def _candidates(article: Article) -> list[_Candidate]:
    sentences = article.sentences or split_sentences(article.text)
    candidates: list[_Candidate] = []
    for sentence in sentences:
        if not _is_prose(sentence):
            continue
        words = frozenset(content_words(sentence.text))
        if words:
            candidates.append(_Candidate(article.id, sentence, words, len(candidates)))
    return candidates


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Share of the smaller word set found in the other: 1.0 for a restatement."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _score(candidates: list[_Candidate]) -> None:
    """Score each candidate by lead position and centrality, in place.

    Centrality is the document-level weight of the sentence's words, where a word's
    weight is how many sentences use it (log-damped, 1.0 for the most used word);
    dividing the sum by the square root of the sentence length favours neither
    one-liners nor run-ons. The lead prior ``LEAD_WEIGHT / (1 + position)`` dominates
    for the first sentences and fades after a few, so centrality mostly decides which
    of the early sentences to keep and when a later one is worth more than the third.
    """
    frequency = Counter(word for candidate in candidates for word in candidate.words)
    top = max(frequency.values(), default=1)
    for candidate in candidates:
        weights = [math.log1p(frequency[word]) / math.log1p(top) for word in candidate.words]
        centrality = sum(weights) / math.sqrt(len(weights))
        candidate.score = centrality + _LEAD_WEIGHT / (1.0 + candidate.position)


def _evidence(candidate: _Candidate) -> Evidence:
    sentence = candidate.sentence
    return Evidence(candidate.article_id, sentence.index, sentence.span, sentence.text)


def _select(
    candidates: list[_Candidate], max_sentences: int, redundancy: float
) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: -c.score):
        if len(chosen) == max_sentences:
            break
        if any(_overlap(candidate.words, other.words) >= redundancy for other in chosen):
            continue
        chosen.append(candidate)
    return chosen


def summarize_article(article: Article, *, max_sentences: int = 3) -> list[SummarySentence]:
    """The ``max_sentences`` sentences that best summarise ``article``, in text order."""
    candidates = _candidates(article)
    if not candidates:
        return []
    _score(candidates)
    chosen = _select(candidates, max_sentences, redundancy=_RESTATEMENT)
    chosen.sort(key=lambda c: c.sentence.index)
    return [SummarySentence(c.sentence.text, _evidence(c)) for c in chosen]


def summarize_story(
    articles: Sequence[Article], *, max_sentences: int = 5
) -> list[SummarySentence]:
    """A summary drawn from all of a story's articles, without repeating itself.

    Sentences that restate one another (most of their content words shared) form one
    point; the point is represented by its best-scored sentence, scores are boosted by
    how many articles make the point, and the other articles that make it are listed
    as support. The result is ordered by the earliest position any article gives the
    point, which keeps the story's lead first.
    """
    per_article = [_candidates(article) for article in articles]
    candidates = [candidate for group in per_article for candidate in group]
    if not candidates:
        return []
    _score(candidates)
    points: list[list[_Candidate]] = []
    for candidate in sorted(candidates, key=lambda c: -c.score):
        for point in points:
            if _overlap(candidate.words, point[0].words) >= _RESTATEMENT:
                point.append(candidate)
                break
        else:
            points.append([candidate])
    ranked = sorted(
        points,
        key=lambda point: -(point[0].score * (1.0 + 0.3 * math.log(len(_sources(point))))),
    )[:max_sentences]
    ranked.sort(key=lambda point: (min(c.position for c in point), point[0].article_id))
    summary = []
    for point in ranked:
        best = point[0]
        support = tuple(s for s in _sources(point) if s != best.article_id)
        summary.append(SummarySentence(best.sentence.text, _evidence(best), support))
    return summary


def _sources(point: list[_Candidate]) -> list[str]:
    return list(dict.fromkeys(candidate.article_id for candidate in point))
