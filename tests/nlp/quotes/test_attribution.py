"""Attribution relations (blocwatch.nlp.quotes.attribution): which words of a sentence are
the source, the cue and the content, for direct quotes, reported speech, fronted sources
and noun cues, checked span by span without a parse."""

from __future__ import annotations

from blocwatch.nlp.quotes import find_attributions
from blocwatch.nlp.sentences import split_sentences


def test_quoted_sentence_after_the_cue_continues_the_quote() -> None:
    text = '"Here he is," she said, clapping. "The Donald is here."\n\nThe crowd cheered.'
    (attribution,) = find_attributions(text, split_sentences(text))
    assert [text[s.start : s.end] for s in attribution.content] == [
        '"Here he is,"',
        '"The Donald is here."',
    ]


def test_attribution_spans_follow_the_corpus_conventions() -> None:
    text = 'Nothing yet. "It was discussed," Russian Foreign Minister Sergey Lavrov said.'
    (attribution,) = find_attributions(text, split_sentences(text))
    assert attribution.source and attribution.cue
    assert text[attribution.source.start : attribution.source.end] == (
        "Russian Foreign Minister Sergey Lavrov"
    )
    assert text[attribution.content[0].start : attribution.content[0].end] == '"It was discussed,"'


def test_reported_speech_interrupted_by_its_cue() -> None:
    text = "The museum, Mr. Obama said, would make visitors face uncomfortable truths."
    (attribution,) = find_attributions(text, split_sentences(text))
    assert [text[s.start : s.end] for s in attribution.content] == [
        "The museum",
        "would make visitors face uncomfortable truths",
    ]


def test_passive_cue_takes_its_source_after_by() -> None:
    text = "The nominee has been endorsed by the Dallas Morning News."
    (attribution,) = find_attributions(text, split_sentences(text))
    assert attribution.source and attribution.cue
    assert text[attribution.source.start : attribution.source.end] == "the Dallas Morning News"
    assert text[attribution.cue.start : attribution.cue.end] == "has been endorsed by"
    assert text[attribution.content[0].start : attribution.content[0].end] == "The nominee"


def test_coordinated_cue_shares_the_source() -> None:
    text = "China said it opposed the test and warned the North to refrain from more tests."
    found = find_attributions(text, split_sentences(text))
    assert [text[a.cue.start : a.cue.end] for a in found if a.cue] == ["said", "warned"]
    assert {text[a.source.start : a.source.end] for a in found if a.source} == {"China"}


def attributions(text: str) -> list[tuple[str | None, str | None, list[str]]]:
    found = find_attributions(text, split_sentences(text))
    return [
        (
            text[a.source.start : a.source.end] if a.source else None,
            text[a.cue.start : a.cue.end] if a.cue else None,
            [text[p.start : p.end] for p in a.content],
        )
        for a in found
    ]


def test_time_phrase_between_source_and_cue_is_left_out_of_the_source() -> None:
    text = "The bank just this month announced it would drop the bonuses."
    assert attributions(text) == [("The bank", "announced", ["it would drop the bonuses"])]


def test_plural_evidence_noun_before_shows_reads_it_as_a_verb() -> None:
    text = "Turnout fell sharply in the north, an analysis of county reports shows."
    ((source, cue, content),) = attributions(text)
    assert (source, cue) == ("an analysis of county reports", "shows")
    assert content == ["Turnout fell sharply in the north"]


def test_apposition_naming_a_role_by_its_place_stays_with_the_source() -> None:
    text = "Jane Roe, Senator of Ohio, said the program had failed its users."
    assert attributions(text) == [
        ("Jane Roe, Senator of Ohio,", "said", ["the program had failed its users"])
    ]


def test_clause_joined_by_and_is_not_an_apposition_of_the_source() -> None:
    text = "The talks went badly, and the meeting ended early, said one aide."
    ((source, cue, _),) = attributions(text)
    assert (source, cue) == ("one aide", "said")


def test_possessive_noun_cue_with_that_clause() -> None:
    text = "The mayor's claim that crime had doubled is false."
    assert attributions(text) == [("The mayor's", "claim", ["that crime had doubled"])]


def test_noun_cue_with_of_takes_the_noun_phrase() -> None:
    text = "The court heard his allegations of fraud in the count."
    assert ("his", "allegations of", ["fraud in the count"]) in attributions(text)


def test_noun_cue_inside_reported_speech_is_a_nested_attribution() -> None:
    text = "The council said her warning that the bridge was unsafe had been ignored."
    found = attributions(text)
    assert ("her", "warning", ["that the bridge was unsafe"]) in found
    assert any(cue == "said" for _, cue, _ in found)


def test_noun_without_owner_or_clause_is_not_a_cue() -> None:
    assert attributions("The claim was filed on Monday by the insurer.") == []


def test_stance_verbs_outside_speech_verbs_are_cues() -> None:
    text = "The senator lamented that the bill had stalled in committee."
    assert attributions(text) == [
        ("The senator", "lamented", ["that the bill had stalled in committee"])
    ]


def test_learning_verb_counts_only_with_a_that_clause() -> None:
    assert attributions("The pupils learned French at the school in Lyon.") == []
    text = "The board learned that the fund had lost money."
    assert attributions(text) == [("The board", "learned", ["that the fund had lost money"])]


def test_continued_introduces_a_quote_but_not_reported_speech() -> None:
    text = "She continued, “The talks are over for now.” Prices continued to rise all week."
    assert attributions(text) == [("She", "continued", ["“The talks are over for now.”"])]


def test_participle_cue_before_a_quote_takes_the_sentence_subject() -> None:
    text = "The mayor defended the plan, saying, “It will pay for itself within years.”"
    assert ("The mayor", "saying", ["“It will pay for itself within years.”"]) in attributions(text)


def test_title_case_headline_ending_with_the_speaker_and_says() -> None:
    text = "Harbour Deal Is Dead, Port Authority Chief Says.\n\nThe talks ended on Friday."
    assert attributions(text)[0] == (
        "Port Authority Chief",
        "Says",
        ["Harbour Deal Is Dead"],
    )


def test_title_case_headline_with_shows() -> None:
    text = "New Survey Shows Narrow Lead For Incumbent.\n\nThe survey was taken last week."
    assert attributions(text)[0] == ("New Survey", "Shows", ["Narrow Lead For Incumbent"])


def test_sentence_opening_with_in_a_poll_takes_the_poll_as_source() -> None:
    text = "In the latest city poll, the mayor leads her rival by four points."
    assert attributions(text) == [
        ("the latest city poll", "In", ["the mayor leads her rival by four points"])
    ]


def test_in_a_statement_with_its_own_cue_keeps_the_cue() -> None:
    text = "In a statement, the ministry said the talks had failed."
    assert attributions(text) == [("the ministry", "said", ["the talks had failed"])]


def test_source_after_by_keeps_a_title_with_its_full_stop() -> None:
    text = "The measures were endorsed by Mr. Obama and his aides."
    ((source, cue, _),) = attributions(text)
    assert (source, cue) == ("Mr. Obama", "were endorsed by")


def test_verb_phrase_before_a_cue_is_not_a_source() -> None:
    text = "Voters should not let editorials tell them how to vote in the election."
    assert attributions(text) == []


def test_as_x_put_it_attributes_the_preceding_content() -> None:
    text = "The plan is dead on arrival, as one senior aide put it."
    assert attributions(text) == [("one senior aide", "put it", ["The plan is dead on arrival"])]


def test_vote_is_a_cue_only_with_for_or_against() -> None:
    text = "The senator voted against the bill. Most people voted early."
    assert attributions(text) == [("The senator", "voted against", ["the bill"])]


def test_content_stops_before_but_with_a_new_predicate() -> None:
    text = "The director criticised the minister for the delay but did not call for a resignation."
    assert attributions(text) == [("The director", "criticised", ["the minister for the delay"])]


def test_participle_cue_with_an_adverb_splits_off_its_own_content() -> None:
    text = "The coach complained about the referee, even suggesting the match had been fixed."
    assert attributions(text) == [
        ("The coach", "complained about", ["the referee"]),
        ("The coach", "even suggesting", ["the match had been fixed"]),
    ]


def test_fronted_phrase_after_that_keeps_its_relative_clause() -> None:
    text = "The audit found that in two districts, which vote early, ballots were lost."
    ((_, _, content),) = attributions(text)
    assert content == ["that in two districts, which vote early, ballots were lost"]


def test_sentence_adverb_is_not_a_source() -> None:
    text = "Now has backed the proposal to widen the road."
    assert attributions(text) == []


def test_relative_that_after_plan_is_not_a_noun_cue() -> None:
    text = "Voters want his plan that matches the rhetoric of the campaign."
    assert not any(cue == "plan" for _, cue, _ in attributions(text))


def test_source_after_the_cue_may_open_with_a_slashed_date() -> None:
    text = "“The reasons do not hold. They are wrong,” said 9/11 widow Jane Roe."
    ((source, cue, _),) = attributions(text)
    assert (source, cue) == ("9/11 widow Jane Roe", "said")


def test_quote_after_a_new_cue_does_not_continue_the_earlier_speaker() -> None:
    text = (
        '"We will not follow a script on this," Renzi said after the talks. '
        'The summit did "too little," he added. "Europe risks a lot without change."'
    )
    found = attributions(text)
    assert found[0] == ("Renzi", "said", ['"We will not follow a script on this,"'])
    assert found[1][:2] == ("he", "added")


def test_chanted_and_reads_introduce_quotes_only() -> None:
    text = (
        'Protesters chanted "What curfew?" as they marched. '
        'The letter reads, "We see hope for our children here." The choir sang at noon.'
    )
    assert attributions(text) == [
        ("Protesters", "chanted", ['"What curfew?"']),
        ("The letter", "reads", ['"We see hope for our children here."']),
    ]


def test_noun_phrase_content_stops_before_a_time_phrase() -> None:
    text = "The union endorsed the governor on Thursday at its annual meeting."
    assert attributions(text) == [("The union", "endorsed", ["the governor"])]


def test_fronted_prepositional_phrase_is_not_content() -> None:
    text = "During the primary race, the senator enjoyed support among older voters."
    assert attributions(text) == []


def test_name_followed_by_a_past_tense_verb_ends_the_source() -> None:
    text = "Despite the storm, Mrs. Roe enjoyed tremendous support in the north."
    assert attributions(text) == []


def test_year_between_relative_pronoun_and_cue_is_not_the_source() -> None:
    text = "She met the leader, who in 2010 said the party's goal was to win twice."
    ((source, cue, content),) = attributions(text)
    assert (source, cue, content) == ("who", "said", ["the party's goal was to win twice"])


def test_parenthetical_after_an_inverted_source_is_allowed() -> None:
    text = "Using the tax ''is a misguided approach,'' said Mr. Roe (a view echoed by others)."
    ((source, cue, _),) = attributions(text)
    assert (source, cue) == ("Mr. Roe", "said")


def test_reduced_relative_clause_stays_in_the_source() -> None:
    text = "All the experts I interviewed said the plan was more detailed."
    ((source, _, _),) = attributions(text)
    assert source == "All the experts I interviewed"


def test_appositions_naming_a_state_or_an_owner_stay_with_the_source() -> None:
    text = "Jo Roe, of Springfield, Va., said he had served in the navy for years."
    assert attributions(text)[0][0] == "Jo Roe, of Springfield, Va.,"
    text = "China, Pyongyang's only ally, said it was opposed to the test."
    assert attributions(text)[0][0] == "China, Pyongyang's only ally,"


def test_know_takes_a_wh_clause_but_not_a_bare_object() -> None:
    text = "Voters should know what those questions are about. I knew him well."
    assert attributions(text) == [("Voters", "should know", ["what those questions are about"])]


def test_told_listener_then_a_clause_without_that() -> None:
    text = "The president told voters this weekend he would consider it an insult."
    assert attributions(text) == [("The president", "told", ["he would consider it an insult"])]


def test_cue_inside_a_fronted_with_phrase_ends_at_its_comma() -> None:
    text = "With party leaders increasingly worried about low turnout, the mayor is changing tack."
    assert attributions(text) == [("party leaders", "increasingly worried about", ["low turnout"])]


def test_phrasal_stance_cues() -> None:
    text = "The governor took aim at the new budget plan."
    assert attributions(text) == [("The governor", "took aim at", ["the new budget plan"])]
    text = "The envoy made the case that the treaty protects both sides."
    assert attributions(text) == [
        ("The envoy", "made the case", ["that the treaty protects both sides"])
    ]


def test_support_and_question_phrases_are_cues() -> None:
    text = "The union threw its support behind the mayor's housing plan."
    assert attributions(text) == [
        ("The union", "threw its support behind", ["the mayor's housing plan"])
    ]


def test_speak_counts_only_with_its_preposition() -> None:
    text = "The senator spoke to a crowd of farmers. She spoke of a hard winter ahead."
    assert attributions(text) == [("She", "spoke of", ["a hard winter ahead"])]


def test_no_reply_to_requests_for_comment_is_not_an_attribution() -> None:
    text = "A lawyer for the firm did not immediately respond to requests for comment."
    assert attributions(text) == []


def test_long_according_to_source_opening_the_sentence() -> None:
    text = (
        "According to a civil complaint filed by the federal regulator and a second "
        "complaint filed by the state of Vermont, the developers ran a fraudulent scheme."
    )
    ((_, cue, content),) = attributions(text)
    assert cue == "According to"
    assert content == ["the developers ran a fraudulent scheme"]


def test_fronted_as_clause_attributes_the_rest_of_the_sentence() -> None:
    text = "As many experts, including Ms. Roe, have pointed out, the rule is unlawful."
    assert attributions(text) == [
        ("many experts, including Ms. Roe,", "have pointed out", ["the rule is unlawful"])
    ]
    assert attributions("As the storm passed, the town was calm again.") == []


def test_transcript_turn_runs_over_the_speakers_next_paragraphs() -> None:
    text = (
        "Transcript.\n\nHOST: Will she be at the debate?\n\n"
        "GUEST: No, she will not attend.\n\nThe point is the issues.\n\n(CROSSTALK.)\n\n"
        "HOST: Thank you."
    )
    found = attributions(text)
    assert ("GUEST", ":", ["No, she will not attend.", "The point is the issues."]) in found
    assert ("HOST", ":", ["Thank you."]) in found


def test_participle_inside_the_source_does_not_end_it() -> None:
    text = "Donations hit a record in August, an analysis of newly filed reports shows."
    ((source, cue, _),) = attributions(text)
    assert (source, cue) == ("an analysis of newly filed reports", "shows")


def test_in_an_interview_takes_the_clause_subject_as_source() -> None:
    text = "In an interview with a radio host, Ham made it clear he had misgivings."
    assert attributions(text) == [("Ham", "In", ["Ham made it clear he had misgivings"])]
    assert attributions("In an official statement, the rebel movement...") == []


def test_according_to_between_cue_and_that_clause() -> None:
    text = "At a summit in Minsk, he said, according to the ministry, that ties had grown."
    assert attributions(text) == [("he", "said", ["that ties had grown"])]
