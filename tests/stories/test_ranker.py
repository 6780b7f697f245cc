import json

import pytest

from blocwatch.stories.ranker import (
    FEATURES,
    RankedSentence,
    SentenceRanker,
    sentence_features,
    shipped_ranker,
)
from blocwatch.stories.summaries import content_words


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


def test_features_describe_position_length_and_content() -> None:
    vectors = sentence_features(SENTENCES)
    assert len(vectors) == len(SENTENCES)
    assert all(len(vector) == len(FEATURES) for vector in vectors)
    named = [dict(zip(FEATURES, vector, strict=True)) for vector in vectors]
    assert named[0]["is_first"] == 1.0 and named[1]["is_first"] == 0.0
    assert named[0]["inverse_position"] > named[2]["inverse_position"]
    assert named[1]["opens_with_quote"] == 1.0 and named[1]["has_quote"] == 1.0
    assert named[0]["number_density"] > 0 and named[3]["number_density"] == 0
    assert named[3]["colon_in_head"] == 1.0 and named[3]["is_question"] == 1.0
    # The third sentence repeats the lead's subject: it shares more with it than the quote.
    assert named[2]["lead_overlap"] > named[1]["lead_overlap"]


def test_no_sentences_no_features() -> None:
    assert sentence_features([]) == []


def test_ranker_round_trips_through_its_file_format() -> None:
    ranker = SentenceRanker(
        features=FEATURES,
        mean=tuple(0.5 for _ in FEATURES),
        scale=tuple(2.0 for _ in FEATURES),
        weights=tuple(float(i) for i, _ in enumerate(FEATURES)),
        intercept=-1.0,
        word_budget=55,
        trained_on="three test articles",
    )
    again = SentenceRanker.from_json(ranker.to_json())
    assert again == ranker
    vector = [1.0] * len(FEATURES)
    assert again.score(vector) == pytest.approx(-1.0 + sum(0.25 * i for i in range(len(FEATURES))))


def test_ranker_file_with_other_features_is_refused_by_name() -> None:
    record = json.loads(shipped_ranker().to_json())
    record["features"].pop("is_question")
    with pytest.raises(ValueError, match=r"sentence_ranker\.json: features"):
        SentenceRanker.from_json(json.dumps(record))


def test_shipped_ranker_says_what_it_was_trained_on_and_favours_the_lead() -> None:
    ranker = shipped_ranker()
    assert "CNN/DailyMail" in ranker.trained_on
    assert 20 <= ranker.word_budget <= 200
    vectors = sentence_features(SENTENCES)
    scores = [ranker.score(vector) for vector in vectors]
    assert scores[0] == max(scores)
