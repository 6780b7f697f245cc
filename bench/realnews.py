"""Events and quotes on real international news, against the hand-made gold of issue 11.

Usage::

    python bench/realnews.py --data ../shared/bench
    python bench/realnews.py --data ../shared/bench --gold bench/realnews/gold.jsonl \
        --gold bench/realnews/dev2.jsonl
    python bench/realnews.py --data ../shared/bench --gold bench/realnews/blind5.jsonl \
        --gold bench/realnews/blind6.jsonl

The gold (``bench/realnews/gold.jsonl`` by default, described in ``bench/realnews/README.md``)
anchors sentences and quote contents in 21 articles of the shared bench folder;
``dev2.jsonl``, ``blind2.jsonl`` to ``blind4.jsonl`` and ``blind7.jsonl`` hold more
development articles (the blind ones were held out until their errors were read);
``blind5.jsonl`` and ``blind6.jsonl`` are the held-out sets of 8 and 9 more, on which no
rule may be tuned. ``--gold`` may be
given several times to pool sets (an article in two of them stops the run). Each article's
text goes through blocwatch's own pipeline (:func:`blocwatch.stages.default_pipeline`) as
a plain-text document, with the publication date the source gives. System spans live in
the cleaned text; they are mapped back onto the source text by alignment.

Events. A system event belongs to the annotated sentence its evidence overlaps most; a
sentence the gold does not list holds no event. It is right when its type is the gold
type (or one of the gold's ``alt_types``) and its source and target match the gold's
(either way round for meetings and other symmetric acts) in the same sentence; matching
is one-to-one, and identical system events in one sentence count once. Events in
``unscored`` sentences are ignored. Gold events marked ``negated`` are not facts: they
are out of recall, and a system event matching one is wrong unless the system marks it
negated too. Besides precision and recall it prints, over the sentences where both the
gold and the system have events, how often the system's type, source and target agree
with some gold event there; the false alarms on the gold's no-event sentences; and the
type confusion (``NONE`` = no event).

Quotes. A system quote of three words or more matches a gold quote when their shared
characters cover at least half of the longer of the two (the project's PolNeAR rule;
``lenient`` = half of the shorter), one-to-one, greedy by overlap. Gold ``optional``
quotes are neither found nor missed. The speaker is right when the system's speaker (or
a name the text gives the actor it resolved to) matches the gold speaker's names; when
the gold speaker is null, only an unresolved speaker is right.

Actors match by code (ISO3, organisation, or the first three letters of a CAMEO code) or
by name: equal after case-folding and dropping "the" and punctuation, or one containing
the other as whole words when the contained one is a proper name. Pronouns never match.

Baselines: ``first_two_actors`` codes, in every sentence with two or more different
actors found by blocwatch's actor stage, the gold's most frequent type with the first
actor as source and the second as target (``first_two_actors_gold_sentences`` does the
same only in the gold's event sentences, an oracle gate). Its quotes are blocwatch's
quote spans with the speaker replaced by the nearest person named before the quote.

When events or quotes carry a ``confidence``, figures are also given for the ones at or
above the threshold (``--min-confidence``, default the settings' ``min_confidence``);
``with_source_and_target`` gives precision and recall over the events with both sides,
whatever their confidence (a one-sided event is never right by the gold's rules).
``--explain`` prints every system fact with its verdict to stderr, then every gold event no
system event matches, with what blocwatch saw in that sentence (the actors it found, its
events there, the words whose senses could give the gold type) and why it was missed:
``no-sense`` (no word of the sentence has a sense of the gold type in the verb or noun
tables), ``no-source-actor`` / ``no-target-actor`` (no actor found in the sentence matches
that gold side), ``roles`` (the sense and both actors are there, but the roles did not link
them), ``wrong-type`` (an event with both gold sides but another type). The matching rules
live in ``realnews_score.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from blocwatch.model import ActorKind, Article, EventStatus, MediaType, RawDocument, Rejection
from blocwatch.nlp.events.lexicon import Lexicon, default_lexicon
from blocwatch.nlp.events.ontology import cameo_type
from blocwatch.nlp.quotes.speakers import ATTRIBUTED
from blocwatch.stages import default_pipeline
from realnews_score import (
    MIN_QUOTE_WORDS,
    EventTally,
    GoldRecord,
    QuoteTally,
    Side,
    SysEvent,
    SysQuote,
    event_figures,
    explain,
    overlap,
    place,
    quote_figures,
    roles_ok,
    score_events,
    score_quotes,
    sentence_table,
    side_matches,
    type_ok,
)

GOLD = Path(__file__).with_name("realnews") / "gold.jsonl"


# --------------------------------------------------------------------------- gold


def load_gold(path: Path, data: Path) -> tuple[dict[str, list[GoldRecord]], dict[str, str]]:
    """Gold records per file, and each file's text; a drifted anchor stops the run."""
    by_file: dict[str, list[GoldRecord]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            record["line"] = number
            by_file[record["file"]].append(record)
    texts = {name: source_text(data, name) for name in by_file}
    for name, records in by_file.items():
        for record in records:
            anchored = texts[name][record["start"] : record["end"]]
            digest = hashlib.sha1(anchored.encode("utf-8")).hexdigest()[: len(record["sha1"])]
            if digest != record["sha1"]:
                raise SystemExit(
                    f"{path}:{record['line']}: the text of {name} [{record['start']}, "
                    f"{record['end']}) no longer matches its anchor (sha1 {record['sha1']})"
                )
    return dict(by_file), texts


@cache
def _documents(path: Path) -> dict[str, str]:
    """The texts of a JSON-lines corpus by ``doc_id``, read once however many of its
    documents the gold anchors."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {str(d["doc_id"]): str(d["text"]) for d in map(json.loads, lines) if d.get("doc_id")}


def load_golds(
    paths: Sequence[Path], data: Path
) -> tuple[dict[str, list[GoldRecord]], dict[str, str]]:
    """Several gold files pooled; an article in two of them stops the run (its events
    would count twice)."""
    gold: dict[str, list[GoldRecord]] = {}
    texts: dict[str, str] = {}
    for path in paths:
        more, more_texts = load_gold(path, data)
        for name in more:
            if name in gold:
                raise SystemExit(f"{path}: {name} is in an earlier gold file too")
        gold.update(more)
        texts.update(more_texts)
    return gold, texts


def source_text(data: Path, name: str) -> str:
    """The exact string the anchors index: a cnndm record's article, a whole text file,
    (``file.json#id``) the ``articleBody`` of one page of the extraction ground truth, or
    (``file.jsonl#id``) the ``text`` of the ECB+ document with that ``doc_id``."""
    file_name, _, page = name.partition("#")
    path = data / file_name
    if not path.is_file():
        raise SystemExit(f"{path}: missing (is --data the shared bench folder?)")
    if page and path.suffix == ".jsonl":
        documents = _documents(path)
        if page not in documents:
            raise SystemExit(f"{path}: no document {page}")
        return documents[page]
    if page:
        pages = json.loads(path.read_text(encoding="utf-8"))
        if page not in pages:
            raise SystemExit(f"{path}: no page {page}")
        return str(pages[page]["articleBody"])
    if path.suffix == ".json":
        return str(json.loads(path.read_text(encoding="utf-8"))["article"])
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- running


class Aligner:
    """Maps offsets in the cleaned text back to the source text."""

    def __init__(self, cleaned: str, source: str) -> None:
        self.same = cleaned == source
        self.blocks = []
        if not self.same:
            matcher = SequenceMatcher(None, cleaned, source, autojunk=False)
            self.blocks = [b for b in matcher.get_matching_blocks() if b.size]

    def __call__(self, offset: int) -> int:
        if self.same:
            return offset
        best = min(
            self.blocks, key=lambda b: 0 if b.a <= offset < b.a + b.size else abs(b.a - offset)
        )
        return best.b + min(max(offset - best.a, 0), best.size)


def published_of(records: list[GoldRecord]) -> str | None:
    for record in records:
        if record["kind"] == "article":
            value = record.get("published")
            return str(value) if value else None
    return None


def run_pipeline(gold: dict[str, list[GoldRecord]], texts: dict[str, str]) -> dict[str, Article]:
    docs = [
        RawDocument(
            source=name,
            content=texts[name].encode("utf-8"),
            media_type=MediaType.TEXT,
            published=published_of(records),
        )
        for name, records in gold.items()
    ]
    articles: dict[str, Article] = {}
    for item in default_pipeline().run(docs):
        if isinstance(item, Rejection):
            print(f"realnews: {item.source} rejected: {item.reason}", file=sys.stderr)
        elif isinstance(item, Article):
            articles[item.raw_path or item.id] = item
    return articles


def _side(actor: Any) -> Side | None:
    if actor is None:
        return None
    return Side(str(getattr(actor, "name", "") or ""), getattr(actor, "code", None))


def _confidence(fact: Any) -> float | None:
    value = getattr(fact, "confidence", None)
    return float(value) if isinstance(value, int | float) else None


def system_events(article: Article, align: Aligner) -> list[SysEvent]:
    events = []
    for event in article.events:
        status = event.status.value if isinstance(event.status, EventStatus) else str(event.status)
        events.append(
            SysEvent(
                align(event.evidence.span.start),
                align(event.evidence.span.end),
                str(event.type),
                _side(event.source),
                _side(event.target),
                status,
                _confidence(event),
            )
        )
    return events


def _speaker_name(speaker: Any) -> str | None:
    """The speaker as a string, whether the model gives a string or an actor-like record."""
    if speaker is None or isinstance(speaker, str):
        return speaker or None
    return str(getattr(speaker, "name", "") or "") or None


def system_quotes(article: Article, align: Aligner) -> list[SysQuote]:
    names: dict[str, list[str]] = defaultdict(list)
    for mention in article.mentions:
        names[mention.actor_id].append(mention.name)
    quotes = []
    for quote in article.quotes:
        if len(quote.text.split()) < MIN_QUOTE_WORDS:
            continue
        speaker = _speaker_name(quote.speaker)
        speakers = [speaker] if speaker else []
        if speaker and getattr(quote, "speaker_actor_id", None):
            speakers += names.get(str(quote.speaker_actor_id), [])
        start, end = align(quote.evidence.span.start), align(quote.evidence.span.end)
        quotes.append(SysQuote(start, end, tuple(speakers), _confidence(quote)))
    return quotes


# --------------------------------------------------------------------------- baselines


def _mention_side(mention: Any) -> Side:
    kind = mention.kind
    stands_for = kind in (ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.BLOC)
    return Side(mention.name, mention.actor_id if stands_for else mention.country)


def baseline_events(
    article: Article, align: Aligner, majority: str, only: list[tuple[int, int]] | None
) -> list[SysEvent]:
    events = []
    for sentence in article.sentences:
        start, end = align(sentence.span.start), align(sentence.span.end)
        if only is not None and not any(overlap((start, end), span) for span in only):
            continue
        inside = [
            m
            for m in article.mentions
            if sentence.span.start <= m.evidence.span.start < sentence.span.end
        ]
        inside.sort(key=lambda m: m.evidence.span.start)
        distinct = list({m.actor_id: m for m in reversed(inside)}.values())
        distinct.sort(key=lambda m: m.evidence.span.start)
        if len(distinct) >= 2:
            source, target = (_mention_side(m) for m in distinct[:2])
            events.append(SysEvent(start, end, majority, source, target, "happened", None))
    return events


def baseline_quotes(article: Article, align: Aligner) -> list[SysQuote]:
    people = sorted(
        (m for m in article.mentions if m.kind is ActorKind.PERSON),
        key=lambda m: m.evidence.span.start,
    )
    quotes = []
    for quote in article.quotes:
        if len(quote.text.split()) < MIN_QUOTE_WORDS:
            continue
        before = [m for m in people if m.evidence.span.end <= quote.evidence.span.start]
        speaker = (before[-1].name,) if before else ()
        start, end = align(quote.evidence.span.start), align(quote.evidence.span.end)
        quotes.append(SysQuote(start, end, speaker, None))
    return quotes


# --------------------------------------------------------------------------- misses


def lemma_types(lexicon: Lexicon, lemma: str) -> set[str]:
    """Every PLOVER type some sense of ``lemma`` can give: blocwatch's verb and noun
    tables, the nouns read as their verbs, and the PETRARCH2 entry with its patterns."""
    senses = [*lexicon.verbs.get(lemma, ()), *lexicon.noun_senses(lemma)]
    senses += lexicon.nominal_senses(lemma)
    types = {s.type for s in senses}
    entry = lexicon.broad.lookup(lemma) if lexicon.broad is not None else None
    if entry is not None:
        codes = [entry.code, *(p.code for p in entry.patterns)]
        types |= {t for c in codes if c for t in [cameo_type(c)] if t}
    return types


def sentence_view(article: Article, align: Aligner, span: tuple[int, int]) -> dict[str, Any]:
    """What blocwatch saw in one gold sentence: the actors its recogniser found there and
    the lemmas of the parsed words, each with the types its senses can give."""
    actors: list[Side] = []
    for mention in article.mentions:
        start = align(mention.evidence.span.start)
        if span[0] <= start < span[1] and mention.kind is not ActorKind.PLACE:
            actors.append(_mention_side(mention))
    lexicon = default_lexicon()
    senses: dict[str, set[str]] = {}
    by_index = {s.index: s for s in article.sentences}
    for parse in article.parses:
        sentence = by_index.get(parse.sentence_index)
        if sentence is None:
            continue
        if not overlap(span, (align(sentence.span.start), align(sentence.span.end))):
            continue
        for token in parse.tokens:
            if token.pos in {"VERB", "NOUN", "ADJ"}:
                lemma = token.lemma.lower()
                senses.setdefault(lemma, lemma_types(lexicon, lemma))
    return {"actors": actors, "senses": senses}


def missed_events(
    records: list[GoldRecord], events: list[SysEvent], article: Article, text: str
) -> list[str]:
    """One line per gold event (not negated) that no system event of its sentence
    matches, with the reasons it was missed and what the system saw there."""
    align = Aligner(article.text, text)
    table = sentence_table(records)
    placed: dict[tuple[int, int], list[SysEvent]] = defaultdict(list)
    for event in events:
        span = place(event, list(table))
        if span is not None:
            placed[span].append(event)
    lines = []
    for span, (kind, gold_events) in table.items():
        if kind != "event":
            continue
        mine = placed.get(span, [])
        seen: dict[str, Any] | None = None
        for gold in gold_events:
            if gold["status"] == "negated":
                continue
            if any(type_ok(e, gold) and roles_ok(e, gold) for e in mine):
                continue
            seen = seen or sentence_view(article, align, span)
            words = " ".join(text[span[0] : span[1]].split())
            lines.append(f"{_miss_line(gold, span, mine, seen)} | {words[:200]}")
    return lines


def _miss_line(
    gold: GoldRecord, span: tuple[int, int], mine: list[SysEvent], seen: dict[str, Any]
) -> str:
    types = {gold["type"], *gold.get("alt_types", [])}
    found: list[Side] = [*seen["actors"]]
    found += [s for e in mine for s in (e.source, e.target) if s is not None]
    reasons = []
    words = sorted(w for w, t in seen["senses"].items() if t & types)
    if not words:
        reasons.append("no-sense")
    for role in ("source", "target"):
        if gold[role] is not None and not any(side_matches(s, gold[role]) for s in found):
            reasons.append(f"no-{role}-actor")
    if any(roles_ok(e, gold) for e in mine):
        reasons.append("wrong-type")
    elif not reasons:
        reasons.append("roles")
    actors = ", ".join(sorted({_side_text(s) for s in seen["actors"]})) or "-"
    system = "; ".join(f"{e.type} {_side_text(e.source)} -> {_side_text(e.target)}" for e in mine)
    return (
        f"missed [{span[0]}:{span[1]}] {gold['type']} {_gold_name(gold['source'])} -> "
        f"{_gold_name(gold['target'])} ({gold['status']}) | why: {' '.join(reasons)} | "
        f"sense words: {', '.join(words) or '-'} | actors: {actors} | system: {system or '-'}"
    )


def _side_text(side: Side | None) -> str:
    return "-" if side is None else f"{side.name} ({side.code or '-'})"


def _gold_name(actor: GoldRecord | None) -> str:
    return "-" if actor is None else str(actor["name"])


# --------------------------------------------------------------------------- report


Facts = dict[str, tuple[list[SysEvent], list[SysQuote]]]


def figures(
    gold: dict[str, list[GoldRecord]], facts: Facts, with_quotes: bool = True
) -> dict[str, Any]:
    """Overall figures, then the same per source set."""
    out: dict[str, Any] = {}
    sets = sorted({records[0]["set"] for records in gold.values()})
    for name in ("all", *sets):
        events, quotes = EventTally(), QuoteTally()
        for file, records in gold.items():
            if name != "all" and records[0]["set"] != name:
                continue
            file_events, file_quotes = facts.get(file, ([], []))
            score_events(events, records, file_events)
            score_quotes(quotes, records, file_quotes)
        block = {**event_figures(events), **(quote_figures(quotes) if with_quotes else {})}
        if name == "all":
            out.update(block)
        else:
            block.pop("type_confusion_gold_to_system")
            out[f"by_set_{name}"] = block
    return out


def _kept(confidence: float | None, threshold: float) -> bool:
    return confidence is None or confidence >= threshold


def confident(facts: Facts, threshold: float, quote_floor: float = ATTRIBUTED) -> Facts | None:
    """Only the events at or above ``threshold`` and the quotes at or above the quotes'
    default view (``quote_floor``); None when nothing carries a confidence."""
    confidences = [e.confidence for events, _ in facts.values() for e in events]
    confidences += [q.confidence for _, quotes in facts.values() for q in quotes]
    scored = any(c is not None for c in confidences)
    if not scored:
        return None
    return {
        file: (
            [e for e in events if _kept(e.confidence, threshold)],
            [q for q in quotes if _kept(q.confidence, quote_floor)],
        )
        for file, (events, quotes) in facts.items()
    }


def two_sided(facts: Facts) -> Facts:
    """Only the events with both a source and a target: what relations are counted from.
    The gold codes no event without a target, so a one-sided event is never right; this
    tells how the two-sided ones fare, whatever their confidence."""
    return {
        file: ([e for e in events if e.source is not None and e.target is not None], quotes)
        for file, (events, quotes) in facts.items()
    }


def _headline(block: dict[str, Any]) -> dict[str, Any]:
    keys = ("event_precision", "event_recall", "events_right", "events_reported")
    return {key: block[key] for key in keys}


def default_threshold() -> float:
    """The threshold pages and exports apply by default (0.5 where settings have none)."""
    try:
        from blocwatch.settings import Settings
    except ImportError:
        return 0.5
    return float(getattr(Settings(), "min_confidence", 0.5))


def majority_type(gold: dict[str, list[GoldRecord]]) -> str:
    types = Counter(r["type"] for rs in gold.values() for r in rs if r["kind"] == "event")
    return str(types.most_common(1)[0][0])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="gold file (repeat to pool several; default bench/realnews/gold.jsonl)",
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="threshold for the confident-only figures (default: the settings' min_confidence)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print each system fact's verdict to stderr"
    )
    args = parser.parse_args(argv)
    golds = args.gold or [GOLD]
    gold, texts = load_golds(golds, args.data)
    started = time.perf_counter()
    articles = run_pipeline(gold, texts)
    seconds = time.perf_counter() - started
    facts: Facts = {}
    baseline: Facts = {}
    oracle: Facts = {}
    majority = majority_type(gold)
    for file, records in gold.items():
        article = articles.get(file)
        if article is None:
            continue
        align = Aligner(article.text, texts[file])
        facts[file] = (system_events(article, align), system_quotes(article, align))
        quotes = baseline_quotes(article, align)
        baseline[file] = (baseline_events(article, align, majority, None), quotes)
        spans = [(r["start"], r["end"]) for r in records if r["kind"] == "event"]
        oracle[file] = (baseline_events(article, align, majority, spans), [])
    if args.explain:
        for file, (events, quotes) in facts.items():
            for verdict in explain(gold[file], events, quotes):
                print(f"{file}: {verdict}", file=sys.stderr)
        for file, (events, _) in facts.items():
            for miss in missed_events(gold[file], events, articles[file], texts[file]):
                print(f"{file}: {miss}", file=sys.stderr)
    common = {
        "split": "realnews",
        "gold": "+".join(g.name for g in golds),
        "articles": len(gold),
        "articles_run": len(articles),
    }
    line: dict[str, Any] = {"system": "blocwatch", **common, **figures(gold, facts)}
    line["seconds"] = round(seconds, 2)
    threshold = default_threshold() if args.min_confidence is None else args.min_confidence
    sure = confident(facts, threshold)
    if sure is not None:
        line["at_min_confidence"] = {"threshold": threshold, **figures(gold, sure)}
    line["with_source_and_target"] = _headline(figures(gold, two_sided(facts), False))
    print(json.dumps(line))
    base = {"system": "first_two_actors", **common, "event_type": majority}
    print(json.dumps({**base, **figures(gold, baseline)}))
    oracle_figures = figures(gold, oracle, with_quotes=False)
    print(json.dumps({**base, "system": "first_two_actors_gold_sentences", **oracle_figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
