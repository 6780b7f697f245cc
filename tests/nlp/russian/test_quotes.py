"""Russian quotes (blocwatch.nlp.russian.quotes): quotation marks, dashes, reported speech
and pronoun speakers, on short texts written for these tests."""

from __future__ import annotations

from datetime import date

from blocwatch.model import QuoteKind
from blocwatch.nlp.russian.actors import RussianActorRecognizer
from blocwatch.nlp.russian.quotes import extract_quotes_ru
from blocwatch.nlp.sentences import split_sentences


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
