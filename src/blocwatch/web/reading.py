"""How an article is laid out for reading: each sentence cut at the actors it names, and
the events read from each sentence, mirror pairs folded ("A met B" and "B met A" are one).

Pure layout over a model :class:`~blocwatch.model.Article`; nothing here reads the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from blocwatch.model import Article, Mention
from blocwatch.store.views import fold_mirrors


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    """The events read from one sentence of an article."""

    sentence_index: int
    sentence: str
    pairs: tuple[tuple[str, str, str], ...]


def events_by_sentence(article: Article) -> list[ArticleEvents]:
    by_sentence: dict[int, list[Any]] = defaultdict(list)
    for event in article.events:
        by_sentence[event.evidence.sentence_index].append(event)
    texts = {s.index: s.text for s in article.sentences}
    return [
        ArticleEvents(
            index,
            texts.get(index, events[0].evidence.text),
            fold_mirrors(
                (e.type, e.source.name if e.source else None, e.target.name if e.target else None)
                for e in events
            ),
        )
        for index, events in sorted(by_sentence.items())
    ]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a sentence; ``mention`` is set where an actor is named."""

    text: str
    mention: Mention | None = None


def sentence_segments(article: Article) -> dict[int, list[Segment]]:
    """Each sentence cut at its mentions, so a template can mark them without raw HTML."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in article.mentions:
        by_sentence[mention.evidence.sentence_index].append(mention)
    segments: dict[int, list[Segment]] = {}
    for sentence in article.sentences:
        cursor = sentence.span.start
        parts: list[Segment] = []
        for mention in sorted(
            by_sentence.get(sentence.index, ()), key=lambda m: m.evidence.span.start
        ):
            start, end = mention.evidence.span.start, mention.evidence.span.end
            if start < cursor or end > sentence.span.end:
                continue
            if start > cursor:
                parts.append(Segment(article.text[cursor:start]))
            parts.append(Segment(article.text[start:end], mention))
            cursor = end
        if cursor < sentence.span.end:
            parts.append(Segment(article.text[cursor : sentence.span.end]))
        segments[sentence.index] = parts
    return segments


def day_or_none(value: str | None) -> date | None:
    """A date from a form field; an empty field is no date."""
    if not value:
        return None
    return date.fromisoformat(value)
