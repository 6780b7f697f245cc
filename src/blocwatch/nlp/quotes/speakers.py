"""Who spoke: the source span resolved to a name, an actor mention, or the person a
pronoun or role refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from blocwatch.model import ActorKind, Mention, Sentence, Span
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.spans import _is_capitalised


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    actor_id: str | None


_ROLE_NAME = re.compile(
    r"(?P<role>(?:[A-Z][\w.-]*\s+){0,3}(?:President|Minister|Secretary|Chancellor|Premier|"
    r"Spokesman|Spokeswoman|Ambassador|Governor|Senator|Director|Chairman|Leader|General|"
    r"minister|president|secretary|spokesman|spokeswoman)(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*"
    r"(?:\s+[A-Z][\w-]*)*)?)\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


_NAME_ROLE = re.compile(
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}),\s+(?:the\s+)?(?P<role>[^,.;]{3,80}?)[,.;]"
)


def _text_people(text: str, before: int) -> list[tuple[int, str, str]]:
    """(offset, name, role) for people the text introduces with a role before ``before``."""
    people: list[tuple[int, str, str]] = []
    for match in _ROLE_NAME.finditer(text, 0, before):
        people.append((match.start("name"), match.group("name"), match.group("role")))
    for match in _NAME_ROLE.finditer(text, 0, before):
        role = match.group("role")
        if any(word.lower() in lexicon.ROLE_WORDS for word in role.split()):
            people.append((match.start("name"), match.group("name"), role))
    return sorted(people)


def _trim_tail(words: list[str]) -> list[str]:
    """'Kremlin on Thursday' → 'Kremlin'; 'Foreign Ministry nevertheless' → 'Foreign Ministry'."""
    while len(words) > 1 and words[-1].lower().rstrip(".") in lexicon.TIME_TAIL:
        words = words[:-1]
    return words


def _name_in_source(phrase: str) -> str:
    """'Russian Foreign Minister Sergey Lavrov' → 'Sergey Lavrov'; 'the Kremlin' → 'Kremlin'."""
    head = phrase.split(",")[0].strip()
    words = _trim_tail(head.split())
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return head
    if words[-1].lower().rstrip(".") in lexicon.INSTITUTION_HEADS or any(
        w.lower() in lexicon.INSTITUTION_HEADS for w in words
    ):
        return " ".join(words)
    index = len(words)
    while (
        index > 0
        and _is_capitalised(words[index - 1])
        and words[index - 1].lower() not in lexicon.ROLE_WORDS
    ):
        index -= 1
    name = words[index:]
    return " ".join(name) if name else " ".join(words)


def _resolve_speaker(
    text: str, sentences: Sequence[Sentence], source: Span | None, mentions: Sequence[Mention]
) -> _Speaker:
    if source is None:
        return _Speaker(None, None)
    phrase = text[source.start : source.end].strip().rstrip(",")
    overlapping = [
        m
        for m in mentions
        if m.evidence.span.start < source.end and source.start < m.evidence.span.end
    ]
    if overlapping:
        people = [m for m in overlapping if m.kind is ActorKind.PERSON]
        if people:
            return _Speaker(_proper_name(people[0], mentions), people[0].actor_id)
        return _Speaker(_name_in_source(phrase), overlapping[0].actor_id)
    lower = phrase.lower()
    if lower.split()[-1] in {"who", "which", "whom"}:
        return _antecedent(text, source, mentions)
    is_pronoun = lower in lexicon.SUBJECT_PRONOUNS
    is_role = not is_pronoun and _is_role_phrase(phrase)
    if is_pronoun or is_role:
        return _resolve_reference(text, sentences, source, lower if is_role else None, mentions)
    return _Speaker(_name_in_source(phrase), None)


def _antecedent(text: str, source: Span, mentions: Sequence[Mention]) -> _Speaker:
    """'Cruz, who said ...': a relative pronoun stands for the name right before it."""
    before = [m for m in mentions if source.start - 120 <= m.evidence.span.end <= source.start]
    if before:
        return _Speaker(_proper_name(before[-1], mentions), before[-1].actor_id)
    names = list(_NAME_RUN.finditer(text, max(0, source.start - 120), source.start))
    return _Speaker(_name_in_source(names[-1].group()) if names else None, None)


def _is_role_phrase(phrase: str) -> bool:
    words = phrase.lower().replace(",", " ").split()
    if not words or words[0] not in {"the", "a"}:
        return False
    return all(
        w in lexicon.ROLE_WORDS
        or w in {"foreign", "russian", "armenian"}
        or (w[0].isalpha() and w.endswith(("ian", "ese", "ish")))
        for w in words[1:]
    ) and any(
        w
        in {
            "minister",
            "president",
            "secretary",
            "chancellor",
            "premier",
            "spokesman",
            "spokeswoman",
            "leader",
            "ambassador",
            "governor",
        }
        for w in words
    )


def _proper_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The fullest proper name the text uses for the mention's actor up to that point."""
    names = [
        m.name
        for m in mentions
        if m.actor_id == mention.actor_id
        and m.evidence.span.start <= mention.evidence.span.start
        and m.name[:1].isupper()
        and not m.name.lower().startswith("the ")
    ]
    if mention.name[:1].isupper() and not mention.name.lower().startswith("the "):
        return _name_in_source(mention.name)
    return _name_in_source(names[-1]) if names else _name_in_source(mention.name)


def _resolve_reference(
    text: str,
    sentences: Sequence[Sentence],
    source: Span,
    role: str | None,
    mentions: Sequence[Mention],
) -> _Speaker:
    """A pronoun or role resolved to the last fitting person before it."""
    role_words = (
        {w for w in role.replace(",", " ").split() if w not in {"the", "a", "former"}}
        if role
        else set()
    )
    people = [
        m for m in mentions if m.kind is ActorKind.PERSON and m.evidence.span.end <= source.start
    ]
    if role_words:
        fitting = [m for m in people if m.role and role_words & set(m.role.lower().split())]
        if fitting:
            return _Speaker(_proper_name(fitting[-1], mentions), fitting[-1].actor_id)
        found = [
            p for p in _text_people(text, source.start) if role_words <= set(p[2].lower().split())
        ]
        if found:
            return _Speaker(found[-1][1], None)
        return _Speaker(_name_in_source(text[source.start : source.end]), None)
    if people:
        sentence_of = people[-1].evidence.sentence_index
        first = next(m for m in people if m.evidence.sentence_index == sentence_of)
        return _Speaker(_proper_name(first, mentions), first.actor_id)
    return _Speaker(_last_text_person(text, sentences, source.start), None)


def _last_text_person(text: str, sentences: Sequence[Sentence], before: int) -> str | None:
    """Without mentions: the first name in the nearest earlier sentence that has one.

    The first name is usually the sentence's subject, which is who a following "he"
    refers to ("Lebedev ... expressed concerns about Blinken. He argued ...")."""
    earlier = [s for s in sentences if s.span.start < before]
    for sentence in reversed(earlier):
        stop = min(sentence.span.end, before)
        for match in _NAME_RUN.finditer(text, sentence.span.start, stop):
            words = [w for w in match.group().split() if w.lower() not in lexicon.ROLE_WORDS]
            if not words or any(w.lower() in lexicon.INSTITUTION_HEADS for w in words):
                continue
            if len(words) == 1 and (
                words[0].lower() in lexicon.COMMON_CAPITALISED
                or (
                    text[match.end() : match.end() + 1] == ","
                    and match.start() == sentence.span.start
                )
            ):
                continue
            if (
                match.start() == sentence.span.start
                and words[0].lower() in lexicon.COMMON_CAPITALISED
            ):
                words = words[1:]
            if words:
                return " ".join(words)
    return None


_NAME_RUN = re.compile(r"(?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+")
