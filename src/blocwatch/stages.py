"""The default analysis pipeline: raw document → clean article → sentences → facts.

Each step here adapts one stage's public API to the pipeline; the stages themselves know
nothing of pipelines. Steps that need a model (the actor dictionary, the event lexicon)
hold it as an attribute, so an executor ships it to each worker once, with the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from blocwatch.clean import CleanResult, FurnitureIndex, clean_html, clean_text, learn_text_page
from blocwatch.clean.dates import claimed_date
from blocwatch.clean.outlet import outlet_name, title_from_text
from blocwatch.errors import InputError
from blocwatch.ingest.decode import decode_document
from blocwatch.model import Actor, Article, MediaType, RawDocument
from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer, actors_from_mentions
from blocwatch.nlp.dates import extract_times
from blocwatch.nlp.events import EventCoder
from blocwatch.nlp.languages import LanguageReaders, reads, russian_quotes, russian_times
from blocwatch.nlp.quotes import extract_quotes, needs_parse
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser, worth_parsing
from blocwatch.nlp.tone import add_tone
from blocwatch.pipeline import BatchMapStep, MapStep, Pipeline, Rejection

PARSE_BATCH = 16
"""Articles whose sentences go through spaCy in one stream (some 200 sentences of news)."""

ARTICLE_FIELDS = ("text", "title", "url", "outlet", "published_at", "language", "origin_agency")


def _parse_published(value: str | None) -> datetime | None:
    """The date a source claimed, or None when it is no date: the article is kept either
    way (the JSON lines reader has already warned about a bad one)."""
    if not value:
        return None
    try:
        return claimed_date(value)
    except ValueError:
        return None


def clean_document(doc: RawDocument, furniture: FurnitureIndex | None = None) -> Article:
    """Decode and clean one raw document into an article (no NLP yet)."""
    text = decode_document(doc)
    result: CleanResult
    if doc.media_type is MediaType.HTML:
        result = clean_html(text, url=doc.url, source=doc.source, furniture=furniture)
    else:
        if doc.title and not text.lstrip().startswith(doc.title):
            # A record (JSON lines, a feed) gives its headline apart from the body; the text
            # cleaner reads pages, so give it the page: the headline above the body.
            text = f"{doc.title}\n\n{text}"
        result = clean_text(text, source=doc.source, furniture=furniture)
    claimed_published = _parse_published(doc.published)
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
        title=doc.title or result.title or title_from_text(result.text),
        url=doc.url or result.url,
        outlet=doc.outlet or outlet_name(result.outlet, doc.url or result.url),
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


class CleanDocuments:
    """Cleaning, with the furniture learned from the corpus when there is any."""

    def __init__(self, furniture: FurnitureIndex | None = None) -> None:
        self.furniture = furniture

    def __call__(self, doc: RawDocument) -> Article:
        return clean_document(doc, self.furniture)


def learn_furniture(documents: Iterable[RawDocument | Rejection]) -> FurnitureIndex:
    """A furniture index fitted on the plain-text pages among ``documents``.

    Lines an outlet repeats on many of its pages (its masthead slogan, its plea for
    subscriptions) are learned here, before cleaning, so every page benefits, not only
    the ones that come after the repeats.
    """
    index = FurnitureIndex()
    for doc in documents:
        if isinstance(doc, RawDocument) and doc.media_type is MediaType.TEXT:
            try:
                learn_text_page(index, decode_document(doc))
            except InputError:
                continue
    return index


class RecognizeActors:
    def __init__(self, dictionary: ActorDictionary, readers: LanguageReaders | None = None) -> None:
        self.recognizer = ActorRecognizer(dictionary)
        self.readers = readers or LanguageReaders(dictionary)

    def __call__(self, article: Article) -> Article:
        if article.language == "ru":
            if reads("ru", "actors"):
                article.mentions = self.readers.russian_actors(
                    article.id, article.text, article.sentences, article.published_day
                )
            return article
        article.mentions = self.recognizer.recognize(
            article.id, article.text, article.sentences, article.published_day
        )
        return article


class ParseSyntax:
    """spaCy's parse of the sentences that may hold a fact (see ``nlp.syntax``)."""

    def __init__(self, parser: SyntaxParser, readers: LanguageReaders | None = None) -> None:
        self.parser = parser
        self.readers = readers

    def __call__(self, article: Article) -> Article:
        [parsed] = self.parse_batch([article])
        return parsed

    def warm(self) -> None:
        """Load the spaCy model now (a worker does, before its first batch)."""
        self.parser.warm()

    def parse_batch(self, articles: list[Article]) -> list[Article]:
        """Parse a batch of articles, the English ones in one stream (see ``parse_many``)."""
        english: list[Article] = []
        for article in articles:
            if article.language == "ru" and self.readers is not None and reads("ru", "syntax"):
                chosen = [s for s in article.sentences if worth_parsing(s, article.mentions)]
                article.parses = self.readers.russian_parses(article.text, chosen)
            elif article.language in (None, "en"):
                english.append(article)
        # Quotes need the sentences that hold a cue too ("Lavrov said that ..." has no
        # other name-like word), so their speaker comes from the subject.
        parses = self.parser.parse_many(
            [s for s in a.sentences if worth_parsing(s, a.mentions) or needs_parse(s)]
            for a in english
        )
        for article, found in zip(english, parses, strict=True):
            article.parses = found
        return articles


def find_times(article: Article) -> Article:
    if article.language == "ru":
        if reads("ru", "dates"):
            article.times = russian_times(
                article.id, article.text, article.sentences, article.published_at
            )
        return article
    article.times = extract_times(article.id, article.text, article.sentences, article.published_at)
    return article


def find_quotes(article: Article) -> Article:
    if article.language == "ru":
        if reads("ru", "quotes"):
            article.quotes = russian_quotes(
                article.id, article.text, article.sentences, article.mentions
            )
        return article
    article.quotes = extract_quotes(
        article.id, article.text, article.sentences, article.mentions, article.parses
    )
    return article


class CodeEvents:
    def __init__(self, dictionary: ActorDictionary, readers: LanguageReaders | None = None) -> None:
        self.coder = EventCoder(dictionary)
        self.readers = readers or LanguageReaders(dictionary)

    def __call__(self, article: Article) -> Article:
        coder = self.coder
        if article.language == "ru":
            if not reads("ru", "events"):
                return article
            coder = self.readers.russian_coder()
        article.events = coder.code_article(article)
        return article


def default_pipeline(
    dictionary: ActorDictionary | None = None,
    *,
    furniture: FurnitureIndex | None = None,
    parser: SyntaxParser | None = None,
) -> Pipeline:
    """Clean, split, and find actors, dates, quotes and events in every document."""
    actors = dictionary or ActorDictionary.default()
    syntax = parser or SyntaxParser()
    readers = LanguageReaders(actors)
    parse = ParseSyntax(syntax, readers)
    return Pipeline(
        [
            MapStep("clean", CleanDocuments(furniture), provides=ARTICLE_FIELDS),
            MapStep("sentences", add_sentences, requires={"text"}, provides={"sentences"}),
            MapStep(
                "tone", add_tone, requires={"sentences"}, provides={"tone"}, keep_on_error=True
            ),
            # The finding steps only add to an article: a defect in one must not cost the article.
            MapStep(
                "actors",
                RecognizeActors(actors, readers),
                requires={"sentences", "published_at"},
                provides={"mentions"},
                keep_on_error=True,
            ),
            BatchMapStep[Article, Article](
                "syntax",
                parse,
                parse.parse_batch,
                size=PARSE_BATCH,
                requires={"sentences", "mentions"},
                provides={"parses"},
                keep_on_error=True,
            ),
            MapStep(
                "dates",
                find_times,
                requires={"sentences", "published_at"},
                provides={"times"},
                keep_on_error=True,
            ),
            MapStep(
                "quotes",
                find_quotes,
                requires={"sentences", "mentions"},
                provides={"quotes"},
                keep_on_error=True,
            ),
            MapStep(
                "events",
                CodeEvents(actors, readers),
                requires={"mentions", "parses", "times", "quotes"},
                provides={"events"},
                keep_on_error=True,
            ),
        ]
    )


def load_dictionary(actors_file: Path | None) -> ActorDictionary:
    """The shipped dictionary, plus the user's own actor file when there is one."""
    if actors_file is None or not actors_file.is_file():
        return ActorDictionary.default()
    return ActorDictionary.load(actors_file)


def actors_in(articles: list[Article], dictionary: ActorDictionary | None = None) -> list[Actor]:
    """The actors these articles refer to, as records to store: dictionary entries and new people.

    Events name states and organisations by code even where the text never names them
    (a minister's state), so their codes count as references too.
    """
    known = dictionary or ActorDictionary.default()
    mentions = [m for a in articles for m in a.mentions]
    ids = {m.actor_id for m in mentions}
    for event in (e for a in articles for e in a.events):
        for side in (event.source, event.target, event.claimed_by):
            if side is not None:
                ids.update(x for x in (side.actor_id, side.code) if x)
    actors = [actor for actor in map(known.get, sorted(ids)) if actor is not None]
    return actors + actors_from_mentions(mentions, known)
