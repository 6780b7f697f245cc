"""The fetcher on real sockets: pinned connections and the deadline for one fetch.

Servers here listen on loopback, started by the tests; nothing else is contacted.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpcore
import pytest

from blocwatch.ingest.urls import UrlFetcher
from blocwatch.model import RawDocument, Rejection

PAGE = b"<html><head><title>Talks</title></head><body><p>Leaders met in Baku.</p></body></html>"
HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"


class LoopbackServer:
    """Answers each connection with ``respond(conn, request_bytes)`` on 127.0.0.1."""

    def __init__(self, respond: Callable[[socket.socket, bytes], None]) -> None:
        self.respond = respond
        self.requests: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port: int = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10)
                request = conn.recv(65536)
                self.requests.append(request)
                with contextlib.suppress(OSError):
                    self.respond(conn, request)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[socket.socket, bytes], None]], LoopbackServer]]:
    servers: list[LoopbackServer] = []

    def start(respond: Callable[[socket.socket, bytes], None]) -> LoopbackServer:
        servers.append(LoopbackServer(respond))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _page(conn: socket.socket, _request: bytes) -> None:
    conn.sendall(HEADERS % len(PAGE) + PAGE)


def _drip(
    data: bytes, every: float, stop: threading.Event
) -> Callable[[socket.socket, bytes], None]:
    def respond(conn: socket.socket, _request: bytes) -> None:
        for i in range(len(data)):
            if stop.is_set():
                return
            conn.sendall(data[i : i + 1])
            time.sleep(every)

    return respond


def test_the_connection_goes_to_the_address_that_was_checked(serve: Any) -> None:
    """A name that answers loopback first and elsewhere later is fetched from loopback,
    resolved once, and the server sees the name in the Host header."""
    server = serve(_page)
    answers = iter([["127.0.0.1"], ["10.66.66.66"], ["10.66.66.66"]])
    calls: list[str] = []

    def rebinding(host: str) -> list[str]:
        calls.append(host)
        return next(answers)

    fetcher = UrlFetcher(allow_private=True, resolver=rebinding, deadline=10)
    [doc] = list(fetcher.read(f"http://rebind.example:{server.port}/page"))
    assert isinstance(doc, RawDocument) and doc.content == PAGE
    assert calls == ["rebind.example"]
    assert f"host: rebind.example:{server.port}".encode() in server.requests[0].lower()


def test_a_public_answer_checked_is_the_one_connected_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding without private addresses allowed: the check sees a public address,
    a second resolution would say loopback; the connection uses the first (recorded here
    instead of connecting, so no traffic leaves the machine)."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    connected: list[str] = []

    def record(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        connected.append(host)
        raise httpcore.ConnectError("recorded, not connected")

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", record)
    fetcher = UrlFetcher(resolver=lambda host: next(answers), deadline=10)
    [failed] = list(fetcher.read("http://rebind.example/"))
    assert isinstance(failed, Rejection) and "ConnectError" in failed.reason
    assert connected == ["93.184.216.34"]


@pytest.mark.parametrize("part", ["body", "headers"])
def test_a_slow_drip_server_cannot_hold_a_fetch_past_its_deadline(serve: Any, part: str) -> None:
    """One byte every two seconds never trips a per-read timeout; the deadline stops it."""
    stop = threading.Event()
    if part == "body":

        def respond(conn: socket.socket, request: bytes) -> None:
            conn.sendall(HEADERS % 40)
            _drip(b"x" * 40, 2.0, stop)(conn, request)

        server = serve(respond)
    else:
        server = serve(_drip(HEADERS % 0, 2.0, stop))
    fetcher = UrlFetcher(allow_private=True, timeout=20, deadline=3)
    started = time.monotonic()
    try:
        [refused] = list(fetcher.read(f"http://127.0.0.1:{server.port}/slow"))
    finally:
        stop.set()
    elapsed = time.monotonic() - started
    assert isinstance(refused, Rejection)
    assert refused.reason == "no complete answer within 3 s (the deadline for one fetch)"
    assert 2.5 < elapsed < 6
