"""The column types: moments in UTC on every database, copy groups as records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import select

from blocwatch.model import Actor, ActorKind, CopyGroup, Role, Story
from blocwatch.store import Store
from blocwatch.store.schema import ActorRow, ArticleRow, RejectionRow, StoryRow
from tests.factories import make_article

DELHI = timezone(timedelta(hours=5, minutes=30))


def test_a_moment_comes_back_in_utc_whatever_zone_it_was_written_in(store: Store) -> None:
    article = make_article("a1", "Ministers met in Delhi. They talked of trade.")
    article.published_at = datetime(2022, 5, 12, 13, 3, tzinfo=DELHI)
    store.save_articles([article])
    listed = store.article_summary("a1")
    assert listed is not None and listed.published_at is not None
    assert listed.published_at == article.published_at and listed.published_at.tzinfo is UTC
    with store.session() as session:
        session.add(
            RejectionRow(source="x.html", step="clean", reason="empty", at=datetime(2022, 1, 1, 12))
        )
        session.commit()
        [at] = session.scalars(select(RejectionRow.at))
        # A bound compared with the column is converted the same way: 13:00 in Delhi is 07:30 UTC.
        after = session.scalars(
            select(ArticleRow.id).where(
                ArticleRow.published_at >= datetime(2022, 5, 12, 13, tzinfo=DELHI)
            )
        ).all()
        later = session.scalars(
            select(ArticleRow.id).where(
                ArticleRow.published_at >= datetime(2022, 5, 12, 13, 5, tzinfo=DELHI)
            )
        ).all()
    assert at == datetime(2022, 1, 1, 12, tzinfo=UTC) and at.tzinfo is UTC  # naive is UTC
    assert (after, later) == (["a1"], [])


def test_roles_and_copy_groups_come_back_as_records(store: Store) -> None:
    minister = Role("foreign minister", "ARM", date(2021, 8, 19))
    actor = Actor(
        "person:test-minister",
        "Test Minister",
        ActorKind.PERSON,
        "ARM",
        ("T. Minister",),
        (minister,),
    )
    store.save_actors([actor])
    assert store.get_actor(actor.id) == actor
    with store.session() as session:
        [roles] = session.scalars(select(ActorRow.roles).where(ActorRow.id == actor.id))
    assert roles == [minister] and roles[0].held_on(date(2022, 5, 12))
    group = CopyGroup("wire", ("copy",), ("Wire",), ("Agency",))
    store.save_articles([make_article("wire", "A text."), make_article("copy", "A text.")])
    store.replace_stories([Story("s1", "A story", ["wire", "copy"], copy_groups=[group])], {})
    with store.session() as session:
        [groups] = session.scalars(select(StoryRow.copy_groups))
    assert groups == [group]
