from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocwatch.cli import EXIT_NOT_FOUND, app

PETRARCH = """# a user's list of regional officials and a local armed group
ZHAPAROV_ZHANYBEK_KUTMANOVICH_
+ZHANYBEK_ZHAPAROV_
[KGZGOV 210128-]
FERGHANA_VALLEY_LIBERATION_FRONT_ [KGZREB]
"""

ARTICLE = """Kyrgyz officials hold talks in Bishkek

Zhanybek Zhaparov met a delegation from Tashkent on Tuesday to discuss water sharing on the rivers that cross the
border, officials said. The two sides agreed to meet again before the irrigation season begins in the spring.
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BLOCWATCH_ACTORS_FILE", raising=False)
    return tmp_path


def test_imported_actors_are_recognised_by_ingest(in_tmp: Path) -> None:
    runner = CliRunner()
    (in_tmp / "officials.actors.txt").write_text(PETRARCH, encoding="utf-8")
    imported = runner.invoke(
        app, ["actors", "import", "officials.actors.txt", "--format", "petrarch"]
    )
    assert imported.exit_code == 0, imported.output
    assert (in_tmp / "blocwatch-actors.json").is_file()
    shown = runner.invoke(app, ["actors", "show", "Zhanybek Zhaparov", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.stdout)
    assert record["country"] == "KGZ" and record["kind"] == "person"
    saved = (in_tmp / "blocwatch-actors.json").read_text(encoding="utf-8")
    front = next(line for line in saved.splitlines() if "Ferghana" in line)
    assert '"sector": "armed group"' in front

    (in_tmp / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(app, ["ingest", "talks.txt", "--db", "sqlite:///t.db"]).exit_code == 0
    mentions = [
        json.loads(line)
        for line in runner.invoke(
            app, ["export", "--what", "mentions", "--db", "sqlite:///t.db"]
        ).stdout.splitlines()
    ]
    assert any(m["actor_id"] == record["id"] and m["name"] == "Zhanybek Zhaparov" for m in mentions)


def test_show_resolves_titles_by_date(in_tmp: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "actors",
            "show",
            "the Russian foreign minister",
            "--on",
            "2022-05-12",
            "--format",
            "json",
        ],
    )
    assert json.loads(result.stdout)["id"] == "person:sergey-lavrov"
    missing = CliRunner().invoke(app, ["actors", "show", "Nobody Atall"])
    assert missing.exit_code == EXIT_NOT_FOUND
