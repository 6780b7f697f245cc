"""Defence in depth: links, headers, trusted hosts, hostile search queries and NUL."""

from __future__ import annotations

import dataclasses
import re
import time
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from blocwatch.store import Store
from blocwatch.web import create_app
from blocwatch.web.analysis import Analysis
from blocwatch.web.security import http_url, trusted_hosts
from tests.factories import make_article

LOCAL = "http://localhost"
HOSTILE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "http:alert(1)",
    "",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_urls_with_a_host_become_links(url: str) -> None:
    assert http_url(url) is None


def test_http_and_https_urls_stay_links() -> None:
    assert http_url("https://news.example/a?b=1#c") == "https://news.example/a?b=1#c"
    assert http_url(" HTTP://news.example/a ") == "HTTP://news.example/a"
    assert http_url(None) is None


@pytest.fixture
def client(store: Store) -> TestClient:
    articles = [
        dataclasses.replace(
            make_article(
                f"xss{i}",
                "Leaders met in Astana to discuss a border deal and trade routes.",
                title=f"Hostile link {i}",
            ),
            url=url,
        )
        for i, url in enumerate(HOSTILE_URLS[:6])
    ]
    articles.append(
        dataclasses.replace(
            make_article("good", "Leaders met in Baku on trade.", title="Good link"),
            url="https://news.example/good",
        )
    )
    store.save_articles(articles)
    return TestClient(create_app(store, analysis=Analysis()), base_url=LOCAL)


def test_a_hostile_source_url_is_never_a_link(client: TestClient) -> None:
    for i in range(6):
        page = client.get(f"/articles/xss{i}")
        assert page.status_code == 200
        assert "script:" not in page.text.lower().replace("\t", "").replace("\n", "")
        assert ">source</a>" not in page.text
    good = client.get("/articles/good").text
    assert (
        '<a href="https://news.example/good" rel="noopener noreferrer nofollow">source</a>' in good
    )


def test_every_answer_carries_the_defensive_headers(client: TestClient) -> None:
    for url in ["/", "/articles/good", "/api/articles", "/static/style.css", "/nowhere"]:
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        )
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_templates_hold_no_inline_script() -> None:
    """The policy forbids inline script, so a handler attribute or an inline <script> would
    silently stop working in the browser: none may come back."""
    folder = Path(str(resources.files("blocwatch.web") / "templates"))
    for template in folder.glob("*.html"):
        html = template.read_text()
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), template.name
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (template.name, tag)


def test_a_foreign_host_header_is_refused(client: TestClient) -> None:
    rebinding = client.get("/api/articles", headers={"host": "attacker.example:8000"})
    assert rebinding.status_code == 400 and "Invalid host header" in rebinding.text
    for host in ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"]:
        assert client.get("/api/articles", headers={"host": host}).status_code == 200, host


def test_trusted_hosts_default_to_the_bind_address_and_loopback_names() -> None:
    assert trusted_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "[::1]"]
    assert trusted_hosts("192.0.2.7") == ["127.0.0.1", "localhost", "[::1]", "192.0.2.7"]
    assert trusted_hosts("2001:db8::7")[-1] == "[2001:db8::7]"
    assert trusted_hosts("0.0.0.0") == ["127.0.0.1", "localhost", "[::1]"]
    assert trusted_hosts("0.0.0.0", ["news.internal", " "]) == ["news.internal"]


def test_nul_in_a_path_or_query_is_a_400_not_a_500(client: TestClient) -> None:
    for url in ["/articles/a%00b", "/api/articles/a%00b", "/search?q=a%00b", "/api/search?q=%00"]:
        answer = client.get(url)
        assert answer.status_code == 400, url
        assert "NUL" in answer.text


def test_many_exclusions_are_searched_not_a_parser_overflow(client: TestClient) -> None:
    query = "leaders " + " ".join(f"-w{i}" for i in range(38))
    answer = client.get("/api/search", params={"q": query})
    assert answer.status_code == 200
    assert answer.json()["total"] == 7


def test_an_oversized_query_is_a_cheap_400_with_the_reason(client: TestClient) -> None:
    started = time.monotonic()
    huge = client.get("/api/search", params={"q": " OR ".join(["a"] * 2500)})
    many = client.get("/api/search", params={"q": " ".join(f"-w{i}" for i in range(100))})
    page = client.get("/search", params={"q": " OR ".join(["a"] * 2500)})
    assert time.monotonic() - started < 5
    assert huge.status_code == 400 and "characters long" in huge.json()["detail"]
    assert many.status_code == 400 and "100 terms" in many.json()["detail"]
    assert page.status_code == 400 and "characters long" in page.text


def test_a_number_past_what_the_database_holds_is_a_400(client: TestClient) -> None:
    answer = client.get("/api/stories", params={"limit": 1, "offset": 2**63})
    assert answer.status_code == 400
    assert "out of the range the database can hold" in answer.json()["detail"]
