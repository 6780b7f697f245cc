"""The hostile-input corpus (tests/hostile/make_corpus.py), ingested by the real command:
exit code, the reason given for each refusal, nothing valid lost, memory bounded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from blocwatch.store import Store
from tests.hostile.runner import run_blocwatch

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
HEADROOM_MB = 150
"""Memory an ingest of hostile input may take beyond the same command on one small file
(its own footprint, spaCy and the dictionaries, grows with the project); a reader that
held the 256 MiB line would need more than this."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("hostile")
    subprocess.run(
        [sys.executable, str(HERE / "make_corpus.py"), str(out), "--empty-lines", "30000"],
        check=True,
    )
    return out, json.loads((out / "cases.json").read_text())


@pytest.fixture(scope="module")
def peak_mb(corpus: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> float:
    """The bound: the command's peak on one small page, plus the headroom."""
    out, _ = corpus
    baseline = run_blocwatch(
        [
            "ingest",
            str(out / "mixed" / "plain.txt"),
            "--db",
            f"sqlite:///{tmp_path_factory.mktemp('b') / 'b.db'}",
        ]
    )
    assert baseline.returncode == 0, baseline.stderr
    return baseline.peak_mb + HEADROOM_MB


def _ingest(target: Path, db: Path, *more: str) -> tuple[Any, dict[str, Any]]:
    run = run_blocwatch(
        ["ingest", str(target), "--db", f"sqlite:///{db}", "--format", "json", *more]
    )
    return run, json.loads(run.stdout)


def test_every_hostile_input_is_refused_with_its_reason_and_nothing_valid_is_lost(
    corpus: tuple[Path, dict[str, Any]], tmp_path: Path, peak_mb: float
) -> None:
    out, manifest = corpus
    cases: dict[str, dict[str, Any]] = manifest["mixed"]
    run, report = _ingest(out / "mixed", tmp_path / "mixed.db", "--max-bytes", "1000000")
    assert run.returncode == 1, run.stderr
    reasons: dict[str, list[str]] = {}
    for rejection in report["rejections"]:
        name = Path(rejection["source"].rsplit(":", 1)[0]).name
        reasons.setdefault(name, []).append(rejection["reason"])
    expected_articles = 0
    for name, case in cases.items():
        if case["expect"] == "refused":
            assert any(case["reason"] in r for r in reasons.get(name, [])), (
                name,
                reasons.get(name),
            )
        elif case["expect"] == "mixed":
            for reason in case["reasons"]:
                assert any(reason in r for r in reasons[name]), (name, reason)
        else:
            assert name not in reasons, (name, reasons[name])
        expected_articles += case.get("articles", 0)
    assert report["ingested"] == expected_articles
    assert report["warning_count"] == sum(c.get("warnings", 0) for c in cases.values())
    store = Store(f"sqlite:///{tmp_path / 'mixed.db'}")
    try:
        assert store.count_articles() == expected_articles
        stored = {Path(a.raw_path or "").name for a in store.iter_articles(with_facts=False)}
        assert "passwd.txt" not in stored and not any("outside" in s for s in stored)
    finally:
        store.close()
    assert run.peak_mb < peak_mb, (run.peak_mb, peak_mb)


def test_a_gigantic_line_and_a_flood_of_empty_records_cost_bounded_memory(
    corpus: tuple[Path, dict[str, Any]], tmp_path: Path, peak_mb: float
) -> None:
    """One run over both memory cases: the 256 MiB line is refused without being held, the
    rejections of the empty records are streamed to the database, not kept."""
    out, manifest = corpus
    lines = manifest["empty-records.jsonl.gz"]["lines"]
    size = manifest["big-line.jsonl.gz"]["mib"] << 20
    run = run_blocwatch(
        [
            "ingest",
            str(out / "big-line.jsonl.gz"),
            str(out / "empty-records.jsonl.gz"),
            "--db",
            f"sqlite:///{tmp_path / 'memory.db'}",
            "--format",
            "json",
        ]
    )
    report = json.loads(run.stdout)
    assert run.returncode == 1
    first = report["rejections"][0]
    assert first["source"].endswith("big-line.jsonl.gz:1")
    assert first["reason"].startswith(f"record too large: {size + 13:,} bytes")
    assert report["rejected"] == lines + 1 and len(report["rejections"]) == 1000
    assert report["ingested"] == 2
    assert run.peak_mb < peak_mb, (run.peak_mb, peak_mb)
    store = Store(f"sqlite:///{tmp_path / 'memory.db'}")
    try:
        assert len(store.rejections(limit=lines + 10)) == lines + 1
    finally:
        store.close()
