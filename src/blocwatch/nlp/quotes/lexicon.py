"""The quote finder's language data, read from ``data/quotes/<language>.toml``.

Why a data file: cue verbs, cue nouns, role words and the words that can never be a
speaker are what a reviewer checks and a translator replaces; kept beside the algorithm
they can be read, extended and measured without reading the rules that use them.
The names below are the file's lists as frozen sets (the rules only ask membership).
"""

from __future__ import annotations

from typing import Any

from blocwatch.data import data_path, read_text, read_toml
from blocwatch.errors import ConfigError
from blocwatch.nlp.actors.agents import AgentDictionary


def load(language: str = "en") -> dict[str, Any]:
    """The parsed data file for ``language``; a clear error when it is missing or broken."""
    return read_toml(f"quotes/{language}.toml")


def _words(section: str, key: str) -> frozenset[str]:
    """A list of the English file as a set; an error naming the file and the key when the
    file lacks it (the module's lists are read when it is imported)."""
    try:
        return frozenset(load()[section][key])
    except KeyError as exc:
        raise ConfigError(f"missing [{section}] {key}", source=data_path("quotes/en.toml")) from exc


IRREGULAR: dict[str, tuple[str, ...]] = {
    lemma: tuple(forms) for lemma, forms in load()["cue_verbs"]["irregular"].items()
}
DOUBLED: dict[str, str] = dict(load()["cue_verbs"]["doubled"])
PARTICLES: dict[str, frozenset[str]] = {
    particle: frozenset(verbs) for particle, verbs in load()["cue_verbs"]["particles"].items()
}
REGULAR = _words("cue_verbs", "regular")
PHRASAL = _words("cue_verbs", "phrasal")
OBJECT_FIRST = _words("cue_verbs", "object_first")
NEEDS_PARTICLE = _words("cue_verbs", "needs_particle")
QUOTE_ONLY = _words("cue_verbs", "quote_only")
NEEDS_CLAUSE = _words("cue_verbs", "needs_clause")
NOUN_LIKE = _words("cue_verbs", "noun_like")
CLAUSE_VERBS = _words("cue_verbs", "clause_verbs")
INVERTING = _words("cue_verbs", "inverting")
TAKES_INFINITIVE = _words("cue_verbs", "takes_infinitive")
IRREGULAR_PAST = _words("cue_verbs", "irregular_past")
CUE_NOUNS = _words("cue_nouns", "nouns")
CUE_NOUN_MODIFIERS = _words("cue_nouns", "modifiers")
NOUN_OF = _words("cue_nouns", "with_of")
PRONOUNS = _words("words", "pronouns")
SUBJECT_PRONOUNS = _words("words", "subject_pronouns")
DETERMINERS = _words("words", "determiners")
STOP_BACK = _words("words", "stop_back")
STOP_FORWARD = _words("words", "stop_forward")
NOUN_PHRASE_JOINS = _words("words", "noun_phrase_joins")
PAST_VERBS = _words("words", "past_verbs")
TIME_NOUNS = _words("words", "time_nouns")
TIME_TAIL = _words("words", "time_tail")
APPOSITION_OPENERS = _words("words", "apposition_openers")
NOT_SOURCE_OPENERS = _words("words", "not_source_openers")
SENTENCE_ADVERBS = _words("words", "sentence_adverbs")
TITLES = _words("words", "titles")
WH_WORDS = _words("words", "wh_words")
NOT_CONTENT = _words("words", "not_content")
SUBORDINATORS = _words("words", "subordinators")
CLAUSE_OPENERS = _words("words", "clause_openers")
COMMON_CAPITALISED = _words("words", "common_capitalised")
EVIDENCE_NOUNS = _words("sources", "evidence_nouns")
AGENT_NOUNS = _words("sources", "agent_nouns")
ROLE_WORDS = _words("sources", "role_words")
INSTITUTION_HEADS = _words("sources", "institution_heads")
NOT_SPEAKERS = _words("sources", "not_speakers")
ROLE_NOUNS = _words("speakers", "role_nouns")
INSTITUTION_NOUNS = _words("speakers", "institution_nouns")


def _people_nouns() -> frozenset[str]:
    """Nouns naming people by what they are or do ("residents", "critics", "a staffer"):
    every form of the Phoenix agent nouns (``data/actors/agents.json``) and the nouns whose
    commonest WordNet sense is a person (``data/quotes/people_nouns_en.txt``). Both are
    general lists, not written for any text the quote finder was measured on."""
    wordnet = (w.strip() for w in read_text("quotes/people_nouns_en.txt").splitlines())
    phoenix = (form for agent in AgentDictionary.default() for form in agent.forms)
    return frozenset(w for w in wordnet if w and not w.startswith("#")) | frozenset(phoenix)


PEOPLE_NOUNS = _people_nouns()
PERSON_PRONOUNS = _words("speakers", "person_pronouns")
ORGANISATION_PRONOUNS = _words("speakers", "organisation_pronouns")
GROUP_PRONOUNS = _words("speakers", "group_pronouns")
ENTITY_TYPES = _words("speakers", "entity_types")
