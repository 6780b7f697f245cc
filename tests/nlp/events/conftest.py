"""The event coder the event tests share: loading spaCy and the dictionaries once."""

from __future__ import annotations

import pytest

from blocwatch.nlp.events import EventCoder


@pytest.fixture(scope="session")
def coder() -> EventCoder:
    return EventCoder()
