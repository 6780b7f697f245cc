"""Fetching pages and feeds by URL, with httpx, refusing private addresses.

A self-hosted tool that fetches user-supplied URLs must not become a way into the
network it runs in (server-side request forgery). Every host is resolved once per fetch
and the request is refused when any address it resolves to is loopback, private,
link-local, multicast or reserved, unless the operator allows private addresses; the
link-local range (169.254.0.0/16, fe80::/10, where clouds answer with credentials) and
fd00:ec2::254 are refused even then.

Checking a name and then letting the HTTP client resolve it again would let a name that
answers a public address first and a loopback address second through (DNS rebinding), so
:class:`PinnedTransport` connects to the very address that was checked, on every hop and
every connection, while TLS and the Host header keep the name. Redirects are followed by
hand so that each hop is checked the same way. Bodies are read up to the size limit and
no further, and a whole fetch has one deadline, so a server that drips a byte every few
seconds cannot hold it open.
"""

from __future__ import annotations

import ipaddress
import math
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from blocwatch.errors import InputError
from blocwatch.ingest.feeds import looks_like_feed, read_feed
from blocwatch.model import MediaType, RawDocument, Rejection

Resolver = Callable[[str], list[str]]

USER_AGENT = "blocwatch/0.1 (+https://github.com/blocwatch/blocwatch)"
MAX_REDIRECTS = 5
NEVER_FETCHED = (
    ipaddress.ip_network("169.254.0.0/16"),
    ipaddress.ip_network("fe80::/10"),
    ipaddress.ip_network("fd00:ec2::254/128"),
)
"""Link-local and cloud metadata addresses: refused even when private addresses are allowed."""


def resolve_host(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {host!r}: {exc.strerror}") from exc


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.strip("[]").split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def is_public_address(address: str) -> bool:
    ip = _ip(address)
    return ip.is_global and not ip.is_multicast


def is_never_fetched(address: str) -> bool:
    ip = _ip(address)
    return any(ip.version == net.version and ip in net for net in NEVER_FETCHED)


@dataclass
class AddressPolicy:
    """Resolves each host once and says which address a connection to it may use.

    One policy serves one fetch: the answer it checked is the answer it connects to.
    """

    allow_private: bool = False
    resolver: Resolver = resolve_host
    _resolved: dict[str, list[str]] = field(default_factory=dict)

    def addresses(self, host: str) -> list[str]:
        host = host.strip("[]").lower()
        if host not in self._resolved:
            self._resolved[host] = [host] if _is_ip(host) else self.resolver(host)
        return self._resolved[host]

    def pin(self, host: str) -> str:
        """The checked address to connect to for ``host``, or InputError saying why none."""
        addresses = self.addresses(host)
        metadata = [a for a in addresses if is_never_fetched(a)]
        if metadata:
            raise InputError(
                f"refused: {host} is a link-local or cloud metadata address "
                f"({', '.join(metadata)}), never fetched"
            )
        blocked = [] if self.allow_private else [a for a in addresses if not is_public_address(a)]
        if blocked or not addresses:
            raise InputError(
                f"refused: {host} is a private or local address ({', '.join(blocked)})"
            )
        return addresses[0]


class DeadlineExceeded(httpcore.ReadTimeout):
    """The whole fetch ran past its deadline (not one slow read)."""


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write waits no longer than the fetch has left."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _left(self, timeout: float | None) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded("the fetch ran past its deadline")
        return min(left, math.inf if timeout is None else timeout)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._left(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    def __init__(self, policy: AddressPolicy, deadline: float) -> None:
        self._policy = policy
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self._policy.pin(host)
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded("the fetch ran past its deadline")
        stream = self._inner.connect_tcp(
            address,
            port,
            min(left, math.inf if timeout is None else timeout),
            local_address,
            socket_options,
        )
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """An httpx transport that connects only to addresses ``policy`` checked, and gives up
    at ``deadline`` (a ``time.monotonic()`` value) whatever the server does.

    Proxies from the environment are ignored: a proxy would resolve the name itself.
    """

    def __init__(self, policy: AddressPolicy, deadline: float = math.inf) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            network_backend=_PinnedBackend(policy, deadline),
        )


@dataclass
class UrlFetcher:
    """Fetches URLs safely; ``transport`` and ``resolver`` are swapped in tests.

    ``timeout`` bounds each network operation, ``deadline`` the whole fetch in seconds,
    redirects included. A swapped-in transport gets the same address checks, but only
    :class:`PinnedTransport` pins the connection and stops a read at the deadline.
    """

    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 20.0
    deadline: float = 60.0
    allow_private: bool = False
    resolver: Resolver = resolve_host
    transport: httpx.BaseTransport | None = None

    def check_url(self, url: str, policy: AddressPolicy | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise InputError(
                f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'}",
                source=url,
            )
        if not parts.hostname:
            raise InputError("URL has no host", source=url)
        policy = policy or AddressPolicy(self.allow_private, self.resolver)
        try:
            policy.pin(parts.hostname)
        except InputError as exc:
            raise exc.with_source(url) from exc

    def fetch(self, url: str) -> tuple[str, bytes, str]:
        """The final URL, the body and its content type, after checked redirects."""
        policy = AddressPolicy(self.allow_private, self.resolver)
        deadline = time.monotonic() + self.deadline
        transport = self.transport or PinnedTransport(policy, deadline)
        current = url
        try:
            with httpx.Client(
                transport=transport,
                timeout=self.timeout,
                headers={"User-Agent": USER_AGENT},
                trust_env=False,
            ) as client:
                for _ in range(MAX_REDIRECTS + 1):
                    self.check_url(current, policy)
                    with client.stream("GET", current, follow_redirects=False) as response:
                        if response.is_redirect:
                            location = response.headers.get("location")
                            if not location:
                                raise InputError("redirect without a location", source=current)
                            current = urljoin(current, location)
                            continue
                        return self._body(current, response, deadline)
                raise InputError(f"more than {MAX_REDIRECTS} redirects", source=url)
        except httpx.TimeoutException as exc:
            if time.monotonic() < deadline:
                raise
            raise InputError(
                f"no complete answer within {self.deadline:g} s (the deadline for one fetch)",
                source=current,
            ) from exc
        except InputError as exc:
            raise exc.with_source(current) from exc

    def _body(self, url: str, response: httpx.Response, deadline: float) -> tuple[str, bytes, str]:
        if response.status_code >= 400:
            raise InputError(f"HTTP {response.status_code}", source=url)
        declared = int(response.headers.get("content-length") or 0)
        if declared > self.max_bytes:
            raise InputError(
                f"too large: {declared:,} bytes (limit {self.max_bytes:,})", source=url
            )
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > self.max_bytes:
                raise InputError(f"too large: more than {self.max_bytes:,} bytes", source=url)
            if time.monotonic() > deadline:
                raise InputError(
                    f"no complete answer within {self.deadline:g} s (the deadline for one fetch)",
                    source=url,
                )
        return url, bytes(body), response.headers.get("content-type", "")

    def read(self, url: str) -> Iterator[RawDocument | Rejection]:
        """A page as one document, or a feed as one document per entry."""
        try:
            final_url, body, content_type = self.fetch(url)
        except InputError as exc:
            yield Rejection(exc.source or url, "fetch", exc.reason)
            return
        except httpx.HTTPError as exc:
            yield Rejection(url, "fetch", f"request failed: {type(exc).__name__}: {exc}")
            return
        kind = content_type.lower()
        if "rss" in kind or "atom" in kind or looks_like_feed(body):
            yield from read_feed(body, final_url)
            return
        if "html" not in kind and not body.lstrip()[:15].lower().startswith(
            (b"<!doctype", b"<html")
        ):
            yield Rejection(
                final_url,
                "fetch",
                f"not an HTML page or feed ({content_type or 'no content type'})",
            )
            return
        charset = None
        for part in content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                charset = value.strip("\"' ") or None
        yield RawDocument(
            source=final_url,
            content=body,
            media_type=MediaType.HTML,
            url=final_url,
            encoding=charset,
        )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))
