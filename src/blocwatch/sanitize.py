"""Text that every database and encoder accepts, changed as little as possible.

Valid JSON can carry a lone surrogate (``"\\ud800"``), which no UTF-8 encoder writes, and
NUL, which PostgreSQL refuses in text. Either used to cost a whole batch. Both are
replaced one character for one character (U+FFFD, a space), so spans into a text stay
valid, at the boundaries where text enters (readers) and leaves (the store).
"""

from __future__ import annotations

import re
from typing import overload

_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() == "\x00" else "\ufffd"


@overload
def safe_text(value: str) -> str: ...
@overload
def safe_text(value: None) -> None: ...
def safe_text(value: str | None) -> str | None:
    """``value`` with NUL as a space and each lone surrogate as U+FFFD (same length)."""
    if value is None or not _UNSAFE.search(value):
        return value
    return _UNSAFE.sub(_replacement, value)


def has_unsafe_text(value: str) -> bool:
    return _UNSAFE.search(value) is not None
