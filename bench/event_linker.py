"""Experiment: a learned event linker over every (event word, source, target) of a sentence.

    python bench/event_linker.py --data ../shared/bench --gold bench/realnews/gold.jsonl \
        --gold bench/realnews/dev2.jsonl [--cache /tmp/linker.jsonl]

For each sentence of the real-news development articles, every word with an event sense
(the verb and noun tables and PETRARCH2) is paired with every ordered pair of actors the
actor finder reads off the sentence's noun heads. Each candidate is described by general
features (its type, the dependency path from the event word to each side, where each side
sits, what kind of actor it is, whether the rule coder made the same event) and labelled
right when a gold event of its sentence has that type and those two sides (the rules of
``bench/realnews.py``). A logistic regression is scored by cross-validation grouped by
article: candidates of an article are scored by a model fitted on the other folds only.
Printed: the event figures of the rules' default view alone, the linker's alone, and the
two together, at several linker thresholds, dev and cv.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blocwatch.model import Article, Token
from blocwatch.nlp.events.claims import quote_speaker
from blocwatch.nlp.events.coder import EventCoder
from blocwatch.nlp.events.senses import noun_senses, verb_sense
from blocwatch.nlp.events.view import Participant, SentenceView
from crossval import group_folds
from realnews import Aligner, load_golds, run_pipeline, system_events
from realnews_score import (
    EventTally,
    GoldRecord,
    Side,
    SysEvent,
    event_figures,
    place,
    roles_ok,
    score_events,
    sentence_table,
    type_ok,
)

HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
PREPS = frozenset(
    {"on", "against", "with", "to", "by", "from", "of", "in", "for", "at", "over", "into"}
)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass
class Cand:
    file: str
    start: int
    end: int
    type: str
    source: tuple[str, str | None]
    target: tuple[str, str | None]
    features: dict[str, float]
    label: int


def chain(view: SentenceView, token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    out = [token]
    for _ in range(30):
        head = view.head(out[-1])
        if head is None or head.i == out[-1].i:
            break
        out.append(head)
    return out


def path(view: SentenceView, trigger: Token, side: Participant) -> str:
    """Dependency labels from the event word up to the common head, then down to the side."""
    if side.token < 0:
        return "speaker"
    target = view.tokens[side.token]
    up, down = chain(view, trigger), chain(view, target)
    up_ids = [t.i for t in up]
    common = next((t for t in down if t.i in up_ids), None)
    if common is None:
        return "none"
    ups = [t.dep for t in up[: up_ids.index(common.i)]]
    downs = []
    for t in reversed(down[: [d.i for d in down].index(common.i)]):
        label = t.dep
        if label == "prep":
            label = f"prep:{t.lemma.lower() if t.lemma.lower() in PREPS else 'x'}"
        downs.append(label)
    if len(ups) + len(downs) > 4:
        return "long"
    return "^" + "^".join(ups) + "_" + "_".join(downs)


def slot(p: str) -> str:
    if p in {"speaker", "none", "long"}:
        return p
    ups, _, downs = p[1:].partition("_")
    first = downs.split("_")[0] if downs else ""
    return f"{'up' if ups else 'own'}:{first}"


def kind(side: Participant) -> str:
    if side.is_person:
        return "person"
    if side.actor.code is None:
        return f"nocode:{side.how}"
    return f"code:{side.how}"


def actor_slots(view: SentenceView, finder: Any) -> list[Participant]:
    slots: list[Participant] = []
    seen: set[tuple[str, str | None]] = set()
    for token in view.tokens:
        if token.pos not in HEAD_POS or token.dep in {"compound", "flat", "amod"}:
            continue
        for p in finder.actors(view, token):
            key = (p.actor.actor_id or p.actor.name.lower(), p.actor.code)
            if key not in seen:
                seen.add(key)
                slots.append(p)
    if finder.speaker is not None:
        key = (finder.speaker.actor.actor_id or finder.speaker.actor.name.lower(), None)
        if key not in seen:
            slots.append(finder.speaker)
    return slots


def bucket(n: int) -> str:
    return "0-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def features(
    view: SentenceView,
    trigger: Token,
    sense: Any,
    s: Participant,
    t: Participant,
    rules: list[Any],
) -> dict[str, float]:
    sp, tp = path(view, trigger, s), path(view, trigger, t)
    f: dict[str, float] = {
        "bias": 1.0,
        f"type={sense.type}": 1.0,
        f"origin={sense.origin}": 1.0,
        f"trig={trigger.pos}": 1.0,
        f"spath={sp}": 1.0,
        f"tpath={tp}": 1.0,
        f"sslot={slot(sp)}": 1.0,
        f"tslot={slot(tp)}": 1.0,
        f"sslot_tslot={slot(sp)}|{slot(tp)}": 1.0,
        f"skind={kind(s)}": 1.0,
        f"tkind={kind(t)}": 1.0,
        f"mutual={sense.symmetric}": 1.0,
    }
    if s.token >= 0:
        f["s_before"] = float(s.token < trigger.i)
        f[f"sdist={bucket(abs(s.token - trigger.i))}"] = 1.0
    if t.token >= 0:
        f["t_after"] = float(t.token > trigger.i)
        f[f"tdist={bucket(abs(t.token - trigger.i))}"] = 1.0
    f[f"type_sslot={sense.type}|{slot(sp)}"] = 1.0
    f[f"type_tslot={sense.type}|{slot(tp)}"] = 1.0
    f[f"type_tpath={sense.type}|{tp}"] = 1.0
    f[f"type_spath={sense.type}|{sp}"] = 1.0
    f[f"cameo={sense.cameo[:2]}"] = 1.0
    f[f"trig_dep={trigger.dep}"] = 1.0
    f["same_code"] = float(bool(s.actor.code) and s.actor.code == t.actor.code)
    f["negated"] = float(bool(view.kids(trigger, "neg")))
    same_pair = [r for r in rules if _same(r.source, s) and _same(r.target, t)]
    if any(r.type == sense.type for r in same_pair):
        best = max(float(r.confidence or 0) for r in same_pair if r.type == sense.type)
        f["rule_triple"] = 1.0
        f["rule_conf"] = best
    elif same_pair:
        f["rule_pair_other_type"] = 1.0
    if any(r.type == sense.type for r in rules):
        f["rule_type_in_sentence"] = 1.0
    return {k: v for k, v in f.items() if v}


def _same(actor: Any, side: Participant) -> bool:
    if actor is None:
        return False
    a = side.actor
    if actor.actor_id and a.actor_id:
        return bool(actor.actor_id == a.actor_id)
    return bool(actor.name.lower() == a.name.lower())


def candidates(
    file: str, article: Article, text: str, records: list[GoldRecord], coder: EventCoder
) -> list[Cand]:
    align = Aligner(article.text, text)
    table = sentence_table(records)
    spans = list(table)
    finder = coder.actor_finder(
        article.mentions,
        article.parses,
        article.published_at.date() if article.published_at else None,
    )
    by_index = {s.index: s for s in article.sentences}
    rules_by_sentence: dict[int, list[Any]] = defaultdict(list)
    for event in article.events:
        rules_by_sentence[event.evidence.span.start].append(event)
    out: list[Cand] = []
    for parse in article.parses:
        sentence = by_index.get(parse.sentence_index)
        if sentence is None:
            continue
        view = SentenceView(parse)
        speaker = quote_speaker(article.quotes, sentence, finder)
        finder.speaker = Participant(speaker, "pronoun", -1) if speaker else None
        start, end = align(sentence.span.start), align(sentence.span.end)
        probe = SysEvent(start, end, "X", None, None, "happened", None)
        gold_span = place(probe, spans)
        kind_of = table[gold_span][0] if gold_span is not None else "unlisted"
        if kind_of == "unscored":
            continue
        golds = table[gold_span][1] if gold_span is not None else []
        golds = [g for g in golds if g["status"] != "negated"]
        rules = [
            e
            for e in article.events
            if sentence.span.start <= e.evidence.span.start < sentence.span.end
        ]
        slots = actor_slots(view, finder)
        if len(slots) < 2:
            continue
        for trigger in view.tokens:
            senses = []
            if trigger.pos == "VERB":
                sense = verb_sense(view, trigger, coder.lexicon, use_broad=True)
                senses = [sense] if sense is not None else []
            elif trigger.pos == "NOUN":
                senses = noun_senses(view, trigger, coder.lexicon)
            for sense in {s.type: s for s in senses}.values():
                for s in slots:
                    for t in slots:
                        if s is t or s.token == t.token:
                            continue
                        f = features(view, trigger, sense, s, t, rules)
                        sys_event = SysEvent(
                            start,
                            end,
                            sense.type,
                            Side(s.actor.name, s.actor.code),
                            Side(t.actor.name, t.actor.code),
                            "happened",
                            None,
                        )
                        label = int(
                            any(type_ok(sys_event, g) and roles_ok(sys_event, g) for g in golds)
                        )
                        out.append(
                            Cand(
                                file,
                                start,
                                end,
                                sense.type,
                                (s.actor.name, s.actor.code),
                                (t.actor.name, t.actor.code),
                                f,
                                label,
                            )
                        )
    return out


def fit_predict(train: list[Cand], test: list[Cand], c: float) -> list[float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([c_.features for c_ in train])
    y = [c_.label for c_ in train]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    return [
        float(p) for p in model.predict_proba(vec.transform([c_.features for c_ in test]))[:, 1]
    ]


def score(gold: dict[str, list[GoldRecord]], events: dict[str, list[SysEvent]]) -> dict[str, Any]:
    tally = EventTally()
    for file, records in gold.items():
        score_events(tally, records, events.get(file, []))
    fig = event_figures(tally)
    keep = ("event_precision", "event_recall", "event_f1", "events_right", "events_reported")
    return {k: fig[k] for k in keep}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--c", type=float, default=0.3)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    for g in args.gold:
        if "blind" in g.name:
            raise SystemExit(f"{g}: a held-out set is never used to fit or choose")
    gold, texts = load_golds(args.gold, args.data)
    articles = run_pipeline(gold, texts)
    coder = EventCoder()
    cands: list[Cand] = []
    rules: dict[str, list[SysEvent]] = {}
    for file, records in gold.items():
        article = articles[file]
        cands.extend(candidates(file, article, texts[file], records, coder))
        align = Aligner(article.text, texts[file])
        rules[file] = [e for e in system_events(article, align) if (e.confidence or 0) >= 0.5]
    print(
        f"candidates {len(cands)}, positive {sum(c.label for c in cands)}, "
        f"gold events {sum(1 for rs in gold.values() for r in rs if r['kind'] == 'event')}",
        file=sys.stderr,
    )
    files = sorted(gold)
    folds = group_folds([c.file for c in cands], args.folds)
    cv = [0.0] * len(cands)
    for fold in folds:
        held = set(fold)
        train = [c for i, c in enumerate(cands) if i not in held]
        test = [cands[i] for i in fold]
        for i, p in zip(fold, fit_predict(train, test, args.c), strict=True):
            cv[i] = p
    dev = fit_predict(cands, cands, args.c)
    print(json.dumps({"system": "rules_default_view", **score(gold, rules)}))
    for name, probs in (("cv", cv), ("dev", dev)):
        for tau in THRESHOLDS:
            linked: dict[str, list[SysEvent]] = defaultdict(list)
            for c, p in zip(cands, probs, strict=True):
                if p >= tau:
                    linked[c.file].append(
                        SysEvent(
                            c.start, c.end, c.type, Side(*c.source), Side(*c.target), "happened", p
                        )
                    )
            both = {f: rules.get(f, []) + linked.get(f, []) for f in files}
            print(
                json.dumps(
                    {
                        "system": "linker",
                        "split": name,
                        "threshold": tau,
                        "alone": score(gold, linked),
                        "with_rules": score(gold, both),
                    }
                )
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
