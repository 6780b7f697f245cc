"""The event lexicon: phrases that name an event, compiled once for fast lookup.

The lexicon file (``data/events/lexicon.txt``) lists phrases under PLOVER/CAMEO headers;
its own header explains the notation. Matching does not run one big alternation of
every phrase over each sentence (Python's ``re`` would try each alternative at each
position): the sentence's words are looked up in a dictionary keyed by a phrase's first
word form, and only the few phrases that start with that word are tried, each with its
own anchored pattern. That keeps coding at thousands of sentences a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from blocwatch.errors import ConfigError
from blocwatch.nlp.events.ontology import PLOVER_TYPES


class VerbForm(StrEnum):
    """Which inflection of a verb matched; passive voice needs a participle."""

    BASE = "base"
    THIRD = "third"
    PAST = "past"
    PARTICIPLE = "participle"
    GERUND = "gerund"
    NOUN = "noun"


@dataclass(frozen=True, slots=True)
class Phrase:
    """One lexicon phrase and the event it names."""

    text: str
    """The phrase as written in the lexicon (for explanations and tests)."""
    type: str
    cameo: str
    mode: str | None
    symmetric: bool
    noun: bool
    needs_object: bool
    reverse: bool
    intransitive: bool
    """The action has no object ("resigned", "rioted"): an actor after it is elsewhere."""
    """The subject receives the action ("received weapons from X"): roles swap."""
    """The target stands inside the phrase ("wants Y to"); without one it is no event."""
    pattern: re.Pattern[str]
    forms: tuple[tuple[str, frozenset[VerbForm]], ...]
    """Surface forms of the first word and which inflections each one is."""
    size: int
    """Number of words, so that longer phrases win over their prefixes."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A phrase found in a text: where, and as which form of its first word."""

    phrase: Phrase
    start: int
    end: int
    verb_end: int
    """End of the first word: objects may stand between it and the rest ("gave Y aid")."""
    forms: frozenset[VerbForm]


_BE_FORMS: dict[str, frozenset[VerbForm]] = {
    "be": frozenset({VerbForm.BASE}),
    "is": frozenset({VerbForm.THIRD}),
    "are": frozenset({VerbForm.BASE}),
    "am": frozenset({VerbForm.BASE}),
    "was": frozenset({VerbForm.PAST}),
    "were": frozenset({VerbForm.PAST}),
    "been": frozenset({VerbForm.PARTICIPLE}),
    "being": frozenset({VerbForm.GERUND}),
}
_HEADER = re.compile(r"^\[(?P<type>[A-Z]+)\s+(?P<cameo>\d{2,4})(?P<flags>[^\]]*)\]$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# Words that may stand inside a phrase's gap: not a cue, a preposition or a clause word
# ("had a telephone conversation", not "had said after the telephone conversation").
_GAP = (
    r"(?:[\s,]+(?!(?:said|says|told|after|before|with|on|in|at|that|which|who|to|by|for|"
    r"from|and|but|while|as)\b)[\w'’\-]+){0,4}?[\s,]+"
)


def inflect(verb: str) -> dict[str, frozenset[VerbForm]]:
    """Surface forms of a lexicon verb written ``base[/past[/participle]]``."""
    parts = verb.split("/")
    base = parts[0]
    if base == "be":
        return dict(_BE_FORMS)
    past = parts[1] if len(parts) > 1 else _regular_past(base)
    participle = parts[2] if len(parts) > 2 else past
    forms: dict[str, set[VerbForm]] = {}
    for form, kind in (
        (base, VerbForm.BASE),
        (_third_person(base), VerbForm.THIRD),
        (past, VerbForm.PAST),
        (participle, VerbForm.PARTICIPLE),
        (_gerund(base, past), VerbForm.GERUND),
    ):
        forms.setdefault(form, set()).add(kind)
    return {form: frozenset(kinds) for form, kinds in forms.items()}


def _regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _gerund(base: str, past: str) -> str:
    if past == base + base[-1] + "ed":
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"


def _word_pattern(word: str) -> str:
    alternatives = word.split("|")
    escaped = [r"\s+".join(re.escape(part) for part in alt.split("_")) for alt in alternatives]
    return escaped[0] if len(escaped) == 1 else "(?:" + "|".join(escaped) + ")"


def _phrase(text: str, header: re.Match[str], source: str) -> Phrase:
    event_type = header["type"]
    if event_type not in PLOVER_TYPES:
        raise ConfigError(f"unknown PLOVER type {event_type!r}", source=source)
    flags = header["flags"].split()
    options = dict(flag.split("=", 1) for flag in flags if "=" in flag)
    noun = "noun" in flags
    literal = text.startswith("=")
    words = text.lstrip("=").split()
    first_word = words[0]
    # A two-word first element such as "sexually abuse": the adverb stays literal.
    prefix = ""
    if "/" not in first_word and not noun and len(words) > 1 and "/" in words[1]:
        prefix, first_word, words = first_word + " ", words[1], words[1:]
    if noun or literal:
        kinds = {VerbForm.NOUN} if noun else {VerbForm.PAST, VerbForm.PARTICIPLE}
        forms = {first_word.replace("|", " "): frozenset(kinds)}
        first = _word_pattern(first_word)
    else:
        forms = {prefix + form: kinds for form, kinds in inflect(first_word).items()}
        first = "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"
        first = first.replace(r"\ ", r"\s+")
    pattern = first
    for word in words[1:]:
        pattern += _GAP if word == "~" else r"[\s\-]+" + _word_pattern(word)
    pattern = pattern.replace(_GAP + r"[\s\-]+", _GAP)
    return Phrase(
        text=text,
        type=event_type,
        cameo=header["cameo"],
        mode=options.get("mode"),
        symmetric="sym" in flags,
        noun=noun,
        needs_object="object" in flags,
        reverse="reverse" in flags,
        intransitive="alone" in flags,
        pattern=re.compile(r"(?i:" + pattern + r")\b"),
        forms=tuple((form.lower(), kinds) for form, kinds in forms.items()),
        size=len([w for w in words if w != "~"]) + (1 if prefix else 0),
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Phrases indexed by the lower-cased first word of each of their forms."""

    by_first_word: dict[str, tuple[Phrase, ...]]
    nouns: dict[str, Phrase]
    """One-word event nouns, for verb forms that the context shows to be nouns."""
    obligation: Phrase
    """The REQUEST coded for "X said Y must ...", which no single phrase names."""

    def noun(self, word: str) -> Phrase | None:
        return self.nouns.get(word.lower())

    @classmethod
    def parse(cls, text: str, *, source: str = "lexicon") -> Lexicon:
        index: dict[str, list[Phrase]] = {}
        header: re.Match[str] | None = None
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("["):
                header = _HEADER.match(line)
                if header is None:
                    raise ConfigError(f"line {number}: bad header {line!r}", source=source)
                if header["type"] not in PLOVER_TYPES:
                    raise ConfigError(
                        f"line {number}: unknown PLOVER type {header['type']!r}", source=source
                    )
                continue
            if header is None:
                raise ConfigError(f"line {number}: phrase before any header", source=source)
            phrase = _phrase(line, header, f"{source} line {number}")
            for form, _kinds in phrase.forms:
                first = form.split()[0]
                index.setdefault(first, []).append(phrase)
        ordered = {
            word: tuple(sorted(phrases, key=lambda p: -p.size)) for word, phrases in index.items()
        }
        nouns = {
            phrase.text: phrase
            for phrases in ordered.values()
            for phrase in phrases
            if phrase.noun and phrase.size == 1
        }
        obligation_header = _HEADER.match("[REQUEST 100]")
        assert obligation_header is not None
        obligation = _phrase("say/said that", obligation_header, source)
        return cls(by_first_word=ordered, nouns=nouns, obligation=obligation)

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Trigger]:
        """Non-overlapping triggers in ``text[start:end]``, longest phrase first at each word."""
        stop = len(text) if end is None else end
        position = start
        for word in _WORD.finditer(text, start, stop):
            if word.start() < position:
                continue
            candidates = self.by_first_word.get(word.group().lower())
            if not candidates:
                continue
            best: Trigger | None = None
            for phrase in candidates:
                match = phrase.pattern.match(text, word.start(), stop)
                if match is None or (best is not None and match.end() <= best.end):
                    continue
                if best is not None and phrase.size < best.phrase.size:
                    continue
                best = Trigger(
                    phrase=phrase,
                    start=match.start(),
                    end=match.end(),
                    verb_end=_verb_end(phrase, text, word),
                    forms=_forms_of(phrase, text[word.start() : match.end()]),
                )
            if best is not None:
                position = best.end
                yield best


def _verb_end(phrase: Phrase, text: str, word: re.Match[str]) -> int:
    if phrase.noun:
        return word.end()
    for form, _kinds in phrase.forms:
        if " " in form and text[word.start() :].lower().startswith(form):
            return word.start() + len(form)
    return word.end()


def _forms_of(phrase: Phrase, matched: str) -> frozenset[VerbForm]:
    lowered = " ".join(matched.lower().split())
    best: frozenset[VerbForm] = frozenset()
    best_length = -1
    for form, kinds in phrase.forms:
        whole_word = len(lowered) == len(form) or not lowered[len(form) :][:1].isalpha()
        if lowered.startswith(form) and len(form) > best_length and whole_word:
            best, best_length = kinds, len(form)
    return best


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with the package, parsed once."""
    path = "data/events/lexicon.txt"
    text = resources.files("blocwatch").joinpath(path).read_text("utf-8")
    return Lexicon.parse(text, source=path)
