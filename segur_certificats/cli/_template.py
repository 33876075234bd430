"""``segur-certificats template``: the spreadsheet to collect the administrators in
(docs: sheets.md#template)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from segur_certificats._codec.files import MAX_SIZE
from segur_certificats._problems.shown import visible
from segur_certificats.cli import _options, _output

if TYPE_CHECKING:
    from segur_certificats.model import EntiteJuridique


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``template`` command."""
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


def run_template(args: argparse.Namespace, out: TextIO) -> int:  # noqa: PLR0911 - one per refusal
    """Write the template, prefilled from the request when one is given."""
    from segur_certificats import sheets  # noqa: PLC0415
    from segur_certificats._embedded.validate import validate_embedded  # noqa: PLC0415
    from segur_certificats._pipeline.validate import validate_file  # noqa: PLC0415
    from segur_certificats._problems.errors import MissingExtra  # noqa: PLC0415

    lang, target = args.lang, Path(args.out)
    name = visible(args.out)
    if target.suffix.lower() not in sheets.TEMPLATE_FORMATS:
        return _output.refused("template", "sheet.unwritable", lang, "format", name=name)
    if not args.force and (target.exists() or target.is_symlink()):
        return _output.refused("template", "sheet.unwritable", lang, "exists", name=name)
    entities: tuple[EntiteJuridique, ...] = ()
    if args.source is not None and args.embedded:
        data = _output.read_or_report(args.source, out, lang, MAX_SIZE)
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
    status = _output.write_file("template", args.out, data, lang)
    if status == 0:
        _output.rows_written(out, name, len(entities), lang)
    return status
