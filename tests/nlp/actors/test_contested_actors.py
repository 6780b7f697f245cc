"""Breakaway and occupied entities are actors of their own, on the dates they exist."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from blocwatch.model import ActorKind, Mention
from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer
from blocwatch.nlp.sentences import split_sentences

CONTESTED = ("DPR", "LPR", "PMR", "ABK", "RSO", "NKR", "TRNC", "CRIMEA-OCC")


@cache
def recognizer() -> ActorRecognizer:
    return ActorRecognizer()


def found(text: str, day: date) -> list[tuple[str, str, str | None]]:
    mentions: list[Mention] = recognizer().recognize("c1", text, split_sentences(text), day)
    return [(m.name, m.actor_id, m.country) for m in mentions]


@pytest.mark.parametrize("code", CONTESTED)
def test_each_entity_has_a_claimant_a_backer_and_a_start(code: str) -> None:
    entry = ActorDictionary.default().entry(code)
    assert entry is not None and entry.actor.kind is ActorKind.CONTESTED
    assert entry.actor.country in {"UKR", "MDA", "GEO", "AZE", "CYP"}
    assert entry.backed_by in {"RUS", "TUR", "ARM"}
    assert entry.valid_from is not None
    assert ActorDictionary.default().state_of(code, date(2023, 1, 1)) == code


def test_karabakh_republic_ends_with_its_dissolution() -> None:
    shipped = ActorDictionary.default()
    karabakh = shipped.entry("place:nagorno-karabakh")
    assert karabakh is not None
    assert shipped.state_of("place:nagorno-karabakh", date(2020, 10, 1)) == "NKR"
    assert shipped.state_of("place:nagorno-karabakh", date(2024, 3, 1)) == "AZE"


def test_breakaway_names_are_not_the_state_they_broke_from() -> None:
    text = "The Donetsk People's Republic and the LPR thanked Moscow. Transnistrian officials met the TRNC envoy."
    names = found(text, date(2022, 2, 23))
    assert ("Donetsk People's Republic", "DPR", "DPR") in names
    assert ("LPR", "LPR", "LPR") in names
    assert ("Transnistrian", "PMR", "PMR") in names
    assert ("TRNC", "TRNC", "TRNC") in names
    assert all(country != "UKR" for _, _, country in names)


def test_a_region_used_as_an_actor_is_its_de_facto_authority() -> None:
    names = found("Kazakhstan will not recognise Luhansk and Donetsk.", date(2022, 6, 18))
    assert [(n, i) for n, i, _ in names] == [
        ("Kazakhstan", "KAZ"),
        ("Luhansk", "LPR"),
        ("Donetsk", "DPR"),
    ]


def test_a_region_used_as_a_place_stays_a_place_of_its_state() -> None:
    names = found("Fighting in Donetsk went on, and shells hit Luhansk region.", date(2022, 6, 18))
    assert [(i, c) for _, i, c in names] == [("place:donetsk", "UKR"), ("place:luhansk", "UKR")]


def test_before_the_entity_existed_its_region_is_a_place() -> None:
    assert found("Donetsk welcomed the investors.", date(2010, 5, 1)) == [
        ("Donetsk", "place:donetsk", "UKR")
    ]
    assert found("Donetsk welcomed the investors.", date(2015, 5, 1)) == [("Donetsk", "DPR", "DPR")]


def test_crimea_is_ukraine_unless_named_as_occupied() -> None:
    names = found(
        "Russian-occupied Crimea held a vote, while the Autonomous Republic of Crimea mission "
        "in Kyiv protested about Crimea.",
        date(2019, 3, 1),
    )
    assert ("Russian-occupied Crimea", "CRIMEA-OCC", "CRIMEA-OCC") in names
    assert ("Autonomous Republic of Crimea", "place:crimea", "UKR") in names
    assert ("Crimea", "place:crimea", "UKR") in names


def test_armed_groups_carry_their_own_code_not_their_countrys() -> None:
    names = found("The Houthis fired at a ship, and Hezbollah denied a role.", date(2024, 1, 12))
    assert names == [
        ("The Houthis", "armed_group:houthis", "armed_group:houthis"),
        ("Hezbollah", "armed_group:hezbollah", "armed_group:hezbollah"),
    ]
    assert ActorDictionary.default().state_of("armed_group:houthis") == "armed_group:houthis"
