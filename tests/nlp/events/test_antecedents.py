"""An act named again by a definite noun ("condemned the attack") is aimed at the doer of
the act the article last told of (blocwatch.nlp.events.antecedents). Texts written for
the tests, coded through ``EventCoder.code_sentence``."""

from __future__ import annotations

from blocwatch.model import EventActor
from blocwatch.nlp.events import EventCoder
from blocwatch.nlp.events.antecedents import REACH, Antecedents
from tests.factories import event_triples


def test_a_criticised_attack_is_aimed_at_the_attacker_named_before(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Serbian troops shelled a village in Kosovo on Sunday. Albania condemned the attack."
    )
    assert ("ACCUSE", "ALB", "SRB") in event_triples(events)


def test_a_noun_owned_by_a_state_is_remembered_by_its_word(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Iran carried out its third missile test on Monday. Israel denounced the test."
    )
    assert ("ACCUSE", "ISR", "IRN") in event_triples(events)


def test_an_object_that_names_its_own_owner_or_patient_is_left_to_the_sentence(
    coder: EventCoder,
) -> None:
    events = coder.code_sentence(
        "Serbian troops shelled a village in Kosovo. Albania condemned the attack on the port."
    )
    assert [t for t in event_triples(events) if t[0] == "ACCUSE"] == [("ACCUSE", "ALB", None)]


def test_an_indefinite_act_is_a_new_one(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Serbian troops shelled a village in Kosovo. Albania condemned an attack."
    )
    assert ("ACCUSE", "ALB", "SRB") not in event_triples(events)


def test_an_act_out_of_reach_is_forgotten() -> None:
    acts = Antecedents()
    serbia = EventActor("SRB", "Serbia", "SRB", None)
    acts.add(0, "type:ASSAULT", serbia)
    assert acts.doer({"type:ASSAULT"}, REACH) == serbia
    assert acts.doer({"type:ASSAULT"}, REACH + 1) is None
    assert acts.doer({"type:ASSAULT"}, 0) is None  # not the sentence's own act
    assert acts.doer({"lemma:test"}, 1) is None


def test_it_and_they_at_the_head_of_the_next_sentence_are_what_it_was_about(
    coder: EventCoder,
) -> None:
    council = coder.code_sentence(
        "The Arab League met in Cairo on Sunday. It condemned Israel over the raid."
    )
    assert ("ACCUSE", "LAS", "ISR") in event_triples(council)
    fighters = coder.code_sentence(
        "Rebel fighters entered the town at dawn. They attacked the police in Goma."
    )
    assert [(e.type, e.source.name if e.source else None) for e in fighters] == [
        ("ASSAULT", "Rebel fighters")
    ]


def test_it_stands_for_no_actor_the_sentence_before_did_not_name_or_count(
    coder: EventCoder,
) -> None:
    storm = coder.code_sentence("The storm hit the coast on Monday. It killed 40 people in Haiti.")
    assert all(e.source is None for e in storm)
    plural = coder.code_sentence("Poland closed its border. They condemned Belarus.")
    assert ("ACCUSE", "POL", "BLR") not in event_triples(plural)
