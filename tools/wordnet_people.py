"""Write the nouns whose commonest sense names a person, from WordNet 3.0.

    python tools/wordnet_people.py --src /usr/share/wordnet --out src/blocwatch/data/quotes

reads WordNet's ``index.noun`` and ``data.noun`` (Debian's ``wordnet-base`` package puts
them in ``/usr/share/wordnet``) and writes ``people_nouns_en.txt``: every one-word noun
whose first listed sense (WordNet lists senses by frequency in its tagged corpus) lies
under ``person.n.01`` by hyponymy, one per line, sorted; and ``LICENSE.wordnet`` beside it.
Instances (named people) are not followed. The quote finder reads the list as nouns that
describe who spoke ("critics", "a staffer") without naming one person. A noun whose first
sense is not a person ("pair", "report", "source") is left out, whatever its other senses.
The run is deterministic: the same WordNet gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

PERSON = "00007846"
"""The offset of ``person.n.01`` ("a human being") in WordNet 3.0's ``data.noun``."""

HEADER = """\
# Nouns whose commonest sense names a person (WordNet 3.0, hyponyms of person.n.01),
# written by tools/wordnet_people.py. WordNet 3.0 Copyright 2006 by Princeton University:
# see LICENSE.wordnet beside this file.
"""

NOTICE = """\
WordNet Release 3.0

This software and database is being provided to you, the LICENSEE, by Princeton
University under the following license. By obtaining, using and/or copying this software
and database, you agree that you have read, understood, and will comply with these terms
and conditions.:

Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that
you agree to comply with the following copyright notice and statements, including the
disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for
distribution.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR
FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database. Title to copyright in this
software, database and any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same.

(blocwatch ships only a derived word list: data/quotes/people_nouns_en.txt.)
"""


def hyponyms(data_noun: Path) -> dict[str, list[str]]:
    """Synset offset → offsets of its hyponyms (``~``; instance hyponyms ``~i`` left out)."""
    below: dict[str, list[str]] = {}
    for line in data_noun.read_text("utf-8").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        offset, words = fields[0], int(fields[3], 16)
        at = 4 + 2 * words
        count = int(fields[at])
        pointers = fields[at + 1 : at + 1 + 4 * count]
        below[offset] = [pointers[i + 1] for i in range(0, len(pointers), 4) if pointers[i] == "~"]
    return below


def people_synsets(below: dict[str, list[str]]) -> set[str]:
    found = {PERSON}
    stack = [PERSON]
    while stack:
        for child in below.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def people_nouns(index_noun: Path, people: set[str]) -> list[str]:
    """One-word lemmas whose first sense is a person."""
    nouns = []
    for line in index_noun.read_text("utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, senses = fields[0], int(fields[2])
        first = fields[-senses]
        if first in people and lemma.replace("-", "").isalpha() and "_" not in lemma:
            nouns.append(lemma)
    return sorted(nouns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    people = people_synsets(hyponyms(args.src / "data.noun"))
    nouns = people_nouns(args.src / "index.noun", people)
    (args.out / "people_nouns_en.txt").write_text(HEADER + "\n".join(nouns) + "\n", "utf-8")
    (args.out / "LICENSE.wordnet").write_text(NOTICE, "utf-8")
    print(json.dumps({"person_synsets": len(people), "nouns": len(nouns)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
