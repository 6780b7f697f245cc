"""The verb dictionary: PETRARCH2's verbs and patterns matched on dependency lemmas.

Each test states, as lemma sets, what a parser would give for a short sentence written
for the test (the sentence is in the test's docstring or name).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blocwatch.errors import InputError
from blocwatch.nlp.events.verbs import VerbDictionary, VerbEntry


@pytest.fixture(scope="module")
def verbs() -> VerbDictionary:
    return VerbDictionary.default()


def test_shipped_dictionary_is_broad(verbs: VerbDictionary) -> None:
    assert len(verbs) > 1500
    assert sum(len(entry.patterns) for entry in verbs) > 20000
    assert "condemn" in verbs
    assert verbs.lookup("Condemn") is verbs.lookup("condemn")


def test_a_verb_alone_gets_its_default_code(verbs: VerbDictionary) -> None:
    """ "The ministry condemned the plan." """
    match = verbs.match("condemn", dependent_lemmas={"ministry", "plan"})
    assert match is not None
    assert (match.cameo, match.specificity, match.pattern) == ("111", 0, None)


def test_the_object_picks_the_sense_of_a_phrasal_verb(verbs: VerbDictionary) -> None:
    """ "The union called off the strike." / "Kyiv called off the talks." """
    strike = verbs.match("call", "off", {"union", "strike"})
    talks = verbs.match("call", "off", {"kyiv", "talk"})
    assert strike is not None and talks is not None
    assert strike.cameo == "087"
    assert talks.cameo == "164"
    assert strike.specificity >= 1 and strike.pattern and "STRIKE" in strike.pattern


def test_a_word_class_fills_a_slot(verbs: VerbDictionary) -> None:
    """ "Donors rushed groceries to the flooded region." (groceries are &FOOD)"""
    match = verbs.match(
        "rush", dependent_lemmas={"donor", "grocery"}, prep_objects={"to": {"region"}}
    )
    assert match is not None and match.cameo == "073"


def test_a_prepositional_phrase_narrows_the_code(verbs: VerbDictionary) -> None:
    """ "The defence asked for a retrial." versus "The defence asked the court." """
    narrow = verbs.match("ask", dependent_lemmas={"defence"}, prep_objects={"for": {"retrial"}})
    broad = verbs.match("ask", dependent_lemmas={"defence", "court"})
    assert narrow is not None and broad is not None
    assert (narrow.cameo, broad.cameo) == ("0213", "020")
    assert narrow.specificity > broad.specificity


def test_a_verb_without_default_code_and_no_pattern_is_no_event(verbs: VerbDictionary) -> None:
    """ "Prices appeared stable." """
    assert verbs.match("appear", dependent_lemmas={"price", "stable"}) is None
    assert verbs.match("xyzzify") is None


def test_a_no_event_pattern_is_reported_as_such(verbs: VerbDictionary) -> None:
    """ "Markets halted trading." : a [---] pattern says this is no event."""
    match = verbs.match("halt", dependent_lemmas={"market", "trading"})
    assert match is not None
    assert match.cameo is None and not match.is_event and match.pattern


def test_a_reversed_code_makes_the_subject_the_target(verbs: VerbDictionary) -> None:
    """ "The mayor received a death threat." """
    match = verbs.match("receive", dependent_lemmas={"mayor", "death", "threat"})
    assert match is not None
    assert (match.cameo, match.subject_is_target) == ("138", True)


def test_the_default_carries_the_reversed_reading(verbs: VerbDictionary) -> None:
    """ "Erdogan visited Baku." is 042; Baku hosting the visit is 043."""
    match = verbs.match("visit", dependent_lemmas={"erdogan", "baku"})
    assert match is not None
    assert (match.cameo, match.reversed_cameo, match.subject_is_target) == ("042", "043", False)


def test_a_particle_the_dictionary_lists_only_as_a_word_still_counts(
    verbs: VerbDictionary,
) -> None:
    """ "Police set off tear gas." : "set off" is not a listed phrasal verb; the pattern
    ``* OFF &WEAPON`` of "set" still matches with the particle among the dependents."""
    match = verbs.match("set", "off", {"police", "tear", "gas"})
    assert match is not None and match.cameo == "183"


def _write(
    tmp_path: Path, verbs: list[dict[str, object]], patterns: list[dict[str, object]]
) -> VerbDictionary:
    (tmp_path / "verbs.jsonl").write_text("\n".join(json.dumps(v) for v in verbs))
    (tmp_path / "patterns.jsonl").write_text("\n".join(json.dumps(p) for p in patterns))
    (tmp_path / "synsets.json").write_text(json.dumps({"&ENVOY": ["envoy", "special envoy"]}))
    return VerbDictionary.load(
        tmp_path / "verbs.jsonl", tmp_path / "patterns.jsonl", tmp_path / "synsets.json"
    )


def test_most_specific_pattern_wins_and_target_preposition_is_given(tmp_path: Path) -> None:
    """ "Ministers held talks with the envoy." """
    dictionary = _write(
        tmp_path,
        [{"lemma": "hold", "code": None, "blocks": ["HOLD"]}],
        [
            {"block": "HOLD", "code": "040", "object": [["talk"]], "text": "- * TALKS [040]"},
            {
                "block": "HOLD",
                "code": "046",
                "object": [["talk"]],
                "preps": [{"prep": "with", "words": [["&ENVOY"]]}],
                "target_prep": "with",
                "text": "- * TALKS (WITH &ENVOY) [046]",
            },
        ],
    )
    with_envoy = dictionary.match("hold", None, {"minister", "talk"}, {"with": {"envoy"}})
    without = dictionary.match("hold", None, {"minister", "talk"}, {"in": {"geneva"}})
    phrase = dictionary.match("hold", None, {"talk"}, {"with": {"special", "envoy"}})
    assert with_envoy is not None and without is not None and phrase is not None
    assert (with_envoy.cameo, with_envoy.target_prep, with_envoy.specificity) == ("046", "with", 5)
    assert (without.cameo, without.target_prep) == ("040", None)
    assert phrase.cameo == "046"


def test_passive_patterns_need_a_passive_clause(tmp_path: Path) -> None:
    """ "The envoy was charged by prosecutors." versus "The envoy charged ahead." """
    dictionary = _write(
        tmp_path,
        [{"lemma": "charge", "code": None, "blocks": ["B"]}],
        [
            {
                "block": "B",
                "code": "1711",
                "preps": [{"prep": "by"}],
                "source_prep": "by",
                "subject_is_target": True,
                "passive": True,
                "text": "- + BEEN * BY $ [1711]",
            }
        ],
    )
    passive = dictionary.match("charge", None, {"envoy"}, {"by": {"prosecutor"}}, passive=True)
    assert passive is not None
    assert (passive.cameo, passive.source_prep, passive.subject_is_target) == ("1711", "by", True)
    assert dictionary.match("charge", None, {"envoy"}, {"by": {"prosecutor"}}) is None


def test_conflicting_patterns_prefer_the_one_traced_to_the_verb(tmp_path: Path) -> None:
    """Two verbs of a block share patterns; where they conflict, each verb gets its own."""
    dictionary = _write(
        tmp_path,
        [
            {"lemma": "ask", "code": "020", "blocks": ["ASK"]},
            {"lemma": "request", "code": "020", "blocks": ["ASK"]},
            {"lemma": "query", "code": None, "blocks": ["ASK"]},
        ],
        [
            {"block": "ASK", "code": "020", "object": [["support"]], "origin": "ask", "text": "a"},
            {
                "block": "ASK",
                "code": "022",
                "object": [["support"]],
                "origin": "request",
                "text": "b",
            },
        ],
    )
    codes = {
        lemma: getattr(dictionary.match(lemma, None, {"support"}), "cameo", None)
        for lemma in ("ask", "request", "query")
    }
    assert codes == {"ask": "020", "request": "022", "query": "022"}


def test_bad_data_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "synsets.json").write_text("{}")
    (tmp_path / "patterns.jsonl").write_text(
        '{"block": "B", "code": "010", "object": [["&NOPE"]], "text": "x"}\n'
    )
    (tmp_path / "verbs.jsonl").write_text("")
    with pytest.raises(InputError, match=r"patterns\.jsonl.*line 1.*NOPE"):
        VerbDictionary.load(
            tmp_path / "verbs.jsonl", tmp_path / "patterns.jsonl", tmp_path / "synsets.json"
        )
    (tmp_path / "patterns.jsonl").write_text("")
    (tmp_path / "verbs.jsonl").write_text("not json\n")
    with pytest.raises(InputError, match=r"verbs\.jsonl.*line 1"):
        VerbDictionary.load(
            tmp_path / "verbs.jsonl", tmp_path / "patterns.jsonl", tmp_path / "synsets.json"
        )


def _first_match_by_scan(entry: VerbEntry, lemmas: set[str]) -> str | None:
    for pattern in entry.patterns:
        if pattern.matches(lemmas, {}, False):
            return pattern.text
    return None


def test_the_pattern_index_finds_what_a_full_scan_finds(verbs: VerbDictionary) -> None:
    """Every entry, asked with the words of each of its patterns (and a stray word), gives
    the pattern a scan of all its patterns in order would give."""
    checked = 0
    for entry in verbs:
        for pattern in entry.patterns[:40]:
            lemmas = {"yesterday"}
            for slot in (*pattern.subject, *pattern.object):
                lemmas.update(sorted(slot.words)[:1] or (slot.phrases[0] if slot.phrases else ()))
            found = verbs.match(entry.lemma, entry.particle, lemmas)
            expected = _first_match_by_scan(entry, lemmas)
            assert (found.pattern if found else None) == expected or (
                expected is None and found is not None and found.specificity == 0
            ), (entry.lemma, sorted(lemmas))
            checked += 1
    assert checked > 1000
