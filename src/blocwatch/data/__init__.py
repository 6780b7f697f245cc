"""Reading the language data shipped in this folder: one reader for every module.

Word lists, cue verbs, calendar words and grammar tables live here as TOML, TSV and JSON
files, beside the algorithms that use them rather than inside them. Every module reads
them through these functions, so that a broken or missing file always fails the same
way: a :class:`~blocwatch.errors.ConfigError` that names the file (``data/dates/ru.toml``)
and, for a table that lacks a key or holds a value of the wrong shape, the key.

Names are relative to this folder (``"quotes/en.toml"``). Parsed TOML is kept in one
explicit cache (:func:`read_toml`, cleared with ``read_toml.cache_clear()``); callers
must not change the tables they are given, and keep what they build from them in their
own caches.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from blocwatch.errors import ConfigError

__all__ = ["data_path", "exists", "read_text", "read_toml", "toml_fields"]


def data_path(name: str) -> str:
    """How errors name a data file: its path inside the package (``data/quotes/en.toml``)."""
    return f"data/{name}"


def _file(name: str) -> Traversable:
    return resources.files("blocwatch").joinpath(data_path(name))


def exists(name: str) -> bool:
    """Whether the package ships ``name``; files that exist for some languages only
    (``actors/people_<language>.toml``) are optional to their readers."""
    return _file(name).is_file()


def read_text(name: str) -> str:
    """The text of a shipped data file; a clear error when it is not shipped."""
    try:
        return _file(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("no such data file in the package", source=data_path(name)) from exc


@cache
def read_toml(name: str) -> dict[str, Any]:
    """A shipped TOML file, parsed once per process; a clear error when it is missing or
    not valid TOML (the parser's message gives the line)."""
    try:
        return tomllib.loads(read_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=data_path(name)) from exc


@contextmanager
def toml_fields(name: str) -> Iterator[dict[str, Any]]:
    """The parsed table of ``name``, for building a reader's own structures from it.

    A key the block looks up and the file lacks, or a value of the wrong shape (a string
    where a list or number is expected), becomes a :class:`ConfigError` naming the file
    and the key or value, instead of a bare ``KeyError`` from deep inside the reader.
    """
    table = read_toml(name)
    try:
        yield table
    except KeyError as exc:
        raise ConfigError(f"missing the key {exc}", source=data_path(name)) from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"a value has the wrong shape: {exc}", source=data_path(name)) from exc
