"""Dates and times named in an article, normalised to ISO 8601 at the text's precision.

The expressions are found with hand-written patterns rather than ``dateparser.search``:
a search that turns any number into a date ("nine issues", "10,000 soldiers") or forgets
the precision the text gave ("November 2020" is a month, not the first of November)
is worse than none for an analyst. The patterns cover the forms news prose uses:

* absolute and partial dates: "13 May 2022", "May 3", "12 April", "December 1991", "in 2014";
* ranges: "April 19-20", "19-20 April", "from October to December", "2014-2016";
* relative dates: "today", "yesterday", "on Friday", "last week", "earlier this month",
  "last year", "three days ago";
* clock times with a zone: "13:03 IST", "7 p.m. EDT".

Whatever needs an anchor (a year-less date, a weekday, "today") is resolved against the
publication date and says so in ``anchor``; without a publication date it stays
unresolved (``value`` is ``None``) with its text, rather than being guessed. A weekday
is read with the sentence's tense: "will meet on Friday" is the coming Friday, "met on
Friday" the one before. Spans such as "30 years after the war" are kept unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache

from blocwatch.calendar_words import month_numbers, zone_offsets
from blocwatch.model import DatePrecision, Evidence, Sentence, Span, TimeExpression
from blocwatch.nlp.sentences import sentence_at

__all__ = ["extract_times"]

_MONTHS = month_numbers()
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ZONES = zone_offsets()

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|"
    r"Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_DASH = r"\s*(?:-|–|—|to|until|and)\s*"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:[0-9]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_ZONE = "|".join(sorted(_ZONES, key=len, reverse=True))

_OPTIONAL_YEAR = rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
_MONTH_LEAD = (
    r"in|since|until|till|by|from|during|through|early|late|mid|mid-|end of|beginning of|"
    r"last|next|this"
)
_RELATIVE_DAY = r"today|yesterday|tomorrow|tonight|the day before yesterday|the day after tomorrow"

# Overlapping matches are settled by length; on a tie the earlier pattern wins.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "day_range_md",
        rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\b{_OPTIONAL_YEAR}",
    ),
    (
        "day_range_dm",
        rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m>{_MONTH}){_OPTIONAL_YEAR}",
    ),
    ("day_md", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?!\s*%|,[0-9]{{3}}){_OPTIONAL_YEAR}"),
    ("day_dm", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}){_OPTIONAL_YEAR}"),
    (
        "iso_day",
        r"\b(?P<y>(?:19|20)[0-9]{2})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])\b",
    ),
    (
        "month_range",
        rf"\b(?:from|between)\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?"
        rf"\s+(?:to|until|till|through|and)\s+(?P<m2>{_MONTH})\b(?:\s+(?P<y>{_YEAR})\b)?",
    ),
    ("month_year", rf"\b(?P<m>{_MONTH})(?:,)?\s+(?P<y>{_YEAR})\b"),
    (
        "month_alone",
        rf"\b(?P<lead>{_MONTH_LEAD})\s+(?P<m>{_MONTH})\b(?!\s+{_DAY}\b|,?\s+{_YEAR}\b)",
    ),
    (
        "year_range",
        rf"\b(?:from\s+|between\s+)?(?P<y1>{_YEAR})\s*(?:-|–|to|until|and)\s*"
        rf"(?P<y2>{_YEAR}|[0-9]{{2}})\b(?![-–/.,]?[0-9])",
    ),
    ("year", rf"(?<![\w$£€.,/-])(?P<y>{_YEAR})(?![\w%/]|[.,][0-9]|-[0-9])"),
    ("decade", r"\b(?:the\s+)?(?P<y>1[89][0-9]0|20[0-9]0)s\b"),
    ("weekday", rf"\b(?:(?P<rel>last|next|this|on|by|until|since|from)\s+)?(?P<w>{_WEEKDAY})\b"),
    ("relative_day", rf"\b(?P<r>{_RELATIVE_DAY})\b"),
    (
        "relative_period",
        r"\b(?P<r>(?:earlier|later|late|early)\s+this|this|last|next|past|previous|coming)"
        r"\s+(?P<u>week|month|year)\b",
    ),
    ("ago", rf"\b(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+ago\b"),
    (
        "after",
        rf"\b(?P<n>{_NUM}|[0-9]+)\s+(?P<u>{_UNIT})\s+(?:after|before|since)\s+(?:the\s+)?"
        r"[\w-]+(?:\s+of(?:\s+the)?\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?",
    ),
    (
        "clock",
        r"\b(?P<h>[01]?[0-9]|2[0-3])(?::(?P<mi>[0-5][0-9]))?"
        rf"(?:\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b))?(?:\s*(?P<z>(?:{_ZONE})\b))?",
    ),
)

_FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|going to|scheduled|upcoming|next|plans? to|planning to|"
    r"expected to|is to|are to|set to|due to|ahead of|agenda|to be held)\b|’ll",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|met|said|held|last|ago|earlier|took place)\b|\b\w{3,}ed\b",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset({"in", "on", "by", "since", "until", "till", "from", "during", "through"})
"""Words a pattern needs for context but which are not part of the expression's span."""
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")
_YEAR_LEAD = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|to|through|before|after|early|late|mid|"
    r"between|and|year|during|around|circa|c\.|spring|summer|autumn|fall|winter)|-)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: str
    match: re.Match[str]


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)


def extract_times(
    article_id: str, text: str, sentences: Sequence[Sentence], anchor: datetime | None
) -> list[TimeExpression]:
    """Every date and time expression in ``text``, in text order.

    ``anchor`` is the article's publication datetime; relative and year-less dates are
    resolved against it, or left unresolved (``value`` ``None``) when it is ``None``.
    """
    found = _settle(_candidates(text))
    sentences = list(sentences)
    times: list[TimeExpression] = []
    for item in found:
        sentence = _sentence_for(sentences, item.start)
        context = (
            (sentence.text, item.start - sentence.span.start)
            if sentence
            else (text[max(0, item.start - 200) : item.end + 200], min(item.start, 200))
        )
        resolved = _resolve(item, text, context, anchor)
        if resolved is None:
            continue
        index = sentence.index if sentence else 0
        times.append(time_expression(article_id, text, index, item.start, item.end, resolved))
    return times


def time_expression(
    article_id: str,
    text: str,
    sentence_index: int,
    start: int,
    end: int,
    resolved: tuple[str | None, DatePrecision, str],
) -> TimeExpression:
    """The record of one resolved expression (shared with the other languages' readers)."""
    value, precision, used = resolved
    evidence = Evidence(article_id, sentence_index, Span(start, end), text[start:end])
    return TimeExpression(
        text=evidence.text,
        value=value,
        precision=precision if value is not None else DatePrecision.UNRESOLVED,
        evidence=evidence,
        anchor=used if value is not None else None,
    )


def _candidates(text: str) -> list[_Found]:
    found: list[_Found] = []
    for kind, pattern in _compiled():
        for match in pattern.finditer(text):
            start = match.start()
            lead = match.groupdict().get("lead") or match.groupdict().get("rel")
            if lead and lead.lower() in _PREPOSITIONS:
                start = match.start("m" if kind == "month_alone" else "w")
            if match.end() > start:
                found.append(_Found(start, match.end(), kind, match))
    return found


def _settle(found: list[_Found]) -> list[_Found]:
    """Keep the longest of overlapping candidates (earlier patterns win ties)."""
    order = {kind: rank for rank, (kind, _) in enumerate(_PATTERNS)}
    ranked = sorted(found, key=lambda f: (-(f.end - f.start), order[f.kind], f.start))
    kept: list[_Found] = []
    for item in ranked:
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def _sentence_for(sentences: list[Sentence], offset: int) -> Sentence | None:
    sentence = sentence_at(sentences, offset)
    if sentence is not None:
        return sentence
    before = [s for s in sentences if s.span.start <= offset]
    return before[-1] if before else (sentences[0] if sentences else None)


_Resolved = tuple[str | None, DatePrecision, str]
_Context = tuple[str, int]
"""The sentence around an expression and the expression's offset in it."""


def _resolve(
    item: _Found, text: str, context: _Context, anchor: datetime | None
) -> _Resolved | None:
    """Value, precision and anchor label of one candidate; ``None`` drops a false hit."""
    groups = item.match.groupdict()
    day = anchor.date() if anchor else None
    kind = item.kind
    if kind in {"day_md", "day_dm", "iso_day"}:
        month = int(groups["mo"]) if kind == "iso_day" else _month(groups["m"])
        return _day_value(groups.get("y"), month, _day_number(groups["d"]), day, context)
    if kind in {"day_range_md", "day_range_dm"}:
        month = _month(groups["m"])
        first = _day_value(groups.get("y"), month, _day_number(groups["d1"]), day, context)
        last = _day_value(groups.get("y"), month, _day_number(groups["d2"]), day, context)
        if first is None or last is None or first[0] is None or last[0] is None:
            return None if first is None else (None, DatePrecision.RANGE, first[2])
        return f"{first[0]}/{last[0]}", DatePrecision.RANGE, first[2]
    if kind == "month_year":
        return f"{groups['y']}-{_month(groups['m']):02d}", DatePrecision.MONTH, "explicit"
    if kind == "month_alone":
        return _month_alone(groups["lead"], _month(groups["m"]), day, context)
    if kind == "month_range":
        return _month_range(groups, day, context)
    if kind == "year":
        return _year(item, text)
    if kind == "year_range":
        first_year, last_year = groups["y1"], groups["y2"]
        if len(last_year) == 2:
            last_year = first_year[:2] + last_year
        if int(last_year) <= int(first_year):
            return None
        return f"{first_year}/{last_year}", DatePrecision.RANGE, "explicit"
    if kind == "decade":
        return groups["y"][:3], DatePrecision.YEAR, "explicit"
    if kind == "weekday":
        return _weekday(groups["rel"], groups["w"], day, context)
    if kind == "relative_day":
        return _relative_day(groups["r"].lower(), day)
    if kind == "relative_period":
        return _relative_period(groups["r"].lower(), groups["u"], day)
    if kind == "ago":
        return _ago(groups["n"], groups["u"], day)
    if kind == "after":
        return None, DatePrecision.UNRESOLVED, "unresolved"
    if kind == "clock":
        return _clock(groups, anchor)
    return None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _tense(context: _Context) -> int:
    """+1 when the words nearest the expression speak of the future, -1 of the past, else 0.

    The nearest cue wins because one sentence can hold both: "announced on Saturday
    that soldiers will return" is about a past Saturday.
    """
    text, where = context
    cues = [(abs(m.start() - where), 1) for m in _FUTURE_CUES.finditer(text)]
    cues += [(abs(m.start() - where), -1) for m in _PAST_CUES.finditer(text)]
    return min(cues)[1] if cues else 0


def _day_value(
    year: str | None, month: int, day_number: int, anchor: date | None, context: _Context
) -> _Resolved | None:
    if year:
        try:
            return date(int(year), month, day_number).isoformat(), DatePrecision.DAY, "explicit"
        except ValueError:
            return None
    if anchor is None:
        return None, DatePrecision.DAY, "unresolved"
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(date(anchor.year + offset, month, day_number))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs((d - anchor).days))
    return best.isoformat(), DatePrecision.DAY, "publication date"


def _month_alone(lead: str, month: int, anchor: date | None, context: _Context) -> _Resolved:
    if anchor is None:
        return None, DatePrecision.MONTH, "unresolved"
    lead = lead.lower()
    year = anchor.year
    if lead == "last" or (lead != "next" and month > anchor.month and _tense(context) < 0):
        year -= 1 if month >= anchor.month else 0
    elif lead == "next" or (month < anchor.month and _tense(context) > 0):
        year += 1 if month <= anchor.month else 0
    return f"{year}-{month:02d}", DatePrecision.MONTH, "publication date"


def _month_range(
    groups: dict[str, str | None], anchor: date | None, context: _Context
) -> _Resolved:
    first_name, last_name = groups["m1"], groups["m2"]
    assert first_name is not None and last_name is not None
    first, last = _month(first_name), _month(last_name)
    year_last = groups["y"]
    year_first = groups["y1"] or year_last
    if year_last and year_first:
        value = f"{year_first}-{first:02d}/{year_last}-{last:02d}"
        return value, DatePrecision.RANGE, "explicit"
    if anchor is None:
        return None, DatePrecision.RANGE, "unresolved"
    start_year = anchor.year
    if first < anchor.month and _tense(context) > 0:
        start_year += 1
    end_year = start_year + (1 if last < first else 0)
    return (
        f"{start_year}-{first:02d}/{end_year}-{last:02d}",
        DatePrecision.RANGE,
        "publication date",
    )


def _year(item: _Found, text: str) -> _Resolved | None:
    """A four-digit number is a year unless it counts something ("2000 soldiers")."""
    after = text[item.end : item.end + 30]
    before = text[max(0, item.start - 30) : item.start]
    plural = _PLURAL_AFTER.match(after)
    if plural and not _YEAR_LEAD.search(before) and not after.startswith("'s"):
        return None
    return item.match.group("y"), DatePrecision.YEAR, "explicit"


def _weekday(rel: str | None, name: str, anchor: date | None, context: _Context) -> _Resolved:
    if anchor is None:
        return None, DatePrecision.DAY, "unresolved"
    target = _WEEKDAYS.index(name.lower())
    rel = (rel or "").lower()
    ahead = (target - anchor.weekday()) % 7
    behind = (anchor.weekday() - target) % 7
    if rel in {"next", "this"} or (rel not in {"last", "since"} and _tense(context) > 0):
        delta = ahead
    else:
        delta = -behind
    return (anchor + timedelta(days=delta)).isoformat(), DatePrecision.DAY, "publication date"


def _relative_day(word: str, anchor: date | None) -> _Resolved:
    if anchor is None:
        return None, DatePrecision.DAY, "unresolved"
    shift = {
        "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }[word]  # fmt: skip
    return (anchor + timedelta(days=shift)).isoformat(), DatePrecision.DAY, "publication date"


def _relative_period(word: str, unit: str, anchor: date | None) -> _Resolved:
    precision = DatePrecision.RANGE if unit == "week" else DatePrecision(unit)
    if anchor is None:
        return None, precision, "unresolved"
    shift = -1 if word in {"last", "past", "previous"} else 1 if word in {"next", "coming"} else 0
    if unit == "year":
        return str(anchor.year + shift), precision, "publication date"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        return f"{index // 12}-{index % 12 + 1:02d}", precision, "publication date"
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
    value = f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    return value, precision, "publication date"


def _ago(number: str, unit: str, anchor: date | None) -> _Resolved:
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
    unit = unit.rstrip("s")
    if unit == "decade":
        return None, DatePrecision.YEAR, "unresolved"
    precision = DatePrecision.DAY if unit in {"day", "week"} else DatePrecision(unit)
    if anchor is None:
        return None, precision, "unresolved"
    if unit in {"day", "week"}:
        days = count * (7 if unit == "week" else 1)
        return (anchor - timedelta(days=days)).isoformat(), precision, "publication date"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 - count
        return f"{index // 12}-{index % 12 + 1:02d}", precision, "publication date"
    return str(anchor.year - count), precision, "publication date"


def _clock(groups: dict[str, str | None], anchor: datetime | None) -> _Resolved | None:
    """A clock time counts only with minutes and a zone, or with a.m./p.m."""
    hour_text, minutes, ampm, zone = groups["h"], groups["mi"], groups["ampm"], groups["z"]
    assert hour_text is not None
    if not ampm and not (minutes and zone):
        return None
    hour = int(hour_text)
    if ampm:
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    tzinfo = (
        timezone(timedelta(minutes=_ZONES[zone])) if zone else (anchor.tzinfo if anchor else None)
    )
    if anchor is None:
        return None, DatePrecision.TIME, "unresolved"
    moment = datetime.combine(anchor.date(), time(hour, int(minutes or 0)), tzinfo=tzinfo)
    return moment.isoformat(timespec="minutes"), DatePrecision.TIME, "publication date"
