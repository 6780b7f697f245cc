from __future__ import annotations

import json
from pathlib import Path

import pytest

from blocwatch.errors import InputError
from blocwatch.model import Sector
from blocwatch.nlp.actors.agents import AgentDictionary


def test_common_agent_nouns_have_a_sector() -> None:
    agents = AgentDictionary.default()
    expected = {
        "police": Sector.POLICE,
        "rebels": Sector.ARMED_GROUP,
        "insurgents": Sector.ARMED_GROUP,
        "troops": Sector.MILITARY,
        "soldiers": Sector.MILITARY,
        "protesters": Sector.OPPOSITION,
        "journalists": Sector.MEDIA,
        "civilians": Sector.CIVILIANS,
        "lawmakers": Sector.LEGISLATURE,
    }
    found = {noun: getattr(agents.lookup(noun), "sector", None) for noun in expected}
    assert found == expected
    assert len(agents) > 2000 and agents.longest >= 4


def test_lookup_ignores_case_and_spacing_and_knows_plurals() -> None:
    agents = AgentDictionary.default()
    officer = agents.lookup("Police  Officers")
    assert officer is not None
    assert (officer.name, officer.code, officer.sector) == (
        "police officer",
        "~COP",
        Sector.POLICE,
    )
    assert agents.lookup("police officer") is officer
    assert agents.lookup("the weather") is None


def test_bad_agents_file_names_file_and_entry(tmp_path: Path) -> None:
    path = tmp_path / "agents.json"
    path.write_text(
        json.dumps({"agents": [{"names": ["scout"], "code": "~MIL", "sector": "army"}]})
    )
    with pytest.raises(InputError, match=r"agents\.json.*agent #0.*army"):
        AgentDictionary.load(path)
    path.write_text("[]")
    with pytest.raises(InputError, match="expected"):
        AgentDictionary.load(path)
