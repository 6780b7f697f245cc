"""Bytes to text, without assuming UTF-8 and without letting binary through.

News archives mix encodings (Windows-1252 pages from older CMSes, UTF-8 with a BOM,
HTML that declares one charset and uses another). We trust, in order: a byte-order mark,
strict UTF-8 (which almost never decodes non-UTF-8 text by accident), the charset an HTML
page declares, and finally charset-normalizer's statistical detection. Input that none of
them can read, or that carries NUL bytes, is refused as binary.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from blocwatch.errors import InputError
from blocwatch.model import MediaType, RawDocument

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_SNIFF_BYTES = 8192
# When the detector scores several encodings as equally clean (short texts often decode
# cleanly in many code pages), take the one most used on the web.
_WEB_PREFERENCE = (
    "cp1252",
    "cp1251",
    "gb18030",
    "shift_jis",
    "euc_kr",
    "big5",
    "cp1250",
    "cp1256",
    "iso8859_15",
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB: text in any 8-bit or UTF-8 encoding has none."""
    return b"\x00" in data[:_SNIFF_BYTES]


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(
    data: bytes, *, source: str, media_type: MediaType, declared: str | None = None
) -> str:
    """Decode ``data`` to text, or raise :class:`InputError` saying why it cannot be."""
    if not data.strip():
        raise InputError("empty input", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise InputError("binary content (NUL bytes), not text", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str | None] = [declared]
    if media_type is MediaType.HTML:
        candidates.append(_declared_charset(data))
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    detected = _detect(data)
    if detected is None:
        raise InputError("undecodable: not UTF-8 and no known encoding fits", source=source)
    return data.decode(detected, errors="replace")


def _detect(data: bytes) -> str | None:
    matches = list(charset_normalizer.from_bytes(data[: 1 << 20]))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    cleanest = {m.encoding for m in matches if m.chaos <= least_chaos + 0.01}
    for encoding in _WEB_PREFERENCE:
        if encoding in cleanest:
            return encoding
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    return best.encoding


def decode_document(doc: RawDocument) -> str:
    return decode_bytes(
        doc.content, source=doc.source, media_type=doc.media_type, declared=doc.encoding
    )
