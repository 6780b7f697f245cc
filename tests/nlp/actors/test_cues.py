"""The context cues come from ``data/actors/cues_en.toml``: the table drives the recogniser."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from blocwatch.errors import ConfigError
from blocwatch.model import ActorKind
from blocwatch.nlp.actors import ActorRecognizer
from blocwatch.nlp.actors.cues import compile_cues, cue_table, default_cues
from blocwatch.nlp.sentences import split_sentences


def kinds(recognizer: ActorRecognizer, text: str) -> list[tuple[str, ActorKind]]:
    mentions = recognizer.recognize("a1", text, split_sentences(text), date(2022, 5, 12))
    return [(m.actor_id, m.kind) for m in mentions]


def without(section: str, key: str, word: str) -> dict[str, Any]:
    table = copy.deepcopy(cue_table())
    table[section][key].remove(word)
    return table


def test_a_locative_word_removed_from_the_table_leaves_the_seat_a_government() -> None:
    text = "The talks were held near Moscow on Friday."
    shipped = ActorRecognizer()
    trimmed = ActorRecognizer(cues=compile_cues(without("place", "locative_before", "near")))
    assert kinds(shipped, text) == [("place:moscow", ActorKind.PLACE)]
    assert kinds(trimmed, text) == [("RUS", ActorKind.STATE)]


def test_a_word_of_motion_read_from_the_table_makes_a_place() -> None:
    text = "The minister flew to Moscow on Friday."
    shipped = ActorRecognizer()
    trimmed = ActorRecognizer(cues=compile_cues(without("place", "motion", "flew")))
    assert kinds(shipped, text) == [("place:moscow", ActorKind.PLACE)]
    assert kinds(trimmed, text) == [("RUS", ActorKind.STATE)]


def test_a_starred_word_takes_the_rest_of_the_word() -> None:
    cues = default_cues()
    assert cues.motion_before.search("the minister travelled to ")
    assert cues.motion_before.search("she is travelling back from ")
    assert not cues.motion_before.search("the talks led to ")


def test_a_ministry_portfolio_comes_from_the_table() -> None:
    text = "The Russian Culture Ministry closed the museum."
    shipped = find_roles(ActorRecognizer(), text)
    trimmed = find_roles(
        ActorRecognizer(cues=compile_cues(without("ministry", "portfolios_after", "Culture"))),
        text,
    )
    assert shipped == [("RUS", "culture ministry")]
    assert trimmed == [("RUS", None)]


def find_roles(recognizer: ActorRecognizer, text: str) -> list[tuple[str, str | None]]:
    mentions = recognizer.recognize("a1", text, split_sentences(text), date(2022, 5, 12))
    return [(m.actor_id, m.role) for m in mentions]


def test_a_missing_table_or_section_is_an_error_naming_it() -> None:
    table = copy.deepcopy(cue_table())
    del table["names"]
    with pytest.raises(KeyError):
        compile_cues(table)
    with pytest.raises(ConfigError, match=r"cues_xx\.toml"):
        default_cues("xx")
