"""Cleaning on the hand-annotated seed pages: body kept, furniture gone, title, date, agency.

Usage::

    python bench/seeds_clean.py --corpus ../shared/corpus/seeds --gold ../shared/gold/seeds.json

Text matches are case-sensitive substrings after collapsing white space, as the gold file
says. Prints every miss, then one JSON line with the counts.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from blocwatch.clean import clean_html, clean_text
from blocwatch.errors import ExtractionError


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _same_date(found: datetime | None, gold: str | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    if "T" in gold:
        return found == datetime.fromisoformat(gold)
    return found.date().isoformat() == gold


def check(corpus: Path, gold: dict[str, Any]) -> dict[str, Any]:
    counts = dict.fromkeys(
        ("kept", "must_contain", "removed", "must_not_contain", "titles", "agencies", "dates"), 0
    )
    misses: list[str] = []
    started = time.perf_counter()
    for name, expected in gold["documents"].items():
        path = corpus / name
        raw = path.read_text(encoding="utf-8")
        try:
            result = (clean_html if path.suffix in {".html", ".htm"} else clean_text)(
                raw, source=name
            )
        except ExtractionError as error:
            misses.append(f"{name}: rejected: {error.reason}")
            continue
        body = _squash(result.text)
        for line in expected["clean"]["must_contain"]:
            counts["must_contain"] += 1
            if _squash(line) in body:
                counts["kept"] += 1
            else:
                misses.append(f"{name}: lost {line!r}")
        for line in expected["clean"]["must_not_contain"]:
            counts["must_not_contain"] += 1
            if _squash(line) in body:
                misses.append(f"{name}: kept furniture {line!r}")
            else:
                counts["removed"] += 1
        if result.title == expected["title"]:
            counts["titles"] += 1
        else:
            misses.append(f"{name}: title {result.title!r}, gold {expected['title']!r}")
        if sorted(result.origin_agency) == sorted(expected["origin_agency"]):
            counts["agencies"] += 1
        else:
            misses.append(
                f"{name}: agency {result.origin_agency}, gold {expected['origin_agency']}"
            )
        if _same_date(result.published_at, expected["published"]):
            counts["dates"] += 1
        else:
            shown = result.published_at.isoformat() if result.published_at else None
            gold_date = expected["published"]
            misses.append(
                f"{name}: published {shown} ({result.published_source}), gold {gold_date}"
            )
    counts["documents"] = len(gold["documents"])
    counts["seconds"] = round(time.perf_counter() - started, 3)
    return {"counts": counts, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    args = parser.parse_args()
    report = check(args.corpus, json.loads(args.gold.read_text(encoding="utf-8")))
    for miss in report["misses"]:
        print(f"MISS {miss}")
    print(json.dumps({"system": "blocwatch", **report["counts"]}))


if __name__ == "__main__":
    main()
