"""The per-article person index (blocwatch.nlp.actors.people).

Texts go through spaCy as the pipeline parses them, so the index is built from real
entity labels; the person-index cases that do not depend on a parse use hand-made people.
"""

from __future__ import annotations

from blocwatch.model import ActorKind, Parse, Token
from blocwatch.nlp.actors.people import Person, PersonIndex, default_honorifics
from blocwatch.nlp.sentences import split_sentences
from tests.factories import mention_of, parser


def parsed(text: str) -> list[Parse]:
    return parser().parse(text, split_sentences(text))


def test_a_surname_and_a_titled_surname_find_the_person_named_in_full() -> None:
    index = PersonIndex([Person("Ahmed Hussen")], default_honorifics())
    assert index.find(["Hussen"]) == Person("Ahmed Hussen")
    assert index.find(["Mr.", "Hussen"]) == Person("Ahmed Hussen")
    assert index.find(["HUSSEN"]) == Person("Ahmed Hussen")
    assert index.find(["Hussen's"]) == Person("Ahmed Hussen")
    assert index.find(["Ahmed", "Hussen"]) == Person("Ahmed Hussen")
    assert index.find(["Ahmed"]) is None
    assert index.find(["Mr"]) is None


def test_a_surname_two_people_share_stays_unresolved() -> None:
    index = PersonIndex([Person("Lena Brandt"), Person("Oskar Brandt")], default_honorifics())
    assert index.find(["Brandt"]) is None
    assert index.find(["Dr", "Brandt"]) is None
    assert index.is_shared(["Brandt"])
    assert index.find(["Oskar", "Brandt"]) == Person("Oskar Brandt")
    assert not index.is_shared(["Oskar", "Brandt"])


def test_the_index_takes_full_names_from_the_entity_recogniser() -> None:
    text = (
        "Hospital director Ingrid Solberg opened the new wing on Monday. "
        "Solberg thanked the nurses."
    )
    index = PersonIndex.build(parsed(text))
    person = index.find(["Solberg"])
    assert person is not None
    assert (person.name, person.actor_id, person.key) == (
        "Ingrid Solberg",
        None,
        "person:ingrid-solberg",
    )


def test_a_name_the_dictionary_knows_keeps_its_actor_id() -> None:
    text = "Foreign Minister Sergey Lavrov flew to Ankara. Lavrov met his Turkish counterpart."
    lavrov = mention_of(text, "Sergey Lavrov", "person:sergey-lavrov", ActorKind.PERSON)
    index = PersonIndex.build(parsed(text), [lavrov])
    person = index.find(["Lavrov"])
    assert person is not None
    assert (person.name, person.key) == ("Sergey Lavrov", "person:sergey-lavrov")


def test_a_dictionary_person_and_a_new_one_with_the_same_surname_are_two_people() -> None:
    text = (
        "Foreign Minister Sergey Lavrov flew to Ankara. "
        "His daughter Yekaterina Lavrov stayed in Moscow with friends."
    )
    lavrov = mention_of(text, "Sergey Lavrov", "person:sergey-lavrov", ActorKind.PERSON)
    index = PersonIndex.build(parsed(text), [lavrov])
    assert index.find(["Lavrov"]) is None
    assert index.is_shared(["Lavrov"])


def test_a_single_word_name_is_not_a_full_name() -> None:
    index = PersonIndex.build(parsed("Madonna sang in Lisbon on Friday night."))
    assert index.people == ()


def test_an_untagged_proper_name_subject_is_a_person_but_a_title_is_not() -> None:
    text = (
        "Tomasz Wielgus took over the ferry company in March. "
        "Foreign Minister spoke to the crews. Mr Wielgus thanked them."
    )
    index = PersonIndex.build(parsed(text))
    person = index.find(["Mr", "Wielgus"])
    assert person is not None and person.name == "Tomasz Wielgus"
    assert index.find(["Minister"]) is None


def test_a_name_that_ends_a_longer_one_is_the_same_person() -> None:
    index = PersonIndex(
        [Person("Marisol Ortega Vidal"), Person("Ortega Vidal"), Person("Vidal", "person:x")],
        default_honorifics(),
    )
    assert index.people == (Person("Marisol Ortega Vidal", "person:x"),)
    assert index.find(["Ortega", "Vidal"]) == Person("Marisol Ortega Vidal", "person:x")
    assert index.find(["Vidal"]) == Person("Marisol Ortega Vidal", "person:x")


def test_a_name_that_ends_two_longer_ones_stands_for_neither() -> None:
    index = PersonIndex(
        [Person("Ana Vidal"), Person("Jorge Vidal"), Person("Vidal")], default_honorifics()
    )
    assert index.find(["Vidal"]) is None
    assert index.find(["Jorge", "Vidal"]) == Person("Jorge Vidal")


def test_a_title_alone_as_a_subject_names_nobody() -> None:
    words = [("Mr", "PROPN", "nsubj", 1), ("spoke", "VERB", "ROOT", 1), (".", "PUNCT", "punct", 1)]
    tokens, start = [], 0
    for i, (text, pos, dep, head) in enumerate(words):
        tokens.append(Token(i, text, start, text.lower(), pos, pos, dep, head))
        start += len(text) + 1
    assert PersonIndex.build([Parse(0, tuple(tokens))]).people == ()
