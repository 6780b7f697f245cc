"""What every command shares: exit codes, the --db option, the error console, opening the
settings and the store."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from blocwatch.errors import StoreError
from blocwatch.settings import Settings
from blocwatch.store import Store

EXIT_REJECTED, EXIT_USAGE, EXIT_STORE, EXIT_NOT_FOUND = 1, 2, 3, 4
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""

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


def settings_for(db: str | None, **overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    if db:
        values["database_url"] = db
    return Settings(**values)


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """The store, or exit 3 saying why; reading commands pass ``create=False``."""
    try:
        return Store(settings.database_url, create=create, min_confidence=settings.min_confidence)
    except StoreError as exc:
        error(f"{exc}")
        raise typer.Exit(EXIT_STORE) from exc


def error(message: str) -> None:
    """An error line on standard error; the message is escaped, so rich markup never eats
    part of it (``http://[fd00::1]/`` stays whole)."""
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)


def day_option(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        err.print(
            f"[red]error:[/red] {option}: not a date (YYYY-MM-DD): {value!r}", highlight=False
        )
        raise typer.Exit(EXIT_USAGE) from exc
