"""``segur-certificats import``: a filled spreadsheet read back, every problem by
cell, the request written when no error remains (docs: sheets.md#reading)."""

from __future__ import annotations

import argparse
from typing import TextIO

from segur_certificats.cli import _options, _output


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` command."""
    sheet = commands.add_parser(
        "import",
        help="read a filled spreadsheet: every problem by cell, the request written back",
        description="Read a filled sheet, report every problem by cell, and write the "
        "request's blocks from it when no error remains.",
    )
    sheet.add_argument(
        "sheet", metavar="SHEET", help="a filled .xlsx, .ods or .csv, or - for standard input"
    )
    sheet.add_argument("--into", metavar="REQUEST", help="the request whose blocks to replace")
    sheet.add_argument(
        "-o", "--output", metavar="OUT", help="where to write the request (or the entities)"
    )
    _options.output_format(sheet)
    _options.language(sheet)
    _options.size_limit(sheet)
    _options.request_context(sheet, "REQUEST is an editor's own document", modifies=True)
    sheet.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    """Read the filled sheet; write the request when no error remains."""
    from segur_certificats import sheets  # noqa: PLC0415

    into = None
    if args.into is not None:
        into = _output.read_or_report(args.into, out, args.lang, args.max_size)
        if into is None:
            return 1
    context = _options.context_of(args)
    report = sheets.read(
        args.sheet,
        into=into,
        embedded=args.embedded,
        context=context,
        max_size=args.max_size,
        date_modification=args.date_modification,  # the day of this modification
    )
    _output.write(out, args.sheet, report, args.format, args.lang, elsewhere=args.into)
    if not report.ok:
        return 1
    if args.output is not None:
        written = report.written if into is not None else report.entities_json()
        assert written is not None  # no error remains: the request is written
        data = written if isinstance(written, bytes) else written.encode("utf-8")
        return _output.write_file("import", args.output, data, args.lang)
    _output.not_written("import", args.lang, request=into is not None)
    return 0
