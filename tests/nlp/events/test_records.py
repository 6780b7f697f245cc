"""Event records: the place an event happened comes from the grammar file's prepositions."""

from __future__ import annotations

from datetime import datetime

import pytest

from blocwatch.model import ActorKind, Event, Evidence, Mention, Span
from blocwatch.nlp.events import EventCoder, records
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser


def _code(text: str) -> list[Event]:
    mentions = []
    for name, code in (("Russia", "RUS"), ("Ukraine", "UKR")):
        start = text.index(name)
        evidence = Evidence("t", 0, Span(start, start + len(name)), name)
        mentions.append(Mention(code, name, ActorKind.STATE, evidence, country=code))
    mentions.sort(key=lambda m: m.evidence.span.start)
    sentences = split_sentences(text)
    parsed = SyntaxParser().parse(text, sentences)
    return EventCoder().code(
        "t", text, sentences, mentions, parsed, published=datetime(2022, 5, 12)
    )


TEXT = "Russia attacked Ukraine in Kharkiv on Monday."


def test_the_place_of_an_event_is_the_named_place_after_a_place_preposition() -> None:
    assert "in" in records.place_prepositions()
    assert [(e.type, e.place) for e in _code(TEXT)] == [("ASSAULT", "Kharkiv")]


def test_a_preposition_taken_out_of_the_grammar_file_gives_no_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    without_in = records.place_prepositions() - {"in"}
    monkeypatch.setattr(records, "place_prepositions", lambda: without_in)
    assert [(e.type, e.place) for e in _code(TEXT)] == [("ASSAULT", None)]
