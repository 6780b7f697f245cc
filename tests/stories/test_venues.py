import re
from datetime import date, datetime

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
from blocwatch.stories import StoryClusterer
from blocwatch.stories.clustering import event_day, event_venue

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
