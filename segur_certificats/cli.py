"""The command line: ``segur-certificats roundtrip FILE`` reads a request and writes it back."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from segur_certificats.errors import InvalidDocument
from segur_certificats.serialize import dumps, loads


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="segur-certificats")
    commands = parser.add_subparsers(dest="command", required=True)
    roundtrip = commands.add_parser("roundtrip", help="read a request and write it back")
    roundtrip.add_argument("file")
    args = parser.parse_args(argv)
    try:
        with open(args.file, "rb") as stream:
            demande = loads(stream.read())
    except OSError as exc:
        print(f"{args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    except InvalidDocument as exc:
        print(exc, file=sys.stderr)
        return 1
    print(dumps(demande))
    return 0
