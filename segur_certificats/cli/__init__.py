"""The command line, installed as ``segur-certificats`` (docs: cli.md).

``segur-certificats check FILE...`` validates request documents (``-`` reads
standard input). Text for people by default, one line per problem;
``--format json`` prints JSON Lines, one object per file, in the order given;
``--lang en`` switches messages to English. Exit status: 0 when no document
has an error, 1 when some document has, 2 when the command could not run.

``check --embedded`` reads an editor's own document and checks every legal
entity in it; the request-level rules run as far as ``--couloir``,
``--type-demande`` (AVANCE when only the corridor is given), ``--date-depot``
and ``--date-modification`` say what the request is.

``segur-certificats schema [--kind entity] [--lang en]`` prints the format's
JSON Schema (docs: schema.md).

``segur-certificats template OUT.xlsx|OUT.csv [--from REQUEST.json]`` writes
the sheet to collect the administrators in; ``segur-certificats import SHEET
[--into REQUEST.json] [-o OUT.json]`` reads it back, lists every problem by
cell, and writes the request only when no error remains (docs: sheets.md).

``segur-certificats serve [--host 127.0.0.1] [--port 8000] [--open] [--max-size 64M]
[--cors ORIGIN]`` serves the local page and the HTTP API (docs: serve.md).

Each command is built by its own module (`_check`, `_schema`, `_template`, `_import`,
`_serve`) from
the shared option groups (`_options`) and bound to its function.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# Only what --help and --version need is imported here; the validation stack is
# imported when a command runs (docs: api.md#imports).
from segur_certificats._version import __version__
from segur_certificats.cli import _check, _import, _options, _schema, _serve, _template

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="segur-certificats",
        description="Server-certificate orders of Ségur Numérique MS1/MS2 requests.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (_check, _schema, _template, _import, _serve):
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if hasattr(args, "embedded"):
        _options.check_context(parser, args)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        # A value or a file name may hold characters the terminal cannot show.
        out.reconfigure(errors="backslashreplace")
    try:
        status: int = args.run(args, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other commands do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 1
    return status
