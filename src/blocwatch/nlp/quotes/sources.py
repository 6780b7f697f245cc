"""The words naming a source, found next to a cue: the noun phrase before it (with an
apposition and its comma), the one after it ("said the ministry"), and a sentence's
opening subject.
"""

from __future__ import annotations

import re

from blocwatch.model import Span
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.cues import _lemmas
from blocwatch.nlp.quotes.spans import (
    _DASH_ASIDE,
    _TRAILING_TIME,
    _is_capitalised,
    _strip,
    _words,
)


def _source_before(text: str, floor: int, cue_start: int) -> Span | None:
    """The noun phrase that ends just before a cue: "the Kremlin", "Mr. Grassley and Mr.
    Leahy", "Sen. David Perdue (R-Ga.)", "Derek Mitchell, who served as ambassador,"
    (an appositive keeps its comma, as news-attribution corpora mark it)."""
    start, end = _strip(text, floor, cue_start)
    if start >= end:
        return None
    aside = _DASH_ASIDE.search(text, start, cue_start)
    if aside is not None and not _PASSIVE_CUE.match(text, cue_start):
        # The subject before an aside set off by dashes, with the aside (as a comma
        # apposition is kept): "Abase Hussen – who blamed the police –".
        head = _source_before(text, floor, aside.start())
        return None if head is None else Span(head.start, end)
    when = _TRAILING_TIME.search(text, start, end)
    if when and when.start() > start:
        end = when.start()
    if text[end - 1] == ",":
        return _appositive_source(text, start, end)
    words = _words(text, start, end)
    if not words or text[words[-1][1] : end].strip(" .)"):
        return None
    chosen = _phrase_start(text, words)
    if chosen == len(words):
        return None
    while chosen < len(words) and text[words[chosen][0] : words[chosen][1]].lower() in (
        lexicon.NOUN_PHRASE_JOINS
    ):
        chosen += 1
    if chosen == len(words):
        return None
    first = text[words[chosen][0] : words[chosen][1]].lower()
    if first in {"his", "her", "their", "its", "our", "my", "your"} and chosen == len(words) - 1:
        return None
    return Span(words[chosen][0], end)


_PASSIVE_CUE = re.compile(r"(?:(?:has|have|had|is|are|was|were|will)\s+)?(?:been|being|be)\b")
"""A cue in the passive ("has been called"): its subject is not who spoke."""


def _name_part(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """A capitalised function word right after a capitalised name word is part of the name
    ("Theresa May", "Will" in "Hamilton Will"), not a modal that ends the phrase."""
    if index == 0:
        return False
    word = text[words[index][0] : words[index][1]]
    previous = text[words[index - 1][0] : words[index - 1][1]]
    return (
        word[:1].isupper()
        and word[1:].islower()
        and _is_capitalised(previous)
        and previous.lower() not in lexicon.STOP_BACK
        and text[words[index - 1][1] : words[index][0]] == " "
    )


def _phrase_start(text: str, words: list[tuple[int, int]]) -> int:
    """The index of the first word of the noun phrase that ends the words, read back from
    the last word; ``len(words)`` when the last word cannot end one."""
    chosen = len(words)
    for index in range(len(words) - 1, -1, -1):
        word_start, word_end = words[index]
        lower = text[word_start:word_end].lower()
        gap = text[word_end : words[index + 1][0]] if index + 1 < len(words) else ""
        if gap.strip(" .()’'s-\u00a0/"):
            return chosen
        if lower in {"who", "which"} and index == len(words) - 1:
            return index
        if lower in {"whom", "which"} and index >= 2 and index == len(words) - 1:
            quantity = text[words[index - 2][0] : words[index - 1][1]].lower()
            if re.fullmatch(r"(?:many|most|some|all|several|few|one|none|both) of", quantity):
                return index - 2
        if (
            lower in lexicon.STOP_BACK
            and not _joins_noun_phrase(text, words, index)
            and not _name_part(text, words, index)
        ):
            return chosen
        if lower in lexicon.PAST_VERBS or (
            lower.endswith("ed")
            and index > 0
            and _is_capitalised(text[words[index - 1][0] : words[index - 1][1]])
            and text[words[index - 1][0] : words[index - 1][1]] != "I"
            and text[word_start : word_start + 1].islower()
        ):
            return chosen
        chosen = index
        reduced_relative = (
            index == len(words) - 2
            and index > 0
            and text[words[index + 1][0] : words[index + 1][1]].endswith("ed")
            and text[words[index - 1][0] : words[index - 1][1]].lower().endswith("s")
        )
        if (lower in lexicon.SUBJECT_PRONOUNS and not reduced_relative) or len(words) - index > 12:
            return chosen
    return chosen


def _joins_noun_phrase(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """Whether a preposition or 'and' at ``index`` sits inside a noun phrase: between a
    capitalised word or plural noun and a name, a determiner or another noun."""
    lower = text[words[index][0] : words[index][1]].lower()
    if lower not in lexicon.NOUN_PHRASE_JOINS or index == 0 or index == len(words) - 1:
        return False
    before = text[words[index - 1][0] : words[index - 1][1]]
    after = text[words[index + 1][0] : words[index + 1][1]]
    if after.lower() in lexicon.STOP_BACK - {"this", "these", "those"}:
        return False
    noun_before = _is_capitalised(before) or (
        before.endswith("s") and before.lower() not in lexicon.STOP_BACK and len(before) > 3
    )
    if lower == "and":
        return noun_before or before.lower() in {"president", "minister", "officials"}
    return noun_before and before.lower() not in lexicon.TIME_NOUNS


def _appositive_source(text: str, floor: int, end: int) -> Span | None:
    """'X, the deputy director of Y, said' and 'Schiff, 56, who has served ..., told':
    walking back over the comma-separated pieces, appositions (pieces opening with a
    determiner, a number, 'who' or a lower-case word) are taken until the head noun
    phrase; the source runs from the head to the comma before the cue."""
    inner = text[floor : end - 1]
    cuts = [floor] + [floor + m.end() for m in re.finditer(r",\s*", inner)]
    if len(cuts) < 2 or len(_words(text, floor, end)) > 40:
        return None
    for index in range(len(cuts) - 1, -1, -1):
        words = _words(text, cuts[index], end)
        if not words:
            return None
        first = text[words[0][0] : words[0][1]]
        lower = first.lower()
        if (
            first[:1].islower()
            and lower in lexicon.STOP_BACK
            and lower not in lexicon.APPOSITION_OPENERS
        ):
            return None
        opens_apposition = (
            lower in lexicon.APPOSITION_OPENERS
            or first[:1].isdigit()
            or first[:1].islower()
            or _ROLE_OF_PLACE.match(text, words[0][0], end) is not None
            or _PLACE_OR_OWNER.match(text, words[0][0], end) is not None
        ) and index > 0
        if opens_apposition:
            continue
        if index == len(cuts) - 1:
            if index == 0:
                return None
            role = _words(text, cuts[index - 1], end)
            if text[role[0][0] : role[0][1]].lower() not in {"the", "a", "an", "another", "one"}:
                return None
            index -= 1
            words = role
        if lower in lexicon.STOP_BACK - {"this", "these"} or lower in lexicon.NOUN_PHRASE_JOINS:
            return None
        if len(words) > 30:
            return None
        return Span(words[0][0], end)
    return None


_ROLE_OF_PLACE = re.compile(r"(?:[A-Z][\w.-]*\s+){1,3}of\s+(?:the\s+)?[A-Z][^,]*,$")
"""An apposition naming a role by its place: "Democrat of California,"."""


_PLACE_OR_OWNER = re.compile(r"(?:[A-Z][a-z]{0,4}\.|[A-Z][\w.-]*[’']s\s+[a-z][^,]*),$")
"""An apposition that is a state ("Va.,") or opens with an owner ("Pyongyang's only ally,")."""


def _with_apposition(text: str, source: Span, limit: int) -> Span:
    """'said Alan Cole, an economist at the Tax Foundation.': a source after its cue keeps
    an apposition that runs to the end of the sentence."""
    rest = text[source.end : limit]
    if re.match(r",\s+(?:a|an|the|who|whose|one|another|[a-z]+\s+of)\b", rest) and not re.search(
        r"[“\"«]", rest
    ):
        return Span(source.start, _strip(text, source.end, limit, " \t\n.,\u00a0")[1])
    return source


def _source_after(text: str, start: int, limit: int) -> Span | None:
    """The noun phrase right after a cue ("said the Armenian Foreign Ministry after ...")."""
    words = _words(text, start, limit)
    if not words or text[start : words[0][0]].strip():
        return None
    end = None
    for index, (word_start, word_end) in enumerate(words):
        word = text[word_start:word_end]
        if index and word.lower() in lexicon.STOP_FORWARD:
            break
        gap = text[words[index - 1][1] : word_start].strip() if index else ""
        previous = text[words[index - 1][0] : words[index - 1][1]] if index else ""
        if gap not in {"", "'s", "’s", "/"} and not (
            gap == "." and previous.lower() in lexicon.TITLES
        ):
            break
        if index == 0 and word.lower() in lexicon.STOP_FORWARD - {"the"}:
            return None
        if (
            index
            and word[:1].islower()
            and _is_capitalised(text[words[index - 1][0] : words[index - 1][1]])
            and word.lower() not in {"of", "the", "and", "for", "de", "von", "van", "al"}
        ):
            break
        end = word_end
        if index >= 10:
            return None
    if end is None:
        return None
    return Span(words[0][0], end)


def _looks_like_source(text: str, span: Span) -> bool:
    """Whether a phrase can name who said something: a name, a pronoun, or a noun phrase
    that starts like one ("the campaign", "attorneys for the family", "one GOP source")."""
    words = [w.strip(",.()") for w in text[span.start : span.end].split()]
    words = [w for w in words if w]
    if not words:
        return False
    first = words[0].lower()
    if first in lexicon.NOUN_PHRASE_JOINS or (
        first in lexicon.STOP_BACK and first not in {"this", "these", "who", "which"}
    ):
        return False
    if len(words) > 1 and words[0] in lexicon.NOT_SOURCE_OPENERS:
        return False
    if len(words) == 1 and first in lexicon.SENTENCE_ADVERBS:
        return False
    if len(words) == 1:
        word = words[0]
        if first in lexicon.DETERMINERS or first in {"that", "there", "here"}:
            return False
        return (
            first in lexicon.SUBJECT_PRONOUNS
            or first in {"who", "which"}
            or _is_capitalised(word)
            or (len(word) > 3 and first.endswith("s") and not first.endswith(("ss", "us", "is")))
            or first in lexicon.AGENT_NOUNS
        )
    return True


def _subject_at(text: str, start: int, end: int) -> Span | None:
    """The subject a sentence opens with ("Rival Hillary Clinton had mocked ..., saying"):
    names, determiners and up to three common nouns, up to the first verb-like word."""
    words = _words(text, start, end)
    chosen = None
    lowercase = 0
    for word_start, word_end in words:
        word = text[word_start:word_end]
        lower = word.lower()
        if chosen is None and lower in lexicon.SUBJECT_PRONOUNS:
            return Span(word_start, word_end)
        if (
            lower in lexicon.STOP_BACK
            or lower.endswith("ed")
            or text[word_start - 1 : word_start] == ","
            or (word[:1].islower() and (lower in lexicon.PAST_VERBS or lower in _lemmas()))
        ):
            break
        if not _is_capitalised(word) and lower not in lexicon.DETERMINERS:
            lowercase += 1
            if lowercase > 3:
                break
        chosen = (chosen[0] if chosen else word_start, word_end)
    if chosen is None:
        return None
    span = Span(*chosen)
    return span if _looks_like_source(text, span) else None


def _source_after_according(text: str, start: int, limit: int) -> Span | None:
    stop = re.compile(r",|;|\.(?=\s|$)|—|\(").search(text, start, limit)
    end = stop.start() if stop else limit
    source_start, source_end = _strip(text, start, end)
    if source_start >= source_end or len(text[source_start:source_end].split()) > 25:
        return None
    return Span(source_start, source_end)
