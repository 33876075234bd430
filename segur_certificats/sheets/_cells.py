"""A sheet as rows of cells, whatever file it came from (docs: sheets.md#files,
sheets.md#limits): what one cell holds and how the file stored it (`Stored`),
the rows and merged ranges a reader gives (`RawRow`, `RawSheet`; a workbook's
cells gathered in `Rows`), and what is asked of a cell wherever it was read —
whether its text is read as it is (`plain`), the quote that keeps a formula
from running (`unquoted`), error values, numbers in scientific notation, dates,
a column's name.

Each reader gives only the cells present: the cost follows what the file
holds, never the area it declares; `max_rows` bounds the rows within the size
limit, and `unreadable` says why a file is not read.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import NamedTuple

import attrs

from segur_certificats._problems.problem import Problem

__all__ = [
    "BYTES_PER_ROW",
    "ERROR_VALUES",
    "FORMULA_START",
    "HELP_SHEET",
    "LISTS_SHEET",
    "MAX_COLUMN",
    "MAX_ROW",
    "QUOTE",
    "SHEET",
    "Broken",
    "Merged",
    "RawRow",
    "RawSheet",
    "Rows",
    "Stored",
    "TooManyRows",
    "column_name",
    "from_number",
    "is_date",
    "is_error_value",
    "is_scientific",
    "max_rows",
    "plain",
    "stored",
    "unquoted",
    "unreadable",
]

SHEET = "Administrateurs"
"""The sheet the template writes the rows in, and reads them from."""
HELP_SHEET = "Aide"
"""The template's help sheet: the scenario table."""
LISTS_SHEET = "Listes"
"""The hidden sheet holding the drop-down lists' choices."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""How text a spreadsheet would run as a formula starts (CSV injection), full-width
forms included: the template writes it behind a `QUOTE`, as it does text that
starts with the quote itself; `unquoted` takes the quote away."""
QUOTE = "'"
"""The quote before a cell's text that keeps it text (`FORMULA_START`)."""
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


MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
"""The largest sheet a spreadsheet program makes: its rows, its columns."""


class TooManyRows(Exception):
    """The sheet has more rows than the size limit allows (`max_rows`)."""


class Broken(Exception):
    """The file is not a workbook this package reads (`unreadable` says so)."""


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


class Rows:
    """The rows a sheet's cells are gathered in: the first row's width bounds what is
    kept of the others (a value beyond it is only noted)."""

    def __init__(self, name: str, most: int) -> None:
        self.name = name
        self.most = most
        self.rows: list[RawRow] = []
        self.merged: list[Merged] = []
        self.width = MAX_COLUMN
        self.number = 0
        self.cells: dict[int, Stored | str] = {}
        self.beyond: int | None = None

    def start(self, number: int) -> None:
        self.number, self.cells, self.beyond = number, {}, None

    def add(self, column: int, cell: Stored | str) -> None:
        """Keep ``cell`` at ``column`` of the current row (`Broken` when the row has a
        cell there already: one of the two values would be lost unsaid)."""
        if column in self.cells:
            raise Broken("two cells at one place")
        if column < self.width:
            self.cells[column] = cell
        elif self.beyond is None and (
            isinstance(cell, str) or cell.value not in (None, "") or cell.error
        ):
            self.beyond = column

    def end(self) -> None:
        if self.cells or self.beyond is not None:
            if not self.rows and self.number == 1:
                self.width = max(self.cells, default=-1) + 1 or MAX_COLUMN
            self.rows.append(RawRow(self.number, self.cells, self.beyond))
            if len(self.rows) > self.most:
                raise TooManyRows

    def sheet(self) -> RawSheet:
        return RawSheet(self.name, tuple(self.rows), tuple(self.merged))


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
    """A cell's text with the `QUOTE` the template puts before a formula's start
    (`FORMULA_START`) or before a quote taken away."""
    if value.startswith(QUOTE) and value[1:].startswith((*FORMULA_START, QUOTE)):
        return value[1:]
    return value


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
