"""The reading commands: list articles and stories, show an article, summarise a file."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from blocwatch.cli.common import (
    EXIT_NOT_FOUND,
    EXIT_REJECTED,
    DbOption,
    OutputFormat,
    err,
    error,
    open_store,
    settings_for,
)
from blocwatch.errors import BlocwatchError
from blocwatch.ingest.files import read_inputs, read_stdin
from blocwatch.run import group_pending, rebuild_stories

if TYPE_CHECKING:
    from blocwatch.model import Article, SummarySentence


def articles_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="text (a table) or json (JSON lines).")
    ] = OutputFormat.TEXT,
) -> None:
    """List stored articles, newest first."""
    store = open_store(settings_for(db), create=False)
    try:
        rows = store.list_articles(limit=limit, offset=offset, outlet=outlet)
    finally:
        store.close()
    if fmt is OutputFormat.JSON:
        for row in rows:
            typer.echo(
                json.dumps(
                    {
                        "id": row.id,
                        "title": row.title,
                        "outlet": row.outlet,
                        "published_at": row.published_local,
                        "url": row.url,
                        "language": row.language,
                        "origin_agency": list(row.origin_agency),
                    },
                    ensure_ascii=False,
                )
            )
        return
    table = Table("id", "published", "outlet", "title", box=None, show_edge=False)
    for row in rows:
        table.add_row(
            row.id,
            (row.published_local or "")[:10],
            escape(row.outlet or ""),
            escape(row.title or ""),
        )
    Console(soft_wrap=True).print(table)


def show_command(
    article_id: Annotated[str, typer.Argument(help="Article id, or its first characters.")],
    db: DbOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """Show one article: metadata and clean text (and what was found in it)."""
    store = open_store(settings_for(db), create=False)
    try:
        matches = store.find_article_ids(article_id)
        if len(matches) != 1:
            reason = (
                "no article has this id"
                if not matches
                else f"ambiguous id, matches {', '.join(matches)}"
            )
            error(f"{article_id}: {reason}")
            raise typer.Exit(EXIT_NOT_FOUND)
        article = store.get_article(matches[0])
    finally:
        store.close()
    assert article is not None
    if fmt is OutputFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "id": article.id,
                    "title": article.title,
                    "outlet": article.outlet,
                    "url": article.url,
                    "published_at": article.published_at.isoformat()
                    if article.published_at
                    else None,
                    "published_source": article.published_source,
                    "language": article.language,
                    "origin_agency": article.origin_agency,
                    "raw_path": article.raw_path,
                    "text": article.text,
                    "mentions": len(article.mentions),
                    "quotes": len(article.quotes),
                    "events": len(article.events),
                },
                ensure_ascii=False,
            )
        )
        return
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"[bold]{escape(article.title or '(no title)')}[/bold]", markup=True)
    details = [
        article.outlet,
        article.published_at.isoformat() if article.published_at else None,
        article.language,
        article.url,
    ]
    out.print(" · ".join(d for d in details if d), markup=False)
    if article.origin_agency:
        out.print(f"origin: {', '.join(article.origin_agency)}", markup=False)
    out.print()
    out.print(article.text, markup=False)


def stories_command(
    db: DbOption = None,
    rebuild: Annotated[
        bool,
        typer.Option(help="Regroup every stored article, and cluster its events, before listing."),
    ] = False,
    recount: Annotated[
        bool,
        typer.Option(
            help="Count the events and mentions the explorer and actor pages sum again, "
            "from scratch (ingest keeps them; for rows written by other means)."
        ),
    ] = False,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """List stories (one real-world event, many reports), newest first."""
    from blocwatch.store.export import iter_stories, story_row

    store = open_store(settings_for(db), create=False)
    try:
        if rebuild:
            err.print(f"grouped into {rebuild_stories(store)} stories")
        elif waiting := group_pending(store):
            err.print(f"grouped {waiting} articles left waiting by an earlier run")
        if not rebuild and not store.event_clusters_complete():
            err.print(f"clustered the stored events into {store.complete_event_clusters()} events")
        if recount and not rebuild:  # a rebuild has counted them again already
            store.recount()
            err.print("counted the stored events and mentions again")
        stories = list(iter_stories(store))
    finally:
        store.close()
    stories.sort(key=lambda s: s.last_seen.isoformat() if s.last_seen else "", reverse=True)
    for story in stories[:limit]:
        if fmt is OutputFormat.JSON:
            typer.echo(json.dumps(story_row(story), ensure_ascii=False))
            continue
        copies = sum(len(g.copy_ids) for g in story.copy_groups)
        day = story.last_seen.date().isoformat() if story.last_seen else ""
        typer.echo(
            f"{story.id}  {day}  {len(story.article_ids)} articles, {copies} copies  {story.title}"
        )
        for sentence in story.summary:
            where = f"{sentence.evidence.article_id}#s{sentence.evidence.sentence_index}"
            typer.echo(f"    - {sentence.text}  [{where}]")


def fill_tone_command(db: DbOption = None) -> None:
    """Score the tone of stored English articles that have none, as ingest scores new ones
    (a store made before tone was kept: migration 0006 leaves those articles empty)."""
    from blocwatch.nlp.tone import add_tone
    from blocwatch.store.tone import fill_tone

    store = open_store(settings_for(db), create=False)
    try:
        err.print(f"scored the tone of {fill_tone(store, add_tone)} articles")
    finally:
        store.close()


def summarize_command(
    path: Annotated[
        str, typer.Argument(help="An article file (HTML or text), or - for standard input.")
    ],
    sentences: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=20,
            help="Exactly this many sentences (default: as many as fit the ranker's word budget).",
        ),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """Summarise one article: a few of its own sentences, each with its character span."""
    from blocwatch.stories import summarize_article

    article = _one_article(path)
    if sentences is None:
        summary = summarize_article(article)
    else:
        summary = summarize_article(article, max_sentences=sentences, max_words=math.inf)
    _print_summary(article, summary, fmt)


def _one_article(path: str) -> Article:
    """The one article ``path`` holds, cleaned and split into sentences; exit 1 naming the
    reason when the input is rejected or holds no article or several (a feed, a WARC)."""
    from blocwatch.model import RawDocument
    from blocwatch.stages import add_sentences, clean_document

    source = read_stdin(sys.stdin.buffer) if path == "-" else read_inputs([path])
    documents = list(source)
    rejected = [d for d in documents if not isinstance(d, RawDocument)]
    if rejected or len(documents) != 1:
        reason = (
            str(rejected[0])
            if rejected
            else f"{path}: expected one article, found {len(documents)}"
        )
        error(f"{reason}")
        raise typer.Exit(EXIT_REJECTED)
    document = documents[0]
    assert isinstance(document, RawDocument)
    try:
        return add_sentences(clean_document(document))
    except BlocwatchError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_REJECTED) from exc


def _print_summary(article: Article, summary: Sequence[SummarySentence], fmt: OutputFormat) -> None:
    """The summary as one JSON object, or the title and one line per sentence with the
    character span it was taken from, so a reader can find it in the article."""
    if fmt is OutputFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "title": article.title,
                    "summary": [
                        {
                            "text": s.text,
                            "sentence": s.evidence.sentence_index,
                            "start": s.evidence.span.start,
                            "end": s.evidence.span.end,
                        }
                        for s in summary
                    ],
                },
                ensure_ascii=False,
            )
        )
        return
    if article.title:
        typer.echo(article.title)
    for s in summary:
        typer.echo(f"- {s.text}  [{s.evidence.span.start}:{s.evidence.span.end}]")
