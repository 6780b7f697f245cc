"""Write the hostile-input corpus: every case issue 16 found, and the ones that already held.

    python tests/hostile/make_corpus.py OUT_DIR [--big-line-mib 256] [--empty-lines 200000]

``OUT_DIR/mixed/`` is one folder ingested in one run (valid articles with odd encodings or
fields, and inputs that must be refused with a reason); ``OUT_DIR/big-line.jsonl.gz`` and
``OUT_DIR/empty-records.jsonl.gz`` are the memory cases, ingested alone. ``cases.json``
says, for each input, whether it must be stored (and how many articles) or refused (and
a piece of the reason). The texts are written for this corpus.
"""

from __future__ import annotations

import argparse
import gzip
import json
import zlib
from pathlib import Path

PROSE = (
    "Foreign ministers of {a} and {b} met in Vienna on Monday to discuss transit routes and "
    "the reopening of border crossings, officials said after the talks. The delegations "
    "agreed to set up a working group that will report back within three months, and said "
    "the next round would take place in {a} before the end of the year."
)


def prose(a: str, b: str) -> str:
    return PROSE.format(a=a, b=b)


def page(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<p>{body}</p><p>{prose('Serbia', 'Hungary')}</p></body></html>"
    )


def _stored(
    cases: dict[str, dict[str, object]], name: str, articles: int = 1, **more: object
) -> None:
    cases[name] = {"expect": "stored", "articles": articles, **more}


def _refused(cases: dict[str, dict[str, object]], name: str, reason: str) -> None:
    cases[name] = {"expect": "refused", "reason": reason}


def write_mixed(folder: Path, outside: Path) -> dict[str, dict[str, object]]:
    """One folder of small cases; returns what must happen to each file."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, dict[str, object]] = {}
    _write_encodings(folder, cases)
    _write_deep_pages(folder, cases)
    _write_odd_records(folder, cases)
    _write_unreadable(folder, cases)
    _write_hostile_xml(folder, cases)
    _write_escaping_link(folder, cases, outside)
    return cases


def _write_encodings(folder: Path, cases: dict[str, dict[str, object]]) -> None:
    """Articles as text and HTML, and in UTF-16 and UTF-32 with and without a byte-order
    mark: all stored."""
    (folder / "plain.txt").write_text(f"Talks in Vienna\n\n{prose('Armenia', 'Georgia')}\n")
    _stored(cases, "plain.txt")
    (folder / "page.html").write_text(page("Ministers meet in Vienna", prose("Moldova", "Romania")))
    _stored(cases, "page.html")

    for name, encoding in [
        ("utf16-bom.html", "utf-16"),
        ("utf16le-no-bom.html", "utf-16-le"),
        ("utf16be-no-bom.txt", "utf-16-be"),
        ("utf32-bom.txt", "utf-32"),
    ]:
        text = (
            page("Ministers meet — «again»", prose("Kazakhstan", "Uzbekistan"))
            if name.endswith(".html")
            else f"Ministers meet — «again»\n\n{prose('Kyrgyzstan', 'Tajikistan')}\n"
        )
        (folder / name).write_bytes(text.encode(encoding))
        _stored(cases, name)


def _write_deep_pages(folder: Path, cases: dict[str, dict[str, object]]) -> None:
    """Nesting deeper than the parser's limit: stored when the text survives, refused
    with the reason when nothing does."""
    depth = 600
    (folder / "deep-nesting.html").write_text(
        "<html><head><title>Deep page</title></head><body>"
        + "<div>" * depth
        + f"<p>{prose('Belarus', 'Lithuania')}</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    _stored(cases, "deep-nesting.html")
    (folder / "deep-nothing.html").write_text(
        "<html><body>" + "<div>" * 400 + "<p>Subscribe</p>" + "</div>" * 400 + "</body></html>"
    )
    _refused(cases, "deep-nothing.html", "deeper than the HTML parser reads")


def _write_odd_records(folder: Path, cases: dict[str, dict[str, object]]) -> None:
    """JSON lines with lone surrogates, NUL characters, impossible dates and fields of the
    wrong type (stored, with a warning for each field dropped), and lines that are
    not records at all (refused one by one, the good line kept)."""
    records = [
        {"text": prose("Armenia", "Iran") + " \ud800"},
        {"text": prose("Georgia", "Turkey"), "title": "Talks \udc00 in Vienna"},
        {"text": prose("Moldova", "Ukraine"), "title": "Transit\u0000 talks"},
        {"text": prose("Ukraine", "Poland") + "\u0000"},
        {"text": prose("Kazakhstan", "China"), "published": "not a date"},
        {"text": prose("Serbia", "Croatia"), "published": "9999-99-99"},
        {"text": prose("Hungary", "Slovakia"), "published": "2022-02-30"},
        {"text": prose("Austria", "Slovenia"), "published": 1650000000},
        {"text": prose("Greece", "Cyprus"), "published": "2022-05-12T10:00:00+25:00"},
        {"text": prose("Latvia", "Estonia"), "title": {"main": "Baltic talks"}},
        {"text": prose("Finland", "Sweden"), "url": " JaVaScRiPt:alert(1)"},
        {"text": "\n\n".join([prose("Norway", "Denmark")] * 2 + ["Ministers before the talks"])},
    ]
    (folder / "odd-records.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="ascii"
    )
    _stored(cases, "odd-records.jsonl", articles=len(records), warnings=6)
    (folder / "bad-lines.jsonl").write_text(
        '{"text": "' + prose("Chile", "Peru") + '"}\n{not json}\n[1, 2]\n{"title": "no body"}\n'
    )
    cases["bad-lines.jsonl"] = {
        "expect": "mixed",
        "articles": 1,
        "reasons": ["not valid JSON", "must be an object", "neither 'text' nor 'html'"],
    }


def _write_unreadable(folder: Path, cases: dict[str, dict[str, object]]) -> None:
    """Inputs with no article to read: empty, binary, too large, and a gzip bomb."""
    (folder / "empty.txt").write_text("")
    _refused(cases, "empty.txt", "empty")
    (folder / "image.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    )
    _refused(cases, "image.txt", "binary content")
    (folder / "too-big.txt").write_text("word " * 300_000)
    _refused(cases, "too-big.txt", "too large")
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    with (folder / "bomb.html.gz").open("wb") as out:
        out.write(bomb.compress(b"<html><body><p>"))
        for _ in range(64):
            out.write(bomb.compress(b"A" * (1 << 20)))
        out.write(bomb.flush())
    _refused(cases, "bomb.html.gz", "too large")


def _write_hostile_xml(folder: Path, cases: dict[str, dict[str, object]]) -> None:
    """Feeds declaring entities (billion laughs, an external file): refused, never
    expanded."""
    (folder / "laughs.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<rss><channel><item><title>&lol2;</title></item></channel></rss>"
    )
    _refused(cases, "laughs.xml", "entit")
    (folder / "xxe.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><title>&x;</title></item></channel></rss>"
    )
    _refused(cases, "xxe.xml", "entit")


def _write_escaping_link(folder: Path, cases: dict[str, dict[str, object]], outside: Path) -> None:
    """A symlink from inside the folder to a file outside it: refused unless asked for."""
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n" * 40)
    link = folder / "passwd.txt"
    if not link.is_symlink():
        link.symlink_to(outside)
    _refused(cases, "passwd.txt", "outside the folder")


def write_big_line(path: Path, mib: int) -> None:
    """One JSON lines record of ``mib`` MiB: a few hundred KB of gzip."""
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'{"text": "')
        block = b"a" * (1 << 20)
        for _ in range(mib):
            out.write(block)
        out.write(b'"}\n')
        out.write(json.dumps({"text": prose("Japan", "Korea")}).encode() + b"\n")


def write_empty_records(path: Path, count: int) -> None:
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(b"{}\n" * count)
        out.write(json.dumps({"text": prose("Brazil", "Argentina")}).encode() + b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--big-line-mib", type=int, default=256)
    parser.add_argument("--empty-lines", type=int, default=200_000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cases = write_mixed(args.out / "mixed", args.out / "outside-secret.txt")
    write_big_line(args.out / "big-line.jsonl.gz", args.big_line_mib)
    write_empty_records(args.out / "empty-records.jsonl.gz", args.empty_lines)
    manifest = {
        "mixed": cases,
        "big-line.jsonl.gz": {
            "mib": args.big_line_mib,
            "articles": 1,
            "reason": "record too large",
        },
        "empty-records.jsonl.gz": {"lines": args.empty_lines, "articles": 1},
    }
    (args.out / "cases.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
