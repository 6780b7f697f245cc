"""How long the analyses take on a database of many articles (SQLite or PostgreSQL).

    python bench/analysis.py --db sqlite:///bench-analysis.db --generate 10000
    python bench/analysis.py --db postgresql://postgres@127.0.0.1:5432/bench --generate 10000

``--generate N`` first fills an empty database with N synthetic articles (five events and
two person mentions each, stories of three articles, one in ten articles a syndicated copy,
a few "former minister" claims); without it the database is used as it is. Prints one JSON
line per system: ``blocwatch`` (the analyses, counting in SQL) and ``python_loop`` (the
same relation series and graph computed by loading every event row into Python), with the
median wall time of each call in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text

from blocwatch.analysis import (
    alignment_series,
    find_disagreements,
    relation_graph,
    relation_series,
)
from blocwatch.model import (
    ActorKind,
    Article,
    CopyGroup,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Mention,
    Span,
    Story,
)
from blocwatch.store import Store
from blocwatch.store.schema import ArticleRow, EventRow

CODES = ["RUS", "USA", "ARM", "AZE", "KAZ", "BLR", "UKR", "CHN", "DEU", "FRA", "GBR", "TUR", "CIS"]
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("AID", 2, 7.0), ("ACCUSE", 3, -2.0),
         ("THREATEN", 3, -6.0), ("ASSAULT", 4, -10.0)]  # fmt: skip
SENTENCE = "{src} and {tgt} were reported together; some 1{n},000 troops were said to be involved."


def generate(store: Store, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    articles: list[Article] = []
    for i in range(count):
        published = start + timedelta(days=rng.randrange(730))
        article_id = f"bench{i:011d}"
        sentences, events = [], []
        offset = 0
        for k in range(5):
            src, tgt = rng.sample(CODES, 2)
            kind, quad, goldstein = rng.choice(TYPES)
            text = SENTENCE.format(src=src, tgt=tgt, n=rng.randrange(10))
            day = published - timedelta(days=rng.randrange(3))
            events.append(
                Event(
                    kind,
                    EventActor(None, src, src),
                    EventActor(None, tgt, tgt),
                    Evidence(article_id, k, Span(offset, offset + len(text)), text),
                    goldstein=goldstein,
                    quad_class=quad,
                    date=day.isoformat() if rng.random() < 0.8 else None,
                    status=rng.choice([EventStatus.HAPPENED] * 8 + [EventStatus.PLANNED, EventStatus.CLAIMED]),
                )
            )  # fmt: skip
            sentences.append(text)
            offset += len(text) + 1
        body = " ".join(sentences)
        claim = rng.random() < 0.01
        role = "former foreign minister" if claim else "foreign minister"
        mentions = [
            Mention("person:sergey-lavrov", "Lavrov", ActorKind.PERSON,
                    Evidence(article_id, k, Span(0, 3), body[0:3]), "RUS", role, claim=claim)
            for k in (0, 1)
        ]  # fmt: skip
        articles.append(
            Article(
                id=article_id,
                text=body,
                title=f"Bench article {i}",
                outlet=f"Outlet {rng.randrange(40)}",
                published_at=datetime.combine(published, datetime.min.time(), UTC),
                mentions=mentions,
                events=events,
            )
        )
    for first in range(0, count, 500):
        store.save_articles(articles[first : first + 500])
    stories = []
    for first in range(0, count - 2, 3):
        ids = [a.id for a in articles[first : first + 3]]
        groups = [CopyGroup(ids[0], (ids[1],))] if first % 30 == 0 else []
        stories.append(Story(f"story{first}", "Bench story", ids, copy_groups=groups))
    store.replace_stories(stories, {})


def timed(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(times), 1)


def python_series(store: Store, a: str, b: str) -> dict[str, Counter[int]]:
    """The baseline: every event row into Python, then counted by month."""
    months: dict[str, Counter[int]] = defaultdict(Counter)
    with store.session() as session:
        rows = session.execute(
            select(EventRow.source_code, EventRow.target_code, EventRow.date,
                   EventRow.quad_class, EventRow.status, ArticleRow.published_at)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        )  # fmt: skip
        for src, tgt, when, quad, status, published in rows:
            if status == "happened" and {src, tgt} == {a, b}:
                months[(when or published.date().isoformat())[:7]][quad] += 1
    return months


def python_graph(store: Store) -> Counter[tuple[str, str]]:
    edges: Counter[tuple[str, str]] = Counter()
    with store.session() as session:
        for src, tgt, status in session.execute(
            select(EventRow.source_code, EventRow.target_code, EventRow.status)
        ):
            if status == "happened" and src and tgt and src != tgt:
                edges[min(src, tgt), max(src, tgt)] += 1
    return edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database URL")
    parser.add_argument("--generate", type=int, default=0, help="fill with N synthetic articles")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store = Store(args.db)
    if args.generate and not store.count_articles():
        generate(store, args.generate)
        with store.engine.begin() as connection:
            connection.execute(text("ANALYZE"))  # a settled database has its statistics
    with store.session() as session:
        events = session.scalar(select(func.count()).select_from(EventRow)) or 0
        story_ids = list(
            session.scalars(select(ArticleRow.id).where(ArticleRow.story_id == "story3"))
        )
    common = {"backend": store.dialect, "articles": store.count_articles(), "events": events}
    figures = {
        "relation_series_ms": timed(lambda: relation_series(store, "RUS", "USA"), args.repeat),
        "relation_series_weekly_ms": timed(
            lambda: relation_series(store, "RUS", "USA", granularity="week"), args.repeat
        ),
        "relation_graph_ms": timed(lambda: relation_graph(store), args.repeat),
        "alignment_series_ms": timed(lambda: alignment_series(store, "KAZ"), args.repeat),
        "disagreements_story_ms": timed(
            lambda: find_disagreements(store, article_ids=story_ids), args.repeat
        ),
        "disagreements_all_ms": timed(lambda: find_disagreements(store), max(1, args.repeat // 2)),
    }
    print(json.dumps({"system": "blocwatch", **common, **figures}))
    baseline = {
        "relation_series_ms": timed(lambda: python_series(store, "RUS", "USA"), args.repeat),
        "relation_graph_ms": timed(lambda: python_graph(store), args.repeat),
    }
    print(json.dumps({"system": "python_loop", **common, **baseline}))
    store.close()


if __name__ == "__main__":
    main()
