from blocwatch.nlp.sentences import sentence_at, split_sentences


def test_spans_slice_the_original_text_exactly() -> None:
    text = "First sentence here.  Second one?\n\nThird, in a new paragraph!"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First sentence here.",
        "Second one?",
        "Third, in a new paragraph!",
    ]
    for s in sentences:
        assert text[s.span.start : s.span.end] == s.text
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "U.S. Secretary of State Antony Blinken met Gen. Smith in St. Petersburg on Jan. 3. Sergei N. Lebedev spoke."
    assert [s.text for s in split_sentences(text)] == [
        "U.S. Secretary of State Antony Blinken met Gen. Smith in St. Petersburg on Jan. 3.",
        "Sergei N. Lebedev spoke.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = '"It was discussed." Lavrov said later. "Yes," he added, "it was."'
    assert [s.text for s in split_sentences(text)] == [
        '"It was discussed."',
        "Lavrov said later.",
        '"Yes," he added, "it was."',
    ]


def test_lower_case_after_a_stop_does_not_split() -> None:
    assert len(split_sentences("The rate rose 2.5 percent. it stayed there.")) == 1


def test_sentence_at_finds_the_containing_sentence() -> None:
    text = "One. Two. Three."
    sentences = split_sentences(text)
    assert sentence_at(sentences, text.index("Two")) == sentences[1]
    assert sentence_at(sentences, len(text) + 5) is None


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("  \n\n  ") == []


def test_quote_in_double_apostrophes_starts_a_new_sentence() -> None:
    text = "Mr. Trump said nothing. ''We must not overreact,'' he told me."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Trump said nothing.",
        "''We must not overreact,'' he told me.",
    ]
