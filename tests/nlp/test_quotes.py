import pytest

from blocwatch.model import ActorKind, QuoteKind
from blocwatch.nlp.quotes import extract_quotes, find_attributions
from blocwatch.nlp.sentences import split_sentences
from tests.factories import mention_of as mention
from tests.factories import parsed_quotes as quotes


def test_direct_quote_in_straight_marks_with_speaker_after() -> None:
    (quote,) = quotes('"The bonds play a positive role by and large," Putin said.')
    assert (quote.text, quote.speaker, quote.cue) == (
        "The bonds play a positive role by and large,",
        "Putin",
        "said",
    )
    assert quote.kind is QuoteKind.DIRECT


def test_direct_quote_in_curly_marks_with_cue_before_the_speaker() -> None:
    text = "“The mood for strengthening relations was confirmed,” said the Kremlin after the call."
    (quote,) = quotes(text)
    assert quote.speaker == "Kremlin"
    assert quote.text.startswith("The mood")


def test_direct_quote_in_guillemets_with_speaker_before() -> None:
    (quote,) = quotes("Lavrov told reporters: «We talked about the South Caucasus.»")
    assert (quote.speaker, quote.text) == ("Lavrov", "We talked about the South Caucasus.")


def test_quote_running_over_paragraphs_without_reopening_marks() -> None:
    text = (
        "Russian Foreign Minister Lavrov then went on to say:\n\n"
        "“As for other decisions, we reviewed the course of coordination.\n\n"
        "We decided to detail two areas of our cooperation.”\n\nThe meeting ended."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Lavrov"
    assert quote.text.startswith("As for other decisions")
    assert quote.text.endswith("two areas of our cooperation.")


def test_quote_running_over_paragraphs_with_reopening_marks() -> None:
    text = (
        'Lavrov said: "We reviewed the course of coordination.\n\n'
        '"We decided to detail two areas of our cooperation."\n\nThe meeting ended.'
    )
    (quote,) = quotes(text)
    assert quote.text.endswith("two areas of our cooperation.")


def test_interrupted_quote_gives_two_pieces_with_one_speaker() -> None:
    text = '"Yes," Lavrov said, "it was discussed in a narrow composition."'
    found = quotes(text)
    assert [q.text for q in found] == ["Yes,", "it was discussed in a narrow composition."]
    assert {q.speaker for q in found} == {"Lavrov"}
    (attribution,) = find_attributions(text, split_sentences(text))
    assert len(attribution.content) == 2


def test_scare_quotes_are_not_direct_quotes() -> None:
    text = 'The ministers discussed "promising areas" of cooperation.'
    assert [q for q in quotes(text) if q.kind is QuoteKind.DIRECT] == []


def test_reported_speech_with_that() -> None:
    (quote,) = quotes("Lavrov reiterated that the visits aim to disrupt relations.")
    assert (quote.speaker, quote.cue, quote.kind) == ("Lavrov", "reiterated", QuoteKind.INDIRECT)
    assert quote.text == "that the visits aim to disrupt relations"


def test_reported_speech_argued_and_told_reporters() -> None:
    text = (
        "Sergei Lebedev argued that Washington wants to weaken the bloc. "
        "Pashinyan told reporters that Russia is a strategic partner."
    )
    found = quotes(text)
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("Sergei Lebedev", "argued", "that Washington wants to weaken the bloc"),
        ("Pashinyan", "told", "that Russia is a strategic partner"),
    ]


def test_according_to_before_and_after_the_content() -> None:
    text = (
        "According to Lebedev, the nations are aware of this pressure. "
        "The troops will return to their bases, according to the Defence Ministry."
    )
    found = quotes(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("Lebedev", "the nations are aware of this pressure"),
        ("Defence Ministry", "The troops will return to their bases"),
    ]


def test_content_before_the_speaker_and_cue() -> None:
    (quote,) = quotes("The talks will resume next week, officials said.")
    assert (quote.speaker, quote.text) == ("officials", "The talks will resume next week")


def test_emphasized_takes_a_noun_phrase() -> None:
    text = "Lebedev spoke in Minsk. He emphasized the importance of collective action."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.text) == ("Lebedev", "the importance of collective action")


def test_pronoun_resolves_to_the_subject_of_the_previous_sentence() -> None:
    text = (
        "Sergei Lebedev expressed concerns about statements from Antony Blinken. "
        "He argued that Washington wants to weaken the bloc."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Sergei Lebedev"


def test_pronoun_resolves_to_the_last_person_mention() -> None:
    text = "Lebedev met Blinken in May. He said that the bloc would hold."
    mentions = [
        mention(text, "Lebedev", "person:sergei-lebedev", ActorKind.PERSON),
        mention(text, "Blinken", "person:antony-blinken", ActorKind.PERSON),
    ]
    (quote,) = quotes(text, mentions)
    assert (quote.speaker, quote.speaker_actor_id) == ("Lebedev", "person:sergei-lebedev")


def test_role_resolves_to_the_person_who_holds_it() -> None:
    text = (
        "Russian Foreign Minister Lavrov arrived on Friday. The most interesting comments "
        "made by the Russian Foreign Minister concerned Ukraine: “We described the situation.”"
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Lavrov"


def test_role_resolves_through_mentions_to_the_actor() -> None:
    text = "Lavrov arrived in Dushanbe. The minister said that the talks went well."
    mentions = [
        mention(text, "Lavrov", "person:sergey-lavrov", ActorKind.PERSON, "foreign minister")
    ]
    (quote,) = quotes(text, mentions)
    assert (quote.speaker, quote.speaker_actor_id) == ("Lavrov", "person:sergey-lavrov")


def test_speaker_actor_comes_from_the_overlapping_mention() -> None:
    text = '"We support Armenia," said the Armenian Foreign Ministry after the meeting.'
    mentions = [mention(text, "Armenian Foreign Ministry", "ARM", ActorKind.STATE)]
    (quote,) = quotes(text, mentions)
    assert (quote.speaker, quote.speaker_actor_id) == ("Armenian Foreign Ministry", "ARM")


def test_speaker_named_with_title_and_apposition() -> None:
    text = (
        '"Attention will be paid to security," Alexei Zaitsev, the deputy director of the '
        "press department, had said in Moscow."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.cue) == ("Alexei Zaitsev", "had said")


def test_evidence_points_at_the_content_without_marks() -> None:
    text = 'Nothing yet. "It was discussed," Lavrov said.'
    (quote,) = quotes(text)
    assert quote.evidence.sentence_index == 1
    assert text[quote.evidence.span.start : quote.evidence.span.end] == "It was discussed,"


def test_aside_with_as_names_the_source() -> None:
    (quote,) = quotes("It does not answer whether he had a gun, as police have said.")
    assert (quote.speaker, quote.cue, quote.text) == (
        "police",
        "have said",
        "It does not answer whether he had a gun",
    )


def test_content_of_a_cue_in_a_subordinate_clause_ends_at_its_comma() -> None:
    text = "While his advisers have suggested he is a convert, Mr. Obama is also determined."
    (quote,) = quotes(text)
    assert quote.text == "he is a convert"


def test_relative_pronoun_source_resolves_to_the_name_before_it() -> None:
    (quote,) = quotes("It is risky for Senator Ted Cruz, who said he was standing on principle.")
    assert (quote.speaker, quote.text) == ("Ted Cruz", "he was standing on principle")


def test_credit_line_after_a_quote() -> None:
    text = "Readers wrote in.\n“He is someone no sane person would vote for.” ― Adriana Rodarte\n"
    (quote,) = quotes(text)
    assert (quote.speaker, quote.cue) == ("Adriana Rodarte", "―")


def test_transcript_lines_name_their_speakers() -> None:
    text = (
        'Partial transcript:\n\n"WALLACE: Will she be there?\n\n"PENCE: She will not be attending.'
    )
    found = quotes(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("WALLACE", "Will she be there?"),
        ("PENCE", "She will not be attending."),
    ]


def test_headline_naming_its_speaker_is_reported_speech() -> None:
    text = "Lavrov: CIS Countries Recognize US Attempts\n\n12 April\n\nThe ministers met in Minsk."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.cue, quote.text) == (
        "Lavrov",
        ":",
        "CIS Countries Recognize US Attempts",
    )
    assert quote.kind is QuoteKind.INDIRECT


def test_noun_readings_of_cue_words_are_not_cues() -> None:
    text = "The Republican support was solid and the tax plan would mostly benefit the wealthy."
    assert quotes(text) == []


def test_quoted_paragraph_without_a_cue_is_kept_without_a_speaker() -> None:
    text = 'The hall fell silent.\n\n"We are here to stay, whatever the cost may be."\n\nThen it ended.'
    (quote,) = quotes(text)
    assert (quote.speaker, quote.cue, quote.kind) == (None, None, QuoteKind.DIRECT)
    assert quote.text == "We are here to stay, whatever the cost may be."


def test_lead_in_paragraph_ending_with_a_colon_introduces_a_block_quote() -> None:
    text = (
        "The talks ended late.\n\nThe governor added:\n\n"
        "It is typical of the minister. She knows nothing about the port.\n\nThe end."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.cue, quote.kind) == ("governor", "added", QuoteKind.DIRECT)
    assert quote.text == "It is typical of the minister. She knows nothing about the port."


def test_curly_quotes_nest_inside_a_quote() -> None:
    text = "“I’d rather live in what he calls “hell” than live under him.” ― Ana Roe\n"
    (quote,) = quotes(text)
    assert quote.speaker == "Ana Roe"
    assert quote.text == "I’d rather live in what he calls “hell” than live under him."


def test_closing_mark_opening_a_line_is_read_as_an_opening_mark() -> None:
    text = "Readers wrote in.\n”Fear. I am truly afraid of what comes next.” ― Ed Roe\n"
    (quote,) = quotes(text)
    assert (quote.speaker, quote.text) == ("Ed Roe", "Fear. I am truly afraid of what comes next.")


def test_credit_lines_on_consecutive_lines_keep_their_own_speakers() -> None:
    text = (
        "“The debate showed who he is. He cannot lead.” ― Ana Roe\n"
        "“We are hard working people from an ancient culture.” ― Ed Roe\n"
    )
    assert [q.speaker for q in quotes(text)] == ["Ana Roe", "Ed Roe"]


def test_as_right_before_the_cue_does_not_break_the_source_span() -> None:
    text = (
        "“He has no immunity by virtue of his position,” said one legal expert, "
        "as reported by the Independent newspaper."
    )
    quotes = extract_quotes("a", text, split_sentences(text))
    assert [q.text for q in quotes if q.kind is QuoteKind.DIRECT] == [
        "He has no immunity by virtue of his position,"
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Kremlin on Thursday said that the talks had been useful and would continue.",
            "Kremlin",
        ),
        (
            "Ukraine's Foreign Ministry nevertheless said that the trip was a wrong choice.",
            "Ukraine's Foreign Ministry",
        ),
    ],
)
def test_time_words_between_speaker_and_cue_are_not_part_of_the_name(
    sentence: str, speaker: str
) -> None:
    [quote] = quotes(sentence)
    assert quote.speaker == speaker
