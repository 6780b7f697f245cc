"""Plain-text pages: title, body and metadata; pages that are all furniture are refused."""

from __future__ import annotations

import pytest

from blocwatch.clean import clean_text
from blocwatch.errors import ExtractionError

BODY = (
    "Foreign ministers from five countries met in Tashkent and agreed on a plan to simplify "
    "customs checks along their shared borders, officials said on Friday evening."
)


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    result = clean_text(f"Ministers agree on customs plan\n\n{BODY}\n{BODY}", source="t.txt")
    assert result.text == f"{BODY}\n\n{BODY}"


def test_page_that_is_all_furniture_is_refused() -> None:
    page = "You are here: Home » World\nNo time to read?\nGet a summary\nShare this article"
    with pytest.raises(ExtractionError, match="furniture") as caught:
        clean_text(page, source="widgets.txt")
    assert caught.value.source == "widgets.txt"


def test_list_of_headlines_is_refused() -> None:
    page = "\n".join(f"Ministers meet in capital number {n} to discuss trade" for n in range(20))
    with pytest.raises(ExtractionError, match=r"section front|no article"):
        clean_text(page, source="front.txt")


def test_empty_text_is_refused() -> None:
    with pytest.raises(ExtractionError, match="empty"):
        clean_text(" \n\n ", source="blank.txt")


def test_language_of_the_body_is_detected() -> None:
    german = (
        "Die Außenminister aus fünf Ländern trafen sich am Freitag in Taschkent und einigten "
        "sich auf einen Plan, die Zollkontrollen an ihren gemeinsamen Grenzen zu vereinfachen."
    )
    result = clean_text(f"Minister einigen sich auf Zollplan\n\n{german}", source="de.txt")
    assert result.language == "de"


def test_language_is_not_guessed_from_a_few_letters() -> None:
    from blocwatch.clean.language import detect_language

    assert detect_language("OK 2024") is None


def test_a_body_without_a_headline_line_is_an_article_without_a_title() -> None:
    body = (
        "Foreign ministers of the Shanghai Cooperation Organisation met in Astana on Friday and agreed a plan "
        "for closer cooperation on transport corridors, customs and energy, according to a joint statement "
        "released after the talks. The ministers also discussed the situation in Afghanistan and the "
        "preparations for the leaders' summit later in the summer."
    )
    result = clean_text(body)
    assert result.title is None
    assert result.text == body


def test_two_sentence_brief_is_kept_with_a_low_confidence_flag() -> None:
    page = "Barn fire on County Road 12\n\nA barn burned on County Road 12 on Sunday.\nNo one was hurt."
    result = clean_text(page, source="brief.txt")
    assert result.text == "A barn burned on County Road 12 on Sunday.\n\nNo one was hurt."
    assert result.low_confidence is not None


def test_prose_that_mentions_publishing_is_not_a_reprint_notice() -> None:
    line = (
        "The inquiry's report may not be published until the election is over, "
        "the minister told reporters on Thursday after meeting the families of the victims."
    )
    page = f"Inquiry report delayed\n\n{line}\n{BODY}"
    assert "may not be published" in clean_text(page, source="r.txt").text


def test_a_record_without_a_title_keeps_its_prose_above_a_closing_caption() -> None:
    paragraphs = [
        "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met in "
        "Brussels on Tuesday evening for talks hosted by the president of the European Council, "
        "their first meeting since the spring.",
        "The two leaders agreed that their deputy prime ministers would meet within a month to "
        "continue drafting a map of the shared border, according to a statement released after "
        "the talks ended late at night.",
        "Both sides also discussed the reopening of transport links across the region and the "
        "release of detainees, the statement said, without giving further details on either topic.",
    ]
    caption = "Pashinyan and Aliyev before the talks in Brussels"
    result = clean_text("\n\n".join([*paragraphs, caption]), source="wire.jsonl:4")
    assert result.title is None
    assert all(p in result.text for p in paragraphs)
