"""A news site on loopback for the watcher's tests: feeds, article pages and bad behaviour.

Real sockets, a real threaded HTTP server: feeds with ETags (answering 304 when the
client's If-None-Match still holds), pages that are slow, missing, failing a few times,
oversized, redirecting to a private address, and an entity-bomb feed. Every request is
logged, so tests can say which page was fetched how often and with which headers.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CITIES = ["Astana", "Tashkent", "Bishkek", "Baku", "Yerevan", "Tbilisi", "Minsk", "Chisinau"]
TOPICS = ["rail freight", "power exports", "customs rules", "water sharing", "grain transit"]


def article_html(number: int, *, title: str | None = None) -> bytes:
    """A short news page, different for every number."""
    city = CITIES[number % len(CITIES)]
    topic = TOPICS[number % len(TOPICS)]
    heading = title or f"Ministers meet in {city} for round {number} of talks"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{heading}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{heading}</h1>
<p>Officials gathered in {city} on Monday for round {number} of consultations on {topic},
the foreign ministry said in a statement published after the first session ended.</p>
<p>Delegations from neighbouring states discussed the {topic} that have slowed trucks at the
border crossings for most of the year, and agreed to meet again within {number % 9 + 2} weeks.</p>
<p>Diplomats said the talks in {city} were frank and that a joint working group would draft
proposals on {topic} before the next round, number {number + 1}.</p>
</article><footer>Copyright Example Wire</footer></body></html>""".encode()


def rss(title: str, items: list[tuple[str, str, str]], base: str) -> bytes:
    """An RSS feed whose items carry one summary sentence and a link (path, title, date)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link>"
        f"<description>One line about {t}.</description><pubDate>{date}</pubDate></item>"
        for path, t, date in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{base}/</link><description>News</description>{entries}</channel></rss>"
    ).encode()


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rss version="2.0"><channel><title>&c;</title><item><title>&c;</title>
<link>http://example.invalid/x</link></item></channel></rss>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    location: str | None = None
    fail_first: int = 0
    """Answer 503 this many times before answering normally."""
    declared_length: int | None = None
    """A Content-Length other than the body's; -1 sends none (the body runs to the close)."""


@dataclass
class NewsSite:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.log if p == path)

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(p for p, _ in self.log)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [h for p, h in self.log if p == path]


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            return

        def do_GET(self) -> None:
            path = self.path
            with site.lock:
                earlier = sum(1 for p, _ in site.log if p == path)
                site.log.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(path)
            if route is None:
                self._answer(404, b"not here", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if earlier < route.fail_first:
                self._answer(503, b"busy", "text/plain")
                return
            if route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._answer(route.status, route.body, route.content_type, route)

        def _answer(
            self, status: int, body: bytes, content_type: str, route: Route | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            length = route.declared_length if route and route.declared_length else len(body)
            if length < 0:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(length))
            if route and route.etag:
                self.send_header("ETag", route.etag)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 128


@contextmanager
def serve(site: NewsSite) -> Iterator[NewsSite]:
    server = _Server(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
