"""What the Russian tests share: one actor recognizer (its dictionary is read once)."""

from __future__ import annotations

import pytest

from blocwatch.nlp.russian.actors import RussianActorRecognizer


@pytest.fixture(scope="session")
def recognizer() -> RussianActorRecognizer:
    return RussianActorRecognizer()
