"""WARC archives (web crawls, e.g. Common Crawl's news set): one document per HTML response.

warcio does the parsing. Only successful HTML responses (and ``resource`` records of HTML)
are documents; requests, metadata, redirects and other media are skipped silently, as a
crawl is full of them. A record too large or broken is rejected by its offset in the file.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from blocwatch.ingest.decode import looks_binary
from blocwatch.model import MediaType, RawDocument, Rejection


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def _has_archive_magic(path: Path) -> bool:
    # warcio reads almost any text as a one-record ARC file, so look at the first bytes.
    try:
        with path.open("rb") as raw:
            head = raw.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as stream:
            start = stream.read(16)
    except (OSError, EOFError):
        return False
    return start.startswith((b"WARC/", b"filedesc://"))


def read_warc(path: Path, limits: Any) -> Iterator[RawDocument | Rejection]:
    """HTML documents from a WARC or WARC.gz file, with their target URL and crawl date."""
    if not _has_archive_magic(path):
        yield Rejection(
            str(path),
            "read",
            "not a readable WARC archive: it does not start with a WARC or ARC header",
        )
        return
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        seen = 0
        try:
            for record in records:
                seen += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                if record.rec_type == "response":
                    if (
                        record.http_headers is None
                        or not record.http_headers.get_statuscode().startswith("2")
                    ):
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                body = record.content_stream().read(limits.max_bytes + 1)
                # Asking for the offset finishes the record, so only after its body is read.
                source = f"{path}@{records.get_record_offset()}"
                if len(body) > limits.max_bytes:
                    yield Rejection(
                        source, "read", f"record too large: more than {limits.max_bytes:,} bytes"
                    )
                    continue
                if not body.strip() or looks_binary(body):
                    yield Rejection(source, "read", "empty or binary response body")
                    continue
                yield RawDocument(
                    source=source,
                    content=body,
                    media_type=MediaType.HTML,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    encoding=_charset(content_type),
                )
        except ArchiveLoadFailed as exc:
            yield Rejection(str(path), "read", f"not a readable WARC archive: {exc}")
            return
        if not seen:
            yield Rejection(str(path), "read", "not a readable WARC archive: no records found")
