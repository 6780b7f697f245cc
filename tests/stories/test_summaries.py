import pytest

from blocwatch.model import Article, Sentence, Span
from blocwatch.stories import summarize_article, summarize_story
from blocwatch.stories.summaries import SummaryCandidate, summarize_candidates
from tests.factories import WordsInOrder

REPORT = """By Staff Reporter

The leaders of five Central Asian states agreed on Thursday in Dushanbe to build a shared
power grid that would carry hydroelectric power from the mountains to the plains. The grid
agreement sets a timetable of four years and a budget of two billion dollars for new lines.
Scroll down for video
Engineers will first link the Tajik and Uzbek networks, officials said after the meeting.
The leaders also discussed water sharing along the rivers that feed the Aral basin. A
photographer captured the leaders walking along the embankment before the talks."""

OTHER_REPORT = """Five Central Asian leaders agreed in Dushanbe on Thursday to build a shared power
grid that would carry hydroelectric power from the mountains to the plains. Critics said the
two billion dollar budget was too small for the planned lines. The first link between the
Tajik and Uzbek networks is due within a year, according to the energy ministers."""


def test_article_summary_spans_slice_to_their_text() -> None:
    article = Article(id="a1", text=REPORT)
    summary = summarize_article(article)
    assert 1 <= len(summary) <= 4
    for sentence in summary:
        assert sentence.evidence.article_id == "a1"
        assert sentence.evidence.span.slice(article.text) == sentence.text
        assert sentence.evidence.text == sentence.text


def test_article_summary_leaves_out_bylines_and_furniture() -> None:
    summary = summarize_article(Article(id="a1", text=REPORT))
    texts = " ".join(sentence.text for sentence in summary)
    assert "Staff Reporter" not in texts
    assert "Scroll down" not in texts
    assert summary[0].text.startswith("The leaders of five Central Asian states")


def test_story_summary_does_not_repeat_itself_and_names_support() -> None:
    articles = [Article(id="a1", text=REPORT), Article(id="a2", text=OTHER_REPORT)]
    summary = summarize_story(articles)
    grid_sentences = [s for s in summary if "shared power" in " ".join(s.text.split())]
    assert len(grid_sentences) == 1
    [grid] = grid_sentences
    other = "a2" if grid.evidence.article_id == "a1" else "a1"
    assert grid.supporting_article_ids == (other,)
    by_id = {article.id: article for article in articles}
    for sentence in summary:
        assert sentence.evidence.span.slice(by_id[sentence.evidence.article_id].text) == (
            sentence.text
        )


def test_article_summary_stops_near_its_word_budget() -> None:
    article = Article(id="a1", text=REPORT)
    short = summarize_article(article, max_words=20)
    longer = summarize_article(article, max_words=60)
    assert len(short) == 1
    assert len(longer) > len(short)
    words = sum(len(sentence.text.split()) for sentence in longer)
    assert abs(words - 60) <= max(len(s.text.split()) for s in longer)


def test_article_summary_keeps_text_order_whatever_the_ranking() -> None:
    summary = summarize_article(Article(id="a1", text=REPORT), max_words=200)
    indices = [sentence.evidence.sentence_index for sentence in summary]
    assert indices == sorted(indices)


def test_empty_article_has_empty_summary() -> None:
    assert summarize_article(Article(id="a1", text="")) == []


def _dated(article_id: str, outlet: str, hour: int, text: str) -> Article:
    from datetime import UTC, datetime

    published = datetime(2024, 5, 1, hour, tzinfo=UTC)
    return Article(id=article_id, text=text, outlet=outlet, published_at=published)


FIRE = (
    "A fire destroyed a warehouse on Mill Road in Fresno on Tuesday night, the fire department "
    "said. Some 10 workers were taken to hospital with smoke injuries after the blaze."
)
FIRE_LATER = (
    "A fire destroyed a warehouse on Mill Road in Fresno on Tuesday night, officials said. "
    "Some 12 workers were taken to hospital with smoke injuries after the blaze. "
    "Investigators said on Wednesday that faulty wiring in the loading bay started the fire."
)


def test_report_notes_give_the_first_report_then_what_later_ones_add_or_change() -> None:
    from blocwatch.model import ReportRole
    from blocwatch.stories import report_notes

    later = _dated("later", "Coast Herald", 14, FIRE_LATER)
    first = _dated("first", "Valley Gazette", 8, FIRE)
    notes = report_notes([later, first])
    roles = [(n.article_id, n.role) for n in notes]
    assert roles[:2] == [("first", ReportRole.FIRST), ("first", ReportRole.FIRST)]
    adds = [n for n in notes if n.role is ReportRole.ADDS]
    assert [n.sentence.text for n in adds] == [
        "Investigators said on Wednesday that faulty wiring in the loading bay started the fire."
    ]
    [differs] = [n for n in notes if n.role is ReportRole.DIFFERS]
    assert "12 workers" in differs.sentence.text
    assert differs.differs_from is not None and "10 workers" in differs.differs_from.text
    assert differs.differs_from.evidence.article_id == "first"
    by_id = {"first": first, "later": later}
    for note in notes:
        evidence = note.sentence.evidence
        assert evidence.span.slice(by_id[evidence.article_id].text) == note.sentence.text


def test_a_report_that_only_repeats_adds_no_note() -> None:
    from blocwatch.stories import report_notes

    first = _dated("first", "Valley Gazette", 8, FIRE)
    again = _dated(
        "again", "Coast Herald", 9, FIRE.replace("the fire department said", "police said")
    )
    assert {n.article_id for n in report_notes([first, again])} == {"first"}


def test_article_summary_sentences_lose_a_wire_dateline_but_still_slice_exactly() -> None:
    text = (
        "ALMATY, Kazakhstan (AP) -- Regional energy ministers signed a deal on Friday to "
        "share water from the Syr Darya during the summer months.\n\n"
        "The deal sets quotas for each of the four countries along the river for ten years."
    )
    article = Article(id="a1", text=text)
    summary = summarize_article(article)
    assert summary[0].text.startswith("Regional energy ministers signed")
    for sentence in summary:
        assert sentence.evidence.span.slice(text) == sentence.text
    dated = "ASTANA/TASHKENT, May 3 (Reuters) - " + text.split("-- ", 1)[1]
    assert summarize_article(Article(id="a2", text=dated))[0].text.startswith("Regional energy")


def test_a_name_in_brackets_inside_the_lead_is_not_a_dateline() -> None:
    text = (
        "Local officials (pictured) opened the new bridge over the river on Saturday "
        "after three years of building work.\n\n"
        "The bridge links two districts that were a ferry ride apart until now."
    )
    summary = summarize_article(Article(id="a1", text=text))
    assert summary[0].text.startswith("Local officials (pictured)")


def _candidate(
    article_id: str, text: str, words: tuple[str, ...], position: int
) -> SummaryCandidate:
    sentence = Sentence(position, Span(0, len(text)), text)
    return SummaryCandidate(article_id, sentence, WordsInOrder(words), position)


def _restatements(first_order: bool) -> list[list[SummaryCandidate]]:
    """Two reports telling one point with a different figure (equal scores), and a third
    report whose every sentence names the sheriff (the most used word)."""
    shared = ("deputy", "wounded", "outside", "station")
    lower, higher = ((*shared, "{}"), ("deputy", "wounded", "{}", "outside", "station"))
    first, second = (lower, higher) if first_order else (higher, lower)
    text = "A deputy was wounded outside the station in {}."
    other = [
        _candidate("third", f"The sheriff spoke to reporters about case number {n}.", words, n)
        for n, words in enumerate(
            [("sheriff", "spoke"), ("sheriff", "reporter"), ("sheriff", "case"), ("sheriff",)]
        )
    ]
    return [
        [_candidate("first", text.format(2019), tuple(w.format(2019) for w in first), 3)],
        [_candidate("second", text.format(2018), tuple(w.format(2018) for w in second), 3)],
        other,
    ]


@pytest.mark.parametrize("first_order", [True, False])
def test_a_tie_between_restatements_goes_to_the_story_first_report_whatever_the_set_order(
    first_order: bool,
) -> None:
    """Summed in set order, one order of the words scores the second report a last bit
    higher; the story's summary must not depend on how a process hashes strings."""
    summary = summarize_candidates(_restatements(first_order))
    [point] = [s for s in summary if "deputy" in s.text]
    assert point.evidence.article_id == "first"
    assert point.supporting_article_ids == ("second",)
