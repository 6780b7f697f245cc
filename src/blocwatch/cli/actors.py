"""``blocwatch actors ...``: look actors up in the dictionary, import larger lists into it."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from blocwatch.cli.common import EXIT_NOT_FOUND, OutputFormat, day_option, err, error
from blocwatch.model import Actor
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.settings import Settings
from blocwatch.stages import load_dictionary

actors_app = typer.Typer(
    help="The actor dictionary: look actors up, import larger lists.", no_args_is_help=True
)


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
    settings = Settings()
    dictionary = load_dictionary(settings.actors_file)
    day = day_option(on, "--on")
    actor = _actor_named(dictionary, name, day)
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


def _actor_named(dictionary: ActorDictionary, name: str, day: date | None) -> Actor | None:
    """The actor an id names, or else the one the recogniser reads in ``name`` as written in
    news ("Russian foreign minister"), as of ``day`` when roles change hands."""
    from blocwatch.nlp.actors import ActorRecognizer
    from blocwatch.nlp.sentences import split_sentences

    actor = dictionary.get(name)
    if actor is not None:
        return actor
    mentions = ActorRecognizer(dictionary).recognize("-", name, split_sentences(name), day)
    # The widest mention is the whole phrase ("Russian foreign minister"), not a part ("Russian").
    widest = max(mentions, key=lambda m: m.evidence.span.end - m.evidence.span.start, default=None)
    return dictionary.get(widest.actor_id) if widest else None
