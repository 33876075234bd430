"""Spreadsheet files as rows of stored cells: XLSX (`segur_certificats.sheets._xlsx`)
and CSV as French Excel writes it (docs: sheets.md#files).

Reading returns what each cell holds and how the file stored it (text, number,
date, boolean, formula with or without a cached value, part of a merged
range), so that the source can name Excel's usual damage. Writing neutralises
text a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from segur_certificats.problems.problem import Problem

__all__ = [
    "HELP_SHEET",
    "LISTS_SHEET",
    "SHEET",
    "RawSheet",
    "Stored",
    "column_name",
    "is_date",
    "is_scientific",
    "is_workbook",
    "neutralised",
    "read_csv",
    "unreadable",
    "write_csv",
]

#: The sheet the template writes the rows in, and reads them from.
SHEET = "Administrateurs"
#: The template's help sheet: the scenario table.
HELP_SHEET = "Aide"
#: The hidden sheet holding the drop-down lists' choices.
LISTS_SHEET = "Listes"
# Text a spreadsheet would read as a formula (CSV injection); written behind a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WORKBOOKS = {".xlsx", ".xlsm"}


def unreadable(variant: str | None = None, **params: str) -> Problem:
    """The ``sheet.unreadable`` problem: the file is not a sheet this package reads."""
    return Problem("", "sheet.unreadable", params=params, variant=variant)


def is_workbook(path: Path) -> bool:
    """Whether the file is read as a workbook (``.xlsx``, ``.xlsm``), else as CSV."""
    return path.suffix.lower() in _WORKBOOKS


@attrs.frozen
class Stored:
    """What one cell holds, and how the file stored it."""

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
    rows: tuple[tuple[Stored, ...], ...]


def read_csv(name: str, data: bytes) -> RawSheet | Problem:
    """The rows of a CSV file (UTF-8, ``;`` or ``,``), or why it cannot be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return unreadable("encoding", position=str(exc.start))
    if "\0" in text:
        return unreadable("not-spreadsheet")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return unreadable("not-spreadsheet", error=str(exc))
    return RawSheet(name, tuple(tuple(Stored(_unquoted(v)) for v in row) for row in rows))


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
