"""The search page's hits and overview from one statement equal what the two searches give.

Reports written for the test: flood reports from two outlets over several days, most of
them naming Georgia and some holding an aid event, one in German, one naming the flood
more often than the others. With windows small enough that the reports outnumber them,
every page of words and of filters alone must equal ``search_articles`` and
``search_overview`` asked one after the other, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from blocwatch.model import ActorKind, Article, Event, Evidence, Mention, Span, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store
from blocwatch.store import search as search_module
from blocwatch.store import search_overview as search_overview_module
from blocwatch.store.search import SearchFilters, matching, search_articles
from blocwatch.store.search_overview import search_overview
from blocwatch.store.search_page import search_page

TEXTS = [
    "Georgia sent aid after the flood reached the river towns.",
    "The flood closed roads in Georgia. Volunteers carried sandbags.",
    "Flood, flood and flood again: Georgia counts the cost of the flood.",
    "Officials in Georgia promised aid to farmers hit by the flood.",
    "Die Flut erreichte Georgien, flood warnings stayed in place.",
    "Georgia reopened the bridge the flood had damaged.",
    "A calm week: markets in Georgia rose and no flood was reported.",
]


def _report(n: int, text: str) -> Article:
    article_id = f"report-{n}"
    article = Article(
        id=article_id,
        text=text,
        title=f"River news {n}",
        outlet="Tbilisi Times" if n % 2 else "Caucasus Wire",
        language="de" if text.startswith("Die") else "en",
        published_at=datetime(2023, 6, 1 + 2 * n, 9, tzinfo=UTC),
        sentences=split_sentences(text),
    )
    for name in ("Georgia", "Georgien"):
        if (at := text.find(name)) >= 0:
            evidence = Evidence(article_id, 0, Span(at, at + len(name)), name)
            article.mentions = [Mention("GEO", name, ActorKind.STATE, evidence)]
    if "aid" in text:
        at = text.index("aid")
        evidence = Evidence(article_id, 0, Span(at, at + 3), "aid")
        article.events = [Event("AID", None, None, evidence)]
    return add_tone(article)


@pytest.fixture
def reports(store: Store) -> Store:
    store.save_articles([_report(n, text) for n, text in enumerate(TEXTS)])
    return store


SEARCHES = [
    ("flood", SearchFilters()),
    ("flood", SearchFilters(actor="GEO", language="en")),
    ("flood -bridge", SearchFilters(max_tone=0.5)),
    ("", SearchFilters(actor="GEO")),
    ("", SearchFilters(actor="GEO", event_type="AID")),
    ("nothing-matches-this", SearchFilters()),
]


@pytest.mark.parametrize(("rank_window", "overview_window"), [(2, 3), (100, 100)])
def test_one_pass_gives_what_the_two_searches_give(
    reports: Store, monkeypatch: pytest.MonkeyPatch, rank_window: int, overview_window: int
) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", rank_window)
    monkeypatch.setattr(search_overview_module, "OVERVIEW_WINDOW", overview_window)
    monkeypatch.setattr(search_overview_module, "FACET_WINDOW", 2)
    for words, filters in SEARCHES:
        for limit, offset in ((2, 0), (2, 2), (3, 3), (20, 0), (2, 40)):
            reports.reads.clear()
            results, overview = search_page(reports, words, filters, limit=limit, offset=offset)
            reports.reads.clear()
            expected = search_articles(reports, words, filters=filters, limit=limit, offset=offset)
            assert results == expected, (words, filters, limit, offset)
            assert overview == search_overview(reports, words, filters), (words, filters)


def test_the_windows_are_said_when_the_result_is_larger(
    reports: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    monkeypatch.setattr(search_overview_module, "OVERVIEW_WINDOW", 3)
    results, overview = search_page(reports, "flood", SearchFilters(), limit=20, offset=0)
    assert overview.facets.matches_counted == 3
    assert sum(n for _, _, n in overview.article_days) == 3
    assert results.total == 7 and not results.more
    assert results.ranked_over == (2 if reports.dialect == "postgresql" else None)


@pytest.mark.postgres
def test_an_actors_kept_articles_answer_what_its_mentions_answer(
    postgres_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search without words under an actor reads the actor's kept articles on
    PostgreSQL; with every filter beside it, and after its reports join a story, the page
    and the overview equal what finding the articles through the mentions gives."""
    store = postgres_store
    store.save_articles([_report(n, text) for n, text in enumerate(TEXTS)])
    store.replace_stories([Story("story-flood", "The flood", ["report-1", "report-3"])], {})
    monkeypatch.setattr(search_overview_module, "OVERVIEW_WINDOW", 3)
    monkeypatch.setattr(search_overview_module, "FACET_WINDOW", 2)
    searches = [
        SearchFilters(actor="GEO"),
        SearchFilters(actor="GEO", event_type="AID"),
        SearchFilters(actor="GEO", language="en", max_tone=0.5),
        SearchFilters(actor="GEO", since=date(2023, 6, 3), until=date(2023, 6, 9)),
        SearchFilters(actor="GEO", outlet="Tbilisi Times", min_tone=-0.9),
        SearchFilters(actor="ARM"),
    ]

    def answers() -> list[Any]:
        store.reads.clear()
        found = []
        for filters in searches:
            for limit, offset in ((2, 0), (2, 2)):
                found.append(search_page(store, "", filters, limit=limit, offset=offset))
            found.append(search_overview(store, "", filters))
        return found

    every_kept = (
        search_overview_module.kept_hits(store, matching(store, "", f), f) for f in searches
    )
    assert all(hits is not None for hits in every_kept)  # the kept rows answer these
    kept = answers()
    results, overview = kept[0]
    assert (results.total, overview.facets.matches_counted) == (7, 3)
    assert (date(2023, 6, 7), "story-flood") in kept[11].story_days  # the story reached them
    monkeypatch.setattr(search_overview_module, "kept_hits", lambda *args: None)
    assert kept == answers()
