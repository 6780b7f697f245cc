"""Actor recognition against hand-made gold: precision and recall per kind, and speed.

Usage::

    python bench/actors.py --corpus ../shared/corpus/seeds --gold ../shared/gold/seeds.json

The gold lists the actors *present* in each article, so each article is scored as sets of
distinct actors: states by ISO3, organisations by code, people by name (a predicted person
matches a gold one when its canonical name, an alias or a form seen in the text equals one
of the gold names), places by name (the place's canonical name or the words in the text,
without a leading "the"). Precision and recall are given per article and pooled over all
articles (micro-averaged).

Seed files are raw pages with furniture around the article. The ``blocwatch`` line runs on
the article body the cleaning stage keeps (``clean_text``), which is what the pipeline
stores and recognises actors in; the ``blocwatch_raw_text`` line runs on the page as given. The article's date is the
gold ``published`` date (what the cleaning stage supplies), or none.

Baseline: ``pycountry_names`` finds the ISO names of countries (name, common and official
name) as whole words, which is what a plain country-name lookup gives; it only scores
states. Speed is recognition alone (sentence splitting excluded) on the same texts,
repeated (the seeds are dense: about five actor mentions a sentence); ``--speed-texts DIR``
adds ``news_*`` figures on any folder of plain-text articles. The machine is shared, so
wall-clock figures are under load; ``sentences_per_cpu_s`` counts this process's CPU time.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from blocwatch.clean import clean_text
from blocwatch.model import ActorKind, Mention
from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer
from blocwatch.nlp.sentences import split_sentences

KINDS = ("states", "organizations", "people", "places")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def scores(self) -> dict[str, float | int | None]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        return {
            "precision": _round(precision),
            "recall": _round(recall),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Result:
    overall: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    per_article: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def strip_furniture(text: str) -> str:
    """The article body, as the cleaning stage keeps it."""
    return clean_text(text).text


def _published(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _plain(name: str) -> str:
    name = " ".join(name.split())
    return name[4:] if name.lower().startswith("the ") else name


def predicted_sets(
    mentions: Iterable[Mention], dictionary: ActorDictionary
) -> dict[str, dict[str, set[str]]]:
    """Per kind: predicted key -> the names it may match by."""
    places_by_name = {
        _plain(name): actor.name
        for actor in dictionary
        if actor.kind is ActorKind.PLACE
        for name in (actor.name, *actor.aliases)
    }
    out: dict[str, dict[str, set[str]]] = {k: {} for k in KINDS}
    for mention in mentions:
        if mention.kind is ActorKind.STATE:
            out["states"].setdefault(mention.actor_id, set())
            place = places_by_name.get(_plain(mention.name))
            if place:
                out["places"].setdefault(place, set()).add(_plain(mention.name))
        elif mention.kind is ActorKind.ORGANIZATION:
            out["organizations"].setdefault(mention.actor_id, set())
        elif mention.kind is ActorKind.PERSON:
            names = out["people"].setdefault(mention.actor_id, set())
            names.add(_plain(mention.name))
            actor = dictionary.get(mention.actor_id)
            if actor is not None:
                names.update([actor.name, *actor.aliases])
        elif mention.kind is ActorKind.PLACE:
            actor = dictionary.get(mention.actor_id)
            key = actor.name if actor else _plain(mention.name)
            out["places"].setdefault(key, set()).update({key, _plain(mention.name)})
    return out


def score_article(
    predicted: dict[str, dict[str, set[str]]], gold: dict[str, Any]
) -> tuple[dict[str, Tally], dict[str, list[str]]]:
    tallies: dict[str, Tally] = {}
    errors: dict[str, list[str]] = {}
    for kind in ("states", "organizations"):
        want, got = set(gold.get(kind, [])), set(predicted[kind])
        tallies[kind] = Tally(len(want & got), len(got - want), len(want - got))
        errors[kind] = [f"+{x}" for x in sorted(got - want)] + [f"-{x}" for x in sorted(want - got)]
    gold_people = [{p["name"], *p.get("aliases", [])} for p in gold.get("people", [])]
    gold_places = [{g} for g in gold.get("places", [])]
    for kind, wanted in (("people", gold_people), ("places", gold_places)):
        got_items = predicted[kind]
        matched_gold: set[int] = set()
        extra: list[str] = []
        for key, names in got_items.items():
            names = names | {key}
            hits = [i for i, g in enumerate(wanted) if g & names]
            if hits:
                matched_gold.update(hits)
            else:
                extra.append(key)
        missing = [sorted(g)[0] for i, g in enumerate(wanted) if i not in matched_gold]
        tallies[kind] = Tally(len(matched_gold), len(extra), len(missing))
        errors[kind] = [f"+{x}" for x in extra] + [f"-{x}" for x in missing]
    return tallies, errors


def run_blocwatch(
    corpus: Path, gold: dict[str, Any], recognizer: ActorRecognizer, *, raw: bool
) -> tuple[Result, list[tuple[str, str, list[Any], date | None]]]:
    result = Result()
    prepared = []
    for name, doc in gold["documents"].items():
        text = (corpus / name).read_text("utf-8")
        if not raw:
            text = strip_furniture(text)
        sentences = split_sentences(text)
        published = _published(doc.get("published"))
        prepared.append((name, text, sentences, published))
        mentions = recognizer.recognize(name, text, sentences, published)
        tallies, errors = score_article(predicted_sets(mentions, recognizer.dictionary), doc)
        result.per_article[name] = {k: t.scores() for k, t in tallies.items()}
        result.errors[name] = {k: v for k, v in errors.items() if v}
        for kind, tally in tallies.items():
            result.overall[kind].add(tally)
    return result, prepared


def run_pycountry(corpus: Path, gold: dict[str, Any]) -> Result:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value] = country.alpha_3
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?!\w)"
    )
    result = Result()
    for name, doc in gold["documents"].items():
        text = strip_furniture((corpus / name).read_text("utf-8"))
        got = {names[m.group()] for m in pattern.finditer(text)}
        want = set(doc.get("states", []))
        tally = Tally(len(want & got), len(got - want), len(want - got))
        result.per_article[name] = {"states": tally.scores()}
        result.overall["states"].add(tally)
    return result


def measure_speed(
    recognizer: ActorRecognizer,
    prepared: list[tuple[str, str, list[Any], date | None]],
    seconds: float = 3.0,
) -> dict[str, float]:
    """Recognition speed: wall clock (what a user waits) and CPU time of this process
    (what one core does, less sensitive to other work on a shared machine)."""
    sentences = mentions = articles = 0
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall_start < seconds:
        for name, text, sents, published in prepared:
            mentions += len(recognizer.recognize(name, text, sents, published))
            sentences += len(sents)
            articles += 1
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    return {
        "sentences_per_s": round(sentences / wall),
        "sentences_per_cpu_s": round(sentences / cpu),
        "mentions_per_s": round(mentions / wall),
        "articles_per_s": round(articles / wall, 1),
    }


def summary(system: str, result: Result, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    line: dict[str, Any] = {"system": system}
    for kind, tally in result.overall.items():
        if tally.tp or tally.fp or tally.fn:
            line[kind] = tally.scores()
    line["per_article"] = result.per_article
    if result.errors:
        line["errors"] = result.errors
    line.update(extra or {})
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of article files")
    parser.add_argument("--gold", type=Path, required=True, help="gold JSON (seeds.json)")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on speed")
    parser.add_argument(
        "--speed-texts",
        type=Path,
        help="also time recognition on every .txt file under this folder (ordinary news)",
    )
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text("utf-8"))

    started = time.perf_counter()
    recognizer = ActorRecognizer()
    build_s = time.perf_counter() - started
    result, prepared = run_blocwatch(args.corpus, gold, recognizer, raw=False)
    speed = measure_speed(recognizer, prepared, args.seconds)
    if args.speed_texts:
        texts = [p.read_text("utf-8", errors="replace") for p in args.speed_texts.rglob("*.txt")]
        news = [(str(i), t, split_sentences(t), None) for i, t in enumerate(texts)]
        speed.update(
            {f"news_{k}": v for k, v in measure_speed(recognizer, news, args.seconds).items()}
        )
    print(
        json.dumps(
            summary(
                "blocwatch",
                result,
                {**speed, "load_s": round(build_s, 2), "input": "cleaned article body"},
            )
        )
    )
    raw_result, _ = run_blocwatch(args.corpus, gold, recognizer, raw=True)
    print(json.dumps(summary("blocwatch_raw_text", raw_result, {"input": "raw page text"})))
    print(json.dumps(summary("pycountry_names", run_pycountry(args.corpus, gold))))


if __name__ == "__main__":
    main()
