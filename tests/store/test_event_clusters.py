"""The stored clusters a batch of new event mentions is compared with."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from blocwatch.store import Store
from blocwatch.store.event_clusters import _candidates
from blocwatch.store.schema import EventClusterRow
from blocwatch.stories.event_clusters import ClusterMention, mention
from tests.analysis.builders import E, article


def _stored(store: Store) -> None:
    """Clusters of one busy actor: other partners, other acts, other years."""
    store.save_articles(
        [
            article(
                "spring",
                [
                    E("RUS", "UKR", -10.0, 4, "2022-03-01", type="ASSAULT"),
                    E("RUS", "UKR", -10.0, 4, "2022-03-03", type="ASSAULT"),
                    E("RUS", "TUR", 1.0, 1, "2022-03-01", type="CONSULT"),
                    E("RUS", "GEO", -10.0, 4, "2022-03-01", type="ASSAULT"),
                ],
                published=date(2022, 3, 4),
            ),
            article(
                "old",
                [E("RUS", "UKR", -10.0, 4, "2014-02-27", type="ASSAULT")],
                published=date(2014, 2, 28),
            ),
            article(
                "alone",
                [E("RUS", "RUS", -2.0, 2, "2022-03-01", type="PROTEST")],
                published=date(2022, 3, 2),
            ),
        ]
    )


def _mention(number: int, source: str, target: str, event_type: str, day: str) -> ClusterMention:
    return mention(
        number,
        f"new{number}",
        event_type=event_type,
        status="happened",
        source=source,
        target=target,
        event_date=day,
        published=date(2022, 3, 10),
        place=None,
    )


def _overlaps(row: EventClusterRow, m: ClusterMention) -> bool:
    key = (row.type, row.status, row.source_code, row.target_code)
    if key != m.key or None in (row.first_day, row.last_day, m.first, m.last):
        return False
    assert row.first_day is not None and row.last_day is not None
    assert m.first is not None and m.last is not None
    return row.first_day <= m.last and row.last_day >= m.first


def test_a_batch_reads_only_clusters_of_its_own_acts_partners_and_days(store: Store) -> None:
    _stored(store)
    # One mention reaches back to 2014 (a year), the other is dated March 2022: the
    # Georgian and Turkish clusters and the 2022 war days fit neither key and span.
    batch = [
        _mention(1, "RUS", "UKR", "ASSAULT", "2022-03-03"),
        _mention(2, "RUS", "GEO", "CONSULT", "2014"),
    ]
    with store.session() as session:
        drafts = _candidates(session, batch)
        rows = list(session.scalars(select(EventClusterRow)))
    assert [(d.key, d.day) for d in drafts] == [
        (("ASSAULT", "happened", "RUS", "UKR"), date(2022, 3, 3)),
    ]
    assert len(rows) == 6
    fitting = sorted(r.id for r in rows if any(_overlaps(r, m) for m in batch))
    assert [d.id for d in drafts] == fitting


def test_every_stored_cluster_a_mention_overlaps_is_a_candidate_in_index_order(
    store: Store,
) -> None:
    _stored(store)
    batch = [
        _mention(1, "RUS", "UKR", "ASSAULT", "2022-03"),
        _mention(2, "RUS", "UKR", "ASSAULT", "2014"),
        _mention(3, "RUS", "TUR", "CONSULT", "2022-03-01"),
        _mention(4, "RUS", "RUS", "PROTEST", "2022"),
    ]
    with store.session() as session:
        drafts = _candidates(session, batch)
        rows = list(session.scalars(select(EventClusterRow)))
    fitting = [r for r in rows if any(_overlaps(r, m) for m in batch)]
    fitting.sort(key=lambda r: (r.source_code, r.target_code or "", r.day or date.min, r.id))
    assert [d.id for d in drafts] == [r.id for r in fitting]
    assert {d.key[3] for d in drafts} == {"UKR", "TUR", "RUS"}
    assert len(drafts) == 5
