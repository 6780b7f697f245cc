"""The words around a name that decide what it names.

A seat of power after a locative preposition or a word of motion is a place ("talks in
Moscow"), a state before an institution's noun is part of its name ("Russian Academy of
Sciences"), a capitalised neighbour may make it part of a person's name ("Jordan
Spieth"). The recogniser (:mod:`~blocwatch.nlp.actors.recognizer`) reads these cues.
"""

from __future__ import annotations

import re

LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|around|across|throughout|within|into|via|through|"
    r"visiting|visited|beyond|capital|city)\s+(?:the\s+)?$|\bcapital,\s+$",
    re.IGNORECASE,
)
MOTION_BEFORE = re.compile(
    r"\b(?:visits?|visited|trip|travel\w*|flew|fly|flights?|arriv\w*|went|go|going|came|"
    r"come|coming|return\w*|journey|delegation|route|moved?|headed|heading|road|way|"
    r"back|evacuat\w*|deport\w*|expelled|relocat\w*)\b[^.;:!?]{0,30}?"
    r"\b(?:to|from|towards?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
TO_FROM_BEFORE = re.compile(r"\b(?:to|from|towards?)\s+(?:the\s+)?$", re.IGNORECASE)
BASED_AFTER = re.compile(r"-based\b")
AREA_AFTER = re.compile(
    r"\s+(?:region|regions|oblast|province|city|airport|area|district|outskirts)\b", re.IGNORECASE
)
"""A seat named as an area ("Donetsk region", "Kyiv province") is a place, not its government."""
INSTITUTION_AFTER = re.compile(
    r"(?:\s+(?!Foreign\b|Ministry\b|President\b|Prime\b|Government\b)[A-Z][\w'’.-]*){0,3}?"
    r"\s+(?:University|Academy|College|Institute|School|Museum|Airlines|Airways|Times|Post|"
    r"Journal|Magazine|Herald|Tribune|Gazette|Church|Association|Society|Foundation|Club|"
    r"League|Cup|Airport|Hospital|Company|Corporation|Inc|Ltd|Studies|Alumni|Orchestra|"
    r"Theatre|Theater|Festival|Open|Grand Prix)\b"
)
MINISTRY_AFTER = re.compile(
    r"\s+(?P<ministry>(?:Foreign|Defen[cs]e|Interior|Finance|Economy|Economic Development|"
    r"Justice|Emergencies|Energy|Trade|Agriculture|Education|Health|Culture|Transport|"
    r"Foreign Affairs|Internal Affairs) Ministry|Ministry of (?:the\s+)?[A-Z][\w]*"
    r"(?:\s+(?:and\s+|of\s+)?[A-Z][\w]*)*|Foreign Office|State Department|"
    r"Department of State|Defen[cs]e Department|Embassy|embassy|Government|government|"
    r"Security Council|General Staff|Armed Forces|Defen[cs]e Forces)(?![\w])"
)
MINISTRY_BEFORE = re.compile(
    r"(?P<ministry>(?:(?:Foreign|Defen[cs]e|Interior|Finance|Economy|Justice|Energy|Trade)"
    r"\s+)?(?:Ministry|Department)(?:\s+of\s+(?:the\s+)?[A-Z][\w]*(?:\s+(?:and\s+)?[A-Z][\w]*)*)?"
    r"|Embassy|Government|Parliament)\s+of\s+(?:the\s+)?$"
)
ADMINISTRATION_AFTER = re.compile(r"\s+[Aa]dministration\b")
ARTICLE_BEFORE = re.compile(r"\b(?:the|The)\s+$")
INDEFINITE_BEFORE = re.compile(r"\b(?:an?|An?|one|One|two|several|many|other)\s+$")
QUALIFIER_BEFORE = re.compile(
    r"(?P<qualifier>\b(?:former|ex-|then-|acting|interim|outgoing|late)\s*)$", re.IGNORECASE
)
QUALIFIER_HINT = re.compile(r"(?i:former|ex-|then-|acting|interim|outgoing|late)")
OF_AFTER = re.compile(r"\s+of\s+(?P<article>the\s+)?")
NAME_TOKEN = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
UNKNOWN_NAME = re.compile(rf"{NAME_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{NAME_TOKEN}){{1,2}}(?![\w-])")
UNKNOWN_NAME_BEFORE = re.compile(
    rf"(?<![\w-])(?P<name>{NAME_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{NAME_TOKEN}){{1,2}}),\s+"
    r"(?:the\s+|an?\s+)?$"
)
ROLE_TAIL = re.compile(
    r"(?:,?\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+|of\s+|for\s+|the\s+)*"
    r"[A-Z][\w'’-]*)*)*"
)
NOT_NAME_TEXT = """
    The A An This That These Those He She It They We I You His Her Its Their Our On In At
    For And But Or If As By With From To Of Mr Mrs Ms Dr Sir Minister Ministry Foreign
    President Prime Secretary General Deputy Director Department Office Council Committee
    Commission State States Republic Federation Union Government Parliament Senate Congress
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Today Yesterday Tomorrow
    Information Press Affairs Security Defence Defense Affairs Chairman Head Chief Agency
    Service Bureau National Central Federal Interior Justice Economic Trade Finance Energy
    North South East West Northern Southern Eastern Western Minister's Ambassador Embassy
    Stadium Street Avenue Square Park Hall Center Centre Hotel Airport Bridge Road Palace
    Tower House Building Arena Club University College Institute School Museum Church
    Company Group Bank Fund Forum Foundation Party Times Post News Award Prize Cup League
    Then When While After Before Meanwhile Both Neighbouring Neighboring Even Only Also Like
    Unlike Since Until Although Though Because So Yet Now Here There Where Why How What Who
    Which Whether Last Next Earlier Later Neither Nor Either All Some Many Most Few Every
    Each Other Another Such No Not Thus Hence However Moreover Indeed Still Besides Between
    Against Among Under Over Into Across Through During Without Within Along Around Near
    """
NOT_NAME_WORDS = frozenset(NOT_NAME_TEXT.split())
ALSO_PERSONAL_NAMES = frozenset({"Jordan", "Chad", "Israel", "Georgia", "India", "Kenya"})
"""State names that are also first or family names ("Jordan Spieth", "Frank Jordan")."""
COMBINING_FORMS = frozenset({"Sino", "Russo", "Indo", "Franco", "Anglo", "Turco", "Japano"})
"""Adjectives that name a state only in compounds ("Sino-Russian", "Russo-Japanese")."""
CAPITALISED_BEFORE = re.compile(r"(?<![\w-])(?P<word>[A-Z][a-z]+)\s+$")
CAPITALISED_AFTER = re.compile(r"\s+(?P<word>[A-Z][a-z]+)(?![\w-])")
MINISTRY_ROLES = {
    "State Department": "state department",
    "Department of State": "state department",
    "Pentagon": "defence ministry",
    "Foreign Office": "foreign ministry",
}


def inside_a_personal_name(text: str, start: int, end: int) -> bool:
    """Whether a state name next to a capitalised name-like word is part of a person's name."""
    for match in (
        CAPITALISED_AFTER.match(text, end),
        CAPITALISED_BEFORE.search(text, max(0, start - 20), start),
    ):
        if match and match.group("word") not in NOT_NAME_WORDS:
            return True
    return False


def ministry_role(surface: str) -> str | None:
    """The ministry a seat-like alias names ("the State Department", "the Pentagon")."""
    return next((role for key, role in MINISTRY_ROLES.items() if surface.endswith(key)), None)


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


def cut_appositive(text: str, position: int) -> int:
    """Where a name would end before ``position`` in "NAME, the TITLE"; -1 when it cannot."""
    i = position
    while i > 0 and text[i - 1].isspace():
        i -= 1
    for article in ("the", "an", "a"):
        if text.endswith(article, 0, i) and i > len(article) and text[i - len(article) - 1] == " ":
            i -= len(article)
            while i > 0 and text[i - 1].isspace():
                i -= 1
            break
    return i - 1 if i > 0 and text[i - 1] == "," else -1
