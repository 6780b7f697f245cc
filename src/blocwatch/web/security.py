"""Defence in depth for the web app: which URLs may become links, headers, trusted hosts.

Text from articles is escaped by Jinja's autoescaping, but escaping does not make a
``javascript:`` URL safe inside ``href``. Browsers strip ASCII whitespace and control
characters around a URL and remove tabs and newlines inside it before they read the
scheme, so ``" JaVaScRiPt:"`` and ``"java\\tscript:"`` both run script; the check below
reads the scheme the way a browser does and lets only http(s) URLs with a host through.

The headers are a second line: a Content-Security-Policy without inline script (pages
load their scripts from /static and /assets only), no framing (clickjacking), no MIME
sniffing, and no full referrer sent to the outlets' sites. The Host check stops a
DNS-rebinding page in a reader's browser from reading the app under its own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_STRIPPED_AROUND = "".join(chr(c) for c in range(0x21))
"""What the URL standard strips from both ends: C0 controls and space."""
_REMOVED_INSIDE = re.compile(r"[\t\n\r]")

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        # plotly.js sets style attributes and injects <style> elements as it draws.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def http_url(url: object) -> str | None:
    """The URL when it is safe as a link (http or https with a host), else None."""
    if not isinstance(url, str):
        return None
    cleaned = _REMOVED_INSIDE.sub("", url.strip(_STRIPPED_AROUND))
    if "\\" in cleaned[:8] or any(ord(c) < 0x20 or c == "\x7f" for c in cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def trusted_hosts(bind_host: str, configured: Iterable[str] = ()) -> list[str]:
    """The Host header values the app answers: the configured ones, else the bind address
    and the loopback names (an app bound to every address is reached by its loopback names
    until the operator names the others)."""
    chosen = [h.strip().lower() for h in configured if h.strip()]
    if chosen:
        return chosen
    hosts = list(LOCAL_HOSTS)
    bind = bind_host.strip().lower()
    if ":" in bind and not bind.startswith("["):
        bind = f"[{bind}]"
    if bind and bind not in ("0.0.0.0", "[::]") and bind not in hosts:
        hosts.append(bind)
    return hosts


class SecurityHeaders:
    """Adds the defensive headers to every HTTP response (pure ASGI: streams stay streams)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = CONTENT_SECURITY_POLICY  # the API docs too: their assets are served locally

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RefuseNul:
    """Answers 400 to a request whose path or query holds a NUL character.

    No route has a use for NUL, PostgreSQL refuses it in text, and refusing it here, once,
    is simpler than stripping it in every query.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            "\x00" in str(scope.get("path", ""))
            or b"%00" in bytes(scope.get("query_string", b""))
            or b"\x00" in bytes(scope.get("query_string", b""))
        ):
            response = PlainTextResponse(
                "Bad request: a NUL character (%00) is not allowed in a path or query.",
                status_code=400,
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
