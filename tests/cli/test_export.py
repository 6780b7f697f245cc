"""``blocwatch export`` with the explorer's filters."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from blocwatch.cli import EXIT_USAGE, app
from blocwatch.store import Store
from tests.web.corpus import build_corpus


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    store = Store(url)
    build_corpus(store, hostile=False)
    store.close()
    return url


def test_export_filters_events_by_actor_date_and_type(db: str) -> None:
    result = CliRunner().invoke(
        app,
        ["export", "--what", "events", "--actor", "ARM", "--since", "2022-05-13",
         "--type", "ACCUSE", "--format", "csv", "--db", db],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["type"] == "ACCUSE" for r in rows)
    assert all("ARM" in (r["source_code"], r["target_code"]) for r in rows)
    assert all(r["published_at"] >= "2022-05-13" for r in rows)
    assert all(r["sentence_text"] for r in rows)


def test_filtered_parquet_goes_to_a_file_with_the_same_rows(db: str, tmp_path: Path) -> None:
    out = tmp_path / "arm.parquet"
    args = ["export", "--what", "events", "--actor", "ARM", "--db", db]
    assert CliRunner().invoke(app, [*args, "--format", "parquet", "-o", str(out)]).exit_code == 0
    jsonl = CliRunner().invoke(app, [*args, "--format", "jsonl"]).stdout.splitlines()
    assert pq.read_table(out).num_rows == len(jsonl) > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--what", "events", "--since", "last week"], "--since: not a date"),
        (["--what", "articles", "--actor", "RUS"], "filters apply to events only"),
        (["--what", "events", "--pair", "RUS"], "--pair: two actors"),
    ],
)
def test_bad_filters_are_usage_errors(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["export", *args, "--db", db])
    assert result.exit_code == EXIT_USAGE
    assert message in result.output
    assert "Traceback" not in result.output


def test_actor_and_pair_take_names_as_well_as_codes(db: str) -> None:
    def rows(*args: str) -> list[str]:
        result = CliRunner().invoke(app, ["export", "--what", "events", "--db", db, *args])
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    assert rows("--actor", "Kazakhstan") == rows("--actor", "KAZ") != []
    assert rows("--pair", "Armenia,Azerbaijan") == rows("--pair", "ARM,AZE") != []


def test_an_actor_name_that_fits_none_is_a_usage_error_with_suggestions(db: str) -> None:
    result = CliRunner().invoke(
        app, ["export", "--what", "events", "--actor", "Azerbajan", "--db", db]
    )
    assert result.exit_code == EXIT_USAGE
    assert "no actor called 'Azerbajan'" in result.stderr and "Azerbaijan (AZE)" in result.stderr
    assert result.stdout == ""
