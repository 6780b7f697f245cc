"""Cross-validation shared by the bench scripts: grouped folds, flat-region choice, curves.

A setting (a threshold, a weight) counts only if it was chosen on data the figure was
not measured on. Every bench script that chooses one does it the same way:

* the items are split into ``k`` folds by *group* (a site, an ECB+ topic, an article),
  so that no group is seen both when choosing and when measuring;
* on the training folds each candidate setting is scored, and its *flat score* is the
  worst score among itself and its neighbours within ±20% of its value: a setting on a
  sharp peak loses to one on a plateau;
* the held-out fold is then measured with the setting chosen on the others, and the
  held-out outputs of all folds are pooled into one cross-validated figure.

The dev figure is the same choice made on all items and measured on them too: the gap
between the two rows shows how much the choice was fitted to the data.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Setting = TypeVar("Setting", bound=Hashable)

FLAT_WIDTH = 0.2
"""Neighbours of a setting: every other setting whose values all lie within this share."""


def group_folds(groups: Sequence[str], k: int = 5, salt: str = "") -> list[list[int]]:
    """Item indices of ``k`` folds; items of one group always share a fold.

    Groups are dealt largest first to the fold holding fewest items, in an order fixed
    by a checksum of the group name, so the folds are balanced and reproducible. With a
    ``salt`` they are dealt in the order of a salted checksum alone, still to the fold
    holding fewest: each salt another partition, for repeated cross-validation, whose
    pooled figures depend less on which articles happened to share a fold.
    """
    members: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    if salt:
        order = sorted(members, key=lambda g: zlib.crc32((salt + g).encode()))
    else:
        order = sorted(members, key=lambda g: (-len(members[g]), zlib.crc32(g.encode())))
    folds: list[list[int]] = [[] for _ in range(min(k, len(order)))]
    for group in order:
        min(folds, key=len).extend(members[group])
    return [sorted(fold) for fold in folds]


def _values(setting: object) -> tuple[float, ...]:
    if isinstance(setting, tuple):
        return tuple(float(v) for v in setting)
    return (float(setting),)  # type: ignore[arg-type]


def neighbours(setting: Setting, settings: Sequence[Setting]) -> list[Setting]:
    """``setting`` and every setting whose values are all within ±FLAT_WIDTH of its own."""
    own = _values(setting)
    return [
        other
        for other in settings
        if all(
            abs(b - a) <= FLAT_WIDTH * abs(a) + 1e-9
            for a, b in zip(own, _values(other), strict=True)
        )
    ]


def flat_choice(scores: dict[Setting, float]) -> Setting:
    """The setting whose worst score within ±20% is best (ties: the better mean score
    within ±20%, then the higher own score)."""
    settings = list(scores)

    def flat(setting: Setting) -> tuple[float, float, float]:
        around = [scores[s] for s in neighbours(setting, settings)]
        return min(around), sum(around) / len(around), scores[setting]

    return max(settings, key=flat)


@dataclass(frozen=True)
class CrossValidation(Generic[Setting]):
    """What cross-validation chose: the setting per fold and for the whole set (dev)."""

    chosen_per_item: dict[int, Setting]
    """The setting the held-out fold of each item was measured with."""
    chosen_per_fold: list[Setting]
    dev_choice: Setting


def cross_validate(
    settings: Sequence[Setting],
    score: Callable[[Setting, Sequence[int]], float],
    folds: list[list[int]],
) -> CrossValidation[Setting]:
    """Choose a setting on each fold's training items (flat region), and on all items.

    ``score(setting, indices)`` measures a setting on a subset of the items.
    """
    everything = sorted(i for fold in folds for i in fold)
    chosen_per_item: dict[int, Setting] = {}
    per_fold: list[Setting] = []
    for fold in folds:
        held_out = set(fold)
        train = [i for i in everything if i not in held_out]
        choice = flat_choice({s: score(s, train) for s in settings})
        per_fold.append(choice)
        chosen_per_item.update(dict.fromkeys(fold, choice))
    dev = flat_choice({s: score(s, everything) for s in settings})
    return CrossValidation(chosen_per_item, per_fold, dev)


def print_curve(name: str, scores: dict[Setting, float], chosen: Setting) -> None:
    """The score of every setting on all items, to stderr, so its flatness can be seen."""
    print(f"# {name}: score of each setting on all items (* = chosen for dev)", file=sys.stderr)
    for setting, value in scores.items():
        mark = "*" if setting == chosen else " "
        print(f"#  {mark} {setting!s:>24}  {value:.4f}", file=sys.stderr)
