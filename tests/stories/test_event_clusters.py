"""Event clusters: one record per real-world event, however many articles report it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from blocwatch.analysis import relation_series
from blocwatch.ingest.files import ReadLimits, read_inputs
from blocwatch.model import EventStatus
from blocwatch.run import ingest, rebuild_stories
from blocwatch.settings import Settings
from blocwatch.stages import default_pipeline
from blocwatch.store import Store, event_clusters
from blocwatch.store.cluster_reads import clusters_by_id, reports_of
from blocwatch.store.schema import EventClusterMemberRow, EventClusterRow, EventClusterStateRow
from blocwatch.stories.event_clusters import (
    ClusterDraft,
    ReportFacts,
    assign,
    days_allowed,
    mention,
    summarise,
)
from tests.analysis.builders import E, article

WIRE = """Kazakhstan and Armenia agree to expand rail freight

Kazakhstan's President Kassym-Jomart Tokayev met Armenia's Prime Minister Nikol Pashinyan in \
Astana on Tuesday. The two leaders discussed rail freight, grain deliveries and the transit of \
goods across the Caspian Sea.

Officials from both governments said the talks lasted more than three hours and ended with a \
plan to set up a joint working group on transport tariffs before the summer.

Trade between the two countries has grown quickly since 2022, when new routes were sought to move \
goods between Central Asia and the South Caucasus without crossing Russia.

The prime minister is expected to travel on to Almaty on Wednesday to meet business leaders and \
visit a logistics terminal near the city.
"""
MONITOR = """Yerevan looks east for new trade routes

Nikol Pashinyan held talks with Kassym-Jomart Tokayev in Astana on Tuesday, March 14, a visit his \
office described as a step toward a closer economic partnership.

Armenian officials have spent the past year searching for partners willing to invest in rail \
links that would bypass the closed borders to the west and east of the country.
"""
POST = """Tokayev hosts Pashinyan

Kazakhstan's president Kassym-Jomart Tokayev met Armenia's prime minister Nikol Pashinyan in \
Astana on 14 March to discuss transport links, according to a statement from the Akorda \
presidential residence.

The statement said the two sides would prepare a roadmap for cargo traffic and would meet again \
later in the year.
"""
REPORTS = [
    ("Steppe Wire", "2023-03-14T15:00:00+06:00", WIRE),
    ("Caspian Daily", "2023-03-14T18:30:00+06:00", WIRE + "\nCaspian Daily carries Steppe Wire.\n"),
    ("Silk Road Times", "2023-03-15T07:10:00+06:00", WIRE + "\n(Steppe Wire)\n"),
    ("Eurasia Monitor", "2023-03-15T09:00:00+04:00", MONITOR),
    ("Highland Post", "2023-03-14T20:00:00+04:00", POST),
]


def _ingest(store: Store, folder: Path, reports: list[tuple[str, str, str]], name: str) -> None:
    path = folder / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as lines:
        for n, (outlet, published, text) in enumerate(reports):
            record = {"outlet": outlet, "published": published, "text": text}
            lines.write(json.dumps(record | {"url": f"https://news.example/{name}/{n}"}) + "\n")
    report = ingest(store, read_inputs([str(path)], ReadLimits()), default_pipeline())
    assert report.ingested == len(reports) and report.ok


def _clusters(store: Store) -> list[EventClusterRow]:
    with store.session() as session:
        return list(session.scalars(select(EventClusterRow).order_by(EventClusterRow.id)))


def test_one_meeting_in_five_outlets_is_one_event_with_five_reports_and_three_outlets(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, REPORTS, "meeting")
    [meeting] = [c for c in _clusters(store) if c.target_code is not None]
    assert (meeting.type, meeting.source_code, meeting.target_code) == ("CONSULT", "ARM", "KAZ")
    assert meeting.symmetric and meeting.day == date(2023, 3, 14)
    assert (meeting.reports, meeting.sources) == (5, 3)
    assert meeting.outlets == ["Eurasia Monitor", "Highland Post", "Steppe Wire"]

    reports = reports_of(store, [meeting.id])
    assert sorted(r.outlet or "" for r in reports) == sorted(outlet for outlet, _, _ in REPORTS)
    copies = [r for r in reports if r.copy_of is not None]
    assert len(copies) == 2 and {r.outlet for r in copies} == {"Caspian Daily", "Silk Road Times"}
    for r in reports:
        assert "Pashinyan" in r.evidence.text and "Tokayev" in r.evidence.text

    [point] = relation_series(store, "KAZ", "ARM", min_events=1)
    assert (point.events, point.reports, point.enough) == (1, 5, True)
    assert point.outlets == ("Eurasia Monitor", "Highland Post", "Steppe Wire")


def test_a_copy_arriving_in_a_later_batch_joins_its_originals_report(
    sqlite_store: Store, tmp_path: Path
) -> None:
    _ingest(sqlite_store, tmp_path, REPORTS[:1] + REPORTS[3:], "first")
    [before] = [c for c in _clusters(sqlite_store) if c.target_code is not None]
    assert (before.reports, before.sources) == (3, 3)
    _ingest(sqlite_store, tmp_path, REPORTS[1:3], "later")
    [after] = [c for c in _clusters(sqlite_store) if c.target_code is not None]
    assert after.id == before.id
    assert (after.reports, after.sources, len(after.outlets)) == (5, 3, 3)

    rebuilt = rebuild_stories(sqlite_store)
    assert rebuilt >= 1
    [again] = [c for c in _clusters(sqlite_store) if c.target_code is not None]
    # The wire's copy group counts once, under whichever copy story work takes as original.
    assert (again.reports, again.sources, len(again.outlets)) == (5, 3, 3)
    assert {"Eurasia Monitor", "Highland Post"} <= set(again.outlets)
    with sqlite_store.session() as session:
        state = session.get(EventClusterStateRow, 1)
        assert state is not None and state.complete


def test_one_way_acts_keep_their_direction_and_mutual_ones_fold(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "UKR", -10.0, 4, "2022-03-01", type="ASSAULT"),
                    E("UKR", "RUS", -10.0, 4, "2022-03-01", type="ASSAULT"),
                    E("RUS", "TUR", 1.0, 1, "2022-03-01", type="CONSULT"),
                    E("TUR", "RUS", 1.0, 1, "2022-03-01", type="CONSULT"),
                ],
            )
        ]
    )
    keys = sorted((c.type, c.source_code, c.target_code, c.symmetric) for c in _clusters(store))
    assert keys == [
        ("ASSAULT", "RUS", "UKR", False),
        ("ASSAULT", "UKR", "RUS", False),
        ("CONSULT", "RUS", "TUR", True),
    ]


def test_reports_on_the_day_and_the_day_after_are_one_event_but_stated_days_are_not(
    store: Store,
) -> None:
    store.save_articles(
        [
            # No date in the sentence: the day of publication or the day before.
            article(
                "evening", [E("RUS", "UKR", -10.0, 4, type="ASSAULT")], published=date(2022, 3, 1)
            ),
            article(
                "morning", [E("RUS", "UKR", -10.0, 4, type="ASSAULT")], published=date(2022, 3, 2)
            ),
            # Stated days: two attacks.
            article(
                "dated",
                [
                    E("RUS", "UKR", -10.0, 4, "2022-03-05", type="ASSAULT"),
                    E("RUS", "UKR", -10.0, 4, "2022-03-06", type="ASSAULT"),
                ],
                published=date(2022, 3, 7),
            ),
        ]
    )
    clusters = _clusters(store)
    assert [(c.day, c.reports) for c in clusters] == [
        (date(2022, 3, 1), 2),
        (date(2022, 3, 5), 1),
        (date(2022, 3, 6), 1),
    ]


def test_a_daily_war_is_not_chained_into_one_event() -> None:
    daily = [
        mention(
            n,
            f"a{n}",
            event_type="ASSAULT",
            status="happened",
            source="RUS",
            target="UKR",
            event_date=None,
            published=date(2022, 3, 1 + n),
            place=None,
        )
        for n in range(6)
    ]
    drafts = assign(daily, [])
    # Each report allows its day and the day before: at most two days fold together.
    assert [len(d.new_members) for d in drafts] == [2, 2, 2]
    assert all(d.first == d.last for d in drafts)


def test_different_places_are_different_events() -> None:
    def at(event_id: int, place: str | None) -> object:
        return mention(
            event_id,
            "a",
            event_type="PROTEST",
            status="happened",
            source="GEO",
            target="RUS",
            event_date="2023-03-09",
            published=date(2023, 3, 10),
            place=place,
        )

    drafts = assign([at(1, "Tbilisi"), at(2, "Batumi"), at(3, "tbilisi"), at(4, None)], [])  # type: ignore[list-item]
    assert sorted(len(d.new_members) for d in drafts) == [1, 3]


def test_a_stored_cluster_is_joined_and_narrowed() -> None:
    stored = ClusterDraft(
        7,
        ("CONSULT", "happened", "ARM", "KAZ"),
        True,
        date(2023, 3, 14),
        date(2023, 3, 13),
        date(2023, 3, 14),
        None,
    )
    late = mention(
        9,
        "b",
        event_type="CONSULT",
        status="happened",
        source="KAZ",
        target="ARM",
        event_date="2023-03-14",
        published=date(2023, 3, 16),
        place="Astana",
    )
    [joined] = assign([late], [stored])
    assert joined.id == 7 and (joined.first, joined.last) == (date(2023, 3, 14), date(2023, 3, 14))
    assert joined.place == "Astana"


def test_the_days_a_date_allows() -> None:
    published = date(2022, 5, 12)
    assert days_allowed("2022-05-02", published) == (date(2022, 5, 2),) * 3
    assert days_allowed("2022-05-12", published) == (published, date(2022, 5, 11), published)
    assert days_allowed(None, published) == (published, date(2022, 5, 11), published)
    assert days_allowed("2022-04", published) == (
        date(2022, 4, 1),
        date(2022, 4, 1),
        date(2022, 4, 30),
    )
    assert days_allowed("2022-04-19/2022-04-20", published)[1:] == (
        date(2022, 4, 19),
        date(2022, 4, 20),
    )
    assert days_allowed("2022-02-30", published)[0] == date(2022, 2, 28)
    assert days_allowed("soon", None) == (None, None, None)


def test_unsure_and_negated_events_are_not_clustered(store: Store) -> None:
    store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "UKR", -10.0, 4, "2022-03-01", type="ASSAULT", confidence=0.3),
                    E(
                        "RUS",
                        "UKR",
                        -10.0,
                        4,
                        "2022-03-02",
                        type="ASSAULT",
                        status=EventStatus.NEGATED,
                    ),
                    E("RUS", "UKR", -10.0, 4, "2022-03-03", type="ASSAULT"),
                ],
            )
        ]
    )
    [counted] = _clusters(store)
    assert counted.day == date(2022, 3, 3)
    with store.session() as session:
        assert len(session.scalars(select(EventClusterMemberRow)).all()) == 1
    [found] = clusters_by_id(store, [counted.id])
    assert found.first_event_id is not None and found.reports == 1


def test_a_wire_story_without_an_outlet_is_named_by_the_outlet_that_carried_it() -> None:
    facts = [
        ReportFacts("wire", "wire", None, "040", 1.0, 1),
        ReportFacts("copy", "wire", "Caspian Daily", "040", 1.0, 1),
        ReportFacts("own", "own", "Highland Post", "043", 2.8, 1),
        ReportFacts("other", "other", "Eurasia Monitor", "043", 2.8, 1),
    ]
    summary = summarise(facts)
    assert (summary.reports, summary.sources) == (4, 3)
    assert summary.outlets == ("Caspian Daily", "Eurasia Monitor", "Highland Post")
    assert (summary.cameo, summary.goldstein) == ("043", 2.8)  # what most sources say


def test_a_changed_confidence_floor_asks_for_a_rebuild_that_applies_it(
    sqlite_store: Store,
) -> None:
    sqlite_store.save_articles(
        [
            article(
                "a",
                [
                    E("RUS", "UKR", -10.0, 4, "2022-03-01", type="ASSAULT", confidence=0.9),
                    E("RUS", "UKR", -10.0, 4, "2022-03-03", type="ASSAULT", confidence=0.85),
                ],
            )
        ]
    )
    assert sqlite_store.event_clusters_complete() and len(_clusters(sqlite_store)) == 2
    stricter = Store(sqlite_store.url, min_confidence=0.88)
    try:
        assert not stricter.event_clusters_complete()
        assert stricter.rebuild_event_clusters() == 1
        assert stricter.event_clusters_complete()
        [kept] = _clusters(stricter)
        assert kept.day == date(2022, 3, 1)
    finally:
        stricter.close()


def test_a_store_opened_without_a_floor_uses_the_settings_default() -> None:
    assert Settings.model_fields["min_confidence"].default == event_clusters.DEFAULT_MIN_CONFIDENCE
