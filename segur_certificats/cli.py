"""The command line, installed as ``segur-certificats`` (SPEC R-API-2).

``segur-certificats check FILE...`` validates request documents (``-`` reads
standard input). Text for people by default, one line per problem;
``--format json`` prints JSON Lines, one object per file, in the order given;
``--lang en`` switches messages to English. Exit status: 0 when no document
has an error, 1 when some document has, 2 when the command could not run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from segur_certificats.messages import LANGUAGES
from segur_certificats.validate import Report, validate, validate_file

__all__ = ["main"]

_OK = {"fr": "aucune erreur", "en": "no error"}
_WARNING = {"fr": "avertissement", "en": "warning"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="segur-certificats",
        description="Server-certificate orders of Ségur Numérique MS1/MS2 requests.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate request documents",
        description="Validate request documents and report every problem found.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a JSON document, or - for stdin")
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or JSON Lines"
    )
    check.add_argument(
        "--lang", choices=LANGUAGES, default="fr", help="language of the messages (default fr)"
    )
    return parser


def _check(name: str) -> Report:
    if name == "-":
        return validate(sys.stdin.buffer.read())
    return validate_file(name)


def _write_text(out: TextIO, name: str, report: Report, lang: str) -> None:
    for problem in report.problems:
        severity = "" if problem.severity.value == "error" else f" ({_WARNING[lang]})"
        out.write(
            f"{name}:{problem.path or '/'}: [{problem.code}]{severity} {problem.message(lang)}\n"
        )
    if report.ok:
        out.write(f"{name}: {_OK[lang]}\n")


def _write_json(out: TextIO, name: str, report: Report, lang: str) -> None:
    line = {
        "file": name,
        "ok": report.ok,
        "problems": [problem.to_json(lang) for problem in report.problems],
    }
    out.write(json.dumps(line, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        # A value or a file name may hold characters the terminal cannot show.
        out.reconfigure(errors="backslashreplace")
    write = _write_json if args.format == "json" else _write_text
    status = 0
    for name in args.files:
        report = _check(name)
        write(out, name, report, args.lang)
        if not report.ok:
            status = 1
    return status
