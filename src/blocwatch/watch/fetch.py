"""Polite, safe fetching for the watcher: robots.txt, per-host pace, conditional GET, retries.

A monitor fetches the same hosts again and again, so it must behave: it says who it is
(a descriptive user agent), asks ``robots.txt`` first (``protego``, honouring a
crawl-delay), never runs more than a few requests at once against one host and spaces
them out, asks "changed since?" with the ETag and Last-Modified it was given last time,
and backs off on 5xx answers and timeouts instead of hammering. It is also untrusted
input: every hop of a redirect goes through the private-address guard of
:class:`blocwatch.ingest.urls.UrlFetcher` (and its transport), and bodies are read up to
the size cap and no further.

Errors are :class:`FetchError`, which says whether trying again later may help (a 503,
a timeout) or not (a 404, a refused address, a page robots.txt forbids).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from blocwatch.errors import InputError
from blocwatch.ingest.urls import USER_AGENT, AddressPolicy, PinnedTransport, UrlFetcher

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_CRAWL_DELAY = 60.0


class FetchError(InputError):
    """A fetch that did not give a page; ``retryable`` when a later attempt may succeed."""

    def __init__(self, reason: str, *, source: str | None = None, retryable: bool = False):
        super().__init__(reason, source=source)
        self.retryable = retryable


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How hard the watcher may pull on one host, and how long it waits for answers."""

    user_agent: str = f"{USER_AGENT} watch"
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each next one."""
    host_delay: float = 1.0
    """Seconds between the starts of two requests to one host (robots.txt may ask for more)."""
    host_concurrency: int = 2
    max_redirects: int = 5
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class Fetched:
    """An answer: the page (200) or "not modified" (304), with what to send next time."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                return value.strip("\"' ") or None
        return None


@dataclass
class _TrustingPolicy(AddressPolicy):
    """The guard's address policy, except for hosts the operator named as trusted."""

    trusted_hosts: frozenset[str] = frozenset()

    def pin(self, host: str) -> str:
        if host.strip("[]").lower() in self.trusted_hosts:
            return self.addresses(host)[0]
        return super().pin(host)


@dataclass
class _HostGate:
    """Per-host pace: at most ``concurrency`` requests at once, starts ``delay`` apart."""

    concurrency: int
    delay: float
    slots: threading.Semaphore = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0

    def __post_init__(self) -> None:
        self.slots = threading.Semaphore(self.concurrency)

    def wait_turn(self, sleep: Callable[[float], None]) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            sleep(start - now)


class PoliteFetcher:
    """Fetches for the watcher; thread-safe, one instance per watch run (close it after)."""

    def __init__(
        self,
        guard: UrlFetcher,
        policy: FetchPolicy | None = None,
        *,
        trusted_origins: frozenset[str] = frozenset(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """``trusted_origins`` (``http://host:port``) skip the private-address check: an
        operator's own intranet feed server, or the loopback server of a test. Everything
        they redirect to elsewhere is checked as usual.

        Connections go through the guard's :class:`PinnedTransport`, so the address that
        was checked is the one connected to. Resolutions are kept for the fetcher's life:
        make one per watch cycle.
        """
        self.guard = guard
        self.policy = policy or FetchPolicy()
        self.trusted_origins = trusted_origins
        self._sleep = sleep
        self._addresses = _TrustingPolicy(
            guard.allow_private,
            guard.resolver,
            trusted_hosts=frozenset(
                (urlsplit(origin).hostname or "").lower() for origin in trusted_origins
            ),
        )
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Protego | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            for client in self._clients:
                client.close()
            self._clients.clear()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The page at ``url`` after checked redirects, or 304 when the validators still hold."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_hop(current)
            if self.policy.respect_robots and not self._robots_allow(current):
                raise FetchError("disallowed by robots.txt", source=current)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            answer = self._get_with_retries(current, headers)
            if isinstance(answer, str):
                current = urljoin(current, answer)
                continue
            return answer
        raise FetchError(f"more than {self.policy.max_redirects} redirects", source=url)

    # ------------------------------------------------------------------ hops

    def _check_hop(self, url: str) -> None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" in self.trusted_origins:
            return
        try:
            self.guard.check_url(url, self._addresses)
        except InputError as exc:
            raise FetchError(exc.reason, source=exc.source or url) from exc

    def _client(self) -> httpx.Client:
        """This thread's client, on a transport pinned to the checked addresses.

        One per thread: a pinned pool shared by threads lost sockets under load, and a
        transport per request costs a TLS context each (tens of milliseconds). The whole-
        fetch deadline is kept by :meth:`_read`, a stalled read by the timeout.
        """
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(
                transport=self.guard.transport or PinnedTransport(self._addresses),
                trust_env=False,
                timeout=self.policy.timeout,
                headers={"User-Agent": self.policy.user_agent},
                follow_redirects=False,
            )
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return client

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = _HostGate(self.policy.host_concurrency, self.policy.host_delay)
                self._gates[host] = gate
            return gate

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Fetched | str:
        """A page, a 304, or the location of a redirect (a ``str``)."""
        attempt = 0
        while True:
            try:
                return self._get_once(url, headers)
            except FetchError as exc:
                if not exc.retryable or attempt >= self.policy.retries:
                    raise
            attempt += 1
            self._sleep(self.policy.backoff * 2 ** (attempt - 1))

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched | str:
        gate = self._gate(urlsplit(url).netloc)
        with gate.slots:
            gate.wait_turn(self._sleep)
            try:
                with self._client().stream("GET", url, headers=headers) as response:
                    return self._read(url, response)
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"timed out after {self.policy.timeout:g}s ({type(exc).__name__})",
                    source=url,
                    retryable=True,
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"request failed: {type(exc).__name__}: {exc}", source=url, retryable=True
                ) from exc

    def _read(self, url: str, response: httpx.Response) -> Fetched | str:
        validators = (response.headers.get("etag"), response.headers.get("last-modified"))
        if response.status_code == 304:
            return Fetched(url, 304, b"", "", *validators)
        if response.is_redirect:
            location: str | None = response.headers.get("location")
            if not location:
                raise FetchError("redirect without a location", source=url)
            return location
        if response.status_code >= 400:
            raise FetchError(
                f"HTTP {response.status_code}",
                source=url,
                retryable=response.status_code in RETRYABLE_STATUS,
            )
        limit = self.policy.max_bytes
        declared = int(response.headers.get("content-length") or 0)
        if declared > limit:
            raise FetchError(f"too large: {declared:,} bytes (limit {limit:,})", source=url)
        body = bytearray()
        deadline = time.monotonic() + self.guard.deadline
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > limit:
                raise FetchError(f"too large: more than {limit:,} bytes", source=url)
            if time.monotonic() > deadline:
                raise FetchError(
                    f"no complete answer within {self.guard.deadline:g} s",
                    source=url,
                    retryable=True,
                )
        content_type = response.headers.get("content-type", "")
        return Fetched(url, response.status_code, bytes(body), content_type, *validators)

    # ------------------------------------------------------------------ robots.txt

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = origin in self._robots
            rules = self._robots.get(origin)
        if not known:
            rules = self._load_robots(origin)
            with self._lock:
                self._robots[origin] = rules
        return rules is None or bool(rules.can_fetch(url, self.policy.user_agent))

    def _load_robots(self, origin: str) -> Protego | None:
        """The host's rules; none (everything allowed) when it has no robots.txt.

        A robots.txt that cannot be read because the server fails (5xx, timeouts) means
        "stay away for now" (RFC 9309, 2.3.1.4): the host is treated as disallowed for
        this run, so a failing server is not hammered.
        """
        robots_url = f"{origin}/robots.txt"
        try:
            answer = self._get_with_retries(robots_url, {})
        except FetchError as exc:
            if exc.retryable:
                return Protego.parse("User-agent: *\nDisallow: /")
            return None
        if isinstance(answer, str):
            return None
        rules = Protego.parse(answer.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(self.policy.user_agent)
        if delay:
            gate = self._gate(urlsplit(origin).netloc)
            gate.delay = max(gate.delay, min(float(delay), MAX_CRAWL_DELAY))
        return rules
