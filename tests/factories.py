"""Small builders for test data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache

from blocwatch.model import ActorKind, Article, Event, Evidence, Mention, Quote, Span
from blocwatch.nlp.quotes import extract_quotes, needs_parse
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser, worth_parsing


def make_article(
    article_id: str, text: str, *, title: str = "A title", outlet: str = "Test Wire", day: int = 12
) -> Article:
    return Article(
        id=article_id,
        raw_id=None,
        text=text,
        title=title,
        outlet=outlet,
        published_at=datetime(2022, 5, day, 13, 3, tzinfo=UTC),
        sentences=split_sentences(text),
    )


class WordsInOrder(frozenset[str]):
    """A word set that iterates in the order it was given, as a set of strings may in
    another process: string hashing is seeded per process, so the order a set iterates
    in changes from one run (or worker) to the next."""

    order: tuple[str, ...]

    def __new__(cls, words: tuple[str, ...]) -> WordsInOrder:
        made = super().__new__(cls, words)
        made.order = words
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)


@cache
def parser() -> SyntaxParser:
    """One spaCy parser for the whole test run (loading the model takes a second)."""
    return SyntaxParser()


def parsed_quotes(text: str, mentions: list[Mention] | None = None) -> list[Quote]:
    """Quotes as the pipeline finds them: the sentences worth parsing, or holding a cue,
    are parsed first."""
    sentences = split_sentences(text)
    chosen = [s for s in sentences if worth_parsing(s, mentions or []) or needs_parse(s)]
    parses = parser().parse(text, chosen)
    return extract_quotes("a1", text, sentences, mentions or [], parses)


def mention_of(
    text: str, words: str, actor_id: str, kind: ActorKind, role: str | None = None
) -> Mention:
    """A dictionary mention of ``words`` (their first occurrence) in ``text``."""
    start = text.index(words)
    span = Span(start, start + len(words))
    sentence = next(s for s in split_sentences(text) if s.span.start <= start < s.span.end)
    return Mention(
        actor_id=actor_id,
        name=words,
        kind=kind,
        evidence=Evidence("a1", sentence.index, span, words),
        role=role,
        role_start=date(2004, 3, 9) if role else None,
    )


def event_triples(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    """Each event as (type, source code, target code), the way the event tests compare them."""
    return [
        (e.type, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
    ]
