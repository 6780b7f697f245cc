"""Whom an act is done with or to, and who is not a party to it: the topic of a talk, the
place of a trip at home, the outlet that reports a claim. Sentences written for the tests,
coded through ``EventCoder.code_sentence`` as an ingest would."""

from __future__ import annotations

import pytest

from blocwatch.nlp.events import EventCoder
from tests.factories import event_triples


@pytest.mark.parametrize(
    "sentence",
    [
        "The Greek prime minister spoke about the fighting in Ukraine at the summit.",
        "President Ruto talked of Ethiopia's pending offensive on its neighbour.",
    ],
)
def test_the_topic_of_a_talk_is_not_a_partner(coder: EventCoder, sentence: str) -> None:
    events = coder.code_sentence(sentence)
    assert [e for e in events if e.type == "CONSULT" and e.target is not None] == []


def test_a_partner_named_with_with_is_still_a_partner(coder: EventCoder) -> None:
    events = coder.code_sentence("The Turkish foreign minister spoke with his Greek counterpart.")
    assert ("CONSULT", "TUR", "GRC") in event_triples(events)


def test_a_grievance_named_by_over_still_gives_the_protest_its_target(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Greek dockers stopped work over a pension bill signed by the Greek labour minister."
    )
    assert [t for t in event_triples(events) if t[0] == "PROTEST"] == [("PROTEST", "GRC", "GRC")]


def test_a_trip_inside_ones_own_state_visits_nobody(coder: EventCoder) -> None:
    home = coder.code_sentence(
        "Israeli Prime Minister Benjamin Netanyahu visited a settlement south of Jerusalem."
    )
    assert [(e.type, e.target) for e in home] == [("CONSULT", None)]
    abroad = coder.code_sentence("Israeli Prime Minister Benjamin Netanyahu visited Moscow.")
    assert ("CONSULT", "ISR", "RUS") in event_triples(abroad)


def test_an_outlet_reporting_an_attack_accuses_nobody(coder: EventCoder) -> None:
    reported = coder.code_sentence("Russian forces shelled Kharkiv overnight, Reuters reported.")
    assert [t for t in event_triples(reported) if t[0] == "ACCUSE"] == []
    said = coder.code_sentence(
        "Russian forces shelled Kharkiv overnight, the Ukrainian foreign ministry said."
    )
    assert ("ACCUSE", "UKR", "RUS") in event_triples(said)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("China levied duties on Australian wine.", ("SANCTION", "CHN", "AUS")),
        ("Mexico slapped retaliatory tariffs on American goods.", ("SANCTION", "MEX", "USA")),
    ],
)
def test_duties_and_tariffs_laid_on_a_state_are_sanctions(
    coder: EventCoder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert event_triples(coder.code_sentence(sentence)) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Jan Egeland, the UN humanitarian chief, urged Israel to open the crossings.",
            ("REQUEST", "UN", "ISR"),
        ),
        # The dictionary knows Solana for a post he held later; the text says NATO's.
        ("Javier Solana, NATO's secretary general, warned Serbia.", ("THREATEN", "NATO", "SRB")),
        # The post's owner, not the body it is sent to.
        (
            "Nikki Haley, the US ambassador to the UN, accused Iran of arming the Houthis.",
            ("ACCUSE", "USA", "IRN"),
        ),
        # An apposition that is no post changes nothing.
        ("Putin, the target of Western sanctions, criticised the EU.", ("ACCUSE", "RUS", "EU")),
    ],
)
def test_a_post_in_apposition_says_whom_a_person_acts_for(
    coder: EventCoder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert event_triples(coder.code_sentence(sentence))[:1] == [expected]


def test_a_state_naming_a_border_is_not_where_an_attack_fell(coder: EventCoder) -> None:
    fighting = coder.code_sentence(
        "Burmese troops captured part of a rebel stronghold on the Thai border after a week."
    )
    assert [(t[0], t[2]) for t in event_triples(fighting)] == [("ASSAULT", None)]
    # A show of force at a border faces the state across it.
    massed = coder.code_sentence("Russia massed troops on the Ukrainian border.")
    assert event_triples(massed) == [("MOBILIZE", "RUS", "UKR")]


def test_a_threat_is_aimed_at_whoever_the_condition_names(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Iran warned it would close the strait if the United States attacked."
    )
    # The supposed attack is no event, and so no accusation either.
    assert event_triples(events) == [("THREATEN", "IRN", "USA")]
    assert coder.code_sentence("If Russia attacks Estonia, NATO will respond.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "efforts" only says the mediation was under way: ending it ends the mediation.
        (
            "Qatar suspended its mediation efforts between Israel and Hamas.",
            ("SANCTION", "QAT", "ISR"),
        ),
        (
            "Egypt launched a mediation initiative between Israel and Hamas.",
            ("CONSULT", "EGY", "ISR"),
        ),
    ],
)
def test_a_generic_head_passes_the_act_to_the_noun_before_it(
    coder: EventCoder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert event_triples(coder.code_sentence(sentence))[:1] == [expected]


def test_a_demonstration_is_against_what_its_purpose_clause_protests(coder: EventCoder) -> None:
    marched = coder.code_sentence(
        "Thousands of Iraqis marched in Baghdad to protest against the American occupation."
    )
    # One protest, at the occupation's owner, not also at the marchers' own government.
    assert event_triples(marched) == [("PROTEST", "IRQ", "USA")]
    rallied = coder.code_sentence(
        "Hundreds of Kenyans rallied in Nairobi to denounce Uganda's border closure."
    )
    assert event_triples(rallied) == [("PROTEST", "KEN", "UGA")]


def test_rebels_named_by_their_region_belong_to_its_state(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "The Sudanese government has accused Darfur rebels of breaking the ceasefire."
    )
    assert event_triples(events)[:1] == [("ACCUSE", "SDN", "SDN")]


def test_an_appeal_to_the_public_has_no_target(coder: EventCoder) -> None:
    appeal = coder.code_sentence("Macron urged voters to reject the National Rally.")
    assert [(e.type, e.target) for e in appeal] == [("REQUEST", None)]
    assert appeal[0].confidence < 0.5
    asked = coder.code_sentence("The EU called on Serbia to recognise Kosovo.")
    assert event_triples(asked)[:1] == [("REQUEST", "EU", "SRB")]
    # Whom a request asks is whom it names, not the one it asks them to act on.
    party = coder.code_sentence("The senator called on fellow Republicans to abandon Trump.")
    assert [(e.type, e.target.name if e.target else None) for e in party] == [
        ("REQUEST", "Republicans")
    ]
    # Violence against a crowd still has the crowd as its target.
    fired = coder.code_sentence("Police fired tear gas at protesters in Kiev.")
    assert [(e.type, e.target.name if e.target else None) for e in fired] == [
        ("ASSAULT", "protesters")
    ]


def test_a_question_tells_of_no_event(coder: EventCoder) -> None:
    assert coder.code_sentence("How strongly should Mexico retaliate against the US?") == []
    assert coder.code_sentence("Will China impose sanctions on Lithuania?") == []
    told = coder.code_sentence("China imposed sanctions on Lithuania.")
    assert event_triples(told) == [("SANCTION", "CHN", "LTU")]


def test_where_words_were_said_is_not_whom_they_were_said_to(coder: EventCoder) -> None:
    said = coder.code_sentence("In Brussels, Hungary rejected the plan.")
    assert [(e.type, e.target) for e in said] == [("REJECT", None)]
    # An inspection's "in" phrase is where its target lies.
    inspected = coder.code_sentence("The IAEA sent inspectors to a nuclear site in Iran.")
    assert [(t[0], t[2]) for t in event_triples(inspected)][:1] == [("ACCUSE", "IRN")]


def test_accepting_an_offer_is_agreeing_with_its_author(coder: EventCoder) -> None:
    events = coder.code_sentence("Russia accepted Turkey's offer to host the talks.")
    assert event_triples(events) == [("AGREE", "RUS", "TUR")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The US warned Iran that it was violating the nuclear deal.", ("ACCUSE", "USA", "IRN")),
        ("Russia warned Ukraine it would retaliate.", ("THREATEN", "RUS", "UKR")),
        (
            "NATO warned Russia that any attack would trigger a response.",
            ("THREATEN", "NATO", "RUS"),
        ),
        ("Ban Ki-moon spoke out against Israel's attacks on UN schools.", ("ACCUSE", "UN", "ISR")),
    ],
)
def test_a_warning_about_what_the_other_is_doing_is_criticism(
    coder: EventCoder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert event_triples(coder.code_sentence(sentence))[:1] == [expected]


def test_wanting_asks_something_only_of_another(coder: EventCoder) -> None:
    own = coder.code_sentence("Germany wants to continue the policies of the last government.")
    assert own == []
    asked = coder.code_sentence("The US wants China to stop its exercises.")
    assert event_triples(asked) == [("REQUEST", "USA", "CHN")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Oleg Marin admitted threatening Senator Ana Varga.", ("THREATEN", "Oleg Marin")),
        ("The Syrian army acknowledged that it had shelled the Turkish border post.", None),
    ],
)
def test_what_is_admitted_is_the_event_not_a_disclosure(
    coder: EventCoder, sentence: str, expected: tuple[str, str] | None
) -> None:
    events = coder.code_sentence(sentence)
    assert all(e.type != "SUPPORT" for e in events)  # the broad dictionary's DISCLOSE
    if expected is not None:
        assert [(e.type, e.source.name if e.source else None) for e in events] == [expected]


def test_an_admission_of_a_mistake_is_still_read_by_the_dictionary(coder: EventCoder) -> None:
    events = coder.code_sentence("Turkey admitted Sweden to NATO.")
    assert event_triples(events) == [("SUPPORT", "TUR", "SWE")]


def test_he_stands_for_a_person_the_dictionary_does_not_know(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Dario Lenz, 41, was questioned on Monday. He was arrested in May."
    )
    arrests = [e for e in events if e.type == "COERCE"]
    assert [e.target.name if e.target else None for e in arrests][-1:] == ["Dario Lenz"]


def test_signing_is_an_agreement_only_with_an_agreement_or_with_nothing_named(
    coder: EventCoder,
) -> None:
    forms = coder.code_sentence("Two guards, Vera Holm and Ian Pike, signed false reports.")
    assert [e for e in forms if e.type == "SUPPORT"] == []
    treaty = coder.code_sentence("Chile and Peru signed a fisheries treaty on Monday.")
    assert set(event_triples(treaty)) == {("SUPPORT", "CHL", "PER"), ("SUPPORT", "PER", "CHL")}


def test_agreeing_with_someone_that_something_is_so_backs_their_view(coder: EventCoder) -> None:
    view = coder.code_sentence("Canada agreed with Denmark that the vote had been fair.")
    assert event_triples(view) == [("SUPPORT", "CAN", "DNK")]
    deal = coder.code_sentence("Estonia and Latvia agreed that their navies should patrol jointly.")
    assert "AGREE" in {t[0] for t in event_triples(deal)}
    assert "SUPPORT" not in {t[0] for t in event_triples(deal)}


def test_the_act_a_request_asks_for_is_not_also_an_act_done(coder: EventCoder) -> None:
    events = coder.code_sentence("Norway wants Sweden to extradite the two suspects.")
    assert event_triples(events) == [("REQUEST", "NOR", "SWE")]


def test_a_leaders_attack_on_an_armed_body_is_violence(coder: EventCoder) -> None:
    # An office-holder's attack on a body of people is not words for that alone: a
    # president attacks rebels with an army.
    ordered = coder.code_sentence("President Assad attacked rebels on Tuesday.")
    assert [e.type for e in ordered] == ["ASSAULT"]
    crime = coder.code_sentence("A man named Oskar Brenn attacked police officers in Malmo.")
    assert [e.type for e in crime] == ["ASSAULT"]


def test_an_act_that_is_not_violence_cannot_be_fought_with_arms(coder: EventCoder) -> None:
    fought = coder.code_sentence("Pavel Orlov is battling extradition to the United States.")
    assert [e for e in fought if e.type == "ASSAULT"] == []
    raid = coder.code_sentence("Rebel fighters launched an attack on Kharkiv.")
    assert [e.type for e in raid] == ["ASSAULT"]


def test_nobody_kills_or_shoots_a_person_in_words(coder: EventCoder) -> None:
    killed = coder.code_sentence(
        "Officer Dimos Varkas was charged. Prosecutors said Dimos Varkas killed Nikos Lazou."
    )
    assert ("ASSAULT", "Dimos Varkas", "Nikos Lazou") in [
        (e.type, e.source.name if e.source else None, e.target.name if e.target else None)
        for e in killed
    ]
    words = coder.code_sentence("Senator Ana Varga attacked Governor Tom Reyes.")
    assert [e.type for e in words] == ["ACCUSE"]
