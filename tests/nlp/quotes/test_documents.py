"""A document as the speaker (blocwatch.nlp.quotes.documents): who issued the statement,
report or study that 'said' or 'found' something."""

from __future__ import annotations

import pytest

from blocwatch.nlp.quotes import SpeakerBasis
from blocwatch.nlp.quotes.speakers import CONFIDENCE
from tests.factories import parsed_quotes as quotes


@pytest.mark.parametrize(
    "text",
    [
        "A statement from the Interior Ministry said that the border would reopen on Monday.",
        "The Interior Ministry's statement said that the border would reopen on Monday.",
    ],
)
def test_a_document_speaks_for_its_named_author(text: str) -> None:
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == (
        "Interior Ministry",
        CONFIDENCE[SpeakerBasis.NAMED],
    )


def test_the_statement_points_back_to_whoever_issued_it() -> None:
    text = (
        "Baltic Freight issued a statement on Tuesday. "
        "“We are devastated by the loss of our colleague,” the statement said."
    )
    (quote,) = quotes(text)
    assert (quote.speaker, quote.confidence) == (
        "Baltic Freight",
        CONFIDENCE[SpeakerBasis.RESOLVED],
    )


def test_a_document_introduced_inside_a_prepositional_phrase() -> None:
    text = (
        "The Red Cross set out its figures in a report on Monday. "
        "The report found that attacks on clinics had doubled."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "Red Cross"


@pytest.mark.parametrize("document", ["Another report", "A separate report"])
def test_a_new_document_is_not_the_one_named_before(document: str) -> None:
    text = (
        "The Red Cross published its annual report on Monday. "
        f"{document} found that attacks on clinics had doubled."
    )
    (quote,) = quotes(text)
    assert quote.speaker != "Red Cross"


def test_a_document_too_far_back_is_not_picked_up() -> None:
    text = (
        "The Red Cross published its annual report on Monday. The harbour was closed. "
        "Ships waited offshore. Fuel ran short in the north. Schools shut early. "
        "The report found that attacks on clinics had doubled."
    )
    (quote,) = quotes(text)
    assert quote.speaker != "Red Cross"
