import json

import pytest

from blocwatch.stories.ranker import (
    BASE_FEATURES,
    FEATURES,
    WORD_FEATURES,
    LinearModel,
    RankedSentence,
    SentenceRanker,
    base_features,
    expected_features,
    shipped_ranker,
    tokens,
    word_table,
)
from blocwatch.stories.summaries import content_words
from tests.factories import WordsInOrder


def _sentences(*texts: str) -> list[RankedSentence]:
    return [
        RankedSentence(text, frozenset(content_words(text)), position)
        for position, text in enumerate(texts)
    ]


SENTENCES = _sentences(
    "Flooding along the Syr Darya forced 3,000 families from their homes on Monday.",
    "'We lost everything in one night,' a farmer in the village of Chinaz said.",
    "Relief agencies said the flooding was the worst along the river in 30 years.",
    "Pictured: a flooded road near the river?",
)
TITLE = "Syr Darya flooding forces thousands of families from their homes"


def _model(names: tuple[str, ...], intercept: float) -> LinearModel:
    return LinearModel(
        features=names,
        mean=tuple(0.5 for _ in names),
        scale=tuple(2.0 for _ in names),
        weights=tuple(float(i) for i, _ in enumerate(names)),
        intercept=intercept,
    )


def test_features_describe_position_length_and_content() -> None:
    vectors = base_features(SENTENCES)
    assert len(vectors) == len(SENTENCES)
    assert all(len(vector) == len(BASE_FEATURES) for vector in vectors)
    named = [dict(zip(BASE_FEATURES, vector, strict=True)) for vector in vectors]
    assert named[0]["is_first"] == 1.0 and named[1]["is_first"] == 0.0
    assert named[0]["inverse_position"] > named[2]["inverse_position"]
    assert named[1]["opens_with_quote"] == 1.0 and named[1]["has_quote"] == 1.0
    assert named[0]["number_density"] > 0 and named[3]["number_density"] == 0
    assert named[3]["colon_in_head"] == 1.0 and named[3]["is_question"] == 1.0
    # The third sentence repeats the lead's subject: it shares more with it than the quote.
    assert named[2]["lead_overlap"] > named[1]["lead_overlap"]


def test_no_sentences_no_features() -> None:
    assert base_features([]) == []
    assert shipped_ranker().features([], frozenset(), "") == []


def test_tokens_keep_stop_words_and_fold_plurals() -> None:
    assert tokens("The Families' homes, 3,000 of them.") == [
        "the",
        "familie",
        "home",
        "3",
        "000",
        "of",
        "them",
    ]


def test_word_table_tells_where_a_word_first_occurs_and_if_the_headline_has_it() -> None:
    table = word_table(SENTENCES, TITLE)
    named = {
        word: dict(zip(WORD_FEATURES, vector, strict=True))
        for word, vector in zip(table.words, table.vectors, strict=True)
    }
    assert named["flooding"]["first_in_lead"] == 1.0 and named["flooding"]["in_title"] == 1.0
    assert named["farmer"]["first_in_lead"] == 0.0 and named["farmer"]["in_title"] == 0.0
    assert named["river"]["first_inverse_position"] == pytest.approx(1 / 3)
    assert named["the"]["is_stop_word"] == 1.0 and named["flooding"]["is_stop_word"] == 0.0
    assert named["chinaz"]["capitalised_share"] == 1.0 and named["30"]["is_figure"] == 1.0
    assert named["the"]["log_count"] > named["farmer"]["log_count"]


def test_expected_overlap_counts_each_word_once_and_divides_by_length() -> None:
    probability = {"grid": 0.8, "deal": 0.6, "the": 0.5}
    vectors = expected_features([["the", "grid", "deal", "grid"], ["the", "weather"]], probability)
    named = [dict(zip(("density", "expected", "mean"), v, strict=True)) for v in vectors]
    assert named[0]["expected"] == pytest.approx((0.8 + 0.6 + 0.5) / 10)
    assert named[0]["density"] == pytest.approx((0.8 + 0.6 + 0.5) / 5)
    assert named[1]["mean"] == pytest.approx(0.25)


def test_ranker_round_trips_through_its_file_format() -> None:
    ranker = SentenceRanker(
        sentences=_model(FEATURES, -1.0),
        words=_model(WORD_FEATURES, 0.5),
        word_budget=55,
        trained_on="three test articles",
    )
    again = SentenceRanker.from_json(ranker.to_json())
    assert again == ranker
    vector = [1.0] * len(FEATURES)
    expected = -1.0 + sum(0.25 * i for i in range(len(FEATURES)))
    assert again.sentences.score(vector) == pytest.approx(expected)


def test_ranker_file_with_other_features_is_refused_by_name() -> None:
    record = json.loads(shipped_ranker().to_json())
    record["sentences"]["features"].pop("is_question")
    with pytest.raises(ValueError, match=r"sentence_ranker\.json: features"):
        SentenceRanker.from_json(json.dumps(record))
    record = json.loads(shipped_ranker().to_json())
    del record["words"]
    with pytest.raises(ValueError, match=r"sentence_ranker\.json: a word model"):
        SentenceRanker.from_json(json.dumps(record))


def test_shipped_ranker_says_what_it_was_trained_on_and_favours_the_lead() -> None:
    ranker = shipped_ranker()
    assert "CNN/DailyMail" in ranker.trained_on
    assert 20 <= ranker.word_budget <= 200
    scores = ranker.rank(SENTENCES, frozenset(content_words(TITLE)), TITLE)
    assert scores[0] == max(scores)


def test_shipped_word_model_expects_headline_words_of_the_lead_more_than_late_ones() -> None:
    ranker = shipped_ranker()
    table = word_table(SENTENCES, TITLE)
    probability = {
        word: ranker.words.probability(vector)
        for word, vector in zip(table.words, table.vectors, strict=True)
    }
    assert probability["flooding"] > probability["farmer"]
    assert probability["darya"] > probability["worst"]


@pytest.mark.parametrize(
    "order",
    [
        ("deputy", "wounded", "outside", "station", "2019"),
        ("deputy", "wounded", "2019", "outside", "station"),
        ("2019", "station", "outside", "wounded", "deputy"),
    ],
)
def test_features_do_not_depend_on_the_order_a_word_set_iterates_in(
    order: tuple[str, ...],
) -> None:
    """String hashing is seeded per process: a worker must score an article's sentences
    exactly as another would, to the last bit (a tie between two is broken by it)."""
    lead = "A deputy was wounded outside the station in 2019."
    later = [
        (
            "A deputy was wounded outside the station, in 2018.",
            ("deputy", "wounded", "outside", "station", "2018"),
        ),
        ("The sheriff spoke.", ("sheriff", "spoke")),
        ("The sheriff spoke to reporters.", ("sheriff", "reporter")),
        ("The sheriff gave the case number.", ("sheriff", "case")),
        ("The sheriff left.", ("sheriff",)),
    ]

    def features(words: tuple[str, ...]) -> list[list[float]]:
        sentences = [RankedSentence(lead, WordsInOrder(words), 0)]
        sentences += [
            RankedSentence(text, WordsInOrder(w), n) for n, (text, w) in enumerate(later, 1)
        ]
        return base_features(sentences)

    assert features(order) == features(tuple(sorted(order)))
