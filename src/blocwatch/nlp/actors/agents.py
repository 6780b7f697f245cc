"""Agent nouns: the words that name a kind of actor rather than one actor.

"Police", "rebels", "officials", "troops", "protesters": news names most actors this way
("Iraqi police", "Houthi rebels", "Greek officials"). Two lists, for two jobs:

- :func:`default_agent_sectors`: noun → sector, which the event coder reads to type actors
  the dictionary does not list and to give a state's forces their sector: the project's
  own short list (``data/actors/agents_<lang>.tsv``) over Phoenix's;
- :class:`AgentDictionary`: Phoenix's broad list (``Phoenix.agents.txt``, MIT, Open Event
  Data Alliance; 2,235 nouns with their plurals), converted by ``tools/petrarch2.py``
  into ``data/actors/agents.json``::

    {"format": "blocwatch-agents/1", "agents": [
      {"names": ["police officer", "police officers"], "code": "~COP", "sector": "police"}
    ]}

  ``names`` are lower case, singular first, plurals written out. ``code`` is Phoenix's
  agent code (``~COP`` is added after a state's code: ``IRQCOP``; ``NGO~`` before it), and
  ``sector`` the kind of body it names (:class:`~blocwatch.model.Sector`; ``null`` where
  Phoenix's code has no sector of ours, as for "gunmen" or "kidnappers", ``~CRM``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from blocwatch.data import data_path, read_text
from blocwatch.errors import ConfigError, InputError
from blocwatch.model import Sector

AGENTS_FILE = Path(__file__).resolve().parents[2] / "data" / "actors" / "agents.json"
FORMAT = "blocwatch-agents/1"


@dataclass(frozen=True, slots=True)
class Agent:
    """One agent noun with its forms."""

    name: str
    """The singular ("police officer")."""
    forms: tuple[str, ...]
    """Every form, singular first ("police officer", "police officers")."""
    code: str
    """Phoenix's agent code, with its ``~`` ("~COP", "NGO~")."""
    sector: Sector | None


class AgentDictionary:
    """Agent nouns by every form; build with :meth:`default` or :meth:`load`."""

    __slots__ = ("_agents", "_by_form", "longest")

    def __init__(self, agents: Iterable[Agent]) -> None:
        self._agents = tuple(agents)
        by_form: dict[str, Agent] = {}
        for agent in self._agents:
            for form in agent.forms:
                by_form.setdefault(form, agent)
        self._by_form = by_form
        self.longest = max((len(form.split()) for form in by_form), default=0)
        """The most words an agent noun has (how far a caller needs to look)."""

    @classmethod
    def default(cls) -> AgentDictionary:
        """The list shipped with the package (loaded once, then shared)."""
        return _default_agents()

    @classmethod
    def load(cls, path: Path = AGENTS_FILE) -> AgentDictionary:
        """Read an agents file; :class:`InputError` names the file and the fault."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"cannot read agents file: {error}", source=str(path)) from error
        if not isinstance(data, dict) or not isinstance(data.get("agents"), list):
            raise InputError('expected {"format": ..., "agents": [...]}', source=str(path))
        agents = []
        for position, item in enumerate(data["agents"]):
            try:
                forms = tuple(" ".join(str(n).lower().split()) for n in item["names"])
                if not forms:
                    raise ValueError("no names")
                sector = Sector(item["sector"]) if item.get("sector") else None
                agents.append(Agent(forms[0], forms, item["code"], sector))
            except (KeyError, TypeError, ValueError) as error:
                raise InputError(f"agent #{position}: {error!r}", source=str(path)) from error
        return cls(agents)

    def __len__(self) -> int:
        return len(self._agents)

    def __iter__(self) -> Iterator[Agent]:
        return iter(self._agents)

    def lookup(self, phrase: str) -> Agent | None:
        """The agent a phrase names, in any form and case ("Police Officers" → police)."""
        return self._by_form.get(" ".join(phrase.lower().split()))


@cache
def _default_agents() -> AgentDictionary:
    return AgentDictionary.load()


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
    """Agent noun → sector for ``language`` (read once; callers must not mutate).

    For English, Phoenix's broad list gives the breadth (every form of its 2,235 nouns
    that has a sector of ours) and the project's own short list wins where both speak
    ("officials", "forces", "opposition", which Phoenix leaves without a sector).
    """
    sectors: dict[str, Sector] = {}
    if language == "en":
        for agent in AgentDictionary.default():
            if agent.sector is not None:
                sectors.update(dict.fromkeys(agent.forms, agent.sector))
    name = f"actors/agents_{language}.tsv"
    sectors.update(read_agent_sectors(read_text(name), source=data_path(name)))
    return sectors
