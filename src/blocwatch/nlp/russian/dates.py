"""Dates named in Russian text, resolved by the English stage's own rules.

The calendar words are data (``data/dates/ru.toml``), each mapped onto the English
resolver's key ("прошлой" → ``last``, "пятницу" → ``friday``), so a Russian date is
anchored on the publication date exactly as an English one: "12 апреля" is the 12 April
nearest the publication, "в пятницу" the Friday before it in a sentence in the past tense
and the one after it in the future, "на прошлой неделе" the week before. Forms covered:
"12 апреля [2024 года]", "12–13 апреля", "в апреле 2024 года", "в 2024 году", weekdays
with or without "прошлый/следующий", "сегодня/вчера/завтра/накануне", "на прошлой неделе",
"в этом месяце", "в прошлом году", "три дня назад". The preposition is left out of the
span, as in English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from blocwatch.data import toml_fields
from blocwatch.model import DatePrecision, Sentence, TimeExpression
from blocwatch.nlp import dates as english
from blocwatch.nlp.sentences import sentence_at

_Resolved = tuple[str | None, DatePrecision, str]


@dataclass(frozen=True, slots=True)
class _Calendar:
    data: dict[str, Any]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    future: re.Pattern[str]
    past: re.Pattern[str]

    def month(self, word: str) -> int:
        for stem, number in self.data["months"].items():
            if re.match(stem, word.lower()):
                return int(number)
        raise KeyError(word)


def _alternatives(words: Any) -> str:
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))


@cache
def calendar() -> _Calendar:
    """The Russian calendar words of ``data/dates/ru.toml`` as patterns, built once."""
    with toml_fields("dates/ru.toml") as data:
        return _compiled_calendar(data)


def _compiled_calendar(data: dict[str, Any]) -> _Calendar:
    month = rf"(?:{_alternatives(data['months'])})[а-я]*"
    weekday = _alternatives(data["weekdays"])
    direction = _alternatives(data["directions"])
    year = r"(?:1[89][0-9]{2}|20[0-9]{2})"
    number = rf"(?:[0-9]+|{_alternatives(data['numbers'])})"
    patterns = (
        (
            "day_range",
            rf"\b(?P<d1>[0-3]?[0-9])\s*[-–—]\s*(?P<d2>[0-3]?[0-9])\s+(?P<m>{month})"
            rf"(?:\s+(?P<y>{year})\s*(?:года|г\.)?)?",
        ),
        ("day", rf"\b(?P<d>[0-3]?[0-9])\s+(?P<m>{month})(?:\s+(?P<y>{year})\s*(?:года|г\.)?)?"),
        ("month_year", rf"(?<!\w)(?P<m>{month})\s+(?P<y>{year})\s*(?:года|г\.)?"),
        ("year", rf"(?<![\w.,])(?P<y>{year})\s*(?:года|году|год|г\.)"),
        (
            "weekday",
            rf"(?<!\w)(?:во?\s+)?(?:(?P<rel>{direction})\s+)?(?P<w>{weekday})(?!\w)",
        ),
        ("relative_day", rf"(?<!\w)(?P<r>{_alternatives(data['relative_days'])})(?!\w)"),
        (
            "relative_period",
            rf"(?<!\w)(?:на|в|во)\s+(?P<r>{direction})\s+(?P<u>{_alternatives(data['periods'])})(?!\w)",
        ),
        ("ago", rf"(?<!\w)(?P<n>{number})\s+(?P<u>{_alternatives(data['units'])})\s+назад(?!\w)"),
    )
    tense = data["tense"]
    return _Calendar(
        data=data,
        patterns=tuple((k, re.compile(p, re.IGNORECASE)) for k, p in patterns),
        future=re.compile(rf"(?<!\w)(?:{'|'.join(tense['future'])})(?!\w)", re.IGNORECASE),
        past=re.compile(rf"(?<!\w)(?:{'|'.join(tense['past'])})(?!\w)", re.IGNORECASE),
    )


def extract_times_ru(
    article_id: str, text: str, sentences: Sequence[Sentence], anchor: datetime | None
) -> list[TimeExpression]:
    """Every date expression in Russian ``text``, in text order (see the module docstring)."""
    cal = calendar()
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in cal.patterns:
        for match in pattern.finditer(text):
            bare_weekday = kind == "weekday" and not match.group("rel")
            start = match.start("w") if bare_weekday else match.start()
            found.append((start, match.end(), kind, match))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    times = []
    for start, end, kind, match in sorted(kept, key=lambda f: f[0]):
        sentence = sentence_at(list(sentences), start)
        context = sentence.text if sentence else text[max(0, start - 200) : end + 200]
        where = start - sentence.span.start if sentence else min(start, 200)
        resolved = _resolve(cal, kind, match, anchor, _tense(cal, context, where))
        if resolved is None:
            continue
        index = sentence.index if sentence else 0
        times.append(english.time_expression(article_id, text, index, start, end, resolved))
    return times


def _tense(cal: _Calendar, text: str, where: int) -> int:
    cues = [(abs(m.start() - where), 1) for m in cal.future.finditer(text)]
    cues += [(abs(m.start() - where), -1) for m in cal.past.finditer(text)]
    return min(cues)[1] if cues else 0


def _resolve(
    cal: _Calendar, kind: str, match: re.Match[str], anchor: datetime | None, tense: int
) -> _Resolved | None:
    groups = match.groupdict()
    day = anchor.date() if anchor else None
    data = cal.data
    no_context = ("", 0)
    if kind == "day":
        month = cal.month(groups["m"])
        return english._day_value(groups["y"], month, int(groups["d"]), day, no_context)
    if kind == "day_range":
        month = cal.month(groups["m"])
        first = english._day_value(groups["y"], month, int(groups["d1"]), day, no_context)
        last = english._day_value(groups["y"], month, int(groups["d2"]), day, no_context)
        if first is None or last is None or first[0] is None or last[0] is None:
            return None
        return f"{first[0]}/{last[0]}", DatePrecision.RANGE, first[2]
    if kind == "month_year":
        return f"{groups['y']}-{cal.month(groups['m']):02d}", DatePrecision.MONTH, "explicit"
    if kind == "year":
        return groups["y"], DatePrecision.YEAR, "explicit"
    if kind == "weekday":
        rel = data["directions"].get((groups["rel"] or "").lower())
        explicit_last = rel == "last"
        if rel is None:
            rel = "next" if tense > 0 else "last"
        value, precision, used = english._weekday(
            rel, data["weekdays"][groups["w"].lower()], day, no_context
        )
        if explicit_last and day is not None and value == day.isoformat():
            value = (day - timedelta(days=7)).isoformat()  # "в прошлую среду" on a Wednesday
        return value, precision, used
    if kind == "relative_day":
        return english._relative_day(data["relative_days"][groups["r"].lower()], day)
    if kind == "relative_period":
        rel = data["directions"][groups["r"].lower()]
        return english._relative_period(rel, data["periods"][groups["u"].lower()], day)
    if kind == "ago":
        number = groups["n"].lower()
        count = number if number.isdigit() else str(data["numbers"][number])
        return english._ago(count, data["units"][groups["u"].lower()] + "s", day)
    return None
