"""General constructions beyond a verb's own subject and object, on sentences written for
the tests: that-clauses of demands and accusations, warnings about an actor, and event
nouns whose target is a place or the act they announce.

These go through ``EventCoder.code_sentence`` (the shipped dictionary, spaCy's parse and
the verb table), as an ingest would.
"""

from __future__ import annotations

from datetime import datetime

from blocwatch.model import EventStatus
from blocwatch.nlp.events import EventCoder
from tests.factories import event_triples

PUBLISHED = datetime(2023, 3, 14, 8, 0)


def test_a_demand_targets_the_subject_of_its_that_clause(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Chile demanded on Monday that Peru withdraw its fishing fleet from the disputed zone.",
        published=PUBLISHED,
    )
    assert ("REQUEST", "CHL", "PER") in event_triples(events)


def test_a_clause_that_reports_a_fact_is_no_demand_on_its_subject(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Chile insisted that Peru had broken the treaty years ago.", published=PUBLISHED
    )
    assert not any(e.type == "REQUEST" and e.target for e in events)


def test_a_warning_about_what_an_actor_does_criticises_that_actor(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Estonia warned that Russia was moving troops toward the border.", published=PUBLISHED
    )
    triples = event_triples(events)
    assert ("ACCUSE", "EST", "RUS") in triples
    assert not any(e.type == "THREATEN" for e in events)
    moved = [e for e in events if e.source and e.source.code == "RUS"]
    assert moved and all(e.status is EventStatus.CLAIMED for e in moved)


def test_a_warning_about_a_risk_accuses_nobody(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Estonia warned that prices could rise sharply in Latvia next winter.",
        published=PUBLISHED,
    )
    assert events == []


def test_a_warning_of_what_the_speaker_will_do_stays_a_threat(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Estonia warned that it would expel Russian diplomats.", published=PUBLISHED
    )
    assert any(e.type == "THREATEN" and e.source and e.source.code == "EST" for e in events)
    assert not any(e.type == "ACCUSE" for e in events)


def test_warning_someone_to_act_is_left_to_the_verb_table(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Estonia warned Russia to keep its warships out of its waters.", published=PUBLISHED
    )
    assert not any(e.type == "ACCUSE" for e in events)


def test_an_act_on_a_place_named_by_an_event_noun_falls_on_its_state(
    coder: EventCoder,
) -> None:
    events = coder.code_sentence(
        "Thousands fled after Russia's shelling of Kharkiv.", published=PUBLISHED
    )
    assert ("ASSAULT", "RUS", "UKR") in event_triples(events)


def test_an_event_noun_takes_the_target_of_the_act_it_announces(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Turkey's threats to close its airspace to Sweden angered diplomats.",
        published=PUBLISHED,
    )
    assert ("THREATEN", "TUR", "SWE") in event_triples(events)


def test_constructions_are_named_on_the_coded_event(coder: EventCoder) -> None:
    from blocwatch.nlp.events.roles import ActorFinder
    from blocwatch.nlp.events.view import SentenceView

    text = "Chile demanded that Peru withdraw its fishing fleet."
    events = coder.code_sentence(text, published=PUBLISHED)
    assert ("REQUEST", "CHL", "PER") in event_triples(events)
    parser = coder._parser
    assert parser is not None and coder._recognizer is not None
    from blocwatch.nlp.sentences import split_sentences

    sentences = split_sentences(text)
    mentions = coder._recognizer.recognize("s", text, sentences, None)
    view = SentenceView(parser.parse(text, sentences)[0])
    finder = ActorFinder(mentions, coder.agents, coder.lexicon.grammar.pronouns, {})
    found = coder._code_sentence(view, finder)
    assert [c.construction for c in found if c.sense.type == "REQUEST"] == ["clause_target"]


def test_coordinated_passives_share_their_by_phrase(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Two reporters were detained and questioned by Belarusian police.", published=PUBLISHED
    )
    detained = [e for e in events if e.type == "COERCE"]
    assert detained and all(e.source and e.source.code == "BLR" for e in detained)


def test_a_passive_with_no_by_phrase_anywhere_keeps_no_source(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Two Belarusian reporters were detained and questioned.", published=PUBLISHED
    )
    # No named actor becomes the source; the police a detention implies may, unnamed and
    # below the default view.
    assert all(
        e.source is None
        or (e.source.actor_id is None and e.source.name == "police" and e.confidence < 0.5)
        for e in events
    )


def test_a_relative_pronoun_stands_for_the_name_it_follows(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Japan, which imposed sanctions on Russia last year, hosted the summit.",
        published=PUBLISHED,
    )
    assert ("SANCTION", "JPN", "RUS") in event_triples(events)


def test_a_relative_clause_on_a_common_noun_gives_no_source(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Students who travelled to Turkey last summer spoke to reporters.", published=PUBLISHED
    )
    assert not any(e.target and e.target.code == "TUR" for e in events)


def test_a_relative_object_gives_the_verb_its_sense(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "The sanctions that Japan imposed on Russia hurt its exports.", published=PUBLISHED
    )
    assert ("SANCTION", "JPN", "RUS") in event_triples(events)


def test_a_gerund_after_a_preposition_shares_the_verbs_subject(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Macron flew home after visiting Olaf Scholz in Berlin.", published=PUBLISHED
    )
    assert ("CONSULT", "FRA", "DEU") in event_triples(events)


def test_a_gerund_after_the_verbs_object_is_not_the_subjects_act(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Lithuania accused Belarus of pushing migrants across the border.", published=PUBLISHED
    )
    assert ("ACCUSE", "LTU", "BLR") in event_triples(events)
    assert not any(e.source and e.source.code == "LTU" for e in events if e.type != "ACCUSE")


def test_an_avoided_criticism_did_not_happen(coder: EventCoder) -> None:
    for sentence in (
        "Hungary avoided condemning Serbia over the border incident.",
        "Hungary refrained from criticising Serbia in its statement.",
    ):
        events = coder.code_sentence(sentence, published=PUBLISHED)
        accusations = [e for e in events if e.type == "ACCUSE"]
        assert accusations, sentence
        assert all(e.status is EventStatus.NEGATED for e in accusations), sentence


def test_a_declined_condemnation_is_negated_not_a_rejection(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Hungary declined to condemn Serbia after the vote.", published=PUBLISHED
    )
    assert ("ACCUSE", "HUN", "SRB") in event_triples(events)
    assert all(e.status is EventStatus.NEGATED for e in events if e.type == "ACCUSE")
    assert not any(e.type == "REJECT" for e in events)


def test_a_refused_meeting_stays_a_rejection(coder: EventCoder) -> None:
    events = coder.code_sentence("Hungary refused to meet Serbia in May.", published=PUBLISHED)
    assert ("REJECT", "HUN", "SRB") in event_triples(events)


def test_a_finding_of_breach_accuses_the_one_found(coder: EventCoder) -> None:
    for sentence in (
        "After a two-year inquiry, the ICJ ruled Serbia responsible for the massacre.",
        "The ICJ declared that Serbia was in violation of the genocide convention.",
    ):
        events = coder.code_sentence(sentence, published=PUBLISHED)
        assert ("ACCUSE", "ICJ", "SRB") in event_triples(events), sentence


def test_a_finding_without_fault_accuses_nobody(coder: EventCoder) -> None:
    for sentence in (
        "The ICJ declared Serbia a party to the convention.",
        "After a two-year inquiry, the ICJ ruled that Serbia was not responsible for the massacre.",
        "The ICJ ruled Serbia's reply in line with the rules.",
    ):
        events = coder.code_sentence(sentence, published=PUBLISHED)
        assert not any(e.type == "ACCUSE" for e in events), sentence


def test_dismissing_an_actor_as_something_is_criticism(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Serbia dismissed Albania as a puppet of foreign powers.", published=PUBLISHED
    )
    assert ("ACCUSE", "SRB", "ALB") in event_triples(events)
    assert not any(e.type == "REJECT" for e in events)


def test_dismissing_a_request_stays_a_rejection(coder: EventCoder) -> None:
    events = coder.code_sentence("Serbia dismissed Hungary's request.", published=PUBLISHED)
    assert any(e.type == "REJECT" for e in events)
    assert not any(e.type == "ACCUSE" for e in events)


def test_criticism_of_an_act_targets_the_actor_who_did_it(coder: EventCoder) -> None:
    by_phrase = coder.code_sentence(
        "Poland condemned the remarks by Lukashenko.", published=PUBLISHED
    )
    assert ("ACCUSE", "POL", "BLR") in event_triples(by_phrase)
    grievance = coder.code_sentence(
        "Estonia expressed anger over the remarks by Lukashenko.", published=PUBLISHED
    )
    assert ("ACCUSE", "EST", "BLR") in event_triples(grievance)
    compound = coder.code_sentence("Estonia criticised the Gazprom decision.", published=PUBLISHED)
    targets = [e.target.name for e in compound if e.type == "ACCUSE" and e.target]
    assert targets == ["Gazprom"]


def test_an_act_without_an_owner_gives_criticism_no_target(coder: EventCoder) -> None:
    events = coder.code_sentence("Poland criticised the plan.", published=PUBLISHED)
    assert all(e.target is None for e in events)


def test_only_criticism_rejection_and_support_reach_the_owner_of_an_act(coder: EventCoder) -> None:
    events = coder.code_sentence("Poland published the remarks by Lukashenko.", published=PUBLISHED)
    assert not any(e.target and e.target.code == "BLR" for e in events)


def test_the_patient_of_a_condemned_act_is_not_its_target(coder: EventCoder) -> None:
    events = coder.code_sentence("Poland condemned the arrest of Navalny.", published=PUBLISHED)
    assert not any(e.type == "ACCUSE" and e.target for e in events)


def test_voiced_anger_over_an_act_criticises_its_owner(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Estonia voiced anger over the decision by Lukashenko.", published=PUBLISHED
    )
    assert ("ACCUSE", "EST", "BLR") in event_triples(events)


def test_where_a_criticism_was_made_is_not_its_target(coder: EventCoder) -> None:
    for sentence in (
        "Seoul's envoy condemned the launch in an address to the UN General Assembly.",
        "Japan denounced the launch in a letter to the Kremlin.",
    ):
        events = coder.code_sentence(sentence, published=PUBLISHED)
        assert any(e.type == "ACCUSE" for e in events), sentence
        assert all(e.target is None for e in events if e.type == "ACCUSE"), sentence


def test_an_inspection_still_reaches_the_state_of_its_site(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "The IAEA dispatched inspectors to a reactor in southern Iran to check the enrichment.",
        published=PUBLISHED,
    )
    assert ("ACCUSE", "IAEA", "IRN") in event_triples(events)


def test_anger_about_a_states_move_targets_the_state(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Tokyo voiced anger on Tuesday about Beijing's newest naval drills near the islands.",
        published=PUBLISHED,
    )
    assert ("ACCUSE", "JPN", "CHN") in event_triples(events)
    ownerless = coder.code_sentence(
        "Tokyo voiced anger on Tuesday about the naval drills near the islands.",
        published=PUBLISHED,
    )
    assert all(e.target is None for e in ownerless if e.type == "ACCUSE")


def test_what_a_condemned_breach_breaks_is_not_the_target(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Norway's foreign minister sharply criticised the breach of IAEA safeguards at the plant.",
        published=PUBLISHED,
    )
    assert any(e.type == "ACCUSE" for e in events)
    assert not any(e.target and e.target.code == "IAEA" for e in events)


def test_a_statement_condemning_someone_is_its_issuers_criticism(coder: EventCoder) -> None:
    motion = coder.code_sentence(
        "Canada's parliament passed a motion denouncing Iran over the executions.",
        published=PUBLISHED,
    )
    assert ("ACCUSE", "CAN", "IRN") in event_triples(motion)
    report = coder.code_sentence(
        "Greek officials released a report accusing Turkey of airspace violations.",
        published=PUBLISHED,
    )
    assert ("ACCUSE", "GRC", "TUR") in event_triples(report)


def test_a_material_participle_on_a_noun_gets_no_agent(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Ukraine counted the fighters joining the militia in Donbas.", published=PUBLISHED
    )
    assert not any(e.source and e.source.name.endswith("fighters") for e in events)


def test_labelling_an_actor_with_a_negative_noun_is_criticism(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Poland labelled Belarus a threat to the region.", published=PUBLISHED
    )
    assert ("ACCUSE", "POL", "BLR") in event_triples(events)
    praise = coder.code_sentence("Poland labelled Belarus a partner.", published=PUBLISHED)
    assert not any(e.type == "ACCUSE" for e in praise)


def test_drawing_criticism_from_someone_makes_them_the_critic(coder: EventCoder) -> None:
    for sentence in (
        "Belarus drew sharp criticism from Poland.",
        "Belarus faced condemnation from Poland.",
    ):
        events = coder.code_sentence(sentence, published=PUBLISHED)
        assert ("ACCUSE", "POL", "BLR") in event_triples(events), sentence


def test_drawing_fire_from_fighters_is_not_criticism(coder: EventCoder) -> None:
    """'Fire' received is as often gunfire as words: a patrol that draws fire is shot at."""
    for sentence in (
        "A Ukrainian patrol drew fire from Russian troops near the river.",
        "The Israeli convoy received fire from Syrian positions overnight.",
    ):
        events = coder.code_sentence(sentence, published=PUBLISHED)
        assert not any(e.type == "ACCUSE" for e in events), sentence


def test_a_named_criticism_is_its_owners_accusation(coder: EventCoder) -> None:
    events = coder.code_sentence("Poland's criticism of Belarus grew louder.", published=PUBLISHED)
    assert ("ACCUSE", "POL", "BLR") in event_triples(events)


def test_lashing_out_at_an_actor_is_criticism_of_it(coder: EventCoder) -> None:
    events = coder.code_sentence("Poland lashed out at Belarus on Monday.", published=PUBLISHED)
    assert ("ACCUSE", "POL", "BLR") in event_triples(events)


def test_where_a_plan_was_criticised_is_not_the_target(coder: EventCoder) -> None:
    events = coder.code_sentence("Poland criticised the plan at the UN.", published=PUBLISHED)
    assert not any(e.target and e.target.code == "UN" for e in events)


def test_a_named_criticism_of_an_act_targets_its_owner(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "Poland's criticism of the remarks by Lukashenko grew louder.", published=PUBLISHED
    )
    assert ("ACCUSE", "POL", "BLR") in event_triples(events)
    patient = coder.code_sentence(
        "Poland's criticism of the killing of Navalny grew.", published=PUBLISHED
    )
    assert not any(e.type == "ACCUSE" and e.target for e in patient)


def test_an_act_that_draws_criticism_makes_its_owner_the_target(coder: EventCoder) -> None:
    events = coder.code_sentence(
        "The decision by Lukashenko sparked outrage from Poland.", published=PUBLISHED
    )
    assert ("ACCUSE", "POL", "BLR") in event_triples(events)
    ownerless = coder.code_sentence(
        "The decision sparked outrage from Poland.", published=PUBLISHED
    )
    assert all(e.target is None for e in ownerless)


def test_vowing_consequences_is_a_threat_not_a_promise(coder: EventCoder) -> None:
    events = coder.code_sentence("Japan vowed consequences for China.", published=PUBLISHED)
    assert ("THREATEN", "JPN", "CHN") in event_triples(events)
    assert not any(e.type == "AGREE" for e in events)
    aid = coder.code_sentence("Japan pledged aid for Ukraine.", published=PUBLISHED)
    assert not any(e.type == "THREATEN" for e in aid)


def test_praise_of_an_act_is_support_of_whoever_the_act_belongs_to(coder: EventCoder) -> None:
    (event,) = coder.code_sentence(
        "Senator Ana Ruiz endorsed Governor Tom Hale's bill on water rights in Mexico."
    )
    assert (event.type, event.source and event.source.name, event.target and event.target.name) == (
        "SUPPORT",
        "Ana Ruiz",
        "Tom Hale",
    )
