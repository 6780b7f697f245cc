"""Cue verbs and phrases: where in a text a verb of saying (with its auxiliaries, adverbs
and particle) may introduce a quote or reported speech.

A cue form is matched as a word of the lexicon (``data/quotes/en.toml``); forms that are
as often nouns ("support", "plan") count only where they read as verbs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from blocwatch.model import Span
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.spans import _LAST_WORD, _is_capitalised, _words

_AUX = (
    r"(?-i:has|have|had|is|are|was|were|will|would|could|can|may|might|should|must|does|do|did|"
    r"also|then|further|later|again|once|previously|repeatedly|reportedly|recently|"
    r"apparently|even|often|never|not|already|just|still|publicly|privately|flatly|"
    r"firmly|strongly|simply|explicitly|specifically|immediately|originally|first|"
    r"been|being|has also|had also|once again|long|always|frequently|quickly|openly|almost|"
    r"very|"
    r"[a-z]+n[’']t|(?:continu(?:e|es|ed)|beg(?:an|ins|in)|tr(?:y|ies|ied)|went\s+on|"
    r"goes\s+on)\s+to|"
    r"(?!(?:family|only|early|daily|weekly|monthly|ally|rally|assembly|supply|reply|apply|"
    r"July|Italy|Kelly|Holly|Emily|Billy|Sally)\b)[a-z]{3,}ly)"
)


def _verb_reading(form: str, previous: str) -> bool:
    """Whether a cue form that can be a noun reads as a verb after ``previous``: "he
    supports", "Trump plans", "they support" — not "Republican support", "Editor’s note"."""
    lemma = _lemmas().get(form)
    if lemma not in lexicon.NOUN_LIKE or form not in {lemma, lemma + "s", lemma + "es"}:
        return True
    lower = previous.lower()
    if lower.endswith(("’s", "'s")):
        return False
    if form == lemma:
        return lower in {"i", "you", "we", "they", "who", "to"} or (
            lower.endswith("s") and not lower.endswith(("ss", "’s", "'s")) and len(lower) > 3
        )
    return (
        lower in {"he", "she", "it", "who", "that", "which"}
        or _is_capitalised(previous)
        or lower in lexicon.EVIDENCE_NOUNS
        or lower.removesuffix("s") in lexicon.EVIDENCE_NOUNS
    )


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue found in the text: auxiliaries and adverbs, the verb, and any particle."""

    span_start: int
    span_end: int
    verb_start: int
    verb: str

    def start(self) -> int:
        return self.span_start

    def end(self) -> int:
        return self.span_end


@cache
def _lemmas() -> dict[str, str]:
    """Every inflected form of every cue verb, mapped to its base form."""
    forms: dict[str, str] = {}
    for lemma, inflections in lexicon.IRREGULAR.items():
        forms.update(dict.fromkeys(inflections, lemma))
    for verb in lexicon.REGULAR:
        stem = verb[:-1] if verb.endswith("e") else verb
        stem = lexicon.DOUBLED.get(verb, stem)
        if verb.endswith("y") and verb[-2] not in "aeiou":
            inflections = (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
        else:
            inflections = (verb, verb + ("es" if verb.endswith(("s", "sh", "ch")) else "s"),
                           stem + "ed", stem + "ing")  # fmt: skip
        forms.update(dict.fromkeys(inflections, verb))
    return forms


@cache
def _cue_pattern() -> re.Pattern[str]:
    words = sorted({*_lemmas(), *lexicon.PHRASAL}, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(
        rf"(?<![\w’'-])(?P<verb>{alternation})"
        rf"(?:\s+(?P<particle>about|for|on|to|against|of))?(?![\w’'-])",
        re.IGNORECASE,
    )


@cache
def _cue_first_words() -> frozenset[str]:
    return frozenset(w.split()[0].lower() for w in {*_lemmas(), *lexicon.PHRASAL})


_TOKEN = re.compile(r"[A-Za-z]+")


def _verb_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The cue pattern's matches, tried only where a word that can start a cue begins
    (the same matches as scanning with it, many times faster: the pattern is one long
    alternation)."""
    pattern = _cue_pattern()
    first_words = _cue_first_words()
    found = []
    position = start
    for token in _TOKEN.finditer(text, start, end):
        if token.start() < position or token.group().lower() not in first_words:
            continue
        match = pattern.match(text, token.start(), end)
        if match is not None:
            found.append(match)
            position = match.end()
    return found


@cache
def _auxiliaries_pattern() -> re.Pattern[str]:
    """Auxiliaries and adverbs that end right before a cue verb ("has repeatedly")."""
    return re.compile(rf"(?<![\w’'-])(?:{_AUX}\s+)*(?:went\s+on\s+to\s+)?$", re.IGNORECASE)


def _cue_at(text: str, start: int, end: int) -> Iterator[_Cue]:
    """Cue verbs between ``start`` and ``end``; a capitalised verb is a name ("United
    States") or a headline word, except a sentence-opening "According to"."""
    lemmas = _lemmas()
    matches = _verb_matches(text, start, end)
    auxiliaries = _auxiliaries_pattern()
    floor = start
    for index, match in enumerate(matches):
        verb_start = match.start("verb")
        later = matches[index + 1] if index + 1 < len(matches) else None
        if later is not None:
            lead = auxiliaries.search(text, max(floor, later.start() - 120), later.start())
            if lead is not None and lead.start() <= verb_start and lead.start() < lead.end():
                continue
        lead = auxiliaries.search(text, max(floor, verb_start - 120), verb_start)
        cue_start = lead.start() if lead is not None else verb_start
        floor = match.end()
        verb = match.group("verb")
        if not (verb[:1].islower() or verb.startswith("According")):
            continue
        before = _LAST_WORD.search(text, max(0, cue_start - 20), cue_start)
        previous = before.group(1) if before else ""
        if previous.lower() in lexicon.DETERMINERS:
            continue
        if cue_start == verb_start and not _verb_reading(verb.lower(), previous):
            continue
        cue_end = match.end("verb")
        particle = match.group("particle")
        lemma = lemmas.get(verb.lower())
        if particle and lemma and lemma in lexicon.PARTICLES[particle.lower()]:
            cue_end = match.end("particle")
        elif lemma in lexicon.NEEDS_PARTICLE:
            continue
        yield _Cue(cue_start, cue_end, verb_start, verb)


@cache
def _coordinated_cue() -> re.Pattern[str]:
    """' and (also) <past-tense cue>': a second predicate of the source starts here."""
    forms = sorted(
        (f for f in _lemmas() if f.endswith("ed") or f in lexicon.IRREGULAR_PAST), key=len
    )
    alternation = "|".join(re.escape(f) for f in reversed(forms))
    return re.compile(rf",?\s+and\s+(?:also\s+|then\s+)?(?:{alternation})\b")


def _verb_start(text: str, cue: Span) -> int:
    words = _words(text, cue.start, cue.end)
    return words[-1][0] if words else cue.start


def has_cue(text: str) -> bool:
    """Whether ``text`` (a sentence) holds a cue verb or phrase in lower case — a sentence
    whose speaker only its syntax can tell ("Lavrov said that ..." has no other name-like
    word, so the syntax stage would otherwise skip it)."""
    return any(m.group("verb")[:1].islower() for m in _verb_matches(text, 0, len(text)))
