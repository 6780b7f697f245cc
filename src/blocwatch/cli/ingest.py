"""``blocwatch ingest``: read documents, analyse them, store them, and say what was kept."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Annotated, Any

import typer
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
from rich.text import Text

from blocwatch.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_REJECTED,
    EXIT_STORE,
    EXIT_USAGE,
    DbOption,
    OutputFormat,
    err,
    error,
    open_store,
    settings_for,
)
from blocwatch.errors import ConfigError, StoreError
from blocwatch.ingest.count import count_documents
from blocwatch.ingest.files import ReadLimits, expand_inputs, read_inputs, read_stdin
from blocwatch.ingest.urls import UrlFetcher, is_url
from blocwatch.pipeline import DaskExecutor, Executor, LocalExecutor
from blocwatch.run import IngestReport, ingest_corpus
from blocwatch.settings import Settings
from blocwatch.stages import load_dictionary
from blocwatch.store import Store


def _executor(settings: Settings) -> Executor:
    if settings.executor == "dask":
        return DaskExecutor(settings.dask_address, workers=settings.workers)
    return LocalExecutor(settings.workers)


class RateColumn(ProgressColumn):
    """Documents per second, so a long ingest says how fast it goes."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} docs/s", style="progress.data.speed")


def print_report(report: IngestReport, fmt: OutputFormat) -> None:
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


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files (text, HTML, .gz, JSON lines, WARC, RSS/Atom), directories (recursive), "
        "glob patterns, http(s) URLs, or - for standard input."
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(help="Processes to use (local executor) or workers of a local Dask cluster."),
]
ExecutorOption = Annotated[str | None, typer.Option(help="local or dask.")]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(
        help="Address of a running Dask scheduler (tcp://host:8786): run on its workers "
        "(implies --executor dask; without it, dask starts a local cluster)."
    ),
]
MaxBytesOption = Annotated[int | None, typer.Option(help="Largest single document in bytes.")]
JsonlOption = Annotated[bool, typer.Option("--jsonl", help="Read standard input as JSON lines.")]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", help="text (summary on stderr) or json (report on stdout)."),
]
ProgressOption = Annotated[bool, typer.Option(help="Show a progress bar.")]
StoriesOption = Annotated[bool, typer.Option(help="Regroup stories after new articles are stored.")]
LearnOption = Annotated[
    bool,
    typer.Option(
        "--learn-furniture/--no-learn-furniture",
        help="First learn the lines each outlet repeats on many of its pages (local files only).",
    ),
]
FollowSymlinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks",
        help="Inside a folder, also read symlinks to files outside it (refused by default).",
    ),
]


@dataclass(frozen=True, slots=True)
class _IngestChoices:
    """What the command line asked of one ingest, besides the settings."""

    paths: list[str]
    jsonl: bool
    progress: bool
    stories: bool
    learn: bool
    follow_symlinks: bool

    @property
    def file_paths(self) -> list[str]:
        """The paths that are not standard input (``-``)."""
        return [p for p in self.paths if p != "-"]


def ingest_command(
    paths: PathsArgument,
    db: DbOption = None,
    workers: WorkersOption = None,
    executor: ExecutorOption = None,
    dask_address: DaskAddressOption = None,
    max_bytes: MaxBytesOption = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = OutputFormat.TEXT,
    progress: ProgressOption = True,
    stories: StoriesOption = True,
    learn: LearnOption = True,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Read documents, clean and analyse them, and store them. Re-ingesting the same input stores nothing new."""
    try:
        settings = settings_for(
            db, workers=workers, executor=executor, dask_address=dask_address, max_bytes=max_bytes
        )
    except ValueError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    choices = _IngestChoices(paths, jsonl, progress, stories, learn, follow_symlinks)
    store = open_store(settings)
    total = _document_total(choices)
    try:
        report = _ingest(store, settings, choices, total)
    except (StoreError, ConfigError) as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_STORE if isinstance(exc, StoreError) else EXIT_USAGE) from exc
    except KeyboardInterrupt as exc:
        error(
            "interrupted: every batch written before the interrupt stays stored; run the "
            "same command again to go on (stored documents are skipped, unfinished story "
            "work is completed)"
        )
        raise typer.Exit(EXIT_INTERRUPTED) from exc
    finally:
        store.close()
    print_report(report, fmt)
    if report.rejected_count:
        raise typer.Exit(EXIT_REJECTED)


def _document_total(choices: _IngestChoices) -> int | None:
    """How many documents the files hold, for the bar's estimate; unknown when standard
    input is read, since it can only be read once."""
    expanded = list(expand_inputs(choices.file_paths, follow_symlinks=choices.follow_symlinks))
    return None if "-" in choices.paths else count_documents(expanded)


def _ingest(
    store: Store, settings: Settings, choices: _IngestChoices, total: int | None
) -> IngestReport:
    """Run the pipeline over the inputs with the chosen executor, advancing the bar.

    The executor is closed whatever happens, so a failed run leaves no worker processes
    or Dask cluster behind.
    """
    limits = ReadLimits(max_bytes=settings.max_bytes)
    documents = _documents(
        choices.paths,
        settings,
        limits,
        jsonl=choices.jsonl,
        follow_symlinks=choices.follow_symlinks,
    )
    run_executor = _executor(settings)
    with _progress_bar(choices.progress and err.is_terminal) as live:
        task = live.add_task("ingest", total=total) if live is not None else None

        def tick(n: int) -> None:
            if live is not None and task is not None:
                live.advance(task, n)
                live.refresh()

        local_files = [p for p in choices.file_paths if not is_url(p)]
        try:
            return ingest_corpus(
                store,
                documents,
                learn_from=read_inputs(local_files, limits, follow_symlinks=choices.follow_symlinks)
                if choices.learn and local_files
                else None,
                dictionary=load_dictionary(settings.actors_file),
                executor=run_executor,
                progress=tick,
                regroup=choices.stories,
                spacy_model=settings.spacy_model,
            )
        finally:
            run_executor.close()


def _documents(
    paths: list[str],
    settings: Settings,
    limits: ReadLimits,
    *,
    jsonl: bool,
    follow_symlinks: bool,
) -> Iterator[Any]:
    """Standard input first (when ``-`` is given), then the files and URLs, read lazily."""
    if "-" in paths:
        yield from read_stdin(sys.stdin.buffer, limits, jsonl=jsonl)
    yield from read_inputs(
        [p for p in paths if p != "-"],
        limits,
        follow_symlinks=follow_symlinks,
        fetcher=UrlFetcher(max_bytes=settings.max_bytes, allow_private=settings.allow_private_urls),
    )


def _progress_bar(show: bool) -> AbstractContextManager[Progress | None]:
    """A bar with a count, a rate and an estimate, or nothing (not a terminal, --no-progress).

    The bar is drawn when the run advances, not by a refreshing thread of its own: the
    worker pool is forked only from a process with one thread
    (:class:`blocwatch.pipeline.LocalExecutor`), and a forked worker starts warm."""
    if not show:
        return nullcontext()
    return Progress(
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
        auto_refresh=False,
    )
