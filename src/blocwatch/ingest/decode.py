"""Bytes to text, without assuming UTF-8 and without letting binary through.

News archives mix encodings (Windows-1252 pages from older CMSes, UTF-8 with a BOM,
HTML that declares one charset and uses another). We trust, in order: a byte-order mark,
strict UTF-8 (which almost never decodes non-UTF-8 text by accident), the charset an HTML
page declares, and finally charset-normalizer's statistical detection. UTF-16 and UTF-32
are told by their BOM or, without one, by where their NUL bytes fall (ASCII-range text in
UTF-16LE has a NUL at every odd byte); only then is input with NUL bytes refused as binary.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from blocwatch.errors import InputError
from blocwatch.model import MediaType, RawDocument
from blocwatch.sanitize import safe_text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    # UTF-32LE's BOM begins with UTF-16LE's, so the longer marks are tried first.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE_NUL_SHARE = 0.7
"""Share of code units whose high bytes must be NUL to read BOM-less text as UTF-16/32."""
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


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (with the byte order) when ``data`` has their BOM or NUL pattern.

    Without a BOM, text whose characters mostly lie below U+0100 (Latin scripts, markup,
    digits) puts NUL in the same byte of nearly every 2- or 4-byte unit; binary formats do
    not keep such a rhythm. The guess must also decode cleanly.
    """
    for bom, encoding in _BOMS[1:]:
        if data.startswith(bom):
            return encoding
    head = data[:_SNIFF_BYTES]
    if b"\x00" not in head or len(head) < 4:
        return None
    for width, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        units = len(head) // width
        if units < 2:
            continue
        low_first = sum(
            1 for i in range(units) if head[i * width + 1 : (i + 1) * width].count(0) == width - 1
        )
        high_first = sum(
            1 for i in range(units) if head[i * width : (i + 1) * width - 1].count(0) == width - 1
        )
        for count, name in ((low_first, names[0]), (high_first, names[1])):
            if count >= _WIDE_NUL_SHARE * units and _decodes(data[: units * width], name):
                return name
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return controls <= 0.01 * max(len(text), 1)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB that are not UTF-16/32: text in any 8-bit or UTF-8
    encoding has none."""
    return b"\x00" in data[:_SNIFF_BYTES] and wide_encoding(data) is None


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
            return safe_text(data.decode(encoding, errors="replace"))
    wide = wide_encoding(data)
    if wide is not None:
        return safe_text(data.decode(wide, errors="replace"))
    if looks_binary(data):
        raise InputError("binary content (NUL bytes), not text", source=source)
    try:
        return safe_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    candidates: list[str | None] = [declared]
    if media_type is MediaType.HTML:
        candidates.append(_declared_charset(data))
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return safe_text(data.decode(candidate))
        except (UnicodeDecodeError, LookupError):
            continue
    detected = _detect(data)
    if detected is None:
        raise InputError("undecodable: not UTF-8 and no known encoding fits", source=source)
    return safe_text(data.decode(detected, errors="replace"))


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
