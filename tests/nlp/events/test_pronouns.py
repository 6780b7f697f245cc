"""Whom "he" and "she" stand for in event roles (blocwatch.nlp.events.pronouns)."""

from blocwatch.model import ActorKind, Mention, Parse, Token
from blocwatch.nlp.actors.gender import Genders
from blocwatch.nlp.events.pronouns import PersonPronouns
from tests.factories import mention_of

TEXT = "Maria Olsen spoke first. Aides of Peter Lund waited. She left at noon."
GENDERS = Genders({"maria": "f", "peter": "m"}, {}, {"she": "f", "he": "m"})


def _subject_parse() -> Parse:
    start = TEXT.index("Maria")
    token = Token(
        i=0, text="Maria", start=start, lemma="Maria", pos="PROPN", tag="NNP", dep="nsubj", head=1
    )
    return Parse(0, (token,))


def _people() -> list[Mention]:
    return [
        mention_of(TEXT, "Maria Olsen", "person:maria-olsen", ActorKind.PERSON),
        mention_of(TEXT, "Peter Lund", "person:peter-lund", ActorKind.PERSON),
    ]


def test_a_pronoun_skips_a_person_of_the_other_sex() -> None:
    persons = PersonPronouns(_people(), (), GENDERS)
    assert _name(persons.resolve("She", TEXT.index("She"))) == "Maria Olsen"
    assert _name(persons.resolve("he", TEXT.index("She"))) == "Peter Lund"


def test_a_recent_subject_outranks_a_person_only_mentioned_since() -> None:
    neutral = Genders({}, {}, {})
    assert _name(PersonPronouns(_people(), (), neutral).resolve("she", 60)) == "Peter Lund"
    with_subject = PersonPronouns(_people(), [_subject_parse()], neutral)
    assert _name(with_subject.resolve("she", 60)) == "Maria Olsen"


def test_nobody_before_the_first_name_or_too_far_back_is_found() -> None:
    persons = PersonPronouns(_people(), (), GENDERS)
    assert persons.resolve("she", 0) is None
    assert persons.resolve("she", TEXT.index("She") + 500) is None


def _name(mention: Mention | None) -> str | None:
    return None if mention is None else mention.name
