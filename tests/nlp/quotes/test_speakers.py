"""Quote speakers read from syntax (blocwatch.nlp.quotes.speakers and .referents).

Every text is parsed the way the pipeline does it: the sentences worth parsing, or
holding a cue, go through spaCy first.
"""

from dataclasses import replace

import pytest

from blocwatch.model import ActorKind, Evidence, Mention, Span
from blocwatch.nlp.quotes import SpeakerBasis, extract_quotes, needs_parse
from blocwatch.nlp.quotes.lexicon import ROLE_NOUNS
from blocwatch.nlp.quotes.referents import Referent, _surnames_as_people
from blocwatch.nlp.quotes.speakers import ATTRIBUTED, CONFIDENCE
from blocwatch.nlp.sentences import split_sentences
from tests.factories import mention_of
from tests.factories import parsed_quotes as quotes


def person(text: str, words: str, actor_id: str, role: str | None = None) -> Mention:
    return mention_of(text, words, actor_id, ActorKind.PERSON, role)


def test_speaker_is_the_named_subject_of_the_cue_verb_without_its_apposition() -> None:
    text = "Maria Fernandez, the head of the port authority, said the cranes were idle."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == ("Maria Fernandez", CONFIDENCE[SpeakerBasis.NAMED])


def test_a_leader_named_inside_the_subject_is_not_the_speaker() -> None:
    text = "A spokesman for President Vladimir Putin said the talks would resume next week."
    (quote,) = quotes(text)
    assert quote.speaker == "A spokesman"
    assert quote.speaker_actor_id is None
    assert quote.confidence == CONFIDENCE[SpeakerBasis.UNRESOLVED]


def test_a_leader_in_the_apposition_is_not_the_speaker_either() -> None:
    text = (
        "Peter Nolan, a lawyer for Governor Ruth Okafor, said on Tuesday that the permit "
        "was illegal."
    )
    mentions = [person(text, "Ruth Okafor", "person:ruth-okafor", "governor")]
    (quote,) = quotes(text, mentions)
    assert quote.speaker == "Peter Nolan"
    assert quote.speaker_actor_id is None


def test_speaker_of_according_to_is_its_object() -> None:
    (quote,) = quotes("The convoy left the city at dawn, according to Oleg Marchenko.")
    assert (quote.speaker, quote.text) == ("Oleg Marchenko", "The convoy left the city at dawn")


def test_pronoun_resolves_to_the_person_named_before_it() -> None:
    text = "Ines Duarte toured the flooded district on Monday. She said that the levees had failed."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == ("Ines Duarte", CONFIDENCE[SpeakerBasis.RESOLVED])


def test_pronoun_skips_a_person_named_inside_the_quote() -> None:
    text = "Ines Duarte arrived in Lisbon on Monday. “Tomas Berger lied to all of us,” she said."
    (quote,) = quotes(text)
    assert quote.speaker == "Ines Duarte"


def test_it_resolves_to_an_organisation() -> None:
    text = "The Danube Shipping Company cancelled all sailings. It said that water levels were too low."
    (quote,) = quotes(text)
    assert quote.speaker == "Danube Shipping Company"
    assert quote.confidence == CONFIDENCE[SpeakerBasis.RESOLVED]


def test_it_is_the_subject_of_its_sentence_not_a_name_met_on_the_way() -> None:
    text = (
        "The Arctic Council on Friday condemned Norway's new drilling licences as what it "
        'called "a reckless gamble with the sea ice."'
    )
    council = mention_of(text, "Arctic Council", "org:arctic-council", ActorKind.ORGANIZATION)
    norway = mention_of(text, "Norway", "NOR", ActorKind.STATE)
    (quote,) = quotes(text, [council, norway])
    assert quote.speaker_actor_id == "org:arctic-council"


def test_a_role_resolves_to_the_person_the_text_gives_it() -> None:
    text = (
        "Foreign Minister Anna Lindqvist met her counterpart in Oslo. "
        "The minister said that the treaty was ready."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == (
        "Anna Lindqvist",
        CONFIDENCE[SpeakerBasis.RESOLVED],
    )


def test_a_role_resolves_through_the_dictionary_role_of_a_mention() -> None:
    text = "Anna Lindqvist landed in Oslo. The minister said that the treaty was ready."
    mentions = [person(text, "Anna Lindqvist", "person:anna-lindqvist", "foreign minister")]
    (quote,) = quotes(text, mentions)
    assert (quote.speaker, quote.speaker_actor_id) == ("Anna Lindqvist", "person:anna-lindqvist")


def test_a_role_nobody_holds_stays_an_unresolved_role() -> None:
    text = "Storms closed the airport on Monday. The mayor said that flights would resume."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.speaker_actor_id) == ("mayor", None)
    assert quote.confidence == CONFIDENCE[SpeakerBasis.UNRESOLVED]


def test_continuation_paragraph_goes_to_the_last_named_speaker_with_less_confidence() -> None:
    text = (
        "“We will not leave this place,” said Karim Haddad, a fisherman.\n\n"
        "The harbour has been closed since May.\n\n"
        "“Our boats are all we have and the sea is all we know.”"
    )
    first, second = quotes(text)
    assert first.speaker == second.speaker == "Karim Haddad"
    assert second.confidence == CONFIDENCE[SpeakerBasis.CARRIED] < first.confidence


def test_quote_paragraph_far_from_any_speaker_is_not_carried() -> None:
    text = (
        "“We will not leave this place,” said Karim Haddad, a fisherman.\n\n"
        "The harbour has been closed since May.\n\n"
        "Ferries now sail from the next town.\n\n"
        "Prices for fish have doubled in the markets.\n\n"
        "“Our boats are all we have and the sea is all we know.”"
    )
    found = quotes(text)
    assert found[-1].speaker is None
    assert found[-1].confidence < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "The report said that prices rose sharply in the spring.",
        "“Not again, not this year,” one replied as the sirens started.",
        "Hunger, the aid agencies warn, is spreading across the region.",
        "“Yes,” they said, “we will vote for the plan this week.”",
    ],
)
def test_a_speaker_is_never_a_common_word(text: str) -> None:
    for quote in quotes(text):
        speaker = quote.speaker
        assert (
            speaker is None
            or speaker[:1].isupper()
            or speaker.split()[-1] in ROLE_NOUNS | {"agencies"}
        )
        assert speaker not in {"Yes", "Hunger", "One", "one", "report", "The report"}


def test_confidence_orders_named_resolved_unresolved_carried() -> None:
    text = (
        "Foreign Minister Anna Lindqvist arrived in Oslo on Monday. "
        "“The treaty is ready for signing,” Lindqvist said.\n\n"
        "She said that the vote would come in the spring.\n\n"
        "Fishing crews gathered at the quay.\n\n"
        "“We have waited for this agreement for far too long,” she added.\n\n"
        "“The quotas will finally be shared by all of the coastal states.”\n\n"
        "A spokesman said that the ministry would publish the text."
    )
    by_text = {q.text[:12]: q for q in quotes(text)}
    named = by_text["The treaty i"].confidence
    resolved = by_text["that the vot"].confidence
    carried = by_text["The quotas w"].confidence
    unresolved = by_text["that the min"].confidence
    assert named > resolved > unresolved > carried >= ATTRIBUTED
    assert by_text["The quotas w"].speaker == "Anna Lindqvist"
    assert by_text["that the min"].speaker == "A spokesman"


def test_without_parses_a_name_is_not_taken_on_trust() -> None:
    text = "Lavrov reiterated that the visits aim to disrupt relations."
    (quote,) = extract_quotes("a1", text, split_sentences(text))
    assert quote.speaker is None
    assert quote.confidence < 0.5


def test_sentences_with_a_cue_need_parsing() -> None:
    first, second = split_sentences("Lavrov said the talks failed. The weather was fine.")
    assert needs_parse(first)
    assert not needs_parse(second)


def test_who_after_a_role_apposition_stands_for_the_person_named() -> None:
    text = (
        "Peter Nolan, a lawyer for the Harbor Trust, who has fought the dredging for years, "
        "said the permit was illegal."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Peter Nolan"


def test_the_ministry_resolves_to_the_ministry_named_before() -> None:
    text = (
        "The Estonian Interior Ministry closed two border crossings on Sunday. "
        "The ministry said that the queues had grown too long."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == (
        "Estonian Interior Ministry",
        CONFIDENCE[SpeakerBasis.RESOLVED],
    )


def test_people_named_by_a_common_noun_stay_an_unresolved_description() -> None:
    text = "Traffic was heavy all week. Residents said that the new road would split the village."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.speaker_actor_id) == ("Residents", None)
    assert quote.confidence == CONFIDENCE[SpeakerBasis.UNRESOLVED]


def test_a_lone_surname_is_the_person_the_article_named_in_full() -> None:
    text = (
        "Gabriela Strada leads the dockers' union in the northern port. "
        "Strada said that the strike would go on until the wages were paid."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == ("Gabriela Strada", CONFIDENCE[SpeakerBasis.NAMED])


def test_a_titled_surname_is_the_person_the_article_named_in_full() -> None:
    text = (
        "Tomasz Wielgus took over the ferry company in March. "
        "Mr Wielgus said that the winter timetable would start in October."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Tomasz Wielgus"


def test_a_surname_two_people_share_is_left_as_written() -> None:
    text = (
        "Lena Brandt and her brother Oskar Brandt have run the orchard for twenty years. "
        "Brandt said that the late frost had ruined half of the apples."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Brandt"
    assert quote.speaker_actor_id is None


def test_a_known_person_named_by_surname_keeps_the_dictionary_id() -> None:
    text = (
        "Sergey Lavrov arrived in Ankara on Monday. "
        "Lavrov said that the grain corridor would stay open."
    )
    full = person(text, "Sergey Lavrov", "person:sergey-lavrov")
    start = text.index("Lavrov said")
    short = replace(
        full,
        name="Lavrov",
        evidence=Evidence("a1", 1, Span(start, start + 6), "Lavrov"),
    )
    (quote,) = quotes(text, [full, short])
    assert (quote.speaker, quote.speaker_actor_id) == ("Sergey Lavrov", "person:sergey-lavrov")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The mine closed in June. A former staffer said that the pumps had failed.",
            "A former staffer",
        ),
        ("The tunnel plan was shelved. Critics said that it would have cost too much.", "Critics"),
        (
            "The square filled by noon. Protesters said that they would stay overnight.",
            "Protesters",
        ),
    ],
)
def test_a_general_noun_for_people_is_an_unresolved_description(text: str, speaker: str) -> None:
    (quote,) = quotes(text)
    assert (quote.speaker, quote.speaker_actor_id) == (speaker, None)
    assert quote.confidence == CONFIDENCE[SpeakerBasis.UNRESOLVED]


def test_a_noun_whose_commonest_sense_is_not_a_person_is_no_speaker() -> None:
    text = "The two boats came back late. The pair said that the storm had torn the nets."
    for quote in quotes(text):
        assert quote.speaker is None


def test_a_name_apposed_to_a_description_is_the_speaker() -> None:
    text = (
        "The dredging was delayed again. "
        "Another harbour pilot, Jonas Berglund, said that the channel was still too shallow."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == ("Jonas Berglund", CONFIDENCE[SpeakerBasis.NAMED])


def test_she_skips_a_man_named_after_the_woman_she_stands_for() -> None:
    text = (
        "Teresa Calloway opened the hearing in Ottawa. "
        "Martin Hale, the committee's counsel, then read the charges. "
        "She said that the inquiry would sit again in March."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Teresa Calloway"


def test_he_still_takes_a_person_whose_name_says_nothing() -> None:
    text = (
        "Teresa Calloway opened the hearing in Ottawa. "
        "Okafor, the committee's counsel, then read the charges. "
        "He said that the inquiry would sit again in March."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Okafor"


def test_she_prefers_a_recent_subject_to_a_person_only_mentioned_since() -> None:
    text = (
        "Dana Whitfield, the party's former treasurer, spoke to reporters on Tuesday. "
        "A new race would bring lobbying by allies of Maria Lopez and Ana Ruiz, she said. "
        "\u201cWe need a plan before the convention,\u201d she said."
    )
    last = quotes(text)[-1]
    assert last.text.startswith("We need a plan")
    assert last.speaker == "Dana Whitfield"


def test_a_lone_surname_typed_as_an_organisation_is_the_person_named_in_full() -> None:
    named = Referent("Glenn Abernathy", None, Span(0, 15), 0, person=True, subject=True)
    later = Referent("Abernathy", None, Span(60, 69), 1, person=False, subject=True)
    agency = Referent("Reuters", "org:reuters", Span(80, 87), 2, person=False)
    people = _surnames_as_people([named, later, agency])
    assert [(r.name, r.person) for r in people] == [
        ("Glenn Abernathy", True),
        ("Glenn Abernathy", True),
        ("Reuters", False),
    ]


def test_a_surname_that_is_also_a_modal_stays_part_of_the_name() -> None:
    text = "Prime Minister Theresa May said this week that the talks would resume in March."
    (quote,) = quotes(text)
    assert quote.speaker == "Theresa May"


def test_a_title_split_from_its_full_stop_still_leads_to_the_name() -> None:
    text = "He tried to help her , '' said Sgt. Marty Earley of the city police ."
    text = "`` " + text
    (quote,) = quotes(text)
    assert quote.speaker == "Marty Earley"


def test_a_name_inside_the_subjects_description_is_not_the_speaker() -> None:
    text = "The committee investigating the attack on Kabul said that the guards had fled."
    (quote,) = quotes(text)
    assert quote.speaker != "Kabul"
    assert quote.confidence < CONFIDENCE[SpeakerBasis.NAMED]


def test_the_agent_of_a_participle_in_the_subject_is_the_source() -> None:
    text = "A survey carried out by the Allensbach Institute found that trust in parties fell."
    (quote,) = quotes(text)
    assert quote.speaker == "Allensbach Institute"


def test_a_caption_style_apposition_after_the_name_keeps_the_name() -> None:
    # The parser reads "pictured" as the root here and the cue as its dependent.
    text = (
        "Gordon Brown, pictured campaigning this week, has warned that the ferry service will end."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == ("Gordon Brown", CONFIDENCE[SpeakerBasis.NAMED])


def test_the_age_description_goes_to_the_person_given_that_age() -> None:
    text = (
        "Omar Haddad, 52, and his son Sami, 19, were questioned. "
        "The 52-year-old said: 'We were only walking home from the market that night.'"
    )
    quote = quotes(text)[-1]
    assert (quote.speaker, quote.confidence) == ("Omar Haddad", CONFIDENCE[SpeakerBasis.RESOLVED])


def test_an_age_nobody_was_given_stays_unnamed() -> None:
    text = (
        "Omar Haddad was questioned. "
        "The 52-year-old said: 'We were only walking home from the market that night.'"
    )
    (quote,) = quotes(text)
    assert quote.speaker != "Omar Haddad"


def test_by_saying_takes_the_clauses_subject() -> None:
    text = (
        "Lena Marsh spoke in Leeds on Friday. She ended the row by saying "
        "'the tariffs will stay until the talks resume'."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Lena Marsh"
    assert quote.cue == "saying"


def test_an_aside_between_dashes_belongs_to_the_subject_before_it() -> None:
    text = (
        "Omar Haddad – who had blamed the port authority for the delays – conceded "
        "the cranes were old. Trade fell."
    )
    conceded = next(q for q in quotes(text) if q.cue == "conceded")
    assert (conceded.speaker, conceded.text) == ("Omar Haddad", "the cranes were old")


def test_an_aside_before_a_passive_cue_gives_no_speaker_from_the_subject() -> None:
    text = (
        "Omar Haddad – a surgeon and television host – has been called a fraud by fellow "
        "doctors for his advice. Trade fell."
    )
    assert all(q.speaker != "Omar Haddad" for q in quotes(text))
