"""Where sources state different things about the same actor or event.

Three kinds are found, each listing every side with its article, outlet and evidence:

**Roles** (``attribute="role"``). The actor recogniser flags a mention ``claim=True`` when
the text gives a person an office the actor dictionary contradicts on the article's date
("Lavrov, the former Russian foreign minister" while he held the office). Each such claim
is set against the mentions of the same person, for the same office (``former`` put
aside), that other articles make without contradiction and that were published within
:data:`ROLE_WINDOW_DAYS` of a claiming article (the nearest :data:`MAX_CONTRARY_SHOWN` are
listed, all are counted in ``support``); what the dictionary says is given as ``known``. A claim no other article contradicts is still reported: it contradicts the
dictionary.

**Dates** (``attribute="date"``). Events of one type between the same source and target
(in that direction) reported by different articles of one story, when two articles give
dates that cannot both be right: neither date holds the other (``2022-05`` holds
``2022-05-02``; ``2022-04-19/2022-04-20`` holds ``2022-04-20``) for any pair of the dates
each article gives. An article that also dates an earlier meeting does not disagree with
one that only dates the later one. Planned events are compared with planned ones, events
that happened or are claimed with each other; negated events are left out.

**Numbers** (``attribute="number of <noun>"``). In the sentences of those same events,
counts of one thing ("100,000 troops", "at least 12 civilians") that cannot both be right.
Qualifiers make ranges: "at least/more than/over n" is n or more, "up to/fewer than/under n"
at most n, "nearly/almost n" from 0.8n to n, "about/around/some/roughly n" from 0.8n to
1.2n; two articles disagree when no range of one meets a range of the other.

Which articles are compared: without ``article_ids``, every article that is not a
syndicated copy, events grouped by story (``articles.story_id``; articles outside stories
are not compared for dates and numbers). With ``article_ids``, those articles (copies still
left out), taken as reporting one story.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from blocwatch.model import Role
from blocwatch.periods import Granularity, next_period
from blocwatch.store import Store
from blocwatch.store.analysis_reads import (
    EventStatement,
    RoleStatement,
    role_statements,
    shared_event_statements,
)

ROLE_WINDOW_DAYS = 31
MAX_CONTRARY_SHOWN = 10
"""Articles shown for the uncontested side of a role claim (the nearest in time); all count."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a disagreement, as one article states it."""

    value: str
    article_id: str
    outlet: str | None
    sentence_index: int
    start: int
    """Span of the words themselves (the mention, the event, the number) in the article text."""
    end: int
    text: str
    """The whole sentence that states it."""
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    subject: str
    """The actor id (``person:sergey-lavrov``) or the event (``CONSULT:ARM->RUS``)."""
    subject_name: str
    attribute: str
    """``role``, ``date`` or ``number of <noun>``."""
    claims: tuple[Claim, ...]
    """Every side, each article once per value: for roles the flagged claims first, then the
    articles that contradict them, nearest in time first; for events in story order."""
    known: str | None = None
    """What the actor dictionary holds, for role disagreements."""
    support: dict[str, int] = field(default_factory=dict)
    """How many articles state each value (all of them, also those not shown in ``claims``),
    by value in sorted order."""
    story_id: str | None = None
    """The story whose articles disagree about an event (``None`` for roles, and when the
    articles were given by id)."""


def find_disagreements(
    store: Store, *, article_ids: Sequence[str] | None = None
) -> list[Disagreement]:
    """Role, date and number disagreements among the articles (all, or ``article_ids``)."""
    if article_ids is not None and not article_ids:
        return []
    roles = _role_disagreements(store, article_ids)
    events = shared_event_statements(store, article_ids)
    return [*roles, *_date_disagreements(events), *_number_disagreements(events)]


# ---------------------------------------------------------------------------------- shared


class _Stated(Protocol):
    """Where a statement stands: its article and sentence."""

    @property
    def article_id(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def sentence_index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def sentence(self) -> str: ...


def _claim(stated: _Stated, value: str, start: int | None = None, end: int | None = None) -> Claim:
    return Claim(
        value=value,
        article_id=stated.article_id,
        outlet=stated.outlet,
        sentence_index=stated.sentence_index,
        start=stated.start if start is None else start,
        end=stated.end if end is None else end,
        text=stated.sentence,
        published_at=stated.published_at,
    )


# ---------------------------------------------------------------------------------- roles


def _office(role: str) -> str:
    return re.sub(r"^(?:former\s+|ex-)", "", role.strip().lower())


def _role_disagreements(store: Store, article_ids: Sequence[str] | None) -> list[Disagreement]:
    read = role_statements(store, article_ids)
    grouped: dict[tuple[str, str], list[RoleStatement]] = defaultdict(list)
    for statement in read.claims:
        grouped[statement.actor_id, _office(statement.role)].append(statement)
    result = []
    for (actor_id, office), claimed in grouped.items():
        claim_articles = {s.article_id for s in claimed}
        days = sorted(s.published_at.date() for s in claimed if s.published_at)
        contrary = sorted(
            (
                (distance, s)
                for s in read.others
                if s.actor_id == actor_id
                and _office(s.role) == office
                and s.article_id not in claim_articles
                and (distance := _distance(s.published_at, days)) <= ROLE_WINDOW_DAYS
            ),
            key=lambda item: item[0],
        )
        stated = _once_per_article_and_value([*claimed, *(s for _, s in contrary)])
        actor = read.known.get(actor_id)
        result.append(
            Disagreement(
                subject=actor_id,
                subject_name=actor.name if actor else claimed[0].name,
                attribute="role",
                claims=_shown(stated, {s.role for s in claimed}),
                known=_known_role(actor.roles if actor else None, office, days),
                support=_support(stated),
            )
        )
    return sorted(result, key=lambda d: (d.subject, d.claims[0].value))


def _distance(published_at: datetime | None, days: list[date]) -> int:
    """Days from the nearest of the (sorted) claim days; 0 when either side is undated."""
    if published_at is None or not days:
        return 0
    day = published_at.date()
    at = bisect.bisect_left(days, day)
    return min(abs((day - other).days) for other in days[max(0, at - 1) : at + 1])


def _shown(stated: list[Claim], claimed: set[str]) -> tuple[Claim, ...]:
    """Every claim, and the contradicting side up to :data:`MAX_CONTRARY_SHOWN` per value."""
    shown, per_value = [], Counter[str]()
    for claim in stated:
        per_value[claim.value] += 1
        if claim.value in claimed or per_value[claim.value] <= MAX_CONTRARY_SHOWN:
            shown.append(claim)
    return tuple(shown)


def _support(claims: Iterable[Claim]) -> dict[str, int]:
    """Articles per value, in the values' sorted order: counted through a set, the values
    would otherwise come out in hash order, and exports would change from run to run."""
    counts = Counter(value for _, value in {(c.article_id, c.value) for c in claims})
    return dict(sorted(counts.items()))


def _once_per_article_and_value(statements: Iterable[RoleStatement]) -> list[Claim]:
    seen: set[tuple[str, str]] = set()
    claims = []
    for statement in statements:
        if (statement.article_id, statement.role) not in seen:
            seen.add((statement.article_id, statement.role))
            claims.append(_claim(statement, statement.role))
    return claims


def _known_role(roles: Sequence[Role] | None, office: str, days: list[date]) -> str | None:
    """The dictionary's holding of ``office``, as ``foreign minister (RUS, since 2004-03-09)``."""
    matching = [r for r in roles or () if _office(r.title) == office]
    if not matching:
        return None
    day = min(days) if days else None
    role = ([r for r in matching if day is None or r.held_on(day)] or matching)[-1]
    since = f"since {role.start.isoformat()}" if role.start else None
    until = f"until {role.end.isoformat()}" if role.end else None
    details = ", ".join(part for part in (role.of, since, until) if part)
    return f"{role.title} ({details})" if details else role.title


# ---------------------------------------------------------------------------------- events


_EventKey = tuple[str | None, str, str, str, bool]


def _event_disagreement(
    statement: EventStatement, attribute: str, claims: list[Claim]
) -> Disagreement:
    """A disagreement about the event a statement reports (its type, source, target, stage)."""
    kind, source, target = statement.type, statement.source_code, statement.target_code
    planned = " (planned)" if statement.planned else ""
    return Disagreement(
        subject=f"{kind}:{source}->{target}{planned}",
        subject_name=f"{kind} {source} → {target}{planned}",
        attribute=attribute,
        claims=tuple(claims),
        support=_support(claims),
        story_id=statement.story_id,
    )


def _by_event(statements: Iterable[EventStatement]) -> dict[_EventKey, list[EventStatement]]:
    grouped: dict[_EventKey, list[EventStatement]] = defaultdict(list)
    for s in statements:
        grouped[s.story_id, s.type, s.source_code, s.target_code, s.planned].append(s)
    return grouped


def _conflicting(per_article: dict[str, list[tuple[float, float]]]) -> bool:
    """Some two articles whose ranges never meet."""
    articles = list(per_article.values())
    return any(
        not any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in first for lo2, hi2 in second)
        for i, first in enumerate(articles)
        for second in articles[i + 1 :]
    )


def _date_range(value: str) -> tuple[float, float] | None:
    """The days a date names, as ordinals: ``2022-05`` is all of May, ranges their span."""
    parts = value.split("/")
    try:
        first, last = _day_span(parts[0]), _day_span(parts[-1])
    except ValueError:
        return None
    return (first[0], last[1])


def _day_span(value: str) -> tuple[float, float]:
    value = value.strip()[:10]
    if len(value) == 10:
        day = date.fromisoformat(value).toordinal()
        return (day, day)
    if len(value) == 7:
        start = date.fromisoformat(f"{value}-01")
        end = next_period(start, Granularity.MONTH) - timedelta(days=1)
        return (start.toordinal(), end.toordinal())
    if len(value) == 4 and value.isdigit():
        year = int(value)
        return (date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal())
    raise ValueError(f"not a date: {value!r}")


def _date_disagreements(statements: list[EventStatement]) -> list[Disagreement]:
    result = []
    for reports in _by_event(s for s in statements if s.date).values():
        per_article: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for s in reports:
            span = _date_range(s.date) if s.date else None
            if span is not None:
                per_article[s.article_id].append(span)
        if len(per_article) < 2 or not _conflicting(per_article):
            continue
        seen: set[tuple[str, str]] = set()
        claims = []
        for s in reports:
            if s.date and (s.article_id, s.date) not in seen:
                seen.add((s.article_id, s.date))
                claims.append(_claim(s, s.date))
        result.append(_event_disagreement(reports[0], "date", claims))
    return result


# ---------------------------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_QUALIFIERS = {
    "at least": (1.0, float("inf")),
    "more than": (1.0, float("inf")),
    "over": (1.0, float("inf")),
    "up to": (0.0, 1.0),
    "fewer than": (0.0, 1.0),
    "less than": (0.0, 1.0),
    "under": (0.0, 1.0),
    "nearly": (0.8, 1.0),
    "almost": (0.8, 1.0),
    "about": (0.8, 1.2),
    "around": (0.8, 1.2),
    "some": (0.8, 1.2),
    "roughly": (0.8, 1.2),
    "approximately": (0.8, 1.2),
    "an estimated": (0.8, 1.2),
}
_NUMBER = re.compile(
    r"(?<![\w.,])(?:(?P<qualifier>" + "|".join(_QUALIFIERS) + r")\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?:\s+(?P<scale>" + "|".join(_SCALES) + r"))?"
    r"\s+(?-i:[A-Z][\w-]*\s+)?(?P<noun>(?-i:[a-z][a-z-]+))\b",
    re.IGNORECASE,
)
_NOT_A_THING = re.compile(
    r"^(?:" + _MONTHS + r"|the|a|an|and|or|of|to|in|on|at|by|for|from|with|was|were|is|are"
    r"|has|have|had|per|percent|times|am|pm|p\.m|a\.m)$",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(r"(?:" + _MONTHS + r")\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Count:
    noun: str
    low: float
    high: float
    start: int
    end: int
    words: str


def counts_in(sentence: str) -> list[_Count]:
    """Counts of things a sentence states ("at least 12 civilians" → civilians, 12 or more).

    Years (1800 to 2100 written without a comma) and days of a month are not counts.
    """
    found = []
    for match in _NUMBER.finditer(sentence):
        noun = match["noun"].lower()
        number_text = match["number"].lower()
        if _NOT_A_THING.match(noun) or _MONTH_BEFORE.search(sentence, 0, match.start("number")):
            continue
        if number_text in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[number_text])
        else:
            value = float(number_text.replace(",", ""))
            year_like = "," not in number_text and "." not in number_text and not match["scale"]
            if year_like and 1800 <= value <= 2100:
                continue
        value *= _SCALES.get((match["scale"] or "").lower(), 1.0)
        low, high = _QUALIFIERS.get((match["qualifier"] or "").lower(), (1.0, 1.0))
        words_end = match.end("scale") if match["scale"] else match.end("number")
        found.append(
            _Count(
                noun=noun,
                low=value * low,
                high=value * high,
                start=match.start(),
                end=words_end,
                words=sentence[match.start() : words_end],
            )
        )
    return found


def _number_disagreements(statements: list[EventStatement]) -> list[Disagreement]:
    result = []
    for reports in _by_event(statements).values():
        per_noun: dict[str, list[tuple[EventStatement, _Count]]] = defaultdict(list)
        seen_sentences: set[tuple[str, int]] = set()
        for s in reports:
            if (s.article_id, s.sentence_index) in seen_sentences:
                continue
            seen_sentences.add((s.article_id, s.sentence_index))
            for count in counts_in(s.sentence):
                per_noun[count.noun].append((s, count))
        for noun, stated in sorted(per_noun.items()):
            per_article: dict[str, list[tuple[float, float]]] = defaultdict(list)
            for s, count in stated:
                per_article[s.article_id].append((count.low, count.high))
            if len(per_article) < 2 or not _conflicting(per_article):
                continue
            claims = []
            for s, count in stated:
                offset = s.sentence_start if s.sentence_start is not None else s.start
                claims.append(_claim(s, count.words, offset + count.start, offset + count.end))
            result.append(_event_disagreement(reports[0], f"number of {noun}", claims))
    return result
