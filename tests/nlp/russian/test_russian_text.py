"""Russian actors, dates, quotes and syntax on short texts written for these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from blocwatch.model import ActorKind, QuoteKind
from blocwatch.nlp.russian.actors import RussianActorRecognizer
from blocwatch.nlp.russian.dates import extract_times_ru
from blocwatch.nlp.russian.quotes import extract_quotes_ru
from blocwatch.nlp.sentences import split_sentences


@pytest.fixture(scope="module")
def recognizer() -> RussianActorRecognizer:
    return RussianActorRecognizer()


def _mentions(recognizer: RussianActorRecognizer, text: str, day: date = date(2023, 6, 1)):
    return recognizer.recognize("t", text, split_sentences(text), day)


def test_inflected_names_are_one_person(recognizer: RussianActorRecognizer) -> None:
    text = (
        "Сергей Лавров прилетел в Анкару. Лаврова встретили в аэропорту, "
        "Лаврову вручили цветы, а с Лавровым говорил министр."
    )
    found = [(m.actor_id, m.name) for m in _mentions(recognizer, text)]
    lavrov = [name for actor_id, name in found if actor_id == "person:sergey-lavrov"]
    assert lavrov == ["Сергей Лавров", "Лаврова", "Лаврову", "Лавровым"]


def test_person_gets_state_and_office_of_the_day(recognizer: RussianActorRecognizer) -> None:
    (mention,) = _mentions(recognizer, "Об этом рассказала Мария Захарова.")
    assert mention.actor_id == "person:maria-zakharova"
    assert mention.country == "RUS"
    assert mention.kind is ActorKind.PERSON


def test_adjective_names_its_state_and_hyphenated_first_name_matches(
    recognizer: RussianActorRecognizer,
) -> None:
    text = "Российские военные покинули город. С Касым-Жомартом Токаевым говорил посол."
    ids = [m.actor_id for m in _mentions(recognizer, text)]
    assert ids == ["RUS", "person:kassym-jomart-tokayev"]


def test_seat_of_power_is_government_unless_a_place(recognizer: RussianActorRecognizer) -> None:
    text = "Кремль ответил Вашингтону. Переговоры прошли в Москве."
    found = [(m.actor_id, m.kind) for m in _mentions(recognizer, text)]
    assert found == [
        ("RUS", ActorKind.STATE),
        ("USA", ActorKind.STATE),
        ("place:moscow", ActorKind.PLACE),
    ]


def test_short_surname_alone_is_not_a_name(recognizer: RussianActorRecognizer) -> None:
    text = "Председатель КНР Си Цзиньпин прибыл в столицу. Си сказал немного."
    ids = [m.actor_id for m in _mentions(recognizer, text)]
    assert ids == ["CHN", "person:xi-jinping"]


def _times(text: str, published: datetime) -> list[tuple[str, str | None]]:
    return [
        (t.text, t.value) for t in extract_times_ru("t", text, split_sentences(text), published)
    ]


def test_weekday_follows_tense_and_dates_resolve_on_publication() -> None:
    published = datetime(2024, 4, 10, 12)  # a Wednesday
    text = (
        "Министры встретились в пятницу. Президент посетит Баку во вторник. "
        "Саммит пройдёт 12–13 апреля. Выборы прошли 3 марта 2023 года."
    )
    assert _times(text, published) == [
        ("пятницу", "2024-04-05"),
        ("вторник", "2024-04-16"),
        ("12–13 апреля", "2024-04-12/2024-04-13"),
        ("3 марта 2023 года", "2023-03-03"),
    ]


def test_relative_periods_and_days() -> None:
    published = datetime(2024, 4, 10, 12)
    text = "На прошлой неделе стороны договорились. Три дня назад был обстрел, накануне тоже."
    assert _times(text, published) == [
        ("На прошлой неделе", "2024-04-01/2024-04-07"),
        ("Три дня назад", "2024-04-07"),
        ("накануне", "2024-04-09"),
    ]


def test_dates_without_publication_stay_unresolved() -> None:
    text = "Встреча прошла в четверг, а 5 мая 2022 года подписали договор."
    found = extract_times_ru("t", text, split_sentences(text), None)
    assert [(t.text, t.value) for t in found] == [
        ("четверг", None),
        ("5 мая 2022 года", "2022-05-05"),
    ]


def _quotes(recognizer: RussianActorRecognizer, text: str):
    sentences = split_sentences(text)
    mentions = recognizer.recognize("t", text, sentences, date(2024, 1, 1))
    return extract_quotes_ru("t", text, sentences, mentions)


def test_guillemets_with_dash_colon_and_interrupted_quote(
    recognizer: RussianActorRecognizer,
) -> None:
    text = (
        "«Мы готовы продолжать диалог», — заявил Никол Пашинян.\n\n"
        "Министр иностранных дел России Сергей Лавров сказал: «Решение остаётся за Ереваном».\n\n"
        "«Это важный шаг, — отметил Ильхам Алиев, — но работа не закончена»."
    )
    found = [(q.text, q.speaker_actor_id, q.kind) for q in _quotes(recognizer, text)]
    assert found == [
        ("Мы готовы продолжать диалог", "person:nikol-pashinyan", QuoteKind.DIRECT),
        ("Решение остаётся за Ереваном", "person:sergey-lavrov", QuoteKind.DIRECT),
        ("Это важный шаг", "person:ilham-aliyev", QuoteKind.DIRECT),
        ("но работа не закончена", "person:ilham-aliyev", QuoteKind.DIRECT),
    ]


def test_reported_speech_and_pronoun_speaker(recognizer: RussianActorRecognizer) -> None:
    text = (
        "Глава МИД Армении Арарат Мирзоян прилетел в Брюссель.\n\n"
        "По словам Мирзояна, следующий раунд пройдёт весной.\n\n"
        "Он также сказал, что стороны обсудили карты.\n\n"
        "Переговоры продлятся два дня, сообщило Министерство иностранных дел Азербайджана."
    )
    found = [(q.text, q.speaker_actor_id) for q in _quotes(recognizer, text)]
    assert found == [
        ("следующий раунд пройдёт весной", "person:ararat-mirzoyan"),
        ("стороны обсудили карты", "person:ararat-mirzoyan"),
        ("Переговоры продлятся два дня", "AZE"),
    ]


def test_title_in_guillemets_is_no_quote(recognizer: RussianActorRecognizer) -> None:
    text = "Парламент Грузии принял закон «Об иностранных агентах» в третьем чтении."
    assert _quotes(recognizer, text) == []


def test_quote_without_named_speaker_stays_unresolved(recognizer: RussianActorRecognizer) -> None:
    (quote,) = _quotes(recognizer, "«Границу закрыли до утра», — сообщил представитель ведомства.")
    assert quote.speaker_actor_id is None
    assert quote.speaker is None
    assert quote.confidence < 0.5
