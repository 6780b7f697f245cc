"""The syntax stage: spaCy parses with offsets into the article, only where worth it."""

from __future__ import annotations

import pickle

import pytest

from blocwatch.errors import ConfigError
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser, load_model, worth_parsing

TEXT = (
    "The weather stayed mild all week.\n\n"
    "Turkish President Recep Tayyip Erdogan met the Finnish president in Ankara.\n\n"
    "\u201cWe will not back down,\u201d he said."
)


@pytest.fixture(scope="module")
def parser() -> SyntaxParser:
    return SyntaxParser()


def test_offsets_point_into_the_article_text(parser: SyntaxParser) -> None:
    sentences = split_sentences(TEXT)
    parses = parser.parse(TEXT, sentences)
    assert [p.sentence_index for p in parses] == [s.index for s in sentences]
    for parse in parses:
        for token in parse.tokens:
            assert TEXT[token.start : token.end] == token.text


def test_subject_object_and_entities_are_read(parser: SyntaxParser) -> None:
    sentences = split_sentences(TEXT)
    parse = parser.parse(TEXT, [sentences[1]])[0]
    by_text = {t.text: t for t in parse.tokens}
    met = by_text["met"]
    assert met.lemma == "meet" and met.pos == "VERB"
    assert by_text["Erdogan"].dep == "nsubj" and by_text["Erdogan"].head == met.i
    assert by_text["Erdogan"].ent_type == "PERSON"
    assert by_text["president"].dep == "dobj"
    assert by_text["Ankara"].ent_type == "GPE"


def test_a_typographic_apostrophe_is_read_as_the_typewriter_one(parser: SyntaxParser) -> None:
    # News sites set U+2019 in contractions; the model, trained on "'", misreads "’s".
    text = "“She’s a disgrace,” the senator said of the governor’s aide."
    (parse,) = parser.parse(text, split_sentences(text))
    verb = next(t for t in parse.tokens if t.text == "’s")
    disgrace = next(t for t in parse.tokens if t.text == "disgrace")
    assert verb.lemma == "be" and (disgrace.dep, disgrace.head) == ("attr", verb.i)
    for token in parse.tokens:  # the article's own characters, at the article's offsets
        assert text[token.start : token.end] == token.text


def test_sentences_without_names_or_quotes_are_not_worth_parsing() -> None:
    sentences = split_sentences(TEXT)
    assert [worth_parsing(s) for s in sentences] == [False, True, True]


def test_the_parser_pickles_without_its_model(parser: SyntaxParser) -> None:
    parser.parse(TEXT, split_sentences(TEXT)[:1])  # loads the model
    clone = pickle.loads(pickle.dumps(parser))
    assert clone.model == parser.model and clone._nlp is None


def test_a_missing_model_is_a_clear_configuration_error() -> None:
    with pytest.raises(ConfigError, match="not installed"):
        load_model("no_such_model_package")
