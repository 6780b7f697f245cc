"""The watching commands: ``blocwatch sources ...``, ``blocwatch watch``, ``blocwatch alerts ...``.

Kept apart from the other commands (``blocwatch.cli`` registers them) because a long-lived
process has its own concerns: signals, a schedule, a summary per cycle. Exit codes are the same as the
other commands': 1 when some items failed, 2 for a wrong option or sources file, 3 when
the database cannot be used.
"""

from __future__ import annotations

import json
import signal
import threading
from dataclasses import asdict, replace
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer
from rich.console import Console

from blocwatch.alerts import AlertEngine, AlertRun, DeliverySettings, alerts_feed
from blocwatch.errors import ConfigError
from blocwatch.ingest.urls import UrlFetcher
from blocwatch.model import AlertRule, RuleConditions
from blocwatch.periods import Granularity
from blocwatch.settings import Settings
from blocwatch.stages import load_dictionary
from blocwatch.store import Store
from blocwatch.store.alerts import AlertState
from blocwatch.store.watch import WatchState
from blocwatch.watch import (
    FetchPolicy,
    PoliteFetcher,
    SourceKind,
    SourceReport,
    Watcher,
    add_source,
    load_sources,
    remove_source,
)
from blocwatch.watch.sources import format_interval, make_source

EXIT_FAILED, EXIT_USAGE = 1, 2

err = Console(stderr=True)
sources_app = typer.Typer(
    help="The sources `blocwatch watch` polls: feeds, news sitemaps, pages, WARC folders.",
    no_args_is_help=True,
)

SourcesOption = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        help="The sources file (default: $BLOCWATCH_SOURCES_FILE or blocwatch-sources.yaml).",
    ),
]
DbOption = Annotated[str | None, typer.Option("--db", help="Database URL.")]


def _settings(db: str | None = None, sources: Path | None = None) -> Settings:
    values: dict[str, Any] = {}
    if db:
        values["database_url"] = db
    if sources:
        values["sources_file"] = sources
    return Settings(**values)


def _usage_error(exc: ConfigError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    return typer.Exit(EXIT_USAGE)


@sources_app.command("add")
def sources_add_command(
    name: Annotated[str, typer.Argument(help="A short name: letters, digits, . _ -")],
    url: Annotated[str, typer.Argument(help="The feed, sitemap or page URL, or a WARC folder.")],
    kind: Annotated[SourceKind, typer.Option(help="What the URL is.")] = SourceKind.FEED,
    outlet: Annotated[str | None, typer.Option(help="The outlet's name.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code (en, fr, ...).")] = None,
    interval: Annotated[str, typer.Option(help="How often to poll: 90s, 15m, 2h.")] = "15m",
    sources: SourcesOption = None,
) -> None:
    """Add a source to the sources file."""
    path = _settings(sources=sources).sources_file
    try:
        record: dict[str, Any] = {"name": name, "kind": str(kind), "url": url, "interval": interval}
        record |= {"outlet": outlet, "language": language}
        add_source(path, make_source(record, f"source {name!r}"))
    except ConfigError as exc:
        raise _usage_error(exc) from exc
    err.print(f"added {name} ({kind}) to {path}", highlight=False)


@sources_app.command("remove")
def sources_remove_command(
    name: Annotated[str, typer.Argument(help="The source's name.")],
    sources: SourcesOption = None,
) -> None:
    """Remove a source from the sources file (what it stored stays)."""
    path = _settings(sources=sources).sources_file
    try:
        remove_source(path, name)
    except ConfigError as exc:
        raise _usage_error(exc) from exc
    err.print(f"removed {name} from {path}", highlight=False)


@sources_app.command("list")
def sources_list_command(
    sources: SourcesOption = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """The sources, with their health when the database has seen them."""
    settings = _settings(db, sources)
    try:
        listed = load_sources(settings.sources_file)
    except ConfigError as exc:
        raise _usage_error(exc) from exc
    store = Store(settings.database_url)
    try:
        health = {h.name: h for h in WatchState(store).health()}
    finally:
        store.close()
    for source in listed:
        state = health.get(source.name)
        if fmt == "json":
            record = source.as_dict() | {
                "health": {
                    k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in asdict(state).items()
                    if k not in ("name", "url", "etag", "last_modified")
                }
                if state
                else None
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
            continue
        line = (
            f"{source.name}\t{source.kind}\t{source.url}\tevery {format_interval(source.interval)}"
        )
        if state:
            last = (
                state.last_success_at.isoformat(timespec="seconds")
                if state.last_success_at
                else "never"
            )
            line += f"\tlast success {last}\tseen {state.items_seen}, stored {state.items_stored}, failed {state.items_failed}"
            if state.last_error:
                line += f"\tlast error: {state.last_error}"
        typer.echo(line)


def _print_reports(reports: list[SourceReport], fmt: str) -> None:
    for report in reports:
        if fmt == "json":
            typer.echo(json.dumps(asdict(report), ensure_ascii=False))
            continue
        for url, reason in report.failures:
            err.print(f"[yellow]failed[/yellow] {url}: {reason}", highlight=False)
        err.print(report.line(), highlight=False)


def watch_command(
    db: DbOption = None,
    sources: SourcesOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="One pass over the due sources, then exit (for cron).")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="text or json (one line per source).")
    ] = "text",
) -> None:
    """Poll the sources on their schedules and store every new full article; SIGTERM stops cleanly."""
    settings = _settings(db, sources)
    try:
        listed = load_sources(settings.sources_file)
    except ConfigError as exc:
        raise _usage_error(exc) from exc
    if not listed:
        err.print(
            f"[red]error:[/red] {settings.sources_file} names no sources: add one with `blocwatch sources add`"
        )
        raise typer.Exit(EXIT_USAGE)
    stop = threading.Event()

    def on_signal(_number: int, _frame: FrameType | None) -> None:
        err.print("stopping after the batch in flight...")
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    store = Store(settings.database_url)
    guard = UrlFetcher(max_bytes=settings.max_bytes, allow_private=settings.allow_private_urls)
    policy = FetchPolicy(max_bytes=settings.max_bytes, host_delay=settings.fetch_host_delay)
    failed = False
    watcher = Watcher(
        store,
        PoliteFetcher(guard, policy),
        dictionary=load_dictionary(settings.actors_file),
        stop=stop,
    )
    try:
        while not stop.is_set():
            # A fresh fetcher each cycle: host resolutions and robots.txt are not kept forever.
            with PoliteFetcher(guard, policy) as watcher.fetcher:
                reports = watcher.run_cycle(listed)
            _print_reports(reports, fmt)
            _print_alerts(AlertEngine(store, delivery_settings(settings)).run())
            failed = failed or any(r.failures or r.error for r in reports)
            if once:
                break
            stop.wait(watcher.seconds_to_next(listed))
            try:
                listed = load_sources(settings.sources_file) or listed
            except ConfigError as exc:
                err.print(f"[yellow]keeping the previous sources:[/yellow] {exc}")
    finally:
        watcher.fetcher.close()
        store.close()
    if failed and once:
        raise typer.Exit(EXIT_FAILED)


alerts_app = typer.Typer(
    help="Alert rules on new events: webhook (signed) and email delivery, an Atom feed.",
    no_args_is_help=True,
)


def delivery_settings(settings: Settings) -> DeliverySettings:
    return DeliverySettings(
        webhook_secret=settings.alert_webhook_secret,
        smtp_host=settings.smtp_host,
        smtp_port=settings.smtp_port,
        smtp_sender=settings.smtp_sender,
        allow_private=settings.allow_private_urls,
    )


def _print_alerts(run: AlertRun) -> None:
    if run.raised or run.delivered or run.retrying or run.failed:
        err.print(
            f"alerts: raised {run.raised}, delivered {run.delivered}, "
            f"to retry {run.retrying}, failed {run.failed}",
            highlight=False,
        )


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _named_actors(store: Store, conditions: RuleConditions) -> RuleConditions:
    """``--actor`` as an id, ``--pair`` and ``--alignment`` as the codes events carry,
    from names, codes or ids ("Kazakhstan", "KAZ", "Tokayev"); a name that fits no actor
    is a usage error naming the nearest ones."""
    from blocwatch import actor_input
    from blocwatch.store.actor_lookup import UnknownActorError

    try:
        actors = tuple(actor_input.actor_id(store, a, "--actor") or a for a in conditions.actors)
        pair = conditions.pair
        if pair is not None:
            pair = (
                actor_input.actor_code(store, pair[0], "--pair"),
                actor_input.actor_code(store, pair[1], "--pair"),
            )
        state = conditions.alignment_state
        if state is not None:
            state = actor_input.actor_code(store, state, "--alignment")
    except UnknownActorError as exc:
        raise _usage_error(ConfigError(str(exc))) from exc
    return replace(
        conditions, actors=tuple(dict.fromkeys(actors)), pair=pair, alignment_state=state
    )


ClaimedOption = Annotated[
    bool, typer.Option(help='Also events one party says happened ("X struck Y, Z said").')
]
TurnsNegativeOption = Annotated[
    bool, typer.Option(help="With --pair: fire when the pair's week turns negative.")
]
AlignmentOption = Annotated[
    str | None,
    typer.Option(help="Fire when this state's alignment index moves by more than --shift."),
]
ShiftOption = Annotated[
    float, typer.Option(help="With --alignment: the move, 0-2, between two periods.")
]
PeriodOption = Annotated[
    Granularity, typer.Option(help="With --alignment: compare weeks or months.")
]


@alerts_app.command("add")
def alerts_add_command(
    name: Annotated[str, typer.Argument(help="A name for the rule.")],
    actor: Annotated[list[str], typer.Option(help="Involves this actor (name, code or id).")] = [],  # noqa: B006
    pair: Annotated[
        str | None, typer.Option(help="Between two actors: RUS,UKR or Russia,Ukraine.")
    ] = None,
    event_type: Annotated[list[str], typer.Option("--type", help="PLOVER event type.")] = [],  # noqa: B006
    quad: Annotated[list[int], typer.Option(help="Quad class 1-4.")] = [],  # noqa: B006
    goldstein_below: Annotated[float | None, typer.Option(help="Goldstein at most.")] = None,
    goldstein_above: Annotated[float | None, typer.Option(help="Goldstein at least.")] = None,
    keyword: Annotated[list[str], typer.Option(help="The sentence holds this word.")] = [],  # noqa: B006
    outlet: Annotated[list[str], typer.Option(help="Reported by this outlet.")] = [],  # noqa: B006
    language: Annotated[list[str], typer.Option(help="Article language.")] = [],  # noqa: B006
    claimed: ClaimedOption = False,
    turns_negative: TurnsNegativeOption = False,
    alignment: AlignmentOption = None,
    shift: ShiftOption = 0.5,
    period: PeriodOption = Granularity.MONTH,
    webhook: Annotated[list[str], typer.Option(help="POST signed JSON to this URL.")] = [],  # noqa: B006
    email: Annotated[list[str], typer.Option(help="Send an email to this address.")] = [],  # noqa: B006
    db: DbOption = None,
) -> None:
    """Add a rule; it fires once per new real-world event stored after it is made."""
    conditions = RuleConditions(
        actors=_split(actor),
        pair=_pair_option(pair),
        event_types=_split(event_type),
        quad_classes=tuple(quad),
        goldstein_at_most=goldstein_below,
        goldstein_at_least=goldstein_above,
        keywords=_split(keyword),
        outlets=tuple(outlet),
        languages=_split(language),
        include_claimed=claimed,
        relation_turns_negative=turns_negative,
        alignment_state=alignment.strip() if alignment else None,
        alignment_shift=shift,
        alignment_period=period.value,
    )
    _check_conditions(conditions, alignment_given=alignment is not None)
    channels = _channels(webhook, email)
    store = Store(_settings(db).database_url)
    try:
        conditions = _named_actors(store, conditions)
        AlertState(store).add_rule(AlertRule(name, conditions, channels))
    except ConfigError as exc:
        raise _usage_error(exc) from exc
    finally:
        store.close()
    err.print(f"added alert rule {name}", highlight=False)


def _pair_option(pair: str | None) -> tuple[str, str] | None:
    """``--pair RUS,UKR`` as two codes; a usage error for any other number of them."""
    pair_codes = _split([pair]) if pair else ()
    if pair and len(pair_codes) != 2:
        raise _usage_error(ConfigError(f"--pair takes two codes like RUS,UKR, not {pair!r}"))
    return (pair_codes[0], pair_codes[1]) if pair_codes else None


def _check_conditions(conditions: RuleConditions, *, alignment_given: bool) -> None:
    """Refuse options that only mean something together, before a rule that could never
    fire is stored: a turn needs a pair, an alignment move a shift it can reach, and the
    index is kept per week or month, not per day."""
    if conditions.relation_turns_negative and conditions.pair is None:
        raise _usage_error(ConfigError("--turns-negative needs --pair"))
    shift = conditions.alignment_shift
    if alignment_given and not 0 < shift < 2:
        raise _usage_error(ConfigError(f"--shift must be between 0 and 2, not {shift}"))
    if conditions.alignment_period == Granularity.DAY.value:
        raise _usage_error(ConfigError("--period takes week or month"))


def _channels(webhook: list[str], email: list[str]) -> tuple[str, ...]:
    """Where alerts go, as ``webhook:<url>`` and ``email:<address>``; a webhook must be an
    http(s) URL, since the deliverer only posts."""
    bad = [u for u in webhook if not u.startswith(("http://", "https://"))]
    if bad:
        raise _usage_error(ConfigError(f"webhook {bad[0]!r} must be an http(s) URL"))
    return tuple(f"webhook:{u}" for u in webhook) + tuple(f"email:{a}" for a in email)


@alerts_app.command("list")
def alerts_list_command(db: DbOption = None) -> None:
    """The rules, then the latest alerts with their evidence."""
    store = Store(_settings(db).database_url)
    try:
        state = AlertState(store)
        defaults = asdict(RuleConditions())
        for rule in state.rules():
            set_here = asdict(rule.conditions).items()
            conditions = {k: v for k, v in set_here if v != defaults[k]}
            if rule.conditions.alignment_state:
                conditions |= {k: v for k, v in set_here if k.startswith("alignment_")}
            typer.echo(f"rule\t{rule.name}\t{json.dumps(conditions)}\t{' '.join(rule.channels)}")
        for alert in state.alerts(limit=50):
            typer.echo(
                f"alert\t{alert.raised_at.isoformat(timespec='seconds')}\t{alert.rule_name}\t{alert.title}"
            )
            for item in alert.evidence:
                typer.echo(f"\t{item.get('outlet')}: {item.get('sentence')}")
    finally:
        store.close()


@alerts_app.command("remove")
def alerts_remove_command(name: str, db: DbOption = None) -> None:
    """Remove a rule and the alerts it raised."""
    store = Store(_settings(db).database_url)
    try:
        if not AlertState(store).remove_rule(name):
            raise _usage_error(ConfigError(f"no alert rule named {name!r}"))
    finally:
        store.close()


@alerts_app.command("run")
def alerts_run_command(db: DbOption = None) -> None:
    """Match newly stored events and deliver what is due (``watch`` does this after each cycle)."""
    settings = _settings(db)
    store = Store(settings.database_url)
    try:
        run = AlertEngine(store, delivery_settings(settings)).run()
    finally:
        store.close()
    _print_alerts(run)
    if run.failed:
        raise typer.Exit(EXIT_FAILED)


@alerts_app.command("feed")
def alerts_feed_command(db: DbOption = None) -> None:
    """The latest alerts as an Atom feed on standard output."""
    store = Store(_settings(db).database_url)
    try:
        alerts = AlertState(store).alerts(limit=100)
    finally:
        store.close()
    typer.echo(alerts_feed(alerts, feed_id="urn:blocwatch:alerts").decode("utf-8"))
