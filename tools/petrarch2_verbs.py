"""Read PETRARCH2's verb dictionary (``CAMEO.2.0.txt``) into syntax-friendly records.

PETRARCH2 matches its patterns against a constituency parse, word by word. blocwatch
matches against a dependency parse: a verb lemma, the lemmas of its dependents (subject,
object, particle, modifiers), and the objects of the prepositions attached to the verb or
its object. So every pattern becomes a set of *requirements*:

``subject`` / ``object``
    Slots of content words before / after the verb; each slot is a list of alternatives
    (a lemma, a multi-word phrase whose words must all be present, or ``&NAME``, a
    synonym set written out in ``synsets.json``).
``preps``
    Prepositional phrases: the preposition and the slots its object must fill.
``target_prep`` / ``source_prep``
    The preposition that introduces the target (``WITH +``) or the source (``FROM $``).
``subject_is_target``
    The pattern puts the target before the verb (``+ * ROCKET``).
``passive``
    The pattern is written for the passive (``BEEN * BY $``).

A pattern the dependency matcher cannot use is dropped and counted by reason: modality or
negation written into the pattern (the event coder reads those from the syntax), an
undefined synonym set, unbalanced brackets, no requirement beyond the verb itself, or a
source written after the verb without a preposition. PETRARCH2 gives several verbs of a
block the same patterns; where two patterns of a block ask for the same thing with
different codes, the one the dictionary's comment traces to this verb wins, else the later
one (PETRARCH2 itself keeps the later one).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERB_SECTION = "####### VERB PATTERNS #######"

# Words that a pattern may write before the verb but that are syntax, not content: the
# event coder reads modality, negation and tense from the parse.
_MODALITY = frozenset(
    [
        "WILL",
        "WOULD",
        "SHALL",
        "SHOULD",
        "CAN",
        "COULD",
        "MAY",
        "MIGHT",
        "MUST",
        "NOT",
        "NO",
        "NEVER",
        "HAS",
        "HAVE",
        "HAD",
        "DID",
        "DOES",
        "DO",
        "IS",
        "ARE",
        "AM",
        "WAS",
        "WERE",
        "BE",
        "BEING",
        "TO",
    ]
)
_PASSIVE_AUX = frozenset({"BEEN"})
_PREPOSITIONS = frozenset(
    [
        "ABOUT",
        "ABOVE",
        "ACROSS",
        "AFTER",
        "AGAINST",
        "ALONG",
        "AMONG",
        "AROUND",
        "AS",
        "AT",
        "BEFORE",
        "BEHIND",
        "BELOW",
        "BESIDE",
        "BETWEEN",
        "BEYOND",
        "BY",
        "DESPITE",
        "DURING",
        "FOR",
        "FROM",
        "IN",
        "INSIDE",
        "INTO",
        "NEAR",
        "OF",
        "ON",
        "ONTO",
        "OUTSIDE",
        "OVER",
        "PAST",
        "SINCE",
        "THROUGH",
        "THROUGHOUT",
        "TILL",
        "TO",
        "TOWARD",
        "TOWARDS",
        "UNDER",
        "UNTIL",
        "UPON",
        "VIA",
        "WITH",
        "WITHIN",
        "WITHOUT",
    ]
)
# Adverb particles of phrasal verbs: a dependency parse attaches them to the verb (``prt``),
# so "(ASIDE RIFT)" is the particle "aside" and the object "rift", not a phrase.
_PARTICLES = frozenset(["ASIDE", "AWAY", "BACK", "DOWN", "FORWARD", "OFF", "OUT", "UP"])
_ARTICLES = frozenset({"A", "AN", "THE"})
_BE_FORMS = frozenset({"IS", "WAS", "ARE", "BE", "WERE", "AM"})
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class Pattern:
    """One converted pattern (see the module docstring for the fields)."""

    code: str | None
    reversed_code: str | None
    subject: list[list[str]] = field(default_factory=list)
    object: list[list[str]] = field(default_factory=list)
    preps: list[dict[str, Any]] = field(default_factory=list)
    target_prep: str | None = None
    source_prep: str | None = None
    subject_is_target: bool = False
    passive: bool = False
    text: str = ""
    origin: str = ""

    def key(self) -> str:
        """What the pattern asks for, without its codes (to find conflicting duplicates)."""
        preps = sorted(f"{p['prep']}:{p['words']}" for p in self.preps)
        return repr(
            (
                self.subject,
                self.object,
                preps,
                self.target_prep,
                self.source_prep,
                self.subject_is_target,
                self.passive,
            )
        )

    def to_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"code": self.code}
        if self.reversed_code:
            item["reversed_code"] = self.reversed_code
        for name in ("subject", "object", "preps"):
            if getattr(self, name):
                item[name] = getattr(self, name)
        for name in ("target_prep", "source_prep"):
            if getattr(self, name):
                item[name] = getattr(self, name)
        if self.subject_is_target:
            item["subject_is_target"] = True
        if self.passive:
            item["passive"] = True
        item["text"] = self.text
        return item


class UnusablePatternError(ValueError):
    """A pattern the dependency matcher cannot use; the message is the reason."""


@dataclass
class Verb:
    lemma: str
    particle: str | None
    code: str | None
    """As written: ``042``, or ``042:043`` with the code of the reversed reading."""
    block: str
    forms: list[str]
    line: str


@dataclass
class VerbDictionarySource:
    """Everything read from ``CAMEO.2.0.txt``."""

    synsets: dict[str, list[str]]
    verbs: list[Verb]
    patterns: dict[str, list[Pattern]]
    stats: Counter[str]


# ---------------------------------------------------------------------- reading


def read_verb_dictionary(path: Path) -> VerbDictionarySource:
    """Synonym sets, verbs by block and converted patterns by block, with counts."""
    stats: Counter[str] = Counter()
    raw_synsets: dict[str, list[str]] = {}
    verbs: list[Verb] = []
    raw_patterns: dict[str, list[str]] = {}
    block, block_code = "", None
    in_verbs = False
    label = ""
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        if raw.startswith(VERB_SECTION):
            in_verbs = True
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                label = line.strip()
                raw_synsets[label] = []
            elif line.startswith("+") and label:
                raw_synsets[label].append(line.strip()[1:])
            continue
        if line.startswith("---"):
            block = line.strip("- ").split()[0]
            found = _CODE.search(line)
            block_code = found.group(1).strip().rstrip("!") if found else None
            stats["blocks"] += 1
        elif line.startswith("-"):
            raw_patterns.setdefault(block, []).append(raw)
            stats["patterns read"] += 1
        elif line.startswith("~"):
            stats["dropped: verb-verb transformations (the coder combines verbs from syntax)"] += 1
        else:
            verb = _read_verb(line, block, block_code)
            if verb is None:
                stats["dropped verbs: coordinated inflected forms (KILLED_AND)"] += 1
            else:
                verbs.append(verb)
    synsets = {name: _synset_members(name, members) for name, members in raw_synsets.items()}
    patterns: dict[str, list[Pattern]] = {}
    for name, lines in raw_patterns.items():
        for raw in lines:
            try:
                patterns.setdefault(name, []).append(convert_pattern(raw, synsets))
            except UnusablePatternError as reason:
                stats[f"dropped patterns: {reason}"] += 1
    return VerbDictionarySource(synsets, verbs, patterns, stats)


def _verb_code(text: str) -> str | None:
    code = text.strip().rstrip("!")
    return None if not code or code == "---" else code


def _read_verb(line: str, block: str, block_code: str | None) -> Verb | None:
    code = block_code
    found = _CODE.search(line)
    if found:
        code = found.group(1).strip().rstrip("!")
        line = line[: found.start()]
    head, _, forms_text = line.partition("{")
    primary = head.split()[0].lstrip("+")
    forms_text = forms_text.rstrip().rstrip("}")
    if "{" in line and not forms_text.strip() and primary.endswith(("ED", "_AND", "_OR")):
        return None  # "KILLED_AND {}": a past form glued to a conjunction
    lemma, particle = _split_phrasal(primary)
    forms = []
    for form in forms_text.replace(",", " ").split():
        word, _ = _split_phrasal(form.lstrip("+"))
        if word != lemma and word not in forms:
            forms.append(word)
    return Verb(lemma, particle, code, block, forms, line.strip())


def _split_phrasal(word: str) -> tuple[str, str | None]:
    """``CORDON_OFF`` → (cordon, off); ``WIRE_+TAP`` → (tap, wire); ``IS_DETERMINED`` →
    (be, determined)."""
    word = word.strip("_")
    if "_" not in word:
        return word.lower(), None
    before, plus, after = word.partition("+")
    if not plus:
        before, after = "", word
    parts = [p for p in after.split("_") if p]
    verb, rest = parts[0], parts[1:]
    extra = [p for p in before.split("_") if p] + rest
    lemma = "be" if verb in _BE_FORMS else verb.lower()
    return lemma, " ".join(extra).lower() or None


def _synset_members(name: str, members: list[str]) -> list[str]:
    """Lower-case members with their plurals (unless the label or member ends in ``_``)."""
    plurals = not name.endswith("_")
    out: list[str] = []
    for member in members:
        bare = member.rstrip("_")
        words = bare.replace("_", " ").lower().split()
        if not words:
            continue
        forms = [" ".join(words)]
        if plurals and not member.endswith("_") and not words[-1].endswith("s"):
            forms.append(" ".join([*words[:-1], plural(words[-1])]))
        for form in forms:
            if form not in out:
                out.append(form)
    return out


def plural(word: str) -> str:
    """PETRARCH's regular plural: +S, Y → IES, SS → SSES."""
    if word.endswith("ss"):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def singular(word: str) -> str:
    """A plain singular for pattern nouns written in the plural ("SANCTIONS", "RALLIES")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


# ---------------------------------------------------------------------- patterns


def convert_pattern(raw: str, synsets: dict[str, list[str]]) -> Pattern:
    """One ``- ...`` line as requirements on a dependency parse; raises
    :class:`UnusablePatternError` with the reason when the matcher cannot use it."""
    text, _, origin = raw.partition("#")
    codes = list(_CODE.finditer(text))
    if not codes:
        raise UnusablePatternError("no code")
    code_text = codes[-1].group(1).strip().rstrip("!")
    body = text[: codes[-1].start()].strip().lstrip("-")
    active, _, reverse = code_text.partition(":")
    pattern = Pattern(
        code=_verb_code(active),
        reversed_code=_verb_code(reverse),
        text=" ".join(raw.split()),
        origin=origin.strip().split()[0].upper() if origin.strip() else "",
    )
    if not re.fullmatch(r"\d{2,4}|---|", active) or (reverse and not reverse.isdigit()):
        raise UnusablePatternError("malformed code")
    tokens = _tokens(body)
    if tokens.count("*") != 1:
        raise UnusablePatternError("no single verb marker")
    for token in tokens:
        if token.startswith("&") and token not in synsets:
            raise UnusablePatternError("undefined synonym set")
    star = tokens.index("*")
    _read_side(tokens[:star], pattern, before=True)
    _read_side(tokens[star + 1 :], pattern, before=False)
    if not (pattern.subject or pattern.object or pattern.preps or pattern.passive):
        raise UnusablePatternError("no requirement beyond the verb")
    return pattern


def _tokens(body: str) -> list[str]:
    spaced = re.sub(r"([(){}])", r" \1 ", body)
    tokens = spaced.split()
    depth = {"(": 0, "{": 0}
    for token in tokens:
        if token in "({":
            depth[token] += 1
        elif token == ")":
            depth["("] -= 1
        elif token == "}":
            depth["{"] -= 1
        if min(depth.values()) < 0 or max(depth.values()) > 1:
            raise UnusablePatternError("unbalanced brackets")
    if any(depth.values()):
        raise UnusablePatternError("unbalanced brackets")
    return tokens


def _slot(word: str) -> list[str] | None:
    """The alternatives a pattern word accepts (``None`` for words that carry nothing)."""
    if word.startswith("&"):
        return [word]
    if word in _ARTICLES:
        return None
    lower = word.lower()
    alternatives = [lower]
    if singular(lower) != lower:
        alternatives.insert(0, singular(lower))
    return alternatives


def _read_side(tokens: list[str], pattern: Pattern, *, before: bool) -> None:
    """Fill ``pattern`` from the tokens on one side of the verb marker."""
    words = pattern.subject if before else pattern.object
    prep: dict[str, Any] | None = None  # the open prepositional phrase, if any
    first_in_parens = False
    for position, token in enumerate(tokens):
        upper = token.upper()
        if token in ("(", ")"):
            first_in_parens, prep = token == "(", None
            continue
        if token == "^" and prep is not None:
            prep["marked"] = True  # "(IN ^)": any object (a place), not the other party
            continue
        if token in ("{", "}", "^"):
            continue
        opens_phrase = first_in_parens or (
            upper in _PREPOSITIONS and _phrase_follows(tokens, position)
        )
        first_in_parens = False
        if opens_phrase and upper in _PARTICLES:
            words.append([upper.lower()])
            continue
        if opens_phrase and upper not in ("$", "+") and not upper.startswith("&"):
            prep = {"prep": upper.lower(), "words": []}
            pattern.preps.append(prep)
            continue
        if token == "+":
            _mark_target(pattern, prep, before=before)
        elif token == "$":
            _mark_source(pattern, prep, before=before)
        elif before and upper in _PASSIVE_AUX:
            pattern.passive = True
        elif before and upper in _MODALITY:
            raise UnusablePatternError("modality or negation before the verb")
        elif (slot := _slot(upper)) is not None:
            (prep["words"] if prep is not None else words).append(slot)
    reversed_only = pattern.code is None and pattern.reversed_code is not None
    for phrase in pattern.preps:
        if phrase.pop("marked", False) or phrase["words"] or phrase["prep"] == "by":
            continue
        # "(AGAINST)": the other party is the phrase's object, the target unless the
        # pattern only has a reversed code (then the subject is the target).
        if reversed_only and pattern.source_prep is None:
            pattern.source_prep = phrase["prep"]
        elif not reversed_only and pattern.target_prep is None:
            pattern.target_prep = phrase["prep"]
    if (
        pattern.passive
        and pattern.source_prep is None
        and any(p["prep"] == "by" for p in pattern.preps)
    ):
        pattern.source_prep = "by"


def _phrase_follows(tokens: list[str], position: int) -> bool:
    """Whether a bare preposition opens a phrase (something follows it on this side)."""
    return position + 1 < len(tokens) and tokens[position + 1] not in (")", "}")


def _mark_target(pattern: Pattern, prep: dict[str, Any] | None, *, before: bool) -> None:
    if prep is not None:
        pattern.target_prep = prep["prep"]
        prep["marked"] = True
    elif before:
        pattern.subject_is_target = True


def _mark_source(pattern: Pattern, prep: dict[str, Any] | None, *, before: bool) -> None:
    if prep is not None:
        pattern.source_prep = prep["prep"]
        prep["marked"] = True
    elif not before:
        raise UnusablePatternError("source after the verb without a preposition")


# ---------------------------------------------------------------------- verbs


def verb_records(source: VerbDictionarySource) -> tuple[list[dict[str, Any]], Counter[str]]:
    """One record per (lemma, particle): its default code, forms and pattern blocks."""
    stats: Counter[str] = Counter()
    merged: dict[tuple[str, str | None], dict[str, Any]] = {}
    for verb in source.verbs:
        key = (verb.lemma, verb.particle)
        record = merged.get(key)
        active, _, reverse = (verb.code or "").partition(":")
        code, reversed_code = _verb_code(active), _verb_code(reverse)
        if record is None:
            merged[key] = {
                "lemma": verb.lemma,
                "particle": verb.particle,
                "code": code,
                "reversed_code": reversed_code,
                "blocks": [verb.block],
                "forms": verb.forms,
            }
            continue
        stats["verbs listed in more than one block (merged)"] += 1
        if record["code"] is None and record["reversed_code"] is None:
            record["code"], record["reversed_code"] = code, reversed_code
        elif (code, reversed_code) not in ((None, None), (record["code"], record["reversed_code"])):
            stats["merged verbs whose second default code was ignored"] += 1
        if verb.block not in record["blocks"]:
            record["blocks"].append(verb.block)
        record["forms"] += [f for f in verb.forms if f not in record["forms"]]
    records = sorted(merged.values(), key=lambda r: (r["lemma"], r["particle"] or ""))
    for record in records:
        for optional in ("particle", "reversed_code"):
            if record[optional] is None:
                del record[optional]
        if not record["forms"]:
            del record["forms"]
    return records, stats


def pattern_records(source: VerbDictionarySource) -> tuple[list[dict[str, Any]], Counter[str]]:
    """One record per pattern and block, exact duplicates removed.

    Patterns that ask for the same thing with different codes are all kept, with the verb
    the dictionary's comment traces them to (``origin``): the loader prefers, for each
    verb, the one traced to that verb, else the later one.
    """
    stats: Counter[str] = Counter()
    records = []
    for block, patterns in source.patterns.items():
        seen: set[tuple[str, str | None, str | None]] = set()
        for pattern in patterns:
            identity = (pattern.key(), pattern.code, pattern.reversed_code)
            if identity in seen:
                stats["dropped patterns: exact duplicate in the same block"] += 1
                continue
            seen.add(identity)
            record = {"block": block, **pattern.to_json()}
            if pattern.origin:
                record["origin"] = pattern.origin.lower()
            records.append(record)
    return records, stats
