"""Tone: how positive or negative the words of each sentence are, from VADER's lexicon.

What the score measures, plainly: VADER (the ``vaderSentiment`` package, MIT, lexicon
shipped inside it) looks up each word's rated valence in a human-rated English
dictionary, adjusts for negation, intensifiers, "but" and punctuation, and sums the
result into a *compound* score from -1 (the words are very negative) to +1 (very
positive). It measures the wording, not the stance: "the talks collapsed amid
accusations" is negative whoever is blamed, a report on a massacre is negative even when
neutral, and sarcasm or a denial is read at face value. It was built for social media
text, so news prose, which is mostly neutral, scores near zero; differences over time or
between outlets mean more than any single value.

An article's tone is the mean of its sentences' scores. VADER's lexicon is English:
articles in other languages get no tone (``None``) rather than a meaningless one.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from blocwatch.model import Article


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    """One analyzer per process: it loads its lexicon (7,500 entries) when built."""
    return SentimentIntensityAnalyzer()


def sentence_tone(text: str) -> float:
    """VADER's compound score of ``text``, rounded to 4 places."""
    return round(float(_analyzer().polarity_scores(text)["compound"]), 4)


def word_valence(word: str) -> float:
    """The human-rated valence of one word in VADER's lexicon (-4 to +4; 0 if unrated)."""
    return float(_analyzer().lexicon.get(word.lower(), 0.0))


def add_tone(article: Article) -> Article:
    """Score every sentence, and the article as their mean (English articles only)."""
    if article.language not in (None, "en") or not article.sentences:
        return article
    article.sentences = [replace(s, tone=sentence_tone(s.text)) for s in article.sentences]
    scores = [s.tone for s in article.sentences if s.tone is not None]
    article.tone = round(sum(scores) / len(scores), 4) if scores else None
    return article
