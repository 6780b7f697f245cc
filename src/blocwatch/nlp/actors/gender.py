"""Whether "he" or "she" can stand for a person: what the name and title say of their sex.

Resolving a pronoun to "the last person named" gives a woman's quotes to the man named
before her, and the other way round, whenever an article names both: in campaign coverage
that is most articles. A reader knows better from the name itself ("Hillary", "Mrs
Clinton"), so the resolvers ask this module first and skip a person whose name says the
other sex. Most names say nothing here (a surname alone, a name both sexes carry, a name
outside the list): such a person stays a candidate for either pronoun, so the check only
ever removes a resolution the text contradicts.

The knowledge is data: first names from the 1990 US Census lists
(``data/actors/first_names_en.tsv``, names both sexes carry often left out), and the
honorifics and pronouns of ``data/actors/people_en.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from blocwatch.data import exists, read_text, toml_fields
from blocwatch.model import ActorKind, Mention

SUBJECT_REACH = 3
"""How many of the latest sentences naming a person "he" or "she" looks through for one
who is a clause's subject, before taking the nearest person: the subject is what the text
is about. Shared by the quote speakers and the event roles (the same within 2 to 4 on the
real-news development sets)."""

_SPLIT = str.maketrans({".": " ", ",": " ", "-": " ", ":": " "})


class Genders:
    """The sex (``"m"`` or ``"f"``) a name, title or pronoun says, or ``None``."""

    def __init__(
        self,
        first_names: Mapping[str, str],
        honorifics: Mapping[str, str],
        pronouns: Mapping[str, str],
    ) -> None:
        self.first_names = dict(first_names)
        self.honorifics = dict(honorifics)
        self.pronouns = dict(pronouns)

    @classmethod
    def empty(cls) -> Genders:
        """Knows nothing: every person stays a candidate for every pronoun."""
        return cls({}, {}, {})

    def of_pronoun(self, pronoun: str) -> str | None:
        return self.pronouns.get(pronoun.lower())

    def of_name(self, name: str) -> str | None:
        """What a name as written says: its honorific ("Mrs Clinton"), else its first
        word that is not one ("Hillary Clinton", "Sen. Lindsey Graham")."""
        words = name.translate(_SPLIT).lower().split()
        for word in words:
            if word in self.honorifics:
                return self.honorifics[word]
        return self.first_names.get(words[0]) if len(words) > 1 else None

    def of_names(self, names: Iterable[str]) -> str | None:
        """What several names of one person say; ``None`` when they disagree or say
        nothing (the person is then left open)."""
        found = {g for g in (self.of_name(n) for n in names) if g is not None}
        return found.pop() if len(found) == 1 else None

    def agrees(self, pronoun: str, gender: str | None) -> bool:
        """Whether ``pronoun`` may stand for a person of ``gender`` (``None``: anyone)."""
        wanted = self.of_pronoun(pronoun)
        return wanted is None or gender is None or wanted == gender


def person_names(mentions: Sequence[Mention]) -> dict[str, list[str]]:
    """Every name an article gives each person, by actor id (a new person's id spells
    their fullest name: "person:hillary-clinton"), or by the name for a mention without
    an id."""
    names: dict[str, list[str]] = {}
    for mention in mentions:
        if mention.kind is ActorKind.PERSON:
            key = mention.actor_id or mention.name
            own = names.setdefault(key, [])
            own.append(mention.name)
            if key.startswith("person:"):
                own.append(key.removeprefix("person:").replace("-", " "))
    return names


def person_sexes(mentions: Sequence[Mention], genders: Genders) -> dict[str, str | None]:
    """Each person's sex as all the names the article gives them say it, by the keys of
    :func:`person_names` (``None``: the names say nothing, or disagree)."""
    return {key: genders.of_names(words) for key, words in person_names(mentions).items()}


@cache
def default_genders(language: str = "en") -> Genders:
    """The shipped lists of one language; an empty reader for a language without them."""
    people = f"actors/people_{language}.toml"
    names = f"actors/first_names_{language}.tsv"
    if not exists(people) or not exists(names):
        return Genders.empty()
    with toml_fields(people) as data:
        honorifics = {str(k): str(v) for k, v in data["honorific_genders"].items()}
        pronouns = {str(k): str(v) for k, v in data["pronoun_genders"].items()}
    first: dict[str, str] = {}
    for line in read_text(names).splitlines():
        if line and not line.startswith("#"):
            name, _, sex = line.partition("\t")
            first[name] = sex
    return Genders(first, honorifics, pronouns)
