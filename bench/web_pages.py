"""How fast every page and API route answers on a large store (target: under 200 ms).

Builds a synthetic store (articles written from templates, with sentences, mentions,
quotes, dates, events, stories with syndicated copies and summaries) in a temporary
directory, or in the PostgreSQL database given by ``--db``, then times each page over
several requests in-process (FastAPI's test client: the app's own time, without the
network) and prints one JSON line per page:
``{"system": "blocwatch", "page": ..., "median_ms": ..., "p95_ms": ..., "cpu_median_ms": ...}``,
then the process's peak RSS and the load average (``"measure": "web_peak_rss"``).
Wall times are what a reader waits; CPU times (the whole process's) say how much of that
was the app's own work on a machine other jobs share. Pages answer repeated requests from
the store's read cache (:mod:`blocwatch.store.cache`) until something is written;
``--cold`` empties it before every request, timing each page as its first reader.
On PostgreSQL the planner's statistics are refreshed first (``ANALYZE``, as after any bulk
load; a server with autovacuum does it by itself).

    python bench/web_pages.py --articles 10000
    python bench/web_pages.py --articles 10000 --db postgresql://postgres@127.0.0.1:5432/bench

``--pages search_filters_only,actor_state`` times only the pages named.

A ``--db`` that holds articles already is timed as it is (a store of
``bench/scale_load.py``): the pages then ask about its most reported actors, its busiest
pair, its first outlet and the year of its newest event.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from blocwatch.model import (
    Actor,
    ActorKind,
    Article,
    CopyGroup,
    DatePrecision,
    Event,
    EventActor,
    Evidence,
    Mention,
    Quote,
    QuoteKind,
    Role,
    Span,
    Story,
    SummarySentence,
    TimeExpression,
)
from blocwatch.nlp.sentences import split_sentences
from blocwatch.nlp.tone import add_tone
from blocwatch.store import Store
from blocwatch.web import create_app

STATES = {
    "RUS": "Russia", "USA": "the United States", "CHN": "China", "KAZ": "Kazakhstan",
    "UZB": "Uzbekistan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan",
    "ARM": "Armenia", "AZE": "Azerbaijan", "GEO": "Georgia", "BLR": "Belarus",
    "UKR": "Ukraine", "TUR": "Turkey", "IRN": "Iran", "DEU": "Germany", "FRA": "France",
    "GBR": "the United Kingdom",
}  # fmt: skip
ORGS = {"EU": "the European Union", "CSTO": "the CSTO", "SCO": "the SCO", "NATO": "NATO"}
PEOPLE = {
    "person:foreign-minister-" + code.lower(): (f"the foreign minister of {name}", code)
    for code, name in list(STATES.items())[:10]
}
VERBS = [
    ("AGREE", "signed an agreement with", 1, 4.0),
    ("CONSULT", "held talks with", 1, 1.0),
    ("SUPPORT", "praised", 1, 3.4),
    ("COOPERATE", "agreed to expand trade with", 2, 6.0),
    ("AID", "sent aid to", 2, 7.4),
    ("ACCUSE", "accused", 3, -2.0),
    ("REJECT", "rejected a proposal from", 3, -4.0),
    ("THREATEN", "threatened", 3, -6.0),
    ("SANCTION", "imposed sanctions on", 4, -8.0),
    ("PROTEST", "protested against", 3, -5.0),
]
TOPICS = [
    "energy", "transit corridors", "border security", "grain exports", "water sharing",
    "a pipeline", "migration", "railway links", "a peace treaty", "customs rules",
]  # fmt: skip
OUTLETS = [f"Outlet {n:02d}" for n in range(1, 25)]
PLACES = [
    "Astana",
    "Moscow",
    "Brussels",
    "Tbilisi",
    "Baku",
    "Yerevan",
    "Tashkent",
    "Kyiv",
    "Ankara",
]
FILLER = [
    "Officials gave few details about the timetable.",
    "Analysts said the step had been expected for some months.",
    "The talks took place behind closed doors in the capital.",
    "Both delegations promised to publish a joint statement later.",
    "Trade between the two countries grew last year, according to customs data.",
    "Opposition politicians criticised the decision in parliament.",
]


def _actors() -> list[Actor]:
    actors = [
        Actor(code, name.removeprefix("the "), ActorKind.STATE, code)
        for code, name in STATES.items()
    ]
    actors += [
        Actor(code, name.removeprefix("the "), ActorKind.ORGANIZATION, code)
        for code, name in ORGS.items()
    ]
    actors += [
        Actor(pid, f"Foreign minister of {STATES[code].removeprefix('the ')}", ActorKind.PERSON, code,
              roles=(Role("foreign minister", code),))
        for pid, (_, code) in PEOPLE.items()
    ]  # fmt: skip
    return actors


@dataclass(frozen=True, slots=True)
class _Cast:
    """Who an article is about: two sides, a speaking foreign minister, and the act."""

    source: str
    target: str
    kind: str
    verb: str
    quad: int
    goldstein: float
    topic: str
    person_id: str


def _article(n: int, rng: random.Random, day: datetime) -> Article:
    """Article ``n``: an act between two actors, a quoted minister, a date and filler, with
    the facts the pipeline would find, placed at their real spans so pages can cite them."""
    source, target = rng.sample(list(STATES) + list(ORGS), 2)
    kind, verb, quad, goldstein = rng.choice(VERBS)
    cast = _Cast(
        source, target, kind, verb, quad, goldstein, rng.choice(TOPICS), rng.choice(list(PEOPLE))
    )
    text = _text(cast, rng, day)
    names = STATES | ORGS
    article = Article(
        id=f"{n:016x}",
        text=text,
        title=f"{names[source].removeprefix('the ').capitalize()} and {names[target].removeprefix('the ')}: {cast.topic} ({n})",
        url=f"https://example.org/{n}",
        outlet=rng.choice(OUTLETS),
        published_at=day,
        language="en",
        sentences=split_sentences(text),
    )
    _add_facts(article, cast, n, day)
    return add_tone(article)


def _lead(cast: _Cast, day: datetime) -> str:
    names = STATES | ORGS
    source = names[cast.source]
    return f"{source[0].upper()}{source[1:]} {cast.verb} {names[cast.target]} over {cast.topic} on {day:%-d %B}."


def _quote_text(cast: _Cast) -> str:
    return f"We will defend our interests on {cast.topic}"


def _text(cast: _Cast, rng: random.Random, day: datetime) -> str:
    """Three paragraphs: the lead and the minister's quote first, filler around the
    target's silence."""
    target = (STATES | ORGS)[cast.target]
    person_phrase = PEOPLE[cast.person_id][0]
    sentences = [
        _lead(cast, day),
        f'"{_quote_text(cast)}," {person_phrase} said.',
        *rng.sample(FILLER, 3),
        f"{target[0].upper()}{target[1:]} did not comment on {cast.topic} by the evening.",
        *rng.sample(FILLER, 2),
    ]
    return (
        " ".join(sentences[:3])
        + "\n\n"
        + " ".join(sentences[3:6])
        + "\n\n"
        + " ".join(sentences[6:])
    )


def _evidence(article: Article, phrase: str, start: int | None = None) -> Evidence:
    """Where ``phrase`` stands (its first place unless ``start`` is given)."""
    start = article.text.index(phrase) if start is None else start
    sentence = next(s for s in article.sentences if s.span.start <= start < s.span.end)
    return Evidence(article.id, sentence.index, Span(start, start + len(phrase)), phrase)


def _add_facts(article: Article, cast: _Cast, n: int, day: datetime) -> None:
    """The mentions, quote, date and events of the article, each citing its text."""
    names = STATES | ORGS
    person_phrase, person_code = PEOPLE[cast.person_id]
    quote_text = _quote_text(cast)
    article.mentions = _mentions(article, cast)
    article.quotes = [
        Quote(person_phrase, cast.person_id, "said", quote_text, QuoteKind.DIRECT,
              _evidence(article, quote_text))
    ]  # fmt: skip
    article.times = [
        TimeExpression(
            f"{day:%-d %B}", day.date().isoformat(), DatePrecision.DAY,
            _evidence(article, f"{day:%-d %B}"),
        )
    ]  # fmt: skip
    source, target = cast.source, cast.target
    article.events = [
        Event(
            cast.kind,
            EventActor(source, names[source], source),
            EventActor(target, names[target], target),
            _evidence(article, _lead(cast, day)[:-1]),
            goldstein=cast.goldstein,
            quad_class=cast.quad,
            cameo="000",
            date=day.date().isoformat(),
            place=PLACES[n % len(PLACES)] if n % 3 == 0 else None,
        ),
        Event(
            "CONSULT",
            EventActor(cast.person_id, person_phrase, person_code),
            EventActor(target, names[target], target),
            _evidence(article, person_phrase),
            goldstein=1.0,
            quad_class=1,
            cameo="040",
        ),
    ]


def _mentions(article: Article, cast: _Cast) -> list[Mention]:
    """Every place either side is named, and the minister once, in text order."""
    names = STATES | ORGS
    mentions = []
    for code in (cast.source, cast.target):
        phrase = names[code]
        start = 0
        while (start := article.text.find(phrase, start)) >= 0:
            kind_of = ActorKind.STATE if code in STATES else ActorKind.ORGANIZATION
            mentions.append(
                Mention(code, phrase, kind_of, _evidence(article, phrase, start), country=code)
            )
            start += len(phrase)
    person_phrase, person_code = PEOPLE[cast.person_id]
    mentions.append(
        Mention(cast.person_id, person_phrase, ActorKind.PERSON, _evidence(article, person_phrase),
                country=person_code, role="foreign minister")
    )  # fmt: skip
    return sorted(mentions, key=lambda m: m.evidence.span.start)


def build(store: Store, count: int, *, seed: int = 7) -> None:
    """``count`` articles in stories of 1-6, about a fifth of them syndicated copies."""
    rng = random.Random(seed)
    store.save_actors(_actors())
    start = datetime(2021, 1, 1, 8, tzinfo=UTC)
    stories: list[Story] = []
    batch: list[Article] = []
    n = 0
    while n < count:
        day = start + timedelta(hours=rng.randrange(0, 4 * 365 * 24))
        size = min(rng.choice([1, 1, 2, 3, 4, 6]), count - n)
        original = _article(n, rng, day)
        members = [original]
        copies = []
        for k in range(1, size):
            if rng.random() < 0.4:
                copy = _article(n + k, random.Random(n), day)  # same seed: same words
                copy.id = f"{n + k:016x}"
                copy.text = original.text + " Based on materials from a news agency."
                copy.sentences = split_sentences(copy.text)
                copy.outlet = rng.choice(OUTLETS)
                copy.published_at = day + timedelta(hours=k)
                copy.origin_agency = ["Wire Agency"]
                copy.mentions, copy.events, copy.quotes, copy.times = [], [], [], []
                copies.append(copy)
                members.append(copy)
            else:
                members.append(_article(n + k, rng, day + timedelta(hours=3 * k)))
        n += size
        batch.extend(members)
        lead = original.sentences[0]
        stories.append(
            Story(
                id=f"story-{len(stories):06d}",
                title=original.title or "",
                article_ids=[a.id for a in members],
                first_seen=day,
                last_seen=max(a.published_at or day for a in members),
                copy_groups=[CopyGroup(original.id, tuple(c.id for c in copies), tuple(c.outlet or "" for c in copies), ("Wire Agency",))] if copies else [],
                summary=[
                    SummarySentence(lead.text, Evidence(original.id, lead.index, lead.span, lead.text)),
                    *(
                        SummarySentence(m.sentences[0].text, Evidence(m.id, 0, m.sentences[0].span, m.sentences[0].text))
                        for m in members[1:3] if m not in copies
                    ),
                ],
            )
        )  # fmt: skip
        if len(batch) >= 500:
            store.save_articles(batch)
            batch = []
    store.save_articles(batch)
    store.replace_stories(stories, {})


def _time(
    client: TestClient, url: str, repeat: int, cold: Store | None
) -> tuple[float, float, float]:
    """Median and p95 wall milliseconds, and median CPU milliseconds, of ``repeat`` requests;
    with ``cold``, that store's read cache is emptied before each one."""
    client.get(url)  # warm-up: first-use costs (template compilation) are not a page's
    timings, cpu = [], []
    for _ in range(repeat):
        if cold is not None:
            cold.reads.clear()
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, statistics.median(cpu)


def _entities(client: TestClient, built: bool) -> dict[str, str]:
    """The actors, pair, outlet and year the pages ask about: the synthetic store's own, or,
    on a store built elsewhere (``bench/scale_load.py``), its most reported ones."""
    if built:
        return {"actor": "RUS", "state": "KAZ", "second": "ARM", "states": "KAZ,ARM,GEO",
                "person": "person:foreign-minister-kaz", "a": "RUS", "b": "USA",
                "type": "SANCTION", "year": "2022", "export_year": "2023", "outlet": "Outlet 03"}  # fmt: skip
    facets = client.get("/api/events/facets").json()
    states = [code for code in facets["actors"] if len(code) == 3 and code.isupper()]
    pairs = client.get("/api/relations").json()  # the busiest pair first
    a, b = (pairs[0]["a"], pairs[0]["b"]) if pairs else (states[0], states[1])
    newest = client.get("/api/events", params={"limit": 1}).json()[0]
    return {"actor": states[0], "state": states[1], "second": states[2],
            "states": ",".join(states[1:4]), "a": a, "b": b,
            "person": client.get("/api/actors", params={"kind": "person"}).json()[0]["id"],
            "type": next(iter(facets["types"])), "year": (newest["date"] or "2022")[:4],
            "outlet": next(iter(facets["outlets"]))}  # fmt: skip


def _pages(story: dict[str, Any], busiest: dict[str, Any], e: dict[str, str]) -> dict[str, str]:
    """Every page and route timed, by name."""
    article = story["summary"][0]["article_id"]
    year, outlet = e["year"], e["outlet"].replace(" ", "+")
    return {
        "home": "/",
        "search_words": "/search?q=pipeline+talks",
        "search_phrase_filters": f'/search?q="border+security"&actor={e["state"]}&since={year}-01-01&until={year}-12-31',
        "search_filters_only": f"/search?actor={e['second']}&event_type={e['type']}",
        "stories": "/stories?page=3",
        "story": f"/stories/{story['id']}",
        "story_busiest": f"/stories/{busiest['id']}",
        "article": f"/articles/{article}",
        "actors": "/actors",
        "actor_state": f"/actors/{e['actor']}",
        "actor_person": f"/actors/{e['person']}",
        "relations": "/relations",
        "relations_alignment": f"/relations?states={e['states']}",
        "relation_pair": f"/relations/{e['a']}/{e['b']}",
        "clusters_pair": f"/clusters?pair={e['a']},{e['b']}&since={year}-01-01&until={year}-12-31",
        "api_clusters_pair": f"/api/clusters?pair={e['a']},{e['b']}",
        "api_stories": "/api/stories",
        "api_story": f"/api/stories/{busiest['id']}",
        "api_search": f"/api/search?q=sanctions&outlet={outlet}",
        "api_actor": f"/api/actors/{e['actor']}",
        "api_relations": "/api/relations",
        "api_relation_pair": f"/api/relations/{e['a']}/{e['b']}",
        "api_alignment": f"/api/alignment/{e['state']}",
        "events_explorer": "/events",
        "events_two_filters": f"/events?actor={e['actor']}&quad=4&since={year}-01-01",
        "events_place": f"/events?country={e['state']}&order=most_conflictual",
        "map": "/map",
        "map_filtered": f"/map?actor={e['actor']}&quad=4",
        "search_facets_tone": "/search?q=talks&language=en&tone=negative",
        "api_events": f"/api/events?actor={e['actor']}&type={e['type']}",
        "api_events_facets": f"/api/events/facets?actor={e['actor']}",
        "api_search_overview": "/api/search/overview?q=sanctions",
        "export_events_filtered_csv": f"/api/export/events.csv?actor={e['state']}&quad=4&since={e.get('export_year', year)}-01-01",
        "api_docs": "/api/docs",
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=11, help="timed requests per page")
    parser.add_argument("--db", help="a database URL (default: SQLite in a temporary folder)")
    parser.add_argument(
        "--cold", action="store_true", help="empty the read cache before every request"
    )
    parser.add_argument("--pages", help="comma-separated page names to time (default: every page)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(args.db or f"sqlite:///{Path(folder) / 'bench.db'}")
        built = store.count_articles() == 0
        if built:
            began = time.perf_counter()
            build(store, args.articles)
            print(
                f"built {store.count_articles()} articles in {time.perf_counter() - began:.0f} s",
                file=sys.stderr,
            )
        store.analyze()  # PostgreSQL plans from statistics a bulk load leaves stale
        client = TestClient(create_app(store), base_url="http://127.0.0.1")
        story = client.get("/api/stories", params={"limit": 1}).json()[0]
        busiest = max(
            client.get("/api/stories", params={"limit": 200}).json(),
            key=lambda s: s["article_count"],
        )
        pages = _pages(story, busiest, _entities(client, built))
        if args.pages:
            wanted = args.pages.split(",")
            if unknown := set(wanted) - set(pages):
                raise SystemExit(f"--pages: no page named {', '.join(sorted(unknown))}")
            pages = {name: pages[name] for name in wanted}
        for name, url in pages.items():
            median, p95, cpu = _time(client, url, args.repeat, store if args.cold else None)
            print(json.dumps({"system": "blocwatch", "page": name, "articles": args.articles,
                              "backend": store.dialect, "cache": "cold" if args.cold else "warm",
                              "median_ms": round(median, 1), "p95_ms": round(p95, 1),
                              "cpu_median_ms": round(cpu, 1)}))  # fmt: skip
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"system": "blocwatch", "measure": "web_peak_rss", "articles": args.articles,
                          "backend": store.dialect, "peak_rss_mb": round(peak, 1),
                          "load_average": [round(x, 2) for x in os.getloadavg()]}))  # fmt: skip
        store.close()


if __name__ == "__main__":
    main()
