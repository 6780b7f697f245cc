"""The demo: the bundled corpus through the whole pipeline, and the app serving it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from blocwatch.demo import run_demo, sample_corpus_dir
from blocwatch.store import Store
from blocwatch.store.cluster_reads import clusters_between
from blocwatch.web import create_app


def test_demo_pipeline_stores_the_sample_and_the_app_serves_it(sqlite_store: Store) -> None:
    manifest = json.loads((sample_corpus_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
    report = run_demo(sqlite_store)
    assert report.rejected == []
    assert report.ingested == len(manifest)
    again = run_demo(sqlite_store)
    assert (again.ingested, again.duplicates) == (0, len(manifest))

    client = TestClient(create_app(sqlite_store), base_url="http://localhost")
    home = client.get("/")
    assert home.status_code == 200
    newest = sqlite_store.list_articles(limit=1)[0]
    assert newest.title is not None and newest.title.split()[0] in home.text
    assert client.get(f"/articles/{newest.id}").status_code == 200

    pair = client.get("/relations/RUS/UKR").text
    assert "This chart rests on" in pair
    # Russia and Ukraine in 2022 are conflict, not cooperation, even counting the events
    # below the default view (the sample names the invasion only in passing): one vote per
    # real-world event, recognition of the breakaway regions an act toward them, not
    # toward Ukraine.
    unsure = Store(sqlite_store.url, min_confidence=0.5)
    try:
        unsure.rebuild_event_clusters()
        year = {"since": date(2022, 1, 1), "until": date(2022, 12, 31)}
        clusters = clusters_between(unsure, ["RUS"], ["UKR"], statuses=["happened"], **year)
    finally:
        unsure.close()
    scores = [c.goldstein for c in clusters if c.goldstein is not None]
    assert scores and sum(scores) / len(scores) < 0


def test_sample_titles_and_dates_match_the_manifest(sqlite_store: Store) -> None:
    manifest = json.loads((sample_corpus_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
    run_demo(sqlite_store)
    by_file = {
        Path(a.raw_path or "").name: a
        for a in sqlite_store.iter_articles(with_facts=False)
        if a.raw_path
    }
    titles = {name: entry["title"] for name, entry in manifest.items() if ":" not in name}
    found = sum(1 for name, title in titles.items() if by_file[name].title == title)
    assert found / len(titles) >= 0.9


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_demo_command_runs_the_pipeline_and_serves_the_app(tmp_path: Path) -> None:
    """What `make demo` runs: the real command, a real server, real HTTP."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "blocwatch",
        "demo",
        "--db",
        f"sqlite:///{tmp_path / 'demo.db'}",
        "--port",
        str(port),
    ]
    log_path = tmp_path / "demo.log"
    # Output goes to a file, not a pipe: a pipe nobody reads fills up and blocks the demo.
    with log_path.open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    home = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        server.kill()
                        server.wait(timeout=30)
                        raise AssertionError(
                            f"the demo did not start: {log_path.read_text()[-2000:]}"
                        ) from None
                    time.sleep(0.5)
            assert home.status_code == 200
            articles = httpx.get(
                f"http://127.0.0.1:{port}/api/articles", params={"limit": 500}
            ).json()
            assert len(articles) == len(
                json.loads((sample_corpus_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
    assert f"at http://127.0.0.1:{port}" in log_path.read_text()
