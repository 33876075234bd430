"""The ``.xlsx`` template, through openpyxl (the ``[xlsx]`` extra; docs: sheets.md#template).

Workbooks are read without it (`segur_certificats.sheets._workbook`). The template has drop-down
lists with the portal's own choices, the form's length limits as data
validation, text-formatted columns for numbers made of digits, a frozen
header with a note per column, and a sheet "Aide" with the scenario table.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from segur_certificats._internal.problems.errors import MissingExtra
from segur_certificats._internal.vocabulary.keys import ANSWERS, CERTIFICAT, ENTITE
from segur_certificats._internal.vocabulary.labels import LABELS, yes_no
from segur_certificats.rules import SCENARIOS
from segur_certificats.sheets._columns import Column, choices_text
from segur_certificats.sheets._storage import HELP_SHEET, LISTS_SHEET, SHEET, column_name

SPARE_ROWS = 500
"""How many rows the drop-down lists and formats cover beyond the prefilled ones."""


def openpyxl() -> Any:
    """The openpyxl module, or `MissingExtra` naming the ``[xlsx]`` extra."""
    try:
        import openpyxl  # noqa: PLC0415 - an optional dependency
    except ImportError:
        raise MissingExtra(feature=".xlsx", package="openpyxl", extra="xlsx") from None
    return openpyxl


# What an XML 1.0 document cannot hold, so neither can a workbook: controls but
# tab and line breaks, U+FFFE, U+FFFF and lone surrogates.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _storable(value: str) -> str:
    """``value`` as the workbook stores it: behind a quote when it starts with one
    (the reader takes one away, docs: sheets.md#files); `ValueError` when a
    workbook cannot hold it."""
    bad = _UNSTORABLE.search(value)
    if bad is not None:
        raise ValueError(f"a workbook cannot hold the character {bad.group()!r} of {value!r}")
    return "'" + value if value.startswith("'") else value


def template(
    columns: Sequence[Column], notes: Sequence[str], rows: Sequence[Sequence[str]]
) -> bytes:
    """The workbook's bytes: the rows under the header, every value as text."""
    module = openpyxl()
    from openpyxl.comments import Comment  # noqa: PLC0415
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

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
            cell.value = _storable(value) if value else None
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
            rule.error = "Choisissez dans la liste : " + choices_text(column.choices)
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
