"""Reading an ``.ods`` workbook (LibreOffice's own format) as a stream of its XML
(docs: sheets.md#files): the sheet "Administrateurs" (or the first), its repeated
rows and cells counted without being built, its covered cells as merged ranges.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re

from segur_certificats.sheets._cells import (
    MAX_COLUMN,
    MAX_ROW,
    SHEET,
    Broken,
    Merged,
    RawSheet,
    Rows,
    Stored,
    column_name,
    max_rows,
    plain,
    unquoted,
)
from segur_certificats.sheets._zipxml import (
    SEP,
    Book,
    Expanded,
    iso_moment,
    local_name,
    number_of,
    xml_parser,
)

__all__ = ["ODS_MIMETYPE", "Ods"]

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _attribute(namespace: str, name: str) -> str:
    return f"{namespace}{SEP}{name}"


_ROWS_REPEATED = _attribute(_TABLE, "number-rows-repeated")
_COLUMNS_REPEATED = _attribute(_TABLE, "number-columns-repeated")
_COLUMNS_SPANNED = _attribute(_TABLE, "number-columns-spanned")
_ROWS_SPANNED = _attribute(_TABLE, "number-rows-spanned")
_MATRIX = _attribute(_TABLE, "number-matrix-columns-spanned")
_FORMULA = _attribute(_TABLE, "formula")
_NAME = _attribute(_TABLE, "name")
_VALUE_TYPE = _attribute(_OFFICE, "value-type")
_CALC_TYPE = _attribute(_CALCEXT, "value-type")
_VALUE = _attribute(_OFFICE, "value")
_DATE_VALUE = _attribute(_OFFICE, "date-value")
_TIME_VALUE = _attribute(_OFFICE, "time-value")
_BOOLEAN_VALUE = _attribute(_OFFICE, "boolean-value")
_STRING_VALUE = _attribute(_OFFICE, "string-value")
_SPACES = _attribute(_TEXT, "c")
_TABLE_TAG = f"{_TABLE}{SEP}table"
_ROW_TAG = f"{_TABLE}{SEP}table-row"
_CELL_TAG = f"{_TABLE}{SEP}table-cell"
_COVERED_TAG = f"{_TABLE}{SEP}covered-table-cell"
_P_TAG = f"{_TEXT}{SEP}p"
_ANNOTATION_TAG = f"{_OFFICE}{SEP}annotation"
_SCIENTIFIC_SHOWN = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_DURATION = re.compile(r"-?P(?:[0-9]+D)?T?(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9.]+)S)?")


CELL_BYTES = 16
"""What a cell kept costs of the expansion budget (`Ods.left`): with the default
limit, at most 4,194,304 cells, repeated ones counted as many times."""


def _int(text: str | None, default: int = 1) -> int:
    try:
        return max(1, int(text)) if text is not None else default
    except ValueError:
        return default


class Ods:
    """An ``.ods``: its ``content.xml``, the sheet "Administrateurs" or the first."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.found: Rows | None = None
        self.current: Rows | None = None
        self.row = 0
        self.column = 0
        self.row_repeat = 1
        self.row_cells: list[tuple[int, int, Stored | str]] = []
        self.cell: dict[str, str] | None = None
        self.cell_repeat = 1
        self.covered = False
        self.paragraphs: list[list[str]] = []
        self.annotation = 0
        self.done = False
        self.left = book.budget.limit
        """The bytes the reader may still expand, within the size limit (docs:
        sheets.md#limits): `CELL_BYTES` a cell kept, repeated rows and cells counted
        as many times as they are repeated, and each space a ``<text:s>`` stands for
        (the file's own bytes are the decompression budget's)."""

    def read(self) -> RawSheet:
        if "content.xml" not in self.book.names:
            raise Broken("no content.xml")
        parser = xml_parser(self.start, self.end, self.characters)
        with contextlib.suppress(_Done):
            self.book.parse("content.xml", parser)
        if self.found is None:
            raise Broken("no sheet")
        return self.found.sheet()

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in (_CELL_TAG, _COVERED_TAG):
            self.cell, self.covered = attributes, tag == _COVERED_TAG
            self.cell_repeat = _int(attributes.get(_COLUMNS_REPEATED))
            self.paragraphs = []
        elif tag == _P_TAG and self.cell is not None and not self.annotation:
            self.paragraphs.append([])
        elif tag == _ANNOTATION_TAG:
            self.annotation += 1
        elif self.cell is not None and self.paragraphs and not self.annotation:
            local = local_name(tag)
            if local == "s":
                spaces = min(_int(attributes.get(_SPACES)), 1000)
                self.left -= spaces
                if self.left < 0:
                    raise Expanded
                self.paragraphs[-1].append(" " * spaces)
            elif local == "tab":
                self.paragraphs[-1].append("\t")
            elif local == "line-break":
                self.paragraphs[-1].append("\n")
        elif tag == _ROW_TAG:
            self.row_repeat = _int(attributes.get(_ROWS_REPEATED))
            self.column, self.row_cells = 0, []
        elif tag == _TABLE_TAG:
            name = attributes.get(_NAME, "")
            if self.found is None or (name == SHEET and self.found.name != SHEET):
                self.current = Rows(name, max_rows(self.book.budget.limit))
                self.row = 0
            else:
                self.current = None

    def characters(self, data: str) -> None:
        if self.cell is not None and self.paragraphs and not self.annotation:
            self.paragraphs[-1].append(data)

    def end(self, tag: str) -> None:
        if tag in (_CELL_TAG, _COVERED_TAG):
            self._end_cell()
        elif tag == _ANNOTATION_TAG:
            self.annotation -= 1
        elif tag == _ROW_TAG:
            self._end_row()
        elif tag == _TABLE_TAG and self.current is not None:
            self.found, self.current = self.current, None
            if self.found.name == SHEET:
                raise _Done

    def _end_cell(self) -> None:
        attributes, self.cell = self.cell or {}, None
        repeat = self.cell_repeat
        if self.current is None:
            return
        stored = self._stored(attributes)
        spanned_columns = _int(attributes.get(_COLUMNS_SPANNED))
        spanned_rows = _int(attributes.get(_ROWS_SPANNED))
        if (spanned_columns > 1 or spanned_rows > 1) and not self.covered:
            first_row, first_column = self.row, self.column
            last_row = min(first_row + spanned_rows - 1, MAX_ROW * 64)
            last_column = min(first_column + spanned_columns - 1, MAX_COLUMN * 64)
            name = f"{column_name(min(first_column, MAX_COLUMN))}{first_row + 1}:"
            name += f"{column_name(min(last_column, MAX_COLUMN))}{last_row + 1}"
            self.current.merged.append(Merged(first_row, first_column, last_row, last_column, name))
        if stored is not None:  # an empty cell, or one that merged cells cover, holds nothing
            self.row_cells.append((self.column, repeat, stored))
        self.column += repeat

    def _stored(self, attributes: dict[str, str]) -> Stored | str | None:  # noqa: PLR0911 - per type
        kind = attributes.get(_VALUE_TYPE)
        formula = attributes.get(_FORMULA)
        if formula is not None:
            formula = "=" + formula.split(":", 1)[1].lstrip("=") if ":" in formula else formula
            if attributes.get(_MATRIX):
                formula = "{" + formula + "}"
        shown = "\n".join("".join(parts) for parts in self.paragraphs)
        if attributes.get(_CALC_TYPE) == "error":
            return Stored(None, None, formula, error=shown or "#ERR")
        if kind is None:
            if shown:  # text with no type (hand-written files)
                return _text(unquoted(shown), None, formula)
            return Stored(None, None, formula) if formula else None
        if kind in {"float", "percentage", "currency"}:
            try:
                number: object = number_of(attributes.get(_VALUE, ""))
            except ValueError:
                number = attributes.get(_VALUE, "")
            scientific = _SCIENTIFIC_SHOWN.fullmatch(shown.strip()) is not None
            return Stored(number, "0.00E+00" if scientific else None, formula, number=True)
        if kind == "date":
            return Stored(iso_moment(attributes.get(_DATE_VALUE, "")), None, formula, number=True)
        if kind == "time":
            return Stored(_duration(attributes.get(_TIME_VALUE, "")), None, formula, number=True)
        if kind == "boolean":
            value = attributes.get(_BOOLEAN_VALUE, "").lower() == "true"
            return Stored(value, None, formula)
        text = attributes.get(_STRING_VALUE, shown)
        return _text(unquoted(text), "@" if kind == "string" else None, formula)

    def _end_row(self) -> None:
        rows = self.current
        repeat = self.row_repeat
        if rows is None:
            return
        if self.row_cells:
            if self.row == 0 and not rows.rows:
                last = max(column + count for column, count, _ in self.row_cells)
                rows.width = min(last, MAX_COLUMN)
            for _ in range(repeat):
                rows.start(self.row + 1)
                for column, count, stored in self.row_cells:
                    for index in range(column, column + count):
                        if index >= rows.width:
                            rows.add(index, stored)
                            break
                        self.left -= CELL_BYTES
                        if self.left < 0:
                            raise Expanded
                        rows.add(index, stored)
                rows.end()
                self.row += 1
        else:
            self.row += repeat


def _text(text: str, number_format: str | None, formula: str | None) -> Stored | str:
    """A cell of text: the text alone when it is `plain` with no formula (`RawRow.cells`)."""
    return text if formula is None and plain(text) else Stored(text, number_format, formula)


class _Done(Exception):
    """The sheet "Administrateurs" is read: the rest of the file is not needed."""


def _duration(text: str) -> object:
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        return text
    hours, minutes, seconds = (float(part or 0) for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return _dt.time(int(total // 3600) % 24, int(total // 60) % 60, int(total) % 60)
