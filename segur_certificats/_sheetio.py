"""Spreadsheet files as rows of cells: XLSX through openpyxl (the ``[xlsx]`` extra)
and CSV as French Excel writes it (docs: sheets.md#files).

Reading returns what each cell holds and how Excel stored it (text, number,
date, boolean, formula with or without a cached value, part of a merged
range), so that `segur_certificats.sheets` can name Excel's usual damage.
Writing neutralises text a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

#: The sheet the template writes the rows in, and reads them from.
SHEET = "Administrateurs"
#: The template's help sheet: the scenario table.
HELP_SHEET = "Aide"
#: The hidden sheet holding the drop-down lists' choices.
LISTS_SHEET = "Listes"
# Text a spreadsheet would read as a formula (CSV injection); written behind a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook, or an old .xls


class Unreadable(Exception):
    """The file is not a spreadsheet this package reads; ``variant`` says why."""

    def __init__(self, variant: str, **params: str) -> None:
        super().__init__(variant)
        self.variant = variant
        self.params = params


@attrs.frozen
class Cell:
    """What one cell holds, and how."""

    #: The value: ``str``, ``int``, ``float``, ``bool``, a date or datetime, or None.
    value: Any
    #: Excel's number format (``"@"`` for text, ``"0.00E+00"``…); ``None`` in CSV.
    number_format: str | None = None
    #: The formula, when the cell holds one (its cached value is ``value``).
    formula: str | None = None
    #: The merged range this cell is inside of, other than its first cell.
    merged: str | None = None


@attrs.frozen
class RawSheet:
    """A sheet's rows of cells, as the file holds them."""

    #: How cells are named: ``"Administrateurs"`` (``Administrateurs!G4``), or the
    #: CSV file's name.
    name: str
    #: Every row, first to last (row ``i`` of the list is row ``i + 1`` on screen).
    rows: tuple[tuple[Cell, ...], ...]


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - an optional dependency
    except ImportError:
        raise Unreadable("xlsx-extra") from None
    return openpyxl


def read(path: Path, data: bytes) -> RawSheet:
    """The rows of the file's sheet: XLSX (``.xlsx``, ``.xlsm``) or CSV (any other name)."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(data)
    return _read_csv(path.name, data)


def _read_xlsx(data: bytes) -> RawSheet:
    if data.startswith(_OLE):
        raise Unreadable("protected")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise Unreadable("not-spreadsheet")
    openpyxl = _openpyxl()
    try:
        return _rows_of(openpyxl, data)
    except Exception as exc:  # a zip that is not a workbook, or a broken one
        raise Unreadable("not-spreadsheet", error=type(exc).__name__) from None


def _rows_of(openpyxl: Any, data: bytes) -> RawSheet:
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
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
                Cell(
                    cached.value,
                    cached.number_format,
                    str(formula) if formula is not None else None,
                    merged.get(position),
                )
            )
        rows.append(tuple(cells))
    return RawSheet(name, tuple(rows))


def _read_csv(name: str, data: bytes) -> RawSheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable("encoding", position=str(exc.start)) from None
    if "\0" in text:
        raise Unreadable("not-spreadsheet")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise Unreadable("not-spreadsheet", error=str(exc)) from None
    return RawSheet(name, tuple(tuple(Cell(_unquoted(v)) for v in row) for row in rows))


def _unquoted(value: str) -> str:
    # What the SDK writes behind a quote (a value starting like a formula) reads back.
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def neutralised(value: str) -> str:
    """``value`` as a CSV cell: behind a quote when a spreadsheet would run it as a
    formula (``=``, ``+``, ``-``, ``@`` first)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a byte-order mark and ``;``: what French Excel opens and writes.

    Raises `ValueError` for a value holding a NUL character, which no CSV reader
    (this package's included) takes back."""
    for row in rows:
        for value in row:
            if "\0" in value:
                raise ValueError(f"a CSV cannot hold the NUL character of {value!r}")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def column_name(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (0-based): A, B, …, Z, AA…

    ```pycon
    >>> column_name(0), column_name(25), column_name(26)
    ('A', 'Z', 'AA')

    ```
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_scientific(number_format: str | None) -> bool:
    """Whether Excel shows the cell in scientific notation (``6,03E+08``)."""
    return number_format is not None and re.search(r"E[+-]", number_format, re.I) is not None


def is_date(value: object) -> bool:
    """A date or a datetime (Excel's date cells)."""
    return isinstance(value, (_dt.date, _dt.time))
