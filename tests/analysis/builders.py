"""Hand-made articles whose events and mentions the analysis tests count by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from blocwatch.model import (
    ActorKind,
    Article,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Mention,
    Span,
)
from blocwatch.nlp.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class E:
    """One event to put in an article: who to whom, Goldstein, quad class, date, status,
    where it happened as the text names it."""

    source: str
    target: str
    goldstein: float | None = 1.0
    quad: int | None = 1
    date: str | None = None
    status: EventStatus = EventStatus.HAPPENED
    type: str = "CONSULT"
    sentence: str | None = None
    confidence: float = 0.9
    place: str | None = None


def article(
    article_id: str,
    events: list[E],
    *,
    published: date = date(2022, 5, 12),
    outlet: str | None = "Test Wire",
) -> Article:
    """An article with one sentence per event; each event's evidence is its sentence."""
    sentences = [e.sentence or f"{e.source} and {e.target} did something." for e in events]
    text = " ".join(sentences) or "Nothing happened."
    result = Article(
        id=article_id,
        text=text,
        title=f"Article {article_id}",
        outlet=outlet,
        published_at=datetime.combine(published, datetime.min.time(), UTC).replace(hour=9),
        sentences=split_sentences(text),
    )
    position = 0
    for spec, words in zip(events, sentences, strict=True):
        start = text.index(words, position)
        position = start + len(words)
        index = _sentence_at(result, start)
        result.events.append(
            Event(
                type=spec.type,
                source=EventActor(None, spec.source, spec.source),
                target=EventActor(None, spec.target, spec.target),
                evidence=Evidence(article_id, index, Span(start, position), words),
                goldstein=spec.goldstein,
                quad_class=spec.quad,
                date=spec.date,
                status=spec.status,
                confidence=spec.confidence,
                place=spec.place,
            )
        )
    return result


def person_mention(
    result: Article,
    words: str,
    actor_id: str,
    *,
    role: str | None,
    claim: bool = False,
    role_start: date | None = None,
) -> Mention:
    """A mention of a person at the first occurrence of ``words``; added to the article."""
    start = result.text.index(words)
    mention = Mention(
        actor_id=actor_id,
        name=words,
        kind=ActorKind.PERSON,
        evidence=Evidence(
            result.id, _sentence_at(result, start), Span(start, start + len(words)), words
        ),
        country="RUS",
        role=role,
        role_start=role_start,
        claim=claim,
    )
    result.mentions.append(mention)
    return mention


def _sentence_at(result: Article, offset: int) -> int:
    return next(s.index for s in result.sentences if s.span.start <= offset < s.span.end)
