"""Workbooks, through openpyxl (the ``[xlsx]`` extra; docs: sheets.md#files, sheets.md#template).

Reading gives each cell's cached value, its number format, its formula and
whether it is hidden by merged cells. Writing gives the template: drop-down
lists with the portal's own choices, the form's length limits as data
validation, text-formatted columns for numbers made of digits, a frozen
header with a note per column, and a sheet "Aide" with the scenario table.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

from segur_certificats.format.keys import ANSWERS, CERTIFICAT, ENTITE
from segur_certificats.format.labels import LABELS, yes_no
from segur_certificats.problems.errors import MissingExtra
from segur_certificats.problems.problem import Problem
from segur_certificats.rules.scenarios import SCENARIOS
from segur_certificats.sheets._columns import Column
from segur_certificats.sheets._storage import (
    HELP_SHEET,
    LISTS_SHEET,
    SHEET,
    RawSheet,
    Stored,
    column_name,
    unreadable,
)

#: How many rows the drop-down lists and formats cover beyond the prefilled ones.
SPARE_ROWS = 500


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook, or an old .xls


def openpyxl() -> Any:
    """The openpyxl module, or `MissingExtra` naming the ``[xlsx]`` extra."""
    try:
        import openpyxl  # noqa: PLC0415 - an optional dependency
    except ImportError:
        raise MissingExtra(feature=".xlsx", package="openpyxl", extra="xlsx") from None
    return openpyxl


def read(data: bytes) -> RawSheet | Problem:
    """The rows of the workbook's sheet "Administrateurs" (or its first), or why it
    cannot be read."""
    if data.startswith(_OLE):
        return unreadable("protected")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return unreadable("not-spreadsheet")
    try:
        module = openpyxl()
    except MissingExtra:
        return unreadable("xlsx-extra")
    try:
        return _rows_of(module, data)
    except Exception as exc:  # a zip that is not a workbook, or a broken one
        return unreadable("not-spreadsheet", error=type(exc).__name__)


def _rows_of(module: Any, data: bytes) -> RawSheet:
    values = module.load_workbook(io.BytesIO(data), data_only=True)
    formulas = module.load_workbook(io.BytesIO(data), data_only=False)
    if not values.sheetnames:
        raise ValueError("no sheet")
    name = SHEET if SHEET in values.sheetnames else values.sheetnames[0]
    sheet, source = values[name], formulas[name]
    merged: dict[tuple[int, int], str] = {}
    for merged_range in source.merged_cells.ranges:
        for row, column in merged_range.cells:
            if (row, column) != (merged_range.min_row, merged_range.min_col):
                merged[(row, column)] = merged_range.coord
    rows = []
    for cached_row, formula_row in zip(sheet.iter_rows(), source.iter_rows(), strict=True):
        cells = []
        for cached, written in zip(cached_row, formula_row, strict=True):
            formula = written.value if written.data_type == "f" else None
            position = (written.row, written.column)
            cells.append(
                Stored(
                    cached.value,
                    cached.number_format,
                    str(formula) if formula is not None else None,
                    merged.get(position),
                )
            )
        rows.append(tuple(cells))
    return RawSheet(name, tuple(rows))


def template(
    columns: Sequence[Column], notes: Sequence[str], rows: Sequence[Sequence[str]]
) -> bytes:
    """The workbook's bytes: the rows under the header, every value as text."""
    module = openpyxl()
    from openpyxl.comments import Comment  # noqa: PLC0415
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils.exceptions import IllegalCharacterError  # noqa: PLC0415

    book = module.Workbook()
    sheet = book.active
    sheet.title = SHEET
    last = len(rows) + SPARE_ROWS + 1
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEF1F5")
    for index, (column, text) in enumerate(zip(columns, notes, strict=True)):
        cell = sheet.cell(row=1, column=index + 1, value=column.header)
        cell.font, cell.fill = bold, fill
        cell.comment = Comment(text, "segur-certificats", width=320, height=160)
        sheet.column_dimensions[column_name(index)].width = max(14, len(column.header) + 4)
    for number, row in enumerate(rows, start=2):
        for index, value in enumerate(row):
            cell = sheet.cell(row=number, column=index + 1)
            try:
                cell.value = value or None
            except IllegalCharacterError:
                raise ValueError(
                    f"a workbook cannot hold the control characters of {value!r}"
                ) from None
            if value:
                cell.data_type = "s"  # text, even "=…": a spreadsheet never runs it
    # Numbers made of digits stay text: Excel keeps the leading zero.
    for index, column in enumerate(columns):
        if column.kind == "digits":
            for number in range(2, last + 1):
                sheet.cell(row=number, column=index + 1).number_format = "@"
    _validations(sheet, book.create_sheet(LISTS_SHEET), columns, last)
    sheet.freeze_panes = "A2"
    _help(book.create_sheet(HELP_SHEET), bold)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _validations(sheet: Any, lists: Any, columns: Sequence[Column], last: int) -> None:
    """The drop-down lists (their choices on the hidden sheet ``lists``) and the
    length limits, on rows 2 to ``last``."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    lists.sheet_state = "hidden"
    for index, column in enumerate(columns):
        letter = column_name(index)
        span = f"{letter}2:{letter}{last}"
        if column.choices:
            for row_number, choice in enumerate(column.choices, start=1):
                lists.cell(row=row_number, column=index + 1, value=choice)
            source = (
                f"{LISTS_SHEET}!${column_name(index)}$1:${column_name(index)}${len(column.choices)}"
            )
            rule = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
            rule.error = "Choisissez dans la liste : " + ", ".join(column.choices)
        elif column.max_length:
            rule = DataValidation(
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(column.max_length),
                allow_blank=True,
            )
            rule.error = f"{column.max_length} caractères au plus."
        else:
            continue
        rule.errorTitle = column.header
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(span)


def _help(sheet: Any, bold: Any) -> None:
    """The scenario table, as the guide prints it."""
    sheet.append(["Quand le numéro de carte CPX est-il obligatoire ?"])
    sheet["A1"].font = bold
    sheet.append([])
    keys = (ENTITE["demande_certificat_serveur"], *(ENTITE[a] for a in ANSWERS))
    header = ["Ligne", *(LABELS[key] for key in keys), LABELS[CERTIFICAT["numero_carte_cpx"]]]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = bold
    for row in SCENARIOS:
        sheet.append(
            [
                row.number,
                yes_no(row.demande_certificat_serveur),
                yes_no(row.contractualisation_og),
                row.statut.label if row.statut is not None else "",
                yes_no(row.contractualisation_editeur),
                row.numero_carte_cpx.label,
            ]
        )
    sheet.append([])
    sheet.append(
        [
            "Le numéro de carte est obligatoire quand la partie qui fournit l'administrateur a "
            "déjà contractualisé avec l'ANS : l'éditeur (Editeur), ou l'OG (Structure)."
        ]
    )
    for letter, width in zip("ABCDEF", (8, 30, 24, 24, 28, 22), strict=True):
        sheet.column_dimensions[letter].width = width
