"""``segur-certificats check FILE...``: validate request documents, or an editor's
own documents with ``--embedded`` (docs: cli.md)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from segur_certificats.cli import _options, _output

if TYPE_CHECKING:
    from segur_certificats._codec.files import File
    from segur_certificats._pipeline.report import Report


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command."""
    parser = commands.add_parser(
        "check",
        help="validate request documents",
        description="Validate request documents and report every problem found.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a JSON document, or - for stdin")
    _options.output_format(parser)
    _options.language(parser)
    _options.size_limit(parser)
    _options.request_context(
        parser, "the files are an editor's own documents: check every legal entity in them"
    )
    parser.set_defaults(run=run)


def _checker(args: argparse.Namespace) -> Callable[[File], Report]:
    from segur_certificats._embedded.validate import validate_embedded  # noqa: PLC0415
    from segur_certificats._pipeline.validate import validate  # noqa: PLC0415

    if not args.embedded:
        return validate
    context = _options.context_of(args)
    return lambda file: validate_embedded(file, context)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check each file on its own; 2 when the package failed on one, else 1 when
    one has an error."""
    from segur_certificats._pipeline.validate import validate_file  # noqa: PLC0415

    check = _checker(args)
    status = 0
    for name in args.files:
        report = validate_file(name, check, max_size=args.max_size)
        _output.write(out, name, report, args.format, args.lang)
        if any(p.code == "internal-error" for p in report.problems):
            status = 2
        elif not report.ok:
            status = max(status, 1)
    return status
