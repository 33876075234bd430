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
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

# Only what --help and --version need is imported here; the validation stack is
# imported when a command runs (docs: api.md#imports).
from segur_certificats import __version__
from segur_certificats._reading import MAX_SIZE
from segur_certificats.isodate import parse_iso_date
from segur_certificats.messages import LANGUAGES
from segur_certificats.names import TYPES_DEMANDE

if TYPE_CHECKING:
    from segur_certificats import rules
    from segur_certificats.report import Report
    from segur_certificats.sheets import SheetReport

__all__ = ["main"]

_OK = {"fr": "aucune erreur", "en": "no error"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="segur-certificats",
        description="Server-certificate orders of Ségur Numérique MS1/MS2 requests.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    check.add_argument(
        "--max-size",
        type=_size,
        default=MAX_SIZE,
        metavar="SIZE",
        help="largest document read, in bytes, or with K, M or G (default 64M)",
    )
    embedded = check.add_argument_group("editor documents")
    embedded.add_argument(
        "--embedded",
        action="store_true",
        help="the files are an editor's own documents: check every legal entity in them",
    )
    embedded.add_argument("--type-demande", choices=TYPES_DEMANDE)
    embedded.add_argument("--couloir", help="the request's corridor, e.g. MS1")
    embedded.add_argument("--date-depot", type=_iso_date, metavar="YYYY-MM-DD")
    embedded.add_argument("--date-modification", type=_iso_date, metavar="YYYY-MM-DD")
    schema = commands.add_parser(
        "schema",
        help="print the format's JSON Schema",
        description="Print the JSON Schema (Draft 2020-12) of the format.",
    )
    schema.add_argument(
        "--kind",
        choices=["envelope", "entity"],
        default="envelope",
        help="the request envelope (default), or one legal entity with its block",
    )
    schema.add_argument(
        "--lang", choices=LANGUAGES, default="fr", help="language of the descriptions"
    )
    template = commands.add_parser(
        "template",
        help="write the spreadsheet to collect the administrators in",
        description="Write the sheet to fill in: .xlsx (drop-down lists, notes) or .csv.",
    )
    template.add_argument("out", metavar="OUT", help="OUT.xlsx or OUT.csv")
    template.add_argument(
        "--from", dest="source", metavar="REQUEST", help="prefill one row per legal entity"
    )
    template.add_argument(
        "--embedded", action="store_true", help="REQUEST is an editor's own document"
    )
    sheet = commands.add_parser(
        "import",
        help="read a filled spreadsheet: every problem by cell, the request written back",
        description="Read a filled sheet, report every problem by cell, and write the "
        "request's blocks from it when no error remains.",
    )
    sheet.add_argument("sheet", metavar="SHEET", help="a filled .xlsx or .csv")
    sheet.add_argument("--into", metavar="REQUEST", help="the request whose blocks to replace")
    sheet.add_argument(
        "--embedded", action="store_true", help="REQUEST is an editor's own document"
    )
    sheet.add_argument(
        "-o", "--output", metavar="OUT", help="where to write the request (or the entities)"
    )
    sheet.add_argument("--format", choices=["text", "json"], default="text")
    sheet.add_argument(
        "--lang", choices=LANGUAGES, default="fr", help="language of the messages (default fr)"
    )
    for command in (template, sheet):
        context = command.add_argument_group("editor documents (with --embedded)")
        context.add_argument("--type-demande", choices=TYPES_DEMANDE)
        context.add_argument("--couloir", help="the request's corridor, e.g. MS1")
        context.add_argument("--date-depot", type=_iso_date, metavar="YYYY-MM-DD")
        context.add_argument("--date-modification", type=_iso_date, metavar="YYYY-MM-DD")
    return parser


_SIZE = re.compile(r"([0-9]+)([KMG]?)", re.IGNORECASE)


def _size(text: str) -> int:
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500K, 64M)")
    exponent = " KMG".index(str(match[2]).upper() or " ")
    return int(str(match[1])) << (10 * exponent)


def _iso_date(text: str) -> _dt.date:
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _context(args: argparse.Namespace) -> rules.RequestContext:
    from segur_certificats.model import TypeDemande  # noqa: PLC0415 - see the imports above
    from segur_certificats.rules import RequestContext  # noqa: PLC0415

    type_demande = args.type_demande or ("AVANCE" if args.couloir else None)
    return RequestContext(
        type_demande=TypeDemande(type_demande) if type_demande else None,
        couloir=args.couloir,
        date_depot=args.date_depot,
        date_modification=args.date_modification,
    )


def _checker(args: argparse.Namespace) -> Callable[[bytes], Report]:
    from segur_certificats.embedded import validate_embedded  # noqa: PLC0415
    from segur_certificats.report import validate  # noqa: PLC0415

    if not args.embedded:
        return validate
    context = _context(args)
    return lambda data: validate_embedded(data, context)


def _check(name: str, check: Callable[[bytes], Report], max_size: int) -> Report:
    from segur_certificats._reading import read_stdin  # noqa: PLC0415
    from segur_certificats.problems import Problem  # noqa: PLC0415
    from segur_certificats.report import Report, validate_file  # noqa: PLC0415

    if name == "-":
        data = read_stdin(max_size)
        return Report((data,)) if isinstance(data, Problem) else check(data)
    return validate_file(name, check, max_size=max_size)


def _write_text(out: TextIO, name: str, report: Report, lang: str) -> None:
    from segur_certificats.problems import visible  # noqa: PLC0415

    shown = visible(name)
    for problem in report.problems:
        # file:line:column: for a fault in the text, so that editors jump to it.
        where = f"{shown}:{problem.position[0]}:{problem.position[1]}: " if problem.position else ""
        out.write(f"{where or shown + ':'}{problem.line(lang)}\n")
    if report.ok:
        out.write(f"{shown}: {_OK[lang]}\n")


def _write_json(out: TextIO, name: str, report: Report | SheetReport, lang: str) -> None:
    line = {"file": name, **report.to_dict(lang)}
    out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _report(name: str, check: Callable[[bytes], Report], max_size: int) -> tuple[Report, bool]:
    """The file's report, and whether this package failed on it."""
    from segur_certificats.report import Report, internal_error  # noqa: PLC0415

    try:
        report = _check(name, check, max_size)
    except Exception as exc:  # one file's failure never stops the others
        return Report((internal_error(exc),)), True
    return report, any(p.code == "internal-error" for p in report.problems)


def _check_files(args: argparse.Namespace, out: TextIO) -> int:
    check = _checker(args)
    write = _write_json if args.format == "json" else _write_text
    status = 0
    for name in args.files:
        report, failed = _report(name, check, args.max_size)
        write(out, name, report, args.lang)
        if failed:
            status = 2
        elif not report.ok:
            status = max(status, 1)
    return status


def _print_schema(args: argparse.Namespace, out: TextIO) -> int:
    from segur_certificats.schema import json_schema  # noqa: PLC0415

    json.dump(json_schema(args.kind, args.lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def _template(args: argparse.Namespace, out: TextIO) -> int:
    from segur_certificats import sheets  # noqa: PLC0415
    from segur_certificats.embedded import validate_embedded  # noqa: PLC0415
    from segur_certificats.model import EntiteJuridique  # noqa: PLC0415
    from segur_certificats.report import validate_file  # noqa: PLC0415

    entities: tuple[EntiteJuridique, ...] = ()
    if args.source is not None and args.embedded:
        data = _read_or_report(args.source, out)
        if data is None:
            return 1
        entities = tuple(b.entite for b in validate_embedded(data).blocs if b.entite is not None)
    elif args.source is not None:
        report = validate_file(args.source)
        if report.demande is None:  # its structure cannot be read: say why
            _write_text(out, args.source, report, "fr")
            return 1
        entities = report.demande.entites_juridiques
    try:
        sheets.write_template(args.out, entities)
    except (ImportError, OSError, ValueError) as exc:
        print(f"segur-certificats template: {exc}", file=sys.stderr)
        return 2
    print(f"{args.out} : {len(entities)} ligne(s)", file=out)
    return 0


def _read_or_report(name: str, out: TextIO) -> bytes | None:
    from segur_certificats._reading import read_file  # noqa: PLC0415
    from segur_certificats.problems import Problem  # noqa: PLC0415

    data = read_file(name)
    if isinstance(data, Problem):
        print(f"{name}: {data.line()}", file=out)
        return None
    return data


def _import(args: argparse.Namespace, out: TextIO) -> int:
    from segur_certificats import sheets  # noqa: PLC0415

    into = None
    if args.into is not None:
        into = _read_or_report(args.into, out)
        if into is None:
            return 1
    report = sheets.read(args.sheet, into=into, embedded=args.embedded, context=_context(args))
    if args.format == "json":
        _write_json(out, args.sheet, report, args.lang)
    else:  # a sheet's problems are located by cell: "FILE: CELL (PATH): [CODE] message"
        from segur_certificats.problems import visible  # noqa: PLC0415

        shown = visible(args.sheet)
        for problem in report.problems:
            out.write(f"{shown}: {problem.line(args.lang)}\n")
        if report.ok:
            out.write(f"{shown}: {_OK[args.lang]}\n")
    if not report.ok:
        return 1
    if args.output is not None:
        written = report.written if into is not None else report.entities_json().encode("utf-8")
        assert written is not None  # no error remains: the request is written
        data = written if isinstance(written, bytes) else written.encode("utf-8")
        with open(args.output, "wb") as target:
            target.write(data)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in {"check", "template", "import"}:
        context_given = [args.type_demande, args.couloir, args.date_depot, args.date_modification]
        if not args.embedded and any(value is not None for value in context_given):
            parser.error("--type-demande, --couloir and the dates go with --embedded")
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        # A value or a file name may hold characters the terminal cannot show.
        out.reconfigure(errors="backslashreplace")
    runs = {"schema": _print_schema, "template": _template, "import": _import}
    run = runs.get(args.command, _check_files)
    try:
        status = run(args, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other commands do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 1
    return status
