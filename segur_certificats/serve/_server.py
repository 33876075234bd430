"""Serving the application with uvicorn: the address printed, the page opened on
request, a clean stop on Ctrl-C or SIGTERM within a grace period, connections
that send nothing closed (docs: serve.md#the-command, serve.md#safety).
"""

from __future__ import annotations

import asyncio
import logging
import resource
import socket
import sys
import threading
import webbrowser
from collections.abc import Sequence
from typing import TextIO

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from segur_certificats.serve._app import create_app
from segur_certificats.serve._guard import LOGGER
from segur_certificats.serve._limits import Limits

__all__ = ["GRACE", "address", "run"]

GRACE = 5.0
"""The seconds the requests under way are given to end once the server is told to
stop (Ctrl-C, SIGTERM); past them they are given up and their work stops."""
# The files kept for the server's own use (the workers' temporary files, its modules,
# its logs) when the connections are bounded by the process's limit of open files.
_SPARE_FILES = 64


def address(host: str, port: int) -> str:
    """The page's address (an IPv6 host in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


class _Connection(H11Protocol):
    """uvicorn's HTTP/1.1 connection, closed when it has not sent a whole request head
    within the idle time (``Limits.idle``, as uvicorn's keep-alive time): from its
    opening, and from the end of each answer — a client that sends nothing, or
    half a request line, or its headers one by one, holds no socket for long
    (docs: serve.md#safety)."""

    _head: asyncio.TimerHandle | None = None
    _waiting: object = None  # the exchange the head is awaited after (None: the first)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        # Armed first: uvicorn reads a request sent ahead (pipelined) in what follows.
        self._await_head()
        super().on_response_complete()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not self._waiting:  # a request's head was read
            self._stop_waiting()

    def _await_head(self) -> None:
        self._stop_waiting()
        self._waiting = self.cycle
        self._head = self.loop.call_later(self.timeout_keep_alive, self._too_late)

    def _stop_waiting(self) -> None:
        if self._head is not None:
            self._head.cancel()
            self._head = None

    def _too_late(self) -> None:
        self._head = None
        if not self.transport.is_closing():
            self.transport.close()


def _connections() -> int | None:
    """The connections served at once: what the limit of open files leaves (past it,
    uvicorn answers 503 at once rather than the process running out of files);
    None when there is no limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return None
    return max(16, soft - _SPARE_FILES)


class _Server(uvicorn.Server):
    """uvicorn's server, saying where it listens once it does."""

    def __init__(self, config: uvicorn.Config, out: TextIO, open_page: bool) -> None:
        super().__init__(config)
        self.out = out
        self.open_page = open_page

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.started:
            return
        port = self.config.port
        for server in getattr(self, "servers", []):
            for sock in server.sockets:
                port = sock.getsockname()[1]
                break
        url = address(self.config.host, port)
        print(f"segur-certificats serve : {url}  (Ctrl-C pour arrêter)", file=self.out, flush=True)
        if self.open_page:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    limits: Limits | None = None,
    cors: Sequence[str] = (),
    hosts: Sequence[str] = (),
    open_page: bool = False,
    out: TextIO = sys.stdout,
) -> int:
    """Serve until interrupted (Ctrl-C, SIGTERM: within `GRACE` seconds); 0 on a clean
    stop, 2 when the address cannot be had."""
    limits = limits or Limits()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    config = uvicorn.Config(
        create_app(limits, cors, hosts=hosts),
        host=host,
        port=port,
        http=_Connection,
        ws="none",
        timeout_keep_alive=max(1, round(limits.idle)),
        timeout_graceful_shutdown=round(GRACE),
        limit_concurrency=_connections(),
        # The guard logs one line per request, without the client's address.
        access_log=False,
        log_level="warning",
        server_header=False,
        lifespan="on",
    )
    server = _Server(config, out, open_page)
    try:
        server.run()
    except SystemExit:  # uvicorn's way of saying the address cannot be had
        return 2
    except KeyboardInterrupt:  # pragma: no cover - uvicorn handles the signal itself
        pass
    finally:
        LOGGER.removeHandler(handler)
    return 0 if server.started else 2
