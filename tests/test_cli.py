from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from typer.testing import CliRunner

from blocwatch.cli import EXIT_NOT_FOUND, EXIT_REJECTED, EXIT_STORE, app
from blocwatch.store import ExportFormat, ExportKind, Store, export_bytes
from blocwatch.store.explorer import EventFilter, find_events
from blocwatch.store.schema import ActorDayRow, EventCountRow, EventRow
from tests.factories import make_article

PAGE = """<html><head><title>Tokayev and Mirziyoyev sign a border treaty</title>
<meta property="og:site_name" content="Steppe Herald"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Tokayev and Mirziyoyev sign a border treaty</h1>
<p>The presidents of Kazakhstan and Uzbekistan signed a treaty on the demarcation of their shared border during a state visit to Tashkent, officials said.</p>
<p>Both leaders described the agreement as the end of a long process that began soon after independence, and said it would open the way for more trade across the frontier.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "treaty.html").write_text(PAGE, encoding="utf-8")
    (folder / "note.txt").write_text(
        "Armenia and the EU hold talks\n\nYerevan hosted a round of talks with European Union officials on visa facilitation, "
        "the second such meeting this year.\n\nThe Armenian delegation said it expected a decision on a formal dialogue "
        "before the end of the year, while EU officials spoke of steady progress on the technical criteria.\n",
        encoding="utf-8",
    )
    return folder


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_ingest_then_reingest_is_idempotent(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", _db(tmp_path)])
    assert first.exit_code == 0, first.output
    assert "ingested 2, duplicates skipped 0, rejected 0" in first.output
    second = runner.invoke(app, ["ingest", str(corpus), "--db", _db(tmp_path), "--format", "json"])
    assert second.exit_code == 0
    assert json.loads(second.stdout) | {"steps": None} == {
        "ingested": 0,
        "duplicates": 2,
        "rejected": 0,
        "rejections": [],
        "warnings": [],
        "warning_count": 0,
        "steps": None,
    }


def test_bad_inputs_are_reported_and_exit_non_zero(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(
        app, ["ingest", str(corpus), "--db", _db(tmp_path), "--format", "json"]
    )
    assert result.exit_code == EXIT_REJECTED
    report = json.loads(result.stdout)
    assert report["ingested"] == 2
    assert {r["source"].rsplit("/", 1)[-1]: r["reason"] for r in report["rejections"]} == {
        "blob.txt": "binary content (NUL bytes), not text or HTML",
        "empty.txt": "empty file",
    }


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", "-", "--db", _db(tmp_path)], input=PAGE)
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["articles", "--db", _db(tmp_path), "--format", "json"])
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["title"] == "Tokayev and Mirziyoyev sign a border treaty"


def test_export_prints_articles_in_the_documented_schema(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(corpus), "--db", _db(tmp_path)])
    result = runner.invoke(
        app, ["export", "--what", "articles", "--format", "jsonl", "--db", _db(tmp_path)]
    )
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    assert all(
        list(row)
        == [
            "id",
            "url",
            "outlet",
            "title",
            "published_at",
            "language",
            "read_as",
            "origin_agency",
            "text",
            "raw_path",
        ]
        for row in rows
    )
    treaty = next(r for r in rows if r["raw_path"].endswith("treaty.html"))
    assert "signed a treaty on the demarcation" in treaty["text"]
    assert "Subscribe to our newsletter" not in treaty["text"]


def test_show_finds_an_article_by_id_prefix(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(corpus / "treaty.html"), "--db", _db(tmp_path)])
    article_id = json.loads(
        runner.invoke(app, ["articles", "--db", _db(tmp_path), "--format", "json"]).stdout
    )["id"]
    shown = runner.invoke(app, ["show", article_id[:6], "--db", _db(tmp_path), "--format", "json"])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["id"] == article_id
    missing = runner.invoke(app, ["show", "zzzz", "--db", _db(tmp_path)])
    assert missing.exit_code == EXIT_NOT_FOUND
    assert "no article has this id" in missing.output


def test_unusable_database_exits_with_the_store_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["articles", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == EXIT_STORE
    assert "cannot open database" in result.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in ["ingest", "articles", "show", "export", "serve", "demo"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output


WIRE = (
    "Foreign ministers of the Commonwealth of Independent States met in Dushanbe on Friday and agreed to expand "
    "cooperation on transport and tourism, the host government said. Delegations from nine states attended the "
    "meeting, which also discussed regional security and the economic situation in member countries. The "
    "ministers approved a plan of consultations for the coming year and set the date of their next session."
)


def _kept_rows(store: Store) -> list[tuple[object, ...]]:
    found = []
    for table in (EventCountRow, ActorDayRow):
        columns = [c for c in table.__table__.c if c.name != "id"]
        with store.session() as session:
            rows = session.execute(select(*columns).order_by(*columns))
            found += [(table.__tablename__, *row) for row in rows]
    return found


def test_stories_group_copies_and_summarize_cites_spans(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"CIS ministers meet in Dushanbe\n\n{WIRE}\n\nBased on materials from TASS\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        f"Ministers agree on transport in Dushanbe\n\nDUSHANBE, May 13 — {WIRE}\n", encoding="utf-8"
    )
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", _db(tmp_path)]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", _db(tmp_path), "--format", "json"])
    [story] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(story["article_ids"]) == 2
    assert sum(len(copies) for copies in story["copy_groups"].values()) == 1
    assert story["summary"] and all(s["end"] > s["start"] for s in story["summary"])

    store = Store(_db(tmp_path))
    ingested = _kept_rows(store)  # kept by the ingest batch, which found the copy
    copies = [row for row in ingested if row[0] == "actor_days" and row[4]]  # (.., copy, ..)
    assert copies  # the copy's mentions are counted as a copy's
    store.recount()
    assert _kept_rows(store) == ingested  # the same as counted again from scratch
    with store.batch() as writer:  # rows lost behind the store's back
        writer.session.execute(delete(EventCountRow))
        writer.session.execute(delete(ActorDayRow))
    assert find_events(store, EventFilter()).total == 0
    counted = runner.invoke(app, ["stories", "--db", _db(tmp_path), "--recount"])
    assert counted.exit_code == 0, counted.output
    assert "counted the stored events and mentions again" in counted.output
    with store.session() as session:
        events = session.scalar(select(func.count()).select_from(EventRow)) or 0
        kept = session.scalar(select(func.sum(EventCountRow.events)).where(
            EventCountRow.actor == "", EventCountRow.dimension == "all"))  # fmt: skip
        assert kept == events and session.scalar(select(func.count()).select_from(ActorDayRow))
    store.close()

    summary = runner.invoke(
        app, ["summarize", str(folder / "a.txt"), "--format", "json", "--sentences", "2"]
    )
    assert summary.exit_code == 0, summary.output
    result = json.loads(summary.stdout)
    assert result["title"] == "CIS ministers meet in Dushanbe"
    assert len(result["summary"]) == 2
    assert result["summary"][0]["text"].startswith("Foreign ministers of the Commonwealth")


@pytest.mark.postgres
def test_ingest_and_export_against_postgresql(
    corpus: Path, postgres_store: object, postgres_url: str
) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", postgres_url, "--format", "json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["ingested"] == 2
    again = runner.invoke(app, ["ingest", str(corpus), "--db", postgres_url, "--format", "json"])
    assert json.loads(again.stdout)["duplicates"] == 2
    exported = runner.invoke(app, ["export", "--what", "articles", "--db", postgres_url])
    assert len(exported.stdout.splitlines()) == 2


@pytest.mark.dask
def test_ingest_on_a_local_dask_cluster(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(corpus),
            "--db",
            _db(tmp_path),
            "--executor",
            "dask",
            "--workers",
            "2",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ingested"] == 2
    assert report["steps"]["events"]["in"] == 2


def _batches_run(address: str) -> int:
    """How many pipeline batches the scheduler at ``address`` has seen finish."""
    from distributed import Client

    with Client(address, timeout=60) as client:  # type: ignore[no-untyped-call]
        return int(
            client.run_on_scheduler(
                lambda dask_scheduler: (
                    dask_scheduler.task_prefixes["run_batch"].state_counts["memory"]
                    if "run_batch" in dask_scheduler.task_prefixes
                    else 0
                )
            )
        )


@pytest.mark.dask
def test_ingest_on_a_running_dask_scheduler_stores_what_the_local_run_stores(
    corpus: Path, tmp_path: Path, dask_scheduler: str
) -> None:
    local_db, dask_db = f"sqlite:///{tmp_path / 'local.db'}", f"sqlite:///{tmp_path / 'dask.db'}"
    runner = CliRunner()
    local = runner.invoke(app, ["ingest", str(corpus), "--db", local_db, "--format", "json"])
    assert local.exit_code == 0, local.output
    before = _batches_run(dask_scheduler)
    # The address alone selects the Dask executor.
    remote = runner.invoke(
        app,
        [
            "ingest",
            str(corpus),
            "--db",
            dask_db,
            "--dask-address",
            dask_scheduler,
            "--format",
            "json",
        ],
    )
    assert remote.exit_code == 0, remote.output
    assert _batches_run(dask_scheduler) > before
    assert json.loads(remote.stdout)["ingested"] == json.loads(local.stdout)["ingested"] == 2
    stores = [Store(local_db, create=False), Store(dask_db, create=False)]
    try:
        for kind in ExportKind:
            local_rows, dask_rows = (export_bytes(s, kind, ExportFormat.JSONL) for s in stores)
            assert dask_rows == local_rows, kind
        assert export_bytes(stores[0], ExportKind.EVENTS, ExportFormat.JSONL)
    finally:
        for store in stores:
            store.close()


def test_a_dask_address_with_the_local_executor_is_refused(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["ingest", str(corpus), "--db", _db(tmp_path), "--executor", "local",
         "--dask-address", "tcp://127.0.0.1:8786"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is for the dask executor, not the local one" in result.output


def test_export_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "articles.jsonl"
    result = CliRunner().invoke(app, ["export", "-o", str(target), "--db", _db(tmp_path)])
    assert result.exit_code == 2
    assert f"cannot write {target}: the folder {target.parent} does not exist" in result.output
    assert "Traceback" not in result.output


def test_messages_keep_urls_with_brackets_whole(tmp_path: Path) -> None:
    """rich reads "[fd00::1]" as markup unless messages are escaped."""
    result = CliRunner().invoke(
        app, ["ingest", "http://[fd00::1]/news", "--db", _db(tmp_path), "--no-progress"]
    )
    assert result.exit_code == EXIT_REJECTED
    assert "rejected http://[fd00::1]/news: refused: fd00::1 is a private or local address" in (
        result.output
    )


def test_fill_tone_scores_the_articles_stored_without_tone(tmp_path: Path) -> None:
    """What a store made before tone was kept holds: English sentences with no score."""
    store = Store(_db(tmp_path))
    text = "Lavrov condemned the brutal shelling of the port. The talks collapsed."
    store.save_articles([make_article("clash", text)])  # stored without the tone stage
    store.close()
    first = CliRunner().invoke(app, ["fill-tone", "--db", _db(tmp_path)])
    again = CliRunner().invoke(app, ["fill-tone", "--db", _db(tmp_path)])
    assert first.exit_code == 0 and "scored the tone of 1 articles" in first.output
    assert "scored the tone of 0 articles" in again.output
    store = Store(_db(tmp_path))
    article = store.get_article("clash")
    store.close()
    assert article is not None and article.tone is not None and article.tone < 0
