"""The dictionary compiled into one expression: every surface form of every actor.

Names, aliases, adjectives, seats of power, surnames and "first name + patronymic" make
one trie-shaped regular expression, so the recogniser reads a text in one pass; each
surface keeps the actors it may name, in order of precedence (``BY_NAME`` first).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from blocwatch.model import ActorKind
from blocwatch.nlp.actors.dictionary import ActorDictionary, ActorEntry
from blocwatch.nlp.actors.patterns import trie_pattern
from blocwatch.nlp.actors.variants import name_variants, strip_accents, token_variants

# How a surface form names its actor, in order of precedence when one surface has several.
BY_NAME, BY_ADJECTIVE, BY_SEAT, BY_PLACE, BY_PATRONYMIC, BY_SURNAME, BY_CONTEXT = range(7)


@dataclass(frozen=True, slots=True)
class Target:
    """One actor a surface form may name, and how it names it."""

    actor_id: str
    how: int
    entry: ActorEntry


@dataclass(frozen=True, slots=True)
class Matcher:
    """The compiled expression and, for each surface it matches, the actors it names."""

    pattern: re.Pattern[str]
    targets: dict[str, tuple[Target, ...]]
    surnames: dict[str, tuple[str, ...]]
    """Person id -> every spelling of their surname (for anaphora of new people too)."""


def build_matcher(dictionary: ActorDictionary) -> Matcher:
    """Compile every surface form in ``dictionary`` into one trie-shaped expression."""
    targets: dict[str, list[Target]] = {}
    surnames: dict[str, tuple[str, ...]] = {}

    def add(surface: str, entry: ActorEntry, how: int) -> None:
        actor_id = entry.actor.id
        surface = surface.strip()
        if len(surface) < 2:
            return
        forms = [surface]
        if surface.startswith("the "):
            forms.append("The " + surface[4:])
        if "'" in surface:
            forms.append(surface.replace("'", "’"))
        for form in forms:
            bucket = targets.setdefault(form, [])
            if all(t.actor_id != actor_id for t in bucket):
                bucket.append(Target(actor_id, how, entry))

    for entry in dictionary.entries.values():
        if not entry.match:
            continue
        actor = entry.actor
        if actor.kind is ActorKind.PERSON:
            _add_person(entry, add, surnames)
            continue
        names = [actor.name, *actor.aliases]
        how = BY_SEAT if entry.seat_of else (BY_PLACE if actor.kind is ActorKind.PLACE else BY_NAME)
        for name in names:
            for variant in dict.fromkeys([name, strip_accents(name)]):
                add(variant, entry, how)
        for adjective in entry.adjectives:
            add(adjective, entry, BY_PLACE if actor.kind is ActorKind.PLACE else BY_ADJECTIVE)
        for alias in entry.context_aliases:
            add(alias, entry, BY_CONTEXT)
    # No look-behind for the word boundary before a name: with one, ``re`` cannot skip
    # ahead to the possible first letters and runs at half the speed. Matches that start
    # inside a word are dropped by the caller instead.
    pattern = re.compile(rf"(?:{trie_pattern(targets)})(?![\w])")
    by_precedence = {k: tuple(sorted(v, key=lambda t: t.how)) for k, v in targets.items()}
    return Matcher(pattern, by_precedence, surnames)


def _add_person(
    entry: ActorEntry,
    add: Callable[[str, ActorEntry, int], None],
    surnames: dict[str, tuple[str, ...]],
) -> None:
    actor = entry.actor
    family = entry.family_name or actor.name
    full_names = [actor.name, *actor.aliases]
    for name in full_names:
        for variant in name_variants(name):
            add(variant, entry, BY_NAME)
    tokens = actor.name.split()
    if len(tokens) > 2 and family == tokens[-1]:
        for variant in name_variants(f"{tokens[0]} {family}"):
            add(variant, entry, BY_NAME)
    spellings = tuple(token_variants(family))
    surnames[actor.id] = spellings
    for spelling in spellings:
        add(spelling, entry, BY_SURNAME)
    if entry.patronymic:
        first = tokens[0]
        for variant in name_variants(f"{first} {entry.patronymic}"):
            add(variant, entry, BY_PATRONYMIC)
        for variant in name_variants(f"{first} {entry.patronymic} {family}"):
            add(variant, entry, BY_NAME)


@functools.cache
def default_matcher() -> Matcher:
    """The shipped dictionary's matcher, built once per process."""
    return build_matcher(ActorDictionary.default())
