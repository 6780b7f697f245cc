"""A corpus of any size for scale runs: real news texts replicated with distinct edits.

    python bench/scale_corpus.py --data ../shared/bench --count 10000 --out corpus.jsonl

Bodies come from the benchmark folder's real articles (``summarization/cnndm``,
``stories/ecbplus_dev.jsonl``) and the sample pages shipped with blocwatch. Record ``i``
takes body ``i mod B`` and edits it so that no two records are the same text and no
replica is a syndicated copy of another: every figure is changed, years move with the
replica's cycle (so the lead's dates move too), sentences after the lead are shuffled
and one is dropped, and a closing line with a correspondent and a town is added. One
record in ten is a genuine copy (a wire text republished by another outlet a few hours
later, with a dateline and a cut tail), so copy detection has real work.

Records are dated ``--per-day`` a day from ``--start``, as a feed that grows over time:
a store of 100k articles spans years, the week a new batch lands in holds the same
number of articles at any store size. ``--first`` starts the numbering elsewhere, to
write "the next 100 articles" for a store of N. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

OUTLETS = [
    "Eurasia Ledger",
    "Capital Wire Review",
    "Steppe Observer",
    "Caspian Daily Post",
    "Northern Herald Online",
    "Global Affairs Digest",
    "Morning Brief Network",
    "Continental Times Web",
    "Frontier Report",
    "Harbour City News",
]
CORRESPONDENTS = ["Lena Vogt", "Arman Sadykov", "Priya Nair", "Tomas Kral", "Amina Diallo"]
TOWNS = ["Tbilisi", "Almaty", "Warsaw", "Ankara", "Nairobi", "Hanoi", "Lima", "Oslo"]
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def bodies(data: Path) -> list[str]:
    """Real article bodies: the CNN/DM articles, ECB+ reports and blocwatch's sample texts."""
    texts: list[str] = []
    for path in sorted((data / "summarization" / "cnndm").glob("*.json")):
        texts.append(json.loads(path.read_text(encoding="utf-8"))["article"])
    ecb = data / "stories" / "ecbplus_dev.jsonl"
    if ecb.is_file():
        for line in ecb.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                texts.append(re.sub(r" (?=[,.;:!?')])|(?<=[(]) |`` |''", "", text))
    sample = Path(__file__).resolve().parent.parent / "src" / "blocwatch" / "data" / "sample"
    for path in sorted(sample.glob("*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the sample's legacy-encoded pages test decoding, not scale
    kept = [t.strip() for t in texts if len(t.split()) >= 60]
    if not kept:
        raise SystemExit(f"no article bodies under {data}")
    return kept


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _edit(body: str, cycle: int, rng: random.Random) -> str:
    """A distinct replica: figures, years, sentence order, one sentence less, one more."""
    body = _YEAR.sub(lambda m: str(int(m.group()) + cycle), body)
    body = _NUMBER.sub(
        lambda m: m.group() if _YEAR.fullmatch(m.group()) else str(rng.randint(2, 990)), body
    )
    sentences = _sentences(body)
    lead, rest = sentences[:2], sentences[2:]
    rng.shuffle(rest)
    if len(rest) > 3:
        rest.pop(rng.randrange(len(rest)))
    closing = f"{rng.choice(CORRESPONDENTS)} contributed reporting from {rng.choice(TOWNS)}."
    return " ".join([*lead, *rest, closing])


def records(
    data: Path, count: int, *, first: int = 0, per_day: int = 50, seed: int = 17
) -> Iterator[dict[str, str]]:
    """Records ``first`` .. ``first + count - 1`` of the endless corpus."""
    texts = bodies(data)
    start = datetime(2020, 1, 1, 6, tzinfo=UTC)
    step = timedelta(days=1) / per_day
    recent: list[dict[str, str]] = []
    for number in range(first, first + count):
        rng = random.Random(f"{seed}:{number}")
        published = start + step * number
        if recent and number % 10 == 9:
            original = rng.choice(recent)
            sentences = _sentences(original["text"])
            kept = sentences[: max(3, len(sentences) * 2 // 3)]
            text = f"{rng.choice(TOWNS).upper()} (Wire) - " + " ".join(kept)
            title = original["title"]
            published += timedelta(hours=rng.randint(1, 6))
        else:
            cycle, index = divmod(number, len(texts))
            text = _edit(texts[index], cycle, rng)
            title = _sentences(text)[0][:120]
        record = {
            "id": f"scale-{number}",
            "title": title,
            "text": text,
            "outlet": OUTLETS[number % len(OUTLETS)],
            "published": published.isoformat(),
            "url": f"https://news.example.org/{number}",
        }
        recent = [*recent[-49:], record]
        yield record


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--per-day", type=int, default=50)
    parser.add_argument("--out", type=Path, help="a .jsonl file (default: standard output)")
    args = parser.parse_args()
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    for record in records(args.data, args.count, first=args.first, per_day=args.per_day):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.out:
        out.close()


if __name__ == "__main__":
    main()
