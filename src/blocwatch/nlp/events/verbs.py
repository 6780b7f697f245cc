"""The broad verb dictionary: CAMEO codes of some 1,800 verbs and 4,500 verb patterns.

The data comes from PETRARCH2's ``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance),
converted by ``tools/petrarch2.py`` into ``data/events/verbs.jsonl`` (one verb per line:
lemma, particle, default code, pattern blocks), ``verb_patterns.jsonl`` (one pattern per
line) and ``verb_synsets.json`` (word classes such as ``&MILITARY`` that patterns name).

PETRARCH matched patterns word by word on a constituency parse. Here a pattern is a set
of requirements on a dependency parse, so it can be checked from what the parser gives
directly (see :meth:`VerbDictionary.match`):

- content lemmas that must be among the verb's dependents, including the words of its
  subject and object phrases ("rush *aid*", "*&MILITARY* rush");
- prepositions whose object must hold given lemmas ("ask (FOR *retrial*)");
- the preposition that introduces the target (``WITH +``) or the source (``FROM $``);
- whether it is written for the passive.

Why the most specific pattern wins: a verb's default code is its most common sense, and
each pattern narrows it ("call" is 020 request; "call off strike" is not). A pattern with
no code (``[---]``) is the dictionary saying that this use is *no event*; :meth:`match`
returns it rather than falling back to the default, so the coder can stay silent.

Codes written ``[a:b]`` in PETRARCH carry a second code for the reversed reading, where
the subject receives the act: "X received support from Y" is Y's 051 toward X. A pattern
that has only the reversed code gives a match with ``subject_is_target``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from blocwatch.errors import InputError

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "events"
VERBS_FILE = DATA_DIR / "verbs.jsonl"
PATTERNS_FILE = DATA_DIR / "verb_patterns.jsonl"
SYNSETS_FILE = DATA_DIR / "verb_synsets.json"


@dataclass(frozen=True, slots=True)
class WordSlot:
    """One word a pattern asks for, with its alternatives (a word class is expanded)."""

    words: frozenset[str]
    """Single lemmas, any of which fills the slot."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Multi-word alternatives ("prime minister"): every word must be present."""

    def filled_by(self, lemmas: Collection[str]) -> bool:
        if any(word in lemmas for word in self.words):
            return True
        return any(all(word in lemmas for word in phrase) for phrase in self.phrases)


@dataclass(frozen=True, slots=True)
class PrepRequirement:
    """A preposition attached to the verb or its object, and what its object must hold."""

    prep: str
    slots: tuple[WordSlot, ...] = ()


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One PETRARCH pattern as requirements on a dependency parse."""

    code: str | None
    """The CAMEO code; ``None`` when the pattern marks a use as no event (or has only a
    reversed code)."""
    reversed_code: str | None
    subject: tuple[WordSlot, ...]
    object: tuple[WordSlot, ...]
    preps: tuple[PrepRequirement, ...]
    target_prep: str | None
    source_prep: str | None
    subject_is_target: bool
    passive: bool
    text: str
    """The pattern line as written in ``CAMEO.2.0.txt``, for traceability."""

    specificity: int = field(init=False)
    """How much the pattern asks for: two points a content word, one a preposition or
    the passive (a word says more about the sense than a bare "to" does)."""

    def __post_init__(self) -> None:
        words = len(self.subject) + len(self.object) + sum(len(p.slots) for p in self.preps)
        object.__setattr__(self, "specificity", 2 * words + len(self.preps) + int(self.passive))

    def matches(
        self,
        lemmas: Collection[str],
        prep_objects: Mapping[str, Collection[str]],
        passive: bool,
    ) -> bool:
        if self.passive and not passive:
            return False
        if not all(slot.filled_by(lemmas) for slot in (*self.subject, *self.object)):
            return False
        for requirement in self.preps:
            found = prep_objects.get(requirement.prep)
            if found is None or not all(slot.filled_by(found) for slot in requirement.slots):
                return False
        return True


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A verb (with its particle for phrasal verbs) and what the dictionary says of it."""

    lemma: str
    particle: str | None
    code: str | None
    """The default CAMEO code of the verb on its own (``None``: no event by itself)."""
    reversed_code: str | None
    """The default code of the reversed reading ("visit" 042 → 043, host a visit)."""
    blocks: tuple[str, ...]
    """PETRARCH's synonym blocks the verb belongs to (its patterns come from them)."""
    forms: tuple[str, ...]
    """Irregular forms as listed ("sped" for "speed"); regular ones are not listed."""
    patterns: tuple[VerbPattern, ...]
    """Most specific first."""


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """What the dictionary says of one use of a verb."""

    lemma: str
    particle: str | None
    cameo: str | None
    """The CAMEO code, or ``None`` when a pattern says this use is no event."""
    specificity: int
    """0 for the verb's default code; otherwise the matched pattern's specificity."""
    target_prep: str | None = None
    """The preposition whose object is the target ("talks *with* Y")."""
    source_prep: str | None = None
    """The preposition whose object is the source ("support *from* Y")."""
    subject_is_target: bool = False
    """The subject receives the act (a reversed code, or a pattern with the target first)."""
    reversed_cameo: str | None = None
    """The code for the reversed reading, when the pattern has one ("visit" → host)."""
    pattern: str | None = None
    """The matched pattern as written in ``CAMEO.2.0.txt`` (``None`` for the default)."""

    @property
    def is_event(self) -> bool:
        return self.cameo is not None


class VerbDictionary:
    """Verbs by (lemma, particle); build with :meth:`default` or :meth:`load`."""

    __slots__ = ("_entries", "_indexes")

    def __init__(self, entries: Iterable[VerbEntry]) -> None:
        self._entries = {(e.lemma, e.particle): e for e in entries}
        self._indexes: dict[tuple[str, str | None], _PatternIndex] = {}

    @classmethod
    def default(cls) -> VerbDictionary:
        """The dictionary shipped with the package (loaded once, then shared)."""
        return _default_dictionary()

    @classmethod
    def load(
        cls,
        verbs: Path = VERBS_FILE,
        patterns: Path = PATTERNS_FILE,
        synsets: Path = SYNSETS_FILE,
    ) -> VerbDictionary:
        """Read the three data files; :class:`InputError` names the file and the fault."""
        word_classes = _read_synsets(synsets)
        by_block: dict[str, list[_BlockPattern]] = {}
        for number, item in _read_jsonl(patterns):
            try:
                shared = _BlockPattern(
                    json.dumps({k: v for k, v in item.items() if k not in _CODES}, sort_keys=True),
                    item.get("origin"),
                    _pattern(item, word_classes),
                )
            except (KeyError, TypeError, ValueError) as error:
                raise InputError(f"line {number}: {error!r}", source=str(patterns)) from error
            by_block.setdefault(item["block"], []).append(shared)
        entries = []
        for number, item in _read_jsonl(verbs):
            try:
                entries.append(_entry(item, by_block))
            except (KeyError, TypeError, ValueError) as error:
                raise InputError(f"line {number}: {error!r}", source=str(verbs)) from error
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[VerbEntry]:
        return iter(self._entries.values())

    def __contains__(self, lemma: object) -> bool:
        return (lemma, None) in self._entries

    def lookup(self, lemma: str, particle: str | None = None) -> VerbEntry | None:
        """The entry of a verb lemma (lower case), or of a phrasal verb with ``particle``."""
        return self._entries.get((lemma.lower(), particle.lower() if particle else None))

    def match(
        self,
        lemma: str,
        particle: str | None = None,
        dependent_lemmas: Collection[str] = (),
        prep_objects: Mapping[str, Collection[str]] | None = None,
        passive: bool = False,
    ) -> VerbMatch | None:
        """The code of one use of a verb, from the most specific pattern that matches.

        ``dependent_lemmas`` are the lower-case lemmas of the verb's dependents and of the
        words of its subject and object phrases; ``prep_objects`` maps each preposition
        attached to the verb or its object to the lemmas of that preposition's object;
        ``passive`` says the clause is passive. A phrasal verb the dictionary does not
        list as such ("step up") is looked up as its verb with the particle among the
        dependents. ``None`` when the verb is unknown, or has no default code and no
        pattern matches.
        """
        entry = self.lookup(lemma, particle) if particle else None
        lemmas = {word.lower() for word in dependent_lemmas}
        if entry is None:
            entry = self.lookup(lemma)
            if particle:
                lemmas.update(particle.lower().split())
        if entry is None:
            return None
        preps = {
            prep.lower(): {word.lower() for word in words}
            for prep, words in (prep_objects or {}).items()
        }
        index = self._indexes.get((entry.lemma, entry.particle))
        if index is None:
            index = self._indexes[(entry.lemma, entry.particle)] = _PatternIndex(entry.patterns)
        for pattern in index.candidates(lemmas):
            if pattern.matches(lemmas, preps, passive):
                return _match_of(entry, pattern)
        if entry.code is not None:
            return VerbMatch(
                entry.lemma, entry.particle, entry.code, 0, reversed_cameo=entry.reversed_code
            )
        if entry.reversed_code is not None:
            return VerbMatch(
                entry.lemma, entry.particle, entry.reversed_code, 0, subject_is_target=True
            )
        return None


class _PatternIndex:
    """A verb's patterns by a word their first word slot asks for.

    A common verb has hundreds of patterns and a clause a dozen dependent lemmas; a
    pattern can only match when its first slot is filled, so only the patterns one of
    the clause's lemmas can fill are tried, in the entry's order (most specific first),
    and the first match is the one the full scan would find.
    """

    __slots__ = ("_always", "_by_word", "_patterns")

    def __init__(self, patterns: Sequence[VerbPattern]) -> None:
        self._patterns = patterns
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        for position, pattern in enumerate(patterns):
            slots = (*pattern.subject, *pattern.object)
            if not slots or () in slots[0].phrases:
                self._always.append(position)
                continue
            first = slots[0]
            for word in {*first.words, *(phrase[0] for phrase in first.phrases)}:
                self._by_word.setdefault(word, []).append(position)

    def candidates(self, lemmas: Collection[str]) -> Iterator[VerbPattern]:
        positions = set(self._always)
        for lemma in lemmas:
            positions.update(self._by_word.get(lemma, ()))
        return (self._patterns[p] for p in sorted(positions))


def _match_of(entry: VerbEntry, pattern: VerbPattern) -> VerbMatch:
    reversed_only = pattern.code is None and pattern.reversed_code is not None
    return VerbMatch(
        lemma=entry.lemma,
        particle=entry.particle,
        cameo=pattern.reversed_code if reversed_only else pattern.code,
        specificity=pattern.specificity,
        target_prep=pattern.target_prep,
        source_prep=pattern.source_prep,
        subject_is_target=pattern.subject_is_target or reversed_only,
        reversed_cameo=None if reversed_only else pattern.reversed_code,
        pattern=pattern.text,
    )


@cache
def _default_dictionary() -> VerbDictionary:
    return VerbDictionary.load()


# ---------------------------------------------------------------------- file format


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read verb dictionary: {error}", source=str(path)) from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"line {number}: {error}", source=str(path)) from error
        if not isinstance(item, dict):
            raise InputError(f"line {number}: expected an object", source=str(path))
        yield number, item


def _read_synsets(path: Path) -> dict[str, WordSlot]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read word classes: {error}", source=str(path)) from error
    if not isinstance(data, dict):
        raise InputError("expected {name: [words]}", source=str(path))
    return {name: _slot(members) for name, members in data.items()}


def _slot(alternatives: Iterable[str], classes: Mapping[str, WordSlot] | None = None) -> WordSlot:
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for alternative in alternatives:
        if alternative.startswith("&"):
            if classes is None or alternative not in classes:
                raise ValueError(f"unknown word class {alternative}")
            words.update(classes[alternative].words)
            phrases.extend(classes[alternative].phrases)
        elif " " in alternative.strip():
            phrases.append(tuple(alternative.lower().split()))
        else:
            words.add(alternative.lower())
    return WordSlot(frozenset(words), tuple(dict.fromkeys(phrases)))


def _pattern(item: dict[str, Any], classes: Mapping[str, WordSlot]) -> VerbPattern:
    def slots(key: str) -> tuple[WordSlot, ...]:
        return tuple(_slot(alternatives, classes) for alternatives in item.get(key, ()))

    return VerbPattern(
        code=item["code"],
        reversed_code=item.get("reversed_code"),
        subject=slots("subject"),
        object=slots("object"),
        preps=tuple(
            PrepRequirement(p["prep"], tuple(_slot(a, classes) for a in p.get("words", ())))
            for p in item.get("preps", ())
        ),
        target_prep=item.get("target_prep"),
        source_prep=item.get("source_prep"),
        subject_is_target=bool(item.get("subject_is_target", False)),
        passive=bool(item.get("passive", False)),
        text=item["text"],
    )


_CODES = ("code", "reversed_code", "text", "origin", "block")


@dataclass(frozen=True, slots=True)
class _BlockPattern:
    key: str
    """What the pattern asks for, without its codes (patterns with equal keys conflict)."""
    origin: str | None
    """The verb the dictionary's comment traces the pattern to."""
    pattern: VerbPattern


def _entry(item: dict[str, Any], by_block: Mapping[str, list[_BlockPattern]]) -> VerbEntry:
    """A verb with its blocks' patterns. Where two patterns ask for the same thing with
    different codes, the one the dictionary traces to this verb wins, else the later one
    (which is what PETRARCH2 itself does)."""
    lemma: str = item["lemma"]
    chosen: dict[str, _BlockPattern] = {}
    for block in item["blocks"]:
        for shared in by_block.get(block, ()):
            kept = chosen.get(shared.key)
            if kept is not None and kept.origin == lemma != shared.origin:
                continue
            chosen[shared.key] = shared
    patterns = sorted((c.pattern for c in chosen.values()), key=lambda p: -p.specificity)
    return VerbEntry(
        lemma=lemma,
        particle=item.get("particle"),
        code=item.get("code"),
        reversed_code=item.get("reversed_code"),
        blocks=tuple(item["blocks"]),
        forms=tuple(item.get("forms", ())),
        patterns=tuple(patterns),
    )
