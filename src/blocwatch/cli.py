"""The ``blocwatch`` command line.

Exit codes: 0 success; 1 some inputs were rejected (the rest were stored); 2 wrong usage;
3 the database could not be used; 4 nothing found (``show`` of an unknown id).
Data goes to standard output, messages and progress to standard error, so commands
compose in pipes (``blocwatch export --what events | jq``).
"""

from __future__ import annotations

import errno
import json
import logging
import math
import socket
import sys
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from blocwatch import __version__
from blocwatch.cli_watch import alerts_app, sources_app, watch_command
from blocwatch.errors import BlocwatchError, ConfigError, StoreError
from blocwatch.ingest.count import count_documents
from blocwatch.ingest.files import ReadLimits, expand_inputs, read_inputs, read_stdin
from blocwatch.ingest.urls import UrlFetcher, is_url
from blocwatch.pipeline import DaskExecutor, Executor, LocalExecutor
from blocwatch.run import IngestReport, group_pending, ingest_corpus, rebuild_stories
from blocwatch.settings import Settings
from blocwatch.stages import load_dictionary
from blocwatch.store import ExportFormat, ExportKind, Store, export
from blocwatch.store.explorer import EventFilter

EXIT_REJECTED, EXIT_USAGE, EXIT_STORE, EXIT_NOT_FOUND = 1, 2, 3, 4

app = typer.Typer(
    name="blocwatch",
    help="News intelligence for geopolitics: ingest, clean, extract actors, quotes and events, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, soft_wrap=True)
"""Messages are never wrapped: a path or URL split over two lines cannot be copied."""

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.db or postgresql://...). Default: $BLOCWATCH_DATABASE_URL or sqlite:///blocwatch.db.",
    ),
]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _settings(db: str | None, **overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    if db:
        values["database_url"] = db
    return Settings(**values)


def _open_store(settings: Settings, *, create: bool = True) -> Store:
    """The store, or exit 3 saying why; reading commands pass ``create=False``."""
    try:
        return Store(settings.database_url, create=create, min_confidence=settings.min_confidence)
    except StoreError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_STORE) from exc


def _executor(settings: Settings) -> Executor:
    if settings.executor == "dask":
        return DaskExecutor(settings.dask_address, workers=settings.workers)
    return LocalExecutor(settings.workers)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what happens to standard error.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    # Libraries (trafilatura, htmldate, ...) warn about pages they find odd; a rejected page
    # already says why in the report, so their warnings and errors show with --verbose only.
    logging.captureWarnings(True)
    if not verbose:
        for handler in logging.getLogger().handlers:
            handler.addFilter(_ours_only)
    if version:
        typer.echo(f"blocwatch {__version__}")
        raise typer.Exit()


class RateColumn(ProgressColumn):
    """Documents per second, so a long ingest says how fast it goes."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} docs/s", style="progress.data.speed")


def _ours_only(record: logging.LogRecord) -> bool:
    """Log records from blocwatch itself, and only critical ones from libraries."""
    return record.name.startswith("blocwatch") or record.levelno >= logging.CRITICAL


def error(message: str) -> None:
    """An error line on standard error; the message is escaped, so rich markup never eats
    part of it (``http://[fd00::1]/`` stays whole)."""
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)


def _print_report(report: IngestReport, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.JSON:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    for rejection in report.rejected:
        err.print(
            f"[yellow]rejected[/yellow] {escape(rejection.source)}: {escape(rejection.reason)}",
            highlight=False,
        )
    if report.rejected_count > len(report.rejected):
        err.print(
            f"... and {report.rejected_count - len(report.rejected):,} more rejections "
            "(all are in the database; --format json lists the first ones)",
            highlight=False,
        )
    for warning in report.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(warning)}", highlight=False)
    summary = f"ingested {report.ingested}, duplicates skipped {report.duplicates}, rejected {report.rejected_count}"
    if report.degraded:
        kept = ", ".join(f"{n} without {step}" for step, n in report.degraded.items())
        summary += f"; kept after a step failed: {kept} (see --verbose)"
    if report.rejected_count:
        reasons = "; ".join(f"{n}× {reason}" for reason, n in report.reasons().most_common(5))
        summary += f" ({reasons})"
    if report.warning_count:
        summary += f"; {report.warning_count} kept with a field dropped"
    err.print(escape(summary), highlight=False)


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (text, HTML, .gz, JSON lines, WARC, RSS/Atom), directories (recursive), "
            "glob patterns, http(s) URLs, or - for standard input."
        ),
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Processes to use (local executor) or workers of a local Dask cluster."),
    ] = None,
    executor: Annotated[str | None, typer.Option(help="local or dask.")] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(
            help="Address of a running Dask scheduler (tcp://host:8786): run on its workers "
            "(implies --executor dask; without it, dask starts a local cluster)."
        ),
    ] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest single document in bytes.")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Read standard input as JSON lines.")
    ] = False,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", help="text (summary on stderr) or json (report on stdout)."),
    ] = OutputFormat.TEXT,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    stories: Annotated[
        bool, typer.Option(help="Regroup stories after new articles are stored.")
    ] = True,
    learn: Annotated[
        bool,
        typer.Option(
            "--learn-furniture/--no-learn-furniture",
            help="First learn the lines each outlet repeats on many of its pages (local files only).",
        ),
    ] = True,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Inside a folder, also read symlinks to files outside it (refused by default).",
        ),
    ] = False,
) -> None:
    """Read documents, clean and analyse them, and store them. Re-ingesting the same input stores nothing new."""
    try:
        settings = _settings(
            db, workers=workers, executor=executor, dask_address=dask_address, max_bytes=max_bytes
        )
    except ValueError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    store = _open_store(settings)
    limits = ReadLimits(max_bytes=settings.max_bytes)
    file_paths = [p for p in paths if p != "-"]
    expanded = list(expand_inputs(file_paths, follow_symlinks=follow_symlinks))
    total = None if "-" in paths else count_documents(expanded)

    def documents() -> Any:
        if "-" in paths:
            yield from read_stdin(sys.stdin.buffer, limits, jsonl=jsonl)
        yield from read_inputs(
            file_paths,
            limits,
            follow_symlinks=follow_symlinks,
            fetcher=UrlFetcher(
                max_bytes=settings.max_bytes, allow_private=settings.allow_private_urls
            ),
        )

    bar: AbstractContextManager[Any]
    show_bar = progress and err.is_terminal
    bar = (
        Progress(
            SpinnerColumn(),
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        if show_bar
        else nullcontext()
    )
    try:
        run_executor = _executor(settings)
        with bar as live:
            task = live.add_task("ingest", total=total) if live is not None else None

            def tick(n: int) -> None:
                if live is not None and task is not None:
                    live.advance(task, n)

            local_files = [p for p in file_paths if not is_url(p)]
            try:
                report = ingest_corpus(
                    store,
                    documents(),
                    learn_from=read_inputs(local_files, limits, follow_symlinks=follow_symlinks)
                    if learn and local_files
                    else None,
                    dictionary=load_dictionary(settings.actors_file),
                    executor=run_executor,
                    progress=tick,
                    regroup=stories,
                    spacy_model=settings.spacy_model,
                )
            finally:
                run_executor.close()
    except (StoreError, ConfigError) as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_STORE if isinstance(exc, StoreError) else EXIT_USAGE) from exc
    finally:
        store.close()
    _print_report(report, fmt)
    if report.rejected_count:
        raise typer.Exit(EXIT_REJECTED)


@app.command("articles")
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
    store = _open_store(_settings(db), create=False)
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


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(help="Article id, or its first characters.")],
    db: DbOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """Show one article: metadata and clean text (and what was found in it)."""
    store = _open_store(_settings(db), create=False)
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


def _day_option(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        err.print(
            f"[red]error:[/red] {option}: not a date (YYYY-MM-DD): {value!r}", highlight=False
        )
        raise typer.Exit(EXIT_USAGE) from exc


def _events_filter(
    *,
    types: list[str] | None,
    quads: list[int] | None,
    actor: str | None,
    pair: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    story: str | None,
    min_confidence: float | None,
    tone: tuple[float | None, float | None],
    copies: bool,
) -> EventFilter | None:
    """The explorer's filter from export options; ``None`` when no option filters."""
    ends = tuple(p.strip() for p in (pair or "").split(",") if p.strip())
    if pair and len(ends) != 2:
        error(f"--pair: two actors separated by a comma, not {pair!r}")
        raise typer.Exit(EXIT_USAGE)
    wanted = EventFilter(
        types=tuple(
            t.strip().upper() for value in types or () for t in value.split(",") if t.strip()
        ),
        quad_classes=tuple(quads or ()),
        actor=actor,
        pair=(ends[0], ends[1]) if ends else None,
        country=country.upper() if country else None,
        since=_day_option(since, "--since"),
        until=_day_option(until, "--until"),
        outlet=outlet,
        story=story,
        min_confidence=min_confidence,
        min_tone=tone[0],
        max_tone=tone[1],
        include_copies=copies,
    )
    return None if wanted == EventFilter() else wanted


def _named_actors(store: Store, wanted: EventFilter | None) -> EventFilter | None:
    """The filter with ``--actor`` and ``--pair`` resolved from names ("Kazakhstan",
    "Tokayev") to the ids and codes events carry; exit 2 naming the nearest when none fits."""
    from blocwatch import actor_input
    from blocwatch.store.actor_lookup import UnknownActorError

    if wanted is None or (wanted.actor is None and wanted.pair is None):
        return wanted
    try:
        pair = wanted.pair
        return replace(
            wanted,
            actor=actor_input.actor_id(store, wanted.actor, "--actor"),
            pair=(
                actor_input.actor_code(store, pair[0], "--pair"),
                actor_input.actor_code(store, pair[1], "--pair"),
            )
            if pair
            else None,
        )
    except UnknownActorError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc


@app.command("export")
def export_command(
    what: Annotated[
        ExportKind, typer.Option("--what", help="What to export.")
    ] = ExportKind.ARTICLES,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl, csv, parquet, or gdelt (events only).")
    ] = ExportFormat.JSONL,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write; standard output when not given."),
    ] = None,
    db: DbOption = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help="Events of this PLOVER type (repeat, or AGREE,AID)."),
    ] = None,
    quads: Annotated[
        list[int] | None, typer.Option("--quad", min=1, max=4, help="Events of this quad class.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            help="Events with this actor on either side: a name, code or id (Kazakhstan, KAZ, Tokayev)."
        ),
    ] = None,
    pair: Annotated[
        str | None,
        typer.Option(help="Events between two actors, either way: RUS,UKR or Russia,Ukraine."),
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Events that happened in this country (ISO3).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Events reported on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events reported on or before this day (YYYY-MM-DD).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Events reported by this outlet.")] = None,
    story: Annotated[str | None, typer.Option(help="Events of this story id.")] = None,
    min_confidence: Annotated[
        float | None, typer.Option(min=0, max=1, help="Events coded with at least this confidence.")
    ] = None,
    min_tone: Annotated[
        float | None,
        typer.Option(min=-1, max=1, help="Events whose sentence's tone is at least this."),
    ] = None,
    max_tone: Annotated[
        float | None,
        typer.Option(min=-1, max=1, help="Events whose sentence's tone is at most this."),
    ] = None,
    copies: Annotated[
        bool, typer.Option(help="With filters: keep syndicated copies' repeated events.")
    ] = False,
) -> None:
    """Export stored data in a documented schema; events can be filtered as in the explorer."""
    if fmt is ExportFormat.PARQUET and output is None and sys.stdout.isatty():
        err.print(
            "[red]error:[/red] parquet is binary: give --output FILE or redirect standard output"
        )
        raise typer.Exit(EXIT_USAGE)
    events = _events_filter(
        types=types, quads=quads, actor=actor, pair=pair, country=country, since=since,
        until=until, outlet=outlet, story=story, min_confidence=min_confidence,
        tone=(min_tone, max_tone), copies=copies,
    )  # fmt: skip
    if events is not None and what is not ExportKind.EVENTS:
        error(f"filters apply to events only: use --what events, not {what}")
        raise typer.Exit(EXIT_USAGE)
    if output is not None and not output.parent.is_dir():
        error(f"cannot write {output}: the folder {output.parent} does not exist")
        raise typer.Exit(EXIT_USAGE)
    store = _open_store(_settings(db), create=False)
    try:
        events = _named_actors(store, events)
        if fmt is ExportFormat.PARQUET:
            with output.open("wb") if output else nullcontext(sys.stdout.buffer) as binary:
                count = export(store, what, fmt, binary, events)
        else:
            with (
                output.open("w", encoding="utf-8", newline="")
                if output
                else nullcontext(sys.stdout) as text
            ):
                count = export(store, what, fmt, text, events)
    except ConfigError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    except OSError as exc:
        error(f"cannot write {output or 'standard output'}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    finally:
        store.close()
    if output:
        err.print(f"wrote {count} {what} rows to {output}")


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the web app and the JSON API."""
    settings = _settings(db, host=host, port=port)
    _serve(settings)


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or exit 2 saying why (a port in use, a bad address).

    Binding before starting the server is what lets ``serve`` say "serving" only once it
    truly is, and name the problem in words when it cannot.
    """
    if not 0 < port < 65536:
        error(f"--port {port}: a port is a number from 1 to 65535")
        raise typer.Exit(EXIT_USAGE)
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        reason = (
            "the port is in use (another server runs there): choose another with --port"
            if exc.errno == errno.EADDRINUSE
            else exc.strerror or str(exc)
        )
        error(f"cannot listen on {host}:{port}: {reason}")
        raise typer.Exit(EXIT_USAGE) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _serve(settings: Settings, *, create: bool = False) -> None:
    import uvicorn

    from blocwatch.web import create_app
    from blocwatch.web.analysis import default_analysis
    from blocwatch.web.security import trusted_hosts

    sock = _listening_socket(settings.host, settings.port)
    store = _open_store(settings, create=create)
    hosts = trusted_hosts(settings.host, settings.trusted_hosts.split(","))
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(
                store,
                trusted_hosts=hosts,
                analysis=default_analysis(settings.min_events_per_point),
            ),
            log_level="warning",
        )
    )
    err.print(
        f"blocwatch is serving {store.count_articles()} articles at http://{settings.host}:{settings.port}  (Ctrl-C to stop)"
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        store.close()


@app.command("demo")
def demo_command(
    db: Annotated[
        str, typer.Option("--db", help="Database for the demo.")
    ] = "sqlite:///blocwatch-demo.db",
    serve: Annotated[bool, typer.Option(help="Serve the web app after the pipeline run.")] = True,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Run the whole pipeline on the bundled sample corpus, then serve the web app."""
    from blocwatch.demo import run_demo

    settings = _settings(db, port=port)
    store = _open_store(settings)
    try:
        report = run_demo(store)
    finally:
        store.close()
    _print_report(report, OutputFormat.TEXT)
    if serve:
        _serve(settings, create=True)


@app.command("stories")
def stories_command(
    db: DbOption = None,
    rebuild: Annotated[
        bool,
        typer.Option(help="Regroup every stored article, and cluster its events, before listing."),
    ] = False,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """List stories (one real-world event, many reports), newest first."""
    from blocwatch.store.export import iter_stories, story_row

    store = _open_store(_settings(db), create=False)
    try:
        if rebuild:
            err.print(f"grouped into {rebuild_stories(store)} stories")
        elif waiting := group_pending(store):
            err.print(f"grouped {waiting} articles left waiting by an earlier run")
        if not rebuild and not store.event_clusters_complete():
            err.print(f"clustered the stored events into {store.complete_event_clusters()} events")
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


@app.command("summarize")
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
    from blocwatch.model import RawDocument
    from blocwatch.stages import add_sentences, clean_document
    from blocwatch.stories import summarize_article

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
        article = add_sentences(clean_document(document))
    except BlocwatchError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_REJECTED) from exc
    if sentences is None:
        summary = summarize_article(article)
    else:
        summary = summarize_article(article, max_sentences=sentences, max_words=math.inf)
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


actors_app = typer.Typer(
    help="The actor dictionary: look actors up, import larger lists.", no_args_is_help=True
)
app.add_typer(actors_app, name="actors")


class ActorListFormat(StrEnum):
    PETRARCH = "petrarch"
    WIKIDATA = "wikidata"


@actors_app.command("import")
def actors_import_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="A PETRARCH/Phoenix .actors.txt file or a Wikidata JSON extract.",
            exists=True,
            dir_okay=False,
        ),
    ],
    list_format: Annotated[ActorListFormat, typer.Option("--format", help="The file's format.")],
    into: Annotated[
        Path | None,
        typer.Option(
            help="Your actor file (default: $BLOCWATCH_ACTORS_FILE or blocwatch-actors.json)."
        ),
    ] = None,
) -> None:
    """Add actors from a larger list to your actor file; ingest then recognises them."""
    from blocwatch.nlp.actors import ActorDictionary, ActorEntry, import_wikidata
    from blocwatch.nlp.actors.importers import read_petrarch

    target = into or Settings().actors_file
    if list_format is ActorListFormat.PETRARCH:
        imported = read_petrarch(source)  # entries: an armed group keeps its sector
    else:
        imported = [ActorEntry(actor) for actor in import_wikidata(source)]
    entries = (
        dict(ActorDictionary.load(target, include_default=False).entries)
        if target.is_file()
        else {}
    )
    entries.update((entry.actor.id, entry) for entry in imported)
    merged = ActorDictionary(entries)
    merged.save(target)
    err.print(
        f"imported {len(imported)} actors from {source} into {target} ({len(merged)} in the file)"
    )


@actors_app.command("show")
def actors_show_command(
    name: Annotated[
        str,
        typer.Argument(
            help="An actor id (RUS, CIS, person:sergey-lavrov) or a name as written in news."
        ),
    ],
    on: Annotated[
        str | None, typer.Option(help="Resolve titles and roles on this date (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """Who an id or a name stands for, with roles over time."""
    from blocwatch.model import Actor
    from blocwatch.nlp.sentences import split_sentences

    settings = Settings()
    dictionary = load_dictionary(settings.actors_file)
    day = _day_option(on, "--on")
    actor: Actor | None = dictionary.get(name)
    if actor is None:
        from blocwatch.nlp.actors import ActorRecognizer

        mentions = ActorRecognizer(dictionary).recognize("-", name, split_sentences(name), day)
        # The widest mention is the whole phrase ("Russian foreign minister"), not a part ("Russian").
        widest = max(
            mentions, key=lambda m: m.evidence.span.end - m.evidence.span.start, default=None
        )
        actor = dictionary.get(widest.actor_id) if widest else None
    if actor is None:
        error(f"{name}: no actor by this id or name")
        raise typer.Exit(EXIT_NOT_FOUND)
    roles = [
        {
            "title": r.title,
            "of": r.of,
            "start": r.start.isoformat() if r.start else None,
            "end": r.end.isoformat() if r.end else None,
        }
        for r in actor.roles
    ]
    record = {
        "id": actor.id,
        "name": actor.name,
        "kind": str(actor.kind),
        "country": actor.country,
        "aliases": list(actor.aliases),
        "roles": roles,
    }
    if fmt is OutputFormat.JSON:
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    out = Console(highlight=False)
    out.print(
        f"{actor.name}  ({actor.id}, {actor.kind}{', ' + actor.country if actor.country else ''})",
        markup=False,
    )
    if actor.aliases:
        out.print("also: " + "; ".join(actor.aliases[:12]), markup=False)
    for role in roles:
        out.print(
            f"  {role['title']} of {role['of']}: {role['start'] or '?'} – {role['end'] or 'now'}",
            markup=False,
        )


app.add_typer(sources_app, name="sources")
app.add_typer(alerts_app, name="alerts")
app.command("watch")(watch_command)


def main() -> None:
    try:
        app()
    except BlocwatchError as exc:
        error(f"{exc}")
        sys.exit(EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_STORE)


if __name__ == "__main__":
    main()
