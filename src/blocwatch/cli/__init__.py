"""The ``blocwatch`` command line.

Exit codes: 0 success; 1 some inputs were rejected (the rest were stored); 2 wrong usage;
3 the database could not be used; 4 nothing found (``show`` of an unknown id).
Data goes to standard output, messages and progress to standard error, so commands
compose in pipes (``blocwatch export --what events | jq``).

One module per command group (ingest, reading, export, serve, actors, watch), each
defining plain functions; this module builds the application and registers them.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from blocwatch import __version__
from blocwatch.cli.actors import actors_app
from blocwatch.cli.common import (
    EXIT_NOT_FOUND,
    EXIT_REJECTED,
    EXIT_STORE,
    EXIT_USAGE,
    error,
)
from blocwatch.cli.export import export_command
from blocwatch.cli.ingest import ingest_command
from blocwatch.cli.reading import (
    articles_command,
    fill_tone_command,
    show_command,
    stories_command,
    summarize_command,
)
from blocwatch.cli.serve import demo_command, serve_command
from blocwatch.cli.watch import alerts_app, sources_app, watch_command
from blocwatch.errors import BlocwatchError, ConfigError

__all__ = ["EXIT_NOT_FOUND", "EXIT_REJECTED", "EXIT_STORE", "EXIT_USAGE", "app", "main"]

app = typer.Typer(
    name="blocwatch",
    help="News intelligence for geopolitics: ingest, clean, extract actors, quotes and events, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


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


def _ours_only(record: logging.LogRecord) -> bool:
    """Log records from blocwatch itself, and only critical ones from libraries."""
    return record.name.startswith("blocwatch") or record.levelno >= logging.CRITICAL


app.command("ingest")(ingest_command)
app.command("articles")(articles_command)
app.command("show")(show_command)
app.command("export")(export_command)
app.command("serve")(serve_command)
app.command("demo")(demo_command)
app.command("stories")(stories_command)
app.command("summarize")(summarize_command)
app.command("fill-tone")(fill_tone_command)
app.add_typer(actors_app, name="actors")
app.add_typer(sources_app, name="sources")
app.add_typer(alerts_app, name="alerts")
app.command("watch")(watch_command)


def main() -> None:
    try:
        app()
    except BlocwatchError as exc:
        error(f"{exc}")
        sys.exit(EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_STORE)
