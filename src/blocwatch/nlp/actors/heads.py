"""What kind of actor a phrase names, read from its words and its syntax.

The dictionary knows the actors it lists; news names most others by a phrase whose last
word says what kind of body it is ("Serco Services", "a trade arbitration panel", "the
foreign affairs committee", "human rights groups") or picks members out of a group
("some of the soldiers", "a gang of five smugglers"). :class:`HeadNouns` reads those cues
from a data file (``data/actors/heads_<lang>.toml``) and answers, for a parsed phrase:

- :meth:`~HeadNouns.sector` — the sector a head gives a name or noun ("Services": a
  company; "Committee": a legislature);
- :meth:`~HeadNouns.body` — whether a common noun names one body the text identifies: a
  body noun ("panel", "group", "committee") with a noun or a name that says which ("an
  arbitration panel", "Islamist groups"), not an adjective that only counts or describes
  ("other groups", "an unusual coalition");
- :meth:`~HeadNouns.partitive` — the group a partitive phrase picks from ("some *of the
  soldiers*", "dozens *of militants*"): that group is the actor;
- :meth:`~HeadNouns.agent` — an agent noun of several words from Phoenix's list ("human
  rights groups", "riot police", "border guards"), which the one-word lookup misses, and
  Phoenix's agents with no sector of ours (criminals: "smugglers", "kidnappers";
  extremists), which name actors all the same;
- :meth:`~HeadNouns.leader` — who leads a group ("a coalition *led by Saudi Arabia*"),
  whose the group is;
- :attr:`~HeadNouns.implied` — the agent an act implies when a passive leaves it unnamed
  ("he was arrested": the police; "was convicted": a court).

A language without a data file gets :meth:`HeadNouns.empty`: no cue fires.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from blocwatch.data import exists, toml_fields
from blocwatch.errors import ConfigError
from blocwatch.model import Sector, Token
from blocwatch.nlp.actors.agents import Agent, AgentDictionary
from blocwatch.nlp.syntax import SentenceTree

_QUALIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_NAMING_POS = frozenset({"NOUN", "PROPN"})
_NAMING_ENTITIES = frozenset({"NORP", "ORG", "GPE"})
_REGION_ENTITIES = frozenset({"NORP", "GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class HeadNouns:
    """Head-noun cues of one language (see the module docstring)."""

    sectors: Mapping[str, Sector]
    """Head lemma → the sector it gives."""
    bodies: frozenset[str]
    """Head lemmas that name a body of people (the sectors' heads and the sectorless)."""
    not_qualifiers: frozenset[str]
    partitives: frozenset[str]
    agents: AgentDictionary | None = None
    """Agent nouns of several words, and those with no sector of ours."""
    implied: Mapping[str, str] = field(default_factory=dict)
    """Verb lemma → the agent noun its act implies ("arrest" → "police")."""
    state_groups: frozenset[str] = frozenset()
    """Nouns for states ("countries"): a body only with a regional name ("Baltic")."""
    led_by: frozenset[str] = frozenset()
    """Verbs whose ``by`` phrase names whose a group is ("a coalition led by X")."""

    @classmethod
    def empty(cls) -> HeadNouns:
        return cls({}, frozenset(), frozenset(), frozenset())

    @classmethod
    def default(cls, language: str = "en") -> HeadNouns:
        """The shipped cues for ``language`` (read once); empty without a data file."""
        return _default_heads(language)

    @classmethod
    def from_table(
        cls, table: Mapping[str, object], agents: AgentDictionary | None = None
    ) -> HeadNouns:
        """Build from a parsed data file; :class:`ConfigError` on an unknown sector."""
        sectors: dict[str, Sector] = {}
        for name, words in _section(table, "sectors").items():
            try:
                sector = Sector(name)
            except ValueError as exc:
                raise ConfigError(f"heads: unknown sector {name!r}") from exc
            sectors.update(dict.fromkeys(_words(words), sector))
        bodies = _section(table, "bodies")
        sectorless = {w for key, words in bodies.items() if key != "states" for w in _words(words)}
        implied = {
            verb: agent
            for agent, verbs in _section(table, "implied_agents").items()
            for verb in _words(verbs)
        }
        return cls(
            sectors,
            frozenset(sectors) | frozenset(sectorless),
            frozenset(_words(_section(table, "qualifiers").get("not_a_qualifier", ()))),
            frozenset(_words(_section(table, "partitives").get("words", ()))),
            agents,
            implied,
            frozenset(_words(bodies.get("states", ()))),
            frozenset(_words(_section(table, "led_by").get("verbs", ()))),
        )

    # ------------------------------------------------------------------ questions

    def sector(self, head: Token) -> Sector | None:
        """The sector the head word gives ("Services" → company)."""
        return self.sectors.get(head.lemma.lower()) or self.sectors.get(head.text.lower())

    def body(self, tree: SentenceTree, head: Token) -> bool:
        """Whether a common noun names one body the text identifies by a qualifier."""
        lemma = head.lemma.lower()
        if head.pos != "NOUN":
            return False
        if lemma in self.state_groups:  # "the Baltic countries"
            return any(
                q.ent_type in _REGION_ENTITIES and self._qualifies(q)
                for q in _left_modifiers(tree, head)
            )
        if lemma not in self.bodies:
            return False
        return any(self._qualifies(q) for q in _left_modifiers(tree, head))

    def partitive(self, tree: SentenceTree, head: Token) -> Token | None:
        """The group a partitive head picks from: "some of *the soldiers*"."""
        words = {head.text.lower(), head.lemma.lower()}
        if head.pos != "NUM" and not words & self.partitives:
            return None
        for prep in tree.children(head, "prep"):
            if prep.lemma.lower() != "of":
                continue
            for group in tree.children(prep, "pobj"):
                if group.pos in {"NOUN", "PROPN"}:
                    return group
        return None

    def leader(self, tree: SentenceTree, head: Token) -> Token | None:
        """Who leads the group a noun names: "a coalition led by *Saudi Arabia*"."""
        for clause in tree.children(head, "acl"):
            if clause.lemma.lower() not in self.led_by:
                continue
            for by in tree.children(clause, "agent"):
                for leader in tree.children(by, "pobj"):
                    return leader
        return None

    def agent(self, tree: SentenceTree, head: Token) -> Agent | None:
        """The agent noun of several words ending at ``head`` ("human rights groups"), or
        a one-word agent Phoenix gives no sector of ours ("smugglers")."""
        if self.agents is None or head.pos != "NOUN":
            return None
        words = [*_left_modifiers(tree, head), head]
        for first in range(len(words)):
            phrase = " ".join(w.text for w in words[first:])
            found = self.agents.lookup(phrase)
            if found is not None and (first < len(words) - 1 or found.sector is None):
                return found
        return None

    def _qualifies(self, token: Token) -> bool:
        """A noun or a name says which body ("arbitration panel", "Labour group"); an
        adjective only when it is a name ("Islamist groups"): "an unusual coalition" is
        described, not named."""
        named = token.pos in _NAMING_POS or token.ent_type in _NAMING_ENTITIES
        return (
            named
            and token.text.lower() not in self.not_qualifiers
            and token.lemma.lower() not in self.not_qualifiers
        )


def _left_modifiers(tree: SentenceTree, head: Token) -> list[Token]:
    """The compound and adjective modifiers written just before the head, in order
    ("human rights" in "human rights groups"), with their own compounds."""
    found: list[Token] = []
    for child in tree.children(head):
        if child.i < head.i and child.dep in _QUALIFIER_DEPS:
            found.extend(_left_modifiers(tree, child))
            found.append(child)
    found.sort(key=lambda t: t.i)
    run: list[Token] = []
    for token in reversed(found):
        expected = run[0].i - 1 if run else head.i - 1
        if token.i != expected:
            break
        run.insert(0, token)
    return run


def _section(table: Mapping[str, object], name: str) -> Mapping[str, object]:
    section = table.get(name, {})
    if not isinstance(section, Mapping):
        raise ConfigError(f"heads: [{name}] must be a table")
    return section


def _words(value: object) -> Iterable[str]:
    if not isinstance(value, list):
        raise ConfigError(f"heads: expected a list of words, got {value!r}")
    return [" ".join(str(w).lower().split()) for w in value]


@cache
def _default_heads(language: str) -> HeadNouns:
    name = f"actors/heads_{language}.toml"
    if not exists(name):
        return HeadNouns.empty()
    agents = AgentDictionary.default() if language == "en" else None
    with toml_fields(name) as table:
        return HeadNouns.from_table(table, agents)
