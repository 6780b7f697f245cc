from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from blocwatch.alerts import AlertEngine, DeliverySettings
from blocwatch.model import ItemStatus, WatchItem
from blocwatch.store import Store
from blocwatch.store.alerts import AlertState
from blocwatch.store.watch import WatchState
from blocwatch.web import create_app
from tests.alerts.test_alerts import _report

LOCAL = "http://127.0.0.1"


def _client(store: Store) -> TestClient:
    return TestClient(create_app(store), base_url=LOCAL)


def test_the_sources_page_shows_each_sources_health(sqlite_store: Store) -> None:
    state = WatchState(sqlite_store)
    due = datetime.now(UTC) + timedelta(minutes=15)
    state.record_poll("steppe", "https://steppe.example/rss", next_due_at=due)
    state.record_poll(
        "gazette", "javascript:alert(1)", next_due_at=due, error="HTTP 503 <retrying>"
    )
    state.add_items([WatchItem("i1", "https://steppe.example/a", "steppe", ItemStatus.PENDING)])
    state.mark_stored(["i1"])
    page = _client(sqlite_store).get("/sources")
    assert page.status_code == 200
    assert '<a href="https://steppe.example/rss" rel="noopener noreferrer">steppe</a>' in page.text
    assert "HTTP 503 &lt;retrying&gt;" in page.text and "javascript:" not in page.text
    assert "<td>1</td><td>1</td><td>0</td>" in page.text


def test_saved_search_with_its_alert_switch_raises_alerts_on_the_alerts_page(
    sqlite_store: Store,
) -> None:
    client = _client(sqlite_store)
    saved = client.post("/saved", data={"name": "Kharkiv", "q": "Kharkiv"}, follow_redirects=False)
    assert saved.status_code == 303
    [(search_id, name, query, alert_on)] = AlertState(sqlite_store).saved_searches()
    assert (name, query, alert_on) == ("Kharkiv", "Kharkiv", False)
    assert client.post(f"/saved/{search_id}/alert", data={"on": "true"}).status_code == 200
    assert AlertState(sqlite_store).saved_searches()[0][3] is True

    sqlite_store.save_articles(
        [_report("k1", "Steppe Wire", "Russian forces shelled <b>Kharkiv</b> overnight.")]
    )
    assert AlertEngine(sqlite_store, DeliverySettings()).run().raised == 1
    page = client.get("/alerts")
    assert "search: Kharkiv" in page.text
    assert "“Russian forces shelled &lt;b&gt;Kharkiv&lt;/b&gt; overnight.”" in page.text
    feed = client.get("/alerts.atom")
    assert feed.headers["content-type"] == "application/atom+xml"
    assert b"search: Kharkiv" in feed.content

    client.post(f"/saved/{search_id}/alert", data={})
    assert AlertState(sqlite_store).saved_searches()[0][3] is False
    assert "Alert off — switch on" in client.get("/saved").text


def test_a_form_from_another_site_cannot_change_saved_searches(sqlite_store: Store) -> None:
    answer = _client(sqlite_store).post(
        "/saved", data={"name": "x", "q": "y"}, headers={"Origin": "https://evil.example"}
    )
    assert answer.status_code == 403
    assert AlertState(sqlite_store).saved_searches() == []
