"""Russian actors (blocwatch.nlp.russian.actors): inflected names, offices on the day, seats of
power, on short texts written for these tests."""

from __future__ import annotations

from datetime import date

from blocwatch.model import ActorKind
from blocwatch.nlp.russian.actors import RussianActorRecognizer
from blocwatch.nlp.sentences import split_sentences


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
