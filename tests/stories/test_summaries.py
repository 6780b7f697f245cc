from blocwatch.model import Article
from blocwatch.stories import summarize_article, summarize_story

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
    assert 1 <= len(summary) <= 3
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


def test_empty_article_has_empty_summary() -> None:
    assert summarize_article(Article(id="a1", text="")) == []
