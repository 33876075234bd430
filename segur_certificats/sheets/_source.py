"""A filled sheet as a source of the one pipeline (docs: sheets.md#reading,
architecture.md#pipeline).

Each data row becomes a legal-entity object; each cell's value is placed at
its JSON key, the portal's labels read as their codes. The source only maps:
where a cell's value lands (its JSON Pointer) and where it came from (its
cell). What the file did to a value — a number where text was typed, a date,
a merged cell, a formula — is named here, and a value so lost is set aside;
every rule is then applied by the pipeline, to every value that is left,
whatever else was noted in its row (docs: problems.md#every-problem-at-once).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextvars import ContextVar
from pathlib import Path, PurePath
from typing import Any

import attrs

from segur_certificats._codec.files import MAX_SIZE, File
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.source import Entities
from segur_certificats._problems.pointer import is_index, pointer, split_pointer
from segur_certificats._problems.problem import Cell, Problem, Severity
from segur_certificats._problems.shown import cut, show_value
from segur_certificats._rows.source import RowsSource
from segur_certificats._rules.restore import lost_zero
from segur_certificats._vocabulary.keys import (
    CERTIFICAT_SERVEUR,
    DEMANDE_CERTIFICAT_SERVEUR,
    ENTITES_JURIDIQUES,
    FINESS_JURIDIQUE,
    TEL_ADMIN_TECHNIQUE,
)
from segur_certificats.model import RequestContext
from segur_certificats.sheets._cells import (
    Merged,
    RawRow,
    RawSheet,
    Stored,
    column_name,
    from_number,
    is_date,
    is_error_value,
    is_scientific,
    stored,
)
from segur_certificats.sheets._columns import ADMIN_KEYS, BY_KEY, COLUMNS, PATHS, Column
from segur_certificats.sheets._formats import read_sheet
from segur_certificats.sheets._report import SheetReport

__all__ = ["Sheet"]

_FINESS, _FLAG, _CERT = (
    FINESS_JURIDIQUE.json,
    DEMANDE_CERTIFICAT_SERVEUR.json,
    CERTIFICAT_SERVEUR.json,
)
_ENTITIES = ENTITES_JURIDIQUES.json
_TEL = TEL_ADMIN_TECHNIQUE.json


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_HEADERS = {_folded(column.header): column for column in COLUMNS}
BY_HEADER = {column.header: column for column in COLUMNS}
# The choices a label column allows, as its problems say them (one text for all).
_ALLOWED = {c.header: ", ".join(show_value(choice) for choice in c.choices) for c in COLUMNS}
# A number as Excel writes it in scientific notation, in a CSV (6,03E+08).
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_BOOLEANS = {"oui": True, "non": False, "true": True, "false": False, "vrai": True, "faux": False}
_STATUT_CODES = {"editeur": "E", "e": "E", "structure": "S", "s": "S"}


UNNAMED = "feuille"
"""The name of a sheet given as bytes without one: a CSV's cells are named after it
(``feuille!G4``)."""
_EMPTY = Stored(None)
_MISSING = object()
# The longest label whose reading a sheet remembers (every label is far shorter).
_MEMO_CHARS = 64
SHOWN_CELL = 1000
"""The most of a cell's text a report keeps to show (docs: sheets.md#jupyter)."""


def shown(cell: Stored | str) -> str:
    """A cell's value as the spreadsheet shows it (cut to `SHOWN_CELL` characters)."""
    if isinstance(cell, str):  # a text cell (`RawRow.cells`)
        return cut(cell, SHOWN_CELL)
    assert isinstance(cell, Stored)
    value = cell.value
    if cell.error is not None:
        return cut(cell.error, SHOWN_CELL)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, str):
        return cut(value, SHOWN_CELL)
    return cut(show_value(cell.value), SHOWN_CELL)


_NOTHING_LOST: frozenset[str] = frozenset()


class _Row:
    """One data row: its legal-entity object, and where each key's value came from."""

    __slots__ = ("certificat", "entity", "finess", "lost", "number")

    def __init__(self, number: int) -> None:
        self.number = number
        self.entity: dict[str, Any] = {}
        self.certificat: dict[str, Any] = {}
        self.lost: AbstractSet[str] = _NOTHING_LOST
        """JSON keys whose value the file lost (already reported)."""
        self.finess: str | None = None
        """The FINESS juridique the row stands for, even when its cell lost it (a number)."""

    def place(self, key: str, value: Any) -> None:
        (self.certificat if key in _ADMIN_KEYS else self.entity)[key] = value

    @property
    def bare(self) -> bool:
        """The row holds its FINESS juridique and nothing else but blank cells (docs:
        sheets.md#nothing-lost)."""
        if self.lost:
            return False
        values = [v for k, v in self.entity.items() if k != _FINESS]
        return all(_blank(v) for v in (*values, *self.certificat.values()))

    def value(self) -> dict[str, Any]:
        """The row as a legal-entity object, its FINESS juridique first: the row's own
        dicts, handed over once every cell is placed and the row mapped (no copy
        made for the usual row, whose FINESS juridique comes first already)."""
        entity = self.entity
        if next(iter(entity), None) != _FINESS:
            entity = {_FINESS: entity.get(_FINESS)} | entity
        if self.certificat or entity.get(_FLAG) is True:
            entity[_CERT] = self.certificat
        return entity


_ADMIN_KEYS = frozenset(ADMIN_KEYS)


def _holds(cell: Stored | str) -> bool:
    """Whether a cell holds something (text, a value, a formula or an error value)."""
    if isinstance(cell, str):
        return bool(cell.strip())
    return bool((cell.value is not None and str(cell.value).strip()) or cell.formula or cell.error)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- Reading a cell: its value, or what the file did to it ----------------------------------


def _damage(key: str, code: str, variant: str | None = None, **params: Any) -> Problem:
    """A problem of how the file stored a value, at the value's path in its row."""
    severity = Severity.WARNING if variant == "cached" else Severity.ERROR
    params = {"field": BY_KEY[key].header, **params}
    return Problem(PATHS.get(key, f"/{key}"), code, severity, params, variant)


def _digits(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e300:
        return str(int(value))
    return str(value)


def _number(key: str, column: Column, cell: Stored) -> Problem:
    value = cell.value
    if is_scientific(cell.number_format) or (isinstance(value, float) and "e" in repr(value)):
        return _damage(key, "sheet.scientific", value=show_value(value))
    digits = _digits(value)
    if column.kind != "digits":
        return _damage(key, "type", value=show_value(value), expected="texte", expected_en="text")
    fixed = lost_zero(key, digits)
    if fixed is not None:
        return _damage(key, "sheet.number", "zero-lost", value=digits, fixed=fixed)
    return _damage(key, "sheet.number", value=show_value(digits))


def _typed(key: str, column: Column, cell: Stored) -> Any:
    """The text a cell holds, or a `Problem` (Excel's damage named)."""
    value = cell.value
    if isinstance(value, bool):
        return _damage(key, "type", value=show_value(value), expected="texte", expected_en="text")
    if is_date(value):
        return _damage(key, "sheet.date", value=show_value(str(value)))
    if isinstance(value, (int, float)):
        return _number(key, column, cell)
    return _text_typed(key, column, str(value), cell.number)


def _text_typed(key: str, column: Column, text: str, number: bool) -> Any:
    """`_typed` of a cell of text (``number``: `Stored.number`)."""
    if (
        column.kind == "digits"
        and ("e" in text or "E" in text)  # what `_SCIENTIFIC` needs, looked for first
        and _SCIENTIFIC.fullmatch(text.strip())
    ):
        return _damage(key, "sheet.scientific", value=show_value(text))
    if column.kind == "digits" and number:
        # Digits a spreadsheet wrote from a number cell (a CSV): a lost zero is
        # suspected only when the value with it is valid.
        fixed = lost_zero(key, text)
        if fixed is not None:
            return _damage(key, "sheet.number", "zero-lost", value=text, fixed=fixed)
    return text


def _white(text: str) -> bool:
    return not text.strip()


def _error_value(text: str) -> str | None:
    """The error value a text is, white space around it taken away (or None)."""
    bare = text.strip()
    return bare if is_error_value(bare) else None


def _label(key: str, column: Column, cell: Stored) -> Any:
    """The code a label stands for, or a `Problem`."""
    value = cell.value
    if column.kind == "boolean" and isinstance(value, bool):
        return value
    text = _folded(str(value))
    if column.kind == "boolean" and text in _BOOLEANS:
        return _BOOLEANS[text]
    if column.kind == "statut" and text in _STATUT_CODES:
        return _STATUT_CODES[text]
    if column.kind == "utilite":
        code = text.upper().replace(" ", "")
        if code in {"DMP", "INS", "DMP,INS"}:
            return code
    return _damage(key, "enum", value=show_value(value), allowed=_ALLOWED[column.header])


# -- The source ---------------------------------------------------------------------------------


class Sheet(RowsSource[SheetReport]):
    """A filled sheet — a file, standard input or the file's bytes — and the request
    its rows go into (if any)."""

    def __init__(
        self,
        source: Path | str | bytes | bytearray | memoryview,
        into: str | bytes | None,
        embedded: bool,
        context: RequestContext | None,
        max_size: int = MAX_SIZE,
        *,
        name: str | None = None,
        modified_on: _dt.date | None = None,
    ) -> None:
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.source: File | bytes | bytearray | memoryview = source
            default = UNNAMED
        else:
            self.source = File(source if source == "-" else Path(source), max_size)
            default = "stdin" if source == "-" else Path(source).name
        self.name = default if name is None else name
        """The file's name: it says the format when the bytes do not (a CSV)."""
        self.max_size = max_size
        self.into = into
        self.embedded = embedded
        self.context = context
        self.modified_on = modified_on
        self.sheet = PurePath(self.name).stem
        self.header: tuple[str, ...] = ()
        self.unheaded: tuple[int, ...] = ()
        self.rows: list[_Row] = []
        self.shown: list[tuple[int, tuple[str, ...]]] = []
        self.pointers: list[str | None] = []
        self.columns_read: list[tuple[int, Column, str, str, bool]] = []
        """The columns read, in order: (index, column, JSON key, kind, whether the key
        is the administrator's); "Raison sociale" is not."""
        self.csv = False
        """The sheet is a CSV file (`RawSheet.csv`)."""
        self.letters: dict[str, str] = {}
        """JSON key -> the letter of its column."""
        self.labels: dict[tuple[str, str], Any] = {}
        """(column kind, text) -> the code a short label read as, in this sheet
        (a label is folded once, however many rows say it)."""
        self.long: dict[tuple[int, str], tuple[str, Any]] = {}
        """(the text's id, what is asked) -> (the text, the answer): what a text longer
        than a label is judged, once per text the file stores (a shared string, a
        repeated cell), however many rows show it; held with its text, so the id stays
        its own. Emptied once the rows are mapped (docs: sheets.md#limits)."""

    # -- values ---------------------------------------------------------------------------

    def map_rows(self, reading: Reading) -> Sequence[_Row] | None:
        raw = self._raw(reading)
        if raw is None:
            return None
        for note in raw.notes:
            reading.problems.append(note.at(Cell(self.sheet)))
        first = raw.rows[0] if raw.rows else None
        if (
            first is None
            or first.number != 1
            or not any(shown(c).strip() for c in first.cells.values())
        ):
            problem = Problem("", "sheet.header", variant="none")
            reading.problems.append(problem.at(Cell(f"{self.sheet}!1:1", 1)))
            return None
        width = max(first.cells, default=-1) + 1
        columns, missing = self._header(first, width, reading)
        self.header = tuple(shown(first.cells.get(i, _EMPTY)) for i in range(width))
        # Columns whose header was erased: a value under one would not be read.
        self.unheaded = tuple(i for i, text in enumerate(self.header) if not text.strip())
        if _FINESS not in {c.key for c in columns.values()}:
            return None
        self.letters = {column.key: column_name(i) for i, column in columns.items() if column.key}
        self.columns_read = [
            (i, column, column.key, column.kind, column.key in _ADMIN_KEYS)
            for i, column in columns.items()
            if column.key
        ]
        merged = _MergedIndex(raw.merged, columns)
        cuts = _CUTS.set({})
        try:
            for raw_row in raw.rows[1:]:
                self._row(reading, raw_row, columns, width, merged)
        finally:
            _CUTS.reset(cuts)
            self.long = {}
        if not self.rows:
            problem = Problem("", "sheet.empty", params={"sheet": show_value(self.sheet)})
            reading.problems.append(problem.at(Cell(f"{self.sheet}!2:2", 2)))
        for index in range(len(self.rows)):
            for key in missing:  # reported once, at the header: its values are unknown
                reading.aside.add(pointer(index) + PATHS.get(key, f"/{key}"))
        return self.rows

    def row_values(self) -> list[tuple[str, Any]]:
        return [(f"/{index}", row.value()) for index, row in enumerate(self.rows)]

    def lose(self, reading: Reading, position: int, key: str, problem: Problem) -> None:
        column = BY_KEY[key]
        named = problem.moved(problem.path, None, params={"field": column.header, **problem.params})
        self._lost(reading, position, self.rows[position], key, named)

    def forget(self) -> None:
        self.rows, self.shown = [], []

    def _row(  # noqa: PLR0912 - one loop over a row's cells, the usual cell read inline
        self,
        reading: Reading,
        raw: RawRow,
        columns: Mapping[int, Column],
        width: int,
        merged: _MergedIndex,
    ) -> None:
        """Map one data row of the file, or skip it when it holds nothing."""
        cells = raw.cells
        number = raw.number
        # The merged ranges hiding a cell read (none looked up when the sheet has none).
        hidden = {i: merged.at(number - 1, i) for i in columns} if merged.by_column else {}
        line, holds = _line(cells, width)
        if not holds and not any(hidden.values()) and raw.beyond is None and not raw.notes:
            return
        row = _Row(number)
        index = len(self.rows)
        self.rows.append(row)
        self.shown.append((number, line))
        entity, certificat, labels = row.entity, row.certificat, self.labels
        for column_index, column, key, kind, admin in self.columns_read:
            if hidden:
                cover = hidden.get(column_index)
                if cover is not None:
                    found = _damage(key, "sheet.merged", range=cover)
                    self._lost(reading, index, row, key, found)
                    continue
            cell = cells.get(column_index)
            if cell is None:
                continue  # an empty cell: nothing to place
            if isinstance(cell, Stored):
                if cell.value is not None or cell.formula is not None or cell.error is not None:
                    self._cell(reading, index, row, column, cell)
                continue  # else empty, given a format (`_cell` places nothing)
            # The usual cell: plain text as typed (`RawRow.cells`), read as `_cell`
            # reads it without its questions (a differential test holds the two alike).
            placed = certificat if admin else entity
            if kind == "text":
                placed[key] = cell
                continue
            if kind == "digits":
                if key == _FINESS:
                    row.finess = cell
                value = self._digits(key, column, cell)
            else:  # a label: folded once a sheet
                value = labels.get((kind, cell), _MISSING)
                if value is _MISSING:
                    value = self._label(key, column, stored(cell, self.csv))
                    if not isinstance(value, Problem) and len(cell) <= _MEMO_CHARS:
                        labels[kind, cell] = value
            if isinstance(value, Problem):
                self._lost(reading, index, row, key, value)
            else:
                placed[key] = value
        if raw.notes or raw.beyond is not None or (raw.width is not None and raw.width < width):
            self._row_notes(reading, index, raw, columns, width)
        for column_index in self.unheaded:  # none, in a sheet whose header is whole
            if line[column_index].strip():
                self._unheaded(reading, index, number, column_index)
        if raw.beyond is None and cells and max(cells) >= width:  # past the header read
            outside = sorted(i for i, cell in cells.items() if i >= width and _holds(cell))
            if outside:
                self._unheaded(reading, index, number, outside[0])

    def _row_notes(
        self, reading: Reading, index: int, raw: RawRow, columns: Mapping[int, Column], width: int
    ) -> None:
        """What the file did to a row: its notes, a value beyond the header, too few values."""
        number = raw.number
        where = f"{self.sheet}!{number}:{number}"
        for column_index, note in raw.notes:
            noted = columns.get(column_index)
            cell_name = f"{self.sheet}!{column_name(column_index)}{number}"
            located = note.at(Cell(cell_name, number, noted.header if noted else ""))
            reading.problems.append(located.under(pointer(index)))
        if raw.beyond is not None:
            self._unheaded(reading, index, number, raw.beyond)
        elif raw.width is not None and raw.width < width:
            params = {"count": str(raw.width), "header": str(width)}
            problem = Problem("", "sheet.row", params=params, variant="narrower")
            reading.problems.append(problem.at(Cell(where, number)).under(pointer(index)))

    def _unheaded(self, reading: Reading, index: int, number: int, column_index: int) -> None:
        """A value in a column with no header — beyond the header, or under an erased
        one: it would not be read (docs: sheets.md#nothing-lost)."""
        params = {"column": column_name(column_index)}
        problem = Problem("", "sheet.row", params=params, variant="beyond")
        cell_name = f"{self.sheet}!{column_name(column_index)}{number}"
        reading.problems.append(problem.at(Cell(cell_name, number)).under(pointer(index)))

    def _raw(self, reading: Reading) -> RawSheet | None:
        """The file's rows, or ``None`` with its problem noted."""
        data = self._data()
        if isinstance(data, Problem):
            found: RawSheet | Problem = data
        else:
            found = read_sheet(self.name, data, self.max_size)
        if isinstance(found, Problem):
            reading.problems.append(found.at(Cell(self.name)))
            return None
        self.sheet, self.csv = found.name, found.csv
        return found

    def _data(self) -> bytes | Problem:
        """The file's bytes, at most ``max_size`` whether they are read from a file or
        given (the same problem when there are more: docs: cli.md#limits)."""
        source = self.source
        if isinstance(source, File):
            return source.read()
        size = source.nbytes if isinstance(source, memoryview) else len(source)
        if size > self.max_size:
            limit = {"limit": self.max_size}
            return Problem("", "file.unreadable", params=limit, variant="too-large")
        return source if isinstance(source, bytes) else bytes(source)

    def _header(
        self, first: RawRow, width: int, reading: Reading
    ) -> tuple[dict[int, Column], list[str]]:
        """The columns by index, and the keys of the columns missing."""
        found: dict[int, Column] = {}
        seen: set[str] = set()
        suggested: set[str] = set()
        for index in range(width):
            text = shown(first.cells.get(index, _EMPTY)).strip()
            if not text:
                continue
            where = Cell(f"{self.sheet}!{column_name(index)}1", 1, text)
            column = _HEADERS.get(_folded(text))
            params = {"header": show_value(text)}
            if column is None:
                close = _suggestion(text)
                if close is not None:
                    params["suggestion"] = show_value(close.header)
                    suggested.add(close.header)
                variant = "renamed" if close else "unknown"
                reading.problems.append(
                    Problem("", "sheet.header", params=params, variant=variant).at(where)
                )
            elif column.header in seen:
                reading.problems.append(
                    Problem("", "sheet.header", params=params, variant="duplicate").at(where)
                )
            else:
                seen.add(column.header)
                found[index] = column
        absent = [c for c in COLUMNS if c.key is not None and c.header not in seen]
        missing = [c.header for c in absent if c.header not in suggested]
        if missing:
            headers = ", ".join(show_value(h) for h in missing)
            problem = Problem("", "sheet.header", params={"headers": headers}, variant="missing")
            reading.problems.append(problem.at(Cell(f"{self.sheet}!1:1", 1)))
        return found, [c.key for c in absent if c.key]

    def _cell(
        self, reading: Reading, index: int, row: _Row, column: Column, cell: Stored | str
    ) -> None:
        """Place a cell's value in its row, or note what the file did to it."""
        key = column.key
        if key is None:
            return
        cell = stored(cell, self.csv)
        if (
            key == _FINESS
            and isinstance(cell.value, (int, float))
            and not isinstance(cell.value, bool)
        ):
            digits = _digits(cell.value)
            row.finess = lost_zero(key, digits) or digits
        elif key == _FINESS and isinstance(cell.value, str):
            row.finess = cell.value
        error = cell.error
        text = cell.value if isinstance(cell.value, str) else None
        if error is None and text is not None:
            error = self._judged(text, "error", _error_value)
        if error is not None:
            params = {"value": show_value(error), "formula": show_value(cell.formula or "")}
            variant = "formula" if cell.formula else None
            self._lost(reading, index, row, key, _damage(key, "sheet.error", variant, **params))
            return
        if cell.formula is not None and cell.value is None:
            formula = show_value(cell.formula)
            self._lost(reading, index, row, key, _damage(key, "sheet.formula", formula=formula))
            return
        if cell.value is None or cell.value == "":
            return
        if text is not None and self._judged(text, "blank", _white):
            return  # white space only: a cell that looks empty is empty (docs: sheets.md#reading)
        if cell.formula is not None:
            # Its last computed value is read, and judged like any other value.
            noted = _damage(key, "sheet.formula", "cached", formula=show_value(cell.formula))
            reading.problems.append(self._at(index, row, key, noted))
        value = self._value(key, column, cell)
        if isinstance(value, Problem):
            self._lost(reading, index, row, key, value)
        else:
            row.place(key, value)

    def _judged(self, text: str, asked: str, judge: Callable[[str], Any]) -> Any:
        """``judge(text)``: computed once per text object longer than a label (`long`),
        whatever its length, however many rows show it."""
        if len(text) <= _MEMO_CHARS:
            return judge(text)
        found = self.long.get((id(text), asked))
        if found is None or found[0] is not text:
            found = self.long[id(text), asked] = (text, judge(text))
        return found[1]

    def _value(self, key: str, column: Column, cell: Stored) -> Any:
        """A cell's value read for its column (`_typed` or `_label`), or a `Problem`; a
        long text judged once per text the file stores (docs: sheets.md#limits)."""
        if column.kind not in {"text", "digits"}:
            return self._label(key, column, cell)
        text = cell.value
        if type(text) is str and len(text) > _MEMO_CHARS:
            return self._judged(text, f"{key}:{cell.number}", lambda _: _typed(key, column, cell))
        return _typed(key, column, cell)

    def _digits(self, key: str, column: Column, text: str) -> Any:
        """`_text_typed` of a usual cell of a digits column, a long text judged once per
        text the file stores (docs: sheets.md#limits)."""
        number = self.csv and from_number(text)
        if len(text) <= _MEMO_CHARS:
            return _text_typed(key, column, text, number)
        return self._judged(
            text, f"{key}:{number}", lambda _: _text_typed(key, column, text, number)
        )

    def _label(self, key: str, column: Column, cell: Stored) -> Any:
        """`_label`'s reading of a cell, a long text's verdict folded once per text
        the file stores (docs: sheets.md#limits): one 2 MB shared string in a label
        column is folded once, not once a row."""
        value = cell.value
        if type(value) is not str or len(value) <= _MEMO_CHARS:
            return _label(key, column, cell)
        return self._judged(value, key, lambda _: _label(key, column, cell))

    def _lost(self, reading: Reading, index: int, row: _Row, key: str, problem: Problem) -> None:
        """Note a value the file lost: reported, and set aside."""
        moved = self._at(index, row, key, problem)
        reading.problems.append(moved)
        reading.aside.add(moved.path)
        row.lost = {*row.lost, key}

    def _at(self, index: int, row: _Row, key: str, problem: Problem) -> Problem:
        """A problem of a row's value, at its path and its cell already (`locate`
        then keeps it as it is: one object a problem, however many rows)."""
        column = BY_KEY.get(key)
        cell = Cell(self._cell_name(key, row.number), row.number, column.header if column else "")
        return problem.moved(pointer(index) + problem.path, cell)

    # -- locations ----------------------------------------------------------------------

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Each problem of a row at its cell, its path moved to the request's entity
        (none when the row's entity is not in the request), its field named by the
        column's header; replaced in ``problems`` itself."""
        flag = {"flag": BY_KEY[_FLAG].header}
        for position, problem in enumerate(problems):
            parts = split_pointer(problem.path)
            if problem.code == "sheet.missing-row":  # at the request's pointer, of the sheet
                problems[position] = problem.at(Cell(self.sheet))
                continue
            if not parts or not is_index(parts[0]) or int(parts[0]) >= len(self.rows):
                continue
            index = int(parts[0])
            row, rest = self.rows[index], pointer(*parts[1:])
            prefix = self.pointers[index] if index < len(self.pointers) else pointer(index)
            path = "" if prefix is None else prefix + rest
            params: dict[str, str] | None = None
            named = BY_KEY.get(problem.params.get("field", ""))
            if named is not None:
                params = {**problem.params, "field": named.header}
            variant = _SHEET_VARIANTS.get((problem.code, problem.variant))
            if variant is not None and variant != problem.variant:
                params = {**(params or problem.params), **flag}
            if path == problem.path and problem.location is not None and params is None:
                continue  # placed by the source already
            location = problem.location
            if location is None:
                key = self._key_of(row, parts[1:])
                column = BY_KEY.get(key)
                header = column.header if column else ""
                location = Cell(self._cell_name(key, row.number), row.number, header)
            problems[position] = problem.moved(path, location, params=params, variant=variant)
        return problems

    def _cell_name(self, key: str, number: int) -> str:
        """The cell of ``key`` in row ``number`` (the whole row when no column has it)."""
        letter = self.letters.get(key)
        return f"{self.sheet}!{letter}{number}" if letter else f"{self.sheet}!{number}:{number}"

    @staticmethod
    def _key_of(row: _Row, parts: Sequence[str]) -> str:
        """The column a problem below an entity belongs in."""
        if parts and parts[-1] in BY_KEY:
            return parts[-1]
        if parts and parts[0] == _CERT:
            # The whole block (e.g. given while no certificate is ordered): its first cell filled.
            filled = [key for key in ADMIN_KEYS if key in row.certificat]
            return filled[0] if filled else _FLAG
        return _FINESS

    # -- the report ---------------------------------------------------------------------

    def report(
        self, problems: tuple[Problem, ...], entities: Entities, reading: Reading
    ) -> SheetReport:
        entites = tuple(entite for _, entite in entities)
        result = SheetReport(
            problems, sheet=self.sheet, header=self.header, rows=tuple(self.shown), entites=entites
        )
        if self.target is not None and self.target.text is not None and result.ok:
            blocks = self.blocks(entites)
            written = self.target.written(blocks)
            # What is written is the whole request: it is judged whole, as a confirmed
            # edit is, the rows' own problems being said already (docs: sheets.md#into).
            others = self.target.invalid(written, blocks.keys())
            if others:
                return attrs.evolve(result, problems=(*problems, *others))
            result = attrs.evolve(result, written=written)
        return result

    def failed(self, problem: Problem) -> SheetReport:
        return SheetReport((problem.at(Cell(self.name)),), sheet=self.sheet)


def _line(cells: Mapping[int, Stored | str], width: int) -> tuple[tuple[str, ...], bool]:
    """A row's cells as shown, up to ``width``, each computed once; and whether any
    cell of the row holds something (text, a formula or an error value). A long
    text is cut once per text the file stores, however many cells show it, while
    `Sheet.map_rows` reads (`_CUTS`; docs: sheets.md#limits)."""
    cuts = _CUTS.get()
    line = [""] * width
    holds = False
    for index, cell in cells.items():
        if isinstance(cell, str):  # a text cell: it holds more than white space
            holds = True
            if index < width:
                line[index] = cell if len(cell) <= SHOWN_CELL else _cut(cell, cuts)
            continue
        assert isinstance(cell, Stored)
        value = cell.value
        if type(value) is str and cell.error is None:  # `shown`'s usual cell, inline
            text = value if len(value) <= SHOWN_CELL else _cut(value, cuts)
        else:
            text = shown(cell)
        if not holds:
            holds = bool(text.strip() or cell.formula or cell.error)
        if index < width:
            line[index] = text
    return tuple(line), holds


_CUTS: ContextVar[dict[int, tuple[str, str]] | None] = ContextVar("cuts", default=None)
"""While a sheet's rows are mapped: a long text's id -> (the text, its cut as
shown), held with the text so the id stays its own (one per reading thread)."""


def _cut(text: str, cuts: dict[int, tuple[str, str]] | None) -> str:
    """``text`` cut to `SHOWN_CELL` characters, once per text object in ``cuts``."""
    if cuts is None:
        return cut(text, SHOWN_CELL)
    found = cuts.get(id(text))
    if found is None or found[0] is not text:
        found = cuts[id(text)] = (text, cut(text, SHOWN_CELL))
    return found[1]


class _MergedIndex:
    """Which merged range hides a cell of the columns read (never expanded cell by
    cell: a range ``A2:XFD1048576`` costs what one range costs)."""

    def __init__(self, ranges: Sequence[Merged], columns: Mapping[int, Column]) -> None:
        self.by_column: dict[int, list[Merged]] = {}
        for merged in ranges:
            for index in columns:
                if merged.first_column <= index <= merged.last_column:
                    self.by_column.setdefault(index, []).append(merged)
        for found in self.by_column.values():
            found.sort(key=lambda m: m.first_row)
        self.starts = {i: [m.first_row for m in found] for i, found in self.by_column.items()}

    def at(self, row: int, column: int) -> str | None:
        """The range hiding the cell at 0-based (``row``, ``column``), if any."""
        found = self.by_column.get(column)
        if not found:
            return None
        end = bisect.bisect_right(self.starts[column], row)
        for merged in reversed(found[max(0, end - _OVERLAPS) : end]):
            if merged.last_row >= row and (merged.first_row, merged.first_column) != (row, column):
                return merged.name
        return None


# The rules' wordings that name a JSON key, and their wording on a sheet.
_SHEET_VARIANTS = {
    ("required", "order"): "sheet-order",
    ("required", "block"): "sheet-block",
    ("must-be-null", None): "sheet",
}
# Ranges of one column that may overlap (a valid file has none) looked at, at most.
_OVERLAPS = 64


def _suggestion(text: str) -> Column | None:
    """The header meant by a renamed one: a close spelling, or an abbreviation
    (``Tél.`` for ``Téléphone``)."""
    folded = _folded(text)
    close = difflib.get_close_matches(folded, list(_HEADERS), n=1, cutoff=0.6)
    if close:
        return _HEADERS[close[0]]
    bare = re.sub(r"[^0-9a-z ]", "", folded).strip()
    if len(bare) < 3:
        return None
    found = {
        column.header
        for known, column in _HEADERS.items()
        if column.key is not None
        and any(word.startswith(bare) for word in re.sub(r"[^0-9a-z ]", " ", known).split())
    }
    return BY_HEADER[found.pop()] if len(found) == 1 else None
