"""The OpenAPI schema is typed for every route, and its shapes come from the records."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from fastapi.testclient import TestClient

from blocwatch.analysis import AlignmentPoint, Claim, Disagreement, RelationEdge, RelationPoint
from blocwatch.analysis.attention import Attention
from blocwatch.model import (
    Article,
    ClusterReport,
    ClusterSource,
    CopyGroup,
    EventCluster,
    ExplainedCluster,
)
from blocwatch.store import Store
from blocwatch.store.actor_lookup import ActorChoice
from blocwatch.store.explorer import EventView
from blocwatch.store.repository import ArticleSummary
from blocwatch.store.search import SearchHit
from blocwatch.store.search_overview import SearchFacets
from blocwatch.store.views import ActorListing, ActorProfile, StoryCard
from blocwatch.web import create_app
from blocwatch.web.analysis import Analysis

LOCAL = "http://localhost"


@pytest.fixture
def schema(sqlite_store: Store) -> dict[str, Any]:
    client = TestClient(create_app(sqlite_store, analysis=Analysis()), base_url=LOCAL)
    document: dict[str, Any] = client.get("/api/openapi.json").json()
    return document


def _untyped(node: dict[str, Any]) -> bool:
    """An empty schema, or an object that allows any keys without naming one."""
    if not node:
        return True
    if node.get("type") == "array":
        return _untyped(node.get("items", {}))
    return node.get("type") == "object" and "properties" not in node and "$ref" not in node


def test_every_route_answers_a_named_shape(schema: dict[str, Any]) -> None:
    loose = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for media, content in operation["responses"]["200"]["content"].items():
                if media == "application/json" and _untyped(content.get("schema", {})):
                    loose.append(f"{method.upper()} {path}")
    assert loose == []


@pytest.mark.parametrize(
    ("record", "path"),
    [
        (RelationEdge, "/api/relations"),
        (RelationPoint, "/api/relations/{a}/{b}"),
        (AlignmentPoint, "/api/alignment/{state}"),
        (Disagreement, "/api/disagreements"),
        (EventView, "/api/events"),
        (ActorListing, "/api/actors"),
        (ActorChoice, "/api/actors/suggest"),
        (ArticleSummary, "/api/articles"),
        (StoryCard, "/api/stories"),
    ],
)
def test_a_routes_schema_is_its_records_fields(
    schema: dict[str, Any], record: type, path: str
) -> None:
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    name = answer["schema"]["items"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]
    assert set(properties) == {f.name for f in fields(record)}


def test_the_clusters_behind_a_figure_are_the_records_themselves(schema: dict[str, Any]) -> None:
    answer = schema["paths"]["/api/clusters"]["get"]["responses"]["200"]["content"]
    wrapper = answer["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    items = schema["components"]["schemas"][wrapper]["properties"]["clusters"]["items"]
    shapes = schema["components"]["schemas"]
    for record in (ExplainedCluster, ClusterSource, EventCluster, ClusterReport):
        assert set(shapes[record.__name__]["properties"]) == {f.name for f in fields(record)}
    assert items["$ref"].endswith("/ExplainedCluster")


@pytest.mark.parametrize(
    ("path", "field", "record"),
    [
        ("/api/articles/{article_id}", "article", Article),
        ("/api/articles/{article_id}", "listing", ArticleSummary),
        ("/api/stories/{story_id}", "card", StoryCard),
        ("/api/stories/{story_id}", "copy_groups", CopyGroup),
        ("/api/actors/{actor_id}", "profile", ActorProfile),
        ("/api/search", "hits", SearchHit),
        ("/api/search/overview", "facets", SearchFacets),
        ("/api/search/overview", "attention", Attention),
    ],
)
def test_a_detail_holds_the_records_not_copies_of_them(
    schema: dict[str, Any], path: str, field: str, record: type
) -> None:
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    shapes = schema["components"]["schemas"]
    wrapper = shapes[answer["schema"]["$ref"].rsplit("/", 1)[-1]]["properties"][field]
    assert wrapper.get("$ref", wrapper.get("items", {}).get("$ref", "")).endswith(
        f"/{record.__name__}"
    )
    assert set(shapes[record.__name__]["properties"]) == {f.name for f in fields(record)}


def test_nested_records_are_typed_too(schema: dict[str, Any]) -> None:
    claims = schema["components"]["schemas"]["Disagreement"]["properties"]["claims"]
    assert claims["items"]["$ref"].endswith("/Claim")
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert set(claim) == {f.name for f in fields(Claim)}


def test_exports_are_described_as_files_not_json(schema: dict[str, Any]) -> None:
    content = schema["paths"]["/api/export/{what}.{fmt}"]["get"]["responses"]["200"]["content"]
    assert "application/json" not in content
    assert {"text/csv", "application/x-ndjson", "application/vnd.apache.parquet"} <= set(content)
