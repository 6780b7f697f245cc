"""PETRARCH2's verb dictionary alone as an event-type classifier, for reference.

    python bench/verbs.py --plover ../shared/bench/events/plover_gsr_dev.json

Each record's ``text`` is parsed with spaCy; its main verb (the root, or the first verb
under a non-verbal root) is looked up in :class:`~blocwatch.nlp.events.verbs.VerbDictionary`
and the CAMEO code is read as a PLOVER type. As in PETRARCH, a verb of saying (a 01 code,
which has no PLOVER type) or a verb without a code hands over to the verb of its clausal
complement ("X said it would send troops" is coded from "send"). Two systems, one JSON
line each:

``petrarch_verb_default``
    the verb's default code only;
``petrarch_verb_patterns``
    the most specific pattern that matches the verb's dependents (their subtrees'
    lemmas, prepositional objects attached to the verb or its object, passive voice).

A record the dictionary gives no type counts as wrong. ``majority_type`` is the most
frequent gold type. Nothing is fitted on these records, so the cross-validated figure is
the development figure (``"split": "cv"`` repeats it on five folds to make that visible).
A type confusion table goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from blocwatch.nlp.events.ontology import PLOVER_0_5_NAMES, cameo_type
from blocwatch.nlp.events.verbs import VerbDictionary
from blocwatch.nlp.syntax import DEFAULT_MODEL, load_model

_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "acl", "csubj"})


def main_verb(doc: Any) -> Any | None:
    """The sentence's root if it is a verb, else the first verb below it."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    root = roots[0]
    if root.pos_ in ("VERB", "AUX"):
        return root
    return next((t for t in root.subtree if t.pos_ == "VERB"), None)


def verb_context(verb: Any) -> tuple[str | None, set[str], dict[str, set[str]], bool]:
    """Particle, dependent lemmas, prepositional objects and voice of one verb."""
    particle = None
    lemmas: set[str] = set()
    preps: dict[str, set[str]] = {}
    passive = False
    for child in verb.children:
        if child.dep_ == "prt":
            particle = child.lemma_.lower()
        elif child.dep_ in ("auxpass", "nsubjpass"):
            passive = True
        if child.dep_ in _CLAUSES:
            continue
        if child.dep_ in ("prep", "agent"):
            preps.setdefault(child.lemma_.lower(), set()).update(
                t.lemma_.lower() for t in child.subtree if t is not child
            )
            continue
        for token in child.subtree:
            lemmas.add(token.lemma_.lower())
            if token.dep_ == "prep" and token.head.dep_ in ("dobj", "obj", "attr"):
                preps.setdefault(token.lemma_.lower(), set()).update(
                    t.lemma_.lower() for t in token.subtree if t is not token
                )
    return particle, lemmas, preps, passive


def code_of(
    verbs: VerbDictionary,
    lemma: str,
    particle: str | None,
    lemmas: Collection[str],
    preps: Mapping[str, Collection[str]],
    passive: bool,
    *,
    patterns: bool,
) -> str | None:
    if patterns:
        match = verbs.match(lemma, particle, lemmas, preps, passive)
        return match.cameo if match else None
    entry = verbs.lookup(lemma, particle) or verbs.lookup(lemma)
    return entry.code if entry else None


def classify(verbs: VerbDictionary, verb: Any, *, patterns: bool) -> str | None:
    """The PLOVER type of a verb, handing over to its complement's verb when it has none."""
    seen = 0
    while verb is not None and seen < 5:
        code = code_of(verbs, verb.lemma_.lower(), *verb_context(verb), patterns=patterns)
        kind = cameo_type(code) if code else None
        if kind is not None:
            return kind
        verb = next(
            (c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"),
            None,
        )
        seen += 1
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plover", type=Path, required=True)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    records = [
        r for r in json.loads(args.plover.read_text("utf-8")) if r.get("event") != "DOCUMENT"
    ]
    gold = [PLOVER_0_5_NAMES.get(r["event"], r["event"]) for r in records]
    started = time.process_time()
    verbs = VerbDictionary.default()
    nlp = load_model(args.model)
    load_s = time.process_time() - started
    started = time.process_time()
    main_verbs = [main_verb(doc) for doc in nlp.pipe(r["text"] for r in records)]
    parse_s = time.process_time() - started
    majority = Counter(gold).most_common(1)[0][0]
    for system, use_patterns in (
        ("petrarch_verb_default", False),
        ("petrarch_verb_patterns", True),
    ):
        predicted = [classify(verbs, verb, patterns=use_patterns) for verb in main_verbs]
        _report(system, gold, predicted)
        _confusion(system, gold, predicted)
    _report("majority_type", gold, [majority] * len(gold))
    print(
        json.dumps({"system": "timing", "load_s": round(load_s, 2), "parse_s": round(parse_s, 2)}),
        file=sys.stderr,
    )
    return 0


def _accuracy(gold: list[str], predicted: list[str | None]) -> float:
    return round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 3)


def _report(system: str, gold: list[str], predicted: list[str | None]) -> None:
    covered = [i for i, p in enumerate(predicted) if p is not None]
    folds = [
        _accuracy([gold[i] for i in fold], [predicted[i] for i in fold])
        for fold in (range(k, len(gold), 5) for k in range(5))
    ]
    base = {"system": system, "records": len(gold)}
    print(
        json.dumps(
            {
                **base,
                "split": "dev",
                "type_accuracy": _accuracy(gold, predicted),
                "coverage": round(len(covered) / len(gold), 3),
                "accuracy_when_typed": _accuracy(
                    [gold[i] for i in covered], [predicted[i] for i in covered]
                )
                if covered
                else None,
            }
        )
    )
    print(
        json.dumps(
            {**base, "split": "cv", "type_accuracy": round(sum(folds) / 5, 3), "folds": folds}
        )
    )


def _confusion(system: str, gold: list[str], predicted: list[str | None]) -> None:
    table = Counter(zip(gold, (p or "-" for p in predicted), strict=True))
    print(f"# {system}: gold -> predicted (count)", file=sys.stderr)
    for (g, p), n in sorted(table.items(), key=lambda item: (-item[1], item[0])):
        if g != p:
            print(f"#   {g} -> {p}: {n}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
