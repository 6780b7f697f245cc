"""The one reader of the package's data files: shared tables, and errors that name the file
and the key."""

from __future__ import annotations

from importlib import resources

import pytest

from blocwatch.data import exists, read_text, read_toml, toml_fields
from blocwatch.errors import ConfigError


def test_a_table_is_parsed_once_and_shared_by_its_readers() -> None:
    first = read_toml("dates/calendar.toml")
    assert first is read_toml("dates/calendar.toml")
    assert "sept" in first["months"]["9"]


def test_a_file_the_package_does_not_ship_is_an_error_naming_it() -> None:
    assert not exists("quotes/xx.toml")
    with pytest.raises(ConfigError, match=r"^data/quotes/xx\.toml: no such data file"):
        read_toml("quotes/xx.toml")
    with pytest.raises(ConfigError, match=r"data/clean/missing\.tsv"):
        read_text("clean/missing.tsv")


def test_a_key_the_file_lacks_is_an_error_naming_the_file_and_the_key() -> None:
    with (
        pytest.raises(ConfigError, match=r"^data/dates/calendar\.toml: missing the key 'weeks'"),
        toml_fields("dates/calendar.toml") as table,
    ):
        table["weeks"]


def test_a_value_of_the_wrong_shape_is_an_error_naming_the_file() -> None:
    with (
        pytest.raises(ConfigError, match=r"^data/dates/calendar\.toml: a value has the wrong"),
        toml_fields("dates/calendar.toml") as table,
    ):
        int(table["months"]["9"][0])


def test_every_shipped_toml_file_parses() -> None:
    root = resources.files("blocwatch").joinpath("data")
    names = [
        f"{folder.name}/{entry.name}"
        for folder in root.iterdir()
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    assert len(names) >= 8
    for name in names:
        assert exists(name)
        assert read_toml(name), name
