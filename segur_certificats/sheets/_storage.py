"""Spreadsheet files as rows of stored cells: workbooks (`segur_certificats.sheets._workbook`)
and CSV as French Excel and LibreOffice write it (docs: sheets.md#files).

Reading returns what each cell holds and how the file stored it (text, number,
date, boolean, error value, formula with or without a cached value), the
merged ranges, and what the file itself lost (a quote that swallows rows, a
row wider or narrower than the header, the encoding read). Only the cells
present are kept: the cost follows what the file holds, never the area it
declares (docs: sheets.md#limits). Writing neutralises text a spreadsheet
would run as a formula, so that it reads back exactly.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import attrs

from segur_certificats._internal.problems.problem import Problem, Severity

__all__ = [
    "BYTES_PER_ROW",
    "ERROR_VALUES",
    "HELP_SHEET",
    "LISTS_SHEET",
    "SHEET",
    "Merged",
    "RawRow",
    "RawSheet",
    "Stored",
    "column_name",
    "from_number",
    "is_date",
    "is_scientific",
    "max_rows",
    "neutralised",
    "plain",
    "read_csv",
    "stored",
    "unquoted",
    "unreadable",
    "write_csv",
]

SHEET = "Administrateurs"
"""The sheet the template writes the rows in, and reads them from."""
HELP_SHEET = "Aide"
"""The template's help sheet: the scenario table."""
LISTS_SHEET = "Listes"
"""The hidden sheet holding the drop-down lists' choices."""
# Text a spreadsheet would read as a formula (CSV injection), full-width forms
# included; written behind a quote, as is text that starts with the quote itself.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_QUOTE = "'"
ERROR_VALUES = frozenset(
    {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!",
        "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
        "#UNKNOWN!", "#NUL!", "#VALEUR!", "#NOM?", "#NOMBRE!", "#N/D", "#DIV/0",
    }
)  # fmt: skip
"""The error values spreadsheet programs show (English, French and LibreOffice's)."""
_LIBREOFFICE_ERROR = re.compile(r"Err:[0-9]{3}")


def is_error_value(text: str) -> bool:
    """Whether ``text`` is what a spreadsheet shows for a formula in error."""
    return text in ERROR_VALUES or _LIBREOFFICE_ERROR.fullmatch(text) is not None


BYTES_PER_ROW = 640
"""Bytes of the size limit per row read: with the default limit (64 MiB), at most
104,857 rows: 100,000 real rows read in under 1 GB (docs: sheets.md#limits)."""


def max_rows(max_size: int) -> int:
    """The most rows read within the size limit ``max_size``."""
    return max(1, max_size // BYTES_PER_ROW)


def unreadable(variant: str | None = None, **params: str) -> Problem:
    """The ``sheet.unreadable`` problem: the file is not a sheet this package reads."""
    return Problem("", "sheet.unreadable", params=params, variant=variant)


class Stored(NamedTuple):
    """What one cell holds, and how the file stored it.

    A named tuple, built at the cost of a tuple (an attrs class costs three times
    as much). The garbage collector follows it as long as it lives (it untracks
    plain tuples only): the usual cell of text is given as its text alone
    (`RawRow.cells`), and a row of such texts is not followed at all."""

    value: object
    """The value: ``str``, ``int``, ``float``, ``bool``, a date or datetime, or None."""
    number_format: str | None = None
    """Excel's number format (``"@"`` for text, ``"0.00E+00"``…); ``None`` in CSV."""
    formula: str | None = None
    """The formula as the spreadsheet shows it (``=A1``, ``{=SUM(A1:A3)}`` for an
    array formula, ``{=TABLE(B1;B2)}`` for a data table), when the cell holds one."""
    error: str | None = None
    """The error value the cell shows (``#DIV/0!``), if any."""
    number: bool = False
    """The value came from a cell stored as a number (CSV: digits a number lost)."""


@attrs.frozen
class Merged:
    """A merged range: 0-based first and last row and column, and its name."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int
    name: str


class RawRow:
    """A row of the file that holds something (a plain slotted class, one a row)."""

    __slots__ = ("beyond", "cells", "lines", "notes", "number", "width")

    def __init__(
        self,
        number: int,
        cells: Mapping[int, Stored | str],
        beyond: int | None = None,
        *,
        width: int | None = None,
        lines: tuple[int, int] | None = None,
        notes: tuple[tuple[int, Problem], ...] = (),
    ) -> None:
        self.number = number
        """The row number as the spreadsheet shows it (1 for the header)."""
        self.cells = cells
        """Column index (0-based) -> cell, for the cells present (up to the header's
        width): its `Stored`, or, for the usual cell, its text alone — `plain` text,
        with no formula nor error value stored (`stored` gives its `Stored`). A row
        of such texts is a dict the garbage collector never looks at."""
        self.beyond = beyond
        """A column holding a value beyond the header's width (the first), if any."""
        self.width = width
        """CSV: how many values the line holds."""
        self.lines = lines
        """CSV: the line's physical lines (first, last)."""
        self.notes = notes
        """What the file did to this row: (column index, problem), e.g. a quote that
        swallowed the rows after it."""

    def __repr__(self) -> str:
        return (
            f"RawRow({self.number!r}, {self.cells!r}, {self.beyond!r}, {self.width!r}, "
            f"{self.lines!r}, {self.notes!r})"
        )


@attrs.frozen
class RawSheet:
    """A sheet's rows of cells, as the file holds them."""

    name: str
    """How cells are named: ``"Administrateurs"`` (``Administrateurs!G4``), or the
    CSV file's name."""
    rows: tuple[RawRow, ...]
    """Every row that holds something, in order."""
    merged: tuple[Merged, ...] = ()
    """The merged ranges."""
    notes: tuple[Problem, ...] = ()
    """What the file itself lost or how it was read (the encoding), by row."""
    csv: bool = False
    """A CSV file: its digits without a leading zero may be a number the spreadsheet
    wrote (`stored` says so of a text cell)."""


# -- CSV ------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str] | Problem:
    """The text and the encoding read: UTF-8 (with or without a byte-order mark),
    else Windows-1252 (French Excel's "CSV (séparateur: point-virgule)" and
    LibreOffice's default)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return unreadable("encoding", position=str(position))


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") >= first.count(",") else ","


def read_csv(name: str, data: bytes, max_size: int, width_cap: int = 16384) -> RawSheet | Problem:
    """The rows of a CSV file (``;`` or ``,``), every physical line accounted for,
    or why it cannot be read (more rows than `max_rows` allows, among others)."""
    most = max_rows(max_size)
    if b"\0" in data:
        return unreadable("nul", position=str(data.index(b"\0")))
    decoded = _decode(data)
    if isinstance(decoded, Problem):
        return decoded
    text, encoding = decoded
    delimiter = _delimiter(text)
    notes: list[Problem] = []
    if encoding != "UTF-8":
        notes.append(Problem("", "sheet.encoding", Severity.WARNING, {"encoding": encoding}))
    rows: list[RawRow] = []
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    last_line = 0
    header_width = width_cap
    try:
        for number, values in enumerate(reader, start=1):
            first, last_line = last_line + 1, reader.line_num
            if number == 1:
                header_width = min(len(values), width_cap) or width_cap
            row = _csv_row(number, values, (first, last_line), header_width, delimiter)
            if row is not None:
                rows.append(row)
                if len(rows) > most:
                    return unreadable("too-many-rows", rows=str(most))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            return unreadable("field-too-long", row=str(last_line + 1), limit=str(_field_limit()))
        return unreadable("not-spreadsheet")
    return RawSheet(name, tuple(rows), notes=tuple(notes), csv=True)


def _field_limit() -> int:
    return csv.field_size_limit()


def _csv_row(
    number: int,
    values: list[str],
    lines: tuple[int, int],
    header_width: int,
    delimiter: str,
) -> RawRow | None:
    joined = "".join(values)
    if not joined.strip():
        return None  # a blank line, or a line of separators only (white space is per character)
    kept = values[:header_width] if len(values) > header_width else values
    cells: dict[int, Stored | str]
    if _QUOTE in joined or not _all_plain(kept):
        cells = {i: _csv_cell(v) for i, v in enumerate(kept) if v}
    else:  # the usual row: each cell plain text, as `_csv_cell` gives it
        cells = {i: v for i, v in enumerate(kept) if v}
    beyond = next((i for i in range(header_width, len(values)) if values[i].strip()), None)
    found: list[tuple[int, Problem]] = []
    if "\n" in joined or "\r" in joined:
        for index, value in enumerate(kept):
            if "\n" in value or "\r" in value:
                # A quote opened in this cell swallowed what follows, up to where one closes.
                params = {"first": str(lines[0]), "last": str(lines[1])}
                if delimiter in value:  # a line break alone is the cell's text: the rules judge it
                    found.append((index, Problem("", "sheet.quote", params=params)))
    return RawRow(number, cells, beyond, width=len(values), lines=lines, notes=tuple(found))


def _csv_cell(value: str) -> Stored | str:
    """A CSV cell (not empty): its text, behind its quote, when it is `plain`; else
    its `Stored` (`RawRow.cells`)."""
    text = unquoted(value) if value[0] == _QUOTE else value
    return text if plain(text) else stored(text, True)


def _all_plain(values: list[str]) -> bool:
    """Whether every value not empty is `plain`, a row at a time (no CSV read holds
    a NUL; error values start with "#" or "Err:", anywhere here is enough)."""
    line = "\0".join(values)
    return (
        line[:1] != "#"
        and "\0#" not in line
        and "Err:" not in line
        and list(map(str.strip, values)) == values
    )


def plain(text: str) -> bool:
    """Whether a cell's text is read as it is, with no question asked (`RawRow.cells`
    gives it alone): not empty, no white space at either end, and not the look of
    an error value (they all start with "#" or "Err:", `ERROR_VALUES`).

    ```pycon
    >>> plain("Oui"), plain(" Oui"), plain("#N/A"), plain("Err:502"), plain("")
    (True, False, False, False, False)

    ```
    """
    return (
        text != ""
        and not text[0].isspace()
        and not text[-1].isspace()
        and text[0] != "#"
        and not text.startswith("Err:")
    )


def from_number(text: str) -> bool:
    """Digits a spreadsheet wrote from a number cell into a CSV: digits, the first
    not a zero (a scientific notation, 6,03E+08, is told by the column's reader)."""
    return text.isdigit() and text.isascii() and text[0] != "0"


def stored(cell: Stored | str, csv: bool) -> Stored:
    """A cell of `RawRow.cells` as its `Stored` (``csv``: the sheet is a CSV file)."""
    if not isinstance(cell, str):
        return cell
    return _new_stored(Stored, (cell, None, None, None, csv and from_number(cell)))


_new_stored = tuple.__new__  # `Stored(...)` without its Python-level __new__


def unquoted(value: str) -> str:
    """A cell's text with the quote `neutralised` put before it taken away."""
    if value.startswith(_QUOTE) and value[1:].startswith((*_FORMULA_START, _QUOTE)):
        return value[1:]
    return value


def neutralised(value: str) -> str:
    """``value`` as a CSV cell: behind a quote when a spreadsheet would run it as a
    formula (``=``, ``+``, ``-``, ``@``, their full-width forms, a tab or line
    break first) or when it starts with the quote itself; `unquoted` gives it back."""
    if value.startswith((*_FORMULA_START, _QUOTE)):
        return _QUOTE + value
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
