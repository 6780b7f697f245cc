"""Readers for local input: files, directories, globs, standard input, JSON lines.

Each reader yields :class:`RawDocument` or, for input it cannot use, a
:class:`Rejection` naming the input and the reason: a bad file is reported, never fatal.
Sizes are checked before anything is read (``stat`` for files, a bounded read for gzip
and standard input), so a 200 MB file costs nothing but its refusal.
"""

from __future__ import annotations

import glob
import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from blocwatch.errors import InputError
from blocwatch.ingest.decode import looks_binary, wide_encoding
from blocwatch.ingest.feeds import looks_like_feed, read_feed
from blocwatch.ingest.jsonl import iter_jsonl
from blocwatch.ingest.urls import UrlFetcher, is_url
from blocwatch.model import MediaType, RawDocument, Rejection

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""A news page is rarely over 2 MB; 10 MB leaves room for bloated HTML."""

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest single document (a file, a decompressed file, or one JSON lines record)."""


def _kind_of(path: Path) -> tuple[str, bool]:
    """The reader a file needs (html, text, jsonl or warc) and whether it is gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in _HTML_SUFFIXES:
        return "html", gzipped
    if last in _JSONL_SUFFIXES:
        return "jsonl", gzipped
    if last in {".warc", ".arc"}:
        return "warc", gzipped
    if last in {".xml", ".rss", ".atom"}:
        return "feed", gzipped
    if last in _TEXT_SUFFIXES or last not in {".json"}:
        return "text", gzipped
    return "unknown", gzipped


def _read_bounded(stream: BinaryIO | gzip.GzipFile, limit: int, source: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"too large: more than {limit:,} bytes", source=source)
    return data


def _read_file(path: Path, gzipped: bool, limits: ReadLimits) -> bytes:
    source = str(path)
    if not gzipped:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise InputError(
                f"too large: {size:,} bytes (limit {limits.max_bytes:,})", source=source
            )
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            return _read_bounded(stream, limits.max_bytes, source)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"broken gzip: {exc}", source=source) from exc


def _sniff_media_type(data: bytes) -> MediaType:
    wide = wide_encoding(data)
    if wide is not None:
        data = data[:8192].decode(wide, errors="ignore").encode("utf-8")
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return MediaType.HTML
    return MediaType.TEXT


def read_path(path: Path, limits: ReadLimits | None = None) -> Iterator[RawDocument | Rejection]:
    """Documents from one file: one for a page, one per line for JSON lines, per record for WARC."""
    limits = limits or ReadLimits()
    source = str(path)
    kind, gzipped = _kind_of(path)
    try:
        if kind == "jsonl":
            yield from read_jsonl(path, limits)
            return
        if kind == "warc":
            from blocwatch.ingest.warc import read_warc

            yield from read_warc(path, limits)
            return
        if kind == "unknown":
            raise InputError(f"unsupported file type {path.suffix!r}", source=source)
        data = _read_file(path, gzipped, limits)
        if looks_binary(data):
            raise InputError("binary content (NUL bytes), not text or HTML", source=source)
        if not data.strip():
            raise InputError("empty file", source=source)
        if kind == "feed" or looks_like_feed(data):
            yield from read_feed(data, source)
            return
        media_type = MediaType.HTML if kind == "html" else _sniff_media_type(data)
        yield RawDocument(source=source, content=data, media_type=media_type)
    except InputError as exc:
        yield Rejection(source=source, step="read", reason=exc.reason)
    except OSError as exc:
        yield Rejection(source=source, step="read", reason=f"cannot read: {exc.strerror or exc}")


def read_jsonl(path: Path, limits: ReadLimits | None = None) -> Iterator[RawDocument | Rejection]:
    """One document per line; a bad line is rejected with its line number, the rest go on."""
    limits = limits or ReadLimits()
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as stream:
            yield from iter_jsonl(stream, str(path), limits.max_bytes)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Rejection(str(path), "read", f"broken gzip: {exc}")


def read_stdin(
    stream: BinaryIO, limits: ReadLimits | None = None, *, jsonl: bool = False
) -> Iterator[RawDocument | Rejection]:
    """Standard input: JSON lines when asked, else one document (HTML sniffed from its start)."""
    limits = limits or ReadLimits()
    if jsonl:
        yield from iter_jsonl(stream, "-", limits.max_bytes)
        return
    try:
        data = _read_bounded(stream, limits.max_bytes, "-")
        if looks_binary(data):
            raise InputError("binary content (NUL bytes), not text or HTML", source="-")
        if not data.strip():
            raise InputError("empty input", source="-")
        yield RawDocument(source="-", content=data, media_type=_sniff_media_type(data))
    except InputError as exc:
        yield Rejection("-", "read", exc.reason)


def _inside(child: Path, root: Path) -> bool:
    """Whether ``child``, its symlinks followed, still lies under ``root`` (resolved)."""
    try:
        return child.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _walk(folder: Path, follow_symlinks: bool) -> Iterator[Path | Rejection]:
    """The files under ``folder``, sorted; a symlink leading out of it is reported, not
    followed (a link to /etc/passwd in a downloaded corpus must not become an article)."""
    root = folder.resolve()
    for child in sorted(folder.rglob("*")):
        if child.name in _SKIP_NAMES or any(
            part.startswith(".") for part in child.relative_to(folder).parts
        ):
            continue
        if not follow_symlinks and child.is_symlink() and not _inside(child, root):
            yield Rejection(
                str(child),
                "read",
                "symlink to a file outside the folder given: not followed "
                "(--follow-symlinks follows it)",
            )
        elif child.is_file():
            yield child


def expand_inputs(
    inputs: Iterable[str], *, follow_symlinks: bool = False
) -> Iterator[Path | str | Rejection]:
    """Files named by paths, directories (recursive, sorted) and glob patterns; URLs as they are.

    A file or folder named on the command line is read even when it is a symlink; inside
    a folder, symlinks are followed only to files within it unless ``follow_symlinks``.
    """
    for item in inputs:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from _walk(path, follow_symlinks)
        elif path.is_file():
            yield path
        elif any(ch in item for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(item, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield Rejection(item, "read", "no file matches this pattern")
            yield from files
        else:
            yield Rejection(item, "read", "no such file or directory")


def read_inputs(
    inputs: Iterable[str],
    limits: ReadLimits | None = None,
    *,
    fetcher: UrlFetcher | None = None,
    follow_symlinks: bool = False,
) -> Iterator[RawDocument | Rejection]:
    """Documents from paths, directories, globs and URLs (fetched with ``fetcher``)."""
    limits = limits or ReadLimits()
    for entry in expand_inputs(inputs, follow_symlinks=follow_symlinks):
        if isinstance(entry, Rejection):
            yield entry
        elif isinstance(entry, str):
            yield from (fetcher or UrlFetcher(max_bytes=limits.max_bytes)).read(entry)
        else:
            yield from read_path(entry, limits)
