"""Dates on the seed pages: is every gold date found and normalised to its gold value?

Usage: ``python bench/dates.py --seeds ../shared/corpus/seeds --gold ../shared/gold/seeds.json``

Runs on the raw page text (furniture included, since cleaning is a separate stage) with
the publication date taken from the gold file (cleaning finds it in production). A gold
entry is found when an expression with the same text (white space collapsed) has the
gold value. Prints one line per gold entry, the expressions nobody asked about, and a
JSON summary line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime
from pathlib import Path

from blocwatch.nlp.dates import extract_times
from blocwatch.nlp.sentences import split_sentences


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["documents"]
    found = total = extra = expressions = 0
    elapsed = 0.0
    for name, doc in sorted(gold.items()):
        text = (args.seeds / name).read_text(encoding="utf-8")
        published = doc.get("published")
        anchor = datetime.fromisoformat(published) if published else None
        began = time.perf_counter()
        times = extract_times(name, text, split_sentences(text), anchor)
        elapsed += time.perf_counter() - began
        expressions += len(times)
        print(f"# {name} (anchor {published})")
        matched: set[int] = set()
        for entry in doc.get("dates", []):
            total += 1
            same_text = [t for t in times if _collapse(t.text) == _collapse(entry["text"])]
            right = [t for t in same_text if t.value == entry["value"]]
            if right:
                found += 1
                matched.update(id(t) for t in right)
                print(f"  found   {entry['text']!r} = {entry['value']} ({right[0].anchor})")
            elif same_text:
                values = ", ".join(str(t.value) for t in same_text)
                print(f"  MISSED  {entry['text']!r}: wrong value {values}, gold {entry['value']}")
            else:
                print(f"  MISSED  {entry['text']!r}: not recognised")
        for t in times:
            if id(t) not in matched:
                extra += 1
                print(f"  other   {t.text!r} = {t.value} [{t.precision}] ({t.anchor})")
    summary = {
        "system": "blocwatch",
        "found": found,
        "total": total,
        "recall": round(found / total, 3) if total else 1.0,
        "other_expressions": extra,
        "expressions_per_s": round(expressions / elapsed) if elapsed else None,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
