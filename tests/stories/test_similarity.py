"""Similarity of reports (stories/similarity.py)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocwatch.stories.similarity import OnlineTfidf, sparse_cosine

_TERMS = st.sampled_from(
    ["ceasefire", "border", "talks", "minister", "baku", "yerevan", "gas", "transit", "@ru"]
)
_VECTORS = st.dictionaries(_TERMS, st.floats(0.001, 1.0), max_size=9)


@given(_VECTORS, _VECTORS)
def test_sparse_cosine_is_the_dot_product_over_the_smaller_vector_to_the_last_bit(
    first: dict[str, float], second: dict[str, float]
) -> None:
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    expected = 0.0
    for term, weight in small.items():
        expected += weight * large.get(term, 0.0)
    assert sparse_cosine(first, second) == expected


def test_reports_sharing_more_terms_are_more_alike() -> None:
    tfidf = OnlineTfidf()
    texts = [
        "ceasefire talks in baku border ceasefire",
        "ceasefire talks at the border near baku",
        "gas transit prices rise in winter",
    ]
    counts = [Counter(text.split()) for text in texts]
    for count in counts:
        tfidf.observe(count)
    lead, follow_up, other = (tfidf.vector(c) for c in counts)
    assert sparse_cosine(lead, lead) == pytest.approx(1.0)
    assert sparse_cosine(lead, follow_up) > 0.3 > sparse_cosine(lead, other)
