"""Tone for stored articles that lack it (store/tone.py): an upgraded store, filled, answers
as a store whose articles were ingested with tone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from blocwatch.model import Article
from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store, actor_counts
from blocwatch.store.schema import ArticleRow, SentenceRow
from blocwatch.store.tone import fill_tone
from tests.analysis.builders import person_mention
from tests.factories import make_article
from tests.migrating import migrate


def _articles() -> list[Article]:
    clash = make_article(
        "clash",
        "Lavrov condemned the brutal shelling of the port. The talks collapsed amid bitter "
        "accusations of betrayal.",
        day=10,
    )
    talks = make_article(
        "talks",
        "Lavrov praised the warm and fruitful talks in Ankara. A second round is planned for June.",
        day=11,
    )
    french = make_article("french", "Lavrov a salué des entretiens chaleureux à Ankara.", day=11)
    french.language = "fr"
    for article in (clash, talks, french):
        person_mention(article, "Lavrov", "lavrov", role=None)
    return [clash, talks, french]


def _state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Article and sentence tone, and every kept actor row (they sum sentence tone)."""
    with store.session() as session:
        found = {
            "articles": [tuple(r) for r in session.execute(select(ArticleRow.id, ArticleRow.tone))],
            "sentences": [
                tuple(r)
                for r in session.execute(
                    select(SentenceRow.article_id, SentenceRow.index, SentenceRow.tone)
                )
            ],
        }
        for table in actor_counts.TABLES:
            columns = [c for c in table.c if c.name != "id"]
            found[table.name] = [tuple(r) for r in session.execute(select(*columns))]
    return {name: sorted(rows, key=repr) for name, rows in found.items()}


def test_a_store_made_before_tone_answers_as_a_fresh_one_once_filled(store: Store) -> None:
    store.save_articles([add_tone(a) for a in _articles()])  # as ingest stores them
    fresh = _state(store)
    tones = dict(fresh["articles"])
    assert tones["clash"] < 0 < tones["talks"] and tones["french"] is None

    migrate(store, "0005")  # no tone columns: the store as 0005 made it
    migrate(store, "head")  # 0006 adds them, empty
    assert [tone for _, tone in _state(store)["articles"]] == [None, None, None]

    assert fill_tone(store, add_tone, batch_size=1) == 2  # the English articles, one a batch
    assert _state(store) == fresh
    assert fill_tone(store, add_tone) == 0  # nothing is left to score
