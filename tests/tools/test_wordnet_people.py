"""tools/wordnet_people.py on a tiny WordNet written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.wordnet_people import main

# person ~> worker ~> baker; person ~i> a named person; set (not a person) ~> pair.
DATA = """\
  1 This is a licence header line.
00007846 03 n 01 person 0 003 ~ 00000010 n 0000 ~i 00000030 n 0000 @ 00000001 n 0000 | a human
00000010 18 n 01 worker 0 001 ~ 00000020 n 0000 | a person who works
00000020 18 n 01 baker 0 000 | someone who bakes
00000030 18 n 01 Ada_Lovelace 0 000 | a named person
00000040 14 n 01 pair 0 000 | a set of two
00000050 18 n 01 pair 0 000 | two people together
"""
INDEX = """\
  1 This is a licence header line.
ada_lovelace n 1 0 1 0 00000030
baker n 1 1 @ 1 0 00000020
pair n 2 1 @ 2 0 00000040 00000050
person n 1 1 ~ 1 0 00007846
worker n 1 1 ~ 1 0 00000010
"""


def test_nouns_whose_first_sense_is_a_person_are_written_with_the_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data.noun").write_text(DATA, "utf-8")
    (tmp_path / "index.noun").write_text(INDEX, "utf-8")
    assert main(["--src", str(tmp_path), "--out", str(tmp_path)]) == 0
    lines = (tmp_path / "people_nouns_en.txt").read_text("utf-8").splitlines()
    assert [w for w in lines if not w.startswith("#")] == ["baker", "person", "worker"]
    assert "Princeton University" in (tmp_path / "LICENSE.wordnet").read_text("utf-8")
    assert json.loads(capsys.readouterr().out) == {"person_synsets": 3, "nouns": 3}
