"""Tone for stored articles that lack it: what ``blocwatch fill-tone`` writes.

Migration 0006 added the tone columns and left them empty for the articles already stored
(its docstring says why: the score is VADER's, a third-party lexicon a revision cannot
freeze). This fills them with the tone today's pipeline gives, so an upgraded store
answers as one whose articles were ingested today. The scoring is handed in (the store
does not import the language stages); the SQL lives here.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session

from blocwatch.model import Article
from blocwatch.store import read
from blocwatch.store.repository import Store
from blocwatch.store.schema import ArticleRow, SentenceRow


def _untoned(session: Session, after: str, limit: int) -> list[Article]:
    """Up to ``limit`` English articles past ``after`` (by id) with a sentence lacking tone,
    with their facts; other languages get no tone and are never picked."""
    lacking = exists().where(SentenceRow.article_id == ArticleRow.id, SentenceRow.tone.is_(None))
    rows = session.scalars(
        select(ArticleRow)
        .where(or_(ArticleRow.language.is_(None), ArticleRow.language == "en"))
        .where(ArticleRow.id > after, lacking)
        .order_by(ArticleRow.id)
        .limit(limit)
    ).all()
    return read.load_articles(session, rows)


def _write(session: Session, articles: list[Article]) -> None:
    sentences = [
        {"article_id": a.id, "index": s.index, "tone": s.tone}
        for a in articles
        for s in a.sentences
    ]
    if sentences:
        session.execute(update(SentenceRow), sentences)
    session.execute(update(ArticleRow), [{"id": a.id, "tone": a.tone} for a in articles])


def fill_tone(store: Store, score: Callable[[Article], Article], *, batch_size: int = 200) -> int:
    """Score every English article with a sentence lacking tone, ``batch_size`` at a time
    (scored outside the write, written in turn with ingest batches), then count the kept
    actor figures again, which sum sentence tone; returns how many articles were scored.

    Articles are taken in id order past the last one done, so an article the scoring
    leaves without tone is not picked again and the fill always ends."""
    done, after = 0, ""
    while True:
        with store.session() as session:
            articles = _untoned(session, after, batch_size)
        if not articles:
            break
        scored = [score(a) for a in articles]
        with store.batch() as writer:
            _write(writer.session, scored)
        done, after = done + len(scored), articles[-1].id
    if done:
        store.recount()
    return done
