from __future__ import annotations

from datetime import date
from functools import cache

from blocwatch.model import ActorKind, Mention
from blocwatch.nlp.actors import ActorRecognizer, actors_from_mentions, mention_row
from blocwatch.nlp.sentences import split_sentences


@cache
def recognizer() -> ActorRecognizer:
    return ActorRecognizer()


def find(text: str, published: date | None = date(2022, 5, 12)) -> list[Mention]:
    return recognizer().recognize("a1", text, split_sentences(text), published)


def ids(text: str, kind: ActorKind | None = None, published: date | None = None) -> list[str]:
    mentions = find(text, published) if published else find(text)
    return [m.actor_id for m in mentions if kind is None or m.kind is kind]


def test_state_names_adjectives_and_demonyms_name_the_state() -> None:
    text = "Armenian, Kazakh and Kazakhstani envoys met Belarusian officials in talks with Georgia."
    assert ids(text, ActorKind.STATE) == ["ARM", "KAZ", "KAZ", "BLR", "GEO"]


def test_hyphenated_pair_names_both_states() -> None:
    assert ids("Russian-Kazakh relations are strong.", ActorKind.STATE) == ["RUS", "KAZ"]


def test_official_names_and_abbreviations() -> None:
    text = "The Russian Federation, the Republic of Belarus and the U.S. signed it with the UAE."
    assert ids(text, ActorKind.STATE) == ["RUS", "BLR", "USA", "ARE"]


def test_a_longer_name_starting_inside_a_shorter_one_wins() -> None:
    # "The Asia-Pacific" is a region; the organisation's name starts one word later.
    text = "The Asia-Pacific Economic Cooperation forum met in Lima on Friday."
    assert ids(text)[:1] == ["APEC"]
    assert ids("The Asia-Pacific faces a hot summer.") == ["place:asia"]


def test_regions_in_conflict_news_belong_to_their_state() -> None:
    mentions = find("Fighting spread from North Darfur into South Kordofan and the Sinai.")
    assert [(m.actor_id, m.country) for m in mentions] == [
        ("place:darfur", "SDN"),
        ("place:kordofan", "SDN"),
        ("place:sinai", "EGY"),
    ]


def test_the_red_cross_is_the_international_committee() -> None:
    text = "The Red Cross said both sides had blocked its convoys."
    assert ids(text) == ["ICRC"]


def test_an_organ_is_named_by_its_short_form_once_its_organisation_was() -> None:
    text = "The United Nations met. The Security Council voted on the plan."
    assert ids(text, ActorKind.ORGANIZATION) == ["UN", "UNSC"]
    # A national security council of the same name, in an article with no UN in it.
    assert ids("The Security Council of Ruritania voted on the plan.") == []


def test_an_unknown_name_in_apposition_after_a_title_is_a_new_person() -> None:
    text = "The Chilean president, Rodrigo Almeida, met union leaders. Almeida left early."
    people = [(m.actor_id, m.country, m.role) for m in find(text) if m.kind is ActorKind.PERSON]
    assert people == [("person:rodrigo-almeida", "CHL", "president")] * 2
    # The first item of a list after a title is no name in apposition.
    assert ids("The president, Congress and the courts disagreed.", ActorKind.PERSON) == []


def test_seat_of_power_as_subject_is_the_government() -> None:
    mentions = find("Moscow rejected the plan. The Kremlin said Washington was wrong.")
    assert [(m.actor_id, m.kind, m.name) for m in mentions] == [
        ("RUS", ActorKind.STATE, "Moscow"),
        ("RUS", ActorKind.STATE, "The Kremlin"),
        ("USA", ActorKind.STATE, "Washington"),
    ]


def test_seat_after_locative_preposition_is_a_place() -> None:
    text = "Talks were held in Dushanbe after a visit to Moscow by a Yerevan-based agency."
    mentions = find(text)
    assert [(m.actor_id, m.kind, m.country) for m in mentions] == [
        ("place:dushanbe", ActorKind.PLACE, "TJK"),
        ("place:moscow", ActorKind.PLACE, "RUS"),
        ("place:yerevan", ActorKind.PLACE, "ARM"),
    ]


def test_residences_stand_for_their_government() -> None:
    text = "Novo-Ogaryovo confirmed the call, and the White House declined to comment."
    assert ids(text) == ["RUS", "USA"]


def test_ministry_is_the_state_with_the_ministry_as_role() -> None:
    text = "The Russian Foreign Ministry said so, and the State Department agreed."
    mentions = find(text)
    assert [(m.actor_id, m.name, m.role) for m in mentions] == [
        ("RUS", "Russian Foreign Ministry", "foreign ministry"),
        ("USA", "the State Department", "state department"),
    ]


def test_ministry_of_foreign_affairs_of_a_state() -> None:
    mention = find("The Ministry of Foreign Affairs of Kazakhstan issued a note.")[0]
    assert (mention.actor_id, mention.name) == ("KAZ", "Ministry of Foreign Affairs of Kazakhstan")


def test_transliterations_resolve_to_one_person() -> None:
    text = (
        "Sergei Lavrov met Sergey Lavrov's aides; Aleksandr Lukashenko and Alexander "
        "Lukashenko are one man, as are Antony Blinken and Anthony Blinken, and "
        "Kassym-Jomart Tokayev and Kassym-Jomart Tokaev."
    )
    assert ids(text, ActorKind.PERSON) == [
        "person:sergey-lavrov",
        "person:sergey-lavrov",
        "person:alexander-lukashenko",
        "person:alexander-lukashenko",
        "person:antony-blinken",
        "person:antony-blinken",
        "person:kassym-jomart-tokayev",
        "person:kassym-jomart-tokayev",
    ]


def test_common_surname_alone_needs_a_full_mention_first() -> None:
    assert ids("Brown said nothing.", ActorKind.PERSON, date(2008, 1, 1)) == []
    text = "Gordon Brown arrived in Moscow. Brown said nothing."
    assert ids(text, ActorKind.PERSON, date(2008, 1, 1)) == ["person:gordon-brown"] * 2


def test_distinctive_surname_alone_names_the_person() -> None:
    assert ids("Lavrov said the talks went well.", ActorKind.PERSON) == ["person:sergey-lavrov"]


def test_shared_surname_goes_to_the_office_holder_of_the_day() -> None:
    assert ids("Aliyev spoke.", ActorKind.PERSON, date(2020, 1, 1)) == ["person:ilham-aliyev"]
    assert ids("Aliyev spoke.", ActorKind.PERSON, date(2000, 1, 1)) == ["person:heydar-aliyev"]


def test_first_name_and_patronymic_name_the_person() -> None:
    text = 'Lavrov said: "Sergei Nikolaevich just mentioned it."'
    assert ids(text, ActorKind.PERSON, date(2024, 4, 12)) == [
        "person:sergey-lavrov",
        "person:sergei-lebedev",
    ]


def test_title_with_state_is_resolved_by_date() -> None:
    text = "The Russian foreign minister arrived."
    (person,) = [m for m in find(text, date(2022, 5, 12)) if m.kind is ActorKind.PERSON]
    assert (person.actor_id, person.role, person.name) == (
        "person:sergey-lavrov",
        "foreign minister",
        "The Russian foreign minister",
    )
    (earlier,) = [m for m in find(text, date(2002, 5, 1)) if m.kind is ActorKind.PERSON]
    assert earlier.actor_id == "person:igor-ivanov"


def test_title_of_a_state_after_the_title() -> None:
    text = "The Prime Minister of Armenia arrived, and so did the US Secretary of State."
    people = [m.actor_id for m in find(text, date(2022, 5, 2)) if m.kind is ActorKind.PERSON]
    assert people == ["person:nikol-pashinyan", "person:antony-blinken"]


def test_former_title_of_a_serving_holder_is_kept_as_a_claim() -> None:
    mentions = find("Lavrov, the former Russian foreign minister, spoke.", date(2022, 5, 1))
    lavrov = mentions[0]
    assert (lavrov.actor_id, lavrov.role, lavrov.claim) == (
        "person:sergey-lavrov",
        "former foreign minister",
        True,
    )


def test_former_title_of_a_former_holder_is_no_claim() -> None:
    text = "Igor Ivanov, the former Russian foreign minister, spoke."
    ivanov = find(text, date(2010, 1, 1))[0]
    assert (ivanov.actor_id, ivanov.claim) == ("person:igor-ivanov", False)


def test_title_before_a_name_gives_the_role_valid_that_day() -> None:
    text = "Belarus President Alexander Lukashenko met U.S. Secretary of State Antony Blinken."
    people = [(m.actor_id, m.role, m.claim) for m in find(text) if m.kind is ActorKind.PERSON]
    assert people == [
        ("person:alexander-lukashenko", "president", False),
        ("person:antony-blinken", "secretary of state", False),
    ]


def test_title_after_a_name_gives_the_role() -> None:
    text = "Sergei Lebedev, the secretary general of the Commonwealth of Independent States, spoke."
    lebedev = find(text)[0]
    assert (lebedev.actor_id, lebedev.role, lebedev.country) == (
        "person:sergei-lebedev",
        "secretary general",
        "CIS",
    )


def test_unknown_person_described_by_a_role_becomes_a_new_actor() -> None:
    text = (
        '"Security comes first," Pavel Orlov, the Deputy Director of the Consular '
        "Department of the Russian Foreign Ministry, said on Monday. Orlov added more."
    )
    people = [m for m in find(text) if m.kind is ActorKind.PERSON]
    assert [m.actor_id for m in people] == ["person:pavel-orlov"] * 2
    assert people[0].country == "RUS"
    assert people[0].role is not None and people[0].role.startswith("Deputy Director")
    (actor,) = actors_from_mentions(people)
    assert (actor.id, actor.name, actor.country) == ("person:pavel-orlov", "Pavel Orlov", "RUS")


def test_unknown_person_after_a_title() -> None:
    text = "Deputy Foreign Minister Ivan Petrenko of Ukraine arrived."
    (person,) = [m for m in find(text) if m.kind is ActorKind.PERSON]
    assert (person.actor_id, person.role, person.country) == (
        "person:ivan-petrenko",
        "deputy foreign minister",
        "UKR",
    )


def test_organisations_by_code_and_by_name() -> None:
    text = (
        "The CIS, CSTO, EAEU, SCO, NATO, EU, UN, OSCE, BRICS, ASEAN, G7 and G20 met; the "
        "Eurasian Economic Union, the Shanghai Cooperation Organization, the UN Security "
        "Council and TASS reported it."
    )
    assert ids(text, ActorKind.ORGANIZATION) == [
        "CIS", "CSTO", "EAEU", "SCO", "NATO", "EU", "UN", "OSCE", "BRICS", "ASEAN", "G7",
        "G20", "EAEU", "SCO", "UNSC", "TASS",
    ]  # fmt: skip


def test_commonwealth_is_the_cis_only_once_the_cis_was_named() -> None:
    assert ids("The Commonwealth met in London.", ActorKind.ORGANIZATION) == []
    text = "The CIS met. The Commonwealth agreed."
    assert ids(text, ActorKind.ORGANIZATION) == ["CIS", "CIS"]


def test_the_west_is_a_bloc_but_not_the_west_bank() -> None:
    assert ids("Pressure from the West grew.", ActorKind.BLOC) == ["WEST"]
    assert ids("Settlers in the West Bank protested.", ActorKind.BLOC) == []


def test_state_inside_an_institution_name_is_not_a_mention() -> None:
    text = "She studied at the United States Naval Academy and the Russian Academy of Sciences."
    assert ids(text, ActorKind.STATE) == []


def test_presidential_administration_is_the_state() -> None:
    mention = find("Officials of the Biden administration met them.", date(2022, 5, 1))[0]
    assert (mention.actor_id, mention.kind, mention.name) == (
        "USA",
        ActorKind.STATE,
        "Biden administration",
    )


def test_without_a_date_the_current_holder_is_assumed() -> None:
    text = "The Russian foreign minister spoke."
    people = [m.actor_id for m in find(text, None) if m.kind is ActorKind.PERSON]
    assert people == ["person:sergey-lavrov"]


def test_mentions_carry_sentence_and_exact_span() -> None:
    text = "Talks ended.\n\nLater, Putin called Tokayev."
    for mention in find(text):
        assert text[mention.evidence.span.start : mention.evidence.span.end] == mention.name
        assert mention.evidence.sentence_index == 1
        assert mention.evidence.article_id == "a1"


def test_mentions_are_in_text_order() -> None:
    text = "Lavrov, the Russian foreign minister, met the Uzbek and Tajik ministers in Tashkent."
    starts = [m.evidence.span.start for m in find(text)]
    assert starts == sorted(starts)


def test_state_name_inside_a_personal_name_is_not_the_state() -> None:
    text = "Jordan Spieth won, and Frank Jordan cheered. Then Jordan and Israel signed a deal."
    assert ids(text, ActorKind.STATE) == ["JOR", "ISR"]


def test_adjective_inside_an_organisation_name_is_not_the_title_holder_state() -> None:
    text = "Douglas Holtz-Eakin, president of the American Action Forum, disagreed."
    person = find(text)[0]
    assert (person.actor_id, person.role) == (
        "person:douglas-holtz-eakin",
        "president of the American Action Forum",
    )


def test_possessive_is_not_part_of_a_new_name() -> None:
    text = "The visit of President Richard Nixon's delegation was long."
    (person,) = [m for m in find(text) if m.kind is ActorKind.PERSON]
    assert (person.actor_id, person.name) == ("person:richard-nixon", "Richard Nixon")


def test_names_inside_longer_words_are_not_mentions() -> None:
    assert ids("FOCUS ON THE BUS STRIKE: Romania and Romanian officials.") == ["ROU", "ROU"]


def test_combining_forms_name_states_only_in_compounds() -> None:
    assert ids("Sino-Russian and Russo-Japanese ties; General Franco.", ActorKind.STATE) == [
        "CHN",
        "RUS",
        "RUS",
        "JPN",
    ]


def test_possessive_state_before_a_title() -> None:
    text = "Armenia's Prime Minister Nikol Pashinyan met Putin. The Armenia PM's visit ended."
    people = [(m.actor_id, m.role) for m in find(text) if m.kind is ActorKind.PERSON]
    assert people == [
        ("person:nikol-pashinyan", "prime minister"),
        ("person:vladimir-putin", "president"),
        ("person:nikol-pashinyan", "prime minister"),
    ]


def test_organisation_office_without_a_name_is_resolved_by_date() -> None:
    text = "The secretary general of the Commonwealth of Independent States spoke."
    (person,) = [m for m in find(text) if m.kind is ActorKind.PERSON]
    assert (person.actor_id, person.role, person.country) == (
        "person:sergei-lebedev",
        "secretary general",
        "CIS",
    )


def test_title_the_person_did_not_hold_that_day_is_a_claim() -> None:
    (lavrov,) = find("Foreign Minister Lavrov spoke.", date(2003, 1, 1))
    assert (lavrov.actor_id, lavrov.role, lavrov.claim) == (
        "person:sergey-lavrov",
        "foreign minister",
        True,
    )


def test_capital_named_as_the_capital_is_a_place() -> None:
    text = "They met in the Tajik capital, Dushanbe, then in the Kazakh capital Astana."
    assert [m.actor_id for m in find(text)] == ["TJK", "place:dushanbe", "KAZ", "place:astana"]


def test_counterpart_takes_the_office_of_the_person_before() -> None:
    text = "Lavrov met his Armenian counterpart on Friday and his Uzbek counterpart Vladimir Norov."
    people = [(m.actor_id, m.role) for m in find(text) if m.kind is ActorKind.PERSON]
    assert people == [
        ("person:sergey-lavrov", "foreign minister"),
        ("person:ararat-mirzoyan", "foreign minister"),
        ("person:vladimir-norov", "acting foreign minister"),
    ]


def test_mention_row_has_the_export_columns() -> None:
    (row,) = [mention_row(m) for m in find("Lavrov spoke.")]
    assert row == {
        "article_id": "a1",
        "actor_id": "person:sergey-lavrov",
        "name": "Lavrov",
        "kind": "person",
        "country": "RUS",
        "role": "foreign minister",
        "start": "2004-03-09",
        "end": None,
        "sentence": 0,
        "span_start": 0,
        "span_end": 6,
        "claim": False,
    }
