"""Bulk loading: rows copied from one store into another read back as the same records."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from blocwatch.model import ActorKind, Article, Event, EventActor, Evidence, Mention, Span
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store, bulk

TEXT = "Moldova asked Romania for gas. The ministry in Chisinau confirmed the request."
TABLES = ("articles", "sentences", "mentions", "events")


def _article(article_id: str) -> Article:
    article = Article(
        id=article_id,
        text=TEXT,
        title="Gas request",
        outlet="Prut Daily",
        published_at=datetime(2024, 2, 3, 10, tzinfo=UTC),
        sentences=split_sentences(TEXT),
    )
    evidence = Evidence(article_id, 0, Span(0, 7), "Moldova")
    article.mentions = [Mention("MDA", "Moldova", ActorKind.STATE, evidence, country="MDA")]
    article.events = [
        Event(
            "CONSULT",
            EventActor("MDA", "Moldova", "MDA"),
            EventActor("ROU", "Romania", "ROU"),
            Evidence(article_id, 0, Span(0, 29), TEXT[:29]),
            goldstein=1.0,
            quad_class=1,
        )
    ]
    return article


def test_copied_rows_read_back_as_the_stored_article(store: Store, tmp_path: Path) -> None:
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    source.save_articles([_article("gas1")])
    with source.engine.connect() as reading, store.engine.connect() as writing:
        bulk.trust_references(writing)
        with bulk.bulk_session(writing, TABLES):
            for name in TABLES:
                rows = [
                    {k: v for k, v in row.items() if k != "id" or name != "mentions"}
                    for row in bulk.stream_rows(reading, name)
                ]
                assert bulk.copy_rows(writing, name, rows) == (2 if name == "sentences" else 1)
            writing.commit()
    assert store.get_article("gas1") == source.get_article("gas1")
    # the id sequences moved past the copied ids: an ingest after the load stores its events
    store.save_articles([_article("gas2")])
    loaded = store.get_article("gas2")
    assert loaded is not None and [e.type for e in loaded.events] == ["CONSULT"]
    source.close()


def test_a_store_s_size_on_disk_grows_with_what_it_holds(store: Store) -> None:
    empty = bulk.database_bytes(store.url)
    store.save_articles([_article(f"gas{n}") for n in range(400)])
    assert bulk.database_bytes(store.url) > empty > 0
