from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from blocwatch.analysis import (
    AlignmentPoint,
    Claim,
    Disagreement,
    RelationEdge,
    RelationPoint,
)
from blocwatch.store import Store
from blocwatch.store.views import story_detail
from blocwatch.web import create_app
from blocwatch.web.analysis import Analysis
from tests.web.corpus import HOSTILE, build_corpus

LOCAL = "http://localhost"
"""The app answers only its trusted hosts; TestClient's default "testserver" is not one."""
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


QUADS = {1: 2, 2: 0, 3: 1, 4: 0}


def _claim(value: str, article_id: str, outlet: str, sentence_index: int) -> Claim:
    return Claim(value, article_id, outlet, sentence_index, 0, len(value), f"... {value} ...")


class Recorder:
    """Analysis functions that answer fixed results and remember how they were called."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def analysis(self) -> Analysis:
        def record(name: str, result: Sequence[Any]) -> Any:
            def call(_store: Store, *args: Any, **kwargs: Any) -> Sequence[Any]:
                self.calls.append((name, args, kwargs))
                return result

            return call

        return Analysis(
            relation_series=record(
                "relation_series",
                [
                    RelationPoint(
                        "2022-05",
                        date(2022, 5, 1),
                        3,
                        QUADS,
                        2.4,
                        0.8,
                        enough=True,
                        cluster_ids=(1, 2, 3),
                    )
                ],
            ),
            relation_graph=record(
                "relation_graph",
                [
                    RelationEdge("ARM", "AZE", 3, 0.8, 0.5, QUADS),
                    RelationEdge("KAZ", "CHN", 1, 6.0, 1.0, {1: 0, 2: 1, 3: 0, 4: 0}),
                ],
            ),
            alignment_series=record(
                "alignment_series",
                [
                    AlignmentPoint(
                        "2022-05", date(2022, 5, 1), 0.4, 0.1, 0.7, 2, 0, (5,), enough=True
                    )
                ],
            ),
            find_disagreements=record(
                "find_disagreements",
                [
                    Disagreement(
                        "person:ararat-mirzoyan",
                        "Ararat Mirzoyan",
                        "role",
                        (
                            _claim("foreign minister", "talks01", "Caucasus Wire", 1),
                            _claim(f"former minister {HOSTILE}", "talks03", "Regional Review", 0),
                        ),
                    )
                ],
            ),
        )


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def client(store: Store, recorder: Recorder) -> TestClient:
    """The app over the test corpus, on SQLite and on PostgreSQL."""
    build_corpus(store)
    return TestClient(create_app(store, analysis=recorder.analysis()), base_url=LOCAL)


def _event_ids(client: TestClient, article_id: str) -> list[int]:
    events = client.get("/api/stories/story-talks").json()["events"]
    return sorted(e["id"] for e in events if e["article_id"] == article_id)


def _figure(html: str, chart_id: str) -> dict[str, Any]:
    found = re.search(
        f'<script type="application/json" id="{chart_id}-data">(.*?)</script>', html, re.S
    )
    assert found, f"no figure {chart_id}"
    figure: dict[str, Any] = json.loads(found.group(1))
    return figure


def test_home_shows_latest_stories_with_cited_summaries_and_copy_counts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert html.index("Kazakhstan and China sign a gas deal") < html.index(
        "Armenia and Azerbaijan resume"
    )
    assert 'href="/articles/talks01#s0"' in html
    assert "1 copy" in html and "Daily Yerevan" in html and "Regional Review" in html
    assert 'href="/articles/gas01"' in html
    assert '<form class="search"' in html and 'name="event_type"' in html and 'name="actor"' in html


def test_search_page_highlights_matches_and_escapes_them(client: TestClient) -> None:
    html = client.get("/search", params={"q": "border talks"}).text
    assert "<mark>border</mark>" in html.lower()
    assert 'href="/articles/talks01"' in html
    hostile = client.get("/search", params={"q": "alert"}).text
    assert "<mark>alert</mark>" in hostile and HOSTILE not in hostile and ESCAPED[:20] in hostile


def test_search_filters_by_actor_name_outlet_dates_and_event_type(client: TestClient) -> None:
    html = client.get("/search", params={"actor": "Kazakhstan"}).text
    assert "2 articles" in html and 'href="/actors/KAZ"' in html
    html = client.get(
        "/search",
        params={"q": "talks", "event_type": "ACCUSE", "since": "2022-05-13", "until": "2022-05-31"},
    ).text
    assert "1 article " in html and 'href="/articles/talks03"' in html
    html = client.get("/search", params={"outlet": "Steppe News"}).text
    assert 'href="/articles/gas01"' in html and 'href="/articles/talks01"' not in html


def test_search_says_when_an_actor_is_unknown_and_refuses_bad_dates(client: TestClient) -> None:
    assert "No actor called" in client.get("/search", params={"actor": "Atlantis"}).text
    response = client.get("/search", params={"since": "yesterday"})
    assert response.status_code == 400 and "not a date" in response.text


def test_story_page_has_summary_timeline_copies_quotes_events_and_disagreements(
    client: TestClient, recorder: Recorder
) -> None:
    html = client.get("/stories/story-talks").text
    assert 'href="/articles/talks01#s0"' in html and 'href="/articles/talks03#s1"' in html
    timeline = html[
        html.index('<ol class="timeline">') : html.index(
            "</ol>", html.index('<ol class="timeline">')
        )
    ]
    assert timeline.index("2022-05-12") < timeline.index("2022-05-13")
    assert timeline.count('<span class="when">') == 3  # one line per dated sentence
    assert 'class="copy-group"' in html and 'href="/articles/talks02"' in html
    assert "We are ready to continue the work on the border" in html
    assert "CONSULT" in html and "ACCUSE" in html
    assert "Where sources disagree" in html and "former minister " + ESCAPED in html
    assert HOSTILE not in html
    name, _, kwargs = recorder.calls[-1]
    assert name == "find_disagreements"
    assert sorted(kwargs["article_ids"]) == ["talks01", "talks02", "talks03"]
    assert client.get("/stories/nope").status_code == 404


def test_article_page_marks_mentions_and_lists_its_facts(client: TestClient) -> None:
    html = client.get("/articles/talks02").text
    assert '<span class="sentence" id="s1">' in html
    assert '<a class="mention person" href="/actors/person:ararat-mirzoyan"' in html
    assert '<a class="mention state" href="/actors/AZE"' in html
    assert "We are ready to continue the work on the border" in html
    assert "CONSULT" in html and "2022-05-12" in html
    assert 'href="/stories/story-talks"' in html
    chips = html[
        html.index('<ul class="chips">') : html.index("</ul>", html.index('<ul class="chips">'))
    ]
    assert re.findall(r'<a href="/actors/[^"]+">([^<]+)</a>', chips) == [
        "Ararat Mirzoyan",
        "Armenia",
        "Azerbaijan",
    ]
    assert "A syndicated copy of" in html and 'href="/articles/talks01"' in html


def test_canonical_article_lists_its_copies(client: TestClient) -> None:
    html = client.get("/articles/talks01").text
    assert "Same text elsewhere" in html and 'href="/articles/talks02"' in html


def test_actor_page_shows_roles_quotes_acts_and_charts(
    client: TestClient, recorder: Recorder
) -> None:
    person = client.get("/actors/person:ararat-mirzoyan").text
    assert "Ararat Mirzoyan" in person and "foreign minister" in person and "2021-08-19" in person
    assert "We are ready to continue the work on the border" in person
    state = client.get("/actors/AZE").text
    assert "What they did" in state and "Azerbaijan accused Armenia" in state
    assert state.count("Azerbaijan welcomed the meeting") == 1  # not again from the copy
    assert (
        "What was done to them" in state and "Armenia and Azerbaijan resumed border talks" in state
    )
    relation = _figure(state, "relation-chart")
    assert relation["data"][0]["customdata"] == ["/clusters?ids=1%2C2%2C3"]
    assert _figure(state, "alignment-chart")["data"][-1]["y"] == [0.4]
    assert set(_figure(state, "actor-graph")["data"][-1]["customdata"]) >= {"/actors/ARM"}
    calls = {name: (args, kwargs) for name, args, kwargs in recorder.calls}
    assert calls["relation_graph"][1] == {"actor": "AZE"}
    assert calls["relation_series"][0] == ("AZE", "ARM")
    assert calls["alignment_series"][0] == ("AZE",)
    assert "alignment-chart" not in person
    assert client.get("/actors/nobody").status_code == 404


def test_relations_page_draws_the_graph_and_chosen_alignments(client: TestClient) -> None:
    html = client.get("/relations", params={"states": "kaz, arm"}).text
    graph = _figure(html, "relations-graph")
    nodes = graph["data"][-1]
    assert set(nodes["text"]) == {"Armenia", "Azerbaijan", "Kazakhstan", "China"}
    assert "/actors/ARM" in nodes["customdata"]
    assert {t["name"] for t in graph["data"] if t.get("mode") == "lines"} == {
        "mixed",
        "cooperation",
    }
    alignment = _figure(html, "alignment-chart")
    assert [t["name"] for t in alignment["data"] if t.get("showlegend", True)] == [
        "Kazakhstan",
        "Armenia",
    ]
    assert '<script src="/assets/plotly.min.js"></script>' in html


def test_a_chart_point_drills_down_to_its_evidence(client: TestClient) -> None:
    ids = _event_ids(client, "talks01")
    html = client.get("/events", params={"ids": ",".join(map(str, ids))}).text
    assert html.count('class="event ') == 2 and 'href="/articles/talks01#s0"' in html
    assert client.get("/events", params={"ids": "x"}).status_code == 400


def test_missing_pages_say_so_in_a_page_and_in_json_for_the_api(client: TestClient) -> None:
    page = client.get("/stories/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "Not found" in page.text and "no story with id &#39;nope&#39;" in page.text
    api = client.get("/api/stories/nope")
    assert api.status_code == 404 and api.json() == {"detail": "no story with id 'nope'"}


def test_plotly_is_served_by_the_app_not_a_cdn(client: TestClient) -> None:
    script = client.get("/assets/plotly.min.js")
    assert script.status_code == 200 and "plotly" in script.text[:2000].lower()
    for url in ["/", "/relations", "/actors/ARM"]:
        assert not re.search(r'<script[^>]+src="(https?:)?//', client.get(url).text)


def test_script_in_title_and_body_is_shown_as_text(client: TestClient) -> None:
    for url in ["/", "/stories/story-evil", "/articles/evil01", "/search?q=body", "/actors/KAZ"]:
        html = client.get(url).text
        assert HOSTILE not in html, url
    assert ESCAPED in client.get("/articles/evil01").text
    assert client.get("/api/articles/evil01").json()["article"]["title"] == f"Title {HOSTILE}"


def test_api_lists_and_shows_articles(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"limit": 1}).json()
    assert [a["id"] for a in listed] == ["gas01"]
    assert listed[0]["read_as"].startswith("read in English")
    detail = client.get("/api/articles/talks01").json()
    article = detail["article"]
    assert article["text"].startswith("Armenia and Azerbaijan")
    assert detail["copies"] == ["talks02"] and detail["listing"]["story_id"] == "story-talks"
    assert {m["actor_id"] for m in article["mentions"]} >= {"ARM", "person:ararat-mirzoyan"}
    assert article["quotes"] and article["times"] and article["events"]
    quote = article["quotes"][0]["evidence"]
    assert article["text"][quote["span"]["start"] : quote["span"]["end"]] == quote["text"]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_api_serves_stories_with_citations(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert [s["id"] for s in stories][:2] == ["story-gas", "story-talks"]
    story = client.get("/api/stories/story-talks").json()
    assert story["card"]["copy_count"] == 1 and story["copy_groups"][0]["copy_ids"] == ["talks02"]
    cited = story["card"]["summary"][0]
    assert (cited["article_id"], cited["sentence_index"]) == ("talks01", 0)
    assert [e["date"] for e in story["timeline"]][:1] == ["2022-05-12"]
    assert client.get("/api/stories/story-talks/disagreements").json()[0]["attribute"] == "role"


def test_api_serves_actors_search_relations_and_alignment(client: TestClient) -> None:
    actors = {a["id"]: a for a in client.get("/api/actors").json()}
    assert actors["ARM"]["name"] == "Armenia" and actors["ARM"]["mentions"] == 7
    actor = client.get("/api/actors/person:ararat-mirzoyan").json()["profile"]
    assert actor["known"]["roles"][0]["title"] == "foreign minister"
    assert actor["quotes"][0]["speaker_actor_id"] == "person:ararat-mirzoyan"
    found = client.get("/api/search", params={"q": "gas", "actor": "China"}).json()
    assert found["actor_id"] == "CHN" and [h["article"]["id"] for h in found["hits"]] == ["gas01"]
    assert any(p["match"] for p in found["hits"][0]["snippet"])
    assert client.get("/api/search", params={"actor": "Atlantis"}).status_code == 404
    assert client.get("/api/relations").json()[0]["a"] == "ARM"
    assert client.get("/api/relations/ARM/AZE").json()[0]["cluster_ids"] == [1, 2, 3]
    assert client.get("/api/alignment/KAZ", params={"pole_a": "RUS"}).json()[0]["index"] == 0.4
    first = _event_ids(client, "talks01")[0]
    assert client.get("/api/events", params={"ids": [first]}).json()[0]["type"] == "CONSULT"


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/articles",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/actors/{actor_id}",
        "/api/search",
        "/api/relations",
        "/api/alignment/{state}",
        "/api/disagreements",
        "/api/export/{what}.{fmt}",
    ]:
        assert path in paths


def test_exports_download_from_the_app(client: TestClient) -> None:
    response = client.get("/api/export/articles.csv")
    assert response.status_code == 200
    assert (
        response.headers["content-disposition"] == 'attachment; filename="blocwatch-articles.csv"'
    )
    assert response.text.splitlines()[0].startswith("id,url,outlet,title")
    assert client.get("/api/export/articles.gdelt").status_code == 400
    assert 'href="/api/export/events.parquet"' in client.get("/relations").text


def test_pages_work_with_no_analysis_results(sqlite_store: Store) -> None:
    build_corpus(sqlite_store)
    client = TestClient(create_app(sqlite_store, analysis=Analysis()), base_url=LOCAL)
    for url in ["/", "/stories/story-talks", "/actors/ARM", "/relations", "/relations/ARM/AZE"]:
        assert client.get(url).status_code == 200, url


def test_timeline_folds_mirror_events_into_one_pair(store: Store) -> None:
    build_corpus(store)
    story = story_detail(store, "story-talks")
    assert story is not None
    entries = {(t.when, t.sentence_index): t for t in story.timeline_entries}
    assert entries["2022-05-12", 0].pairs == (("CONSULT", "Armenia", "Azerbaijan"),)
    assert entries["2022-05-12", 0].dated


def test_story_shows_a_copy_s_quotes_and_events_once(client: TestClient) -> None:
    html = client.get("/stories/story-talks").text
    assert html.count("We are ready to continue the work on the border") == 1
    assert html.count('<li class="event q1">') == 2


def test_story_page_with_the_analysis_lists_a_disputed_role(store: Store) -> None:
    build_corpus(store)
    html = TestClient(create_app(store), base_url=LOCAL).get("/stories/story-talks").text
    section = html[html.index("Where sources disagree") :]
    assert "Ararat Mirzoyan" in section and "former foreign minister" in section
    assert 'href="/articles/talks03#s2"' in section


def test_story_page_says_what_each_report_adds_with_a_source_for_each_line(
    client: TestClient,
) -> None:
    html = client.get("/stories/story-talks").text
    notes = html[html.index('<ol class="report-notes">') :]
    notes = notes[: notes.index("</ol>")]
    assert (
        notes.index("Caucasus Wire") < notes.index("first report") < notes.index("Regional Review")
    )
    assert "adds" in notes and "delaying the demarcation" in notes
    assert 'href="/articles/talks03#s0"' in notes
    assert "Daily Yerevan" not in notes  # a syndicated copy adds nothing of its own
    assert notes.count("<li>") == notes.count("[source]")


def test_story_summary_names_the_outlet_of_each_line_and_who_else_says_it(
    client: TestClient,
) -> None:
    html = client.get("/stories/story-talks").text
    summary = html[html.index('<ol class="summary">') :]
    summary = summary[: summary.index("</ol>")]
    lines = summary.split("<li>")[1:]
    assert len(lines) == 2
    assert '<span class="outlet">Caucasus Wire</span>' in lines[0]
    assert "resumed border talks" in lines[0] and "also in Daily Yerevan" in lines[0]
    assert '<span class="outlet">Regional Review</span>' in lines[1]
    assert "also in" not in lines[1]


def test_report_notes_escape_what_the_article_says(client: TestClient) -> None:
    html = client.get("/stories/story-evil").text
    assert HOSTILE not in html
