from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone
from unittest import mock

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from blocwatch.errors import StoreError
from blocwatch.model import (
    Actor,
    ActorKind,
    DatePrecision,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Mention,
    Quote,
    QuoteKind,
    Role,
    Span,
    Story,
    TimeExpression,
)
from blocwatch.store import Store, views
from blocwatch.store.schema import ArticleRow, Base
from blocwatch.store.search import compare_column_types, include_in_schema_comparison
from tests.analysis.builders import E, article
from tests.factories import make_article

TEXT = (
    'Russian Foreign Minister Sergey Lavrov met Ararat Mirzoyan on May 2. "We talked," Lavrov said.'
)


def _evidence(article_id: str, needle: str, sentence: int = 0) -> Evidence:
    start = TEXT.index(needle)
    return Evidence(article_id, sentence, Span(start, start + len(needle)), needle)


def _rich_article(article_id: str = "a1"):
    article = make_article(article_id, TEXT)
    article.published_at = datetime(
        2022, 5, 12, 13, 3, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    article.origin_agency = ["TASS"]
    lavrov = EventActor("person:sergey-lavrov", "Sergey Lavrov", "RUS")
    article.mentions = [
        Mention(
            "person:sergey-lavrov",
            "Sergey Lavrov",
            ActorKind.PERSON,
            _evidence(article_id, "Sergey Lavrov"),
            "RUS",
            "foreign minister",
            date(2004, 3, 9),
            None,
        ),
    ]
    article.times = [
        TimeExpression(
            "May 2",
            "2022-05-02",
            DatePrecision.DAY,
            _evidence(article_id, "May 2"),
            "publication date",
        )
    ]
    article.quotes = [
        Quote(
            "Lavrov",
            "person:sergey-lavrov",
            "said",
            "We talked,",
            QuoteKind.DIRECT,
            _evidence(article_id, "We talked,", 1),
        )
    ]
    article.events = [
        Event("CONSULT", lavrov, EventActor("person:ararat-mirzoyan", "Ararat Mirzoyan", "ARM"), _evidence(article_id, "met Ararat Mirzoyan"),
              mode="visit", cameo="040", goldstein=1.0, quad_class=1, date="2022-05-02", status=EventStatus.HAPPENED, claimed_by=None),
    ]  # fmt: skip
    return article


def test_article_and_every_fact_round_trip(store: Store) -> None:
    article = _rich_article()
    assert store.save_articles([article]) == 1
    loaded = store.get_article("a1")
    assert loaded is not None
    assert loaded.text == TEXT
    assert loaded.published_at == article.published_at
    assert loaded.published_at is not None and loaded.published_at.utcoffset() == timedelta(
        hours=5, minutes=30
    )
    assert loaded.origin_agency == ["TASS"]
    assert loaded.sentences == article.sentences
    assert loaded.mentions == article.mentions
    assert loaded.times == article.times
    assert loaded.quotes == article.quotes
    assert loaded.events == article.events
    assert loaded.events[0].evidence.text == "met Ararat Mirzoyan"


def test_saving_the_same_article_twice_stores_it_once(store: Store) -> None:
    assert store.save_articles([_rich_article(), _rich_article()]) == 1
    assert store.save_articles([_rich_article()]) == 0
    assert store.count_articles() == 1
    assert store.known_article_ids(["a1", "zz"]) == {"a1"}


def test_a_failed_batch_is_rolled_back_whole(store: Store) -> None:
    good, bad = _rich_article("ok"), _rich_article("bad")
    bad.events[0] = Event(
        "CONSULT", None, None, Evidence("bad", 0, Span(0, 1), "R"), cameo="x" * 50
    )  # too long for PostgreSQL
    bad.mentions = [
        Mention("x", "x", ActorKind.PERSON, Evidence("missing-article", 0, Span(0, 1), "R"))
    ]  # foreign key
    with pytest.raises(StoreError, match="rolled back"):
        store.save_articles([good, bad])
    assert store.count_articles() == 0
    assert store.save_articles([good]) == 1


def test_listing_is_newest_first_and_filters(store: Store) -> None:
    store.save_articles(
        [
            make_article("old", "Old text.", outlet="A", day=1),
            make_article("new", "New text.", outlet="B", day=20),
        ]
    )
    assert [a.id for a in store.list_articles()] == ["new", "old"]
    assert [a.id for a in store.list_articles(outlet="A")] == ["old"]
    assert [a.id for a in store.list_articles(since=date(2022, 5, 10))] == ["new"]
    assert store.find_article_ids("ne") == ["new"]
    assert [a.id for a in store.iter_articles(with_facts=False)] == ["old", "new"]


def test_actors_are_upserted(store: Store) -> None:
    lavrov = Actor(
        "person:sergey-lavrov",
        "Sergey Lavrov",
        ActorKind.PERSON,
        "RUS",
        ("Sergei Lavrov",),
        (Role("foreign minister", "RUS", date(2004, 3, 9)),),
    )
    store.save_actors([lavrov])
    store.save_actors([lavrov])
    assert store.get_actor("person:sergey-lavrov") == lavrov


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_object": include_in_schema_comparison,
                "compare_type": compare_column_types,
            },
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_unreachable_database_is_a_clear_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store("postgresql://nobody@127.0.0.1:1/none")


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        Store("not a url")


def test_write_errors_become_store_errors(sqlite_store: Store) -> None:
    with (
        mock.patch(
            "blocwatch.store.repository.insert_rows",
            side_effect=OperationalError("INSERT", {}, Exception("disk I/O error")),
        ),
        pytest.raises(StoreError),
    ):
        sqlite_store.save_articles([_rich_article()])
    assert sqlite_store.count_articles() == 0


def test_naive_times_are_taken_as_utc(sqlite_store: Store) -> None:
    article = make_article("n", "Text.")
    article.published_at = datetime(2022, 1, 1, 12, 0)
    sqlite_store.save_articles([article])
    [row] = sqlite_store.list_articles()
    assert row.published_at == datetime(2022, 1, 1, 12, 0, tzinfo=UTC)


@pytest.mark.postgres
def test_analyze_gives_postgresql_statistics_to_plan_with(postgres_store: Store) -> None:
    postgres_store.save_articles([make_article("a1", "Armenia and Georgia held talks.")])
    postgres_store.analyze()
    with postgres_store.engine.connect() as connection:
        columns = connection.execute(
            text("SELECT count(*) FROM pg_stats WHERE tablename = 'articles'")
        ).scalar_one()
    assert columns > 0


@pytest.mark.postgres
def test_replacing_the_stories_waits_for_an_ingest_batch_to_finish(postgres_store: Store) -> None:
    """Copies marked and every day counted again while a batch writes the same days would
    leave counts that match neither, so the two take turns."""
    store = postgres_store
    store.save_articles([make_article("talks", "Armenia and Georgia held talks.")])
    finished = threading.Event()
    failed: list[BaseException] = []

    def replace() -> None:
        try:
            store.replace_stories([Story("s1", "Talks", ["talks"])], {})
        except BaseException as exc:  # reported by the test's own thread
            failed.append(exc)
        finished.set()

    worker = threading.Thread(target=replace)
    with store.batch() as writer:
        writer.insert_articles([make_article("more", "Georgia and Armenia met again.")])
        worker.start()
        assert not finished.wait(1.0)  # the batch holds the turn
    worker.join(30)
    assert finished.is_set() and not failed
    assert [a.story_id for a in store.list_articles() if a.id == "talks"] == ["s1"]


@pytest.mark.postgres
def test_rebuilding_the_event_clusters_waits_for_an_ingest_batch_to_finish(
    postgres_store: Store,
) -> None:
    """A batch clusters its events against the stored clusters; a rebuild clearing them and
    writing its own beside it, each blind to the other, would not give one pass's clusters."""
    store = postgres_store
    store.save_articles([article("talks", [E("ARM", "GEO", date="2022-05-10")])])
    finished = threading.Event()
    made: list[int] = []
    failed: list[BaseException] = []

    def rebuild() -> None:
        try:
            made.append(store.rebuild_event_clusters())
        except BaseException as exc:  # reported by the test's own thread
            failed.append(exc)
        finished.set()

    worker = threading.Thread(target=rebuild)
    with store.batch() as writer:
        writer.insert_articles([article("visit", [E("TUR", "GRC", date="2022-05-11")])])
        worker.start()
        assert not finished.wait(1.0)  # the batch holds the turn
        assert store.event_clusters_complete()  # and the rebuild has not cleared a cluster
    worker.join(30)
    assert finished.is_set() and not failed
    assert made == [2] and store.event_clusters_complete()


def test_a_person_attached_to_an_organization_is_stored(store: Store) -> None:
    """Their country is the organization's id, longer than a country code."""
    article = make_article("gas3", TEXT)
    organization = "org:helsinki-foundation-for-human-rights"
    article.mentions = [
        Mention(
            "person:a-rights-monitor",
            "Lavrov",
            ActorKind.PERSON,
            _evidence("gas3", "Lavrov"),
            country=organization,
        )
    ]
    store.save_articles([article])
    loaded = store.get_article("gas3")
    assert loaded is not None and loaded.mentions[0].country == organization


def test_the_outlet_filter_lists_every_stored_outlet_once_in_the_databases_order(
    store: Store,
) -> None:
    """The outlets are found one index lookup at a time: the same list as grouping every
    article by outlet, in the database's order, without articles that name none."""
    names = ["steppe wire", "Caspian Daily", None, "Steppe Wire", "caspian daily", "Alpine Post"]
    reports = []
    for n, name in enumerate([*names, "Alpine Post", "steppe wire"]):
        report = make_article(f"a{n}", f"Report number {n} about the border talks.")
        report.outlet = name
        reports.append(report)
    store.save_articles(reports)
    with store.session() as session:
        grouped = list(
            session.scalars(
                select(ArticleRow.outlet)
                .where(ArticleRow.outlet.is_not(None))
                .group_by(ArticleRow.outlet)
                .order_by(ArticleRow.outlet)
            )
        )
    assert views.outlets(store) == grouped
    assert sorted(grouped) == sorted(n for n in set(names) if n)
