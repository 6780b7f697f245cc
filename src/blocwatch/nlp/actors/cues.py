"""The words around a name that decide what it names.

A seat of power after a locative preposition or a word of motion is a place ("talks in
Moscow"), a state before an institution's noun is part of its name ("Russian Academy of
Sciences"), a capitalised neighbour may make it part of a person's name ("Jordan
Spieth"). The recogniser (:mod:`~blocwatch.nlp.actors.recognizer`) reads these cues.

The words are data (``data/actors/cues_<language>.toml``); this module holds the shapes
the words fit into and compiles one :class:`ActorCues` from a parsed table, so a reviewer
can extend a word list without reading a regular expression, and a test can hand the
recogniser a table of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from blocwatch.data import read_toml, toml_fields

NAME_TOKEN = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
UNKNOWN_NAME = re.compile(rf"{NAME_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{NAME_TOKEN}){{1,2}}(?![\w-])")
UNKNOWN_NAME_BEFORE = re.compile(
    rf"(?<![\w-])(?P<name>{NAME_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{NAME_TOKEN}){{1,2}}),\s+"
    r"(?:the\s+|an?\s+)?$"
)
OF_AFTER = re.compile(r"\s+of\s+(?P<article>the\s+)?")
ROLE_TAIL = re.compile(
    r"(?:,?\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+|of\s+|for\s+|the\s+)*"
    r"[A-Z][\w'’-]*)*)*"
)
CAPITALISED_BEFORE = re.compile(r"(?<![\w-])(?P<word>[A-Z][a-z]+)\s+$")
CAPITALISED_AFTER = re.compile(r"\s+(?P<word>[A-Z][a-z]+)(?![\w-])")
_PROPER_WORDS = r"[A-Z][\w]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w]*)*"
"""Capitalised words of a ministry's own name after "Ministry of" ("of Foreign Affairs")."""


def _one_of(words: Iterable[str]) -> str:
    """An alternation of ``words`` as written; a trailing ``*`` takes the rest of the word."""
    return "|".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words)


def _either_case(words: Iterable[str]) -> str:
    """An alternation of ``words`` with their first letter in either case."""
    return _one_of(form for w in words for form in (w, w[:1].upper() + w[1:]))


@dataclass(frozen=True, slots=True)
class ActorCues:
    """The compiled cues of one language; build with :func:`compile_cues`."""

    locative_before: re.Pattern[str]
    """A locative word just before a seat: "in", "visiting", "the capital, "."""
    motion_before: re.Pattern[str]
    """A word of motion then "to"/"from" just before a seat: "flew back to"."""
    to_from_before: re.Pattern[str]
    based_after: re.Pattern[str]
    area_after: re.Pattern[str]
    """A seat named as an area ("Donetsk region", "Kyiv province") is a place, not its government."""
    institution_after: re.Pattern[str]
    ministry_after: re.Pattern[str]
    ministry_before: re.Pattern[str]
    administration_after: re.Pattern[str]
    article_before: re.Pattern[str]
    indefinite_before: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_hint: re.Pattern[str]
    not_name_words: frozenset[str]
    also_personal_names: frozenset[str]
    """State names that are also first or family names ("Jordan Spieth", "Frank Jordan")."""
    combining_forms: frozenset[str]
    """Adjectives that name a state only in compounds ("Sino-Russian", "Russo-Japanese")."""
    ministry_roles: Mapping[str, str]
    articles: tuple[str, ...] = ()
    """Articles a role phrase may open with ("the prime minister")."""

    def inside_a_personal_name(self, text: str, start: int, end: int) -> bool:
        """Whether a state name next to a capitalised name-like word is part of a person's name."""
        for match in (
            CAPITALISED_AFTER.match(text, end),
            CAPITALISED_BEFORE.search(text, max(0, start - 20), start),
        ):
            if match and match.group("word") not in self.not_name_words:
                return True
        return False

    def ministry_role(self, surface: str) -> str | None:
        """The ministry a seat-like alias names ("the State Department", "the Pentagon")."""
        return next(
            (role for key, role in self.ministry_roles.items() if surface.endswith(key)), None
        )


def _place_patterns(place: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
    direction = rf"\b(?:{_one_of(place['direction'])})\s+(?:the\s+)?$"
    return {
        "locative_before": re.compile(
            rf"\b(?:{_one_of(place['locative_before'])})\s+(?:the\s+)?$"
            rf"|\b(?:{_one_of(place['locative_before_comma'])}),\s+$",
            re.IGNORECASE,
        ),
        "motion_before": re.compile(
            rf"\b(?:{_one_of(place['motion'])})\b[^.;:!?]{{0,30}}?{direction}", re.IGNORECASE
        ),
        "to_from_before": re.compile(direction, re.IGNORECASE),
        "based_after": re.compile(rf"(?:{_one_of(place['suffixes'])})\b"),
        "area_after": re.compile(rf"\s+(?:{_one_of(place['area_nouns'])})\b", re.IGNORECASE),
    }


def _institution_patterns(
    institution: Mapping[str, Any], ministry: Mapping[str, Any]
) -> dict[str, re.Pattern[str]]:
    not_between = "|".join(rf"{re.escape(w)}\b" for w in institution["not_between"])
    noun = re.escape(ministry["ministry"])
    before = (
        rf"(?:(?:{_one_of(ministry['portfolios_before'])})\s+)?"
        rf"(?:{_one_of(ministry['ministry_nouns_before'])})"
        rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w]*(?:\s+(?:and\s+)?[A-Z][\w]*)*)?"
        rf"|{_one_of(ministry['bodies_before'])}"
    )
    return {
        "institution_after": re.compile(
            rf"(?:\s+(?!{not_between})[A-Z][\w'’.-]*){{0,3}}?"
            rf"\s+(?:{_one_of(institution['nouns'])})\b"
        ),
        "ministry_after": re.compile(
            rf"\s+(?P<ministry>(?:{_one_of(ministry['portfolios_after'])}) {noun}"
            rf"|{noun} of (?:the\s+)?{_PROPER_WORDS}|{_one_of(ministry['bodies_after'])})(?![\w])"
        ),
        "ministry_before": re.compile(rf"(?P<ministry>{before})\s+of\s+(?:the\s+)?$"),
    }


def _title_patterns(titles: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
    qualifiers = _one_of(titles["qualifiers"])
    return {
        "administration_after": re.compile(rf"\s+(?:{_either_case(titles['administration'])})\b"),
        "article_before": re.compile(rf"\b(?:{_one_of(titles['definite'])})\s+$"),
        "indefinite_before": re.compile(rf"\b(?:{_one_of(titles['indefinite'])})\s+$"),
        "qualifier_before": re.compile(rf"(?P<qualifier>\b(?:{qualifiers})\s*)$", re.IGNORECASE),
        "qualifier_hint": re.compile(rf"(?i:{qualifiers})"),
    }


def compile_cues(table: Mapping[str, Any]) -> ActorCues:
    """The cues a parsed ``cues_<language>.toml`` table describes."""
    names = table["names"]
    return ActorCues(
        **_place_patterns(table["place"]),
        **_institution_patterns(table["institution"], table["ministry"]),
        **_title_patterns(table["titles"]),
        not_name_words=frozenset(names["not_name"]),
        also_personal_names=frozenset(names["also_personal"]),
        combining_forms=frozenset(names["combining_forms"]),
        ministry_roles=dict(table["ministry"]["roles"]),
        articles=tuple(str(a) for a in table["titles"]["articles"]),
    )


def cue_table(language: str = "en") -> dict[str, Any]:
    """The parsed data file for ``language``; a clear error when it is missing or broken."""
    return read_toml(f"actors/cues_{language}.toml")


@cache
def default_cues(language: str = "en") -> ActorCues:
    """The shipped cues for ``language``, compiled once; a missing section or list is an
    error naming the file and the key."""
    with toml_fields(f"actors/cues_{language}.toml") as table:
        return compile_cues(table)


def eu_title(surface: str, title: str) -> str:
    """The EU's two presidents told apart by the body the text names with the title."""
    if title == "president" and "Commission" in surface:
        return "commission president"
    if title == "president" and "Council" in surface:
        return "council president"
    return title


def cut_possessive(text: str, position: int) -> int:
    """Where a mention would end before ``position`` across spaces and a possessive."""
    i = position
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if text.endswith(("'s", "’s"), 0, i):
        return i - 2
    if i > 0 and text[i - 1] in "'’":
        return i - 1
    return i


def cut_appositive(text: str, position: int, articles: Sequence[str]) -> int:
    """Where a name would end before ``position`` in "NAME, the TITLE" (one of the
    language's ``articles`` may open the title); -1 when it cannot."""
    i = position
    while i > 0 and text[i - 1].isspace():
        i -= 1
    for article in articles:
        if text.endswith(article, 0, i) and i > len(article) and text[i - len(article) - 1] == " ":
            i -= len(article)
            while i > 0 and text[i - 1].isspace():
                i -= 1
            break
    return i - 1 if i > 0 and text[i - 1] == "," else -1


def name_after_title(text: str, title_end: int) -> re.Match[str] | None:
    """An unknown name right after a title ("Prime Minister Ali Zaidan"), or in
    apposition closed by its own comma ("The Mexican president, Enrique Peña Nieto,
    said"); a name followed by another comma-less item may open a list, so not that."""
    after = re.match(r"\s+", text[title_end : title_end + 3])
    if after and text[title_end + after.end() : title_end + after.end() + 1].isupper():
        return UNKNOWN_NAME.match(text, title_end + after.end())
    if text.startswith(", ", title_end):
        candidate = UNKNOWN_NAME.match(text, title_end + 2)
        if candidate is not None and text.startswith(",", candidate.end()):
            return candidate
    return None


def name_before_title(
    text: str, match_end: int, phrase_start: int, title_end: int, articles: Sequence[str]
) -> tuple[tuple[int, int], int] | None:
    """The span of an unknown name before "NAME, the TITLE" and where the role phrase
    ends (its tail "of Libya" included, since that tail is part of the role); ``None``
    when the phrase is not an appositive after a name."""
    if cut_appositive(text, phrase_start, articles) < 0:
        return None
    before = UNKNOWN_NAME_BEFORE.search(text, max(0, phrase_start - 60), phrase_start)
    if before is None:
        return None
    tail = ROLE_TAIL.match(text, match_end)
    return before.span("name"), max(title_end, tail.end() if tail else title_end)


def role_text(text: str, start: int, end: int, articles: Sequence[str]) -> str:
    """The role phrase as a role: spaces normalised, without its leading article."""
    words = " ".join(text[start:end].split())
    leading = "|".join(re.escape(a) for a in articles)
    return re.sub(rf"^(?:{leading})\s+", "", words, flags=re.IGNORECASE)
