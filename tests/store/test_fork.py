"""A process forked from one holding open connections (the local executor's workers)
starts with an empty pool: it never talks over its parent's connection."""

from __future__ import annotations

import os
import sys

import pytest
from sqlalchemy import text

from blocwatch.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no fork")


def test_a_forked_child_forgets_the_parents_connections_and_the_parent_keeps_them(
    store: Store,
) -> None:
    with store.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert store.engine.pool.checkedin() == 1
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.close(read)
        inherited = store.engine.pool.checkedin()
        with store.engine.connect() as connection:
            value = connection.execute(text("SELECT 41 + 1")).scalar_one()
        os.write(write, f"{inherited} {value}".encode())
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(child, 0)
    report = os.read(read, 64).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert report == "0 42"
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT 7")).scalar_one() == 7
    assert store.engine.pool.checkedin() == 1
