from __future__ import annotations

from collections.abc import Iterator

import pytest

from blocwatch.ingest.urls import UrlFetcher
from blocwatch.watch import FetchError, FetchPolicy, PoliteFetcher
from tests.watch.server import NewsSite, Route, article_html, serve

PAGE = article_html(1)


@pytest.fixture
def site() -> Iterator[NewsSite]:
    routes = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/news/1": Route(PAGE, etag='"v1"'),
        "/private/memo": Route(PAGE),
        "/busy": Route(PAGE, fail_first=2),
        "/down": Route(PAGE, fail_first=99),
        "/slow": Route(PAGE, delay=1.5),
        "/huge": Route(b"<html>" + b"x" * 50_000),
        "/endless": Route(b"<html>" + b"x" * 50_000, declared_length=-1),
        "/lying-length": Route(PAGE, declared_length=10_000_000),
        "/to-private": Route(status=302, location="http://10.20.30.40/admin"),
        "/to-metadata": Route(status=301, location="http://169.254.169.254/latest/meta-data"),
        "/to-news": Route(status=301, location="/news/1"),
    }
    with serve(NewsSite(routes)) as running:
        yield running


def _fetcher(site: NewsSite, **policy: object) -> PoliteFetcher:
    """Loopback is trusted for the test server's origin only: every other private hop is refused."""
    settings = {"host_delay": 0.0, "backoff": 0.01, "timeout": 5.0, "max_bytes": 20_000} | policy
    return PoliteFetcher(
        UrlFetcher(allow_private=False),
        FetchPolicy(**settings),  # type: ignore[arg-type]
        trusted_origins=frozenset({site.base}),
    )


def test_pages_are_fetched_with_a_descriptive_user_agent(site: NewsSite) -> None:
    with _fetcher(site) as fetcher:
        page = fetcher.fetch(f"{site.base}/news/1")
    assert page.status == 200 and page.body == PAGE and page.etag == '"v1"'
    assert page.charset == "utf-8"
    [headers] = site.headers_of("/news/1")
    assert headers["user-agent"].startswith("blocwatch/")


def test_the_etag_of_last_time_turns_an_unchanged_page_into_a_304(site: NewsSite) -> None:
    with _fetcher(site) as fetcher:
        again = fetcher.fetch(f"{site.base}/news/1", etag='"v1"')
        changed = fetcher.fetch(f"{site.base}/news/1", etag='"v0"')
    assert again.not_modified and again.body == b""
    assert not changed.not_modified and changed.body == PAGE
    assert [h.get("if-none-match") for h in site.headers_of("/news/1")] == ['"v1"', '"v0"']


def test_robots_txt_is_asked_once_and_obeyed(site: NewsSite) -> None:
    with _fetcher(site) as fetcher:
        fetcher.fetch(f"{site.base}/news/1")
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt") as refused:
            fetcher.fetch(f"{site.base}/private/memo")
    assert not refused.value.retryable
    assert site.hits("/private/memo") == 0 and site.hits("/robots.txt") == 1


def test_a_server_error_is_retried_with_backoff_and_then_given_up(site: NewsSite) -> None:
    with _fetcher(site, retries=2) as fetcher:
        page = fetcher.fetch(f"{site.base}/busy")
        with pytest.raises(FetchError, match=r"HTTP 503") as failed:
            fetcher.fetch(f"{site.base}/down")
    assert page.body == PAGE and site.hits("/busy") == 3
    assert failed.value.retryable and site.hits("/down") == 3


def test_a_slow_page_times_out_as_a_retryable_failure(site: NewsSite) -> None:
    with _fetcher(site, timeout=0.3, retries=0) as fetcher, pytest.raises(FetchError) as failed:
        fetcher.fetch(f"{site.base}/slow")
    assert failed.value.retryable and failed.value.reason.startswith("timed out after 0.3s")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/huge", "too large: 50,006 bytes (limit 20,000)"),
        ("/endless", "too large: more than 20,000 bytes"),
        ("/lying-length", "too large: 10,000,000 bytes (limit 20,000)"),
        ("/missing", "HTTP 404"),
    ],
)
def test_oversized_and_missing_pages_fail_for_good(site: NewsSite, path: str, reason: str) -> None:
    with _fetcher(site) as fetcher, pytest.raises(FetchError) as failed:
        fetcher.fetch(f"{site.base}{path}")
    assert failed.value.reason == reason and not failed.value.retryable


@pytest.mark.parametrize(
    ("path", "address"), [("/to-private", "10.20.30.40"), ("/to-metadata", "169.254.169.254")]
)
def test_every_redirect_hop_goes_through_the_private_address_guard(
    site: NewsSite, path: str, address: str
) -> None:
    with _fetcher(site) as fetcher, pytest.raises(FetchError) as refused:
        fetcher.fetch(f"{site.base}{path}")
    assert refused.value.reason.startswith(f"refused: {address} is a ")
    assert refused.value.source is not None and address in refused.value.source


def test_a_redirect_on_the_same_site_is_followed(site: NewsSite) -> None:
    with _fetcher(site) as fetcher:
        page = fetcher.fetch(f"{site.base}/to-news")
    assert page.url == f"{site.base}/news/1" and page.body == PAGE


def test_loopback_is_refused_unless_allowed(site: NewsSite) -> None:
    with (
        PoliteFetcher(UrlFetcher(), FetchPolicy(host_delay=0)) as fetcher,
        pytest.raises(FetchError, match="private or local address"),
    ):
        fetcher.fetch(f"{site.base}/news/1")
    with PoliteFetcher(UrlFetcher(allow_private=True), FetchPolicy(host_delay=0)) as allowed:
        assert allowed.fetch(f"{site.base}/news/1").body == PAGE
