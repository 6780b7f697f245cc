"""Matching and scoring for ``bench/realnews.py``: the rules its docstring states.

Kept apart from the script so the rules can be read (and reused) without the pipeline.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

GoldRecord = dict[str, Any]
PRONOUNS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "us",
        "me",
    ]
)
MIN_QUOTE_WORDS = 3

# --------------------------------------------------------------------------- matching


def _norm(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _within(outer: str, inner: str) -> bool:
    return f" {inner} " in f" {outer} "


def _proper(name: str) -> bool:
    return any(ch.isupper() for ch in name)


def name_matches(name: str | None, gold_names: Iterable[str]) -> bool:
    """The name rule of the module docstring."""
    if not name:
        return False
    mine = _norm(name)
    if not mine or mine in PRONOUNS:
        return False
    for gold_name in gold_names:
        theirs = _norm(gold_name)
        if not theirs or theirs in PRONOUNS:
            continue
        if mine == theirs:
            return True
        if _proper(gold_name) and _within(mine, theirs):
            return True
        if _proper(name) and _within(theirs, mine):
            return True
    return False


@dataclass(frozen=True)
class Side:
    """One side of a system event, whatever the model's actor record looks like."""

    name: str
    code: str | None


def side_matches(side: Side | None, gold: GoldRecord | None) -> bool:
    if gold is None or side is None:
        return gold is None and side is None
    code = (side.code or "").upper()
    codes = {c.upper() for c in gold["codes"]}
    if code and (code in codes or code[:3] in codes):
        return True
    return name_matches(side.name, gold["names"])


@dataclass(frozen=True)
class SysEvent:
    start: int
    end: int
    type: str
    source: Side | None
    target: Side | None
    status: str
    confidence: float | None

    def key(self) -> tuple[str, str, str]:
        names = [_norm(s.name) if s else "" for s in (self.source, self.target)]
        return (self.type, names[0], names[1])


def type_ok(event: SysEvent, gold: GoldRecord) -> bool:
    return event.type in {gold["type"], *gold.get("alt_types", [])}


def roles_ok(event: SysEvent, gold: GoldRecord) -> bool:
    straight = side_matches(event.source, gold["source"]) and side_matches(
        event.target, gold["target"]
    )
    if straight or not gold.get("symmetric"):
        return straight
    return side_matches(event.source, gold["target"]) and side_matches(event.target, gold["source"])


@dataclass(frozen=True)
class SysQuote:
    start: int
    end: int
    speakers: tuple[str, ...]
    """The speaker as written first, then the names the text gives its actor."""
    confidence: float | None


# --------------------------------------------------------------------------- scoring


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class EventTally:
    tp: int = 0
    fp: int = 0
    gold: int = 0
    negated_neutral: int = 0
    status_agree: int = 0
    sentences_both: int = 0
    agree: Counter[str] = field(default_factory=Counter)
    judged: int = 0
    no_event_sentences: int = 0
    no_event_alarms: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    in_gold_sentences: int = 0
    outside: int = 0


def sentence_table(
    records: list[GoldRecord],
) -> dict[tuple[int, int], tuple[str, list[GoldRecord]]]:
    table: dict[tuple[int, int], tuple[str, list[GoldRecord]]] = {}
    for record in records:
        if record["kind"] not in ("event", "no_event", "unscored"):
            continue
        span = (record["start"], record["end"])
        kind, events = table.get(span, (record["kind"], []))
        if record["kind"] == "event":
            kind, events = "event", [*events, record]
        table[span] = (kind, events)
    return table


def place(event: SysEvent, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    best = max(spans, key=lambda s: overlap(s, (event.start, event.end)), default=None)
    if best is None or overlap(best, (event.start, event.end)) == 0:
        return None
    return best


def score_events(tally: EventTally, records: list[GoldRecord], events: list[SysEvent]) -> None:
    table = sentence_table(records)
    placed: dict[tuple[int, int] | None, dict[tuple[str, str, str], SysEvent]] = defaultdict(dict)
    for event in events:
        placed[place(event, list(table))].setdefault(event.key(), event)
    tally.gold += sum(1 for r in records if r["kind"] == "event" and r["status"] != "negated")
    for span, (kind, gold_events) in table.items():
        mine = list(placed.get(span, {}).values())
        if kind == "unscored":
            continue
        if kind == "no_event":
            tally.no_event_sentences += 1
            tally.no_event_alarms += bool(mine)
        if kind == "event":
            _score_sentence(tally, gold_events, mine)
        else:
            tally.fp += len(mine)
            tally.outside += len(mine)
            tally.confusion.update(("NONE", e.type) for e in mine)
    for event in placed.get(None, {}).values():
        tally.fp += 1
        tally.outside += 1
        tally.confusion[("NONE", event.type)] += 1


def _score_sentence(tally: EventTally, gold_events: list[GoldRecord], mine: list[SysEvent]) -> None:
    tally.in_gold_sentences += len(mine)
    if mine:
        tally.sentences_both += 1
    free = list(gold_events)
    for event in mine:
        tally.judged += 1
        tally.agree["type"] += any(type_ok(event, g) for g in gold_events)
        tally.agree["source"] += any(_either_side(event.source, g) for g in gold_events)
        tally.agree["target"] += any(_either_side(event.target, g) for g in gold_events)
        hit = next((g for g in free if type_ok(event, g) and roles_ok(event, g)), None)
        closest = hit or max(gold_events, key=lambda g: _closeness(event, g))
        tally.confusion[(closest["type"], event.type)] += 1
        if hit is None:
            tally.fp += 1
            continue
        free.remove(hit)
        if hit["status"] == "negated":
            if event.status == "negated":
                tally.negated_neutral += 1
            else:
                tally.fp += 1
            continue
        tally.tp += 1
        tally.status_agree += event.status == hit["status"]
    tally.confusion.update((g["type"], "NONE") for g in free if g["status"] != "negated")


def _either_side(side: Side | None, gold: GoldRecord) -> bool:
    return side_matches(side, gold["source"]) or side_matches(side, gold["target"])


def _closeness(event: SysEvent, gold: GoldRecord) -> int:
    return side_matches(event.source, gold["source"]) + side_matches(event.target, gold["target"])


def event_figures(tally: EventTally) -> dict[str, Any]:
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for (gold_type, sys_type), count in sorted(tally.confusion.items()):
        confusion[gold_type][sys_type] = count
    return {
        "event_precision": _ratio(tally.tp, tally.tp + tally.fp),
        "event_recall": _ratio(tally.tp, tally.gold),
        "event_f1": _f1(tally.tp, tally.tp + tally.fp, tally.gold),
        "events_right": tally.tp,
        "events_reported": tally.tp + tally.fp,
        "events_gold": tally.gold,
        "events_outside_gold_sentences": tally.outside,
        "events_matching_negated_gold_as_negated": tally.negated_neutral,
        "status_agreement_on_right": _ratio(tally.status_agree, tally.tp),
        "sentences_with_gold_and_system_events": tally.sentences_both,
        "type_agreement_in_those": _ratio(tally.agree["type"], tally.judged),
        "source_agreement_in_those": _ratio(tally.agree["source"], tally.judged),
        "target_agreement_in_those": _ratio(tally.agree["target"], tally.judged),
        "no_event_sentences": tally.no_event_sentences,
        "no_event_false_alarm_rate": _ratio(tally.no_event_alarms, tally.no_event_sentences),
        "type_confusion_gold_to_system": dict(confusion),
    }


@dataclass
class QuoteTally:
    reported: int = 0
    gold: int = 0
    found: Counter[str] = field(default_factory=Counter)
    optional_hits: Counter[str] = field(default_factory=Counter)
    speaker_right: int = 0
    speaker_right_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)


def pairs(
    gold: list[GoldRecord], mine: list[SysQuote], lenient: bool
) -> list[tuple[GoldRecord, SysQuote]]:
    candidates = []
    for g in gold:
        for q in mine:
            shared = overlap((g["start"], g["end"]), (q.start, q.end))
            sizes = (g["end"] - g["start"], q.end - q.start)
            if shared and shared * 2 >= (min(sizes) if lenient else max(sizes)):
                candidates.append((shared, id(g), g, q))
    candidates.sort(key=lambda c: -c[0])
    used_gold: set[int] = set()
    used_mine: set[int] = set()
    pairs = []
    for _, gold_id, g, q in candidates:
        if gold_id not in used_gold and id(q) not in used_mine:
            used_gold.add(gold_id)
            used_mine.add(id(q))
            pairs.append((g, q))
    return pairs


def speaker_right(quote: SysQuote, gold: GoldRecord) -> bool:
    if gold["speaker"] is None:
        return not quote.speakers
    return any(name_matches(name, gold["speaker"]["names"]) for name in quote.speakers)


def score_quotes(tally: QuoteTally, records: list[GoldRecord], quotes: list[SysQuote]) -> None:
    gold = [r for r in records if r["kind"] == "quote"]
    tally.reported += len(quotes)
    tally.gold += sum(1 for g in gold if g["quote_kind"] != "optional")
    for mode in ("strict", "lenient"):
        for g, q in pairs(gold, quotes, lenient=mode == "lenient"):
            if g["quote_kind"] == "optional":
                tally.optional_hits[mode] += 1
                continue
            tally.found[mode] += 1
            if mode == "strict":
                right = speaker_right(q, g)
                tally.speaker_right += right
                tally.found_by_kind[g["quote_kind"]] += 1
                tally.speaker_right_by_kind[g["quote_kind"]] += right


def quote_figures(tally: QuoteTally) -> dict[str, Any]:
    judged = {m: tally.reported - tally.optional_hits[m] for m in ("strict", "lenient")}
    return {
        "quote_precision": _ratio(tally.found["strict"], judged["strict"]),
        "quote_recall": _ratio(tally.found["strict"], tally.gold),
        "quote_f1": _f1(tally.found["strict"], judged["strict"], tally.gold),
        "quote_precision_lenient": _ratio(tally.found["lenient"], judged["lenient"]),
        "quote_recall_lenient": _ratio(tally.found["lenient"], tally.gold),
        "quotes_found": tally.found["strict"],
        "quotes_reported": judged["strict"],
        "quotes_gold": tally.gold,
        "speaker_accuracy": _ratio(tally.speaker_right, tally.found["strict"]),
        "speaker_accuracy_direct": _ratio(
            tally.speaker_right_by_kind["direct"], tally.found_by_kind["direct"]
        ),
        "speaker_accuracy_indirect": _ratio(
            tally.speaker_right_by_kind["indirect"], tally.found_by_kind["indirect"]
        ),
        "quotes_right_with_speaker_per_reported": _ratio(tally.speaker_right, judged["strict"]),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _f1(right: int, reported: int, gold: int) -> float | None:
    return round(2 * right / (reported + gold), 3) if reported + gold else None


def explain(records: list[GoldRecord], events: list[SysEvent], quotes: list[SysQuote]) -> list[str]:
    """One line per system fact and its verdict, for reading the errors behind the figures."""
    table = sentence_table(records)
    lines = []
    for event in events:
        kind, gold_events = table.get(place(event, list(table)) or (-1, -1), ("unmarked", []))
        right = any(type_ok(event, g) and roles_ok(event, g) for g in gold_events)
        gold_text = "; ".join(
            f"{g['type']} {g['source']['name']} -> {g['target']['name']}" for g in gold_events
        )
        lines.append(
            f"event {'right' if right else 'wrong'} [{event.start}:{event.end}] {kind}: "
            f"{event.type} {_name(event.source)} -> {_name(event.target)} ({event.status})"
            f"{_conf(event.confidence)} | gold: {gold_text or '-'}"
        )
    gold_quotes = [r for r in records if r["kind"] == "quote"]
    paired = {id(q): g for g, q in pairs(gold_quotes, quotes, lenient=False)}
    for quote in quotes:
        gold = paired.get(id(quote))
        verdict = (
            "not a gold quote"
            if gold is None
            else ("speaker right" if speaker_right(quote, gold) else "speaker wrong")
        )
        expected = gold["speaker"]["name"] if gold and gold["speaker"] else None
        lines.append(
            f"quote [{quote.start}:{quote.end}] {verdict}: {quote.speakers[:1]}"
            f"{_conf(quote.confidence)}" + (f" | gold: {expected}" if gold is not None else "")
        )
    found = {id(g) for g in paired.values()}
    for gold in gold_quotes:
        if id(gold) not in found and gold["quote_kind"] != "optional":
            speaker = gold["speaker"]["name"] if gold["speaker"] else None
            lines.append(
                f"quote missed [{gold['start']}:{gold['end']}] {gold['quote_kind']} | gold: {speaker}"
            )
    return lines


def _conf(confidence: float | None) -> str:
    return "" if confidence is None else f" c={confidence:.2f}"


def _name(side: Side | None) -> str:
    return "-" if side is None else f"{side.name} ({side.code or '-'})"
