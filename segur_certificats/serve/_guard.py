"""What every exchange goes through, outside the routes (docs: serve.md#safety).

`Guard` wraps the application: it names each request with an id, refuses a
request from another site — an ``Origin`` that is neither the server's own nor
one ``--cors`` allows, a ``Host`` that is not an address the server is reached
by (DNS rebinding) — before reading a byte of its body, refuses a
body past the size limit — from ``Content-Length`` before reading a byte, and
while the body streams in —, holds the request to its time limit, adds the
security headers to every answer, turns any failure into a JSON answer (a 500
names the request id, never a traceback), and logs one line per request:
method, path, status, size, duration and request id, nothing of what was sent.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

import anyio

from segur_certificats.serve._limits import Limits
from segur_certificats.serve._refusals import MEDIA_TYPE, Refusal, details, encode, language

__all__ = ["LOGGER", "LOOPBACK", "SECURITY_HEADERS", "Guard", "deadline", "request_id"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOGGER = logging.getLogger("segur_certificats.serve")
"""The logger of the one line per request."""

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    (
        "content-security-policy",
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cache-control", "no-store"),
)
"""The headers of every answer: nothing runs but the page's own files, nothing
frames it, no address leaks to another site, no type is guessed."""
_OWN = {name for name, _ in SECURITY_HEADERS} | {"x-request-id"}

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
"""The names of this machine a ``Host`` may always give (with the port served)."""
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# RFC 3986's authority, without userinfo: a name or IPv4 address, or an IPv6 one in
# brackets, then an optional port.
_AUTHORITY = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]*)(?::([0-9]{0,5}))?")
_ORIGIN = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#@]*)")


def _authority(text: str, scheme: str) -> tuple[str, int] | None:
    """``host[:port]`` as (the name lowercased, brackets and final dot removed; the
    port, the scheme's by default); None when it is not one."""
    found = _AUTHORITY.fullmatch(text.strip(" \t"))
    if found is None or not found[1]:
        return None
    name = found[1].lower().removeprefix("[").removesuffix("]").rstrip(".")
    port = found[2]
    if port:
        return name, int(port)
    default = _DEFAULT_PORTS.get(scheme)
    return None if default is None else (name, default)


def _origin(text: str) -> tuple[str, str, int] | None:
    """An ``Origin`` (RFC 6454: ``scheme://host[:port]``) as (scheme, name, port)."""
    found = _ORIGIN.fullmatch(text.strip(" \t"))
    if found is None:
        return None
    scheme = found[1].lower()
    authority = _authority(found[2], scheme)
    return None if authority is None else (scheme, *authority)


def request_id(scope: Scope) -> str:
    """The id the guard gave this request (as its log line and its answer name it)."""
    return str(scope.get("state", {}).get("request_id", "-"))


def deadline(scope: Scope) -> float | None:
    """When the guard gives this request up (`time.monotonic`'s clock): its work
    stops then too."""
    value = scope.get("state", {}).get("deadline")
    return value if isinstance(value, float) else None


class _Exchange:
    """One request as the guard follows it: what was answered, how much, how long."""

    def __init__(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        self.scope = scope
        self.id = secrets.token_hex(8)
        self.started = False
        self.status = 0
        self.size = 0
        self._receive = receive
        self._send = send
        self._limit = limit
        self._received = 0
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        self.headers = headers
        self.lang = language(
            dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))),
            headers.get("accept-language"),
        )

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self._received += len(message.get("body", b""))
            if self._received > self._limit:
                raise Refusal(413, "serve.too-large", limit=self._limit)
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            self.status = message["status"]
            headers = [
                (k, v)
                for k, v in message.get("headers", [])
                if k.decode("latin-1").lower() not in _OWN
            ]
            headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS]
            headers.append((b"x-request-id", self.id.encode()))
            message = {**message, "headers": headers}
        elif message["type"] == "http.response.body":
            self.size += len(message.get("body", b""))
        await self._send(message)

    async def refuse(self, refusal: Refusal) -> None:
        """Answer the refusal, unless an answer has already started."""
        if self.started:
            return
        body = encode(details(refusal, self.lang, self.id))
        headers = [
            (b"content-type", MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            *(
                (k.lower().encode("latin-1"), v.encode("latin-1"))
                for k, v in refusal.headers.items()
            ),
        ]
        await self.send(
            {"type": "http.response.start", "status": refusal.status, "headers": headers}
        )
        await self.send({"type": "http.response.body", "body": body})


class Guard:
    """The ASGI middleware around the whole application: ``cors``, the origins
    whose pages may call it besides its own; ``hosts``, the names it may be reached
    by besides the address served and `LOOPBACK` (docs: serve.md#safety)."""

    def __init__(
        self, app: ASGIApp, limits: Limits, cors: Iterable[str] = (), hosts: Iterable[str] = ()
    ) -> None:
        self.app = app
        self.limits = limits
        self.cors = {parsed for parsed in map(_origin, cors) if parsed is not None}
        self.hosts = LOOPBACK | {name.lower().strip("[]").rstrip(".") for name in hosts}

    def _check_site(self, exchange: _Exchange) -> None:
        """Refuse a request another site makes the browser send (docs:
        serve.md#safety): a ``Host`` that is not the address served, this machine's
        loopback or an allowed name, with the port served — a page of a name that
        resolves to this machine (DNS rebinding) —; an ``Origin`` that is neither
        the page's own nor one ``--cors`` allows. A program that sends no
        ``Origin`` (curl, a client library) is not concerned."""
        scope = exchange.scope
        scheme = str(scope.get("scheme", "http"))
        server = scope.get("server")
        given = exchange.headers.get("host")
        host = None
        if given is not None:
            host = _authority(given, scheme)
            served = None if not server else str(server[0]).lower()
            port = None if not server or server[1] is None else int(server[1])
            if (
                host is None
                or (host[0] not in self.hosts and host[0] != served)
                or (port is not None and host[1] != port)
            ):
                raise Refusal(403, "serve.host", host=given)
        sent = exchange.headers.get("origin")
        if sent is None:
            return
        origin = _origin(sent)
        own = host is not None and origin == (scheme, *host)
        if origin is None or not (own or origin in self.cors):
            raise Refusal(403, "serve.origin", origin=sent)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        exchange = _Exchange(scope, receive, send, self.limits.max_size)
        scope.setdefault("state", {})["request_id"] = exchange.id
        start = time.perf_counter()
        failure = ""
        try:
            await self._answer(exchange)
        except Refusal as refusal:
            await exchange.refuse(refusal)
        except Exception as exc:
            failure = type(exc).__name__
            await exchange.refuse(Refusal(500, "serve.internal"))
        finally:
            duration = (time.perf_counter() - start) * 1000
            LOGGER.info(
                "%s %s %s %dB %.1fms id=%s%s",
                scope.get("method", "-"),
                scope.get("path", "-"),
                exchange.status or "-",
                exchange.size,
                duration,
                exchange.id,
                f" error={failure}" if failure else "",
            )

    async def _answer(self, exchange: _Exchange) -> None:
        self._check_site(exchange)
        length = exchange.headers.get("content-length", "")
        length = length.strip()
        if length.isascii() and length.isdigit() and int(length) > self.limits.max_size:
            raise Refusal(413, "serve.too-large", limit=self.limits.max_size)
        # The work's deadline: the pool stops it then (docs: serve.md#safety).
        exchange.scope.setdefault("state", {})["deadline"] = time.monotonic() + self.limits.timeout
        with anyio.move_on_after(self.limits.timeout) as scope:
            await self.app(exchange.scope, exchange.receive, exchange.send)
        if scope.cancelled_caught:
            seconds = f"{self.limits.timeout:g}"
            raise Refusal(503, "serve.timeout", headers={"Retry-After": "1"}, seconds=seconds)
