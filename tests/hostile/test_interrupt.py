"""Ctrl-C during an ingest: the command says what became of the work, exits 130, and a
rerun stores the rest, every article once."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.hostile.corpus_news import write_news
from tests.hostile.runner import has_exited, run_blocwatch, start_blocwatch, wait_measured

pytestmark = pytest.mark.slow

DOCUMENTS = 90


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_an_interrupted_ingest_says_so_and_a_rerun_finishes_it(tmp_path: Path) -> None:
    corpus = write_news(tmp_path / "corpus", DOCUMENTS)
    db = tmp_path / "interrupted.db"
    args = ["ingest", str(tmp_path / "corpus"), "--db", f"sqlite:///{db}"]
    child = start_blocwatch(args, tmp_path / "out", tmp_path / "err")
    deadline = time.monotonic() + 120
    while not has_exited(child) and _articles(db) == 0:
        assert time.monotonic() < deadline, "the ingest never stored an article"
        time.sleep(0.05)
    if has_exited(child):
        pytest.skip("the whole ingest finished before the interrupt could land")
    child.send_signal(signal.SIGINT)
    code, _ = wait_measured(child, 120)
    stored = _articles(db)
    message = (tmp_path / "err").read_text("utf-8")
    assert code == 130
    assert "interrupted" in message and "Traceback" not in message
    assert 0 < stored <= DOCUMENTS
    final = run_blocwatch(args)
    assert final.returncode == 0, final.stderr
    with sqlite3.connect(db) as connection:
        paths = [p for (p,) in connection.execute("SELECT raw_path FROM articles")]
    assert sorted(Path(p).name for p in paths) == sorted(p.name for p in corpus)
