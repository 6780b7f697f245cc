"""Russian through the whole pipeline: parse labels, events, cleaning, honesty."""

from __future__ import annotations

import pytest

from blocwatch.clean import clean_text
from blocwatch.model import Article, MediaType, RawDocument, Rejection, Sentence, Span
from blocwatch.nlp import languages, russian
from blocwatch.nlp.russian.syntax import RussianParser
from blocwatch.stages import default_pipeline

ARTICLE = """Лавров и Блинкен провели переговоры

Министр иностранных дел России Сергей Лавров в пятницу провёл переговоры с госсекретарём США Энтони Блинкеном в Женеве.

Президент Белоруссии Александр Лукашенко обвинил Польшу в провокациях на границе.

Токаев не стал встречаться с Пашиняном.

«Мы не ожидали прорыва», — сказал Блинкен журналистам.

Читайте также: Путин прилетел в Казань

По материалам ТАСС
"""


@pytest.fixture(scope="module")
def article() -> Article:
    doc = RawDocument(
        source="t.txt",
        content=ARTICLE.encode(),
        media_type=MediaType.TEXT,
        published="2022-01-21T18:00:00+03:00",
    )
    (result,) = list(default_pipeline().run([doc]))
    assert not isinstance(result, Rejection)
    assert isinstance(result, Article)
    return result


def test_preposition_heads_its_noun_and_name_heads_its_title() -> None:
    text = "Президент Казахстана Касым-Жомарт Токаев встретился с премьером Индии."
    sentence = Sentence(index=0, span=Span(0, len(text)), text=text)
    (parse,) = RussianParser().parse(text, [sentence])
    by_text = {t.text: t for t in parse.tokens}
    with_, premier = by_text["с"], by_text["премьером"]
    assert (with_.dep, parse.tokens[with_.head].text) == ("prep", "встретился")
    assert (premier.dep, premier.head) == ("pobj", with_.i)
    assert premier.lemma == "премьер"
    assert by_text["Президент"].dep == "compound"
    assert parse.tokens[by_text["Президент"].head].text in {"Касым-Жомарт", "Токаев"}
    assert by_text["встретился"].lemma == "встретиться"


def test_cleaning_removes_the_credit_and_related_links(article: Article) -> None:
    assert article.language == "ru"
    assert article.origin_agency == ["TASS"]
    assert "ТАСС" not in article.text
    assert "Читайте также" not in article.text


def test_credit_phrase_opening_prose_is_kept() -> None:
    text = (
        "Суд вынес приговор\n\nПо материалам следствия, обвиняемый передавал сведения "
        "иностранной разведке в течение трёх лет, сообщили в суде.\n"
    )
    result = clean_text(text, source="t.txt")
    assert "По материалам следствия" in result.text
    assert result.origin_agency == ()


def test_events_from_russian_syntax(article: Article) -> None:
    events = {
        (
            e.type,
            e.source.actor_id if e.source else None,
            e.target.actor_id if e.target else None,
            e.status.value,
        )
        for e in article.events
    }
    assert ("CONSULT", "person:sergey-lavrov", "person:antony-blinken", "happened") in events
    assert ("ACCUSE", "person:alexander-lukashenko", "POL", "happened") in events
    assert (
        "CONSULT",
        "person:kassym-jomart-tokayev",
        "person:nikol-pashinyan",
        "negated",
    ) in events


def test_dates_quotes_and_actors_in_the_pipeline(article: Article) -> None:
    assert ("пятницу", "2022-01-21") in [(t.text, t.value) for t in article.times]
    assert [(q.text, q.speaker_actor_id) for q in article.quotes] == [
        ("Мы не ожидали прорыва", "person:antony-blinken")
    ]
    assert {"RUS", "USA", "BLR", "POL"} <= {m.actor_id for m in article.mentions}


def test_support_says_what_is_read() -> None:
    assert languages.support("ru").read
    assert "Russian" in languages.support("ru").note
    german = languages.support("de")
    assert not german.read and "not supported" in german.note


def test_without_the_russian_extra_the_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(russian, "available", lambda: False)
    note = languages.support("ru")
    assert not note.read
    assert "blocwatch[ru]" in note.note
    doc = RawDocument(
        source="t.txt", content=ARTICLE.encode(), media_type=MediaType.TEXT, published="2022-01-21"
    )
    (result,) = list(default_pipeline().run([doc]))
    assert isinstance(result, Article)
    assert result.text and result.mentions == [] and result.events == []


def test_require_names_the_missing_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "slovnet" else real(name, *a)
    )
    with pytest.raises(Exception, match=r"slovnet.*blocwatch\[ru\]"):
        russian.require()


def test_ingest_warns_once_that_russian_is_not_read(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(russian, "available", lambda: False)
    languages._say_not_read.cache_clear()
    with caplog.at_level("WARNING", logger="blocwatch.nlp.languages"):
        assert not languages.reads("ru", "actors")
        assert not languages.reads("ru", "dates")
    warnings = [r.getMessage() for r in caplog.records if "Russian, not read" in r.getMessage()]
    assert len(warnings) == 1 and "blocwatch[ru]" in warnings[0]
