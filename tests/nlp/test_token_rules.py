"""The attribute ruler's looked-up matcher gives spaCy's own annotations, rule for rule."""

from __future__ import annotations

from typing import Any

import pytest

from blocwatch.nlp import token_rules
from blocwatch.nlp.syntax import DEFAULT_MODEL, load_model
from blocwatch.nlp.token_rules import TokenRuleMatcher

# Written to reach the ruler's one-token rules (tags, "n't", "is", "it" as an object) and
# its longer ones ("gonna", "let's", "there is", "y'all").
TEXTS = [
    "The envoy said it wasn't over, and they're gonna meet again in Geneva.",
    "Let's see what y'all think: there is nothin' left to give them.",
    "She didn't have it, so he gave it to me.  It is what it is.",
    "Which of the two ministers did they send?\n\nNone.",
]


def _annotations(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph), t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    import spacy

    return spacy.load(DEFAULT_MODEL), load_model(DEFAULT_MODEL)


def test_annotations_are_spacys_own(models: tuple[Any, Any]) -> None:
    plain, looked_up = models
    assert isinstance(looked_up.get_pipe("attribute_ruler").matcher, TokenRuleMatcher)
    for text in TEXTS:
        assert _annotations(looked_up(text)) == _annotations(plain(text))


def test_matches_are_the_rulers_own(models: tuple[Any, Any]) -> None:
    plain, looked_up = models
    own = plain.get_pipe("attribute_ruler").matcher
    fast = looked_up.get_pipe("attribute_ruler").matcher
    for text in TEXTS:
        doc = plain(text, disable=["attribute_ruler", "lemmatizer"])
        found = fast(doc, allow_missing=True)
        assert sorted(found) == sorted(own(doc, allow_missing=True))
        # Both kinds of rule are in play: one-token ones and the longer ones.
        assert any(end - start > 1 for _, start, end in found) or "gonna" not in text


def test_remembered_tokens_stay_bounded(
    models: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, _ = models
    fast = TokenRuleMatcher(plain.get_pipe("attribute_ruler").matcher)
    monkeypatch.setattr(token_rules, "REMEMBERED", 5)
    for text in TEXTS:
        fast(plain(text), allow_missing=True)
    assert 0 < len(fast._seen) <= 5
