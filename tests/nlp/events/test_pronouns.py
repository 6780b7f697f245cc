"""Whom "he" and "she" stand for in event roles (blocwatch.nlp.events.pronouns)."""

from blocwatch.model import ActorKind, Mention, Parse, Token
from blocwatch.nlp.actors.gender import Genders
from blocwatch.nlp.actors.people import Person, PersonIndex
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


def _name(mention: Mention | Person | None) -> str | None:
    return None if mention is None else mention.name


def _parse_of(text: str, words: list[tuple[str, str, str, str]]) -> Parse:
    """Tokens for the given (word, dep, entity type, entity IOB) in the order of ``text``."""
    tokens = []
    at = 0
    for i, (word, dep, ent, iob) in enumerate(words):
        start = text.index(word, at)
        at = start + len(word)
        tokens.append(
            Token(
                i=i,
                text=word,
                start=start,
                lemma=word,
                pos="PROPN" if ent else "PRON" if word in {"He", "She"} else "VERB",
                tag="NNP" if ent else "PRP",
                dep=dep,
                head=i,
                ent_type=ent,
                ent_iob=iob,
            )
        )
    return Parse(0, tuple(tokens))


def test_a_person_only_the_recogniser_found_is_found_too() -> None:
    text = "Mrs Ilse Brandt testified. He was arrested. She left."
    parse = _parse_of(
        text,
        [
            ("Mrs", "compound", "", ""),
            ("Ilse", "compound", "PERSON", "B"),
            ("Brandt", "nsubj", "PERSON", "I"),
            ("testified", "ROOT", "", ""),
        ],
    )
    people = PersonIndex.build([parse])
    genders = Genders({}, {"mrs": "f"}, {"she": "f", "he": "m"})
    persons = PersonPronouns([], [parse], genders, people=people)
    found = persons.resolve("She", text.index("She"))
    assert isinstance(found, Person) and found.name == "Ilse Brandt"
    # The title says she is a woman, so "he" finds nobody rather than her.
    assert persons.resolve("He", text.index("He")) is None


def test_she_prefers_a_woman_by_name_to_a_name_that_says_nothing() -> None:
    text = "Maria Olsen spoke first. Kim Lund, the mayor, answered. She left at noon."
    people = [
        mention_of(text, "Maria Olsen", "person:maria-olsen", ActorKind.PERSON),
        mention_of(text, "Kim Lund", "person:kim-lund", ActorKind.PERSON),
    ]
    persons = PersonPronouns(people, (), GENDERS)
    assert _name(persons.resolve("She", text.index("She"))) == "Maria Olsen"
    assert _name(persons.resolve("he", text.index("She"))) == "Kim Lund"
