from __future__ import annotations

from datetime import UTC, date, datetime

from blocwatch.analysis import alignment_series, event_evidence, relation_series
from blocwatch.store import Store
from tests.analysis.builders import E, article

MET = "Armenia's foreign minister Ararat Mirzoyan met Sergey Lavrov in Moscow."
BLAMED = "Russia accused the United States of meddling."


def test_a_chart_point_leads_to_its_sentences_newest_article_first(store: Store) -> None:
    store.save_articles(
        [
            article("old", [E("ARM", "RUS", 1.0, 1, "2022-05-02", sentence=MET)]),
            article(
                "new",
                [E("RUS", "USA", -2.0, 3, "2022-05-20", type="ACCUSE", sentence=BLAMED),
                 E("ARM", "RUS", 1.0, 1, "2022-05-19", sentence=MET)],
                published=date(2022, 5, 20),
            ),
        ]
    )  # fmt: skip
    [point] = relation_series(store, "ARM", "RUS")
    found = event_evidence(store, [*point.event_ids, 999_999])
    assert [(e.article_id, e.sentence) for e in found] == [("new", MET), ("old", MET)]
    assert found[0].published_at == datetime(2022, 5, 20, 9, 0, tzinfo=UTC)
    assert (found[0].type, found[0].source_code, found[0].target_code) == ("CONSULT", "ARM", "RUS")
    assert (found[0].start, found[0].end) == (len(BLAMED) + 1, len(BLAMED) + 1 + len(MET))

    [lean] = alignment_series(store, "ARM")
    assert {e.article_id for e in event_evidence(store, lean.event_ids)} == {"old", "new"}
    assert event_evidence(store, []) == []
