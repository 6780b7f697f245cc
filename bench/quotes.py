"""Quotes against PolNeAR (source, cue and content spans) and against the seed pages.

Usage::

    python bench/quotes.py --polnear ../shared/bench/quotes/polnear/dev
    python bench/quotes.py --seeds ../shared/corpus/seeds --gold ../shared/gold/seeds.json

The seeds run resolves speakers to actors through the actors stage (``--no-mentions``
finds them from the text alone).

PolNeAR: each article's attributions come from one annotator — the first ``.ann`` file in
name order when several annotators did the article (two dev articles). Spans are scored
per article and per kind (Source, Cue, Content) as sets: an identical span counted once.
A span with several pieces (an interrupted quote) is the tuple of its pieces. *Exact*
means the same pieces; *overlap* means the shared characters cover at least half of the
longer of the two spans. Matching is one-to-one, greedy by overlap. Speakers are judged
where the gold source is a name (see ``_speaker_accuracy``). Lines printed: blocwatch on
dev; 5-fold cross-validation by article (a confidence floor chosen on the training folds,
the held-out fold scored with it); the confidence of an unresolved role speaker ("a
spokesman said") chosen the same way at the default view (the objective of every value
tried on all of dev, then the held-out folds scored with each fold's choice, and how often
those attributions are right); dev at the quotes' default view (``ATTRIBUTED``); speakers
without any parse (the rules' source words alone); a computed baseline (every quoted
stretch of four words or more as a content); and the published exact-span F1 of two
systems on the *test* split. The attribution rules were written while reading PolNeAR
dev, so its figures are development figures, not unseen-data ones.

Seeds: runs on the raw page text (furniture included, since cleaning is a separate
stage). A gold direct quote is found when a direct quote starts with its ``starts_with``
text and the speaker matches; a reported-speech entry when an indirect quote contains its
``contains`` text. The speaker matches when it (without "the") equals the gold name or one
of the gold person's aliases, or when the actor it resolves to carries one of them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from blocwatch.model import Mention, Quote, QuoteKind, Sentence, Span
from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer
from blocwatch.nlp.quotes import (
    Attribution,
    SpeakerBasis,
    extract_quotes,
    find_attributions,
    needs_parse,
    resolve_speakers,
)
from blocwatch.nlp.quotes.speakers import ATTRIBUTED
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.syntax import SyntaxParser, worth_parsing

Piece = tuple[tuple[int, int], ...]
KINDS = ("source", "cue", "content")


def load_ann(path: Path) -> list[dict[str, Piece]]:
    spans: dict[str, tuple[str, Piece]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0].startswith("T"):
            label, offsets = fields[1].split(" ", 1)
            pieces = tuple(tuple(map(int, part.split())) for part in offsets.split(";"))
            spans[fields[0]] = (label, pieces)  # type: ignore[assignment]
        elif fields[0].startswith("E"):
            relations.append(dict(part.split(":") for part in fields[1].split()))
    found = []
    for relation in relations:
        item = {}
        for role in ("Source", "Cue", "Content"):
            if role in relation and relation[role] in spans:
                item[role.lower()] = spans[relation[role]][1]
        found.append(item)
    return found


def as_pieces(attribution: Attribution) -> dict[str, Piece]:
    item: dict[str, Piece] = {
        "content": tuple((s.start, s.end) for s in attribution.content),
    }
    if attribution.source:
        item["source"] = ((attribution.source.start, attribution.source.end),)
    if attribution.cue:
        item["cue"] = ((attribution.cue.start, attribution.cue.end),)
    return item


def _chars(piece: Piece) -> set[int]:
    return {i for start, end in piece for i in range(start, end)}


def _overlaps(gold: Piece, found: Piece) -> bool:
    shared = len(_chars(gold) & _chars(found))
    longest = max(len(_chars(gold)), len(_chars(found)))
    return longest > 0 and shared * 2 >= longest


def _matches(gold: set[Piece], found: set[Piece], same: Callable[[Piece, Piece], bool]) -> int:
    pairs = sorted(
        ((len(_chars(g) & _chars(f)), g, f) for g in gold for f in found if same(g, f)),
        reverse=True,
    )
    used_gold: set[Piece] = set()
    used_found: set[Piece] = set()
    for _, g, f in pairs:
        if g not in used_gold and f not in used_found:
            used_gold.add(g)
            used_found.add(f)
    return len(used_gold)


def _prf(hits: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = hits / found if found else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def quoted_text_only(text: str, sentences: list[Sentence]) -> list[Attribution]:
    """Baseline: every stretch in quotation marks of four words or more is a content, with
    no source or cue."""
    found = []
    for match in re.finditer(r"“[^”\n]+”|\"[^\"\n]+\"", text):
        if len(match.group().split()) >= 4:
            span = Span(match.start(), match.end())
            found.append(Attribution(None, None, (span,), QuoteKind.DIRECT))
    return found


Finder = Callable[[str, list[Sentence]], list[Attribution]]


@dataclass
class Run:
    """One article as a system saw it: gold items, found items with their confidence."""

    name: str
    text: str
    gold: list[dict[str, Piece]]
    found: list[dict[str, Piece]]
    confidence: list[float]
    speakers: list[str | None]
    bases: list[str] | None = None
    """How each speaker was found (:class:`SpeakerBasis` values), where known."""


def polnear(folder: Path, show: int) -> None:
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        article = re.sub(r"_[0-9a-f]{4}\.ann$", "", path.name)
        annotations.setdefault(article, path)
    runs, unparsed, timing = _run_blocwatch(folder, annotations)
    print(json.dumps({"system": "blocwatch", "split": "dev", **_score(runs, 0.0, show), **timing}))
    print(json.dumps({"system": "blocwatch", "split": "cv", **_cross_validate(runs)}))
    default_view = ATTRIBUTED
    for line in _unresolved_choice(runs, default_view):
        print(json.dumps(line))
    print(
        json.dumps(
            {"system": "blocwatch_default_view", "split": "dev", **_score(runs, default_view)}
        )
    )
    print(json.dumps({"system": "blocwatch_no_parse", "split": "dev", **_score(unparsed, 0.0)}))
    baseline = [
        Run(r.name, r.text, r.gold, [as_pieces(a) for a in quoted_text_only(r.text, [])], [], [])
        for r in runs
    ]
    for run in baseline:
        run.confidence = [1.0] * len(run.found)
        run.speakers = [None] * len(run.found)
    print(json.dumps({"system": "quoted_text_only", "split": "dev", **_score(baseline, 0.0)}))
    for system, figures in PUBLISHED.items():
        published: dict[str, object] = {"system": system, "split": "test (published)"}
        keys = ("source_f1_exact", "cue_f1_exact", "content_f1_exact")
        published.update(zip(keys, figures, strict=True))
        print(json.dumps(published))


PUBLISHED = {
    "rule_based_published": (0.107, 0.228, 0.056),
    "bert_crf_published": (0.822, 0.749, 0.710),
}
"""Exact-span F1 (source, cue, content) published for the PolNeAR test split."""

THRESHOLDS = (0.0, 0.2, 0.5, 0.6, 0.75, 0.85)
"""Confidence floors tried in cross-validation (between the speaker bases' scores)."""


def _run_blocwatch(
    folder: Path, annotations: dict[str, Path]
) -> tuple[list[Run], list[Run], dict[str, object]]:
    """Finds attributions and speakers as the pipeline does: actors, then the sentences
    worth parsing (or holding a cue) parsed, then quotes. Parse time is timed apart.
    Times are CPU seconds of this process, so other work on a shared machine does not
    count against the rates. The second list is the baseline without any parse: speakers
    from the rules' source words alone."""
    parser = SyntaxParser()
    parser.parse("Warm up.", split_sentences("Warm up."))
    recognizer = ActorRecognizer(ActorDictionary.default())
    runs: list[Run] = []
    unparsed: list[Run] = []
    parse_seconds = quote_seconds = 0.0
    parsed = total = 0
    for article, path in sorted(annotations.items()):
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        sentences = split_sentences(text)
        mentions = list(recognizer.recognize(article, text, sentences, None))
        began = time.process_time()
        chosen = [s for s in sentences if worth_parsing(s, mentions) or needs_parse(s)]
        parses = parser.parse(text, chosen)
        parse_seconds += time.process_time() - began
        parsed += len(chosen)
        total += len(sentences)
        began = time.process_time()
        attributions = find_attributions(text, sentences)
        speakers = resolve_speakers(text, sentences, attributions, mentions, parses)
        quote_seconds += time.process_time() - began
        found = [as_pieces(a) for a in attributions]
        gold = load_ann(path)
        runs.append(
            Run(
                article,
                text,
                gold,
                found,
                [s.confidence for s in speakers],
                [s.name for s in speakers],
                [s.basis.value for s in speakers],
            )
        )
        alone = resolve_speakers(text, sentences, attributions, mentions)
        unparsed.append(
            Run(article, text, gold, found, [s.confidence for s in alone], [s.name for s in alone])
        )
    count = sum(len(r.found) for r in runs)
    timing: dict[str, object] = {
        "quotes_per_s": round(count / quote_seconds),
        "parse_sentences_per_s": round(parsed / parse_seconds),
        "parsed_sentence_share": round(parsed / total, 3),
        "quotes_per_s_with_parse": round(count / (quote_seconds + parse_seconds)),
    }
    return runs, unparsed, timing


def _score(runs: Sequence[Run], floor: float, show: int = 0) -> dict[str, object]:
    """Span P/R/F1 over the attributions whose speaker confidence reaches ``floor``,
    and speaker accuracy (see :func:`_speaker_accuracy`)."""
    totals = {(k, m): [0, 0, 0] for k in KINDS for m in ("exact", "overlap")}
    shown = 0
    kept_runs = []
    for run in runs:
        kept = [i for i, c in enumerate(run.confidence) if c >= floor]
        found_items = [run.found[i] for i in kept]
        kept_runs.append((run, found_items, [run.speakers[i] for i in kept]))
        for kind in KINDS:
            gold = {item[kind] for item in run.gold if kind in item}
            found = {item[kind] for item in found_items if kind in item}
            for mode, same in (("exact", lambda g, f: g == f), ("overlap", _overlaps)):
                row = totals[(kind, mode)]
                row[0] += _matches(gold, found, same)
                row[1] += len(found)
                row[2] += len(gold)
            if kind == "content" and shown < show:
                for f in sorted(found - gold):
                    if shown < show and not any(_overlaps(g, f) for g in gold):
                        print("FP", repr(" | ".join(run.text[s:e] for s, e in f)[:200]))
                        shown += 1
                for g in sorted(gold - found):
                    if shown < show and not any(_overlaps(g, f) for f in found):
                        print("FN", repr(" | ".join(run.text[s:e] for s, e in g)[:200]))
                        shown += 1
    result: dict[str, object] = {"articles": len(runs), "min_confidence": floor}
    for (kind, mode), (hits, found_count, gold_count) in totals.items():
        precision, recall, f1 = _prf(hits, found_count, gold_count)
        result[f"{kind}_precision_{mode}"] = round(precision, 3)
        result[f"{kind}_recall_{mode}"] = round(recall, 3)
        result[f"{kind}_f1_{mode}"] = round(f1, 3)
    result.update(_speaker_accuracy(kept_runs))
    return result


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "that"])


_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gov",
        "sen",
        "rep",
        "del",
        "rev",
        "gen",
        "st",
        "jr",
        "sr",
        "president",
        "senator",
    ]
)


def _gold_names(source: str) -> set[str] | None:
    """The names a gold source gives ("Rep. Gwen Moore (D-Wis.)" → {"gwen", "moore"};
    "Mr. Grassley and Mr. Leahy" → {"grassley", "leahy"}), when the source is a name:
    the last word of its first comma-separated piece is capitalised. Descriptions ("The
    GOP nominee"), pronouns and common nouns ("sources") are not judged: the corpus does
    not say whom they stand for."""
    piece = re.sub(r"\([^)]*\)", " ", source.split(",")[0])
    piece = re.sub(r"[’']s?\b", " ", piece)
    words = re.findall(r"[\w.-]+", piece)
    if not words or not words[-1][:1].isupper() or words[-1].lower() in _PRONOUNS:
        return None
    return {
        w.lower().rstrip(".")
        for w in words
        if w[:1].isupper() and w.lower().rstrip(".") not in _TITLES | {"the", "a", "an"}
    }


def _speaker_accuracy(
    kept: Sequence[tuple[Run, list[dict[str, Piece]], list[str | None]]],
) -> dict[str, object]:
    """Speakers of the gold attributions whose source is a name (:func:`_gold_names`)
    and whose content blocwatch found (≥50% overlap). ``speaker_accuracy`` is the share
    whose speaker shares a name word with the gold source; ``speaker_precision`` the same
    share among those given a capitalised speaker (a wrong name counts against it, no
    speaker or a role does not)."""
    right = judged = wrong = 0
    for run, found_items, speakers in kept:
        for gold in run.gold:
            if "source" not in gold or "content" not in gold:
                continue
            names = _gold_names(" ".join(run.text[s:e] for s, e in gold["source"]))
            match = next(
                (i for i, f in enumerate(found_items) if _overlaps(gold["content"], f["content"])),
                None,
            )
            if not names or match is None:
                continue
            judged += 1
            speaker = speakers[match] or ""
            said = {w.lower().rstrip(".") for w in re.findall(r"[\w.-]+", speaker)}
            if names & said:
                right += 1
            elif speaker[:1].isupper():
                wrong += 1
    return {
        "speaker_accuracy": round(right / judged, 3) if judged else None,
        "speaker_precision": round(right / (right + wrong), 3) if right + wrong else None,
        "speakers_judged": judged,
        "speakers_given": sum(s is not None for _, _, speakers in kept for s in speakers),
    }


def _cross_validate(runs: Sequence[Run], folds: int = 5) -> dict[str, object]:
    """5-fold cross-validation by article: the confidence floor is chosen on the four
    training folds (best mean of content overlap F1 and exact source F1), then the
    held-out fold is scored with it. Figures pool the held-out folds."""
    held_out: list[Run] = []
    chosen: list[float] = []
    for fold in range(folds):
        train = [r for i, r in enumerate(runs) if i % folds != fold]
        test = [r for i, r in enumerate(runs) if i % folds == fold]

        def objective(floor: float, train: list[Run] = train) -> float:
            figures = _score(train, floor)
            return float(figures["content_f1_overlap"]) + float(figures["source_f1_exact"])  # type: ignore[arg-type]

        floor = max(THRESHOLDS, key=objective)
        chosen.append(floor)
        for run in test:
            kept = [i for i, c in enumerate(run.confidence) if c >= floor]
            held_out.append(
                Run(
                    run.name,
                    run.text,
                    run.gold,
                    [run.found[i] for i in kept],
                    [run.confidence[i] for i in kept],
                    [run.speakers[i] for i in kept],
                )
            )
    result = _score(held_out, 0.0)
    result["min_confidence"] = chosen
    per_fold = [
        _score([r for i, r in enumerate(runs) if i % folds == fold], chosen[fold])
        for fold in range(folds)
    ]
    for key in ("content_f1_overlap", "source_f1_exact"):
        values = [float(f[key]) for f in per_fold]  # type: ignore[arg-type]
        result[f"{key}_fold_min"] = round(min(values), 3)
        result[f"{key}_fold_max"] = round(max(values), 3)
    return result


UNRESOLVED_CHOICES = (0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.75)
"""Confidences tried for an explicit unresolved role speaker ("a spokesman said")."""


def _with_unresolved(runs: Sequence[Run], value: float) -> list[Run]:
    """The runs with every unresolved-role speaker given confidence ``value``."""
    return [
        replace(
            run,
            confidence=[
                value if basis == SpeakerBasis.UNRESOLVED.value else c
                for c, basis in zip(run.confidence, run.bases or [], strict=True)
            ],
        )
        for run in runs
    ]


def _objective(runs: Sequence[Run], floor: float) -> float:
    figures = _score(runs, floor)
    return float(figures["content_f1_overlap"]) + float(figures["source_f1_exact"])  # type: ignore[arg-type]


def _unresolved_choice(
    runs: Sequence[Run], floor: float, folds: int = 5
) -> list[dict[str, object]]:
    """The confidence of an unresolved-role speaker, chosen by 5-fold cross-validation
    at the default view's floor: on the training folds every value of
    :data:`UNRESOLVED_CHOICES` is scored (content overlap F1 + exact source F1), the
    middle of the best plateau is taken, and the held-out fold is scored with it. Also
    the precision of the unresolved-role attributions themselves (content found, and the
    source span overlapping the gold's), on the training and the held-out folds."""
    held_out: list[Run] = []
    chosen: list[float] = []
    for fold in range(folds):
        train = [r for i, r in enumerate(runs) if i % folds != fold]
        scores = [
            round(_objective(_with_unresolved(train, v), floor), 4) for v in UNRESOLVED_CHOICES
        ]
        best = [
            v for v, score in zip(UNRESOLVED_CHOICES, scores, strict=True) if score == max(scores)
        ]
        value = best[len(best) // 2]
        chosen.append(value)
        test = [r for i, r in enumerate(runs) if i % folds == fold]
        held_out.extend(_with_unresolved(test, value))
    dev_scores = {
        str(v): round(_objective(_with_unresolved(runs, v), floor), 4) for v in UNRESOLVED_CHOICES
    }
    cv = {
        "system": "blocwatch_default_view_unresolved_chosen",
        "split": "cv",
        **_score(held_out, floor),
        "unresolved_confidence": chosen,
        "unresolved_precision": _basis_precision(runs, SpeakerBasis.UNRESOLVED.value),
        "unresolved_precision_fold_min": min(
            _basis_precision([r for i, r in enumerate(runs) if i % folds == f], "unresolved")
            for f in range(folds)
        ),
        "named_precision": _basis_precision(runs, SpeakerBasis.NAMED.value),
    }
    dev = {
        "system": "blocwatch_default_view_by_unresolved_confidence",
        "split": "dev",
        "min_confidence": floor,
        "objective": dev_scores,
    }
    return [dev, cv]


def _basis_precision(runs: Sequence[Run], basis: str) -> float:
    """Share of the attributions whose speaker has ``basis`` that match a gold one: the
    content overlaps (≥50%) and so does the source."""
    right = total = 0
    for run in runs:
        for item, found_basis in zip(run.found, run.bases or [], strict=True):
            if found_basis != basis:
                continue
            total += 1
            right += any(
                _overlaps(gold["content"], item["content"])
                and "source" in gold
                and "source" in item
                and _overlaps(gold["source"], item["source"])
                for gold in run.gold
                if "content" in gold
            )
    return round(right / total, 3) if total else 0.0


def _plain(name: str | None) -> str:
    return re.sub(r"^the\s+", "", (name or "").strip(), flags=re.IGNORECASE)


def _speaker_matches(quote: Quote, gold_name: str, people: Sequence[dict[str, object]]) -> bool:
    names = {gold_name}
    for person in people:
        aliases = person.get("aliases") or []
        if person.get("name") == gold_name and isinstance(aliases, list):
            names.update(str(alias) for alias in aliases)
    if _plain(quote.speaker) in names:
        return True
    if not quote.speaker_actor_id:
        return False
    actor = ActorDictionary.default().get(quote.speaker_actor_id)
    return actor is not None and bool(names & {actor.name, *actor.aliases})


def _mentions(
    name: str, text: str, sentences: list[Sentence], published: str | None
) -> list[Mention]:
    day = date.fromisoformat(published[:10]) if published else None
    recognizer = ActorRecognizer(ActorDictionary.default())
    return list(recognizer.recognize(name, text, sentences, day))


def seeds(folder: Path, gold_path: Path, use_mentions: bool, use_parses: bool = True) -> None:
    documents = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    found = total = 0
    elapsed = parse_seconds = 0.0
    parser = SyntaxParser()
    count = 0
    for name, doc in sorted(documents.items()):
        text = (folder / name).read_text(encoding="utf-8")
        sentences = split_sentences(text)
        mentions = _mentions(name, text, sentences, doc.get("published")) if use_mentions else []
        began = time.process_time()
        chosen = [s for s in sentences if worth_parsing(s, mentions) or needs_parse(s)]
        parses = parser.parse(text, chosen) if use_parses else []
        parse_seconds += time.process_time() - began
        began = time.process_time()
        quotes = extract_quotes(name, text, sentences, mentions, parses)
        elapsed += time.process_time() - began
        count += len(quotes)
        people = doc.get("people", [])
        print(f"# {name} ({len(mentions)} mentions)")
        wanted = [("direct", e, e["starts_with"]) for e in doc.get("direct_quotes", [])]
        wanted += [("indirect", e, e["contains"]) for e in doc.get("reported_speech", [])]
        matched: set[int] = set()
        for kind, entry, words in wanted:
            total += 1
            collapsed = re.sub(r"\s+", " ", words)

            def has(q: Quote, kind: str = kind, collapsed: str = collapsed) -> bool:
                body = re.sub(r"\s+", " ", q.text)
                return body.startswith(collapsed) if kind == "direct" else collapsed in body

            candidates = [q for q in quotes if q.kind == QuoteKind(kind) and has(q)]
            right = [q for q in candidates if _speaker_matches(q, entry["speaker"], people)]
            if right:
                found += 1
                matched.add(id(right[0]))
                print(
                    f"  found   {kind} {entry['speaker']!r} ({right[0].speaker!r}, "
                    f"{right[0].speaker_actor_id}, cue {right[0].cue!r}): {words[:50]!r}"
                )
            elif candidates:
                speakers = ", ".join(repr(q.speaker) for q in candidates)
                print(
                    f"  MISSED  {kind} {words[:50]!r}: speaker {speakers}, gold {entry['speaker']!r}"
                )
            else:
                print(f"  MISSED  {kind} {words[:50]!r}: not found")
        for q in quotes:
            if id(q) not in matched:
                print(f"  other   {q.kind} {q.speaker!r} ({q.cue!r}): {q.text[:70]!r}")
    summary = {
        "system": "blocwatch",
        "found": found,
        "total": total,
        "recall": round(found / total, 3) if total else 1.0,
        "quotes": count,
        "quotes_per_s": round(count / elapsed) if elapsed else None,
        "parse_seconds": round(parse_seconds, 2),
    }
    print(json.dumps(summary))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polnear", type=Path)
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print this many content errors")
    parser.add_argument(
        "--no-mentions", action="store_true", help="seeds: find speakers from the text alone"
    )
    args = parser.parse_args(argv)
    if args.polnear:
        polnear(args.polnear, args.show)
    if args.seeds:
        if not args.gold:
            parser.error("--seeds needs --gold")
        seeds(args.seeds, args.gold, use_mentions=not args.no_mentions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
