"""The event coder on short sentences written for the tests, with hand-made mentions."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from blocwatch.model import (
    ActorKind,
    DatePrecision,
    Event,
    EventStatus,
    Evidence,
    Mention,
    Quote,
    QuoteKind,
    Span,
    TimeExpression,
)
from blocwatch.nlp.events import EventCoder
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser
from blocwatch.settings import Settings

PUBLISHED = datetime(2022, 5, 12, 9, 0)

_ACTORS = {
    "Russia": ("RUS", ActorKind.STATE, "RUS"),
    "Ukraine": ("UKR", ActorKind.STATE, "UKR"),
    "the United States": ("USA", ActorKind.STATE, "USA"),
    "Armenia": ("ARM", ActorKind.STATE, "ARM"),
    "Moscow": ("RUS", ActorKind.STATE, "RUS"),
    "the West": ("WEST", ActorKind.BLOC, "WEST"),
    "Lavrov": ("person:sergey-lavrov", ActorKind.PERSON, "RUS"),
    "Blinken": ("person:antony-blinken", ActorKind.PERSON, "USA"),
    "Putin": ("person:vladimir-putin", ActorKind.PERSON, "RUS"),
    "Lukashenko": ("person:alexander-lukashenko", ActorKind.PERSON, "BLR"),
    "Pashinyan": ("person:nikol-pashinyan", ActorKind.PERSON, "ARM"),
}


def _mentions(text: str) -> list[Mention]:
    found = []
    for name, (actor_id, kind, country) in _ACTORS.items():
        for match in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            span = Span(match.start(), match.end())
            evidence = Evidence("t", 0, span, name)
            found.append(Mention(actor_id, name, kind, evidence, country=country))
    return sorted(found, key=lambda m: m.evidence.span.start)


_PARSER = SyntaxParser()


def _code(text: str, **kwargs: object) -> list[Event]:
    coder = EventCoder()
    sentences = split_sentences(text)
    return coder.code(
        "t",
        text,
        sentences,
        _mentions(text),
        _PARSER.parse(text, sentences),
        published=PUBLISHED,
        **kwargs,
    )  # type: ignore[arg-type]


def _quote(text: str, words: str, speaker: str, actor_id: str) -> Quote:
    """A direct quote of ``words`` (their first place in ``text``) by ``speaker``."""
    start = text.index(words)
    span = Span(start, start + len(words))
    evidence = Evidence("t", 0, span, words)
    return Quote(speaker, actor_id, "said", words, QuoteKind.DIRECT, evidence)


def _pairs(events: list[Event]) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (
            e.type,
            e.source.code if e.source else None,
            e.target.code if e.target else None,
            e.status.value,
        )
        for e in events
    ]


def test_active_voice_gives_source_then_target() -> None:
    assert _pairs(_code("Russia attacked Ukraine.")) == [("ASSAULT", "RUS", "UKR", "happened")]


def test_passive_voice_swaps_roles() -> None:
    assert _pairs(_code("Ukraine was attacked by Russia.")) == [
        ("ASSAULT", "RUS", "UKR", "happened")
    ]


def test_passive_without_agent_has_no_source_and_stays_below_the_default_view() -> None:
    # Nobody is named as the attacker, and the passive subject is the target, never the
    # source ("a US drone was shot down" does not make the US attack).
    events = _code("Ukraine was attacked on Monday.")
    assert _pairs(events) == [("ASSAULT", None, "UKR", "happened")]
    assert events[0].confidence < Settings().min_confidence


def test_x_and_y_discussed_is_coded_in_both_directions() -> None:
    events = _code("Putin and Lukashenko discussed the situation.")
    assert _pairs(events) == [
        ("CONSULT", "RUS", "BLR", "happened"),
        ("CONSULT", "BLR", "RUS", "happened"),
    ]


def test_one_way_acts_of_a_mutual_verb_keep_their_direction() -> None:
    # "recognise" and "sign a treaty" are SUPPORT: what Russia grants Ukraine says
    # nothing of what Ukraine did, however the lexicon marks the verb.
    assert _pairs(_code("Russia recognised Ukraine.")) == [("SUPPORT", "RUS", "UKR", "happened")]
    assert _pairs(_code("Russia signed a treaty with Ukraine.")) == [
        ("SUPPORT", "RUS", "UKR", "happened")
    ]
    assert _pairs(_code("Putin met Lukashenko.")) == [
        ("CONSULT", "RUS", "BLR", "happened"),
        ("CONSULT", "BLR", "RUS", "happened"),
    ]


def test_meeting_between_x_and_y() -> None:
    events = _code("The meeting between Lavrov and Blinken lasted an hour.")
    assert {(e.source.code, e.target.code) for e in events if e.source and e.target} == {
        ("RUS", "USA"),
        ("USA", "RUS"),
    }
    assert all(e.type == "CONSULT" for e in events)


def test_possessive_visit_to_y() -> None:
    events = _code("Pashinyan's visit to Moscow was his first this year.")
    assert _pairs(events) == [("CONSULT", "ARM", "RUS", "happened")]
    assert events[0].mode == "visit"
    assert events[0].cameo == "042"


def test_x_accused_y_of_something() -> None:
    events = _code("Lavrov accused the United States of meddling in the region.")
    assert _pairs(events) == [("ACCUSE", "RUS", "USA", "happened")]
    assert events[0].goldstein == -2.0
    assert events[0].quad_class == 3


def test_condemned_actions_by_y_targets_y() -> None:
    events = _code("Russia condemned the unilateral actions by the West.")
    assert _pairs(events) == [("ACCUSE", "RUS", "WEST", "happened")]


def test_negation_marks_the_event_negated() -> None:
    assert _pairs(_code("Russia did not attack Ukraine.")) == [("ASSAULT", "RUS", "UKR", "negated")]


def test_refusal_to_cooperate_is_a_rejection() -> None:
    assert _pairs(_code("Russia will not provide aid to Ukraine.")) == [
        ("REJECT", "RUS", "UKR", "happened")
    ]


def test_will_meet_is_planned_and_keeps_the_meeting_code() -> None:
    events = _code("Lavrov will meet Blinken in Geneva.")
    assert ("CONSULT", "RUS", "USA", "planned") in _pairs(events)
    assert events[0].cameo == "040"


def test_announced_aid_is_planned_with_the_intent_code() -> None:
    events = _code("Russia will provide aid to Armenia.")
    assert _pairs(events) == [("AID", "RUS", "ARM", "planned")]
    assert events[0].cameo == "033"
    assert events[0].goldstein == 5.2


def test_expected_to_visit_is_planned() -> None:
    events = _code("Lavrov is expected to visit Armenia.")
    assert _pairs(events) == [("CONSULT", "RUS", "ARM", "planned")]
    assert events[0].mode == "visit"


def test_sentence_without_event_yields_nothing() -> None:
    assert _code("Russia is a large country with many time zones.") == []


def test_sentence_without_actors_yields_nothing() -> None:
    assert _code("The talks were attacked as pointless.") == []


def test_event_inside_a_quote_is_the_speakers_claim() -> None:
    text = '"Ukraine attacked Russia," Lavrov said.'
    quote = _quote(text, "Ukraine attacked Russia,", "Lavrov", "person:sergey-lavrov")
    events = _code(text, quotes=[quote])
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.status is EventStatus.CLAIMED
    assert assault.claimed_by is not None and assault.claimed_by.code == "RUS"
    accusation = next(e for e in events if e.type == "ACCUSE")
    assert accusation.source is not None and accusation.source.code == "RUS"
    assert accusation.target is not None and accusation.target.code == "UKR"


def test_an_event_outside_the_quoted_words_is_no_claim_of_the_speaker() -> None:
    # The quoted phrase is Moscow's; the condemnation beside it is the narrator's report.
    text = 'Blinken condemned Russia over what Moscow called "a necessary operation".'
    quote = _quote(text, "a necessary operation", "Moscow", "RUS")
    events = _code(text, quotes=[quote])
    assert _pairs(events) == [("ACCUSE", "USA", "RUS", "happened")]
    assert events[0].claimed_by is None


def test_first_person_in_a_quote_is_the_speaker() -> None:
    events = _code('"We condemned the unilateral actions by the West," Lavrov said.')
    assert _pairs(events) == [("ACCUSE", "RUS", "WEST", "happened")]


def test_reported_speech_by_another_actor_is_claimed() -> None:
    events = _code("Lavrov said the United States attacked Armenia.")
    assert ("ASSAULT", "USA", "ARM", "claimed") in _pairs(events)
    assert ("ACCUSE", "RUS", "USA", "happened") in _pairs(events)


def test_reporting_another_actors_criticism_accuses_nobody() -> None:
    # Lavrov relays an accusation: he does not accuse the accuser, as he would an attacker.
    events = _code("Lavrov said the United States condemned Armenia.")
    assert _pairs(events) == [("ACCUSE", "USA", "ARM", "claimed")]


def test_reported_plan_stays_planned_and_keeps_who_claims_it() -> None:
    events = _code("Lavrov said the United States is trying to invade Armenia.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.status is EventStatus.PLANNED
    assert assault.claimed_by is not None and assault.claimed_by.code == "RUS"


def test_action_on_a_known_target_by_an_unknown_agent() -> None:
    assert _pairs(_code("Masked gunmen attacked Ukraine.")) == [
        ("ASSAULT", None, "UKR", "happened")
    ]


def test_own_announcement_is_planned_not_claimed() -> None:
    events = _code("Russia said it will withdraw from Ukraine.")
    assert _pairs(events) == [("RETREAT", "RUS", "UKR", "planned")]


def test_said_that_y_must_is_a_request() -> None:
    events = _code("Russia said that the West must stop arming Ukraine.")
    assert _pairs(events)[0] == ("REQUEST", "RUS", "WEST", "happened")


def test_coordinated_verbs_share_their_subject() -> None:
    events = _code("Lavrov travelled to Armenia and held talks with Blinken.")
    assert ("CONSULT", "RUS", "ARM", "happened") in _pairs(events)
    assert ("CONSULT", "RUS", "USA", "happened") in _pairs(events)


def test_one_event_per_clause_governs_its_complement() -> None:
    events = _code("Russia threatened to attack Ukraine.")
    assert _pairs(events) == [("THREATEN", "RUS", "UKR", "happened")]


def test_date_comes_from_the_sentence_else_from_publication() -> None:
    text = "On May 3, Putin and Lukashenko discussed the summit. Russia attacked Ukraine."
    start = text.index("May 3")
    time = TimeExpression(
        text="May 3",
        value="2022-05-03",
        precision=DatePrecision.DAY,
        evidence=Evidence("t", 0, Span(start, start + 5), "May 3"),
    )
    events = _code(text, times=[time])
    assert {e.date for e in events if e.type == "CONSULT"} == {"2022-05-03"}
    assert [e.date for e in events if e.type == "ASSAULT"] == ["2022-05-12"]


def test_evidence_points_at_the_clause() -> None:
    text = "Russia attacked Ukraine; the talks stalled."
    event = _code(text)[0]
    assert event.evidence.text == "Russia attacked Ukraine"
    assert event.evidence.span.slice(text) == event.evidence.text


def test_troops_arriving_is_a_deployment_not_a_visit() -> None:
    events = _code("Russia sent word that Russian troops arrived in Armenia.")
    assert [(e.type, e.mode) for e in events] == [("MOBILIZE", None)]


def test_conditional_plan_is_a_threat() -> None:
    events = _code("Russia said it will boycott the talks unless Ukraine withdraws.")
    assert events[0].type == "PROTEST"
    assert events[0].status is EventStatus.PLANNED
    assert events[0].cameo == "130"


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Russia praised Armenia.", "SUPPORT"),
        ("Russia imposed sanctions on Ukraine.", "SANCTION"),
        ("Russia demanded that Ukraine withdraw.", "REQUEST"),
        ("Russia rejected the proposal by Ukraine.", "REJECT"),
        ("Russia arrested activists from Ukraine.", "COERCE"),
        ("Russia massed troops near Ukraine.", "MOBILIZE"),
        ("Russia provided aid to Armenia.", "AID"),
        ("Russia released prisoners from Ukraine.", "RETREAT"),
    ],
)
def test_lexicon_covers_the_main_types(sentence: str, event_type: str) -> None:
    events = _code(sentence)
    assert events and events[0].type == event_type


def test_code_sentence_finds_actors_and_dates_itself() -> None:
    events = EventCoder().code_sentence(
        "On May 3, Russian Foreign Minister Sergey Lavrov accused the United States of meddling.",
        published=PUBLISHED,
    )
    assert [(e.type, e.source and e.source.code, e.target and e.target.code) for e in events] == [
        ("ACCUSE", "RUS", "USA")
    ]
    assert events[0].date == "2022-05-03"
