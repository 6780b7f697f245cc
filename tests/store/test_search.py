from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from blocwatch.model import ActorKind, Article, Event, Evidence, Mention, Span
from blocwatch.store import Store
from blocwatch.store import search as search_module
from blocwatch.store.search import SearchFilters, fts5_query, search_articles
from blocwatch.store.search_overview import search_overview
from tests.factories import make_article
from tests.migrating import migrate


def _mention(article_id: str, text: str, name: str, actor_id: str) -> Mention:
    start = text.index(name)
    span = Span(start, start + len(name))
    return Mention(actor_id, name, ActorKind.STATE, Evidence(article_id, 0, span, name))


@pytest.fixture
def filled(store: Store) -> Store:
    talks = "Armenia and Azerbaijan resumed border talks in Brussels. The sanctions stayed."
    gas = "Kazakhstan signed a gas deal with China. Pipelines were discussed at length."
    other = "Georgia held elections. Observers from the OSCE reported calm voting."
    a1 = make_article("a1", talks, title="Border talks resume", outlet="Wire One", day=10)
    a1.mentions = [_mention("a1", talks, "Armenia", "ARM")]
    a1.events = [
        Event("CONSULT", None, None, Evidence("a1", 0, Span(0, 10), talks[:10])),
    ]
    a2 = make_article("a2", gas, title="Gas deal signed", outlet="Wire Two", day=12)
    a2.mentions = [_mention("a2", gas, "Kazakhstan", "KAZ")]
    a3 = make_article("a3", other, title="Tbilisi votes: <b>sanction</b> talk", day=14)
    store.save_articles([a1, a2, a3])
    return store


def test_words_find_articles_with_a_highlighted_snippet(filled: Store) -> None:
    results = search_articles(filled, "border talks")
    assert results.total == 1
    [hit] = results.hits
    assert hit.article.id == "a1"
    assert [p.text.lower() for p in hit.snippet if p.match] == ["border", "talks"]
    assert "Armenia and Azerbaijan" in hit.snippet_text


def test_stemming_finds_other_word_forms(filled: Store) -> None:
    ids = {hit.article.id for hit in search_articles(filled, "sanction").hits}
    assert ids == {"a1", "a3"}


def test_title_matches_rank_above_body_matches(filled: Store) -> None:
    hits = search_articles(filled, "sanctions").hits
    assert hits[0].article.id == "a3"


def test_phrases_exclusions_and_or(filled: Store) -> None:
    assert {h.article.id for h in search_articles(filled, '"gas deal"').hits} == {"a2"}
    assert search_articles(filled, '"deal gas"').total == 0
    assert {h.article.id for h in search_articles(filled, "sanctions -border").hits} == {"a3"}
    assert {h.article.id for h in search_articles(filled, "elections OR pipelines").hits} == {
        "a2",
        "a3",
    }


def test_filters_narrow_the_results(filled: Store) -> None:
    assert [h.article.id for h in search_articles(filled, "talks", actor="ARM").hits] == ["a1"]
    assert search_articles(filled, "talks", actor="KAZ").total == 0
    assert [h.article.id for h in search_articles(filled, "", outlet="Wire Two").hits] == ["a2"]
    assert [h.article.id for h in search_articles(filled, "", event_type="CONSULT").hits] == ["a1"]
    dated = search_articles(filled, "", since=date(2022, 5, 11), until=date(2022, 5, 13))
    assert [h.article.id for h in dated.hits] == ["a2"]


def test_exclusions_alone_leave_out_the_articles_holding_them(filled: Store) -> None:
    found = search_articles(filled, "-sanctions")
    assert [h.article.id for h in found.hits] == ["a2"]  # "sanction" is stemmed alike
    assert found.hits[0].snippet_text.startswith("Kazakhstan signed a gas deal")
    assert [h.article.id for h in search_articles(filled, '-border -"observers from"').hits] == [
        "a2"
    ]
    assert search_articles(filled, "-sanctions", outlet="Wire One").total == 0


def test_no_words_lists_newest_first_with_the_opening_as_snippet(filled: Store) -> None:
    results = search_articles(filled, "  ", limit=2)
    assert results.total == 3
    assert [h.article.id for h in results.hits] == ["a3", "a2"]
    assert results.hits[0].snippet_text.startswith("Georgia held elections.")
    assert search_articles(filled, "", limit=2, offset=2).hits[0].article.id == "a1"


def test_query_syntax_typed_by_a_user_is_never_an_error(filled: Store) -> None:
    for query in ["title:border", "NEAR(a b)", '"unclosed', "AND", "*", "-", "a:b OR", "the"]:
        search_articles(filled, query)


def test_the_index_follows_updates_and_deletes(filled: Store) -> None:
    from sqlalchemy import text

    with filled.engine.begin() as connection:
        connection.execute(text("UPDATE articles SET title = 'Pipeline news' WHERE id = 'a3'"))
        connection.execute(text("DELETE FROM articles WHERE id = 'a2'"))
    assert {h.article.id for h in search_articles(filled, "pipeline").hits} == {"a3"}
    assert search_articles(filled, "Tbilisi").total == 0


def test_a_store_made_before_search_finds_what_a_fresh_one_finds_once_upgraded(
    filled: Store,
) -> None:
    """Migration 0002 builds the index from the articles already stored, and the index
    then follows new articles as a fresh store's does."""
    queries = ("sanction", "border talks", "election -gas", "Tbilisi OR Kazakhstan")
    fresh = {q: [h.article.id for h in search_articles(filled, q).hits] for q in queries}
    migrate(filled, "0001")  # no index: the store as 0001 made it
    migrate(filled, "head")
    assert {q: [h.article.id for h in search_articles(filled, q).hits] for q in queries} == fresh
    assert all(fresh.values())
    later = "Moldova and Romania opened a bridge across the Prut."
    filled.save_articles([make_article("a4", later, title="Bridge opens", day=15)])
    assert [h.article.id for h in search_articles(filled, "bridges").hits] == ["a4"]


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query("border talks") == '"border" AND "talks"'
    assert fts5_query('"gas deal" -china') == '("gas deal") NOT "china"'
    assert fts5_query("a OR b c") == '("a" OR "b") AND "c"'
    assert fts5_query("title:x") == '"title x"'
    assert fts5_query("-only") is None


def test_words_between_angle_brackets_are_found_and_kept_in_snippets(store: Store) -> None:
    text = 'The page showed <script>alert("x")</script> to readers. Nothing else.'
    store.save_articles([make_article("lt", text, title="Odd <b>markup</b>")])
    [hit] = search_articles(store, "alert").hits
    assert '<script>alert("x")</script>' in hit.snippet_text
    assert [p.text for p in hit.snippet if p.match] == ["alert"]
    assert search_articles(store, "markup").total == 1


DAM = "Tajikistan and Uzbekistan discussed the Rogun dam and shared water quotas."


def _dam_report(article_id: str, **changed: object) -> Article:
    """One report of the dam talks that every filter below keeps, unless ``changed`` says."""
    article = make_article(article_id, DAM, title="Water talks", outlet="River Post", day=10)
    article.language, article.tone = "en", 0.2
    article.mentions = [_mention(article_id, DAM, "Tajikistan", "TJK")]
    article.events = [Event("CONSULT", None, None, Evidence(article_id, 0, Span(0, 10), DAM[:10]))]
    for name, value in changed.items():
        setattr(article, name, value)
    return article


def test_every_filter_at_once_leaves_only_what_each_keeps(store: Store) -> None:
    store.save_articles(
        [
            _dam_report("kept"),
            _dam_report(
                "other-actor", mentions=[_mention("other-actor", DAM, "Uzbekistan", "UZB")]
            ),
            _dam_report("no-event", events=[]),
            _dam_report("other-outlet", outlet="Delta Daily"),
            _dam_report("other-language", language="ru"),
            _dam_report("too-early", published_at=datetime(2022, 5, 1, 9, tzinfo=UTC)),
            _dam_report("too-late", published_at=datetime(2022, 5, 20, 9, tzinfo=UTC)),
            _dam_report("too-sad", tone=-0.6),
            _dam_report("too-glad", tone=0.9),
            _dam_report("no-tone", tone=None),
        ]
    )
    every = SearchFilters(
        "TJK", "River Post", date(2022, 5, 9), date(2022, 5, 10), "CONSULT", "en", -0.1, 0.5
    )
    for words in ("dam quotas", ""):
        found = search_articles(store, words, filters=every)
        assert (found.total, [h.article.id for h in found.hits]) == (1, ["kept"])
    assert search_articles(store, "dam -quotas", filters=every).total == 0
    assert search_articles(store, "dam", filters=SearchFilters()).total == 10
    # The last day is whole: a report at 23:59 UTC on ``until`` is kept.
    late = datetime(2022, 5, 10, 23, 59, tzinfo=UTC)
    store.save_articles([_dam_report("late-evening", published_at=late)])
    assert search_articles(store, "quotas", filters=every).total == 2
    overview = search_overview(store, "quotas", every)
    facets = overview.facets
    assert facets.outlets == {"River Post": 2} and facets.actors == {"TJK": 2}
    assert facets.event_types == {"CONSULT": 2} and facets.languages == {"en": 2}
    assert [(day, n) for day, _outlet, n in overview.article_days] == [(date(2022, 5, 10), 2)]


def test_a_count_stops_at_its_cap_and_says_more_match(store: Store) -> None:
    """Words, filters alone and exclusions alone count the same way: up to the cap, with
    ``more`` set only when a match lies beyond it; the page of hits is unchanged."""
    store.save_articles(
        [_dam_report(f"dam-{n}") for n in range(5)]
        + [
            _dam_report(
                "elsewhere", text="Georgia held elections.", outlet="Delta Daily", mentions=[],
                events=[],
            )
        ]
    )  # fmt: skip
    by_outlet = SearchFilters(outlet="River Post")
    for words, filters in (("dam", None), ("", by_outlet), ("-elections", None)):
        every = search_articles(store, words, filters=filters)
        assert (every.total, every.more, len(every.hits)) == (5, False, 5)
        for up_to, expected in ((5, (5, False)), (4, (4, True)), (1, (1, True))):
            found = search_articles(store, words, filters=filters, count_up_to=up_to)
            assert (found.total, found.more) == expected
            assert [h.article.id for h in found.hits] == [h.article.id for h in every.hits]
    assert search_articles(store, "").total == 6


def _flood_reports(store: Store) -> None:
    """Four reports of a flood, oldest first: the second oldest names it three times
    (the best match by far), the newest only once."""
    texts = {
        "flood-1": ("The river rose in the night. A flood was feared.", 10),
        "flood-2": ("Flood, flood and flood again: the valley flood is the worst.", 11),
        "flood-3": ("A flood warning was issued for the delta towns.", 12),
        "flood-4": ("Farmers counted losses. Officials spoke of the flood.", 13),
    }
    store.save_articles(
        [make_article(key, text, title="River news", day=day) for key, (text, day) in texts.items()]
    )


@pytest.mark.postgres
def test_postgresql_ranks_the_newest_matches_and_lists_the_older_ones_after(
    postgres_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the window the order is the one ranking every match gives; past it, the
    newest matches are ranked first and the older ones follow newest first, and the
    results say how many were ranked."""
    _flood_reports(postgres_store)
    every = search_articles(postgres_store, "flood")
    assert every.ranked_over is None
    assert every.hits[0].article.id == "flood-2"
    ranks = [h.rank for h in every.hits]
    assert ranks == sorted(ranks, reverse=True)
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    postgres_store.reads.clear()
    windowed = search_articles(postgres_store, "flood")
    assert windowed.ranked_over == 2 and windowed.total == 4
    newest_two = [h.article.id for h in every.hits if h.article.id in {"flood-3", "flood-4"}]
    assert [h.article.id for h in windowed.hits] == [*newest_two, "flood-2", "flood-1"]
    second_page = search_articles(postgres_store, "flood", limit=2, offset=2)
    assert [h.article.id for h in second_page.hits] == ["flood-2", "flood-1"]


def test_sqlite_ranks_every_match(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _flood_reports(sqlite_store)
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    found = search_articles(sqlite_store, "flood")
    assert found.ranked_over is None and found.hits[0].article.id == "flood-2"
