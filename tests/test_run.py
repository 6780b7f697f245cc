from __future__ import annotations

from pathlib import Path

from blocwatch.ingest.files import ReadLimits, read_inputs
from blocwatch.pipeline import LocalExecutor
from blocwatch.run import ingest
from blocwatch.stages import default_pipeline
from blocwatch.store import Store

CAPITALS = [
    "Astana",
    "Tashkent",
    "Bishkek",
    "Dushanbe",
    "Ashgabat",
    "Baku",
    "Yerevan",
    "Tbilisi",
    "Minsk",
    "Chisinau",
]


def _write_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        city = CAPITALS[number % len(CAPITALS)]
        (folder / f"{number:04d}.txt").write_text(
            f"Delegations meet in {city}, round {number}\n\nOfficials gathered in {city} for round {number} of consultations on transit and energy.\n",
            encoding="utf-8",
        )


def test_a_thousand_files_with_bad_ones_among_them(tmp_path: Path, sqlite_store: Store) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 1000)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (corpus / "huge.html").write_bytes(b"<html>" + b"z" * 3000)
    (corpus / "legacy.txt").write_bytes(
        "Pr\xe9sident Toka\xefev re\xe7oit les ministres \u2014 caf\xe9.\n\nLe pr\xe9sident a re\xe7u les ministres.".encode(
            "cp1252"
        )
    )
    ticks: list[int] = []
    report = ingest(
        sqlite_store,
        read_inputs([str(corpus)], ReadLimits(max_bytes=2000)),
        default_pipeline(),
        progress=ticks.append,
    )
    assert report.ingested == 1001
    assert {Path(r.source).name: r.reason.split(":")[0] for r in report.rejected} == {
        "empty.txt": "empty file",
        "binary.txt": "binary content (NUL bytes), not text or HTML",
        "huge.html": "too large",
    }
    assert sum(ticks) == 1004
    legacy = next(
        a
        for a in sqlite_store.iter_articles(with_facts=False)
        if a.raw_path and a.raw_path.endswith("legacy.txt")
    )
    assert "Le président a reçu les ministres." in legacy.text
    assert sqlite_store.rejections(limit=10)[0].reason in {
        "empty file",
        "too large: 3,006 bytes (limit 2,000)",
        "binary content (NUL bytes), not text or HTML",
    }


def test_reingest_skips_everything_and_parallel_run_matches(
    tmp_path: Path, sqlite_store: Store
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 40)
    executor = LocalExecutor(workers=2, batch_size=8)
    first = ingest(sqlite_store, read_inputs([str(corpus)]), default_pipeline(), executor=executor)
    assert (first.ingested, first.duplicates) == (40, 0)
    assert first.step_counts["clean"] == {"in": 40, "out": 40, "rejected": 0}
    second = ingest(
        sqlite_store, read_inputs([str(corpus), str(corpus / "0001.txt")]), default_pipeline()
    )
    assert (second.ingested, second.duplicates, second.rejected) == (0, 41, [])


def test_raw_input_is_kept_even_when_cleaning_rejects_it(
    tmp_path: Path, sqlite_store: Store
) -> None:
    page = tmp_path / "nav-only.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    report = ingest(sqlite_store, read_inputs([str(page)]), default_pipeline())
    assert report.ingested == 0 and len(report.rejected) == 1
    from blocwatch.store.schema import RawDocumentRow

    with sqlite_store.session() as session:
        assert session.query(RawDocumentRow).count() == 1
