"""Shared fixtures: stores on SQLite (always) and PostgreSQL (when a server is named), and a
Dask scheduler with two workers on loopback.

PostgreSQL tests run against ``BLOCWATCH_TEST_POSTGRES_URL`` (CI names the machine's
server); each test run creates a throwaway database there and drops it at the end.
Without that variable they skip, saying why.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from blocwatch.store import Store
from blocwatch.store.schema import Base

POSTGRES_ENV = "BLOCWATCH_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(
            f"no PostgreSQL server named: set {POSTGRES_ENV}=postgresql://user@host:port/db"
        )
    admin_url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"blocwatch_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'test.db'}")
    yield store
    store.close()


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[Store]:
    store = Store(postgres_url)
    with store.engine.begin() as conn:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {tables} CASCADE"))
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Store:
    """The same test on both backends."""
    fixture = "sqlite_store" if request.param == "sqlite" else "postgres_store"
    result: Store = request.getfixturevalue(fixture)
    return result


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dask_scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running ``dask scheduler`` with two single-threaded ``dask worker``
    processes, on 127.0.0.1: a cluster the code under test did not start."""
    pytest.importorskip("distributed")
    folder = tmp_path_factory.mktemp("dask")
    file = folder / "scheduler.json"
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    dask = [sys.executable, "-m", "dask"]
    scheduler = subprocess.Popen(
        [*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(file)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers = subprocess.Popen(
        [*dask, "worker", "--scheduler-file", str(file), "--host", "127.0.0.1",
         "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
         "--local-directory", str(folder)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        from distributed import Client

        deadline = time.monotonic() + 120
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = str(json.loads(file.read_text())["address"])
        with Client(address, timeout=60) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in (workers, scheduler):
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
