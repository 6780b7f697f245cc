"""How many documents an ingest will read, counted before it starts where that is cheap.

A progress bar with a total can show an ETA. A page file is one document and a JSON-lines
file one per line (counted by reading bytes, not parsing); WARC files and feeds
would have to be read to be counted, so when any input is one of those the total is
unknown (``None``) and the bar counts up instead.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

_PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".xhtml"})
_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_CHUNK = 1 << 20


def _lines(path: Path, compressed: bool) -> int:
    opener = gzip.open if compressed else open
    count, last = 0, b"\n"
    with opener(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def count_documents(inputs: Iterable[object]) -> int | None:
    """The number of documents in ``inputs`` (paths, URLs, or inputs already refused, which
    count one each as they are reported), or None when some cannot be counted cheaply."""
    total = 0
    for item in inputs:
        if isinstance(item, str):
            return None  # a URL: a page or a feed, known only once fetched
        if not isinstance(item, Path):
            total += 1
            continue
        suffixes = [s.lower() for s in item.suffixes[-2:]]
        compressed = bool(suffixes) and suffixes[-1] == ".gz"
        suffix = suffixes[-2] if compressed and len(suffixes) == 2 else (suffixes or [""])[-1]
        if suffix in _PAGE_SUFFIXES:
            total += 1
        elif suffix in _LINES_SUFFIXES:
            try:
                total += _lines(item, compressed)
            except OSError:
                return None
        else:
            return None
    return total
