from __future__ import annotations

import httpx
import pytest

from blocwatch.errors import InputError
from blocwatch.ingest.urls import UrlFetcher, is_never_fetched, is_public_address
from blocwatch.model import RawDocument, Rejection

PAGE = b"<html><head><title>Summit</title></head><body><p>Leaders met.</p></body></html>"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>A</title><description>Body text.</description></item></channel></rss>'

PUBLIC = {
    "news.example": ["93.184.216.34"],
    "feeds.example": ["93.184.216.35"],
    "sneaky.example": ["10.1.2.3"],
}


def _resolver(host: str) -> list[str]:
    if host not in PUBLIC:
        raise InputError(f"cannot resolve host {host!r}")
    return PUBLIC[host]


def _handler(request: httpx.Request) -> httpx.Response:
    routes = {
        "/page": httpx.Response(
            200, content=PAGE, headers={"content-type": "text/html; charset=utf-8"}
        ),
        "/feed": httpx.Response(200, content=FEED, headers={"content-type": "application/rss+xml"}),
        "/to-private": httpx.Response(302, headers={"location": "http://127.0.0.1/admin"}),
        "/to-page": httpx.Response(301, headers={"location": "/page"}),
        "/big": httpx.Response(
            200, content=b"<html>" + b"x" * 5000, headers={"content-type": "text/html"}
        ),
        "/pdf": httpx.Response(
            200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"}
        ),
    }
    return routes.get(request.url.path, httpx.Response(404))


@pytest.fixture
def fetcher() -> UrlFetcher:
    return UrlFetcher(max_bytes=1000, resolver=_resolver, transport=httpx.MockTransport(_handler))


def test_a_page_is_fetched_as_one_html_document(fetcher: UrlFetcher) -> None:
    [doc] = list(fetcher.read("https://news.example/page"))
    assert isinstance(doc, RawDocument)
    assert (
        doc.url == "https://news.example/page" and doc.content == PAGE and doc.encoding == "utf-8"
    )


def test_a_feed_url_yields_its_entries(fetcher: UrlFetcher) -> None:
    [doc] = list(fetcher.read("https://feeds.example/feed"))
    assert isinstance(doc, RawDocument) and doc.outlet == "Wire"


def test_redirects_are_followed_and_checked(fetcher: UrlFetcher) -> None:
    [doc] = list(fetcher.read("https://news.example/to-page"))
    assert isinstance(doc, RawDocument) and doc.url == "https://news.example/page"
    [refused] = list(fetcher.read("https://news.example/to-private"))
    assert isinstance(refused, Rejection)
    assert refused.source == "http://127.0.0.1/admin"
    assert refused.reason.startswith("refused: 127.0.0.1 is a private or local address")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://10.0.0.7/",
        "http://192.168.1.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data",
        "https://sneaky.example/",
    ],
)
def test_private_and_local_addresses_are_refused(url: str) -> None:
    def no_network(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent to {request.url}")

    resolver = lambda host: {"localhost": ["127.0.0.1"]}.get(host) or _resolver(host)  # noqa: E731
    fetcher = UrlFetcher(resolver=resolver, transport=httpx.MockTransport(no_network))
    [refused] = list(fetcher.read(url))
    assert isinstance(refused, Rejection)
    assert "private or local address" in refused.reason or "metadata address" in refused.reason


def test_other_schemes_oversize_and_errors_are_rejected(fetcher: UrlFetcher) -> None:
    assert "only http and https" in _reason(fetcher, "file:///etc/passwd")
    assert _reason(fetcher, "https://news.example/big").startswith("too large")
    assert _reason(fetcher, "https://news.example/missing") == "HTTP 404"
    assert _reason(fetcher, "https://news.example/pdf").startswith("not an HTML page or feed")
    assert _reason(fetcher, "https://unknown.example/").startswith("cannot resolve host")


def _reason(fetcher: UrlFetcher, url: str) -> str:
    [result] = list(fetcher.read(url))
    assert isinstance(result, Rejection)
    return result.reason


def test_public_address_classification() -> None:
    assert is_public_address("93.184.216.34")
    assert not is_public_address("::ffff:127.0.0.1")
    assert not is_public_address("100.64.0.1")
    assert not is_public_address("224.0.0.1")


def test_metadata_addresses_are_refused_even_when_private_ones_are_allowed() -> None:
    def no_network(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent to {request.url}")

    resolver = {"meta.example": ["169.254.169.254"], "ok.example": ["10.0.0.5"]}.__getitem__
    fetcher = UrlFetcher(
        allow_private=True, resolver=resolver, transport=httpx.MockTransport(no_network)
    )
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1]/",
        "http://meta.example/",
    ]:
        assert "link-local or cloud metadata address" in _reason(fetcher, url), url
    assert is_never_fetched("169.254.0.1") and not is_never_fetched("10.0.0.5")
