"""Quotes and reported speech in Russian text, with who said them.

Russian news typography: a direct quote is in «ёлочки» („лапки“ inside them, straight
quotes in web copy) and its attribution follows a dash ("«…», — заявил Лавров") or
precedes a colon ("Лавров заявил: «…»"); a quote the cue interrupts is
"«…, — сказал он, — …»". Reported speech is "X заявил, что …", "по словам X, …",
"как сообщает X, …" and "…, сообщил X". Quotation marks without a cue ("закон «О
прозрачности иностранного влияния»") are titles, not quotes.

The cue words are data (``data/quotes/ru.toml``), matched on pymorphy3 lemmas. The
speaker is an actor mention: after the cue when the cue follows the content, otherwise
the last one before the cue (a person first); "он"/"она" is the last person named
before. With no mention the speaker is left unresolved (``None``), never a common word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from blocwatch.data import toml_fields
from blocwatch.model import ActorKind, Evidence, Mention, Quote, QuoteKind, Sentence, Span
from blocwatch.nlp.russian.actors import word_keys

_WORD = re.compile(r"\w+(?:-\w+)*")
_DASH = r"[—–-]"


@dataclass(frozen=True, slots=True)
class _Words:
    cue_verbs: frozenset[str]
    source_phrases: tuple[str, ...]
    complementisers: frozenset[str]
    person_pronouns: frozenset[str]
    marks: dict[str, str]


@cache
def words() -> _Words:
    with toml_fields("quotes/ru.toml") as data:
        return _Words(
            cue_verbs=frozenset(data["cue_verbs"]),
            source_phrases=tuple(sorted(data["source_phrases"], key=len, reverse=True)),
            complementisers=frozenset(data["complementisers"]),
            person_pronouns=frozenset(data["person_pronouns"]),
            marks=dict(data["marks"]),
        )


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    cue: str
    speaker: Mention | None
    confidence: float


def is_cue(word: str) -> bool:
    return not word[:1].isupper() and bool(word_keys(word) & words().cue_verbs)


def extract_quotes_ru(
    article_id: str, text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention] = ()
) -> list[Quote]:
    """Direct quotes and reported speech of a Russian article, in text order."""
    ordered = sorted(mentions, key=lambda m: m.evidence.span.start)
    found: list[_Found] = []
    for sentence in sentences:
        direct = _direct(text, sentence, ordered)
        found.extend(direct)
        if not direct:
            found.extend(_reported(text, sentence, ordered))
    quotes = []
    for item in found:
        content = text[item.start : item.end].strip(" ,.—–-")
        if len(_WORD.findall(content)) < 2:
            continue
        start = text.index(content, item.start)
        speaker = item.speaker
        quotes.append(
            Quote(
                speaker=speaker.name if speaker else None,
                speaker_actor_id=speaker.actor_id if speaker else None,
                cue=item.cue,
                text=content,
                kind=item.kind,
                evidence=Evidence(
                    article_id,
                    _sentence_of(sentences, start),
                    Span(start, start + len(content)),
                    content,
                ),
                confidence=item.confidence if speaker else 0.4,
            )
        )
    return quotes


def _quoted(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) of each quoted stretch in the sentence, marks excluded."""
    marks = words().marks
    spans: list[tuple[int, int]] = []
    s, e = sentence.span.start, sentence.span.end
    i = s
    while i < e:
        closing = marks.get(text[i])
        if closing is None:
            i += 1
            continue
        depth, j = 0, i + 1
        while j < e and not (text[j] == closing and depth == 0):
            if text[j] == text[i] and closing != text[i]:
                depth += 1
            elif text[j] == closing:
                depth -= 1
            j += 1
        if j >= e:
            break
        spans.append((i + 1, j))
        i = j + 1
    return spans


def _direct(text: str, sentence: Sentence, mentions: Sequence[Mention]) -> list[_Found]:
    found = []
    end = sentence.span.end
    for start, stop in _quoted(text, sentence):
        split = re.search(rf",\s*{_DASH}\s*(\w+)\s+(.+?),\s*{_DASH}\s*", text[start:stop])
        if split and is_cue(split.group(1)):  # "«…, — сказал он, — …»"
            speaker = _after(mentions, start + split.start(2), start + split.end(2)) or _pronoun(
                text, start + split.start(2), start + split.end(2), mentions
            )
            cue = split.group(1)
            found.append(_Found(start, start + split.start(), QuoteKind.DIRECT, cue, speaker, 0.85))
            found.append(_Found(start + split.end(), stop, QuoteKind.DIRECT, cue, speaker, 0.85))
            continue
        after = re.match(rf"[,.!?…]?\s*{_DASH}\s*(\w+)", text[stop + 1 : end])
        if after and is_cue(after.group(1)):  # "«…», — заявил Лавров."
            cue_end = stop + 1 + after.end()
            speaker = _after(mentions, cue_end, end) or _pronoun(text, cue_end, end, mentions)
            found.append(_Found(start, stop, QuoteKind.DIRECT, after.group(1), speaker, 0.9))
            continue
        before = _last_cue(text, sentence.span.start, start)
        if before is not None:  # "Лавров заявил: «…»", "назвала решение «…»"
            speaker = _before(mentions, sentence.span.start, before[0]) or _pronoun(
                text, sentence.span.start, before[0], mentions
            )
            found.append(_Found(start, stop, QuoteKind.DIRECT, before[2], speaker, 0.85))
    return found


def _reported(text: str, sentence: Sentence, mentions: Sequence[Mention]) -> list[_Found]:
    s, e = sentence.span.start, sentence.span.end
    body = text[s:e]
    lower = body.lower()
    for phrase in words().source_phrases:
        at = lower.find(phrase)
        if at < 0:
            continue
        comma = body.find(",", at + len(phrase))
        speaker = _after(mentions, s + at + len(phrase), s + comma if comma > 0 else e)
        if at <= 2 and comma > 0:  # "По словам X, …"
            return [_Found(s + comma + 1, e, QuoteKind.INDIRECT, phrase, speaker, 0.8)]
        if at > 2 and body[:at].rstrip().endswith(","):  # "…, как сообщает X."
            return [_Found(s, s + at, QuoteKind.INDIRECT, phrase, speaker, 0.8)]
    for match in _WORD.finditer(body):
        if not is_cue(match.group()):
            continue
        rest = body[match.end() :]
        that = re.match(r"[^,.:]{0,60}?,\s*(\w+)\s", rest)
        if that and that.group(1).lower() in words().complementisers:
            speaker = _before(mentions, s, s + match.start()) or _pronoun(
                text, s, s + match.start(), mentions
            )
            start = s + match.end() + that.end()
            return [_Found(start, e, QuoteKind.INDIRECT, match.group(), speaker, 0.8)]
        if body[: match.start()].rstrip().endswith(",") and match.start() > 0:
            # "…, сообщил X." — the content is the sentence before the cue.
            speaker = _after(mentions, s + match.end(), e)
            if speaker is not None:
                before = body[: match.start()].rstrip()
                return [
                    _Found(s, s + len(before) - 1, QuoteKind.INDIRECT, match.group(), speaker, 0.8)
                ]
    return []


def _last_cue(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The last cue verb between ``start`` and ``end`` ("Лавров заявил: «…»")."""
    cues = [m for m in _WORD.finditer(text, start, end) if is_cue(m.group())]
    if not cues:
        return None
    last = cues[-1]
    return last.start(), last.end(), last.group()


def _after(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    inside = [
        m
        for m in mentions
        if start <= m.evidence.span.start < end and m.kind is not ActorKind.PLACE
    ]
    return inside[0] if inside else None


def _before(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    inside = [
        m
        for m in mentions
        if start <= m.evidence.span.start
        and m.evidence.span.end <= end
        and m.kind is not ActorKind.PLACE
    ]
    people = [m for m in inside if m.kind is ActorKind.PERSON]
    chosen = people or inside
    return chosen[-1] if chosen else None


def _pronoun(text: str, start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    """ "он"/"она" between ``start`` and ``end``: the last person named before it."""
    for match in _WORD.finditer(text, start, end):
        if match.group().lower() in words().person_pronouns:
            people = [
                m
                for m in mentions
                if m.kind is ActorKind.PERSON and m.evidence.span.end <= match.start()
            ]
            return people[-1] if people else None
    return None


def _sentence_of(sentences: Sequence[Sentence], offset: int) -> int:
    index = 0
    for sentence in sentences:
        if sentence.span.start <= offset:
            index = sentence.index
    return index
