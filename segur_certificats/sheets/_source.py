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

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from segur_certificats import finess, telephone
from segur_certificats.codec.files import read_file
from segur_certificats.codec.reader import Reading
from segur_certificats.embedded.check import validate_embedded
from segur_certificats.embedded.replace import replace_blocks
from segur_certificats.format.context import RequestContext
from segur_certificats.format.keys import CERTIFICAT, ENTITE, ENVELOPPE
from segur_certificats.pipeline.judge import Entities, Source
from segur_certificats.pipeline.validate import loads
from segur_certificats.problems.errors import InvalidDocument
from segur_certificats.problems.pointer import pointer, split_pointer
from segur_certificats.problems.problem import Cell, Problem, Severity
from segur_certificats.problems.shown import show_value
from segur_certificats.sheets import _xlsx
from segur_certificats.sheets._columns import ADMIN_KEYS, BY_KEY, COLUMNS, PATHS, Column
from segur_certificats.sheets._report import SheetReport
from segur_certificats.sheets._storage import (
    RawSheet,
    Stored,
    column_name,
    is_date,
    is_scientific,
    is_workbook,
    read_csv,
)

__all__ = ["Sheet"]

_FINESS, _FLAG, _CERT = (
    ENTITE["finess_juridique"],
    ENTITE["demande_certificat_serveur"],
    ENTITE["certificat"],
)
_ENTITIES = ENVELOPPE["entites_juridiques"]
_TEL = CERTIFICAT["telephone"]


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_HEADERS = {_folded(column.header): column for column in COLUMNS}
# A number as Excel writes it in scientific notation, in a CSV (6,03E+08).
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_BOOLEANS = {"oui": True, "non": False, "true": True, "false": False, "vrai": True, "faux": False}
_STATUT_CODES = {"editeur": "E", "e": "E", "structure": "S", "s": "S"}


def shown(cell: Stored) -> str:
    """A cell's value as the spreadsheet shows it."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, bool):
        return "VRAI" if cell.value else "FAUX"
    return str(cell.value)


@attrs.define
class _Row:
    """One data row: its legal-entity object, and where each key's value came from."""

    number: int
    entity: dict[str, Any] = attrs.field(factory=dict)
    certificat: dict[str, Any] = attrs.field(factory=dict)
    #: JSON key -> the cell's name.
    cells: dict[str, str] = attrs.field(factory=dict)
    #: JSON keys whose value the file lost (already reported).
    lost: set[str] = attrs.field(factory=set)

    def place(self, key: str, value: Any) -> None:
        (self.certificat if key in ADMIN_KEYS else self.entity)[key] = value

    def value(self) -> dict[str, Any]:
        """The row as a legal-entity object."""
        entity = {_FINESS: self.entity.get(_FINESS)} | self.entity
        if self.certificat or entity.get(_FLAG) is True:
            entity[_CERT] = dict(self.certificat)
        return entity


# -- Reading a cell: its value, or what the file did to it ----------------------------------


def _damage(key: str, code: str, variant: str | None = None, **params: Any) -> Problem:
    """A problem of how the file stored a value, at the value's path in its row."""
    severity = Severity.WARNING if variant == "cached" else Severity.ERROR
    params = {"field": BY_KEY[key].header, **params}
    return Problem(PATHS.get(key, f"/{key}"), code, severity, params, variant)


def _zero_lost(key: str, digits: str) -> str | None:
    """The value with its leading zero back, when that is what the column expects."""
    candidate = "0" + digits
    if key == _FINESS and len(digits) == 8 and finess.is_valid(candidate):
        return candidate
    if key == _TEL and telephone.is_valid(candidate):
        return candidate
    return None


def _number(key: str, column: Column, cell: Stored) -> Problem:
    value = cell.value
    if is_scientific(cell.number_format) or (isinstance(value, float) and "e" in repr(value)):
        return _damage(key, "sheet.scientific", value=show_value(value))
    digits = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if column.kind != "digits":
        return _damage(key, "type", value=show_value(value), expected="texte", expected_en="text")
    fixed = _zero_lost(key, digits)
    if fixed is not None:
        return _damage(key, "sheet.number", "zero-lost", value=digits, fixed=fixed)
    return _damage(key, "sheet.number", value=digits)


def _typed(key: str, column: Column, cell: Stored) -> Any:
    """The text a cell holds, or a `Problem` (Excel's damage named)."""
    value = cell.value
    if isinstance(value, bool):
        return _damage(key, "type", value=show_value(value), expected="texte", expected_en="text")
    if is_date(value):
        return _damage(key, "sheet.date", value=show_value(str(value)))
    if isinstance(value, (int, float)):
        return _number(key, column, cell)
    text = str(value)
    if column.kind == "digits" and _SCIENTIFIC.fullmatch(text.strip()):
        return _damage(key, "sheet.scientific", value=show_value(text))
    if column.kind == "digits" and text.isdigit() and text.isascii():
        fixed = _zero_lost(key, text)
        if fixed is not None:
            return _damage(key, "sheet.number", "zero-lost", value=text, fixed=fixed)
    return text


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
    allowed = ", ".join(show_value(choice) for choice in column.choices)
    return _damage(key, "enum", value=show_value(value), allowed=allowed)


# -- The request the rows go into -------------------------------------------------------------


@attrs.frozen
class _Target:
    """The request the rows are written into: its text, the pointer of each of its
    legal entities by FINESS juridique, and what the request-level rules know."""

    text: str | bytes | None = None
    pointers: Mapping[str, str] = attrs.field(factory=dict)
    context: RequestContext | None = None

    def pointer_of(self, index: int, number: object) -> str | None:
        """Where row ``index`` goes: its entity's pointer, or ``None`` when the
        request has no such FINESS juridique."""
        if self.text is None:
            return pointer(index)
        compact = finess.compact(number) if isinstance(number, str) else None
        return self.pointers.get(compact) if compact else None


def _target(
    into: str | bytes | None, embedded: bool, context: RequestContext | None
) -> _Target | tuple[Problem, ...]:
    """The target of the rows, or the problems that keep the request from being read."""
    if into is None:
        return _Target(context=context)
    pointers: dict[str, str] = {}
    if not embedded:
        try:  # an envelope read once: its entities and what the request is
            demande = loads(into)
        except InvalidDocument:
            context = None
        else:
            for index, entite in enumerate(demande.entites_juridiques):
                if entite.finess_juridique:
                    pointers.setdefault(entite.finess_juridique, pointer(_ENTITIES, index))
            return _Target(into, pointers, demande.context)
    found = validate_embedded(into)
    if not found.blocs and found.errors:
        return found.errors
    for bloc in found.blocs:
        if bloc.entite is not None and bloc.entite.finess_juridique:
            pointers.setdefault(bloc.entite.finess_juridique, bloc.path)
    return _Target(into, pointers, context)


# -- The source ---------------------------------------------------------------------------------


class Sheet(Source[SheetReport]):
    """A filled sheet, and the request its rows go into (if any)."""

    def __init__(
        self,
        path: Path,
        into: str | bytes | None,
        embedded: bool,
        context: RequestContext | None,
    ) -> None:
        self.path = path
        self.into = into
        self.embedded = embedded
        self.context = context
        self.sheet = path.stem
        self.header: tuple[str, ...] = ()
        self.rows: list[_Row] = []
        self.shown: list[tuple[int, tuple[str, ...]]] = []
        self.pointers: list[str | None] = []
        self.target: _Target | None = None

    # -- values ---------------------------------------------------------------------------

    def values(self, reading: Reading) -> Sequence[tuple[str, Any]]:
        raw = self._raw(reading)
        if raw is None:
            return []
        all_rows = raw.rows
        if not all_rows or not any(shown(c).strip() for c in all_rows[0]):
            problem = Problem("", "sheet.header", variant="none")
            reading.problems.append(problem.at(Cell(f"{self.sheet}!1:1", 1)))
            return []
        columns = self._header(all_rows[0], reading)
        self.header = tuple(shown(c) for c in all_rows[0])
        if _FINESS not in {c.key for c in columns.values()}:
            return []
        for number, cells in enumerate(all_rows[1:], start=2):
            if not any(shown(c).strip() or c.merged or c.formula for c in cells):
                continue
            row = _Row(number)
            index = len(self.rows)
            for column_index, column in columns.items():
                cell = cells[column_index] if column_index < len(cells) else Stored(None)
                row.cells[column.key or ""] = f"{self.sheet}!{column_name(column_index)}{number}"
                self._cell(reading, index, row, column, cell)
            self.rows.append(row)
            self.shown.append((number, tuple(shown(c) for c in cells)))
        target = _target(self.into, self.embedded, self.context)
        if isinstance(target, tuple):  # the request itself cannot be read
            reading.problems.extend(target)
            self.rows, self.shown = [], []
            return []
        self.target, self.context = target, target.context
        for position, row in enumerate(self.rows):
            given = row.entity.get(_FINESS)
            where = target.pointer_of(position, given)
            if where is None and given is not None and _FINESS not in row.lost:
                found = _damage(_FINESS, "sheet.unknown-finess", value=show_value(given))
                self._lost(reading, position, row, _FINESS, found)
            self.pointers.append(where)
        return [(pointer(index), row.value()) for index, row in enumerate(self.rows)]

    def _raw(self, reading: Reading) -> RawSheet | None:
        """The file's rows, or ``None`` with its problem noted."""
        data = read_file(str(self.path))
        if isinstance(data, Problem):
            found: RawSheet | Problem = data
        elif is_workbook(self.path):
            found = _xlsx.read(data)
        else:
            found = read_csv(self.path.name, data)
        if isinstance(found, Problem):
            reading.problems.append(found.at(Cell(self.path.name)))
            return None
        self.sheet = found.name if is_workbook(self.path) else self.path.stem
        return found

    def _header(self, cells: Sequence[Stored], reading: Reading) -> dict[int, Column]:
        found: dict[int, Column] = {}
        seen: set[str] = set()
        for index, cell in enumerate(cells):
            text = shown(cell).strip()
            if not text:
                continue
            where = Cell(f"{self.sheet}!{column_name(index)}1", 1, text)
            column = _HEADERS.get(_folded(text))
            params = {"header": show_value(text)}
            if column is None:
                close = difflib.get_close_matches(_folded(text), list(_HEADERS), n=1, cutoff=0.6)
                if close:
                    params["suggestion"] = show_value(_HEADERS[close[0]].header)
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
        missing = [c.header for c in COLUMNS if c.key is not None and c.header not in seen]
        if missing:
            headers = ", ".join(show_value(h) for h in missing)
            problem = Problem("", "sheet.header", params={"headers": headers}, variant="missing")
            reading.problems.append(problem.at(Cell(f"{self.sheet}!1:1", 1)))
        return found

    def _cell(self, reading: Reading, index: int, row: _Row, column: Column, cell: Stored) -> None:
        """Place a cell's value in its row, or note what the file did to it."""
        key = column.key
        if key is None:
            return
        if cell.merged is not None:
            self._lost(reading, index, row, key, _damage(key, "sheet.merged", range=cell.merged))
            return
        if cell.formula is not None and cell.value is None:
            formula = show_value(cell.formula)
            self._lost(reading, index, row, key, _damage(key, "sheet.formula", formula=formula))
            return
        if cell.value is None or cell.value == "":
            return
        if isinstance(cell.value, str) and not cell.value.strip():
            row.place(key, cell.value)  # white space only: the reader reads it (blank is null)
            return
        if cell.formula is not None:
            # Its last computed value is read, and judged like any other value.
            noted = _damage(key, "sheet.formula", "cached", formula=show_value(cell.formula))
            reading.problems.append(noted.under(pointer(index)))
        reader = _typed if column.kind in {"text", "digits"} else _label
        value = reader(key, column, cell)
        if isinstance(value, Problem):
            self._lost(reading, index, row, key, value)
        else:
            row.place(key, value)

    @staticmethod
    def _lost(reading: Reading, index: int, row: _Row, key: str, problem: Problem) -> None:
        """Note a value the file lost: reported, and set aside."""
        moved = problem.under(pointer(index))
        reading.problems.append(moved)
        reading.aside.add(moved.path)
        row.lost.add(key)

    # -- locations ----------------------------------------------------------------------

    def locate(self, problems: Sequence[Problem]) -> list[Problem]:
        """Each problem of a row at its cell, its path moved to the request's entity
        (none when the row's entity is not in the request)."""
        located = []
        for problem in problems:
            parts = split_pointer(problem.path)
            if not parts or not parts[0].isdigit() or int(parts[0]) >= len(self.rows):
                located.append(problem)
                continue
            index = int(parts[0])
            row, rest = self.rows[index], pointer(*parts[1:])
            key = self._key_of(row, parts[1:])
            column = BY_KEY.get(key)
            cell = Cell(
                row.cells.get(key, f"{self.sheet}!{row.number}:{row.number}"),
                row.number,
                column.header if column else "",
            )
            prefix = self.pointers[index] if index < len(self.pointers) else pointer(index)
            path = "" if prefix is None else prefix + rest
            located.append(attrs.evolve(problem, path=path, location=problem.location or cell))
        return located

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
            blocks = {
                where: entite
                for where, entite in zip(self.pointers, entites, strict=True)
                if where is not None and entite is not None
            }
            result = attrs.evolve(result, written=replace_blocks(self.target.text, blocks))
        return result

    def failed(self, problem: Problem) -> SheetReport:
        return SheetReport((problem.at(Cell(self.path.name)),), sheet=self.path.stem)
