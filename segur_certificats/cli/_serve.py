"""``segur-certificats serve``: the local page and the HTTP API (docs: serve.md)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from segur_certificats.cli import _options


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` command."""
    parser = commands.add_parser(
        "serve",
        help="a local page to check requests and sheets, and an HTTP API",
        description="Serve the page (check a request, collect administrators with a "
        "sheet, explore the scenarios) and the JSON API described at /openapi.json. "
        "Needs the [serve] extra. Ctrl-C stops it.",
    )
    _options.server(parser)
    _options.size_limit(parser, "request body")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Serve until interrupted."""
    try:
        from segur_certificats.serve import Limits  # noqa: PLC0415
        from segur_certificats.serve import run as serve  # noqa: PLC0415
    except ImportError as exc:
        from segur_certificats._problems.errors import MissingExtra  # noqa: PLC0415

        missing = MissingExtra(feature="serve", package=exc.name or "starlette", extra="serve")
        print(f"segur-certificats serve: {missing}", file=sys.stderr)
        return 2
    limits = Limits(max_size=args.max_size, timeout=args.timeout, max_problems=args.max_problems)
    return serve(
        args.host,
        args.port,
        limits=limits,
        cors=args.cors,
        hosts=args.allow_host,
        open_page=args.open,
        out=out,
    )
