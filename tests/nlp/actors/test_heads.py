"""Actors named by phrases the dictionary does not list: head nouns, partitives, titles.

Each test parses a sentence written for it with the shipped spaCy model, runs the actor
stage, and asks the event coder's actor finder what a role phrase names, as the event
coder does for a subject or an object.
"""

from __future__ import annotations

import pytest

from blocwatch.model import EventActor, Sector
from blocwatch.nlp.actors import ActorRecognizer
from blocwatch.nlp.actors.heads import HeadNouns
from blocwatch.nlp.events import EventCoder
from blocwatch.nlp.events.view import SentenceView
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


@pytest.fixture(scope="module")
def parser() -> SyntaxParser:
    return SyntaxParser()


def _actors(coder: EventCoder, parser: SyntaxParser, text: str, word: str) -> list[EventActor]:
    """What the finder makes of the phrase headed by ``word`` (its first occurrence; the
    first subject for ``SUBJECT``, whichever word the parser makes its head)."""
    sentences = split_sentences(text)
    mentions = ActorRecognizer(coder._actor_dictionary()).recognize("t", text, sentences)
    parses = parser.parse(text, sentences)
    finder = coder.actor_finder(mentions, parses, None)
    for parse in parses:
        for token in parse.tokens:
            if token.text == word or (word == "SUBJECT" and token.dep == "nsubj"):
                return [p.actor for p in finder.actors(SentenceView(parse), token)]
    raise AssertionError(f"{word!r} not in {text!r}")


def test_an_organisation_name_takes_the_sector_of_its_head(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    (actor,) = _actors(
        coder, parser, "Broadspectrum Services denied the claims of the asylum seekers.", "Services"
    )
    assert actor.name == "Broadspectrum Services"
    assert actor.sector is Sector.COMPANY and actor.code is None


def test_a_qualified_body_noun_is_an_unresolved_actor(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    (panel,) = _actors(
        coder,
        parser,
        "An independent review panel faulted the ministry's handling of the floods.",
        "panel",
    )
    assert panel.name == "An independent review panel" and panel.code is None
    (committee,) = _actors(
        coder,
        parser,
        "The foreign affairs committee summoned the minister on Monday.",
        "committee",
    )
    assert committee.sector is Sector.LEGISLATURE and committee.code is None
    (islamists,) = _actors(coder, parser, "Islamist groups claimed the attack.", "groups")
    assert islamists.name == "Islamist groups"


def test_a_body_noun_that_only_counts_describes_or_points_back_is_no_actor(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    assert _actors(coder, parser, "Other groups criticised the decision.", "groups") == []
    text = "An unlikely coalition backed the new law."
    assert _actors(coder, parser, text, "coalition") == []
    assert _actors(coder, parser, "The panel criticised the decision.", "panel") == []


def test_an_agent_noun_of_several_words_comes_from_the_phoenix_list(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    (groups,) = _actors(
        coder, parser, "Human rights groups condemned the arrests in the capital.", "groups"
    )
    assert groups.sector is Sector.NGO and groups.name == "Human rights groups"


def test_criminals_are_actors_without_a_sector(coder: EventCoder, parser: SyntaxParser) -> None:
    (smugglers,) = _actors(
        coder, parser, "Armed smugglers attacked the convoy at night.", "smugglers"
    )
    assert smugglers.code is None and smugglers.sector is None


def test_a_partitive_names_the_group_it_picks_from(coder: EventCoder, parser: SyntaxParser) -> None:
    (soldiers,) = _actors(
        coder, parser, "Some of the soldiers beat the detainees, the report said.", "Some"
    )
    assert soldiers.name == "the soldiers" and soldiers.sector is Sector.MILITARY
    (iranians,) = _actors(
        coder, parser, "Dozens of Iranian soldiers crossed the border on Monday.", "Dozens"
    )
    assert iranians.code == "IRN" and iranians.sector is Sector.MILITARY


def test_a_role_noun_with_a_name_in_apposition_is_that_person(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    (manager,) = _actors(
        coder,
        parser,
        "Emmanuel Macron's campaign manager Richard Ferrand attacked the rival camp.",
        "SUBJECT",
    )
    assert manager.name == "Richard Ferrand"
    (minister,) = _actors(
        coder,
        parser,
        "Peru's economy minister, Luis Castilla, rejected the proposal on Tuesday.",
        "SUBJECT",
    )
    assert minister.name == "Luis Castilla" and minister.code == "PER"


def test_officials_without_a_state_stay_unresolved(coder: EventCoder, parser: SyntaxParser) -> None:
    (officials,) = _actors(coder, parser, "Officials rejected the plan on Friday.", "Officials")
    assert officials.code is None and officials.sector is Sector.GOVERNMENT
    (greek,) = _actors(coder, parser, "Greek officials rejected the plan on Friday.", "officials")
    assert greek.code == "GRC"


def test_a_seat_of_power_used_as_a_place_stays_a_place(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    assert (
        _actors(coder, parser, "The envoys held talks in Pyongyang on Monday.", "Pyongyang") == []
    )
    (seat,) = _actors(coder, parser, "Pyongyang rejected the proposal on Monday.", "Pyongyang")
    assert seat.code == "PRK"


def test_a_language_without_cues_gets_none() -> None:
    empty = HeadNouns.default("xx")
    assert not empty.bodies and not empty.partitives and empty.agents is None


def test_an_arrest_with_no_doer_named_implies_the_police_of_the_place(
    coder: EventCoder,
) -> None:
    (event,) = coder.code_sentence("The opposition leader was arrested in Minsk on Sunday.")
    assert event.source is not None and event.source.name == "police"
    assert (event.source.code, event.source.sector) == ("BLR", Sector.POLICE)
    assert event.confidence < 0.5  # implied, not said: below the default view
    (named,) = coder.code_sentence("Three reporters were detained by soldiers on Sunday.")
    assert named.source is not None and named.source.sector is Sector.MILITARY


def test_no_police_are_implied_in_a_clause_that_describes_someone(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "The reporter, who had been detained in Minsk for a year, thanked Poland on Friday."
    )
    assert all(e.source is None or e.source.name != "police" for e in events)


def test_a_group_led_by_a_state_is_that_states_but_not_one_backed_by_it(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    (led,) = _actors(
        coder, parser, "Pirates fired on a patrol force led by India off the Somali coast.", "force"
    )
    assert led.code == "IND"
    backed = _actors(coder, parser, "Militias backed by Iran attacked the base.", "Militias")
    assert [a.code for a in backed] == [None]


def test_states_named_by_their_region_are_a_group_but_other_kinds_of_state_are_not(
    coder: EventCoder, parser: SyntaxParser
) -> None:
    (gulf,) = _actors(coder, parser, "Gulf states criticised the decision.", "states")
    assert gulf.name == "Gulf states" and gulf.code is None
    assert _actors(coder, parser, "A welfare state helped the poor.", "state") == []
    assert _actors(coder, parser, "Member states criticised the decision.", "states") == []
