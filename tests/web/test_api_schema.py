"""schemathesis against the app's own OpenAPI schema: no generated request gets a 500.

Every operation is called with inputs hypothesis derives from the schema (odd strings,
NUL, huge numbers included), on SQLite and PostgreSQL over the test corpus.
``BLOCWATCH_SCHEMA_EXAMPLES`` sets how many per operation (few in CI, more by hand).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from blocwatch.store import Store
from blocwatch.web import create_app
from blocwatch.web.analysis import Analysis
from tests.web.corpus import build_corpus

EXAMPLES = int(os.environ.get("BLOCWATCH_SCHEMA_EXAMPLES", "5"))


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(store: Store) -> None:
    build_corpus(store)
    # schemathesis's ASGI client names the host "testserver".
    app = create_app(store, analysis=Analysis(), trusted_hosts=["localhost", "testserver"])
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def call(case: schemathesis.Case) -> None:
            try:
                response = case.call()
            except Exception as exc:  # the test client re-raises what the app did not handle
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> {exc!r}")
                return
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query} -> "
                    f"{response.status_code}: {response.text[:200]}"
                )

        call()
    assert operations >= 10
    assert failures == []
