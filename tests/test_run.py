from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from blocwatch.errors import StoreError
from blocwatch.ingest.files import ReadLimits, read_inputs
from blocwatch.pipeline import LocalExecutor
from blocwatch.run import ReadyArticle, ingest, ready_in_workers
from blocwatch.stages import default_pipeline
from blocwatch.store import Store
from blocwatch.store.schema import ArticleRow
from tests.factories import make_article

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
            f"Delegations meet in {city}, round {number}\n\nOfficials gathered in {city} for round {number} of consultations "
            "on transit and energy, the ministry said on Monday.\n\nThe talks covered rail freight, power exports and the "
            "customs rules that have slowed trucks at the border crossings for most of the year.\n",
            encoding="utf-8",
        )


def test_a_thousand_files_with_bad_ones_among_them(tmp_path: Path, sqlite_store: Store) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 1000)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (corpus / "huge.html").write_bytes(b"<html>" + b"z" * 3000)
    legacy = (
        "Le pr\xe9sident Toka\xefev re\xe7oit les ministres\n\n"
        "Le pr\xe9sident a re\xe7u les ministres des affaires \xe9trang\xe8res \xe0 Astana, o\xf9 ils ont "
        "\xe9voqu\xe9 le transit, l\u2019\xe9nergie et la s\xe9curit\xe9 r\xe9gionale avant un d\xeener officiel.\n"
    )
    (corpus / "legacy.txt").write_bytes(legacy.encode("cp1252"))
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
    stored = next(
        a
        for a in sqlite_store.iter_articles(with_facts=False)
        if a.raw_path and a.raw_path.endswith("legacy.txt")
    )
    assert "Le président a reçu les ministres des affaires étrangères à Astana" in stored.text
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


def test_surrogates_nul_and_bad_fields_cost_no_record(tmp_path: Path, store: Store) -> None:
    """Six records, each odd in its own way: all six are stored, on SQLite and PostgreSQL,
    and the bad fields are reported as warnings."""
    body = (
        "Officials from {} met in Vienna on Monday to discuss gas transit and border crossings, "
        "the ministry said. The delegations agreed to meet again next month to continue the work."
    )
    lines = [
        json.dumps({"text": body.format("Armenia") + " \ud800 More talks follow."}),
        json.dumps({"text": body.format("Georgia"), "title": "Talks \udc00 in Vienna"}),
        json.dumps({"text": body.format("Moldova"), "title": "Transit\u0000 talks"}),
        json.dumps({"text": body.format("Ukraine") + "\u0000 Details were not given."}),
        json.dumps({"text": body.format("Kazakhstan"), "published": "2022-02-30"}),
        json.dumps(
            {"text": body.format("Serbia"), "title": {"main": "x"}, "published": 1650000000}
        ),
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    report = ingest(store, read_inputs([str(path)]), default_pipeline())
    assert report.rejected == [] and report.ingested == 6
    assert store.count_articles() == 6
    assert report.warning_count == 3
    assert any("odd.jsonl:5: published '2022-02-30'" in w for w in report.warnings)
    titles = {store.get_article(a.id).title for a in store.list_articles(limit=10)}  # type: ignore[union-attr]
    assert {"Talks \ufffd in Vienna", "Transit  talks"} <= titles
    again = ingest(store, read_inputs([str(path)]), default_pipeline())
    assert again.ingested == 0 and again.duplicates == 6


def test_two_writers_saving_the_same_articles_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    Store(url).close()
    articles = [
        make_article(f"race{i:03d}", f"Talks resumed in Baku, round {i}.") for i in range(60)
    ]
    stores = [Store(url), Store(url)]
    results: list[int | BaseException] = []

    def save(store: Store) -> None:
        try:
            results.append(sum(store.save_articles(articles[i : i + 5]) for i in range(0, 60, 5)))
        except BaseException as exc:
            results.append(exc)

    threads = [threading.Thread(target=save, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(r, int) for r in results), results
    assert sum(results) == 60  # type: ignore[arg-type]
    assert stores[0].count_articles() == 60
    for store in stores:
        store.close()


def _facts(store: Store) -> list[tuple[str, int, int, int, str | None]]:
    return sorted(
        (a.id, len(a.sentences), len(a.mentions), len(a.events), a.title)
        for a in store.iter_articles()
    )


def test_workers_hand_back_rows_and_store_what_one_process_stores(
    tmp_path: Path, sqlite_store: Store
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 12)
    (corpus / "visit.txt").write_text(
        "Ministers meet\n\nRussia and China signed a transit agreement in Astana on Monday, "
        'officials said. "We will build the line together," the Chinese foreign minister said.\n',
        encoding="utf-8",
    )
    pipeline = ready_in_workers(default_pipeline())
    visit = read_inputs([str(corpus / "visit.txt")])
    [ready] = list(LocalExecutor(workers=2, batch_size=4).run(pipeline, visit))
    assert isinstance(ready, ReadyArticle)
    assert ready.article.parses == [] and ready.prepared is not None
    assert ready.rows.safe and [r["id"] for r in ready.rows.articles] == [ready.article.id]
    assert len(ready.rows.sentences) == len(ready.article.sentences) >= 2
    assert len(ready.rows.events) == len(ready.article.events)

    pooled = Store(f"sqlite:///{tmp_path / 'pooled.db'}")
    ingest(
        pooled,
        read_inputs([str(corpus)]),
        pipeline,
        executor=LocalExecutor(workers=2, batch_size=4),
    )
    ingest(sqlite_store, read_inputs([str(corpus)]), default_pipeline())
    assert _facts(pooled) == _facts(sqlite_store)
    assert len(_facts(pooled)) == 13
    assert pooled.count_stories() == sqlite_store.count_stories() > 0
    pooled.close()


def _refuse(store: Store, when: str, reason: str) -> None:
    """A trigger that makes the database refuse some article rows, as a real one may."""
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN {when} "
            f"BEGIN SELECT RAISE(ABORT, '{reason}'); END"
        )


def test_a_batch_refused_behind_the_pipeline_is_stored_one_by_one_and_the_next_goes_on(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 20)
    (corpus / "0005b.txt").write_text(
        "Embargoed: ministers meet in Baku\n\nThe ministers of Armenia and Azerbaijan met in "
        "Baku on Monday to discuss the border, officials said.\n",
        encoding="utf-8",
    )
    behind = Store(f"sqlite:///{tmp_path / 'behind.db'}")
    _refuse(behind, "NEW.title LIKE 'Embargoed%'", "embargoed by the archive")
    report = ingest(behind, read_inputs([str(corpus)]), default_pipeline(), batch_size=8)
    assert report.ingested == 20 and behind.count_articles() == 20
    [refused] = report.rejected
    assert refused.step == "store" and "embargoed by the archive" in refused.reason
    assert refused.source.endswith("0005b.txt")
    assert [r.step for r in behind.rejections(10)] == ["store"]

    inline = Store(f"sqlite:///{tmp_path / 'inline.db'}")
    _refuse(inline, "NEW.title LIKE 'Embargoed%'", "embargoed by the archive")
    ingest(inline, read_inputs([str(corpus)]), default_pipeline(), batch_size=8, overlap=False)
    assert _facts(behind) == _facts(inline)
    assert _stories(behind) == _stories(inline)
    behind.close()
    inline.close()


def test_a_database_that_refuses_every_row_stops_the_run_after_the_batches_it_took(
    tmp_path: Path, sqlite_store: Store
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 30)
    _refuse(sqlite_store, "(SELECT count(*) FROM articles) >= 8", "archive is read-only")
    with pytest.raises(StoreError, match="archive is read-only"):
        ingest(sqlite_store, read_inputs([str(corpus)]), default_pipeline(), batch_size=8)
    assert sqlite_store.count_articles() == 8
    assert sqlite_store.pending_count() == 0  # the stored batch has its stories


def _stories(store: Store) -> list[tuple[str, str | None]]:
    with store.session() as session:
        rows = session.execute(select(ArticleRow.id, ArticleRow.story_id))
        return sorted((article_id, story_id) for article_id, story_id in rows)
