"""Language of an article body, by py3langid (a maintained langid.py that ships its model)."""

from __future__ import annotations

import py3langid

SAMPLE_CHARS = 800
"""The opening of a body decides its language; reading all of a long article adds nothing."""
MIN_LETTERS = 20
"""Below this many letters a guess is noise, so no language is given."""


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` when the text is too short."""
    if sum(ch.isalpha() for ch in text[:2000]) < MIN_LETTERS:
        return None
    code, _score = py3langid.classify(text[:SAMPLE_CHARS])
    return str(code)
