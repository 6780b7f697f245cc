"""What names, honorifics and pronouns say of a person's sex (blocwatch.nlp.actors.gender)."""

import pytest

from blocwatch.model import ActorKind
from blocwatch.nlp.actors.gender import Genders, default_genders, person_sexes
from tests.factories import mention_of


@pytest.fixture
def genders() -> Genders:
    return Genders(
        {"margaret": "f", "henrik": "m"},
        {"mrs": "f", "mr": "m"},
        {"she": "f", "her": "f", "he": "m", "his": "m"},
    )


def test_a_first_name_or_an_honorific_says_the_sex(genders: Genders) -> None:
    assert genders.of_name("Margaret Okonjo") == "f"
    assert genders.of_name("Henrik Aalto") == "m"
    assert genders.of_name("Mrs. Aalto") == "f"  # the honorific wins over the words after it


def test_a_surname_alone_or_an_unknown_name_says_nothing(genders: Genders) -> None:
    assert genders.of_name("Okonjo") is None
    assert genders.of_name("Margaret") is None  # a single word may be a surname
    assert genders.of_name("Tamsin Ruel") is None


def test_names_that_disagree_leave_the_person_open(genders: Genders) -> None:
    assert genders.of_names(["Okonjo", "Margaret Okonjo"]) == "f"
    assert genders.of_names(["Margaret Okonjo", "Mr Okonjo"]) is None


def test_a_pronoun_agrees_with_an_unknown_person_but_not_the_other_sex(genders: Genders) -> None:
    assert genders.agrees("she", "f") and genders.agrees("She", None)
    assert not genders.agrees("he", "f")
    assert genders.agrees("they", "f")  # no sex of its own


def test_the_shipped_lists_know_common_names_and_leave_shared_ones_out() -> None:
    shipped = default_genders()
    assert shipped.of_name("Hillary Clinton") == "f"
    assert shipped.of_name("Gordon Brown") == "m"
    assert shipped.of_name("Jordan Peele") is None  # carried by both sexes
    assert shipped.of_pronoun("her") == "f"


def test_an_articles_people_take_the_sex_all_their_names_say(genders: Genders) -> None:
    text = "Margaret Okonjo met Henrik Aalto. Okonjo spoke first."
    mentions = [
        mention_of(text, "Margaret Okonjo", "person:margaret-okonjo", ActorKind.PERSON),
        mention_of(text, "Henrik Aalto", "person:henrik-aalto", ActorKind.PERSON),
        mention_of(text, "Okonjo", "person:margaret-okonjo", ActorKind.PERSON),
    ]
    assert person_sexes(mentions, genders) == {
        "person:margaret-okonjo": "f",
        "person:henrik-aalto": "m",
    }
