"""Quotation-mark conventions (blocwatch.nlp.quotes.marks): British single marks, the
paragraphs a site ran together, plural possessives, and Penn Treebank marks, checked on
the attributions they give."""

from __future__ import annotations

from blocwatch.model import QuoteKind
from blocwatch.nlp.quotes import find_attributions
from blocwatch.nlp.quotes.marks import _quoted_spans
from blocwatch.nlp.sentences import split_sentences


def contents(text: str) -> list[tuple[str | None, list[str]]]:
    """Each direct quote's source and content pieces (reported speech fails the test)."""
    found = find_attributions(text, split_sentences(text))
    assert all(a.kind is QuoteKind.DIRECT for a in found)
    return [
        (
            text[a.source.start : a.source.end] if a.source else None,
            [text[p.start : p.end] for p in a.content],
        )
        for a in found
    ]


def test_curly_single_quotes_are_a_direct_quote() -> None:
    text = "The port stayed shut. Ellen Shaw said: ‘We will not let the harbour close.’ Trade fell."
    assert contents(text) == [("Ellen Shaw", ["‘We will not let the harbour close.’"])]


def test_straight_single_quotes_with_an_apostrophe_inside() -> None:
    text = (
        "'It's not the first time the ferry has failed,' Mr Doyle told the council. Repairs began."
    )
    assert contents(text) == [("Mr Doyle", ["'It's not the first time the ferry has failed,'"])]


def test_quoted_paragraphs_run_together_continue_the_quote() -> None:
    # A site that joined the paragraphs keeps the convention of opening each quoted
    # paragraph and closing only the last one.
    text = (
        "Ed Marsh said: 'The budget is a disgrace. 'It cuts the schools and the clinics. "
        "'Nobody voted for this.' The vote is on Tuesday."
    )
    ((source, pieces),) = contents(text)
    assert source == "Ed Marsh"
    assert pieces == [
        "'The budget is a disgrace.",
        "'It cuts the schools and the clinics.",
        "'Nobody voted for this.'",
    ]


def test_a_plural_possessive_does_not_close_a_single_quote() -> None:
    text = (
        "Nora Field said: 'The farmers' union will march on the capital next week.' Talks failed."
    )
    assert contents(text) == [
        ("Nora Field", ["'The farmers' union will march on the capital next week.'"])
    ]


def test_a_quote_ending_on_a_plural_closes_before_the_next_quote() -> None:
    text = (
        "He urged people to be 'loyal Scots' and back the plan. He said: 'The plan works for "
        "every family in the country.' Then he left."
    )
    spans = [text[q.start : q.end] for q in _quoted_spans(text)]
    assert spans == ["'loyal Scots'", "'The plan works for every family in the country.'"]


def test_single_marks_inside_double_quotes_are_not_a_quote_of_their_own() -> None:
    text = "\"They called it 'a clean sweep' and left,\" Ana Ruiz said. Nobody else spoke."
    assert contents(text) == [("Ana Ruiz", ["\"They called it 'a clean sweep' and left,\""])]


def test_elisions_and_possessives_alone_make_no_quote() -> None:
    text = "The '90s were hard for the fishermen's co-op and the growers' board, and rock 'n' roll."
    assert _quoted_spans(text) == []


def test_penn_treebank_marks_open_and_close_a_quote() -> None:
    text = (
        "The crash closed the road .\n`` We heard the brakes and then nothing , '' "
        "said Omar Haddad , who lives nearby .\n"
    )
    assert contents(text) == [("Omar Haddad", ["`` We heard the brakes and then nothing , ''"])]
    sentences = [text[s.span.start : s.span.end] for s in split_sentences(text)]
    assert sentences[0] == "The crash closed the road ."


def test_a_clause_after_the_quote_is_not_its_attribution() -> None:
    text = (
        "He said he had few assets. He tried to explain by saying 'we have four children "
        "to raise' - but many pointed out that he is rich."
    )
    found = find_attributions(text, split_sentences(text))
    quoted = next(a for a in found if text[a.content[0].start] == "'")
    assert quoted.cue is not None and text[quoted.cue.start : quoted.cue.end] == "saying"


def test_a_possessive_inside_a_run_together_quote_does_not_end_it() -> None:
    text = (
        "Ed Marsh said: 'It means keeping the bankers' bonus tax for the young. "
        "'It means the jobs of the future.' The vote is on Tuesday."
    )
    ((source, pieces),) = contents(text)
    assert source == "Ed Marsh"
    assert pieces == [
        "'It means keeping the bankers' bonus tax for the young.",
        "'It means the jobs of the future.'",
    ]


def test_a_quote_without_closing_punctuation_is_not_attributed_to_the_next_sentence() -> None:
    text = (
        "Ron Baird shared a cartoon with the caption: 'We must go to the rallies before "
        "it is too late [sic]' Port spokesman Dev Patel said the guards had broken the rules."
    )
    found = find_attributions(text, split_sentences(text))
    said = next(a for a in found if a.cue and text[a.cue.start : a.cue.end] == "said")
    assert said.source is not None and text[said.source.start : said.source.end].endswith(
        "Dev Patel"
    )
    assert [text[p.start : p.end] for p in said.content] == ["the guards had broken the rules"]
