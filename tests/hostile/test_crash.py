"""kill -9 at random points of an ingest, then a rerun: every article exactly once.

The ingest runs as the real command; it is killed at a random moment after it has begun
writing (raw inputs are stored first), several times over, then run to the end. The
database must hold each input's article once, no fact without its article, and pass its
integrity check. An ingest that groups its articles into stories as it goes is killed
once its first batch is in, while later batches are analysed or grouped: after a rerun
every article is in exactly one story and no story work waits.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.hostile.corpus_news import write_news
from tests.hostile.runner import has_exited, run_blocwatch, start_blocwatch, wait_measured

pytestmark = pytest.mark.slow

DOCUMENTS = 90
KILLS = 2


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_killed_ingests_rerun_to_exactly_one_copy_of_each_article(tmp_path: Path) -> None:
    corpus = write_news(tmp_path / "corpus", DOCUMENTS)
    db = tmp_path / "crash.db"
    args = ["ingest", str(tmp_path / "corpus"), "--db", f"sqlite:///{db}", "--no-stories"]
    chooser = random.Random(16)
    kills, stored_at_kill = 0, []
    longest_wait = 0.3
    for _ in range(KILLS + 6):
        child = start_blocwatch(args, tmp_path / "out", tmp_path / "err")
        # Kill once it has begun writing, or once some batch of articles is in, at a
        # random moment after that: inside a batch, between batches, while committing.
        target = chooser.choice([0, 1, 1, _count(db, "articles") + 1])
        deadline = time.monotonic() + 120
        while not has_exited(child) and (
            _count(db, "raw_documents") == 0 or _count(db, "articles") < target
        ):
            assert time.monotonic() < deadline, "the ingest never began writing"
            time.sleep(0.05)
        time.sleep(chooser.uniform(0, longest_wait))
        if not has_exited(child):
            child.send_signal(signal.SIGKILL)
            kills += 1
        code, _ = wait_measured(child, 60)
        stored_at_kill.append(_count(db, "articles"))
        if code == 0 and kills == 0:
            # A fast machine finished the whole ingest before the kill landed: that run
            # tested nothing, so start again from an empty database and kill sooner.
            for leftover in tmp_path.glob("crash.db*"):
                leftover.unlink()
            longest_wait /= 2
            continue
        if code == 0 or kills == KILLS:
            break
    final = run_blocwatch(args)
    assert final.returncode == 0, final.stderr
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT raw_path FROM articles").fetchall()
        orphans = connection.execute(
            "SELECT (SELECT count(*) FROM sentences WHERE article_id NOT IN "
            "(SELECT id FROM articles)) + (SELECT count(*) FROM mentions WHERE article_id "
            "NOT IN (SELECT id FROM articles))"
        ).fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    print(
        f"crash test: {kills} kills, stored at each kill {stored_at_kill}, "
        f"stored after rerun {len(articles)} of {DOCUMENTS}"
    )
    assert kills >= 1
    assert sorted(Path(p).name for (p,) in articles) == sorted(p.name for p in corpus)
    assert orphans == 0 and integrity == "ok"


def test_an_ingest_with_stories_killed_midway_leaves_complete_stories_after_the_rerun(
    tmp_path: Path,
) -> None:
    write_news(tmp_path / "corpus", 3 * 64)
    db = tmp_path / "stories.db"
    args = ["ingest", str(tmp_path / "corpus"), "--db", f"sqlite:///{db}"]
    child = start_blocwatch(args, tmp_path / "out", tmp_path / "err")
    deadline = time.monotonic() + 240
    while not has_exited(child) and _count(db, "stories") == 0:
        assert time.monotonic() < deadline, "the ingest never stored a batch with its stories"
        time.sleep(0.05)
    assert not has_exited(child), "the ingest ended before it could be killed"
    child.send_signal(signal.SIGKILL)
    wait_measured(child, 60)
    stored_at_kill = _count(db, "articles")
    assert 0 < stored_at_kill < 3 * 64, (
        "the kill was meant to land between the first and last batch"
    )
    final = run_blocwatch(args)
    assert final.returncode == 0, final.stderr
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        storyless = connection.execute(
            "SELECT count(*) FROM articles WHERE story_id IS NULL "
            "OR story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
        counted = dict(connection.execute("SELECT id, article_count FROM stories").fetchall())
        members = dict(
            connection.execute(
                "SELECT story_id, count(*) FROM articles GROUP BY story_id"
            ).fetchall()
        )
        waiting = connection.execute("SELECT count(*) FROM story_pending").fetchone()[0]
    print(f"story crash test: {stored_at_kill} stored at the kill, {len(counted)} stories after")
    assert articles == 3 * 64
    assert storyless == 0 and waiting == 0
    assert counted == members
