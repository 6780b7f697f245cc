"""The default analysis pipeline: raw document → clean article → sentences → facts.

Each function here adapts one stage's public API to a pipeline step; the stages
themselves know nothing of pipelines.
"""

from __future__ import annotations

from datetime import datetime

from blocwatch.clean import CleanResult, clean_html, clean_text
from blocwatch.errors import InputError
from blocwatch.ingest.decode import decode_document
from blocwatch.model import Article, MediaType, RawDocument
from blocwatch.nlp.sentences import split_sentences
from blocwatch.pipeline import MapStep, Pipeline

ARTICLE_FIELDS = ("text", "title", "url", "outlet", "published_at", "language", "origin_agency")


def _parse_published(value: str | None, source: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(f"published date {value!r} is not ISO 8601", source=source) from exc


def clean_document(doc: RawDocument) -> Article:
    """Decode and clean one raw document into an article (no NLP yet)."""
    text = decode_document(doc)
    result: CleanResult
    if doc.media_type is MediaType.HTML:
        result = clean_html(text, url=doc.url, source=doc.source)
    else:
        result = clean_text(text, source=doc.source)
    claimed_published = _parse_published(doc.published, doc.source)
    published_at, published_source, confidence = (
        result.published_at,
        result.published_source,
        result.published_confidence,
    )
    if claimed_published is not None and (published_at is None or (confidence or 0) < 0.9):
        published_at, published_source, confidence = claimed_published, "source metadata", 0.95
    return Article(
        id=doc.id,
        raw_id=doc.id,
        text=result.text,
        title=doc.title or result.title,
        url=doc.url or result.url,
        outlet=doc.outlet or result.outlet,
        published_at=published_at,
        published_source=published_source,
        published_confidence=confidence,
        language=result.language,
        origin_agency=list(result.origin_agency),
        raw_path=doc.source,
    )


def add_sentences(article: Article) -> Article:
    article.sentences = split_sentences(article.text)
    return article


def default_pipeline() -> Pipeline:
    return Pipeline(
        [
            MapStep("clean", clean_document, provides=ARTICLE_FIELDS),
            MapStep("sentences", add_sentences, requires={"text"}, provides={"sentences"}),
        ]
    )
