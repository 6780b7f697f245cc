"""Stories grown batch by batch from stored state, instead of regrouping every article.

The copy detector and the clusterer work one article at a time already; what they know
between articles (signatures and copy groups, each article's compared features, the
document frequencies, the window's edge) is stored, and :func:`group_batch` takes up
only the part of it a batch can touch: the stories within the window of the batch's
dates, the closed stories a late report's lead dates it to, the copy groups that share
an LSH band with a newcomer, and the frequencies of the terms compared. The cost of a
batch therefore depends on how much news a week holds, not on how much is stored.

A batch is processed in publication order and the open stories are consolidated at its
end, as :func:`~blocwatch.stories.build.build_stories` does at the end of a stream. The
result is an update (:class:`StoryUpdate`) that the store writes in the transaction of
the batch's articles, so an article is never stored without its story, and a crash
loses the batch whole.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import numpy as np

from blocwatch.model import Article, CopyGroup, Story, SummarySentence
from blocwatch.sanitize import safe_text
from blocwatch.stories.clustering import StoryClusterer, StoryMember, member_features
from blocwatch.stories.copies import CopyDetector, CopyMember
from blocwatch.stories.summaries import (
    SummaryCandidate,
    summarize_article,
    summarize_candidates,
    summary_candidates,
)

UNDATED_STORIES = 500
"""How many of the newest undated stories an undated newcomer is compared with."""

TAKEN_SUMMARY_ARTICLES = 1000
"""How many articles' summary candidates a run keeps between batches (see
:class:`SummaryCandidates`): some tens of kilobytes each."""


@dataclass(frozen=True, slots=True)
class StoryCounters:
    """The collection's counters: documents clustered, the window's edge, next keys."""

    documents: int = 0
    latest: datetime | None = None
    next_copy_key: int = 0
    next_arrival: int = 0


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story as stored: its record (articles in arrival order) and compared members."""

    story: Story
    members: list[StoryMember]


@dataclass(slots=True)
class PreparedArticle:
    """An article with what grouping needs of it, taken once (where it was analysed)."""

    article: Article
    member: StoryMember
    signature: np.ndarray
    size: int
    summary: list[SummarySentence]
    encoded: bytes
    """The member as stored (:func:`encode_member`), made where the article was analysed."""
    candidates: list[SummaryCandidate] | None = None
    """Its sentences as story summaries take them (:func:`summary_candidates`), or None
    when the store will keep another text (one made safe for the database), from which
    later summaries must take them."""


class SummaryCandidates:
    """The summary candidates of recently grouped articles, by article id, for a run.

    A story that changes is summarised again from all its articles; without this, the
    sentences of the ones stored in earlier batches would be read and taken again for
    each batch that touches the story. Articles never change once stored, so an entry
    stays true; the oldest are forgotten past ``limit``, keeping memory flat.
    """

    def __init__(self, limit: int = TAKEN_SUMMARY_ARTICLES) -> None:
        self.limit = limit
        self._taken: dict[str, list[SummaryCandidate]] = {}

    def get(self, article_id: str) -> list[SummaryCandidate] | None:
        taken = self._taken.pop(article_id, None)
        if taken is not None:
            self._taken[article_id] = taken
        return taken

    def put(self, article_id: str, candidates: list[SummaryCandidate]) -> None:
        self._taken.pop(article_id, None)
        self._taken[article_id] = candidates
        while len(self._taken) > self.limit:
            del self._taken[next(iter(self._taken))]


@dataclass(slots=True)
class StoryUpdate:
    """What one batch changes in the stored story state (see the module docstring)."""

    counters: StoryCounters
    members: dict[str, tuple[date | None, bytes]] = field(default_factory=dict)
    """New clusterer members: article id → (event day, encoded features)."""
    compared: set[str] = field(default_factory=set)
    """Those among them that stories compare newcomers with (not syndicated copies)."""
    copy_members: list[CopyMember] = field(default_factory=list)
    """New copy-index members, and stored ones whose group changed."""
    band_keys: list[tuple[int, str, datetime | None]] = field(default_factory=list)
    """New band rows: band key, article id, publication time (bands are read by date)."""
    copy_of: dict[str, str | None] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    """Articles whose story is new or changed."""
    stories: list[Story] = field(default_factory=list)
    """Stories to write whole (new or changed), with copy groups and summaries."""
    deleted_stories: list[str] = field(default_factory=list)
    word_frequencies: Counter[str] = field(default_factory=Counter)
    name_frequencies: Counter[str] = field(default_factory=Counter)
    article_summaries: dict[str, list[SummarySentence]] = field(default_factory=dict)


class StoryState(Protocol):
    """The reads grouping needs from the store (``store/story_state.py`` implements them)."""

    def counters(self) -> StoryCounters: ...

    def copy_groups_near(
        self, band_keys: Iterable[int], since: datetime | None, until: datetime | None
    ) -> list[CopyMember]: ...

    def copy_groups_of(self, article_ids: Iterable[str]) -> list[CopyMember]: ...

    # Each story read returns a story's newest ``members`` compared members only.

    def stories_between(
        self, since: datetime, until: datetime, members: int
    ) -> list[StoredStory]: ...

    def undated_stories(self, limit: int, members: int) -> list[StoredStory]: ...

    def stories_dated(
        self, days: Iterable[date], since: datetime, members: int
    ) -> list[StoredStory]: ...

    def stories_of(self, article_ids: Iterable[str], members: int) -> list[StoredStory]: ...

    def term_frequencies(self, view: str, terms: Iterable[str]) -> dict[str, int]: ...

    def articles_for_summary(self, article_ids: Sequence[str]) -> list[Article]: ...


def prepare(article: Article, copies: CopyDetector | None = None) -> PreparedArticle:
    """What grouping needs of ``article``; pure, so a worker process can do it."""
    signature, size = (copies or CopyDetector()).signature(article.text)
    member = member_features(article)
    candidates = summary_candidates(article)
    return PreparedArticle(
        article=article,
        member=member,
        signature=np.asarray(signature.hashvalues, dtype=np.uint32),
        size=size,
        summary=summarize_article(article, candidates=candidates),
        encoded=encode_member(member),
        candidates=candidates if safe_text(article.text) is article.text else None,
    )


_RECOMPUTED = frozenset({"article_id", "word_vector", "name_vector", "weighted_at"})
"""Member fields not stored: the id is the row's key; vectors are recomputed on load."""


def _encode(value: object) -> object:
    if isinstance(value, Counter):
        return {"counter": dict(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, frozenset):
        return {"set": sorted((_encode(v) for v in value), key=json.dumps)}
    if isinstance(value, np.ndarray):
        return {"array": [float(x) for x in value]}
    return value


def _decode(value: object) -> object:
    if not isinstance(value, dict):
        return value
    [(kind, inner)] = value.items()
    if kind == "counter":
        return Counter(inner)
    if kind == "datetime":
        return datetime.fromisoformat(inner)
    if kind == "date":
        return date.fromisoformat(inner)
    if kind == "set":
        return frozenset(_decode(v) for v in inner)
    if kind == "array":
        return np.asarray(inner, dtype=np.float32)
    raise ValueError(f"unknown stored member value {kind!r}")


def encode_member(member: StoryMember) -> bytes:
    """A member's features as compressed JSON, field by field.

    Every field of the member record is kept (its vectors excepted, which depend on
    the collection and are recomputed), whatever fields the clusterer adds later; a
    field missing from an older record takes its default when decoded.
    """
    record = {
        f.name: _encode(getattr(member, f.name))
        for f in dataclasses.fields(member)
        if f.name not in _RECOMPUTED
    }
    return zlib.compress(json.dumps(record, ensure_ascii=False).encode(), 3)


def decode_member(article_id: str, blob: bytes) -> StoryMember:
    record = json.loads(zlib.decompress(blob))
    known = {f.name for f in dataclasses.fields(StoryMember)}
    values: dict[str, Any] = {
        name: _decode(value) for name, value in record.items() if name in known
    }
    return StoryMember(article_id=article_id, **values)


def _arrival_key(prepared: PreparedArticle) -> tuple[bool, float]:
    published = prepared.member.published
    return (published is None, published.timestamp() if published else 0.0)


def group_batch(
    batch: Sequence[PreparedArticle],
    state: StoryState,
    *,
    clusterer: StoryClusterer | None = None,
    copies: CopyDetector | None = None,
    taken: SummaryCandidates | None = None,
) -> StoryUpdate:
    """Group ``batch`` (new articles) into the stored stories; return what to write.

    ``taken`` keeps articles' summary candidates from one batch to the next of a run.
    """
    clusterer = clusterer or StoryClusterer()
    copies = copies or CopyDetector()
    batch = sorted(batch, key=_arrival_key)
    counters = state.counters()
    dated = [p.member.published for p in batch if p.member.published]
    low, high = (min(dated), max(dated)) if dated else (None, None)
    update = StoryUpdate(counters=counters)
    before_keys, copy_of_earlier = _place_copies(batch, state, copies, update, low, high)
    loaded = _reachable_stories(batch, state, copies, clusterer, low, high)
    before_story, before_articles = _restore_clusterer(
        batch, state, clusterer, loaded, counters, low
    )
    _place_articles(batch, clusterer, copies, copy_of_earlier, before_story, update)
    stories = clusterer.stories()
    _story_changes(update, stories, before_articles, before_story, {p.article.id for p in batch})
    _copy_changes(update, copies, batch, before_keys, state)
    _summaries(update, batch, state, taken or SummaryCandidates())
    latest_now = clusterer.latest
    if counters.latest and (latest_now is None or counters.latest > latest_now):
        latest_now = counters.latest
    update.counters = StoryCounters(
        documents=counters.documents + len(update.compared),
        latest=latest_now,
        next_copy_key=copies.next_key,
        next_arrival=copies.next_arrival,
    )
    return update


def _place_copies(
    batch: Sequence[PreparedArticle],
    state: StoryState,
    copies: CopyDetector,
    update: StoryUpdate,
    low: datetime | None,
    high: datetime | None,
) -> tuple[dict[str, int], dict[str, str | None]]:
    """Restore the stored copy groups that share a band with a newcomer and are dated
    near the batch, then index each newcomer; return the restored members' group keys
    and, per newcomer, the earlier article it copies (if any)."""
    window = copies.window_days
    reach = timedelta(days=window) if window is not None else None
    keys = {k for p in batch if p.size for k in copies.band_keys(p.signature)}
    near = state.copy_groups_near(
        keys,
        low - reach if low and reach is not None else None,
        high + reach if high and reach is not None else None,
    )
    counters = update.counters
    copies.restore(near, next_key=counters.next_copy_key, next_arrival=counters.next_arrival)
    copy_of_earlier: dict[str, str | None] = {}
    for p in batch:
        a = p.article
        copy_of_earlier[a.id] = copies.add_signed(
            a.id,
            p.signature,
            p.size,
            published=a.published_at,
            outlet=a.outlet,
            origin_agency=a.origin_agency,
        )
        if p.size:
            update.band_keys.extend(
                (key, a.id, a.published_at) for key in copies.band_keys(p.signature)
            )
    return {m.article_id: m.group_key for m in near}, copy_of_earlier


def _restore_clusterer(
    batch: Sequence[PreparedArticle],
    state: StoryState,
    clusterer: StoryClusterer,
    loaded: list[StoredStory],
    counters: StoryCounters,
    low: datetime | None,
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Take up the collection's counters, the frequencies of the terms compared and the
    ``loaded`` stories; return the story of each of their articles and their articles."""
    latest = counters.latest
    if low is not None and (latest is None or low < latest):
        latest = low
    terms_w = {t for s in loaded for m in s.members for t in m.words}
    terms_n = {t for s in loaded for m in s.members for t in m.names}
    terms_w.update(t for p in batch for t in p.member.words)
    terms_n.update(t for p in batch for t in p.member.names)
    clusterer.restore_collection(
        documents=counters.documents,
        word_frequencies=state.term_frequencies("w", terms_w),
        name_frequencies=state.term_frequencies("n", terms_n),
        latest=latest,
    )
    before_story: dict[str, str] = {}
    before_articles: dict[str, list[str]] = {}
    for stored in loaded:
        clusterer.restore_story(stored.story, stored.members)
        before_articles[stored.story.id] = stored.story.article_ids
        before_story.update(dict.fromkeys(stored.story.article_ids, stored.story.id))
    return before_story, before_articles


def _place_articles(
    batch: Sequence[PreparedArticle],
    clusterer: StoryClusterer,
    copies: CopyDetector,
    copy_of_earlier: dict[str, str | None],
    before_story: dict[str, str],
    update: StoryUpdate,
) -> None:
    """Each newcomer in arrival order: a copy of an earlier article joins that article's
    story uncompared; any other is compared with the open stories."""
    story_of: dict[str, str] = {}
    for p in batch:
        a = p.article
        earlier = [
            m for m in copies.members_of(a.id) if m != a.id and (m in story_of or m in before_story)
        ]
        if earlier and copy_of_earlier[a.id] is not None:
            story_of[a.id] = clusterer.attach(a, like=earlier[0])
        else:
            story_of[a.id] = clusterer.add_member(p.member, _title(a))
            update.compared.add(a.id)
            update.word_frequencies.update(p.member.words.keys())
            update.name_frequencies.update(p.member.names.keys())
        update.members[a.id] = (p.member.event_day, p.encoded)
        update.article_summaries[a.id] = p.summary


def _title(article: Article) -> str:
    if article.title:
        return article.title
    if article.sentences:
        return article.sentences[0].text[:200]
    return article.text[:200] or article.id


def _reachable_stories(
    batch: Sequence[PreparedArticle],
    state: StoryState,
    copies: CopyDetector,
    clusterer: StoryClusterer,
    low: datetime | None,
    high: datetime | None,
) -> list[StoredStory]:
    """The stored stories a batch can join: by window, by a lead's day, by a copy."""
    found: dict[str, StoredStory] = {}
    window, newest = clusterer.window, clusterer.compared_members
    if low is not None and high is not None:
        for stored in state.stories_between(low - window, high + window, newest):
            found[stored.story.id] = stored
    if any(p.member.published is None for p in batch):
        for stored in state.undated_stories(UNDATED_STORIES, newest):
            found.setdefault(stored.story.id, stored)
    days = {
        p.member.event_day + timedelta(days=offset)
        for p in batch
        if p.member.event_day
        for offset in (-1, 0, 1)
    }
    if days:
        since = (low or datetime.min.replace(tzinfo=UTC)) - clusterer.late_window
        for stored in state.stories_dated(days, since, newest):
            found.setdefault(stored.story.id, stored)
    new_ids = {p.article.id for p in batch}
    copied = {m for p in batch for m in copies.members_of(p.article.id) if m not in new_ids}
    if copied:
        for stored in state.stories_of(copied, newest):
            found.setdefault(stored.story.id, stored)
    return list(found.values())


def _story_changes(
    update: StoryUpdate,
    stories: list[Story],
    before_articles: dict[str, list[str]],
    before_story: dict[str, str],
    new_ids: set[str],
) -> None:
    for story in stories:
        if story.article_ids == before_articles.get(story.id):
            continue
        update.stories.append(story)
        for article_id in story.article_ids:
            if article_id in new_ids or before_story.get(article_id) != story.id:
                update.story_of[article_id] = story.id
    kept = {story.id for story in stories}
    update.deleted_stories = [story_id for story_id in before_articles if story_id not in kept]


def _copy_changes(
    update: StoryUpdate,
    copies: CopyDetector,
    batch: Sequence[PreparedArticle],
    before_keys: dict[str, int],
    state: StoryState,
) -> None:
    """New copy members, moved ones, and ``copy_of`` for every group a newcomer touched."""
    touched: set[str] = set()
    for p in batch:
        members = copies.members_of(p.article.id)
        touched.update(members)
        canonical = copies.canonical_of(p.article.id)
        for member in members:
            update.copy_of[member] = None if member == canonical else canonical
    for article_id in sorted(touched):
        stored = copies.member(article_id)
        if before_keys.get(article_id) != stored.group_key:
            update.copy_members.append(stored)
    # A story's copy groups need every group of its articles, not only the touched ones.
    in_stories = {a for story in update.stories for a in story.article_ids}
    copies.restore(
        state.copy_groups_of(in_stories - touched),
        next_key=copies.next_key,
        next_arrival=copies.next_arrival,
    )
    groups = copies.groups()
    for story in update.stories:
        articles = set(story.article_ids)
        story.copy_groups = [g for g in groups if g.canonical_id in articles]


def _summaries(
    update: StoryUpdate,
    batch: Sequence[PreparedArticle],
    state: StoryState,
    taken: SummaryCandidates,
) -> None:
    """Summaries of the changed stories, from one version of each text: the batch's own
    articles as analysed, earlier ones as stored."""
    in_batch = {p.article.id: p for p in batch}
    for p in batch:
        if p.candidates is not None:
            taken.put(p.article.id, p.candidates)
    for story in update.stories:
        copied = _copied(story.copy_groups)
        originals = [i for i in story.article_ids if i not in copied]
        known: dict[str, list[SummaryCandidate]] = {}
        for article_id in originals:
            found = taken.get(article_id)
            if found is None and article_id in in_batch:
                found = summary_candidates(in_batch[article_id].article)
            if found is not None:
                known[article_id] = found
        for article in state.articles_for_summary([i for i in originals if i not in known]):
            known[article.id] = summary_candidates(article)
            taken.put(article.id, known[article.id])
        story.summary = summarize_candidates([known[i] for i in originals if i in known])


def _copied(groups: Sequence[CopyGroup]) -> set[str]:
    return {copy_id for group in groups for copy_id in group.copy_ids}
