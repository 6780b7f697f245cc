"""Recognising a breakaway entity is an act toward that entity, not toward its parent state.

Short articles written for the tests, through the whole default pipeline (dictionary
actors, parse, coder), in English and Russian.
"""

from __future__ import annotations

import pytest

from blocwatch.model import Article, EventStatus, MediaType, RawDocument
from blocwatch.stages import default_pipeline

ENGLISH = """Moscow moves on eastern Ukraine

Vladimir Putin recognised the independence of the self-proclaimed Donetsk and Luhansk people's republics on Monday evening.

In 2008 Russia recognised Abkhazia and South Ossetia after a five-day war with Georgia.

Kazakhstan did not recognise Transnistria, its foreign ministry said in a short note to reporters.

Ukrainian artillery shelled the Donetsk People's Republic overnight, according to separatist officials.
"""

RUSSIAN = """Москва признала республики Донбасса

Россия признала независимость Донецкой Народной Республики в понедельник вечером.

Решение вызвало резкую реакцию в Киеве и в столицах Европы, где его назвали нарушением права.
"""


Coded = set[tuple[str | None, str, str, str | None, EventStatus]]


def _read(text: str, published: str) -> Article:
    doc = RawDocument(
        source="t.txt", content=text.encode(), media_type=MediaType.TEXT, published=published
    )
    (result,) = list(default_pipeline().run([doc]))
    assert isinstance(result, Article)
    return result


@pytest.fixture(scope="module")
def english() -> Coded:
    article = _read(ENGLISH, "2022-02-22T08:00:00+00:00")
    return {
        (
            e.source.code if e.source else None,
            e.type,
            e.cameo or "",
            e.target.code if e.target else None,
            e.status,
        )
        for e in article.events
    }


def test_recognition_is_support_toward_each_entity_recognised(english: Coded) -> None:
    happened = EventStatus.HAPPENED
    assert ("RUS", "SUPPORT", "054", "DPR", happened) in english
    assert ("RUS", "SUPPORT", "054", "LPR", happened) in english
    assert ("RUS", "SUPPORT", "054", "ABK", happened) in english
    assert ("RUS", "SUPPORT", "054", "RSO", happened) in english


def test_recognition_is_one_way_and_never_toward_the_parent_state(english: Coded) -> None:
    assert not any(
        source in {"DPR", "LPR", "ABK", "RSO"} and kind == "SUPPORT" for source, kind, *_ in english
    )
    assert not any(
        target in {"UKR", "GEO", "MDA"} and kind == "SUPPORT" for _, kind, _, target, _ in english
    )


def test_refused_recognition_is_not_support(english: Coded) -> None:
    assert ("KAZ", "SUPPORT", "054", "PMR", EventStatus.HAPPENED) not in english


def test_conflict_with_the_entity_is_coded_where_the_text_reports_it(english: Coded) -> None:
    assert any(s == "UKR" and t == "DPR" and kind == "ASSAULT" for s, kind, _, t, _ in english)


def test_russian_recognition_is_an_act_toward_the_republic() -> None:
    article = _read(RUSSIAN, "2022-02-22T08:00:00+03:00")
    coded = {
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)
        for e in article.events
        if e.status is EventStatus.HAPPENED
    }
    assert ("RUS", "054", "DPR") in coded
    assert not any(target == "UKR" for _, cameo, target in coded if cameo == "054")
