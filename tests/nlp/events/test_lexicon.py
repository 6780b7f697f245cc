"""The event lexicon: inflection, phrase matching and the shipped tables."""

from __future__ import annotations

import pytest

from blocwatch.errors import ConfigError
from blocwatch.nlp.events import cameo_type, goldstein, quad_class
from blocwatch.nlp.events.lexicon import Lexicon, VerbForm, default_lexicon, inflect


def test_inflection_covers_regular_irregular_and_doubled_verbs() -> None:
    assert set(inflect("accuse")) == {"accuse", "accuses", "accused", "accusing"}
    assert inflect("meet/met")["met"] == {VerbForm.PAST, VerbForm.PARTICIPLE}
    assert "banning" in inflect("ban/banned")
    assert "withdrawn" in inflect("withdraw/withdrew/withdrawn")


def test_gap_phrase_matches_words_in_between_but_not_across_a_cue() -> None:
    lexicon = Lexicon.parse("[CONSULT 041 mode=phone]\nhave/had ~ telephone_conversation\n")
    assert [t.phrase.mode for t in lexicon.find("They had a long telephone conversation.")] == [
        "phone"
    ]
    assert list(lexicon.find("They had said after the telephone conversation.")) == []


def test_longest_phrase_wins() -> None:
    triggers = list(default_lexicon().find("Russia imposed sanctions on Iran."))
    assert [t.phrase.type for t in triggers] == ["SANCTION"]


def test_unknown_type_is_a_config_error_naming_the_line() -> None:
    with pytest.raises(ConfigError, match="line 1"):
        Lexicon.parse("[PRAISE 051]\nhail\n")


def test_goldstein_quad_class_and_type_of_cameo_codes() -> None:
    assert goldstein("190") == -10.0
    assert goldstein("0411") == goldstein("041")
    assert quad_class("036") == 1
    assert quad_class("173") == 4
    assert cameo_type("036") == "AGREE"
    assert cameo_type("0841") == "RETREAT"
    assert cameo_type("163") == "SANCTION"
