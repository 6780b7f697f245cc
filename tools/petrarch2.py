"""Convert the PETRARCH2 / Phoenix dictionaries into blocwatch's own data files.

    python tools/petrarch2.py --src /path/to/petrarch2 --out src/blocwatch/data

reads ``CAMEO.2.0.txt``, ``Phoenix.{Countries,International,MilNonState}.actors.txt`` and
``Phoenix.agents.txt`` (MIT, Open Event Data Alliance) and writes

- ``events/verbs.jsonl`` (one verb per line), ``events/verb_patterns.jsonl`` (one pattern
  per line, by verb block) and ``events/verb_synsets.json`` (the word classes patterns
  name), read by :mod:`blocwatch.nlp.events.verbs`;
- ``actors/phoenix_*.json`` in the actor dictionary's format, loaded below the project's
  own files, and ``actors/agents.json`` (agent nouns: "police", "rebels", "officials");
- ``LICENSE.petrarch2`` beside each, the MIT notice the files are shipped under.

It prints one JSON line of counts per output: what was converted, what was dropped and why.
The run is deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blocwatch.model import Actor, ActorKind, Sector
from blocwatch.nlp.actors.dictionary import (
    PROJECT_FILES,
    ActorEntry,
    read_entries,
    write_entries,
)
from blocwatch.nlp.actors.importers import PHOENIX_SECTORS, read_petrarch
from tools.petrarch2_verbs import (
    pattern_records,
    plural,
    read_verb_dictionary,
    verb_records,
)

ACTOR_SOURCES = (
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.Countries.actors.txt",
)
# Where each kind of entry goes. People and companies are separate files because matching
# them is most of the start-up cost of the recogniser (the actor dictionary does not load
# them unless asked): tens of thousands of names, mostly office-holders of 2014.
ACTOR_FILES = {
    "armed group": "phoenix_nonstate.json",
    "organization": "phoenix_organizations.json",
    "state": "phoenix_organizations.json",
    "company": "phoenix_companies.json",
    "person": "phoenix_people.json",
}
LICENSE_NAME = "LICENSE.petrarch2"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, required=True, help="folder of the PETRARCH2 files")
    parser.add_argument("--out", type=Path, required=True, help="src/blocwatch/data")
    args = parser.parse_args(argv)
    source: Path = args.src
    out: Path = args.out
    common = convert_verbs(source, out / "events")
    convert_agents(source / "Phoenix.agents.txt", out / "actors" / "agents.json")
    agent_words = {
        word
        for item in json.loads((out / "actors" / "agents.json").read_text("utf-8"))["agents"]
        for name in item["names"]
        for word in name.split()
    }
    convert_actors(source, out / "actors", common | agent_words)
    for folder in (out / "events", out / "actors"):
        shutil.copyfile(source / "LICENSE", folder / LICENSE_NAME)
    return 0


def _report(output: str, counts: Counter[str]) -> None:
    print(json.dumps({"output": output, **dict(sorted(counts.items()))}))


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join(lines) + "\n", "utf-8")


# ---------------------------------------------------------------------- verbs


def convert_verbs(source: Path, out: Path) -> set[str]:
    """Write the verb files; return the words they use (a list of common words)."""
    read = read_verb_dictionary(source / "CAMEO.2.0.txt")
    verbs, verb_counts = verb_records(read)
    patterns, pattern_counts = pattern_records(read)
    out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "verbs.jsonl", verbs)
    _write_jsonl(out / "verb_patterns.jsonl", patterns)
    (out / "verb_synsets.json").write_text(
        json.dumps(read.synsets, indent=1, ensure_ascii=False) + "\n", "utf-8"
    )
    counts = read.stats + verb_counts + pattern_counts
    counts["verbs written"] = len(verbs)
    counts["verbs with a default code"] = sum(1 for v in verbs if v["code"])
    counts["patterns written"] = len(patterns)
    counts["synonym sets"] = len(read.synsets)
    _report("events/verbs.jsonl", counts)
    words = {v["lemma"] for v in verbs}
    for pattern in patterns:
        for slot in [*pattern.get("subject", []), *pattern.get("object", [])]:
            words.update(w for w in slot if not w.startswith("&") and " " not in w)
    for members in read.synsets.values():
        words.update(m for m in members if " " not in m)
    return words


# ---------------------------------------------------------------------- agents

_AGENT_LINE = re.compile(
    r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]"
)


def convert_agents(path: Path, out: Path) -> None:
    """``Phoenix.agents.txt`` → ``agents.json`` (names with their plurals, code, sector)."""
    counts: Counter[str] = Counter()
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, dict[str, Any]] = {}
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<!"):
            continue
        if line.startswith("!") and "=" in line:
            marker, _, members = line.partition("=")
            substitutions[marker.strip()] = [m.strip().lower() for m in members.split(",")]
            continue
        match = _AGENT_LINE.match(line)
        if match is None:
            counts["dropped: unreadable line"] += 1
            continue
        code = match.group("code").strip()
        sector = PHOENIX_SECTORS.get(code.strip("~")[:3])
        phrase = match.group("phrase").strip().lower()
        irregular = match.group("plural")
        names = _agent_names(phrase, irregular, substitutions)
        if not names:
            counts["dropped: no name left"] += 1
            continue
        key = names[0]
        if key in agents:
            counts["dropped: listed twice"] += 1
            continue
        agents[key] = {"names": names, "code": code, "sector": sector.value if sector else None}
    counts["agents written"] = len(agents)
    for item in agents.values():
        counts[f"sector: {item['sector']}"] += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    body = ",\n  ".join(json.dumps(a, ensure_ascii=False) for a in agents.values())
    out.write_text(f'{{"format": "blocwatch-agents/1", "agents": [\n  {body}\n]}}\n', "utf-8")
    _report("actors/agents.json", counts)


def _agent_names(
    phrase: str, irregular: str | None, substitutions: dict[str, list[str]]
) -> list[str]:
    """The singular and plural forms of an agent phrase (``!PERSON!`` expanded)."""
    for marker, members in substitutions.items():
        if marker.lower() in phrase:
            return [
                " ".join(phrase.replace(marker.lower(), m).replace("_", " ").split())
                for m in members
            ]
    base = " ".join(phrase.replace("_", " ").split())
    if not base or not re.search(r"[a-z]", base):
        return []
    names = [base]
    if irregular is None:
        words = base.split()
        names.append(" ".join([*words[:-1], plural(words[-1])]))
    elif irregular.strip():
        names.append(" ".join(irregular.replace("_", " ").lower().split()))
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------------- actors


def convert_actors(source: Path, out: Path, common: set[str]) -> None:
    """Each Phoenix actor file → ``phoenix_*.json``, minus what the project already knows
    and names too ambiguous to match (see :func:`filter_actor`)."""
    project: list[ActorEntry] = []
    for name in PROJECT_FILES:
        if (out / name).is_file():
            project.extend(read_entries(out / name))
    known_ids = {entry.actor.id for entry in project}
    everyday = everyday_words()
    known_names = {
        name.casefold()
        for entry in project
        for name in (
            entry.actor.name,
            *entry.actor.aliases,
            *entry.adjectives,
            *entry.context_aliases,
        )
    }
    counts: Counter[str] = Counter()
    converted: dict[str, ActorEntry] = {}
    for source_name in ACTOR_SOURCES:
        for read in read_petrarch(source / source_name):
            counts[f"read: {source_name}"] += 1
            entry = filter_actor(read, known_ids, known_names, common, counts, everyday)
            if entry is None:
                continue
            if entry.actor.id in converted:
                counts["dropped: same id twice (first kept)"] += 1
                continue
            converted[entry.actor.id] = entry
    files: dict[str, dict[str, ActorEntry]] = {name: {} for name in ACTOR_FILES.values()}
    for entry in without_shared_names(list(converted.values()), counts):
        kind = entry.actor.kind.value
        if entry.sector in (Sector.ARMED_GROUP, Sector.COMPANY):
            kind = entry.sector.value
        files[ACTOR_FILES[kind]][entry.actor.id] = entry
        counts[f"written: {kind}"] += 1
    for target_name, entries in files.items():
        write_entries(out / target_name, entries.values())
    _report("actors/phoenix_*.json", counts)


_ORG_WORDS = re.compile(
    r"\b(government|ministry|army|forces|police|party|council|office|agency|committee)\b", re.I
)


def without_shared_names(entries: list[ActorEntry], counts: Counter[str]) -> list[ActorEntry]:
    """The entries without the names two of them share ("PLA" is China's army and an
    Irish group): such a name cannot say which one is meant. An entry left without a name
    is dropped."""
    owners = Counter(name.casefold() for e in entries for name in {e.actor.name, *e.actor.aliases})
    kept = []
    for entry in entries:
        names = [n for n in (entry.actor.name, *entry.actor.aliases) if owners[n.casefold()] == 1]
        counts["names dropped: shared by two converted entries"] += (
            1 + len(entry.actor.aliases) - len(names)
        )
        if not names:
            counts["dropped: no name left"] += 1
            continue
        actor = entry.actor
        trimmed = Actor(
            actor.id, names[0], actor.kind, actor.country, tuple(names[1:]), actor.roles
        )
        kept.append(replace(entry, actor=trimmed))
    return kept


_BASIC_COLOURS = [
    "black",
    "white",
    "red",
    "green",
    "yellow",
    "blue",
    "brown",
    "purple",
    "pink",
    "orange",
    "grey",
    "gray",
]
_LINKING_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "a"})


def everyday_words() -> set[str]:
    """Words a name made only of is too ambiguous to match ("Black Friday", "May 15",
    "New Order"): English stop words (spaCy's list), month and day names, basic colours."""
    from spacy.lang.en.stop_words import STOP_WORDS

    calendar_words = [*calendar.month_name[1:], *calendar.day_name]
    return {w.lower() for w in [*STOP_WORDS, *calendar_words, *_BASIC_COLOURS]}


def names_of(name: str) -> list[str]:
    """A Phoenix name as the names it stands for: "Basque Fatherland and Freedom (eta)" is
    the name and the acronym "ETA"; "Order, the" is "the Order"."""
    names = []
    bare = re.sub(r"\s*\(([^)]*)\)", "", name).strip()
    head, comma, tail = bare.rpartition(", ")
    if comma and tail.lower() == "the":
        bare = f"the {head}"
    if bare:
        names.append(bare)
    for inner in re.findall(r"\(([^)]*)\)", name):
        if inner.isalpha() and len(inner) <= 6:
            names.append(inner.upper())
    return names


def filter_actor(
    read: ActorEntry,
    known_ids: set[str],
    known_names: set[str],
    common: set[str],
    counts: Counter[str],
    everyday: frozenset[str] | set[str] = frozenset(),
) -> ActorEntry | None:
    """The entry to ship for one Phoenix actor, or ``None``; every name dropped is counted
    by reason. The rules are general, never about one name:

    - the project's own dictionary wins: an entry with the same id, or with any name the
      project already uses, is left out whole (it is the same actor, or a clash);
    - names of fewer than three letters, names with a digit ("May 15"), names that are one
      common English word (a word of the verb dictionary, its word classes or the agent
      nouns) and names made only of such words with at least one everyday word
      (``everyday``, see :func:`everyday_words`: "Black Friday", "Red Line") are too
      ambiguous to match;
    - for people, a single word (a surname alone: Phoenix lists tens of thousands of
      people) and names that name an institution ("Syria's government" listed under a
      president) are dropped, and the surname alone never names them before the full
      name has been seen; names that start with "the" or hold "of" are titles ("the US
      Secretary of State"), not names.
    """
    actor = read.actor
    if actor.id in known_ids:
        counts["dropped: id known to the project dictionary"] += 1
        return None
    if any(name.casefold() in known_names for name in (actor.name, *actor.aliases)):
        counts["dropped: a name the project dictionary uses (its entry wins)"] += 1
        return None
    person = actor.kind is ActorKind.PERSON
    kept: list[str] = []
    candidates = [n for name in (actor.name, *actor.aliases) for n in names_of(name)]
    for name in dict.fromkeys(candidates):
        letters = re.sub(r"[^A-Za-z]", "", name)
        words = name.split()
        content = [w.lower() for w in words if w.lower() not in _LINKING_WORDS]
        if len(letters) < 3:
            counts["names dropped: fewer than three letters"] += 1
        elif any(c.isdigit() for c in name):
            counts["names dropped: a digit (a date or a number)"] += 1
        elif len(words) == 1 and name.lower() in common:
            counts["names dropped: one common word"] += 1
        elif any(w in everyday for w in content) and all(
            w in common or w in everyday for w in content
        ):
            counts["names dropped: only everyday words"] += 1
        elif person and len(words) == 1:
            counts["names dropped: a person's single name"] += 1
        elif person and _ORG_WORDS.search(name):
            counts["names dropped: a person's alias naming an institution"] += 1
        elif person and (name.startswith("the ") or " of " in name):
            counts["names dropped: a title, not a person's name"] += 1
        else:
            kept.append(name)
    if not kept:
        counts["dropped: no name left"] += 1
        return None
    if read.sector is Sector.ARMED_GROUP and kept[0].startswith("the "):
        # "the Islamic State": the article is optional before a group's name
        bare = kept[0][4:]
        if bare.casefold() not in known_names and bare not in kept:
            kept.append(bare)
    trimmed = Actor(actor.id, kept[0], actor.kind, actor.country, tuple(kept[1:]), actor.roles)
    return ActorEntry(trimmed, surname_alone=not person, sector=read.sector)


if __name__ == "__main__":
    raise SystemExit(main())
