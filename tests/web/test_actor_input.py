"""Actors typed by name, code or id give the same pages and answers; unknown names say so."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from blocwatch.store import Store
from blocwatch.store.actor_lookup import UnknownActorError, find_actor, resolve_actor
from blocwatch.web import create_app
from tests.web.corpus import build_corpus


@pytest.fixture
def client(sqlite_store: Store) -> TestClient:
    build_corpus(sqlite_store, hostile=False)
    return TestClient(create_app(sqlite_store), base_url="http://127.0.0.1")


def test_name_code_and_lower_case_code_give_the_same_actor_page(client: TestClient) -> None:
    by_code = client.get("/actors/KAZ")
    assert by_code.status_code == 200
    for typed in ("Kazakhstan", "kaz", "kazakhstan"):
        moved = client.get(f"/actors/{typed}", follow_redirects=False)
        assert moved.status_code == 303 and moved.headers["location"] == "/actors/KAZ"
        assert client.get(f"/actors/{typed}").text == by_code.text


def test_a_surname_as_written_finds_the_person(client: TestClient) -> None:
    moved = client.get("/actors/Mirzoyan", follow_redirects=False)
    assert moved.headers["location"] == "/actors/person:ararat-mirzoyan"


def test_unknown_name_is_a_404_page_with_the_nearest_actors(client: TestClient) -> None:
    page = client.get("/actors/Kazakstan")
    assert page.status_code == 404
    assert "no actor called" in page.text and 'href="/actors/KAZ"' in page.text


def test_api_resolves_names_and_answers_404_json_with_suggestions(client: TestClient) -> None:
    assert client.get("/api/actors/Kazakhstan").json() == client.get("/api/actors/KAZ").json()
    missing = client.get("/api/actors/Azerbajan")
    assert missing.status_code == 404
    body = missing.json()
    assert "Azerbajan" in body["detail"] and body["suggestions"][0]["id"] == "AZE"


def test_suggest_endpoint_puts_prefix_matches_first(client: TestClient) -> None:
    found = client.get("/api/actors/suggest", params={"q": "kaz"}).json()
    assert found[0] == {"id": "KAZ", "name": "Kazakhstan", "kind": "state", "country": "KAZ"}
    assert client.get("/api/actors/suggest", params={"q": "zzzzqqq"}).json() == []


def test_relations_and_explorer_take_names(client: TestClient) -> None:
    by_code = client.get("/api/relations/ARM/AZE").json()
    assert by_code and client.get("/api/relations/Armenia/Azerbaijan").json() == by_code
    # a person counts for their state
    assert client.get("/api/relations/Mirzoyan/Azerbaijan").json() == by_code
    pair = client.get("/api/events", params={"pair": "Armenia,Azerbaijan"}).json()
    assert pair == client.get("/api/events", params={"pair": "ARM,AZE"}).json() != []
    named = client.get("/api/events", params={"actor": "Kazakhstan"}).json()
    assert named == client.get("/api/events", params={"actor": "KAZ"}).json() != []
    moved = client.get("/relations/Armenia/Azerbaijan", follow_redirects=False)
    assert moved.headers["location"].startswith("/relations/ARM/AZE")


def test_alignment_form_reports_a_name_it_cannot_resolve(client: TestClient) -> None:
    good = client.get("/relations", params={"states": "Kazakhstan", "pole_a": "Russia"})
    assert good.status_code == 200 and 'value="KAZ"' in good.text
    assert 'list="actor-names"' in good.text and '<datalist id="actor-names">' in good.text
    bad = client.get("/relations", params={"states": "Kazakhstan, Atlantis"})
    assert bad.status_code == 404 and "states: no actor called &#39;Atlantis&#39;" in bad.text


@pytest.mark.parametrize("store_name", ["sqlite_store", "postgres_store"])
def test_a_fragment_resolves_only_when_it_fits_one_actor(
    store_name: str, request: pytest.FixtureRequest
) -> None:
    store: Store = request.getfixturevalue(store_name)
    build_corpus(store, hostile=False)
    fitted = find_actor(store, "zerbai")
    assert fitted is not None and fitted.id == "AZE"
    assert find_actor(store, "an") is None  # Armenia, Azerbaijan, Kazakhstan...
    assert find_actor(store, "mirzoyan") == find_actor(store, "person:ararat-mirzoyan")
    with pytest.raises(UnknownActorError) as raised:
        resolve_actor(store, "Armenai", "--actor")
    assert raised.value.source == "--actor" and raised.value.suggestions[0].id == "ARM"


def test_a_contested_entity_page_says_whose_territory_and_since_when(
    sqlite_store: Store,
) -> None:
    from blocwatch.nlp.actors import ActorDictionary

    build_corpus(sqlite_store, hostile=False)
    dpr = ActorDictionary.default().get("DPR")
    assert dpr is not None
    sqlite_store.save_actors([dpr])
    client = TestClient(create_app(sqlite_store), base_url="http://127.0.0.1")
    page = client.get("/actors/Donetsk People's Republic", follow_redirects=True)
    assert page.status_code == 200 and page.url.path == "/actors/DPR"
    assert "De facto authority" in page.text and "from 2014-04-07" in page.text
    assert 'href="/actors/RUS">Russia</a>' in page.text
