"""One exception tree for the whole package.

::

    BlocwatchError
    ├── InputError          the input itself is unusable (binary, empty, too large, unsafe URL, hostile XML)
    ├── ExtractionError     the input is readable but holds no article (all furniture, a 404 page)
    ├── StoreError          the database refused or could not be reached
    ├── QueryError          a search query cannot be run (too long, too many terms, a made-up cursor)
    └── ConfigError         a setting is wrong

Every error names the input and the reason, so that a batch report can list what was
rejected and why, and a person can act on it without reading a traceback.
"""

from __future__ import annotations


class BlocwatchError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, reason: str, *, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{source}: {reason}" if source else reason)

    def with_source(self, source: str) -> BlocwatchError:
        """The same error, naming the input it concerns (when it did not yet)."""
        if self.source:
            return self
        return type(self)(self.reason, source=source)


class InputError(BlocwatchError):
    """The input cannot be read as a document."""


class ExtractionError(BlocwatchError):
    """The input was read but holds no usable article."""


class StoreError(BlocwatchError):
    """The database could not do what was asked."""


class QueryError(BlocwatchError):
    """A search query asks for more than the search will do; the reason says what to change."""


class ConfigError(BlocwatchError):
    """A setting or option is wrong."""
