"""Serving the application with uvicorn: the address printed, the page opened on
request, a clean stop on Ctrl-C (docs: serve.md#the-command).
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
import webbrowser
from collections.abc import Sequence
from typing import TextIO

import uvicorn

from segur_certificats.serve._app import create_app
from segur_certificats.serve._guard import LOGGER
from segur_certificats.serve._limits import Limits

__all__ = ["address", "run"]


def address(host: str, port: int) -> str:
    """The page's address (an IPv6 host in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


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
    open_page: bool = False,
    out: TextIO = sys.stdout,
) -> int:
    """Serve until interrupted; 0 on a clean stop, 2 when the address cannot be had."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    config = uvicorn.Config(
        create_app(limits, cors),
        host=host,
        port=port,
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
