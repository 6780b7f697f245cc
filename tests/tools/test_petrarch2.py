"""The PETRARCH2 converter, on a small dictionary written for the test."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from blocwatch.model import Actor, ActorKind, Sector
from blocwatch.nlp.actors.dictionary import ActorEntry
from tools.petrarch2 import (
    convert_agents,
    everyday_words,
    filter_actor,
    names_of,
    without_shared_names,
)
from tools.petrarch2_verbs import (
    UnusablePatternError,
    VerbDictionarySource,
    convert_pattern,
    pattern_records,
    read_verb_dictionary,
    verb_records,
)

VERBS = """\
# comment
&MILITARY
+TROOP
+ARMED_FORCES

&AUX_
+WILL

####### VERB PATTERNS #######

---  TALK   [040]  ---
HOLD_TALKS_WITH
+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH}
VISIT  [042:043]
SEE {SAW SEEN SEEING SEES}
- * TALKS (WITH +)                      [046]   # HOLD
- &MILITARY * (IN ^) (WITH)             [062]   # MEET
- + BEEN * BY $                         [043]   # VISIT
- * SUPPORT (FROM)                      [:051]  # SEE
- WILL NOT * (WITH +)                   [030]   # MEET
- * &WEATHER                            [010]   # SEE
- * TALKS (WITH +)                      [046]   # HOLD
- * GAME                                [---]   # SEE
~ a (a b ATTACK) SAY = a b 015
"""


def _read(tmp_path: Path) -> VerbDictionarySource:
    path = tmp_path / "CAMEO.txt"
    path.write_text(VERBS)
    return read_verb_dictionary(path)


def test_verbs_get_lemma_particle_code_and_irregular_forms(tmp_path: Path) -> None:
    verbs, _ = verb_records(_read(tmp_path))
    by_key = {(v["lemma"], v.get("particle")): v for v in verbs}
    assert by_key[("meet", "with")]["code"] == "040"
    assert by_key[("meet", "with")]["forms"] == ["met", "meets", "meeting"]
    assert (by_key[("visit", None)]["code"], by_key[("visit", None)]["reversed_code"]) == (
        "042",
        "043",
    )
    assert by_key[("see", None)]["forms"] == ["saw", "seen", "seeing", "sees"]
    assert by_key[("hold", "talks with")]["code"] == "040"  # no "+": the first word is the verb


def test_patterns_become_requirements_and_drops_are_counted(tmp_path: Path) -> None:
    read = _read(tmp_path)
    patterns, counts = pattern_records(read)
    by_text = {p["text"].split("[")[0].strip(): p for p in patterns}
    talks = by_text["- * TALKS (WITH +)"]
    assert (talks["code"], talks["object"], talks["target_prep"]) == (
        "046",
        [["talk", "talks"]],
        "with",
    )
    troops = by_text["- &MILITARY * (IN ^) (WITH)"]
    assert troops["subject"] == [["&MILITARY"]] and troops["target_prep"] == "with"
    passive = by_text["- + BEEN * BY $"]
    assert passive["passive"] and passive["subject_is_target"] and passive["source_prep"] == "by"
    reversed_only = by_text["- * SUPPORT (FROM)"]
    assert (
        reversed_only["code"],
        reversed_only["reversed_code"],
        reversed_only["source_prep"],
    ) == (
        None,
        "051",
        "from",
    )
    assert by_text["- * GAME"]["code"] is None
    assert read.stats["dropped patterns: modality or negation before the verb"] == 1
    assert read.stats["dropped patterns: undefined synonym set"] == 1
    assert (
        read.stats["dropped: verb-verb transformations (the coder combines verbs from syntax)"] == 1
    )
    assert counts["dropped patterns: exact duplicate in the same block"] == 1
    assert read.synsets["&MILITARY"] == ["troop", "troops", "armed forces"]
    assert read.synsets["&AUX_"] == ["will"]


def test_unbalanced_pattern_is_dropped() -> None:
    try:
        convert_pattern("- STRONGLY * ATTACK (ON ^) ^) [111]", {})
    except UnusablePatternError as reason:
        assert "unbalanced" in str(reason)
    else:
        raise AssertionError("an unbalanced pattern was kept")


def test_agents_get_plurals_substitutions_and_sectors(tmp_path: Path) -> None:
    source = tmp_path / "agents.txt"
    source.write_text(
        "!PERSON! = MAN, MEN, WOMAN\n"
        "POLICE {} [~COP]\nREBEL [~REB]\nSPOKES!PERSON! [~GOV]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nHUMAN_RIGHTS_BODY [NGO~]\n"
        "KIDNAPPER [~CRM]\n"
    )
    out = tmp_path / "agents.json"
    convert_agents(source, out)
    agents = {a["names"][0]: a for a in json.loads(out.read_text())["agents"]}
    assert agents["police"]["names"] == ["police"]
    assert (agents["rebel"]["names"], agents["rebel"]["sector"]) == (
        ["rebel", "rebels"],
        "armed group",
    )
    assert agents["spokesman"]["names"] == ["spokesman", "spokesmen", "spokeswoman"]
    assert agents["attorney general"]["names"] == ["attorney general", "attorneys general"]
    body = agents["human rights body"]
    assert (body["code"], body["sector"]) == ("NGO~", "ngo")
    assert agents["kidnapper"]["sector"] is None


def test_actor_filter_lets_the_project_win_and_drops_ambiguous_names() -> None:
    counts: Counter[str] = Counter()
    known_names = {"houthis", "russia"}
    person = Actor(
        "person:ivan-ivanov",
        "Ivan Ivanov",
        ActorKind.PERSON,
        "RUS",
        ("Ivanov", "Russia's Government", "the Deputy Minister of Trade"),
    )
    kept = filter_actor(ActorEntry(person), set(), known_names, {"police"}, counts)
    assert kept is not None
    assert (kept.actor.name, kept.actor.aliases, kept.surname_alone) == ("Ivan Ivanov", (), False)
    org, armed = ActorKind.ORGANIZATION, Sector.ARMED_GROUP
    clash = Actor("armed_group:houthi-movement", "Houthi Movement", org, "YEM", ("Houthis",))
    assert filter_actor(ActorEntry(clash, sector=armed), set(), known_names, set(), counts) is None
    group = Actor("armed_group:the-front", "the Front", org, None, ("Police", "FR"))
    kept_group = filter_actor(
        ActorEntry(group, sector=armed), set(), known_names, {"police"}, counts
    )
    assert kept_group is not None and kept_group.actor.aliases == ("Front",)
    assert kept_group.sector is armed
    assert counts["names dropped: one common word"] == 1
    assert counts["names dropped: fewer than three letters"] == 1


def test_phoenix_names_are_split_and_everyday_or_dated_names_dropped() -> None:
    assert names_of("Basque Homeland Group (bhg)") == ["Basque Homeland Group", "BHG"]
    assert names_of("Order, the") == ["the Order"]
    counts: Counter[str] = Counter()
    group = Actor(
        "armed_group:black-friday-front",
        "Black Friday",
        ActorKind.ORGANIZATION,
        None,
        ("May 15 Movement", "Northern Hills Front (nhf)"),
    )
    everyday = everyday_words()
    assert {"black", "friday", "may", "the"} <= everyday
    kept = filter_actor(
        ActorEntry(group, sector=Sector.ARMED_GROUP),
        set(),
        set(),
        {"front", "hills"},
        counts,
        everyday,
    )
    assert kept is not None
    assert (kept.actor.name, kept.actor.aliases) == ("Northern Hills Front", ("NHF",))
    assert counts["names dropped: only everyday words"] == 1
    assert counts["names dropped: a digit (a date or a number)"] == 1


def test_a_name_two_converted_entries_share_is_dropped_from_both() -> None:
    counts: Counter[str] = Counter()
    org = ActorKind.ORGANIZATION
    army = ActorEntry(
        Actor("org:plx-army", "Plx Army", org, "CHN", ("PLX",)), sector=Sector.MILITARY
    )
    group = ActorEntry(Actor("armed_group:plx", "PLX", org, "IRL", ("Plx Front",)))
    alone = ActorEntry(Actor("org:only-plx", "PLX", org))
    kept = without_shared_names([army, group, alone], counts)
    assert [(e.actor.name, e.actor.aliases, e.sector) for e in kept] == [
        ("Plx Army", (), Sector.MILITARY),
        ("Plx Front", (), None),
    ]
    assert counts["names dropped: shared by two converted entries"] == 3
    assert counts["dropped: no name left"] == 1
