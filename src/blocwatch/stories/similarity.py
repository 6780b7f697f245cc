"""How alike two reports are, and what holds two look-alike reports apart.

Text and particulars are compared as sparse TF-IDF vectors whose weights are learnt from
the stream; two leads that put their events in different places or on different days,
or that give figures neither report shares, are taken for two events of one kind.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from numpy.typing import NDArray

from blocwatch.stories.article_features import StoryMember


class OnlineTfidf:
    """Sublinear TF-IDF whose document frequencies are learnt from the stream."""

    def __init__(self) -> None:
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0

    def observe(self, counts: Counter[str]) -> None:
        self.document_frequency.update(counts.keys())
        self.documents += 1

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        weights = {}
        for term, count in counts.items():
            idf = math.log((1 + self.documents) / (1 + self.document_frequency[term])) + 1.0
            weights[term] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}


def sparse_cosine(first: dict[str, float], second: dict[str, float]) -> float:
    """The dot product of two unit vectors, over the terms of the smaller one.

    Terms the other lacks are skipped rather than multiplied by zero: the sum is the
    same to the last bit (adding 0.0 changes nothing), in a quarter less time, and
    comparing newcomers with stories spends most of its time here.
    """
    if len(first) > len(second):
        first, second = second, first
    return sum([w * second[term] for term, w in first.items() if term in second], 0.0)


def across_languages(first: StoryMember, second: StoryMember) -> bool:
    """Two reports in different (known) languages: a Russian report and its English rewrite."""
    return bool(first.language and second.language and first.language != second.language)


def shared_particulars(vector: dict[str, float]) -> dict[str, float]:
    """The language-independent particulars: actor ids, resolved dates and figures.

    Across languages the words and the spelling of names differ ("Путин", "Putin"), so a
    Russian report and its English rewrite are compared on what both state the same way:
    which actors (by id), which days, which numbers. That is the whole similarity then.
    """
    kept = {k: v for k, v in vector.items() if not k.startswith("@")}
    norm = math.sqrt(sum(v * v for v in kept.values()))
    return {k: v / norm for k, v in kept.items()} if norm else {}


def gram_matrix(vectors: list[dict[str, float]]) -> NDArray[np.float64]:
    """Dot products of all pairs of sparse vectors, through a scipy sparse matrix."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight)
    matrix = csr_matrix((values, (rows, columns)), shape=(len(vectors), max(1, len(vocabulary))))
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def lead_conflict(first: StoryMember, second: StoryMember) -> bool:
    """Whether two leads put their events in different places or on different days.

    Each side must fail to name the other's venue (or day) anywhere: a report that
    recalls "last week's talks in Sochi" may still be about them. Neighbouring days
    agree (a summit runs over two days; a late report dates it by the next morning).
    """
    places_apart = (
        first.venue is not None
        and second.venue is not None
        and first.venue not in second.places
        and second.venue not in first.places
    )
    days_apart = (
        first.event_day is not None
        and second.event_day is not None
        and abs((first.event_day - second.event_day).days) > 1
        and first.event_day not in second.days
        and second.event_day not in first.days
    )
    return places_apart or days_apart


LEAD_FIGURES = 1
"""A lead needs this many figures to hold two reports apart."""


def _same_event_day(first: StoryMember, second: StoryMember) -> bool:
    return (
        first.event_day is not None
        and second.event_day is not None
        and abs((first.event_day - second.event_day).days) <= 1
    )


def figure_conflict(first: StoryMember, second: StoryMember) -> bool:
    """Whether both leads give figures and neither report uses any of the other's.

    Two earthquakes differ in magnitude and toll, two recalls by one carmaker in the
    number of cars and the year, where their words and main names agree. A report of
    the same event repeats at least one figure of the other's lead somewhere (the
    year, the toll), and two reports whose leads date their events to the same day are
    not held apart by figures (a toll that rose overnight). This only lowers the similarity, as
    :func:`lead_conflict` does, but never bars a merge by itself.
    """
    return (
        len(first.lead_figures) >= LEAD_FIGURES
        and len(second.lead_figures) >= LEAD_FIGURES
        and not _same_event_day(first, second)
        and not (first.lead_figures & second.figures)
        and not (second.lead_figures & first.figures)
    )


def lead_conflicts(members: list[StoryMember]) -> NDArray[np.bool_]:
    """:func:`lead_conflict` for every pair of ``members`` at once."""
    venues = _unnamed_pairs([m.venue for m in members], [m.places for m in members])
    days = _unnamed_pairs(
        [m.event_day.isoformat() if m.event_day else None for m in members],
        [frozenset(day.isoformat() for day in m.days) for m in members],
    )
    ordinals = np.array([m.event_day.toordinal() if m.event_day else 0 for m in members])
    apart = np.abs(ordinals[:, None] - ordinals[None, :]) > 1
    conflicts: NDArray[np.bool_] = venues | (days & apart)
    return conflicts


def _unnamed_pairs(keys: list[str | None], named: list[frozenset[str]]) -> NDArray[np.bool_]:
    """Pairs ``(i, j)`` that both have a key, where neither names the other's key."""
    return disjoint_pairs([frozenset() if k is None else frozenset([k]) for k in keys], named)


def disjoint_pairs(
    keys: list[frozenset[str]], named: list[frozenset[str]], min_keys: int = 1
) -> NDArray[np.bool_]:
    """Pairs ``(i, j)`` that both have ``min_keys`` keys, where neither names any of the
    other's keys."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    key_rows, key_columns, name_rows, name_columns = [], [], [], []
    for row, (row_keys, row_names) in enumerate(zip(keys, named, strict=True)):
        for key in row_keys:
            key_rows.append(row)
            key_columns.append(index.setdefault(key, len(index)))
        for name in row_names:
            name_rows.append(row)
            name_columns.append(index.setdefault(name, len(index)))
    shape = (len(keys), max(1, len(index)))
    key_matrix = csr_matrix(([1.0] * len(key_rows), (key_rows, key_columns)), shape=shape)
    name_matrix = csr_matrix(([1.0] * len(name_rows), (name_rows, name_columns)), shape=shape)
    # names[i, j]: j names a key of i.
    names = np.asarray((key_matrix @ name_matrix.T).toarray()) > 0
    has_key = np.array([len(row_keys) >= min_keys for row_keys in keys])
    pairs: NDArray[np.bool_] = np.outer(has_key, has_key) & ~names & ~names.T
    return pairs
