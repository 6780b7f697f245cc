"""The first-name converter (tools/first_names.py) on census-style lists written here."""

from pathlib import Path

import pytest

from tools.first_names import genders, read_list


def test_a_name_both_sexes_carry_often_is_left_out(tmp_path: Path) -> None:
    male = tmp_path / "male"
    female = tmp_path / "female"
    male.write_text("JAMES          3.318  3.318      1\nJORDAN         0.050  3.368      2\n")
    female.write_text("MARY           2.629  2.629      1\nJORDAN         0.020  2.649      2\n")
    table = genders(read_list(male), read_list(female))
    assert table == {"james": "m", "mary": "f"}


def test_a_rare_use_by_the_other_sex_does_not_hide_a_name() -> None:
    assert genders({"leslie": 0.4}, {"leslie": 0.01}) == {"leslie": "m"}


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "male"
    bad.write_text("JAMES 3.318\n")
    with pytest.raises(SystemExit, match="male:1"):
        read_list(bad)
