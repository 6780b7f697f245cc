"""The command line answers mistakes in words and with the documented exit codes."""

from __future__ import annotations

import logging
import os
import pty
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocwatch.cli import EXIT_STORE, EXIT_USAGE, app
from blocwatch.ingest.count import count_documents
from blocwatch.store import Store


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["articles", "--db", "foo://bar"], EXIT_STORE, "not a database this can use"),
        (["actors", "show", "Kazakhstan", "--on", "notadate"], EXIT_USAGE, "--on: not a date"),
        (["serve", "--port", "99999"], EXIT_USAGE, "a port is a number from 1 to 65535"),
    ],
)
def test_mistakes_get_a_sentence_and_an_exit_code_not_a_traceback(
    args: list[str], code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )


@pytest.mark.parametrize("command", [["articles"], ["show", "abcd"], ["export"], ["stories"]])
def test_reading_a_mistyped_database_path_creates_nothing(
    command: list[str], tmp_path: Path
) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(app, [*command, "--db", f"sqlite:///{missing}"])
    assert result.exit_code == EXIT_STORE
    assert f"no database at {missing}" in result.output
    assert not missing.exists()


def test_serve_names_a_port_in_use_and_never_says_serving(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    Store(f"sqlite:///{db}").close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            app, ["serve", "--db", f"sqlite:///{db}", "--host", "127.0.0.1", "--port", str(port)]
        )
    assert result.exit_code == EXIT_USAGE
    assert "the port is in use" in result.output
    assert "serving" not in result.output


def test_parquet_to_a_terminal_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(f"sqlite:///{db}").close()
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "blocwatch.cli",
                "export",
                "--format",
                "parquet",
                "--db",
                f"sqlite:///{db}",
            ],
            stdout=terminal,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == EXIT_USAGE
    assert b"parquet is binary" in done.stderr


def test_library_warnings_stay_out_of_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import blocwatch.stages as stages

    original = stages.clean_document

    def noisy(*args: object, **kwargs: object) -> object:
        logging.getLogger("trafilatura.core").warning("discarding data: None")
        logging.getLogger("htmldate.extractors").error("no date found")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "clean_document", noisy)
    page = tmp_path / "page.txt"
    page.write_text(
        "Tokayev meets Mirziyoyev\n\nThe presidents of Kazakhstan and Uzbekistan met in Tashkent "
        "on Tuesday and signed a treaty on their shared border, officials of both countries said.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["ingest", str(page), "--db", f"sqlite:///{tmp_path / 'i.db'}", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "discarding data" not in result.output and "no date found" not in result.output
    verbose = CliRunner().invoke(
        app, ["-v", "ingest", str(page), "--db", f"sqlite:///{tmp_path / 'j.db'}", "--no-progress"]
    )
    assert "discarding data" in verbose.output


def test_inputs_are_counted_before_ingest_where_that_is_cheap(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "feed.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    assert count_documents([tmp_path / "a.html", tmp_path / "feed.jsonl"]) == 4
    assert count_documents([tmp_path / "a.html", "https://example.org/feed"]) is None
    assert count_documents([tmp_path / "crawl.warc.gz"]) is None
