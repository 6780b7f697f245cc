"""Outlet names from the site or its registered domain; titles from the first line."""

from __future__ import annotations

from blocwatch.clean.outlet import outlet_name, title_from_text
from blocwatch.model import MediaType, RawDocument
from blocwatch.stages import clean_document


def test_a_platform_label_or_a_social_page_gives_way_to_the_domain() -> None:
    assert outlet_name("Hosted", "https://www.steppe-ledger.kz/news/1") == "Steppe Ledger"
    assert (
        outlet_name("https://www.facebook.com/EurasiaDesk", "https://eurasia-desk.org/a")
        == "Eurasia Desk"
    )
    assert outlet_name("eurasianet.org", "https://eurasianet.org/a") == "Eurasianet"
    assert outlet_name(None, "https://news.bbc.co.uk/world/1") == "BBC"
    assert outlet_name("The Caspian Herald | World", "https://x.example/a") == "The Caspian Herald"
    assert outlet_name("Hosted", None) is None


def test_a_record_without_title_or_outlet_takes_them_from_its_text_and_url() -> None:
    body = (
        "Armenia and Azerbaijan agreed to resume border talks next month\n\n"
        "The foreign ministers of both countries said in Brussels on Tuesday that the commissions "
        "on delimitation would meet again, after a pause of several months, to work on the "
        "northern section of the border."
    )
    document = RawDocument(
        "feed.jsonl:3",
        body.encode(),
        MediaType.TEXT,
        url="https://www.caucasus-wire.am/politics/77",
    )
    article = clean_document(document)
    assert article.title == "Armenia and Azerbaijan agreed to resume border talks next month"
    assert article.outlet == "Caucasus Wire"


def test_a_long_first_line_is_cut_at_a_word() -> None:
    title = title_from_text("word " * 60)
    assert title is not None and title.endswith(" …") and len(title) <= 142
