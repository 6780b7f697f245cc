from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime

from blocwatch.analysis import find_disagreements
from blocwatch.analysis.disagreements import MAX_CONTRARY_SHOWN, counts_in
from blocwatch.model import Actor, ActorKind, Article, CopyGroup, EventStatus, Role, Story
from blocwatch.store import Store
from tests.analysis.builders import E, article, person_mention

LAVROV = "person:sergey-lavrov"
FORMER = (
    "Lavrov, the former Russian foreign minister, reiterated that the visits aim to disrupt "
    "cordial relations."
)
SERVING = "Russian Foreign Minister Sergey Lavrov said the topic was discussed."


def _lavrov_article(
    article_id: str, sentence: str, outlet: str, published: date = date(2022, 5, 12)
) -> Article:
    return article(
        article_id,
        [E("RUS", "USA", -2.0, 3, "2022-05-13", type="ACCUSE", sentence=sentence)],
        outlet=outlet,
        published=published,
    )


def test_a_former_minister_who_was_serving_is_a_role_disagreement(store: Store) -> None:
    claim = _lavrov_article("000", FORMER, "Wire A")
    person_mention(claim, "Lavrov", LAVROV, role="former foreign minister", claim=True)
    serving = []
    for article_id, outlet in (("001", "Wire B"), ("002", "Wire C")):
        other = _lavrov_article(article_id, SERVING, outlet, published=date(2022, 5, 14))
        person_mention(
            other, "Sergey Lavrov", LAVROV, role="foreign minister", role_start=date(2004, 3, 9)
        )
        person_mention(other, "Sergey Lavrov", LAVROV, role="foreign minister")  # once per article
        serving.append(other)
    later = _lavrov_article("late", SERVING, "Wire D", published=date(2023, 1, 5))
    person_mention(later, "Sergey Lavrov", LAVROV, role="foreign minister")
    store.save_articles([claim, *serving, later])
    store.save_actors(
        [
            Actor(
                LAVROV,
                "Sergey Lavrov",
                ActorKind.PERSON,
                "RUS",
                roles=(Role("foreign minister", "RUS", date(2004, 3, 9)),),
            )
        ]
    )

    [found] = find_disagreements(store)

    assert (found.subject, found.subject_name, found.attribute) == (
        LAVROV,
        "Sergey Lavrov",
        "role",
    )
    assert found.known == "foreign minister (RUS, since 2004-03-09)"
    assert [(c.value, c.article_id, c.outlet) for c in found.claims] == [
        ("former foreign minister", "000", "Wire A"),
        ("foreign minister", "001", "Wire B"),
        ("foreign minister", "002", "Wire C"),
    ]
    assert found.support == {"former foreign minister": 1, "foreign minister": 2}
    first = found.claims[0]
    assert first.text == FORMER and first.sentence_index == 0
    assert (first.start, first.end) == (0, len("Lavrov"))
    assert found.claims[1].text == SERVING


def test_the_uncontested_side_shows_the_nearest_articles_and_counts_them_all(
    store: Store,
) -> None:
    claim = _lavrov_article("000", FORMER, "Wire A", published=date(2022, 5, 12))
    person_mention(claim, "Lavrov", LAVROV, role="former foreign minister", claim=True)
    others = []
    for day in range(1, 13):
        other = _lavrov_article(f"s{day:02d}", SERVING, "Wire B", published=date(2022, 5, day))
        person_mention(other, "Sergey Lavrov", LAVROV, role="foreign minister")
        others.append(other)
    store.save_articles([claim, *others])
    [found] = find_disagreements(store)
    assert found.support == {"former foreign minister": 1, "foreign minister": 12}
    shown = [c.article_id for c in found.claims]
    assert shown[0] == "000" and len(shown) == 1 + MAX_CONTRARY_SHOWN
    assert "s01" not in shown and "s02" not in shown  # the farthest in time


def test_a_claim_nobody_contradicts_still_disagrees_with_the_dictionary(store: Store) -> None:
    claim = _lavrov_article("000", FORMER, "Wire A")
    person_mention(claim, "Lavrov", LAVROV, role="former foreign minister", claim=True)
    store.save_articles([claim])
    [found] = find_disagreements(store)
    assert found.subject_name == "Lavrov" and found.known is None
    assert [c.article_id for c in found.claims] == ["000"]
    assert find_disagreements(store, article_ids=["nope"]) == []
    assert find_disagreements(store, article_ids=[]) == []


def _story(store: Store, story_id: str, article_ids: list[str]) -> None:
    store.replace_stories([Story(story_id, "A story", article_ids)], {})


def test_dates_that_cannot_both_be_right_within_a_story_disagree(store: Store) -> None:
    store.save_articles(
        [
            article("x", [E("ARM", "RUS", 1.0, 1, "2022-04-19")], outlet="X"),
            article("y", [E("ARM", "RUS", 1.0, 1, "2022-04-21")], outlet="Y"),
            article("z", [E("ARM", "RUS", 1.0, 1, "2022-04")], outlet="Z"),  # holds both
            article("other-type", [E("ARM", "RUS", 1.0, 1, "2022-06-01", type="AGREE")]),
        ]
    )
    _story(store, "s", ["x", "y", "z", "other-type"])
    [found] = find_disagreements(store)
    assert (found.subject, found.attribute) == ("CONSULT:ARM->RUS", "date")
    assert found.subject_name == "CONSULT ARM → RUS" and found.story_id == "s"
    assert found.support == {"2022-04-19": 1, "2022-04-21": 1, "2022-04": 1}
    assert {(c.article_id, c.value, c.outlet) for c in found.claims} == {
        ("x", "2022-04-19", "X"),
        ("y", "2022-04-21", "Y"),
        ("z", "2022-04", "Z"),
    }
    claim = next(c for c in found.claims if c.article_id == "x")
    assert claim.text == "ARM and RUS did something."
    assert claim.published_at == datetime(2022, 5, 12, 9, 0, tzinfo=UTC)


def test_ranges_and_earlier_meetings_are_not_disagreements(store: Store) -> None:
    store.save_articles(
        [
            article("x", [E("ARM", "RUS", 1.0, 1, "2022-04-19/2022-04-20")]),
            article("y", [E("ARM", "RUS", 1.0, 1, "2022-04-20")]),
            article(
                "z", [E("ARM", "RUS", 1.0, 1, "2022-03-01"), E("ARM", "RUS", 1.0, 1, "2022-04-20")]
            ),
            article("p", [E("ARM", "RUS", 1.0, 1, "2022-05-16", EventStatus.PLANNED)]),
            article("n", [E("ARM", "RUS", 1.0, 1, "2022-01-01", EventStatus.NEGATED)]),
        ]
    )
    _story(store, "s", ["x", "y", "z", "p", "n"])
    assert find_disagreements(store) == []


def test_only_articles_of_one_story_or_of_the_given_scope_are_compared(store: Store) -> None:
    store.save_articles(
        [
            article("x", [E("ARM", "RUS", 1.0, 1, "2022-04-19")]),
            article("y", [E("ARM", "RUS", 1.0, 1, "2022-04-21")]),
            article("copy", [E("ARM", "RUS", 1.0, 1, "2022-04-22")]),
        ]
    )
    store.replace_stories(
        [
            Story("s1", "One", ["x", "copy"], copy_groups=[CopyGroup("x", ("copy",))]),
            Story("s2", "Two", ["y"]),
        ],
        {},
    )
    assert find_disagreements(store) == []
    [found] = find_disagreements(store, article_ids=["x", "y", "copy"])
    assert found.story_id is None
    assert {c.article_id for c in found.claims} == {"x", "y"}


def test_counts_of_one_thing_that_cannot_both_be_right_disagree(store: Store) -> None:
    def build(article_id: str, sentence: str) -> Article:
        return article(
            article_id, [E("RUS", "UKR", -7.0, 4, None, type="MOBILIZE", sentence=sentence)]
        )

    store.save_articles(
        [
            build("a", "Russia has massed 100,000 troops near Ukraine since 2021."),
            build("b", "Russia has massed about 130,000 Russian troops near Ukraine."),
            build("c", "Russia has massed at least 90,000 troops near Ukraine on 12 May."),
        ]
    )
    _story(store, "s", ["a", "b", "c"])
    [found] = find_disagreements(store)
    assert (found.subject, found.attribute) == ("MOBILIZE:RUS->UKR", "number of troops")
    assert [(c.article_id, c.value) for c in found.claims] == [
        ("a", "100,000"),
        ("b", "about 130,000"),
        ("c", "at least 90,000"),
    ]
    stored = store.get_article("b")
    assert stored is not None
    claim = found.claims[1]
    assert stored.text[claim.start : claim.end] == "about 130,000"


def test_counts_are_read_with_their_qualifiers_and_years_and_days_are_not_counts() -> None:
    counts = counts_in(
        "In 2022 strikes killed at least 12 civilians and two soldiers, and 1.5 million people "
        "fled by May 16 or on 16 May, up to 300 km away."
    )
    assert [(c.noun, c.low, c.high, c.words) for c in counts] == [
        ("civilians", 12.0, float("inf"), "at least 12"),
        ("soldiers", 2.0, 2.0, "two"),
        ("people", 1.5e6, 1.5e6, "1.5 million"),
        ("km", 0.0, 300.0, "up to 300"),
    ]


_SUPPORT_OF_STORED = """
import json, sys
from blocwatch.analysis import find_disagreements
from blocwatch.store import Store
store = Store(sys.argv[1])
print(json.dumps([list(d.support) for d in find_disagreements(store)]))
store.close()
"""


def test_support_comes_out_in_the_same_order_whatever_the_hash_seed(
    sqlite_store: Store,
) -> None:
    days = ["2022-04-03", "2022-04-11", "2022-04-19", "2022-04-24", "2022-04-28", "2022-04-30"]
    ids = [f"a{n}" for n in range(len(days))]
    sqlite_store.save_articles(
        [article(i, [E("ARM", "RUS", 1.0, 1, day)]) for i, day in zip(ids, days, strict=True)]
    )
    _story(sqlite_store, "s", ids)
    url = sqlite_store.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    printed = {
        subprocess.run(
            [sys.executable, "-c", _SUPPORT_OF_STORED, url],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert printed == {json.dumps([sorted(days)])}
