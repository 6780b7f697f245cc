"""Fetching pages and feeds by URL, with httpx, refusing private addresses.

A self-hosted tool that fetches user-supplied URLs must not become a way into the
network it runs in (server-side request forgery). Every host is resolved first and the
request is refused when any address it resolves to is loopback, private, link-local,
multicast or reserved, unless the operator allows private addresses. Redirects are
followed by hand so that each hop is checked the same way. Bodies are read up to the
size limit and no further.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from blocwatch.errors import InputError
from blocwatch.ingest.feeds import looks_like_feed, read_feed
from blocwatch.model import MediaType, RawDocument
from blocwatch.pipeline import Rejection

Resolver = Callable[[str], list[str]]

USER_AGENT = "blocwatch/0.1 (+https://github.com/blocwatch/blocwatch)"
MAX_REDIRECTS = 5


def resolve_host(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {host!r}: {exc.strerror}") from exc


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass
class UrlFetcher:
    """Fetches URLs safely; ``transport`` and ``resolver`` are swapped in tests."""

    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 20.0
    allow_private: bool = False
    resolver: Resolver = resolve_host
    transport: httpx.BaseTransport | None = None

    def check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise InputError(
                f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'}",
                source=url,
            )
        if not parts.hostname:
            raise InputError("URL has no host", source=url)
        if self.allow_private:
            return
        try:
            addresses = (
                [parts.hostname] if _is_ip(parts.hostname) else self.resolver(parts.hostname)
            )
        except InputError as exc:
            raise exc.with_source(url) from exc
        blocked = [a for a in addresses if not is_public_address(a)]
        if blocked or not addresses:
            raise InputError(
                f"refused: {parts.hostname} is a private or local address ({', '.join(blocked)})",
                source=url,
            )

    def fetch(self, url: str) -> tuple[str, bytes, str]:
        """The final URL, the body and its content type, after checked redirects."""
        with httpx.Client(
            transport=self.transport, timeout=self.timeout, headers={"User-Agent": USER_AGENT}
        ) as client:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                self.check_url(current)
                with client.stream("GET", current, follow_redirects=False) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError("redirect without a location", source=current)
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(f"HTTP {response.status_code}", source=current)
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > self.max_bytes:
                        raise InputError(
                            f"too large: {declared:,} bytes (limit {self.max_bytes:,})",
                            source=current,
                        )
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > self.max_bytes:
                            raise InputError(
                                f"too large: more than {self.max_bytes:,} bytes", source=current
                            )
                    return current, bytes(body), response.headers.get("content-type", "")
            raise InputError(f"more than {MAX_REDIRECTS} redirects", source=url)

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
