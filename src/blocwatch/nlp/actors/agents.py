"""Agent nouns ("troops", "police", "rebels") and the sector of actor each names.

The list is language data (``data/actors/agents_<lang>.tsv``); the event coder reads it
to type actors the dictionary does not list and to give a state's forces their sector.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from blocwatch.errors import ConfigError
from blocwatch.model import Sector


def read_agent_sectors(table: str, source: str = "agents") -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for number, line in enumerate(table.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            noun, sector = line.split("\t")
            sectors[noun.strip().lower()] = Sector(sector.strip())
        except ValueError as exc:
            raise ConfigError(f"line {number}: expected 'noun<TAB>sector'", source=source) from exc
    return sectors


@cache
def default_agent_sectors(language: str = "en") -> dict[str, Sector]:
    """The shipped agent nouns of ``language`` (read once; callers must not mutate)."""
    path = resources.files("blocwatch").joinpath(f"data/actors/agents_{language}.tsv")
    return read_agent_sectors(path.read_text("utf-8"), source=str(path))
