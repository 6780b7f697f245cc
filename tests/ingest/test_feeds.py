from __future__ import annotations

from pathlib import Path

from blocwatch.ingest.feeds import read_feed
from blocwatch.ingest.files import read_path
from blocwatch.model import MediaType, RawDocument, Rejection

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caspian Daily</title>
<item><title>Baku hosts energy talks</title><link>https://caspian.example/baku-talks</link>
<pubDate>Tue, 10 May 2022 08:30:00 GMT</pubDate>
<description>&lt;p&gt;Energy ministers met in Baku to discuss gas exports to Europe.&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://caspian.example/empty</link></item>
</channel></rss>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&c;</title><item><title>x</title><description>&c;</description></item></channel></rss>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&secret;</description></item></channel></rss>"""


def test_entries_become_html_documents_with_metadata() -> None:
    first, second = list(read_feed(RSS, "feed.xml"))
    assert isinstance(first, RawDocument)
    assert first.source == "feed.xml#1"
    assert first.media_type is MediaType.HTML
    assert (first.title, first.url, first.outlet) == (
        "Baku hosts energy talks",
        "https://caspian.example/baku-talks",
        "Caspian Daily",
    )
    assert first.published == "2022-05-10T08:30:00+00:00"
    assert b"Energy ministers met in Baku" in first.content
    assert isinstance(second, Rejection) and second.reason == "feed entry has no content or summary"


def test_entity_bomb_is_refused_not_expanded() -> None:
    [result] = list(read_feed(BOMB, "bomb.xml"))
    assert isinstance(result, Rejection)
    assert result.reason.startswith("entity expansion refused")


def test_external_entity_is_refused() -> None:
    [result] = list(read_feed(EXTERNAL, "ext.xml"))
    assert isinstance(result, Rejection) and "entity expansion refused" in result.reason


def test_malformed_feed_names_the_line() -> None:
    [result] = list(
        read_feed(b'<?xml version="1.0"?>\n<rss><channel>\n<title>x</channel></rss>', "bad.xml")
    )
    assert isinstance(result, Rejection)
    assert result.reason.startswith("malformed feed XML at line 3")


def test_feed_files_are_recognised_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(RSS)
    results = list(read_path(path))
    assert [type(r).__name__ for r in results] == ["RawDocument", "Rejection"]
