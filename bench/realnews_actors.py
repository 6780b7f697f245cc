"""Actor recall for the participants of the real-news gold events, and why actors are missed.

Usage::

    python bench/realnews_actors.py --data ../shared/bench [--explain]

For every gold event (``bench/realnews/gold.jsonl``, not negated) it asks whether
blocwatch's actor stage offers, in that sentence, an actor matching the gold source and
one matching the gold target, by the actor rule of ``bench/realnews.py``. The candidates
are the actor stage's own mentions in the sentence and what the event coder's actor
finder (:class:`blocwatch.nlp.events.roles.ActorFinder`) makes of every noun, name and
pronoun of the sentence's parse: an upper bound on what the event coder can use, not the
events it codes. A participant the sentence names but that yields no matching actor is
put in one kind of miss by its words in the sentence:

- ``not_in_sentence``: none of the gold's names for it occurs in the sentence (an
  implicit agent such as the police of an arrest, an actor named in another sentence);
- ``wrong_actor``: a candidate covers the words but resolves to another actor or code;
- ``pronoun``; ``ner_PERSON`` / ``ner_ORG`` / ``ner_NORP`` / ``ner_GPE`` / ``ner_other``:
  the words are a name of that entity label with no actor; ``plural_noun`` and
  ``common_noun``: a role noun ("diplomats", "the committee") with no actor;
  ``other``: anything else.

One JSON line per system: the actor stage (``blocwatch_actor_stage``), and as a baseline
the mentions alone (``mentions_only``, the recogniser without the finder). ``--explain``
prints every miss to stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from blocwatch.model import Article, Token
from blocwatch.nlp.events.coder import EventCoder
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.view import SentenceView
from realnews import GOLD, Aligner, _mention_side, load_gold, run_pipeline
from realnews_score import PRONOUNS, GoldRecord, Side, side_matches

_CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass
class Candidate:
    side: Side
    tokens: frozenset[int]
    """Source-text offsets of the tokens the candidate was read from."""


@dataclass
class Tally:
    participants: int = 0
    found: int = 0
    events: int = 0
    both: int = 0
    misses: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)

    def figures(self) -> dict[str, Any]:
        return {
            "gold_events": self.events,
            "gold_participants": self.participants,
            "participants_found": self.found,
            "participant_recall": round(self.found / self.participants, 3)
            if self.participants
            else None,
            "events_with_both_found": self.both,
            "found_by_role": dict(sorted(self.by_role.items())),
            "misses_by_kind": dict(self.misses.most_common()),
        }


def sentence_candidates(
    article: Article, finder: ActorFinder, align: Aligner, span: tuple[int, int], full: bool
) -> tuple[list[Candidate], list[tuple[Token, int]]]:
    """Actors offered in one gold sentence, and the sentence's tokens with source offsets."""
    found: list[Candidate] = []
    tokens: list[tuple[Token, int]] = []
    for mention in article.mentions:
        start = align(mention.evidence.span.start)
        if span[0] <= start < span[1]:
            found.append(Candidate(_mention_side(mention), frozenset({start})))
    if not full:
        return found, tokens
    for parse in article.parses:
        view = SentenceView(parse)
        inside = [t for t in parse.tokens if span[0] <= align(t.start) < span[1]]
        tokens.extend((t, align(t.start)) for t in inside)
        for token in inside:
            if token.pos not in _CANDIDATE_POS:
                continue
            for participant in finder.actors(view, token):
                actor = participant.actor
                found.append(
                    Candidate(Side(actor.name, actor.code), frozenset({align(token.start)}))
                )
    return found, tokens


def miss_kind(
    gold: GoldRecord,
    text: str,
    span: tuple[int, int],
    candidates: Sequence[Candidate],
    tokens: Sequence[tuple[Token, int]],
) -> str:
    """Why a participant the sentence may name got no actor (the kinds of the docstring)."""
    sentence = text[span[0] : span[1]]
    hits: list[tuple[int, int]] = []
    for name in sorted(gold["names"], key=len, reverse=True):
        if name.lower() in PRONOUNS:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.IGNORECASE):
            hits.append((span[0] + match.start(), span[0] + match.end()))
    if not hits:
        return "not_in_sentence"
    start, end = hits[0]
    words = [t for t, at in tokens if start <= at < end]
    if any(start <= at < end for c in candidates for at in c.tokens):
        return "wrong_actor"
    return words_kind(words)


def words_kind(words: Sequence[Token]) -> str:
    """The kind of words a participant the finder left without an actor is named by."""
    if not words:
        return "other"
    if any(t.pos == "PRON" for t in words):
        return "pronoun"
    labels = [t.ent_type for t in words if t.ent_type]
    if labels:
        label = Counter(labels).most_common(1)[0][0]
        return f"ner_{label}" if label in {"PERSON", "ORG", "NORP", "GPE"} else "ner_other"
    head = words[-1]
    if head.pos == "NOUN":
        return "plural_noun" if head.tag == "NNS" else "common_noun"
    return "other"


def name_hits(gold: GoldRecord, text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Where the gold's names for a participant occur in the sentence, longest names first."""
    hits: list[tuple[int, int]] = []
    sentence = text[span[0] : span[1]]
    for name in sorted(gold["names"], key=len, reverse=True):
        if name.lower() in PRONOUNS:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.IGNORECASE):
            hit = (span[0] + match.start(), span[0] + match.end())
            if not any(a < hit[1] and hit[0] < b for a, b in hits):
                hits.append(hit)
    return hits


def head_verdict(
    article: Article, finder: ActorFinder, align: Aligner, gold: GoldRecord, hit: tuple[int, int]
) -> str | None:
    """``None`` when the finder, asked about the head of the words naming the gold
    participant, gives a matching actor; else the kind of miss (``wrong_actor`` or the
    kind of words)."""
    for parse in article.parses:
        words = [t for t in parse.tokens if hit[0] <= align(t.start) < hit[1]]
        if not words:
            continue
        inside = {t.i for t in words}
        heads = [t for t in words if t.head not in inside or t.head == t.i]
        view = SentenceView(parse)
        actors = [p.actor for h in heads for p in finder.actors(view, h)]
        if any(side_matches(Side(a.name, a.code), gold) for a in actors):
            return None
        return "wrong_actor" if actors else words_kind(words)
    return "other"


class GoldEvent(NamedTuple):
    """One scored gold event with what both scores read beside it: its article, the
    article's actor finder and the alignment of the cleaned text onto the source."""

    file: str
    article: Article
    finder: ActorFinder
    align: Aligner
    record: GoldRecord


def gold_events(
    gold: dict[str, list[GoldRecord]], texts: dict[str, str], articles: dict[str, Article]
) -> Iterator[GoldEvent]:
    """The gold events that count (not negated), each article's finder built once, as the
    coder builds it."""
    coder = EventCoder()
    for file, records in gold.items():
        article = articles.get(file)
        if article is None:
            continue
        align = Aligner(article.text, texts[file])
        day = article.published_at.date() if article.published_at else None
        finder = coder.actor_finder(article.mentions, article.parses, day)
        for record in records:
            if record["kind"] == "event" and record.get("status") != "negated":
                yield GoldEvent(file, article, finder, align, record)


def score_heads(
    gold: dict[str, list[GoldRecord]],
    texts: dict[str, str],
    articles: dict[str, Article],
    explain: bool,
) -> Tally:
    """Participants the sentence names: does the finder resolve the words naming them?"""
    tally = Tally()
    for file, article, finder, align, record in gold_events(gold, texts, articles):
        tally.events += 1
        for role in ("source", "target"):
            participant = record.get(role)
            hits = name_hits(participant, texts[file], (record["start"], record["end"]))
            if not participant or not hits:
                continue
            tally.participants += 1
            verdicts = [head_verdict(article, finder, align, participant, h) for h in hits]
            if None in verdicts:
                tally.found += 1
                tally.by_role[role] += 1
                continue
            tally.misses[str(verdicts[0])] += 1
            if explain:
                words = texts[file][hits[0][0] : hits[0][1]]
                print(
                    f"HEAD {file}:{record['start']} {role} {participant['name']!r} "
                    f"{verdicts[0]}: {words!r}",
                    file=sys.stderr,
                )
    return tally


def score(
    gold: dict[str, list[GoldRecord]],
    texts: dict[str, str],
    articles: dict[str, Article],
    full: bool,
    explain: bool,
) -> Tally:
    tally = Tally()
    for file, article, finder, align, record in gold_events(gold, texts, articles):
        tally.events += 1
        span = (record["start"], record["end"])
        candidates, tokens = sentence_candidates(article, finder, align, span, full)
        both = True
        for role in ("source", "target"):
            participant = record.get(role)
            if not participant:
                continue
            tally.participants += 1
            if any(side_matches(c.side, participant) for c in candidates):
                tally.found += 1
                tally.by_role[role] += 1
                continue
            both = False
            kind = miss_kind(participant, texts[file], span, candidates, tokens)
            tally.misses[kind] += 1
            if explain:
                offered = sorted({f"{c.side.name}/{c.side.code}" for c in candidates})
                print(
                    f"{file}:{record['start']} {role} {participant['name']!r} {kind}; "
                    f"sentence: {texts[file][span[0] : span[1]][:160]!r}; offered: {offered}",
                    file=sys.stderr,
                )
        tally.both += both
    return tally


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--explain", action="store_true", help="print each miss to stderr")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if "blind" in args.gold.name:
        raise SystemExit("realnews_actors: the held-out gold is not for diagnosis")
    gold, texts = load_gold(args.gold, args.data)
    articles = run_pipeline(gold, texts)
    heads = score_heads(gold, texts, articles, args.explain)
    print(json.dumps({"system": "blocwatch_role_heads", "gold": args.gold.name, **heads.figures()}))
    for system, full in (("blocwatch_actor_stage", True), ("mentions_only", False)):
        tally = score(gold, texts, articles, full, args.explain and full)
        print(json.dumps({"system": system, "gold": args.gold.name, **tally.figures()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
