"""Event counts kept at ingest give what counting the events themselves gives.

The corpus is written for these tests: states meeting, threatening and sanctioning each
other on several days, reported by three outlets, one report without a date, events at
named places (one place under two names, one event there without a quad class), one
planned rather than done, and a syndicated copy found after the fact. After every write
(a batch, the same batch again, a later batch, a copy found, every story reset) the
explorer's totals, facets and timeline and the map's places read from the kept counts
must equal the same figures counted over the events, and the kept rows must equal rows
counted again from scratch.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Integer, and_, cast, delete, func, or_, select

from blocwatch.analysis.attention import attention
from blocwatch.model import (
    ActorKind,
    Article,
    CopyGroup,
    EventActor,
    EventStatus,
    Evidence,
    Mention,
    Span,
    Story,
)
from blocwatch.nlp.tone import add_tone
from blocwatch.periods import Granularity
from blocwatch.store import Store, actor_counts, event_counts
from blocwatch.store.explorer import (
    EventFilter,
    event_days,
    event_facets,
    events_by_place,
    find_events,
)
from blocwatch.store.schema import (
    ArticleRow,
    Base,
    EventClusterMemberRow,
    EventCountRow,
    EventRow,
    MentionRow,
    PairToneDayRow,
    SentenceRow,
)
from blocwatch.store.search import compare_column_types, include_in_schema_comparison
from blocwatch.store.timelines import (
    actor_article_days,
    actor_story_days,
    actor_story_periods,
    actor_tone_days,
    day_of_publication,
    pair_tone_days,
)
from blocwatch.store.views import actor_profile, list_actors
from tests.analysis.builders import E, article, person_mention
from tests.migrating import migrate


def _first_batch() -> list[Article]:
    talks = article(
        "talks",
        [
            E(
                "KAZ",
                "ARM",
                1.0,
                1,
                "2022-05-02",
                type="CONSULT",
                sentence="Kazakhstan held calm, friendly talks with Armenia.",
                place="Astana",
            ),
            E(
                "RUS",
                "ARM",
                -6.0,
                3,
                "2022-05-30",
                type="THREATEN",
                sentence="Lavrov angrily threatened Armenia with a terrible blockade.",
                place="Yerevan",
            ),
            E("USA", "RUS", -8.0, 4, "2022-05-31", type="SANCTION", place="Nur-Sultan"),
            E("RUS", "RUS", 1.0, 1, None, type="CONSULT"),
        ],
        published=date(2022, 6, 2),
        outlet="Steppe Wire",
    )
    _as_lavrov(talks, 1, "source")
    person_mention(talks, "Lavrov", LAVROV, role="foreign minister")
    person_mention(talks, "Kazakhstan", "KAZ", role=None)
    # Armenia named twice in one report: two mentions, one article.
    for sentence in talks.sentences[:2]:
        start = talks.text.index("Armenia", sentence.span.start)
        evidence = Evidence("talks", sentence.index, Span(start, start + 7), "Armenia")
        talks.mentions.append(Mention("ARM", "Armenia", ActorKind.STATE, evidence, country="ARM"))
    summit = article(
        "summit",
        [
            E("ARM", "KAZ", 4.0, 1, "2022-05-02", type="AGREE",
              sentence="Lavrov praised the good agreement between Armenia and Kazakhstan."),
            E("RUS", "USA", -2.0, 3, "2022-06-13", type="ACCUSE", place="Astana"),
            E("KAZ", "RUS", 6.0, 2, "2022-07-04", type="COOPERATE", status=EventStatus.PLANNED),
        ],
        published=date(2022, 7, 5),
        outlet="Caspian Daily",
    )  # fmt: skip
    person_mention(summit, "Lavrov", LAVROV, role="foreign minister", claim=True)
    undated = article(
        "undated",
        [E("AZE", "USA", -5.0, 3, None, type="PROTEST", place="Baku",
           sentence="Lavrov, the envoy, protested loudly against the United States.")],
        outlet="Highland Post",
    )  # fmt: skip
    person_mention(undated, "Lavrov", LAVROV, role="envoy")
    return [add_tone(talks), add_tone(summit), add_tone(replace(undated, published_at=None))]


LAVROV = "person:sergey-lavrov"


def _as_lavrov(report: Article, index: int, side: str) -> None:
    """Event ``index`` of the report with Lavrov on ``side`` (his id; the code stays RUS)."""
    event = report.events[index]
    report.events[index] = replace(event, **{side: EventActor(LAVROV, "Lavrov", "RUS")})


def _later_batch() -> list[Article]:
    said = "Lavrov rejected the cruel sanctions with bitter words."
    sanctions = article(
        "sanctions",
        [
            E("USA", "RUS", -8.0, 4, "2022-06-01", type="SANCTION", place="Moscow"),
            E("RUS", "USA", -4.0, 3, "2022-06-02", type="REJECT", sentence=said),
            E("RUS", "KAZ", None, None, None, type="CONSULT", place="Astana"),
        ],
        published=date(2022, 6, 2),
        outlet="Caspian Daily",
    )
    _as_lavrov(sanctions, 0, "target")
    _as_lavrov(sanctions, 1, "source")
    person_mention(sanctions, "Lavrov", LAVROV, role="prime minister")
    copy = article(
        "copy",
        [
            E("USA", "RUS", -8.0, 4, "2022-06-01", type="SANCTION", place="Moscow"),
            E("RUS", "USA", -4.0, 3, "2022-06-02", type="REJECT", sentence=said),
            E("RUS", "KAZ", None, None, None, type="CONSULT", place="Astana"),
        ],
        published=date(2022, 6, 3),
        outlet="Highland Post",
    )
    _as_lavrov(copy, 1, "source")
    person_mention(copy, "Lavrov", LAVROV, role="prime minister")
    return [add_tone(sanctions), add_tone(copy)]


FILTERS = [
    EventFilter(),
    EventFilter(include_copies=True),
    EventFilter(actor="RUS"),
    EventFilter(actor="ARM", include_copies=True),
    EventFilter(since=date(2022, 6, 2), until=date(2022, 6, 30)),
    EventFilter(actor="RUS", since=date(2022, 6, 3)),
    EventFilter(types=("SANCTION", "CONSULT")),
    EventFilter(actor="RUS", quad_classes=(3, 4)),
    EventFilter(outlet="Caspian Daily", since=date(2022, 6, 1)),
    EventFilter(statuses=("planned",)),
    EventFilter(country="KAZ"),
    EventFilter(types=("SANCTION",), outlet="Caspian Daily"),  # two narrowing fields
    EventFilter(actor="person:nobody"),
    # a quad class and one other narrowing field: the rows crossed with the quad class
    EventFilter(actor="RUS", quad_classes=(4,), since=date(2022, 6, 1)),
    EventFilter(quad_classes=(3,), include_copies=True),
    EventFilter(types=("SANCTION", "THREATEN"), quad_classes=(3, 4)),
    EventFilter(actor="USA", outlet="Caspian Daily", quad_classes=(4,)),
    EventFilter(statuses=("planned",), quad_classes=(2,)),
    EventFilter(country="KAZ", quad_classes=(1, 3)),
    EventFilter(actor="RUS", types=("CONSULT",), quad_classes=(1,), outlet="Steppe Wire"),
    EventFilter(actor=LAVROV, quad_classes=(3,)),
]


def _figures(store: Store, f: EventFilter) -> tuple[Any, ...]:
    facets = event_facets(store, f)
    return (
        find_events(store, f, limit=100).total,
        [e.id for e in find_events(store, f, limit=100).events],
        facets,
        event_days(store, f),
        events_by_place(store, f),
    )


def _assert_kept_counts_give_the_events_figures(store: Store) -> None:
    for f in FILTERS:
        # Every stored event has a confidence of at least 0: the same events, counted
        # over the events themselves, since the kept counts know nothing of confidence.
        assert _figures(store, f) == _figures(store, replace(f, min_confidence=0.0)), f
    with store.session() as session:
        kept = _rows(session)
        assert kept  # something was counted
    with store.batch() as writer:
        event_counts.rebuild(writer.session)
    with store.session() as session:
        assert _rows(session) == kept  # kept up to date = counted again from scratch
    for actor in ("RUS", "USA", "ARM", LAVROV):
        profile = actor_profile(store, actor)
        assert profile is not None
        assert (profile.did_count, profile.done_to_count) == _acts(store, actor)
    _assert_kept_mentions_give_the_mentions_figures(store)
    for a, b in (("RUS", "USA"), ("USA", "RUS"), ("KAZ", "ARM"), ("RUS", "RUS"), ("AZE", "USA")):
        kept_tone = sorted(pair_tone_days(store, a, b))
        scratch = _pair_tone_from_events(store, a, b)
        assert [(d, n) for d, _, n in kept_tone] == [(d, n) for d, _, n in scratch], (a, b)
        assert [t for _, t, _ in kept_tone] == pytest.approx([t for _, t, _ in scratch])


def _pair_tone_from_events(store: Store, a: str, b: str) -> list[tuple[date, float, int]]:
    """Tone per day of the distinct sentences holding an event between ``a`` and ``b``
    (either way), from dated reports that are not copies, counted over the events."""
    between = or_(
        and_(EventRow.source_code == a, EventRow.target_code == b),
        and_(EventRow.source_code == b, EventRow.target_code == a),
    )
    sentences = (
        select(EventRow.article_id, EventRow.sentence_index).where(between).distinct().subquery()
    )
    day = day_of_publication(store)
    with store.session() as session:
        rows = session.execute(
            select(day, func.sum(SentenceRow.tone), func.count())
            .select_from(sentences)
            .join(
                SentenceRow,
                and_(
                    SentenceRow.article_id == sentences.c.article_id,
                    SentenceRow.index == sentences.c.sentence_index,
                ),
            )
            .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
            .where(
                SentenceRow.tone.is_not(None),
                ArticleRow.published_at.is_not(None),
                ArticleRow.copy_of.is_(None),
            )
            .group_by(day)
        )
        return sorted((_day(d), float(t), int(n)) for d, t, n in rows)


def _assert_kept_mentions_give_the_mentions_figures(store: Store) -> None:
    """An actor page's totals, roles, coverage, stories and tone per day, from the kept
    rows, equal the same figures counted over the mentions."""
    with store.session() as session:
        actors = sorted(set(session.scalars(select(MentionRow.actor_id))))
        counted = session.execute(
            select(MentionRow.actor_id, func.count())
            .group_by(MentionRow.actor_id)
            .order_by(func.count().desc(), MentionRow.actor_id)
        ).all()
    assert actors
    assert [(a.id, a.mentions) for a in list_actors(store, limit=1000)] == [
        (actor, n) for actor, n in counted
    ]
    for actor in actors:
        profile = actor_profile(store, actor)
        assert profile is not None
        scratch = _from_mentions(store, actor)
        roles = [
            (r.role, r.first_reported, r.last_reported, r.mentions, r.claim) for r in profile.roles
        ]
        assert (profile.mention_count, profile.article_count, roles) == scratch["profile"]
        assert sorted(actor_article_days(store, actor)) == scratch["article_days"]
        assert sorted(actor_story_days(store, actor)) == scratch["story_days"]
        days = actor_article_days(store, actor)
        for granularity in Granularity:  # stories per period as attention counts the rows
            periods = actor_story_periods(store, actor, granularity)
            assert attention(days, story_periods=periods, granularity=granularity) == attention(
                days, actor_story_days(store, actor), granularity
            )
        tone = sorted(actor_tone_days(store, actor))
        assert [(d, n) for d, _, n in tone] == [(d, n) for d, _, n in scratch["tone_days"]]
        assert [t for _, t, _ in tone] == pytest.approx([t for _, t, _ in scratch["tone_days"]])


def _from_mentions(store: Store, actor: str) -> dict[str, Any]:
    day = day_of_publication(store)
    naming = select(MentionRow.article_id).where(MentionRow.actor_id == actor).distinct()
    sentences = (
        select(MentionRow.article_id, MentionRow.sentence_index)
        .where(MentionRow.actor_id == actor)
        .distinct()
        .subquery()
    )
    with store.session() as session:
        totals = session.execute(
            select(func.count(), func.count(func.distinct(MentionRow.article_id))).where(
                MentionRow.actor_id == actor
            )
        ).one()
        roles = session.execute(
            select(
                MentionRow.role,
                func.min(ArticleRow.published_at),
                func.max(ArticleRow.published_at),
                func.count(),
                func.max(cast(MentionRow.claim, Integer)),
            )
            .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
            .where(MentionRow.actor_id == actor, MentionRow.role.is_not(None))
            .group_by(MentionRow.role)
            .order_by(func.min(ArticleRow.published_at))
        )
        dated = ArticleRow.published_at.is_not(None)
        article_days = session.execute(
            select(day, ArticleRow.outlet, func.count())
            .where(ArticleRow.id.in_(naming), dated)
            .group_by(day, ArticleRow.outlet)
        )
        story_days = session.execute(
            select(day, ArticleRow.story_id)
            .where(ArticleRow.id.in_(naming), dated, ArticleRow.story_id.is_not(None))
            .group_by(day, ArticleRow.story_id)
        )
        tone_days = session.execute(
            select(day, func.sum(SentenceRow.tone), func.count())
            .select_from(sentences)
            .join(
                SentenceRow,
                and_(
                    SentenceRow.article_id == sentences.c.article_id,
                    SentenceRow.index == sentences.c.sentence_index,
                ),
            )
            .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
            .where(SentenceRow.tone.is_not(None), dated, ArticleRow.copy_of.is_(None))
            .group_by(day)
        )
        return {
            "profile": (
                totals[0],
                totals[1],
                [(r or "", f, last, n, bool(c)) for r, f, last, n, c in roles],
            ),
            "article_days": sorted((_day(d), o, n) for d, o, n in article_days),
            "story_days": sorted((_day(d), s) for d, s in story_days),
            "tone_days": sorted((_day(d), float(t), n) for d, t, n in tone_days),
        }


def _map(store: Store, f: EventFilter) -> dict[str, tuple[tuple[str, ...], int, dict[int, int]]]:
    """The map's places: the names the texts used, events, events per quad class."""
    return {p.place.name: (p.names, p.events, p.quad_counts) for p in events_by_place(store, f)}


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _rows(session: Any) -> list[tuple[Any, ...]]:
    t = EventCountRow
    columns = (t.day, t.copy, t.actor, t.dimension, t.value)
    found = session.execute(select(*columns, t.events).order_by(*columns))
    return [tuple(row) for row in found]


def _sides(code: str) -> tuple[Any, Any]:
    """The columns naming ``code`` as source and as target: a person's id, else a code."""
    if code.startswith("person:"):
        return EventRow.source_actor_id, EventRow.target_actor_id
    return EventRow.source_code, EventRow.target_code


def _acts(store: Store, code: str) -> tuple[int, int]:
    """Events from reports (not copies) with ``code`` as source, and as target."""
    with store.session() as session:

        def count(side: Any) -> int:
            query = (
                select(func.count())
                .select_from(EventRow)
                .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                .where(side == code, ArticleRow.copy_of.is_(None))
            )
            return int(session.scalar(query) or 0)

        source, target = _sides(code)
        return count(source), count(target)


def test_kept_event_counts_equal_the_events_counted_after_every_write(store: Store) -> None:
    store.save_articles(_first_batch())
    _assert_kept_counts_give_the_events_figures(store)
    assert find_events(store, EventFilter()).total == 8
    assert _map(store, EventFilter()) == {
        "Astana": (("Astana", "Nur-Sultan"), 3, {1: 1, 3: 1, 4: 1}),
        "Baku": (("Baku",), 1, {3: 1}),  # the undated report's
        "Yerevan": (("Yerevan",), 1, {3: 1}),
    }
    assert event_days(store, EventFilter(actor="RUS")) == [
        (date(2022, 6, 2), 3),
        (date(2022, 7, 5), 2),
    ]

    with store.session() as session:
        first = _rows(session)
    assert store.save_articles(_first_batch()) == 0  # the same batch again changes nothing
    with store.session() as session:
        assert _rows(session) == first

    store.save_articles(_later_batch())
    _assert_kept_counts_give_the_events_figures(store)
    assert event_facets(store, EventFilter(actor="RUS")).types["SANCTION"] == 3

    found = Story(
        "story-sanctions",
        "Sanctions",
        ["sanctions", "copy"],
        copy_groups=[CopyGroup("sanctions", ("copy",), ("Highland Post",))],
    )
    store.replace_stories([found], {})  # the copy is found: its events leave the counts
    _assert_kept_counts_give_the_events_figures(store)
    assert event_facets(store, EventFilter(actor="RUS")).types["SANCTION"] == 2
    assert _map(store, EventFilter(actor="RUS", since=date(2022, 6, 1))) == {
        "Astana": (("Astana", "Nur-Sultan"), 3, {0: 1, 3: 1, 4: 1}),  # no quad class: 0
        "Moscow": (("Moscow",), 1, {4: 1}),  # the copy's Moscow is left out
        "Yerevan": (("Yerevan",), 1, {3: 1}),
    }
    assert find_events(store, EventFilter(include_copies=True)).total == 14

    lavrov = actor_profile(store, LAVROV)
    assert lavrov is not None
    assert sorted((r.role, r.mentions, r.claim) for r in lavrov.roles) == [
        ("envoy", 1, False),  # from the undated report: first on SQLite, last on PostgreSQL
        ("foreign minister", 2, True),
        ("prime minister", 2, False),
    ]
    assert [n for _, _, n in actor_tone_days(store, LAVROV)] == [2, 1]  # copy and undated left out
    assert sorted(actor_story_days(store, LAVROV)) == [
        (date(2022, 6, 2), "story-sanctions"),
        (date(2022, 6, 3), "story-sanctions"),
    ]
    assert actor_story_periods(store, LAVROV, Granularity.WEEK) == {date(2022, 5, 30): 1}
    assert actor_story_periods(store, LAVROV, Granularity.MONTH) == {date(2022, 6, 1): 1}
    assert actor_story_periods(store, LAVROV, Granularity.DAY) == {
        date(2022, 6, 2): 1,
        date(2022, 6, 3): 1,
    }

    store.clear_stories()  # every story reset: no article is a copy any more
    _assert_kept_counts_give_the_events_figures(store)
    assert event_facets(store, EventFilter(actor="RUS")).types["SANCTION"] == 3


def test_a_facet_counts_an_actor_on_both_sides_and_a_place_by_its_country(
    sqlite_store: Store,
) -> None:
    store = sqlite_store
    store.save_articles(_first_batch())
    facets = event_facets(store, EventFilter())
    assert facets.actors["RUS"] == 6  # RUS to RUS counts once on each side
    assert find_events(store, EventFilter(actor="RUS")).total == 5
    assert facets.statuses == {"happened": 7, "planned": 1}


def _kept(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every kept count row, without its id, in order."""
    with store.session() as session:
        found = {"event_counts": _rows(session)}
        for table in (*actor_counts.TABLES, PairToneDayRow.__table__):
            columns = [c for c in table.c if c.name != "id"]
            found[table.name] = [tuple(r) for r in session.execute(select(*columns))]
    return {name: sorted(rows, key=repr) for name, rows in found.items()}


@pytest.mark.parametrize("revision", ["0015", "0018"])
def test_a_store_made_before_the_kept_counts_is_counted_as_from_scratch_when_upgraded(
    store: Store, revision: str
) -> None:
    """From 0015 every kept table is filled (0016-0019); from 0018, the rows crossed with
    the quad class and the actor ids' sides (0019), with the others left as they were."""
    store.save_articles(_first_batch() + _later_batch())
    found = Story(
        "story-sanctions",
        "Sanctions",
        ["sanctions", "copy", "undated"],  # an undated member has no story day
        copy_groups=[CopyGroup("sanctions", ("copy",), ("Highland Post",))],
    )
    store.replace_stories([found], {})
    migrate(store, revision)  # the store as that revision made it
    migrate(store, "head")  # the later revisions fill the kept rows from the stored articles
    upgraded = _kept(store)
    assert all(upgraded.values())
    assert any(copy for _, copy, *_ in upgraded["event_counts"])  # the copy's own rows
    assert upgraded["actor_story_days"]  # and the story's
    dimensions = {dimension for _, _, _, dimension, *_ in upgraded["event_counts"]}
    assert {"type_quad", "source_code_quad", "source_actor_id"} <= dimensions
    with store.engine.connect() as connection:  # down and up again: the declared indexes
        context = MigrationContext.configure(
            connection,
            opts={
                "include_object": include_in_schema_comparison,
                "compare_type": compare_column_types,
            },
        )
        assert compare_metadata(context, Base.metadata) == []

    with store.batch() as writer:
        event_counts.rebuild(writer.session)  # the live code, counting from scratch
    assert _kept(store) == upgraded


def test_an_actor_and_a_quad_class_a_person_and_a_pair_are_answered_from_the_kept_rows(
    sqlite_store: Store,
) -> None:
    """The explorer under an actor and a quad class, a person's event totals and a pair's
    tone per day read the kept rows: with the events gone behind the counts' back (a raw
    delete, nothing recounted), they still answer what the events said."""
    store = sqlite_store
    store.save_articles(_first_batch() + _later_batch())
    conflicts = EventFilter(actor="RUS", quad_classes=(3, 4), since=date(2022, 6, 1))
    facets = event_facets(store, conflicts)
    assert facets.types == {"SANCTION": 3, "REJECT": 2, "ACCUSE": 1, "THREATEN": 1}
    assert facets.actors["USA"] == 6  # no copy is known yet: both reports count
    lavrov = actor_profile(store, LAVROV)
    assert lavrov is not None
    assert (lavrov.did_count, lavrov.done_to_count) == (3, 1)
    tone = pair_tone_days(store, "RUS", "USA")
    assert [(d, n) for d, _, n in sorted(tone)] == [
        (date(2022, 6, 2), 3),  # two sentences in the sanctions report, one in the talks
        (date(2022, 6, 3), 2),  # the copy, not known as one yet
        (date(2022, 7, 5), 1),
    ]

    with store.engine.begin() as connection:
        connection.execute(delete(EventClusterMemberRow))
        connection.execute(delete(EventRow))
    store.reads.clear()
    assert event_facets(store, conflicts) == facets
    assert event_facets(store, replace(conflicts, min_confidence=0.0)).types == {}
    lavrov = actor_profile(store, LAVROV)
    assert lavrov is not None
    assert (lavrov.did_count, lavrov.done_to_count) == (3, 1)
    assert pair_tone_days(store, "RUS", "USA") == tone
