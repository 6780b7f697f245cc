"""The ingest command's progress bar (cli/ingest.py)."""

from __future__ import annotations

import threading

from blocwatch.cli.ingest import _progress_bar


def test_the_progress_bar_starts_no_thread_so_the_worker_pool_may_fork() -> None:
    before = {t.ident for t in threading.enumerate()}
    with _progress_bar(True) as live:
        assert live is not None
        task = live.add_task("ingest", total=10)
        live.advance(task, 4)
        live.refresh()
        during = {t.ident for t in threading.enumerate()}
    assert during == before
    assert live.tasks[0].completed == 4
