"""``blocwatch export``: stored data in a documented schema, events filtered as in the explorer."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from blocwatch.cli.common import (
    EXIT_USAGE,
    DbOption,
    day_option,
    err,
    error,
    open_store,
    settings_for,
)
from blocwatch.errors import ConfigError
from blocwatch.store import ExportFormat, ExportKind, Store, export
from blocwatch.store.explorer import EventFilter


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
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
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


WhatOption = Annotated[ExportKind, typer.Option("--what", help="What to export.")]
FormatOption = Annotated[
    ExportFormat, typer.Option("--format", help="jsonl, csv, parquet, or gdelt (events only).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="File to write; standard output when not given."),
]
TypeOption = Annotated[
    list[str] | None,
    typer.Option("--type", help="Events of this PLOVER type (repeat, or AGREE,AID)."),
]
QuadOption = Annotated[
    list[int] | None, typer.Option("--quad", min=1, max=4, help="Events of this quad class.")
]
ActorOption = Annotated[
    str | None,
    typer.Option(
        help="Events with this actor on either side: a name, code or id (Kazakhstan, KAZ, Tokayev)."
    ),
]
PairOption = Annotated[
    str | None,
    typer.Option(help="Events between two actors, either way: RUS,UKR or Russia,Ukraine."),
]
CountryOption = Annotated[
    str | None, typer.Option(help="Events that happened in this country (ISO3).")
]
SinceOption = Annotated[
    str | None, typer.Option(help="Events reported on or after this day (YYYY-MM-DD).")
]
UntilOption = Annotated[
    str | None, typer.Option(help="Events reported on or before this day (YYYY-MM-DD).")
]
OutletOption = Annotated[str | None, typer.Option(help="Events reported by this outlet.")]
StoryOption = Annotated[str | None, typer.Option(help="Events of this story id.")]
MinConfidenceOption = Annotated[
    float | None, typer.Option(min=0, max=1, help="Events coded with at least this confidence.")
]
MinToneOption = Annotated[
    float | None,
    typer.Option(min=-1, max=1, help="Events whose sentence's tone is at least this."),
]
MaxToneOption = Annotated[
    float | None,
    typer.Option(min=-1, max=1, help="Events whose sentence's tone is at most this."),
]
CopiesOption = Annotated[
    bool, typer.Option(help="With filters: keep syndicated copies' repeated events.")
]


def export_command(
    what: WhatOption = ExportKind.ARTICLES,
    fmt: FormatOption = ExportFormat.JSONL,
    output: OutputOption = None,
    db: DbOption = None,
    types: TypeOption = None,
    quads: QuadOption = None,
    actor: ActorOption = None,
    pair: PairOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    story: StoryOption = None,
    min_confidence: MinConfidenceOption = None,
    min_tone: MinToneOption = None,
    max_tone: MaxToneOption = None,
    copies: CopiesOption = False,
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
    store = open_store(settings_for(db), create=False)
    try:
        count = _write(store, what, fmt, output, _named_actors(store, events))
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


def _write(
    store: Store,
    what: ExportKind,
    fmt: ExportFormat,
    output: Path | None,
    events: EventFilter | None,
) -> int:
    """Export into ``output`` or standard output; the row count.

    Parquet goes to a binary stream, the other formats to text written with ``newline=""``
    so the CSV writer's own line ends are kept on every platform.
    """
    if fmt is ExportFormat.PARQUET:
        with output.open("wb") if output else nullcontext(sys.stdout.buffer) as binary:
            return export(store, what, fmt, binary, events)
    with (
        output.open("w", encoding="utf-8", newline="")
        if output
        else nullcontext(sys.stdout) as text
    ):
        return export(store, what, fmt, text, events)
