"""Each kind of page furniture is removed from plain-text pages, and the article stays."""

from __future__ import annotations

import pytest

from blocwatch.clean import FurnitureIndex, clean_text
from blocwatch.clean.furniture import (
    furniture_reason,
    is_title_case_teaser,
    notice_kind,
    tail_cut,
)

HEADLINE = "Ministers of the bloc agree on a new customs plan in Tashkent"
BODY = (
    "Foreign ministers from five countries met in Tashkent on Friday and agreed on a plan "
    "to simplify customs checks along their shared borders, officials said.\n\n"
    "The plan still needs the approval of each national parliament, and the ministers said "
    "they expected the first checkpoints to change their rules next spring."
)


def page(*, before: str = "", after: str = "") -> str:
    return f"{before}\n\n{HEADLINE}\n\n{BODY}\n\n{after}"


def cleaned(text: str) -> str:
    return clean_text(text, source="test.txt").text


def test_article_sentences_are_all_kept() -> None:
    text = cleaned(page())
    assert "Foreign ministers from five countries met in Tashkent" in text
    assert text.endswith("to change their rules next spring.")


def test_breadcrumb_navigation_is_removed() -> None:
    text = cleaned(page(before="You are here: Home » World » Asia"))
    assert "You are here" not in text


def test_share_and_summary_widgets_are_removed() -> None:
    text = cleaned(page(before="No time to read?\nGet a summary", after="Share this article"))
    assert "No time to read" not in text
    assert "Get a summary" not in text
    assert "Share this article" not in text


def test_previous_next_block_and_teasers_after_it_are_removed() -> None:
    after = (
        "Previous Article\n\nFlood warnings issued along the river\n\n"
        "Next Article\n\nNew bridge opens"
    )
    text = cleaned(page(after=after))
    assert "Previous Article" not in text
    assert "Flood warnings" not in text
    assert "New bridge opens" not in text


def test_sponsor_blocks_and_template_scraps_are_removed() -> None:
    text = cleaned(page(after="- Sponsor -spot_img\n- Sponsor -spot_img"))
    assert "Sponsor" not in text
    assert "spot_img" not in text


def test_top_stories_list_is_removed() -> None:
    after = (
        "Week's Top Stories\n\nMore In This Category\n\nHarbour strike ends after two weeks\n\n"
        "Dockworkers returned to work on Monday after..."
    )
    text = cleaned(page(after=after))
    assert "Top Stories" not in text
    assert "Harbour strike" not in text


def test_subscription_plea_is_removed() -> None:
    after = (
        "Dear Reader,\n\nThe Daily Courier has always tried to bring you reliable news.\n"
        "We, however, have a request.\n\nSupport quality journalism and subscribe.\n\n"
        "Digital Editor"
    )
    text = cleaned(page(after=after))
    assert "Dear Reader" not in text
    assert "always tried" not in text
    assert "Digital Editor" not in text


def test_author_bio_before_the_page_tail_is_removed() -> None:
    after = (
        "Jane Roe is a freelance journalist covering Central Asia.\n"
        "- Sponsor -\n\nMore In This Category\n\nSome teaser"
    )
    text = cleaned(page(after=after))
    assert "Jane Roe" not in text


def test_photo_credits_are_removed() -> None:
    text = cleaned(page(after="Photo: Ministry of Foreign Affairs"))
    assert "Photo:" not in text


def test_source_site_scraps_are_removed() -> None:
    text = cleaned(page(after=".\nsource site-12"))
    assert "site-12" not in text


def test_rubric_line_and_tag_list_are_removed() -> None:
    before = "Regional Trade\n\nTrade | Customs | Central Asia"
    text = cleaned(f"{HEADLINE}\n\n{before}\n\n{BODY}")
    assert "Regional Trade" not in text
    assert "Customs |" not in text


def test_repeated_headline_is_removed_and_title_taken_once() -> None:
    result = clean_text(f"{HEADLINE}\n\n{HEADLINE}\n\n{BODY}", source="test.txt")
    assert result.title == HEADLINE
    assert HEADLINE not in result.text


def test_headline_split_into_kicker_and_title_is_removed() -> None:
    top = "Customs plan: ministers agree in Tashkent\n\nCustoms plan\nMinisters agree in Tashkent"
    text = f"{top}\n\n{BODY}"
    result = clean_text(text, source="test.txt")
    assert result.title == "Customs plan: ministers agree in Tashkent"
    assert not result.text.startswith("Customs plan")


def test_outlet_name_above_the_headline_is_taken_as_outlet() -> None:
    result = clean_text(
        page(before="The Daily Courier", after="Subscribe to The Daily Courier"), source="t"
    )
    assert result.outlet == "The Daily Courier"
    assert result.title == HEADLINE


def test_calls_to_action_are_removed() -> None:
    text = cleaned(
        page(after="Sign up for our free daily newsletter to get the news in your inbox.")
    )
    assert "newsletter" not in text


@pytest.mark.parametrize(
    "line",
    ["Read more: Ministers meet again next week", "Related: Ten facts about the border"],
)
def test_read_more_teasers_are_furniture(line: str) -> None:
    assert furniture_reason(line) == "teaser"


def test_a_sentence_mentioning_a_sign_up_is_not_furniture() -> None:
    line = "Officials said thousands of traders had signed up for the new scheme by March."
    assert furniture_reason(line) is None


def test_table_rows_are_not_tag_lists() -> None:
    assert furniture_reason("| 1 | Kazakhstan | 45 | 12 |") is None


def test_sentence_is_not_a_title_case_teaser() -> None:
    assert not is_title_case_teaser("The Ministers Met In Tashkent.")
    assert is_title_case_teaser('GSV "Central Asia - Dialogue Forum"')


def test_tail_marker_near_the_top_does_not_swallow_the_article() -> None:
    lines = ["Next Article", *BODY.split("\n\n")]
    assert tail_cut(lines) == len(lines)


def test_recurring_outlet_lines_are_learned_as_furniture() -> None:
    index = FurnitureIndex(min_pages=3)
    for number in range(4):
        index.add("courier", f"Story {number} text\nFollow the Courier for regional news daily")
    assert index.is_furniture("courier", "Follow the Courier for regional news daily")
    assert not index.is_furniture("courier", "Story 1 text")
    assert not index.is_furniture("other", "Follow the Courier for regional news daily")


def test_furniture_index_is_used_by_clean_text() -> None:
    index = FurnitureIndex(min_pages=2)
    boilerplate = "Our correspondents report from twelve capitals every single day of the year"
    for _ in range(3):
        index.add(None, boilerplate)
    text = clean_text(page(after=boilerplate), source="t", furniture=index).text
    assert boilerplate not in text


def test_a_sentence_about_subscribers_is_not_a_call_to_action() -> None:
    assert furniture_reason("Users who subscribe to the service pay five dollars a month.") is None


def test_sub_heading_between_paragraphs_is_kept() -> None:
    first, second = BODY.split("\n\n")
    text = cleaned(f"{HEADLINE}\n\n{first}\n\nWhat Comes Next\n\n{second}")
    assert "What Comes Next" in text


def test_story_line_saying_what_a_fund_covers_is_not_an_author_bio() -> None:
    after = (
        "The fund covers repairs for up to two hundred homes along the river.\n"
        "More In This Category\n\nSome teaser"
    )
    text = cleaned(page(after=after))
    assert text.endswith("The fund covers repairs for up to two hundred homes along the river.")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("To continue reading, subscribe or log in.", "paywall"),
        ("You have reached your limit of free articles this month.", "paywall"),
        ("Copyright 2024 The Courier. All rights reserved.", "copyright"),
        ("For reprints and permissions, contact our licensing desk.", "reprint"),
        (
            "This material may not be published, broadcast, rewritten or redistributed.",
            "reprint",
        ),
    ],
)
def test_paywall_copyright_and_reprint_notices_are_furniture(line: str, kind: str) -> None:
    assert notice_kind(line) == kind
    assert furniture_reason(line) == "notice"
    assert line not in cleaned(page(after=line))


def test_deal_giving_unlimited_access_is_not_a_paywall() -> None:
    line = "The deal gives the navy unlimited access to the port for ten years, officials said."
    assert notice_kind(line) is None


def test_bio_without_a_verb_that_names_the_writers_school_is_removed() -> None:
    after = (
        "Former harbour pilot and Maritime College alumni. Covering shipping and ports.\n"
        "More In This Category\n\nSome teaser"
    )
    assert "Maritime College" not in cleaned(page(after=after))
