"""The sheet to fill in, as a file's bytes (docs: sheets.md#template): CSV as French
Excel opens it, or an ``.xlsx`` through openpyxl (the ``[xlsx]`` extra) with
drop-down lists of the portal's own choices, the form's length limits as data
validation, text-formatted columns for numbers made of digits, a frozen header
with a note per column, and a sheet "Aide" with the scenario table.

Text a spreadsheet would run as a formula is written so that it never runs,
and reads back exactly (docs: sheets.md#files).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from segur_certificats._problems.errors import MissingExtra
from segur_certificats._vocabulary.keys import (
    CONTRACTUALISATION_EDITEUR,
    CONTRACTUALISATION_OG,
    DEMANDE_CERTIFICAT_SERVEUR,
    NUMERO_CARTE_CPX,
    STATUT_ADMIN_TECHNIQUE,
)
from segur_certificats._vocabulary.labels import yes_no
from segur_certificats.model import Demande, EntiteJuridique
from segur_certificats.rules import SCENARIOS
from segur_certificats.sheets._cells import (
    FORMULA_START,
    HELP_SHEET,
    LISTS_SHEET,
    QUOTE,
    SHEET,
    column_name,
)
from segur_certificats.sheets._columns import COLUMNS, Column, choices_text, note, template_rows

__all__ = [
    "SPARE_ROWS",
    "TEMPLATE_FORMATS",
    "neutralised",
    "openpyxl",
    "template",
    "write_csv",
    "write_xlsx",
]

TEMPLATE_FORMATS = (".xlsx", ".csv")
"""The formats the template is written in."""
SPARE_ROWS = 500
"""How many rows the drop-down lists and formats cover beyond the prefilled ones."""


def template(format: str, demande: Demande | Iterable[EntiteJuridique] | None = None) -> bytes:
    """The template's bytes in ``format`` (one of `TEMPLATE_FORMATS`), one row per
    legal entity of ``demande`` when given. Raises `ValueError` for another format
    and when a value holds what the file cannot store; `MissingExtra` for
    ``.xlsx`` without openpyxl."""
    rows = template_rows(demande)
    if format == ".xlsx":
        return write_xlsx(COLUMNS, [note(column) for column in COLUMNS], rows)
    if format == ".csv":
        return write_csv([column.header for column in COLUMNS], rows)
    raise ValueError(f"the template is written as .xlsx or .csv, not {format!r}")


# -- CSV ------------------------------------------------------------------------------------


def neutralised(value: str) -> str:
    """``value`` as a CSV cell: behind a quote when a spreadsheet would run it as a
    formula (``=``, ``+``, ``-``, ``@``, their full-width forms, a tab or line
    break first) or when it starts with the quote itself; `unquoted` gives it back."""
    if value.startswith((*FORMULA_START, QUOTE)):
        return QUOTE + value
    return value


def write_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a byte-order mark and ``;``: what French Excel opens and writes.

    Raises `ValueError` for a value holding a NUL character or a lone surrogate,
    which no CSV reader (this package's included) takes back."""
    for row in rows:
        for value in row:
            if "\0" in value:
                raise ValueError(f"a CSV cannot hold the NUL character of {value!r}")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised(value) for value in row])
    try:
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"a CSV cannot hold the lone surrogate of {exc.object[exc.start]!r}"
        ) from None


# -- XLSX ---------------------------------------------------------------------------------


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
    if "_x" in value or "\r" in value:  # Excel's escapes, read back as written
        value = _LITERAL.sub("_x005F_", value).replace("\r", "_x000D_")
    return QUOTE + value if value.startswith(QUOTE) else value


# An underscore that would start one of Excel's escapes (``_xHHHH_``): written
# ``_x005F_`` so that the text reads back as typed (docs: sheets.md#files).
_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def write_xlsx(
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
    keys = (
        DEMANDE_CERTIFICAT_SERVEUR,
        CONTRACTUALISATION_OG,
        STATUT_ADMIN_TECHNIQUE,
        CONTRACTUALISATION_EDITEUR,
        NUMERO_CARTE_CPX,
    )
    header = ["Ligne", *(key.label() for key in keys)]
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
