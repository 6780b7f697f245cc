"""Readings that depend on the doers (blocwatch.nlp.events.readings): drills with and
without a partner, a crowd's protest and a state's."""

from __future__ import annotations

import pytest

from blocwatch.nlp.events import EventCoder
from tests.factories import event_triples


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chinese warships conducted drills near Taiwan.", ("MOBILIZE", "CHN", "TWN")),
        ("China held joint drills with Russia.", ("COOPERATE", "CHN", "RUS")),
        ("China and Russia held drills in the Sea of Japan.", ("COOPERATE", "CHN", "RUS")),
    ],
)
def test_drills_are_cooperation_only_with_a_partner(
    coder: EventCoder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in event_triples(coder.code_sentence(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Thousands of Serbians protested against the government in Belgrade.",
            ("PROTEST", "SRB", "SRB"),
        ),
        (
            "Japan protested against the detention of its citizen by China.",
            ("ACCUSE", "JPN", "CHN"),
        ),
    ],
)
def test_a_crowd_demonstrates_and_a_state_protests_in_words(
    coder: EventCoder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in event_triples(coder.code_sentence(sentence))
