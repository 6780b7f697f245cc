"""Russian facts against hand-made gold, and the same facts from each English rewrite.

    python bench/russian.py bench/russian

The folder holds ``articles.json``: short Russian articles restating public events of
2021-2024 in our own words, gold written by hand before any system run (actors by
dictionary id, quotes with their speakers, dates with ISO values, PLOVER events), and for
some an English rewrite. Every article goes through the whole default pipeline as a
plain-text document (cleaning included: a "По материалам ТАСС" credit must be found and
removed). Nothing in blocwatch was fitted to these texts, so there is no cross-validation
to report: the whole set is held out (``split`` is ``"heldout"``).

Scores (micro-averaged over the articles):

- actors: precision/recall of the set of dictionary actors (states, organisations,
  people; places left out) each article names;
- quotes: a gold quote is found when a system quote overlaps at least half of its
  content; ``speaker_accuracy`` is the share of found quotes with the gold speaker
  (a speaker id, or the state of the speaker's office), ``with_speaker_recall`` the share
  of gold quotes found with the right speaker;
- dates: accuracy of the resolved value of each gold date expression a system date
  overlaps, and recall of gold dates;
- events: a system event is right when its type and both sides match a gold event (a
  side matches by actor id or by the state/organisation it stands for; CONSULT and
  AGREE are symmetric); events precision counts the events at the default confidence;
- english_agreement: for articles with a rewrite, the Jaccard overlap of the actor ids,
  date values and (type, source code, target code) events found in the Russian and the
  English text.

A baseline line (``dictionary_surface``) matches the Russian names as written, without
lemmas: the gap is what morphology buys.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from blocwatch.model import ActorKind, Article, Event, MediaType, RawDocument, Rejection
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.settings import Settings
from blocwatch.stages import default_pipeline


def run(articles: list[dict[str, Any]], field: str) -> dict[str, Article]:
    pipeline = default_pipeline()
    docs = [
        RawDocument(
            source=a["id"],
            content=a[field].encode("utf-8"),
            media_type=MediaType.TEXT,
            published=a["published"],
        )
        for a in articles
        if a.get(field)
    ]
    ids = [a["id"] for a in articles if a.get(field)]
    out: dict[str, Article] = {}
    for article_id, result in zip(ids, pipeline.run(docs), strict=True):
        if isinstance(result, Rejection):
            print(f"{article_id}: rejected: {result}", file=sys.stderr)
            continue
        out[article_id] = result
    return out


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlapping(text: str, gold: str, found: Sequence[Any], *, half: bool) -> list[Any]:
    """The records whose evidence overlaps the gold words (at least half of them with
    ``half``; any overlap otherwise)."""
    at = text.find(gold)
    if at < 0:
        return []
    span = (at, at + len(gold))
    need = len(gold) / 2 if half else 1
    return [
        x for x in found if _overlap((x.evidence.span.start, x.evidence.span.end), span) >= need
    ]


def _sides(actor: Any) -> set[str]:
    return {x for x in (actor.actor_id, actor.code) if x} if actor is not None else set()


def _event_matches(
    event: Event, gold: dict[str, Any], dictionary: ActorDictionary, day: Any
) -> bool:
    if event.type != gold["type"]:
        return False

    def side_ok(found: set[str], wanted: str | None) -> bool:
        if wanted is None:
            return True
        return wanted in found or dictionary.state_of(wanted, day) in found

    src, tgt = _sides(event.source), _sides(event.target)
    if side_ok(src, gold["source"]) and side_ok(tgt, gold["target"]):
        return True
    symmetric = gold["type"] in {"CONSULT", "AGREE"}
    return symmetric and side_ok(tgt, gold["source"]) and side_ok(src, gold["target"])


_COUNTS = (
    "actor_tp",
    "actor_fp",
    "actor_fn",
    "quote_gold",
    "quote_found",
    "quote_speaker",
    "date_gold",
    "date_found",
    "date_right",
    "event_sys",
    "event_right",
    "event_gold",
    "event_found",
    "credits",
    "credits_found",
)


def score(
    articles: list[dict[str, Any]], read: dict[str, Article], min_confidence: float
) -> dict[str, Any]:
    """The micro-averaged figures of the module docstring, over the articles that were read."""
    dictionary = ActorDictionary.default()
    c: dict[str, float] = dict.fromkeys(_COUNTS, 0)
    for a in articles:
        article = read.get(a["id"])
        if article is None:
            continue
        gold = a["gold"]
        _count_actors(c, article, gold, dictionary)
        _count_quotes(c, article, gold, dictionary)
        _count_dates(c, article, gold)
        _count_events(c, article, gold, dictionary, min_confidence)
        if "По материалам ТАСС" in a["text"]:
            c["credits"] += 1
            c["credits_found"] += "TASS" in article.origin_agency and "ТАСС" not in article.text
    return {
        "articles": len(read),
        "actors_precision": _ratio(c["actor_tp"], c["actor_tp"] + c["actor_fp"]),
        "actors_recall": _ratio(c["actor_tp"], c["actor_tp"] + c["actor_fn"]),
        "quotes_recall": _ratio(c["quote_found"], c["quote_gold"]),
        "quotes_speaker_accuracy": _ratio(c["quote_speaker"], c["quote_found"]),
        "quotes_with_speaker_recall": _ratio(c["quote_speaker"], c["quote_gold"]),
        "dates_accuracy": _ratio(c["date_right"], c["date_found"]),
        "dates_recall": _ratio(c["date_found"], c["date_gold"]),
        "events_precision": _ratio(c["event_right"], c["event_sys"]),
        "events_recall": _ratio(c["event_found"], c["event_gold"]),
        "events_reported": int(c["event_sys"]),
        "tass_credit_removed": _ratio(c["credits_found"], c["credits"]),
    }


def _count_actors(
    c: dict[str, float], article: Article, gold: dict[str, Any], dictionary: ActorDictionary
) -> None:
    """Dictionary actors named, places left out: the gold lists no places."""
    found = {
        m.actor_id
        for m in article.mentions
        if m.kind is not ActorKind.PLACE and dictionary.entry(m.actor_id) is not None
    }
    wanted = set(gold["actors"])
    c["actor_tp"] += len(found & wanted)
    c["actor_fp"] += len(found - wanted)
    c["actor_fn"] += len(wanted - found)


def _count_quotes(
    c: dict[str, float], article: Article, gold: dict[str, Any], dictionary: ActorDictionary
) -> None:
    """Gold quotes half overlapped by a system quote, and those with the gold speaker (or
    the state the speaker's office stands for)."""
    day = article.published_day
    for q in gold["quotes"]:
        c["quote_gold"] += 1
        hits = _overlapping(article.text, q["text"], article.quotes, half=True)
        if hits:
            c["quote_found"] += 1
            sides = {hits[0].speaker_actor_id} - {None}
            if q["speaker"] in sides or (
                hits[0].speaker_actor_id
                and dictionary.state_of(hits[0].speaker_actor_id, day) == q["speaker"]
            ):
                c["quote_speaker"] += 1


def _count_dates(c: dict[str, float], article: Article, gold: dict[str, Any]) -> None:
    """Gold dates a system date overlaps, and those resolved to the gold value."""
    for d in gold["dates"]:
        c["date_gold"] += 1
        hits = _overlapping(article.text, d["text"], article.times, half=False)
        if hits:
            c["date_found"] += 1
            c["date_right"] += hits[0].value == d["value"]


def _count_events(
    c: dict[str, float],
    article: Article,
    gold: dict[str, Any],
    dictionary: ActorDictionary,
    min_confidence: float,
) -> None:
    """System events at the confidence floor that match a gold event, and gold events some
    of them match: precision and recall count different sides of the same matching."""
    day = article.published_day
    events = [e for e in article.events if e.confidence >= min_confidence]
    c["event_sys"] += len(events)
    c["event_right"] += sum(
        any(_event_matches(e, g, dictionary, day) for g in gold["events"]) for e in events
    )
    c["event_gold"] += len(gold["events"])
    c["event_found"] += sum(
        any(_event_matches(e, g, dictionary, day) for e in events) for g in gold["events"]
    )


def _facts(article: Article, min_confidence: float) -> dict[str, set[Any]]:
    return {
        "actors": {m.actor_id for m in article.mentions if m.kind is not ActorKind.PLACE},
        "dates": {t.value for t in article.times if t.value},
        "events": {
            (
                e.type,
                *sorted(
                    [
                        (e.source.code if e.source else None) or "",
                        (e.target.code if e.target else None) or "",
                    ]
                ),
            )
            for e in article.events
            if e.confidence >= min_confidence
        },
    }


def agreement(
    ru: dict[str, Article], en: dict[str, Article], min_confidence: float
) -> dict[str, Any]:
    totals: dict[str, list[float]] = {"actors": [], "dates": [], "events": []}
    for article_id, english in en.items():
        if article_id not in ru:
            continue
        a, b = _facts(ru[article_id], min_confidence), _facts(english, min_confidence)
        for key in totals:
            union = a[key] | b[key]
            totals[key].append(len(a[key] & b[key]) / len(union) if union else 1.0)
    return {
        f"english_agreement_{k}": round(sum(v) / len(v), 3) if v else None
        for k, v in totals.items()
    } | {"rewrites": len(en)}


def stories(
    articles: list[dict[str, Any]],
    ru: dict[str, Article],
    en: dict[str, Article],
    *,
    cross_language: bool = True,
) -> dict[str, Any]:
    """Cluster every Russian article and every English rewrite together, in publication
    order: how many rewrites share their original's story, and how many stories hold
    articles of two different gold events (wrong merges)."""
    from blocwatch.stories import StoryClusterer

    clusterer = StoryClusterer()
    items = [(a["id"], "ru", ru[a["id"]]) for a in articles if a["id"] in ru]
    items += [(a["id"], "en", en[a["id"]]) for a in articles if a["id"] in en]
    items.sort(key=lambda item: (item[2].published_at or 0, item[1] == "en"))
    for article_id, language, article in items:
        copy = replace(article, id=f"{language}:{article_id}")
        if not cross_language:
            copy.language = None  # the clusterer as it was: every pair compared on its words
        clusterer.add(copy)
    story_of = {s.id: s for s in clusterer.stories()}
    member = {aid: sid for sid, s in story_of.items() for aid in s.article_ids}
    joined = sum(member.get(f"ru:{i}") == member.get(f"en:{i}") for i in en)
    impure = sum(
        len({aid.split(":", 1)[1] for aid in s.article_ids}) > 1 for s in story_of.values()
    )
    for s in story_of.values():
        if len({aid.split(":", 1)[1] for aid in s.article_ids}) > 1:
            print("merged:", s.article_ids, file=sys.stderr)
    return {
        "stories_rewrite_joined": _ratio(joined, len(en)),
        "stories_wrong_merges": impure,
        "stories": len(story_of),
    }


def surface_baseline(articles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Russian names matched as written (no lemmas): the dictionary's nominative forms."""
    from blocwatch.nlp.russian.actors import shipped_names

    tp = fp = fn = 0
    for a in articles:
        found = set()
        for actor_id, names, adjectives, _ in shipped_names():
            if actor_id.startswith("place:"):
                continue
            if any(n in a["text"] for n in (*names, *adjectives)):
                found.add(actor_id)
        wanted = set(a["gold"]["actors"])
        tp, fp, fn = tp + len(found & wanted), fp + len(found - wanted), fn + len(wanted - found)
    return {"actors_precision": _ratio(tp, tp + fp), "actors_recall": _ratio(tp, tp + fn)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    args = parser.parse_args()
    articles = json.loads((args.data / "articles.json").read_text("utf-8"))["articles"]
    min_confidence = Settings().min_confidence
    start = time.perf_counter()
    ru = run(articles, "text")
    seconds = time.perf_counter() - start
    en = run(articles, "en")
    line = {"system": "blocwatch", "split": "heldout", "language": "ru"}
    line |= score(articles, ru, min_confidence) | agreement(ru, en, min_confidence)
    line |= stories(articles, ru, en)
    line |= {"min_confidence": min_confidence, "seconds_ru_with_model_load": round(seconds, 2)}
    print(json.dumps(line))
    print(
        json.dumps(
            {"system": "dictionary_surface", "split": "heldout", "language": "ru"}
            | surface_baseline(articles)
        )
    )
    same_words = stories(articles, ru, en, cross_language=False)
    print(json.dumps({"system": "stories_words_only", "split": "heldout"} | same_words))


if __name__ == "__main__":
    main()
