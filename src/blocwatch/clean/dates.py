"""Publication dates as pages print them, and as HTML metadata states them.

Only a date the page *labels* as its publication date ("First Published: Thu, May 12 2022.
13:03 IST", "Published 12.04.2024 14:05"), a date standing alone at the top of the page,
or a dateline opening the article ("New Delhi, May 12 2022:") is taken. Unlabelled dates
elsewhere on a page belong to teasers for other articles, and the crawl date is not a
publication date, so neither is ever used. A date without a year ("12 April", "New Delhi,
May 12") is not enough to date an article and gives nothing.

Time zone abbreviations are read as newsrooms use them: IST is India Standard Time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from blocwatch.calendar_words import month_numbers, zone_offsets

_MONTHS = month_numbers()
_ZONES = zone_offsets()

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:[A-Za-zÀ-ÿ]{2,12}(?:-[a-zç]{4,6})?\.?,?\s+)?"
_TIME = (
    r"(?:[\s,.]+(?:at\s+|às\s+|um\s+|à\s+)?(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?(?![a-z]))?\s*(?P<zone>[A-Z]{1,4}\b|[+-]\d{2}:?\d{2})?)?"
)
_FORMS = (
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME,
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?" + _MONTH
    + r",?\s+(?:de\s+)?(?P<year>\d{4})" + _TIME,
    r"(?P<day>\d{1,2})[./](?P<nmonth>\d{1,2})[./](?P<year>\d{4})" + _TIME,
    r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})" + _TIME.replace(r"[\s,.]+", r"[\sT,.]+"),
)  # fmt: skip


def _named_groups_unique(pattern: str) -> str:
    counter: dict[str, int] = {}

    def rename(m: re.Match[str]) -> str:
        counter[m.group(1)] = counter.get(m.group(1), 0) + 1
        return f"(?P<{m.group(1)}{counter[m.group(1)]}>"

    return re.sub(r"\(\?P<(\w+)>", rename, pattern)


_DATE = re.compile(_named_groups_unique("|".join(f"(?:{form})" for form in _FORMS)), re.IGNORECASE)
_LABEL = re.compile(
    r"^\W*(?P<label>(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|publication\s+date"
    r"|(?:last\s+)?updated(?:\s+on)?|date|veröffentlicht(?:\s+am)?|publié\s+le|publicado(?:\s+em|\s+el)?)"
    r"\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_YEARLESS = re.compile(
    _named_groups_unique(
        r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+"
        + _MONTH
        + r"|"
        + _MONTH
        + r"\s+\d{1,2}(?:st|nd|rd|th)?)\W*$"
    ),
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'\- ]{1,30}),\s+(?P<rest>.{3,40}?)\s*[:(—–-]\s", re.UNICODE
)


_DATE_LINE_CHARS = 120
"""A line longer than this says more than a date."""


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A publication date, where it came from and how far to trust it."""

    value: datetime
    source: str
    confidence: float


def _groups(match: re.Match[str]) -> dict[str, str]:
    """The named groups that matched, whichever alternative form they belong to."""
    found: dict[str, str] = {}
    for name, index in match.re.groupindex.items():
        value = match.group(index)
        if value is not None:
            found[name.rstrip("0123456789")] = value
    return found


def _to_datetime(parts: dict[str, str]) -> datetime | None:
    month = _MONTHS.get(parts["month"].casefold().rstrip(".")) if "month" in parts else None
    month = month or (int(parts["nmonth"]) if "nmonth" in parts else None)
    if month is None:
        return None
    hour = int(parts.get("hour", 0))
    ampm = parts.get("ampm", "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = parts.get("zone")
    tzinfo = None
    if zone and zone.upper() in _ZONES:
        tzinfo = timezone(timedelta(minutes=_ZONES[zone.upper()]))
    elif zone and zone[0] in "+-":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if offset >= timedelta(hours=24):
            return None  # "+25:00" is no zone on Earth: the stated date cannot be trusted
        tzinfo = timezone(sign * offset)
    try:
        return datetime(
            int(parts["year"]),
            month,
            int(parts["day"]),
            hour,
            int(parts.get("minute", 0)),
            int(parts.get("second", 0)),
            tzinfo=tzinfo,
        )
    except ValueError:
        return None


def parse_date(text: str) -> datetime | None:
    """The first full date (with year) in ``text``, with its time and zone when given."""
    match = _DATE.search(text)
    return _to_datetime(_groups(match)) if match else None


def is_date_line(line: str) -> bool:
    """A line that only states a date (labelled or not, with or without a year)."""
    stripped = line.strip()
    if len(stripped) > _DATE_LINE_CHARS:
        return False
    if _YEARLESS.match(stripped):
        return True
    rest = _LABEL.sub("", stripped, count=1)
    match = _DATE.match(rest)
    return match is not None and not re.search(r"\w", rest[match.end() :].strip(" .|"))


def printed_date(lines: list[str]) -> FoundDate | None:
    """The publication date a page prints with a label, or alone in its first lines.

    "Published" beats "Updated": an update time is a later date than the one sought.
    """
    best: FoundDate | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        label = _LABEL.match(stripped)
        if label:
            value = parse_date(stripped[label.end() :][:80])
            if value is None:
                continue
            updated = "updat" in label.group("label").lower()
            confidence = round((0.8 if updated else 0.95) - (0.0 if value.tzinfo else 0.05), 2)
            if best is None or confidence > best.confidence:
                best = FoundDate(value, "printed", confidence)
        elif index < 8 and is_date_line(stripped):
            value = parse_date(stripped)
            if value is not None and best is None:
                best = FoundDate(value, "printed", 0.7)
    return best


def dateline_date(paragraph: str) -> FoundDate | None:
    """The date of a dateline opening the article ("Moscow, May 12 2022 (TASS) -")."""
    match = _DATELINE.match(paragraph.strip())
    if not match:
        return None
    value = parse_date(match.group("rest"))
    return FoundDate(value, "dateline", 0.6) if value else None


def claimed_date(value: str) -> datetime:
    """A date a source states as data (a JSON lines ``published``), as ISO 8601, or
    ValueError saying why not. It must also be a point in time that converts to UTC."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is not None:
        try:
            parsed.astimezone(UTC)
        except OverflowError as exc:
            raise ValueError("out of range once converted to UTC") from exc
    return parsed


def metadata_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or timestamp from HTML metadata (``article:published_time``)."""
    if not value:
        return None
    try:
        return claimed_date(value)
    except ValueError:
        return parse_date(value)
