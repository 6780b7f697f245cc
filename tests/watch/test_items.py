from __future__ import annotations

import pytest

from blocwatch.errors import InputError
from blocwatch.watch.items import canonical_url, feed_items, sitemap_items
from tests.watch.server import ENTITY_BOMB, rss

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://gazette.example/politics/tariff-talks</loc>
    <news:news><news:publication><news:name>The Gazette</news:name><news:language>fr</news:language>
    </news:publication><news:publication_date>2026-12-02T07:30:00+01:00</news:publication_date>
    <news:title>Tariff talks resume in Brussels</news:title></news:news></url>
  <url><loc>https://gazette.example/world/border?utm_campaign=x</loc></url>
</urlset>"""


def test_feed_items_carry_the_feeds_title_date_and_summary() -> None:
    feed = rss(
        "Steppe Wire",
        [("/a/1", "Talks open", "Tue, 01 Dec 2026 08:00:00 GMT")],
        "https://w.example",
    )
    [item] = feed_items(feed, "https://w.example/feed.rss")
    assert item.url == "https://w.example/a/1" and item.title == "Talks open"
    assert item.published == "2026-12-01T08:00:00+00:00" and item.outlet == "Steppe Wire"
    assert item.summary == "One line about Talks open."


def test_an_entity_bomb_feed_is_refused_before_it_expands() -> None:
    with pytest.raises(InputError, match="entity expansion refused"):
        feed_items(ENTITY_BOMB, "https://w.example/bomb.rss")


def test_a_news_sitemap_gives_title_date_outlet_and_language() -> None:
    first, second = sitemap_items(NEWS_SITEMAP, "https://gazette.example/news-sitemap.xml")
    assert first.title == "Tariff talks resume in Brussels" and first.outlet == "The Gazette"
    assert first.language == "fr" and first.published == "2026-12-02T07:30:00+01:00"
    assert second.url == "https://gazette.example/world/border" and second.title is None


def test_a_sitemap_index_names_what_to_do() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://gazette.example/news-1.xml</loc></sitemap></sitemapindex>"""
    with pytest.raises(InputError, match="sitemap index"):
        sitemap_items(index, "https://gazette.example/sitemap.xml")


def test_one_page_under_two_spellings_is_one_url() -> None:
    assert (
        canonical_url("https://News.Example/a?utm_source=rss&id=3#top")
        == "https://news.example/a?id=3"
    )
    assert canonical_url("https://news.example/story?p=1") != canonical_url(
        "https://news.example/story?p=2"
    )
