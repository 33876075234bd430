"""``segur-certificats schema``: print the format's JSON Schema (docs: schema.md)."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from segur_certificats.cli import _options


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command."""
    parser = commands.add_parser(
        "schema",
        help="print the format's JSON Schema",
        description="Print the JSON Schema (Draft 2020-12) of the format.",
    )
    parser.add_argument(
        "--kind",
        choices=["envelope", "entity"],
        default="envelope",
        help="the request envelope (default), or one legal entity with its block",
    )
    _options.language(parser, "descriptions")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the schema."""
    from segur_certificats.schema import json_schema  # noqa: PLC0415

    json.dump(json_schema(args.kind, args.lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0
