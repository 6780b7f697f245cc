from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from blocwatch.store import Store
from blocwatch.web import create_app
from tests.factories import make_article

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def client(sqlite_store: Store) -> TestClient:
    sqlite_store.save_articles(
        [
            make_article(
                "a1",
                "Armenia and Azerbaijan resumed border talks. Both sides met in Brussels.",
                title="Border talks resume",
            ),
            make_article(
                "evil",
                f"Body with {HOSTILE} inside. Second sentence.",
                title=f"Title {HOSTILE}",
                day=13,
            ),
        ]
    )
    return TestClient(create_app(sqlite_store))


def test_home_lists_articles_with_outlet_and_date(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Border talks resume" in page.text
    assert "Test Wire" in page.text and "2022-05-12" in page.text


def test_article_page_shows_clean_text_by_sentence(client: TestClient) -> None:
    page = client.get("/articles/a1")
    assert page.status_code == 200
    assert '<span class="sentence" id="s1">Both sides met in Brussels.</span>' in page.text


def test_script_in_title_and_body_is_shown_as_text(client: TestClient) -> None:
    for url in ["/", "/articles/evil"]:
        html = client.get(url).text
        assert HOSTILE not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_api_lists_and_shows_articles(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"limit": 1}).json()
    assert [a["id"] for a in listed] == ["evil"]
    detail = client.get("/api/articles/a1").json()
    assert detail["text"].startswith("Armenia and Azerbaijan")
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/articles" in schema["paths"]
    assert "/api/export/{what}.{fmt}" in schema["paths"]


def test_exports_download_from_the_app(client: TestClient) -> None:
    response = client.get("/api/export/articles.csv")
    assert response.status_code == 200
    assert (
        response.headers["content-disposition"] == 'attachment; filename="blocwatch-articles.csv"'
    )
    assert response.text.splitlines()[0].startswith("id,url,outlet,title")
    assert client.get("/api/export/articles.gdelt").status_code == 400
