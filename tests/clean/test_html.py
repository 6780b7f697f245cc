"""HTML pages: body, title, outlet, agency; pages without an article are refused with a reason."""

from __future__ import annotations

import pytest

from blocwatch.clean import clean_html
from blocwatch.errors import ExtractionError

BODY = (
    "Foreign ministers from five countries met in Tashkent and agreed on a plan to simplify "
    "customs checks along their shared borders, officials said on Friday evening."
)


def article_page(*, extra: str = "") -> str:
    paragraphs = "".join(f"<p>{BODY} Paragraph {n} adds detail.</p>" for n in range(3))
    return (
        "<html><head><title>Ministers agree on customs plan | The Courier</title>"
        '<meta property="og:site_name" content="The Courier">'
        '<meta property="og:title" content="Ministers agree on customs plan"></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>Ministers agree on customs plan</h1>{paragraphs}{extra}</article>"
        '<aside><h3>Most read</h3><a href="/x">Flood warnings along the river</a></aside>'
        "<footer>Copyright The Courier</footer></body></html>"
    )


def test_body_title_and_outlet_come_from_the_page() -> None:
    result = clean_html(article_page(), url="https://courier.example/a", source="a.html")
    assert result.title == "Ministers agree on customs plan"
    assert result.outlet == "The Courier"
    assert result.url == "https://courier.example/a"
    assert result.language == "en"
    assert result.text.count("Foreign ministers from five countries") == 3
    assert "\n\n" in result.text
    assert "Flood warnings" not in result.text
    assert "Home" not in result.text


def test_agency_credit_paragraph_becomes_metadata() -> None:
    result = clean_html(article_page(extra="<p>(With inputs from Reuters)</p>"), source="a.html")
    assert result.origin_agency == ("Reuters",)
    assert "With inputs" not in result.text


def test_newsletter_plea_inside_the_article_is_removed() -> None:
    extra = "<p>Sign up for our free daily newsletter to get the news in your inbox.</p>"
    result = clean_html(article_page(extra=extra), source="a.html")
    assert "newsletter" not in result.text


def test_empty_page_is_refused() -> None:
    with pytest.raises(ExtractionError, match="empty"):
        clean_html("   ", source="empty.html")


def test_error_page_is_refused_with_its_title() -> None:
    page = (
        "<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
        "<p>Sorry, the page you were looking for does not exist. Try the search box.</p>"
        "</body></html>"
    )
    with pytest.raises(ExtractionError, match="error page") as caught:
        clean_html(page, source="missing.html")
    assert caught.value.source == "missing.html"


def test_article_with_error_in_its_title_is_not_refused() -> None:
    page = article_page().replace("Ministers agree on customs plan", "Pilot error blamed")
    assert clean_html(page, source="a.html").title == "Pilot error blamed"


def test_section_front_is_refused() -> None:
    links = "".join(
        f'<li><a href="/a{n}">Ministers meet in capital number {n} to discuss trade</a></li>'
        for n in range(30)
    )
    page = (
        f"<html><head><title>World</title></head><body><h1>World</h1><ul>{links}</ul></body></html>"
    )
    with pytest.raises(ExtractionError, match="section front"):
        clean_html(page, source="world.html")


def test_truncated_page_without_article_is_refused() -> None:
    page = '<html><head><title>Ministers agree</title></head><body><nav><a href="/">Home</a><div cl'
    with pytest.raises(ExtractionError, match="truncated"):
        clean_html(page, source="cut.html")


def test_truncated_page_keeps_the_article_it_still_holds() -> None:
    page = article_page()
    cut = page[: page.index("<aside>")]
    assert "Foreign ministers" in clean_html(cut, source="cut.html").text


def test_page_that_is_not_html_at_all_is_refused() -> None:
    with pytest.raises(ExtractionError):
        clean_html("\x00\x01 <<<>>> &&&", source="junk.html")


def test_page_heading_repeated_as_first_line_is_removed() -> None:
    page = article_page().replace(
        "<h1>Ministers agree on customs plan</h1>", "<h1>Five ministers sign a customs deal</h1>"
    )
    text = clean_html(page, source="a.html").text
    assert not text.startswith("Five ministers sign")


def test_related_links_heading_and_its_list_are_removed() -> None:
    extra = (
        "<p>Related:</p><ul><li>Border Talks Resume In Almaty</li>"
        "<li>Photos: The New Checkpoint At Dostyk</li></ul>"
    )
    text = clean_html(article_page(extra=extra), source="a.html").text
    assert "Border Talks" not in text
    assert "Dostyk" not in text


def test_html_fragment_without_a_page_around_it_is_cleaned() -> None:
    fragment = f"<p>{BODY}</p><p>{BODY}</p>"
    assert clean_html(fragment, source="f.html").text == f"{BODY}\n\n{BODY}"


def test_text_without_markup_is_refused_as_not_html() -> None:
    with pytest.raises(ExtractionError, match="not HTML"):
        clean_html(f"{BODY} {BODY}", source="plain.html")


def local_page(body: str) -> str:
    """A local news page: a long menu of links around a short story."""
    menu = "".join(
        f'<li><a href="/s{n}">Town council story number {n} about the budget</a></li>'
        for n in range(20)
    )
    return (
        "<html><head><title>Elm Street closed | Valley Gazette</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><article><h1>Elm Street closed</h1>{body}</article>"
        "</body></html>"
    )


def test_short_brief_is_kept_with_a_low_confidence_flag() -> None:
    body = (
        "<p>A water main broke on Elm Street on Tuesday.</p>"
        "<p>Crews expect to finish repairs by noon.</p>"
    )
    result = clean_html(local_page(body), source="brief.html")
    assert result.text == (
        "A water main broke on Elm Street on Tuesday.\n\nCrews expect to finish repairs by noon."
    )
    assert result.low_confidence is not None
    assert "16 words" in result.low_confidence


def test_ordinary_article_has_no_low_confidence_flag() -> None:
    assert clean_html(article_page(), source="a.html").low_confidence is None


def test_paywall_and_copyright_notices_are_not_the_article() -> None:
    body = (
        "<p>The council approved next year's budget after a long debate on Monday.</p>"
        "<div class='wall'><p>This article is available to subscribers only. Subscribe now "
        "for unlimited access to local news.</p><p>Already a subscriber? Sign in.</p></div>"
        "<p>© 2024 Valley Gazette Media. Reproduction without permission is prohibited.</p>"
    )
    result = clean_html(local_page(body), source="wall.html")
    assert result.text == "The council approved next year's budget after a long debate on Monday."
    assert result.low_confidence is not None


def test_linked_list_between_two_paragraphs_is_kept() -> None:
    body = (
        f"<p>{BODY} The state grant pays for three projects, the mayor said.</p><ul>"
        "<li><a href='/a'>Rebuilding the Mill Creek bridge</a></li>"
        "<li><a href='/b'>A new roof for the library</a></li></ul>"
        f"<p>Work on the bridge begins in spring. {BODY}</p>"
    )
    text = clean_html(local_page(body), source="list.html").text
    assert "- Rebuilding the Mill Creek bridge\n\n- A new roof for the library" in text
    assert text.index("three projects") < text.index("Mill Creek") < text.index("begins in")


def test_picture_gallery_between_paragraphs_stays_out() -> None:
    body = (
        f"<p>{BODY}</p><ul><li><img src='/1.jpg'><a href='/g1'>The checkpoint at dawn</a>"
        f"</li><li><img src='/2.jpg'><a href='/g2'>Lorries queue at the border</a></li></ul>"
        f"<p>{BODY}</p>"
    )
    text = clean_html(local_page(body), source="gallery.html").text
    assert "checkpoint at dawn" not in text


def test_text_nested_deeper_than_the_parser_reads_is_kept() -> None:
    prose = (
        "Leaders of Armenia and Azerbaijan met in Brussels on Tuesday to discuss the border. "
        "They agreed that their deputies would meet again within a month to draft a map."
    )
    depth = 600
    page = (
        "<html><head><title>Border talks resume</title></head><body>"
        + "<div>" * depth
        + f"<p>{prose}</p><p>The talks were hosted by the European Council president.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    result = clean_html(page, source="deep.html")
    assert prose in result.text and result.title == "Border talks resume"


def test_a_deep_page_without_an_article_says_why() -> None:
    page = "<html><body>" + "<div>" * 400 + "<p>Subscribe</p>" + "</div>" * 400 + "</body></html>"
    with pytest.raises(
        ExtractionError, match=r"nested 40[0-9] levels deep, deeper than the HTML parser"
    ):
        clean_html(page, source="deep.html")


def test_an_impossible_zone_in_a_meta_date_costs_the_date_not_the_page() -> None:
    """Found by the hypothesis properties: htmldate raised ValueError on "+25:00"."""
    page = (
        "<html><head><title>Talks</title>"
        "<meta property='article:published_time' content='2022-05-12T10:00:00+25:00'>"
        f"</head><body><p>{BODY}</p><p>{BODY}</p></body></html>"
    )
    result = clean_html(page, source="zone.html")
    assert result.published_at is None and BODY in result.text


def test_markup_opening_with_svg_before_html_gets_a_reason_not_a_crash() -> None:
    """``<svg>`` before ``<html>`` makes the SVG the tree's root, which the date guesser
    cannot prune (it raised a bare AssertionError); the page now gets a reason instead."""
    html = "<svg><p><html>Mr. Roe said the talks would resume. Mr. Doe agreed."
    with pytest.raises(ExtractionError) as caught:
        clean_html(html, source="svg-first.html")
    assert "svg-first.html" in str(caught.value)
    assert "no article text" in caught.value.reason
