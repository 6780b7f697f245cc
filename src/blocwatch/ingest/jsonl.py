"""JSON lines: one article per line, read with bounded memory, one bad line costing one line.

A line is read with ``readline(limit)``, so a 1 GiB line (a few MB of gzip) costs at most
the limit in memory: the rest of it is skipped in small pieces and the record refused.
Inside a record, a bad optional field (a ``published`` that is no date, a ``title`` that
is a number) is dropped with a warning and the article kept; text is made safe for every
database (lone surrogates, NUL) before anything else sees it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

from blocwatch.clean.dates import claimed_date
from blocwatch.errors import InputError
from blocwatch.model import MediaType, RawDocument, Rejection
from blocwatch.sanitize import safe_text

_SKIP_CHUNK = 1 << 16
_TEXT_FIELDS = ("url", "title", "outlet")
_DATE_FIELDS = ("published", "published_at", "date")


class LineSource(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def bounded_lines(stream: LineSource, limit: int) -> Iterator[bytes | int]:
    """Each line of ``stream`` (with its newline), or, for a line longer than ``limit``
    bytes, its length: the line is read past in small pieces and never held whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        del line
        while True:
            rest = stream.readline(_SKIP_CHUNK)
            length += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield length


def _text_field(record: dict[str, Any], name: str, warnings: list[str]) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        warnings.append(f"{name} is a {type(value).__name__}, not text: dropped")
        return None
    return safe_text(value).strip() or None


def _date_field(record: dict[str, Any], warnings: list[str]) -> str | None:
    for name in _DATE_FIELDS:
        value = record.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            warnings.append(f"{name} {value!r} is not an ISO 8601 date: dropped")
            return None
        try:
            claimed_date(value)
        except ValueError as exc:
            shown = safe_text(value)[:60]
            warnings.append(f"{name} {shown!r} is not an ISO 8601 date ({exc}): dropped")
            return None
        return value.strip()
    return None


def jsonl_record(line: bytes, source: str) -> RawDocument:
    """One record as a raw document, or InputError when it holds no article at all."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(f"not valid JSON: {reason}", source=source) from None
    if not isinstance(record, dict):
        raise InputError("a JSON lines record must be an object", source=source)
    html, text = record.get("html"), record.get("text")
    is_html = isinstance(html, str) and bool(html.strip())
    body = html if is_html else text
    if not isinstance(body, str) or not body.strip():
        raise InputError("record has neither 'text' nor 'html'", source=source)
    warnings: list[str] = []
    fields = {name: _text_field(record, name, warnings) for name in _TEXT_FIELDS}
    return RawDocument(
        source=source,
        content=safe_text(body).encode("utf-8"),
        media_type=MediaType.HTML if is_html else MediaType.TEXT,
        url=fields["url"],
        title=fields["title"],
        outlet=fields["outlet"],
        published=_date_field(record, warnings),
        encoding="utf-8",
        warnings=tuple(warnings),
    )


def iter_jsonl(stream: LineSource, name: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """One document per line; a bad line is rejected with its line number, the rest go on."""
    for number, line in enumerate(bounded_lines(stream, max_bytes), start=1):
        source = f"{name}:{number}"
        if isinstance(line, int):
            yield Rejection(
                source, "read", f"record too large: {line:,} bytes (limit {max_bytes:,})"
            )
            continue
        if not line.strip():
            continue
        try:
            yield jsonl_record(line, source)
        except InputError as exc:
            yield Rejection(source, "read", exc.reason)
