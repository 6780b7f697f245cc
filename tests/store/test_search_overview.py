"""A search as a whole: facet counts, language and tone filters, coverage per day, stories grouped."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from blocwatch.model import ActorKind, Article, Evidence, Mention, Span, Story
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store
from blocwatch.store import search_overview as search_overview_module
from blocwatch.store.search import SearchFilters, search_articles
from blocwatch.store.search_overview import group_by_story, search_overview, story_titles


def _article(article_id: str, text: str, outlet: str, day: int, language: str = "en") -> Article:
    article = Article(
        id=article_id,
        text=text,
        title=text.split(".")[0],
        outlet=outlet,
        language=language,
        published_at=datetime(2023, 6, day, 10, 0, tzinfo=UTC),
        sentences=split_sentences(text),
    )
    at = text.find("Georgia")
    if at >= 0:
        article.mentions = [
            Mention(
                "GEO",
                "Georgia",
                ActorKind.STATE,
                Evidence(article_id, 0, Span(at, at + 7), "Georgia"),
            )
        ]
    return add_tone(article)


@pytest.fixture
def pipeline_store(store: Store) -> Store:
    store.save_articles(
        [
            _article(
                "g1",
                "Georgia welcomed the pipeline deal as a wonderful success.",
                "Tbilisi Times",
                1,
            ),
            _article(
                "g2",
                "Protesters condemned the pipeline deal as a disgraceful betrayal.",
                "Caucasus Wire",
                2,
            ),
            _article("g3", "The pipeline deal was signed in Baku on Monday.", "Caucasus Wire", 14),
            _article(
                "g4",
                "Die Pipeline wurde in Baku unterzeichnet, pipeline.",
                "Berliner Blatt",
                14,
                "de",
            ),
        ]
    )
    return store


def test_facets_count_every_match_not_only_the_page(pipeline_store: Store) -> None:
    found = search_overview(pipeline_store, "pipeline", SearchFilters())
    assert found.facets.counted_over is None  # fewer matches than the window: exact
    assert found.facets.outlets == {"Caucasus Wire": 2, "Berliner Blatt": 1, "Tbilisi Times": 1}
    assert found.facets.languages == {"en": 3, "de": 1}
    assert found.facets.actors == {"GEO": 1}
    assert sum(n for _, _, n in found.article_days) == 4
    assert {d for d, _, _ in found.article_days} == {
        date(2023, 6, 1),
        date(2023, 6, 2),
        date(2023, 6, 14),
    }


def test_language_and_tone_narrow_the_hits(pipeline_store: Store) -> None:
    german = search_articles(pipeline_store, "pipeline", filters=SearchFilters(language="de"))
    assert [h.article.id for h in german.hits] == ["g4"]
    negative = search_articles(pipeline_store, "pipeline", filters=SearchFilters(max_tone=-0.05))
    assert [h.article.id for h in negative.hits] == ["g2"]
    positive = search_overview(pipeline_store, "pipeline", SearchFilters(min_tone=0.05))
    assert positive.facets.outlets == {"Tbilisi Times": 1}


def test_hits_of_one_story_are_grouped_where_the_best_one_ranked(pipeline_store: Store) -> None:
    pipeline_store.replace_stories(
        [
            Story("story-deal", "The pipeline deal", ["g1", "g3"]),
            Story("story-protest", "Protests", ["g2"]),
        ],
        {},
    )
    hits = search_articles(
        pipeline_store, "pipeline", filters=SearchFilters(language="en"), limit=10
    ).hits
    titles = story_titles(pipeline_store, hits)
    assert titles == {"story-deal": "The pipeline deal", "story-protest": "Protests"}
    groups = group_by_story(hits, titles)
    assert sorted(len(g.hits) for g in groups) == [1, 2]
    deal = next(g for g in groups if g.story_id == "story-deal")
    assert {h.article.id for h in deal.hits} == {
        "g1",
        "g3",
    } and deal.story_title == "The pipeline deal"


def test_actors_are_counted_over_the_newest_matches_when_there_are_more(
    pipeline_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a window smaller than the result, actors and event types come from the newest
    articles and say so; outlets, languages and the timeline still count every match."""
    monkeypatch.setattr(search_overview_module, "FACET_WINDOW", 3)
    found = search_overview(pipeline_store, "pipeline", SearchFilters())
    assert found.facets.counted_over == 3
    assert found.facets.actors == {}  # Georgia is named only in the oldest report
    assert found.facets.outlets == {"Caucasus Wire": 2, "Berliner Blatt": 1, "Tbilisi Times": 1}
    assert sum(n for _, _, n in found.article_days) == 4
    monkeypatch.setattr(search_overview_module, "FACET_WINDOW", 4)
    pipeline_store.reads.clear()
    found = search_overview(pipeline_store, "pipeline", SearchFilters())
    assert (found.facets.counted_over, found.facets.actors) == (None, {"GEO": 1})


def test_a_result_larger_than_the_window_is_counted_over_its_newest_articles(
    pipeline_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outlets, languages and the timeline of a result larger than the window count its
    newest articles and say how many; a window as large as the result counts what
    counting every match counts."""
    every = search_overview(pipeline_store, "pipeline", SearchFilters())
    monkeypatch.setattr(search_overview_module, "OVERVIEW_WINDOW", 3)
    pipeline_store.reads.clear()
    found = search_overview(pipeline_store, "pipeline", SearchFilters())
    assert found.facets.matches_counted == 3
    assert found.facets.outlets == {"Caucasus Wire": 2, "Berliner Blatt": 1}  # not g1
    assert found.facets.languages == {"en": 2, "de": 1}
    assert sorted(found.article_days) == sorted(
        row for row in every.article_days if row[0] != date(2023, 6, 1)
    )
    monkeypatch.setattr(search_overview_module, "OVERVIEW_WINDOW", 4)
    pipeline_store.reads.clear()
    whole = search_overview(pipeline_store, "pipeline", SearchFilters())
    assert whole == every and whole.facets.matches_counted is None
