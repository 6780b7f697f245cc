"""What the story clusterer compares of an article: its words, the particulars it states
(names, figures, actors, days), where and when its lead puts its event.

Everything here depends on the article alone, not on the collection, so it can be taken
where the article is analysed and kept with it.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import overload

import numpy as np
from numpy.typing import NDArray

from blocwatch.model import ActorKind, Article, DatePrecision
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories.embedders import Embedder
from blocwatch.stories.summaries import content_words

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "in", "on", "at", "but", "and", "he", "she", "it"})
_LEAD_SENTENCES = 2
_LEAD_EMPHASIS = 2
_VENUE_SENTENCES = 6
_VENUE_CUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
_FIGURE = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_CLOCK_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{1,2}:\d{2}\b", re.IGNORECASE
)
_MONTH_NAMES = "|".join(name for name in (*calendar.month_name, *calendar.month_abbr) if name)
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b)",
)


def particulars(article: Article) -> list[str]:
    """The names, figures, actors and dates an article states, as feature strings.

    Capitalised words count only away from the start of a sentence, where
    capitalisation says nothing. Figures keep their digits (``12``, ``2013``, ``6.5``).
    """
    features: list[str] = []
    sentences = article.sentences or split_sentences(article.text)
    for sentence in sentences:
        tokens = _TOKEN.findall(sentence.text)
        for position, token in enumerate(tokens):
            if _NUMBER.match(token):
                features.append("#" + token.replace(",", ""))
            elif token[0].isupper() and position > 0 and token.lower() not in _FUNCTION_WORDS:
                features.append("@" + token.lower())
    features.extend("actor:" + mention.actor_id for mention in article.mentions)
    features.extend(
        "date:" + time.value
        for time in article.times
        if time.value and time.precision == DatePrecision.DAY
    )
    return features


def event_venue(article: Article) -> str | None:
    """The place id of where the article's event happened, as its lead tells it.

    That is the first place, within the first few sentences, that the text sets
    something in or at (``met in Dushanbe``, ``at a summit in St. Petersburg``).
    Only places inside a country count (towns, provinces): "in Central Asia" says
    where a story belongs, not where its event happened. Places come from the actors
    stage (``Mention.kind == ActorKind.PLACE``), which tells places used as places
    from capitals standing for their governments ("Moscow said").
    """
    for mention in sorted(article.mentions, key=lambda m: m.evidence.span.start):
        if mention.kind != ActorKind.PLACE or mention.country is None:
            continue
        if mention.evidence.sentence_index >= _VENUE_SENTENCES:
            break
        start = mention.evidence.span.start
        if _VENUE_CUE.search(article.text[max(0, start - 12) : start]):
            return mention.actor_id
    return None


@dataclass(slots=True)
class StoryMember:
    """What the clusterer keeps of an article (see :func:`member_features`)."""

    article_id: str
    words: Counter[str]
    names: Counter[str]
    days: frozenset[date]
    published: datetime | None
    embedding: NDArray[np.float32] | None
    venue: str | None = None
    places: frozenset[str] = frozenset()
    lead_figures: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()
    event_day: date | None = None
    language: str | None = None
    word_vector: dict[str, float] = field(default_factory=dict)
    name_vector: dict[str, float] = field(default_factory=dict)
    weighted_at: int = -1


def member_features(article: Article, embedder: Embedder | None = None) -> StoryMember:
    """What the clusterer compares of ``article``: its words, particulars, days and venue.

    Depends on the article alone (not on the collection), so it can be taken where the
    article is analysed and stored, and the article need not be read again to compare
    newcomers with it.
    """
    sentences = article.sentences or split_sentences(article.text)
    lead = " ".join(sentence.text for sentence in sentences[:_LEAD_SENTENCES])
    if article.title:
        lead = article.title + "\n" + lead
    lead_article = Article(id=article.id, text=lead)
    words = Counter(content_words(article.text))
    names = Counter(particulars(article))
    for _ in range(_LEAD_EMPHASIS):
        words.update(content_words(lead))
        names.update(particulars(lead_article))
    embedding = None
    if embedder is not None:
        embedding = embedder.embed([article.text])[0]
    return StoryMember(
        article_id=article.id,
        words=words,
        names=names,
        days=_days(article),
        published=comparable_time(article.published_at),
        embedding=embedding,
        venue=event_venue(article),
        event_day=event_day(article),
        places=frozenset(m.actor_id for m in article.mentions if m.kind == ActorKind.PLACE),
        language=article.language,
        lead_figures=_figures(lead),
        figures=_figures(article.text),
    )


def _figures(text: str) -> frozenset[str]:
    """The figures a text gives, without those that do not tell one event from another:
    days of the month (a dateline's "May 12" says when a report was filed, and which day
    an event fell on is the dates stage's to tell, see :func:`event_day`) and clock
    times."""
    text = _DAY_OF_MONTH.sub(" ", _CLOCK_TIME.sub(" ", text))
    return frozenset(_FIGURE.findall(text))


def event_day(article: Article) -> date | None:
    """The day the article's lead gives its event: its first resolved day in the lead.

    "On Monday, October 31" or "today", resolved by the dates stage against the
    publication date; an undated page still gives one when it prints a full date.
    """
    for time in sorted(article.times, key=lambda t: t.evidence.span.start):
        if time.evidence.sentence_index >= _VENUE_SENTENCES:
            break
        if time.value and time.precision == DatePrecision.DAY:
            try:
                return date.fromisoformat(time.value[:10])
            except ValueError:
                continue
    return None


def _days(article: Article) -> frozenset[date]:
    days = set()
    for time in article.times:
        if time.value and time.precision == DatePrecision.DAY:
            try:
                days.add(date.fromisoformat(time.value[:10]))
            except ValueError:
                continue
    return frozenset(days)


@overload
def comparable_time(published: datetime) -> datetime: ...
@overload
def comparable_time(published: None) -> None: ...
def comparable_time(published: datetime | None) -> datetime | None:
    """Pages that print a time without a zone give naive times; the clusterer takes them as UTC.

    Every time it keeps is then timezone-aware, so any two can be compared (and stories'
    first and last seen are UTC, as the store keeps them).
    """
    if published is not None and published.tzinfo is None:
        return published.replace(tzinfo=UTC)
    return published
