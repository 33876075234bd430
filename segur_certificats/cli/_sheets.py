"""``segur-certificats template`` and ``import``: the spreadsheet to collect the
administrators in, and reading it back (docs: sheets.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from segur_certificats._internal.codec.files import MAX_SIZE
from segur_certificats._internal.problems.shown import visible
from segur_certificats.cli import _options, _output

if TYPE_CHECKING:
    from segur_certificats.model import EntiteJuridique


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``template`` and ``import`` commands."""
    template = commands.add_parser(
        "template",
        help="write the spreadsheet to collect the administrators in",
        description="Write the sheet to fill in: .xlsx (drop-down lists, notes) or .csv.",
    )
    template.add_argument("out", metavar="OUT", help="OUT.xlsx or OUT.csv")
    template.add_argument(
        "--from", dest="source", metavar="REQUEST", help="prefill one row per legal entity"
    )
    template.add_argument("--force", action="store_true", help="replace OUT if it exists")
    _options.language(template)
    _options.request_context(template, "REQUEST is an editor's own document")
    template.set_defaults(run=run_template)
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
    _options.request_context(sheet, "REQUEST is an editor's own document")
    sheet.set_defaults(run=run_import)


def _read_or_report(name: str, out: TextIO, lang: str, max_size: int) -> bytes | None:
    from segur_certificats._internal.codec.files import File  # noqa: PLC0415
    from segur_certificats._internal.problems.problem import Problem  # noqa: PLC0415

    data = File(name, max_size).read()
    if isinstance(data, Problem):
        out.write(f"{visible(name)}: {data.line(lang)}\n")
        return None
    return data


def _refused(command: str, code: str, lang: str, variant: str | None = None, **params: str) -> int:
    """One line on standard error, and exit status 2: the command could not run."""
    from segur_certificats._internal.problems.catalogue import render  # noqa: PLC0415

    print(f"segur-certificats {command}: {render(code, params, lang, variant)}", file=sys.stderr)
    return 2


def _write(command: str, name: str, data: bytes, lang: str) -> int:
    """Write ``data`` to ``name`` atomically: 0, or 2 with one line saying why not."""
    from segur_certificats._internal.codec.files import write_atomic  # noqa: PLC0415

    try:
        write_atomic(name, data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _refused(command, "sheet.unwritable", lang, name=visible(name), reason=reason)
    return 0


def run_template(args: argparse.Namespace, out: TextIO) -> int:  # noqa: PLR0911 - one per refusal
    """Write the template, prefilled from the request when one is given."""
    from segur_certificats import sheets  # noqa: PLC0415
    from segur_certificats._internal.embedded.check import validate_embedded  # noqa: PLC0415
    from segur_certificats._internal.pipeline.validate import validate_file  # noqa: PLC0415
    from segur_certificats._internal.problems.errors import MissingExtra  # noqa: PLC0415

    lang, target = args.lang, Path(args.out)
    name = visible(args.out)
    if target.suffix.lower() not in sheets.TEMPLATE_FORMATS:
        return _refused("template", "sheet.unwritable", lang, "format", name=name)
    if not args.force and (target.exists() or target.is_symlink()):
        return _refused("template", "sheet.unwritable", lang, "exists", name=name)
    entities: tuple[EntiteJuridique, ...] = ()
    if args.source is not None and args.embedded:
        data = _read_or_report(args.source, out, lang, MAX_SIZE)
        if data is None:
            return 1
        entities = tuple(b.entite for b in validate_embedded(data).blocks if b.entite is not None)
    elif args.source is not None:
        report = validate_file(args.source)
        if report.demande is None:  # its structure cannot be read: say why
            _output.write(out, args.source, report, "text", lang)
            return 1
        entities = report.demande.entites_juridiques
    try:
        data = sheets.write_template(None, entities, format=target.suffix.lower())
    except MissingExtra as exc:
        print(f"segur-certificats template: {exc.message(lang)}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"segur-certificats template: {exc}", file=sys.stderr)
        return 2
    status = _write("template", args.out, data, lang)
    if status == 0:
        _output.rows_written(out, name, len(entities), lang)
    return status


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    """Read the filled sheet; write the request when no error remains."""
    from segur_certificats import sheets  # noqa: PLC0415

    into = None
    if args.into is not None:
        into = _read_or_report(args.into, out, args.lang, args.max_size)
        if into is None:
            return 1
    context = _options.context_of(args)
    report = sheets.read(
        args.sheet, into=into, embedded=args.embedded, context=context, max_size=args.max_size
    )
    _output.write(out, args.sheet, report, args.format, args.lang, elsewhere=args.into)
    if not report.ok:
        return 1
    if args.output is not None:
        written = report.written if into is not None else report.entities_json()
        assert written is not None  # no error remains: the request is written
        data = written if isinstance(written, bytes) else written.encode("utf-8")
        return _write("import", args.output, data, args.lang)
    _output.not_written("import", args.lang, request=into is not None)
    return 0
