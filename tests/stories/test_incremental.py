"""Stories grown batch by batch from stored state (stories/incremental.py, store/story_state.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from blocwatch.model import Article
from blocwatch.run import group_pending, rebuild_stories
from blocwatch.store import Store
from blocwatch.store.schema import ArticleRow, CopyBandRow, StoryRow, SummarySentenceRow
from blocwatch.store.story_state import StoredStoryState
from blocwatch.stories import build_stories
from blocwatch.stories.clustering import StoryClusterer, member_features
from blocwatch.stories.copies import CopyDetector
from blocwatch.stories.incremental import (
    SummaryCandidates,
    decode_member,
    encode_member,
    group_batch,
    prepare,
)
from tests.factories import make_article
from tests.migrating import migrate

QUAKE = (
    "A magnitude 6.1 earthquake struck Van province in eastern Turkey on Tuesday, "
    "killing at least 12 people and collapsing 40 buildings in the town of Ercis. "
    "Rescue teams from Ankara searched the rubble through the night, the disaster agency AFAD said. "
    "Aftershocks kept families in tents outside Ercis as temperatures fell below freezing."
)
QUAKE_FOLLOW_UP = (
    "Rescuers in Ercis pulled two more survivors from the rubble on Wednesday, a day after "
    "the magnitude 6.1 earthquake in Van province killed at least 12 people. "
    "The disaster agency AFAD said 40 buildings collapsed in Ercis and teams from Ankara kept digging. "
    "Families spent a second night in tents as aftershocks rattled the town."
)
TALKS = (
    "Foreign ministers of Armenia and Azerbaijan met in Almaty on Tuesday for a round of "
    "border delimitation talks hosted by Kazakhstan. The ministers discussed the opening of "
    "transport links and the wording of a draft peace treaty, diplomats said. "
    "Kazakhstan's foreign minister called the meeting constructive and said another round would follow."
)


def _story_of(store: Store) -> dict[str, str | None]:
    with store.session() as session:
        return dict(session.execute(select(ArticleRow.id, ArticleRow.story_id)).all())


def _group(store: Store, articles: list[Article]) -> None:
    with store.batch() as writer:
        stored = writer.insert_articles(articles)
        writer.stories.apply(group_batch([prepare(a) for a in stored], writer.stories))


def test_a_follow_up_in_a_later_batch_joins_the_stored_story(sqlite_store: Store) -> None:
    _group(
        sqlite_store,
        [make_article("quake1", QUAKE, day=10), make_article("talks1", TALKS, day=10)],
    )
    _group(sqlite_store, [make_article("quake2", QUAKE_FOLLOW_UP, day=11)])
    story_of = _story_of(sqlite_store)
    assert story_of["quake2"] == story_of["quake1"] == "story:quake1"
    assert story_of["talks1"] == "story:talks1"
    with sqlite_store.session() as session:
        counts = dict(session.execute(select(StoryRow.id, StoryRow.article_count)).all())
    assert counts == {"story:quake1": 2, "story:talks1": 1}


def test_a_copy_in_a_later_batch_is_folded_into_its_original(sqlite_store: Store) -> None:
    _group(sqlite_store, [make_article("wire", QUAKE, outlet="Wire", day=10)])
    copy = make_article("copy", "ANKARA (Wire) - " + QUAKE, outlet="Daily", day=10)
    _group(sqlite_store, [copy])
    with sqlite_store.session() as session:
        row = session.get(ArticleRow, "copy")
        assert row is not None
        assert (row.copy_of, row.story_id) == ("wire", "story:wire")
        story = session.get(StoryRow, "story:wire")
        assert story is not None
        assert story.copy_groups[0].copy_ids == ("copy",)


def test_batches_give_the_stories_of_one_pass(sqlite_store: Store) -> None:
    articles = [
        make_article("quake1", QUAKE, day=10),
        make_article("talks1", TALKS, day=10),
        make_article("quake2", QUAKE_FOLLOW_UP, day=11),
    ]
    expected = {a: s.id for s in build_stories(articles) for a in s.article_ids}
    for article in articles:
        _group(sqlite_store, [article])
    assert _story_of(sqlite_store) == expected


def test_articles_stored_without_stories_wait_and_are_grouped_later(sqlite_store: Store) -> None:
    sqlite_store.save_articles([make_article("quake1", QUAKE), make_article("talks1", TALKS)])
    assert sqlite_store.pending_count() == 2
    assert group_pending(sqlite_store) == 2
    assert sqlite_store.pending_count() == 0
    assert set(_story_of(sqlite_store).values()) == {"story:quake1", "story:talks1"}


def test_a_stored_member_comes_back_with_every_field() -> None:
    article = make_article("quake1", QUAKE, day=10)
    member = member_features(article)
    assert decode_member("quake1", encode_member(member)) == member


def _fill(store: Store, count: int) -> None:
    towns = ["Ercis", "Almaty", "Gyumri", "Osh", "Batumi", "Khujand", "Shymkent", "Ganja"]
    articles = []
    for number in range(count):
        town = towns[number % len(towns)]
        text = (
            f"Officials in {town} reported {number} new cases of a fever outbreak on Monday, "
            f"the regional health office said, bringing the total to {number * 7}. "
            f"Clinics in {town} opened {number % 9 + 2} extra wards and schools closed for a week. "
            f"Round {number} of vaccinations begins on Thursday in {town} district {number}."
        )
        articles.append(make_article(f"a{number:04d}", text, day=1 + number % 28))
    store.save_articles(articles)


def test_a_rebuild_killed_midway_is_completed_by_the_next_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    store = Store(url)
    _fill(store, 400)
    group_pending(store, batch_size=50)
    before = _story_of(store)
    script = (
        "from blocwatch.store import Store; from blocwatch.run import group_pending;"
        f"store = Store({url!r}); store.clear_stories(); group_pending(store, batch_size=50)"
    )
    process = subprocess.Popen([sys.executable, "-c", script], env={**os.environ})
    deadline = time.monotonic() + 300
    while store.pending_count() in (0, 400) and time.monotonic() < deadline:
        assert process.poll() is None, "the rebuild ended before it could be killed"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    waiting = store.pending_count()
    assert 0 < waiting < 400, "the kill was meant to land during the regrouping"
    assert group_pending(store, batch_size=50) == waiting
    after = _story_of(store)
    assert None not in after.values()
    assert after == before
    with store.session() as session:
        counts = dict(session.execute(select(StoryRow.id, StoryRow.article_count)).all())
    grouped: dict[str, int] = {}
    for story_id in after.values():
        assert story_id is not None
        grouped[story_id] = grouped.get(story_id, 0) + 1
    assert counts == grouped
    assert rebuild_stories(store) == store.count_stories() > 0
    assert store.pending_count() == 0
    store.close()


FLOOD = [
    "The Syr Darya burst its banks near Kyzylorda on Monday, flooding 40 homes in "
    "Zhalagash district, the Kazakh emergency ministry said. Rescuers moved nine families "
    "to a school on higher ground as the river kept rising.",
    "Water from the Syr Darya reached the outskirts of Zhalagash on Tuesday and the "
    "emergency ministry in Kyzylorda opened two more shelters. Soldiers piled sandbags "
    "along the embankment while farmers drove their cattle to the steppe.",
    "Kyzylorda's governor declared a local emergency in Zhalagash district after the Syr "
    "Darya flood cut the road to the district centre. Helicopters of the emergency "
    "ministry dropped food and drinking water to villages cut off since Monday.",
    "The flood on the Syr Darya has damaged 180 homes in Zhalagash district, Kyzylorda "
    "officials said on Thursday. The emergency ministry said the water began to fall "
    "slowly, but warned families not to return until engineers checked the dams.",
    "Families displaced by the Syr Darya flood in Zhalagash began returning home on "
    "Saturday as the river fell. The Kyzylorda region's emergency ministry office said "
    "it would pay each damaged household a grant for repairs.",
    "Engineers inspecting the Syr Darya dams above Zhalagash found two weakened sections, "
    "Kyzylorda officials said on Monday, a week after the flood. The emergency ministry "
    "kept pumps in the district in case the river rose again.",
]
CAP = 3


def _flood_reports() -> list[Article]:
    """Reports on one flood over a week, each in words of its own (none is a copy)."""
    return [
        make_article(f"flood{n}", text, title="Syr Darya floods Zhalagash", day=9 + n)
        for n, text in enumerate(FLOOD)
    ]


def test_a_long_story_is_compared_through_its_newest_members_as_in_one_pass(
    store: Store,
) -> None:
    articles = _flood_reports()
    articles.insert(3, make_article("talks1", TALKS, day=11))
    expected = {
        a: s.id
        for s in build_stories(articles, clusterer=StoryClusterer(compared_members=CAP))
        for a in s.article_ids
    }
    assert {expected[f"flood{n}"] for n in range(6)} == {"story:flood0"}  # longer than its cap
    for article in articles:
        with store.batch() as writer:
            stored = writer.insert_articles([article])
            clusterer = StoryClusterer(compared_members=CAP)
            writer.stories.apply(
                group_batch([prepare(a) for a in stored], writer.stories, clusterer=clusterer)
            )
    assert _story_of(store) == expected
    with store.batch() as writer:
        [flood] = [
            s
            for s in writer.stories.stories_between(
                datetime(2022, 5, 1, tzinfo=UTC), datetime(2022, 5, 31, tzinfo=UTC), 3
            )
            if s.story.id == "story:flood0"
        ]
    assert len(flood.story.article_ids) == 6
    assert [m.article_id for m in flood.members] == ["flood3", "flood4", "flood5"]


def _dated(article: Article, year: int) -> Article:
    assert article.published_at is not None
    article.published_at = article.published_at.replace(year=year)
    return article


def test_a_band_is_read_within_the_batch_dates_and_finds_the_same_copies(store: Store) -> None:
    """An old report sharing every band with a newcomer is not read; its copies in
    reach are, and the copy is folded as before."""
    old = _dated(make_article("old", QUAKE, outlet="Wire", day=10), 2019)
    wire = make_article("wire", QUAKE, outlet="Wire", day=10)
    copy = make_article("copy", "ANKARA (Wire) - " + QUAKE, outlet="Daily", day=11)
    for article in (old, wire, copy):
        _group(store, [article])
    with store.session() as session:
        rows = dict(session.execute(select(ArticleRow.id, ArticleRow.copy_of)).all())
        bands = session.execute(select(CopyBandRow.article_id, CopyBandRow.published)).all()
    assert rows == {"old": None, "wire": None, "copy": "wire"}
    assert dict(bands) == {
        "old": old.published_at,
        "wire": wire.published_at,
        "copy": copy.published_at,
    }
    detector = CopyDetector()
    keys = detector.band_keys(prepare(copy).signature)
    with store.batch() as writer:
        near = writer.stories.copy_groups_near(
            keys, datetime(2022, 5, 4, tzinfo=UTC), datetime(2022, 5, 18, tzinfo=UTC)
        )
        everywhere = writer.stories.copy_groups_near(keys, None, None)
    assert {m.article_id for m in near} == {"wire", "copy"}
    assert {m.article_id for m in everywhere} == {"old", "wire", "copy"}


def test_the_band_dates_migration_fills_the_dates_of_stored_bands(store: Store) -> None:
    wire = make_article("wire", QUAKE, outlet="Wire", day=10)
    _group(store, [wire, make_article("undated", TALKS, day=10)])
    with store.batch() as writer:
        writer.session.execute(update(CopyBandRow).values(published=None))
    migrate(store, "0012")
    migrate(store, "head")
    with store.session() as session:
        dates = set(session.execute(select(CopyBandRow.article_id, CopyBandRow.published)))
    assert ("wire", wire.published_at) in dates
    assert {a for a, _ in dates} == {"wire", "undated"}


def _summaries(store: Store) -> dict[str, list[tuple[int, str, list[str]]]]:
    """Every story's summary sentences as stored: position, text, supporting articles."""
    found: dict[str, list[tuple[int, str, list[str]]]] = {}
    with store.session() as session:
        rows = session.scalars(
            select(SummarySentenceRow)
            .where(SummarySentenceRow.story_id.is_not(None))
            .order_by(SummarySentenceRow.story_id, SummarySentenceRow.position)
        )
        for row in rows:
            found.setdefault(str(row.story_id), []).append(
                (row.position, row.text, list(row.supporting_article_ids))
            )
    return found


def _note_reads(state: StoredStoryState, asked: list[str]) -> None:
    """Note which articles the summaries read back from the store."""
    read = state.articles_for_summary

    def articles_for_summary(article_ids: Sequence[str]) -> list[Article]:
        asked.extend(article_ids)
        return read(article_ids)

    state.articles_for_summary = articles_for_summary  # type: ignore[method-assign]


QUAKE_TOLL = (
    "The death toll from the earthquake in Van province rose to 19 on Thursday, the disaster "
    "agency AFAD said, as rescuers in Ercis searched the last collapsed buildings. "
    "Ankara sent more tents and heaters to families sleeping outside in the cold."
)


def test_summary_candidates_kept_between_batches_give_the_summaries_read_from_the_store(
    tmp_path: Path,
) -> None:
    """A run keeps the candidates of the articles it grouped; the story summaries of later
    batches are those of taking every article's sentences from the store again, and the
    store is not asked for the articles the run kept."""
    nul = make_article("quake3", QUAKE_TOLL.replace("Thursday,", "Thursday,\x00"), day=12)
    batches = [
        [make_article("quake1", QUAKE, day=10), make_article("talks1", TALKS, day=10)],
        [make_article("quake2", QUAKE_FOLLOW_UP, day=11)],
        [nul],
        [make_article("quake4", QUAKE_TOLL.replace("19", "21"), day=13)],
    ]
    kept = Store(f"sqlite:///{tmp_path / 'kept.db'}")
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    taken = SummaryCandidates()
    asked: list[str] = []
    for batch in batches:
        with kept.batch() as writer:
            stored = writer.insert_articles(batch)
            _note_reads(writer.stories, asked)
            writer.stories.apply(
                group_batch([prepare(a) for a in stored], writer.stories, taken=taken)
            )
        _group(fresh, batch)
    assert _summaries(kept) == _summaries(fresh)
    assert len(_summaries(kept)["story:quake1"]) >= 2
    # Only the article whose stored text differs (its NUL made a space) is read back.
    assert prepare(nul).candidates is None
    assert set(asked) == {"quake3"}
    kept.close()
    fresh.close()
