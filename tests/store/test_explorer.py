"""The events explorer's queries: filters, facets and the sentence behind every row."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from blocwatch.model import Article, Event, EventActor, Evidence, Span
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store, event_counts
from blocwatch.store.explorer import (
    EventFilter,
    EventOrder,
    event_days,
    event_facets,
    find_events,
    iter_events,
)
from blocwatch.store.schema import ArticleRow

SUMMIT = (
    "Leaders gathered for a regional summit on Thursday. "
    "Russia and Kazakhstan signed a transit agreement in Astana. "
    "Ukraine accused Russia of shelling Kharkiv."
)
SANCTIONS = (
    "The European Union imposed new sanctions on Russia over the war. "
    "Moscow rejected the measures as illegal."
)


def _article(article_id: str, text: str, day: int, outlet: str) -> Article:
    return Article(
        id=article_id,
        text=text,
        title=f"Report {article_id}",
        outlet=outlet,
        url=f"https://news.example/{article_id}",
        published_at=datetime(2022, 3, day, 8, 0, tzinfo=UTC),
        sentences=split_sentences(text),
    )


def _event(
    article: Article,
    phrase: str,
    kind: str,
    source: str,
    target: str,
    quad: int,
    score: float,
    place: str | None = None,
) -> Event:
    start = article.text.index(phrase)
    sentence = next(s for s in article.sentences if s.span.start <= start < s.span.end)
    return Event(
        kind,
        EventActor(source, source, source),
        EventActor(target, target, target),
        Evidence(article.id, sentence.index, Span(start, start + len(phrase)), phrase),
        goldstein=score,
        quad_class=quad,
        place=place,
    )


@pytest.fixture
def events_store(store: Store) -> Store:
    summit = _article("sum1", SUMMIT, 3, "Steppe Daily")
    summit.events = [
        _event(summit, "Russia and Kazakhstan signed a transit agreement", "AGREE", "RUS", "KAZ", 1, 4.0, "Astana"),
        _event(summit, "Ukraine accused Russia", "ACCUSE", "UKR", "RUS", 3, -2.0),
    ]  # fmt: skip
    sanctions = _article("san1", SANCTIONS, 20, "Brussels Post")
    sanctions.events = [
        _event(sanctions, "imposed new sanctions on Russia", "SANCTION", "EU", "RUS", 4, -8.0),
        _event(sanctions, "Moscow rejected the measures", "REJECT", "RUS", "EU", 3, -4.0),
    ]
    copy = _article("san2", SANCTIONS, 21, "Reprint Gazette")
    copy.events = [
        _event(copy, "imposed new sanctions on Russia", "SANCTION", "EU", "RUS", 4, -8.0)
    ]
    store.save_articles([summit, sanctions, copy])
    with store.session() as session, session.begin():
        session.execute(update(ArticleRow).where(ArticleRow.id == "san2").values(copy_of="san1"))
        event_counts.refresh_articles(session, ["san2"])  # as story work does
    return store


def test_two_filters_together_select_only_the_events_meeting_both(events_store: Store) -> None:
    found = find_events(events_store, EventFilter(actor="RUS", quad_classes=(3, 4)))
    assert found.total == 3
    assert {e.type for e in found.events} == {"ACCUSE", "SANCTION", "REJECT"}
    found = find_events(events_store, EventFilter(actor="RUS", types=("ACCUSE",)))
    assert [(e.source_code, e.target_code) for e in found.events] == [("UKR", "RUS")]


def test_every_row_carries_its_whole_sentence_and_its_evidence(events_store: Store) -> None:
    [event] = find_events(events_store, EventFilter(types=("AGREE",))).events
    assert event.evidence == "Russia and Kazakhstan signed a transit agreement"
    assert event.sentence == "Russia and Kazakhstan signed a transit agreement in Astana."
    assert event.sentence_parts == ("", event.evidence, " in Astana.")
    assert (event.outlet, event.url) == ("Steppe Daily", "https://news.example/sum1")


def test_a_place_resolves_to_coordinates_and_filters_by_country(events_store: Store) -> None:
    [event] = find_events(events_store, EventFilter(country="KAZ")).events
    assert (event.place, event.place_country, event.place_precision) == ("Astana", "KAZ", "city")
    assert event.latitude == pytest.approx(51.18, abs=0.05)
    assert event.longitude == pytest.approx(71.45, abs=0.05)
    assert find_events(events_store, EventFilter(country="FRA")).total == 0


def test_pairs_match_either_direction_and_copies_only_when_asked(events_store: Store) -> None:
    assert find_events(events_store, EventFilter(pair=("RUS", "EU"))).total == 2
    assert (
        find_events(events_store, EventFilter(pair=("RUS", "EU"), include_copies=True)).total == 3
    )
    assert find_events(events_store, EventFilter(source="EU")).total == 1
    assert find_events(events_store, EventFilter(target="EU")).total == 1


def test_reporting_days_bound_the_events_and_order_sorts_them(events_store: Store) -> None:
    march = EventFilter(since=date(2022, 3, 10), until=date(2022, 3, 31))
    assert {e.article_id for e in find_events(events_store, march).events} == {"san1"}
    worst = find_events(events_store, EventFilter(), order=EventOrder.MOST_CONFLICTUAL).events
    assert worst[0].type == "SANCTION"
    best = find_events(events_store, EventFilter(), order=EventOrder.MOST_COOPERATIVE).events
    assert best[0].type == "AGREE"


def test_facets_count_under_the_other_filters_but_not_their_own(events_store: Store) -> None:
    facets = event_facets(events_store, EventFilter(types=("SANCTION",), actor="RUS"))
    assert facets.types == {"ACCUSE": 1, "AGREE": 1, "REJECT": 1, "SANCTION": 1}
    assert facets.actors == {"RUS": 1, "EU": 1}
    assert facets.outlets == {"Brussels Post": 1}
    assert event_facets(events_store, EventFilter()).countries == {"KAZ": 1}


def test_events_are_counted_per_day_of_reporting(events_store: Store) -> None:
    assert event_days(events_store, EventFilter(actor="RUS")) == [
        (date(2022, 3, 3), 2),
        (date(2022, 3, 20), 2),
    ]


def test_export_stream_follows_the_same_filter(events_store: Store) -> None:
    streamed = [
        e.id for e in iter_events(events_store, EventFilter(actor="RUS", quad_classes=(3, 4)))
    ]
    paged = [
        e.id
        for e in find_events(events_store, EventFilter(actor="RUS", quad_classes=(3, 4))).events
    ]
    assert sorted(streamed) == sorted(paged)


def test_tone_bounds_read_the_tone_of_each_events_sentence(store: Store) -> None:
    summit = add_tone(_article("sum1", SUMMIT, 3, "Steppe Daily"))
    summit.events = [
        _event(summit, "Russia and Kazakhstan signed a transit agreement", "AGREE", "RUS", "KAZ", 1, 4.0),
        _event(summit, "Ukraine accused Russia", "ACCUSE", "UKR", "RUS", 3, -2.0),
    ]  # fmt: skip
    store.save_articles([summit])
    hostile = EventFilter(max_tone=-0.05)
    assert [e.type for e in find_events(store, hostile).events] == ["ACCUSE"]
    assert event_facets(store, hostile).types == {"ACCUSE": 1}
    friendly = find_events(store, EventFilter(min_tone=0.05), order=EventOrder.OLDEST)
    assert [e.type for e in friendly.events] == ["AGREE"]
    assert friendly.total == 1
