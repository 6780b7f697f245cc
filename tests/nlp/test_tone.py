"""Tone: VADER's compound score per sentence and the article's mean, English only."""

from __future__ import annotations

from blocwatch.nlp.tone import add_tone, sentence_tone
from tests.factories import make_article


def test_hostile_wording_scores_below_friendly_wording() -> None:
    hostile = sentence_tone("Moscow condemned the brutal attack and threatened severe retaliation.")
    friendly = sentence_tone("The ministers praised the warm and fruitful talks.")
    assert -1 <= hostile < -0.5 and 0.5 < friendly <= 1


def test_an_article_is_the_mean_of_its_sentences() -> None:
    article = add_tone(
        make_article("t1", "The talks were a great success. The border remained closed.")
    )
    tones = [s.tone for s in article.sentences]
    assert tones[0] is not None and tones[0] > 0.5 and tones[1] == 0.0
    assert article.tone == round(sum(t for t in tones if t is not None) / 2, 4)


def test_articles_in_other_languages_get_no_tone() -> None:
    article = make_article("t2", "Die Gespräche waren ein großer Erfolg.")
    article.language = "de"
    assert add_tone(article).tone is None
    assert all(s.tone is None for s in article.sentences)


def test_a_word_has_its_rated_valence_and_an_unrated_word_none() -> None:
    from blocwatch.nlp.tone import word_valence

    assert word_valence("Reckless") < 0 < word_valence("good")
    assert word_valence("parliament") == 0.0
