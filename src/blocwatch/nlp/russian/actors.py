"""Actors named in Russian text, matched on lemmas.

Russian names inflect: "Лавров", "Лаврова", "Лаврову" and "Лавровым" are one man, and
"российских" is "российский". Every word of the text and of every Russian name
(``data/actors/names_ru.tsv``, plus any Cyrillic alias in the actor dictionary) is reduced
to a key: its pymorphy3 lemma, preferring a proper-name analysis for a capitalised word
(pymorphy3 would otherwise read "Моди" as a verb), each half of a hyphenated name on its
own. A name matches where the keys of consecutive words match, longest first.

As in English: a person's surname alone names them (unless the data marks it too short
or common, as for "Си"); an adjective names its state ("российские военные"); a capital
listed as a seat ("Москва", "Кремль") is the government unless a locative preposition
governs it ("в Москве", "из Кремля"), where it stays a place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from blocwatch.data import data_path, read_text
from blocwatch.errors import ConfigError
from blocwatch.model import ActorKind, Evidence, Mention, Sentence, Span
from blocwatch.nlp.actors.dictionary import ActorDictionary
from blocwatch.nlp.russian.models import analyzer

_WORD = re.compile(r"[\w]+(?:-[\w]+)*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn", "Abbr")
_LOCATIVE = frozenset({"в", "во", "из", "на", "под", "около", "у", "до", "через", "к", "ко"})
_MAX_WORDS = 8
_END = ""
"""The trie key under which a node keeps the name that ends there (no word is empty)."""
_Node = dict[str, Any]
_PRECEDENCE = {"name": 0, "adjective": 1, "seat": 2, "surname": 3}


@dataclass(frozen=True, slots=True)
class RussianName:
    actor_id: str
    how: str
    """``name``, ``adjective``, ``surname`` or ``seat``."""


@cache
def word_keys(word: str) -> frozenset[str]:
    """The lemmas a word may be matched on (see the module docstring).

    A set, because pymorphy3 cannot always tell a surname's nominative from another
    form ("Токаев" is also read as a plural of "токай"); a name matches where the sets of
    its words and the text's words meet.
    """
    if "-" in word:
        halves = [sorted(word_keys(part)) for part in word.split("-") if part]
        return frozenset("-".join(p) for p in itertools.product(*halves))
    lower = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(word):
        return frozenset({lower})
    parses = analyzer().parse(word)
    if word[:1].isupper():
        named = [p for p in parses if any(t in p.tag for t in _NAME_TAGS)]
        parses = named or [p for p in parses if p.tag.POS in {"NOUN", "ADJF"}]
    return frozenset({lower} | {str(p.normal_form).replace("ё", "е") for p in parses[:4]})


def name_keys(name: str) -> list[frozenset[str]]:
    return [word_keys(w) for w in _WORD.findall(name)]


def read_names(table: str, source: str) -> list[tuple[str, list[str], list[str], set[str]]]:
    """Rows of a ``names_<lang>.tsv`` table: id, names, adjectives, flags."""
    rows = []
    for number, line in enumerate(table.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")] + ["", "", ""]
        if not cells[0] or not cells[1]:
            raise ConfigError(
                f"line {number}: expected 'id<TAB>names[<TAB>adjectives]'", source=source
            )
        names = [n for n in cells[1].split("|") if n]
        adjectives = [a for a in cells[2].split("|") if a]
        rows.append((cells[0], names, adjectives, set(cells[3].split())))
    return rows


@cache
def shipped_names() -> tuple[tuple[str, list[str], list[str], set[str]], ...]:
    name = "actors/names_ru.tsv"
    return tuple(read_names(read_text(name), data_path(name)))


class RussianActorRecognizer:
    """Finds the dictionary's actors in Russian text by their Russian names."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or ActorDictionary.default()
        self._trie: _Node = {}
        surnames: dict[str, set[str]] = {}
        for actor_id, names, adjectives, flags in shipped_names():
            if self.dictionary.entry(actor_id) is None:
                continue
            for name in names:
                how = "seat" if "seat" in flags else "name"
                self._add(name_keys(name), RussianName(actor_id, how))
            for adjective in adjectives:
                self._add(name_keys(adjective), RussianName(actor_id, "adjective"))
            if actor_id.startswith("person:") and "nosurname" not in flags:
                surnames.setdefault(_WORD.findall(names[0])[-1], set()).add(actor_id)
        for actor_id, entry in self.dictionary.entries.items():
            for alias in (entry.actor.name, *entry.actor.aliases):
                if _CYRILLIC.search(alias):
                    self._add(name_keys(alias), RussianName(actor_id, "name"))
        for surname, ids in surnames.items():
            if len(ids) == 1 and len(surname) >= 4:
                self._add([word_keys(surname)], RussianName(next(iter(ids)), "surname"))

    def _add(self, keys: Sequence[frozenset[str]], name: RussianName) -> None:
        """Insert a name under every combination of its words' keys (first name wins)."""
        for combination in itertools.product(*(sorted(k) for k in keys)):
            node = self._trie
            for key in combination:
                node = node.setdefault(key, {})
            node.setdefault(_END, name)

    def recognize(
        self, article_id: str, text: str, sentences: Sequence[Sentence], day: date | None
    ) -> list[Mention]:
        """Every actor mention in ``text``, in text order."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        keys = [word_keys(w) for _, _, w in words]
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            found = self._longest(keys, i)
            if found is None:
                i += 1
                continue
            length, name = found
            start, end = words[i][0], words[i + length - 1][1]
            before = words[i - 1][2].lower() if i else ""
            mention = self._mention(article_id, text, sentences, start, end, name, before, day)
            if mention is not None:
                mentions.append(mention)
            i += length
        return mentions

    def _longest(self, keys: Sequence[frozenset[str]], i: int) -> tuple[int, RussianName] | None:
        """The longest name starting at word ``i``, walking the trie with each word's keys."""
        nodes: list[_Node] = [self._trie]
        best: tuple[int, RussianName] | None = None
        for length in range(1, min(_MAX_WORDS, len(keys) - i) + 1):
            nodes = [n[k] for n in nodes for k in keys[i + length - 1] if k in n]
            if not nodes:
                break
            ends = [n[_END] for n in nodes if _END in n]
            if ends:
                best = (length, min(ends, key=lambda n: _PRECEDENCE[n.how]))
        return best

    def _mention(
        self,
        article_id: str,
        text: str,
        sentences: Sequence[Sentence],
        start: int,
        end: int,
        name: RussianName,
        before: str,
        day: date | None,
    ) -> Mention | None:
        entry = self.dictionary.entry(name.actor_id)
        if entry is None:
            return None
        actor = entry.actor
        actor_id, kind = actor.id, actor.kind
        seat = self.dictionary.seat_on(entry, day)
        if name.how == "seat" and seat is not None and before not in _LOCATIVE:
            actor_id, kind = seat.actor.id, seat.actor.kind
        role = actor.role_on(day)
        words = text[start:end]
        return Mention(
            actor_id=actor_id,
            name=words,
            kind=kind,
            evidence=Evidence(
                article_id, _sentence_index(sentences, start), Span(start, end), words
            ),
            country=self.dictionary.state_of(actor_id, day),
            role=role.title if role and kind is ActorKind.PERSON else None,
            role_start=role.start if role and kind is ActorKind.PERSON else None,
            role_end=role.end if role and kind is ActorKind.PERSON else None,
        )


def _sentence_index(sentences: Iterable[Sentence], offset: int) -> int:
    index = 0
    for sentence in sentences:
        if sentence.span.start <= offset:
            index = sentence.index
        else:
            break
    return index
