"""``blocwatch serve`` and ``blocwatch demo``: the web app and the JSON API on a socket."""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer

from blocwatch.cli.common import (
    EXIT_USAGE,
    DbOption,
    OutputFormat,
    err,
    error,
    open_store,
    settings_for,
)
from blocwatch.cli.ingest import print_report
from blocwatch.settings import Settings


def serve_command(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the web app and the JSON API."""
    settings = settings_for(db, host=host, port=port)
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
    store = open_store(settings, create=create)
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


def demo_command(
    db: Annotated[
        str, typer.Option("--db", help="Database for the demo.")
    ] = "sqlite:///blocwatch-demo.db",
    serve: Annotated[bool, typer.Option(help="Serve the web app after the pipeline run.")] = True,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Run the whole pipeline on the bundled sample corpus, then serve the web app."""
    from blocwatch.demo import run_demo

    settings = settings_for(db, port=port)
    store = open_store(settings)
    try:
        report = run_demo(store)
    finally:
        store.close()
    print_report(report, OutputFormat.TEXT)
    if serve:
        _serve(settings, create=True)
