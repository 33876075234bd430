"""Collecting the administrators from customers with a spreadsheet (docs: sheets.md).

`write_template()` writes a sheet with one row per legal entity — XLSX with
drop-down lists, length limits, text columns and a note per column, or CSV as
French Excel writes it — prefilled from a request when one is given.
`read()` reads a filled sheet back: the portal's labels (Oui/Non,
Editeur/Structure, "DMP, INS") as well as the JSON codes, every field and
scenario rule applied, and each problem located by cell (``Administrateurs!G4``)
beside the JSON Pointer the value will have. With ``into=``, the request's
blocks are replaced from the sheet, every other byte kept, and only when no
error remains.

```pycon
>>> import tempfile, pathlib
>>> import segur_certificats as sc
>>> demande = sc.loads(open("examples/ms1-plusieurs-entites.json", encoding="utf-8").read())
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_template(folder / "clients.csv", demande)
>>> report = read(folder / "clients.csv")
>>> report.ok, report.entites == demande.entites_juridiques
(True, True)
>>> (folder / "clients.csv").write_text((folder / "clients.csv").read_text(encoding="utf-8-sig")
...     .replace("04 72 11 22 33", "04 72 11 22").replace(";Structure;Oui;;LE", ";Struct;Oui;;LE"),
...     encoding="utf-8") and None
>>> for problem in read(folder / "clients.csv").problems:
...     print(problem.line())  # doctest: +NORMALIZE_WHITESPACE
clients!I3 (/1/certificatServeur/telAdminTechnique): [tel.invalid] "04 72 11 22" n'est pas
un numéro de téléphone valide (ex. 0603334174, 0262 30 40 50 ou +32 2 555 12 12).
clients!E4 (/2/StatutAdminTechnique): [enum] Statut administrateur : "Struct" n'est pas un
code accepté ; codes acceptés : "Editeur", "Structure".

```
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from segur_certificats import _sheetio, finess, rules, telephone
from segur_certificats._arguments import wrong_type
from segur_certificats._reading import read_file
from segur_certificats.display import LABELS, row_cells
from segur_certificats.embedded import replace_blocks, validate_embedded
from segur_certificats.errors import InvalidDocument
from segur_certificats.messages import DESCRIPTIONS
from segur_certificats.model import Demande, EntiteJuridique, StatutAdminTechnique, oui_non
from segur_certificats.names import ADMIN_PATHS, CERTIFICAT
from segur_certificats.problems import (
    BySeverity,
    Problem,
    Severity,
    pointer,
    show_value,
    split_pointer,
    visible,
)
from segur_certificats.report import internal_error
from segur_certificats.serialize import converter, loads

__all__ = [
    "COLUMNS",
    "CellProblem",
    "Column",
    "SheetReport",
    "note",
    "read",
    "template_rows",
    "write_template",
]


@attrs.frozen
class Column:
    """A column of the sheet."""

    #: The header, as the portal's screen labels the value.
    header: str
    #: The JSON key the column fills; ``None`` for "Raison sociale", which the SDK ignores.
    key: str | None
    #: How a cell is read: ``"text"``, ``"digits"`` (text made of digits: Excel
    #: must not turn it into a number), ``"boolean"`` (Oui/Non), ``"statut"``
    #: (Editeur/Structure), ``"utilite"`` (DMP/INS/"DMP, INS"), ``"ignored"``.
    kind: str
    #: The labels a drop-down list offers.
    choices: tuple[str, ...] = ()
    #: The longest value the portal accepts.
    max_length: int | None = None


_OUI_NON = ("Oui", "Non")
_STATUTS = tuple(s.label for s in StatutAdminTechnique)
_UTILITES = ("DMP", "INS", "DMP, INS")

#: The columns, in order: the consultation screen's, plus whether the entity
#: orders a certificate and an optional "Raison sociale".
COLUMNS: tuple[Column, ...] = (
    Column(LABELS["finessJuridique"], "finessJuridique", "digits", max_length=9),
    Column("Raison sociale", None, "ignored"),
    Column(LABELS["demandeCertificatServeur"], "demandeCertificatServeur", "boolean", _OUI_NON),
    Column(LABELS["contracutualisationOG"], "contracutualisationOG", "boolean", _OUI_NON),
    Column(LABELS["StatutAdminTechnique"], "StatutAdminTechnique", "statut", _STATUTS),
    Column(LABELS["contractualisationEditeur"], "contractualisationEditeur", "boolean", _OUI_NON),
    Column(LABELS["numeroCarteCPX"], "numeroCarteCPX", "digits", max_length=10),
    Column(LABELS["nomAdminTechnique"], "nomAdminTechnique", "text", max_length=25),
    Column(LABELS["telAdminTechnique"], "telAdminTechnique", "digits", max_length=50),
    Column(LABELS["emailAdminTechnique"], "emailAdminTechnique", "text", max_length=150),
    Column(LABELS["utiliteCertificat"], "utiliteCertificat", "utilite", _UTILITES),
)
_BY_KEY = {column.key: column for column in COLUMNS if column.key}
_ANSWERS = ("contracutualisationOG", "StatutAdminTechnique", "contractualisationEditeur")
_ADMIN_KEYS = tuple(CERTIFICAT.values())
# Where each key of an administrator row is written, relative to its entity.
_PATHS = {path.rsplit("/", 1)[1]: path for path in ADMIN_PATHS.values()}
# The JSON key of each cell of the consultation screen (`display.row_cells`).
_SCREEN_KEYS = ("finessJuridique", *_PATHS)


# Where the sheet says it otherwise than the JSON's description.
_NOTES = {
    "demandeCertificatServeur": "Oui : l'éditeur commande un certificat serveur par le portail "
    "pour cette entité juridique ; Non : laissez les colonnes suivantes vides.",
    "contracutualisationOG": "L'organisme gestionnaire (OG) a déjà contractualisé avec l'ANS.",
}


def note(column: Column) -> str:
    """What a column's header note says: the rule, in French."""
    if column.key is None:
        return "Facultatif, pour vous repérer : segur-certificats ne lit pas cette colonne."
    text = _NOTES.get(column.key) or DESCRIPTIONS[column.key][0]
    if column.key == "numeroCarteCPX":
        mandatory = [
            f"{row.statut.label if row.statut else '?'}, OG {oui_non(row.contractualisation_og)}, "
            f"éditeur {oui_non(row.contractualisation_editeur)}"
            for row in rules.SCENARIOS
            if row.numero_carte_cpx is rules.Requirement.MANDATORY
        ]
        text += " Obligatoire pour : " + " ; ".join(mandatory) + " (feuille Aide)."
    if column.choices:
        text += " Choix : " + ", ".join(column.choices) + "."
    if column.max_length:
        text += f" {column.max_length} caractères au plus."
    if column.kind == "digits":
        text += " Colonne au format texte : gardez le zéro en tête."
    return text


# -- The template -------------------------------------------------------------------------


def _cells(entite: EntiteJuridique) -> list[str]:
    """A row: the consultation screen's cells, and whether the entity orders."""
    values: dict[str | None, str] = dict(zip(_SCREEN_KEYS, row_cells(entite), strict=True))
    values["demandeCertificatServeur"] = oui_non(entite.administrateur is not None)
    return [values.get(column.key, "") for column in COLUMNS]


def template_rows(demande: Demande | Iterable[EntiteJuridique] | None = None) -> list[list[str]]:
    """The template's rows: one per legal entity of a request (or of the entities
    given), its answers shown with the portal's labels; none without any."""
    if demande is None:
        return []
    entities = demande.entites_juridiques if isinstance(demande, Demande) else demande
    return [_cells(entite) for entite in entities]


def write_template(
    path: str | Path, demande: Demande | Iterable[EntiteJuridique] | None = None
) -> None:
    """Write the sheet to fill in: ``.xlsx`` (needs the ``[xlsx]`` extra) or
    ``.csv`` (UTF-8 with a byte-order mark, ``;``), one row per legal entity of
    ``demande`` (a request, or its entities) when given. Text that a
    spreadsheet would run as a formula is written so that it never runs.
    Raises `ValueError` when a value holds a NUL character (no spreadsheet
    keeps it) and `ImportError` for ``.xlsx`` without openpyxl."""
    target = Path(path)
    header = [column.header for column in COLUMNS]
    rows = template_rows(demande)
    if target.suffix.lower() in {".xlsx", ".xlsm"}:
        from segur_certificats._template import xlsx  # noqa: PLC0415 - openpyxl is optional

        data = xlsx(COLUMNS, [note(c) for c in COLUMNS], rows)
    else:
        data = _sheetio.write_csv(header, rows)
    target.write_bytes(data)


# -- Reading a filled sheet -----------------------------------------------------------------


@attrs.frozen
class CellProblem:
    """A problem of a filled sheet, located by cell and by JSON Pointer."""

    #: The cell as the spreadsheet names it, e.g. ``Administrateurs!G4``; the
    #: sheet's name alone for a problem of the whole sheet.
    cell: str
    #: The problem; its ``path`` is the JSON Pointer the value will have.
    problem: Problem
    #: The row number as the spreadsheet shows it (0: the whole sheet).
    row: int = 0
    #: The column's header ("" for the whole sheet or row).
    column: str = ""

    @property
    def code(self) -> str:
        """The problem's stable code."""
        return self.problem.code

    @property
    def severity(self) -> Severity:
        """Error or warning."""
        return self.problem.severity

    def message(self, lang: str = "fr") -> str:
        """The message, in French or English."""
        return self.problem.message(lang)

    def line(self, lang: str = "fr") -> str:
        """``cell (path): [code] message``, for people."""
        path = visible(self.problem.path)
        where = f"{self.cell} ({path})" if path else self.cell
        return f"{where}: {self.problem.coded_message(lang)}"

    def to_dict(self, lang: str = "fr") -> dict[str, str | int]:
        """The problem as plain JSON values: ``cell``, ``row``, ``column`` beside
        the problem's own (``path``, ``code``, ``severity``, ``message``)."""
        data: dict[str, str | int] = {"cell": self.cell, "row": self.row, "column": self.column}
        data.update(self.problem.to_dict(lang))
        return data


@attrs.frozen
class SheetReport(BySeverity[CellProblem]):
    """What a filled sheet holds, and its problems by cell."""

    #: Every problem, in the order of the rows, then of the columns.
    problems: tuple[CellProblem, ...]
    #: The sheet's name, as cells are named.
    sheet: str = ""
    #: The header row as read.
    header: tuple[str, ...] = ()
    #: Each data row: its number on screen and its cells as shown.
    rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    #: The legal entity each data row reads as (``None`` when it cannot be read).
    entites: tuple[EntiteJuridique | None, ...] = ()
    #: With ``into=``: the request with its blocks replaced, when no error remains.
    written: str | bytes | None = None

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """``ok`` and ``problems`` as plain JSON values."""
        return {"ok": self.ok, "problems": [p.to_dict(lang) for p in self.problems]}

    def entities_json(self) -> str:
        """The rows as a JSON array of legal-entity objects (no error must remain)."""
        if not self.ok:
            raise InvalidDocument([p.problem for p in self.errors])
        values = [converter.unstructure(e) for e in self.entites if e is not None]
        return json.dumps(values, ensure_ascii=False, indent=2) + "\n"

    def __str__(self) -> str:
        return "\n".join(p.line() for p in self.problems) or "Aucun problème."

    def _repr_html_(self) -> str:
        """The sheet's rows, the cells in error highlighted with their messages."""
        from segur_certificats.display import sheet_html  # noqa: PLC0415 - display imports this

        return sheet_html(self)


_MISSING = object()  # a cell read as nothing, because its problem is already reported


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_HEADERS = {_folded(column.header): column for column in COLUMNS}
# A number as Excel writes it in scientific notation, in a CSV (6,03E+08).
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_BOOLEANS = {"oui": True, "non": False, "true": True, "false": False, "vrai": True, "faux": False}
_STATUT_CODES = {"editeur": "E", "e": "E", "structure": "S", "s": "S"}


def _shown(cell: _sheetio.Cell) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, bool):
        return "VRAI" if cell.value else "FAUX"
    return str(cell.value)


class _Row:
    """One data row being read: its JSON object and the problems of its cells."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.entity: dict[str, Any] = {}
        self.certificat: dict[str, Any] = {}
        self.problems: list[tuple[str, Problem]] = []  # (JSON key, problem at "/key…")
        self.cells: dict[str, str] = {}  # JSON key -> cell name


def _problem(key: str, code: str, variant: str | None = None, **params: Any) -> Problem:
    severity = Severity.WARNING if variant == "cached" else Severity.ERROR
    shown = {"field": _BY_KEY[key].header if key in _BY_KEY else key, **params}
    return Problem(_relative(key), code, severity, shown, variant)


def _relative(key: str) -> str:
    return _PATHS.get(key, f"/{key}")


def _zero_lost(key: str, digits: str) -> str | None:
    """The value with its leading zero back, when that is what the column expects."""
    candidate = "0" + digits
    if key == "finessJuridique" and len(digits) == 8 and finess.is_valid(candidate):
        return candidate
    if key == "telAdminTechnique" and telephone.is_valid(candidate):
        return candidate
    return None


def _number_problem(key: str, column: Column, cell: _sheetio.Cell) -> Problem:
    value = cell.value
    if _sheetio.is_scientific(cell.number_format) or (
        isinstance(value, float) and "e" in repr(value)
    ):
        return _problem(key, "sheet.scientific", value=show_value(value))
    digits = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if column.kind != "digits":
        return _problem(key, "type", value=show_value(value), expected="texte", expected_en="text")
    fixed = _zero_lost(key, digits)
    if fixed is not None:
        return _problem(key, "sheet.number", "zero-lost", value=digits, fixed=fixed)
    return _problem(key, "sheet.number", value=digits)


def _text(key: str, column: Column, cell: _sheetio.Cell) -> Any:
    """The JSON value of a cell, or a `Problem` (Excel's damage named)."""
    value = cell.value
    if isinstance(value, bool):
        return _problem(key, "type", value=show_value(value), expected="texte", expected_en="text")
    if _sheetio.is_date(value):
        return _problem(key, "sheet.date", value=show_value(str(value)))
    if isinstance(value, (int, float)):
        return _number_problem(key, column, cell)
    text = str(value)
    if column.kind == "digits" and _SCIENTIFIC.fullmatch(text.strip()):
        return _problem(key, "sheet.scientific", value=show_value(text))
    if column.kind == "digits" and text.isdigit() and text.isascii():
        fixed = _zero_lost(key, text)
        if fixed is not None:
            return _problem(key, "sheet.number", "zero-lost", value=text, fixed=fixed)
    return text


def _label(key: str, column: Column, cell: _sheetio.Cell) -> Any:
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
    return _problem(key, "enum", value=show_value(value), allowed=allowed)


def _read_cell(row: _Row, column: Column, cell: _sheetio.Cell, name: str) -> None:
    key = column.key
    if key is None:
        return
    row.cells[key] = name
    if cell.merged is not None:
        row.problems.append((key, _problem(key, "sheet.merged", range=cell.merged)))
        value: Any = _MISSING
    elif cell.formula is not None and cell.value is None:
        row.problems.append((key, _problem(key, "sheet.formula", formula=show_value(cell.formula))))
        value = _MISSING
    elif cell.value is None or cell.value == "":
        return
    elif isinstance(cell.value, str) and not cell.value.strip():
        _place(row, key, cell.value)  # white space only: the SDK reads it (blank is null)
        return
    else:
        if cell.formula is not None:
            row.problems.append(
                (key, _problem(key, "sheet.formula", "cached", formula=show_value(cell.formula)))
            )
        reader = _text if column.kind in {"text", "digits"} else _label
        value = reader(key, column, cell)
        if isinstance(value, Problem):
            row.problems.append((key, value))
            value = _MISSING
    if value is not _MISSING:
        _place(row, key, value)


def _place(row: _Row, key: str, value: Any) -> None:
    if key in _ADMIN_KEYS:
        row.certificat[key] = value
    else:
        row.entity[key] = value


def _header(
    cells: Sequence[_sheetio.Cell], sheet: str
) -> tuple[dict[int, Column], list[CellProblem]]:
    found: dict[int, Column] = {}
    problems: list[CellProblem] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        text = _shown(cell).strip()
        if not text:
            continue
        name = f"{sheet}!{_sheetio.column_name(index)}1"
        column = _HEADERS.get(_folded(text))
        if column is None:
            close = difflib.get_close_matches(_folded(text), list(_HEADERS), n=1, cutoff=0.6)
            if close:
                header = _HEADERS[close[0]].header
                problem = Problem(
                    "",
                    "sheet.header",
                    params={"header": show_value(text), "suggestion": show_value(header)},
                    variant="renamed",
                )
            else:
                problem = Problem(
                    "", "sheet.header", params={"header": show_value(text)}, variant="unknown"
                )
            problems.append(CellProblem(name, problem, 1, text))
        elif column.header in seen:
            problem = Problem(
                "", "sheet.header", params={"header": show_value(text)}, variant="duplicate"
            )
            problems.append(CellProblem(name, problem, 1, text))
        else:
            seen.add(column.header)
            found[index] = column
    missing = [c.header for c in COLUMNS if c.key is not None and c.header not in seen]
    if missing:
        headers = ", ".join(show_value(h) for h in missing)
        problems.append(
            CellProblem(
                f"{sheet}!1:1",
                Problem("", "sheet.header", params={"headers": headers}, variant="missing"),
                1,
                "",
            )
        )
    return found, problems


@attrs.frozen
class _Target:
    """The request the rows are written into: its text, the pointer of each of its
    legal entities by FINESS juridique, and what the request-level rules know."""

    text: str | bytes | None = None
    pointers: Mapping[str, str] = attrs.field(factory=dict)
    context: rules.RequestContext | None = None

    def pointer_of(self, index: int, number: object) -> str | None:
        """Where row ``index`` goes: its entity's pointer, or ``None`` when the
        request has no such FINESS juridique."""
        if self.text is None:
            return pointer(index)
        compact = finess.compact(number) if isinstance(number, str) else None
        return self.pointers.get(compact) if compact else None


def _target(
    into: str | bytes | None, embedded: bool, context: rules.RequestContext | None
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
                    pointers.setdefault(entite.finess_juridique, f"/entitesJuridiques/{index}")
            return _Target(into, pointers, rules.RequestContext.of(demande))
    found = validate_embedded(into)
    if not found.blocs and found.errors:
        return found.errors
    for bloc in found.blocs:
        if bloc.entite is not None and bloc.entite.finess_juridique:
            pointers.setdefault(bloc.entite.finess_juridique, bloc.path)
    return _Target(into, pointers, context)


def read(
    path: str | Path,
    *,
    into: str | bytes | None = None,
    embedded: bool = False,
    context: rules.RequestContext | None = None,
) -> SheetReport:
    """Read a filled sheet (``.xlsx``, ``.xlsm`` or ``.csv`` with ``;`` or ``,``).

    Every field and scenario rule is applied; each problem is located by cell
    and by the JSON Pointer its value will have. With ``into`` (the request's
    JSON text, an envelope or, with ``embedded=True``, an editor's own
    document), each row's FINESS juridique must be a legal entity of it, the
    request-level rules apply (``context`` says what an editor's document
    is), and `SheetReport.written` is the request with the rows' blocks
    replaced, every other byte kept — only when no error remains. Never
    raises on a bad sheet: it is reported.
    """
    if not isinstance(path, (str, Path)):
        raise wrong_type("path", path, (str, Path))
    if into is not None and not isinstance(into, (str, bytes)):
        raise wrong_type("into", into, (str, bytes))
    source = Path(path)
    try:
        return _read(source, into, embedded, context)
    except Exception as exc:  # the last guard of a promise; the fuzz tests hunt what hits it
        return SheetReport((CellProblem(source.name, internal_error(exc)),), source.stem)


def _read(
    source: Path,
    into: str | bytes | None,
    embedded: bool,
    context: rules.RequestContext | None,
) -> SheetReport:
    data = read_file(str(source))
    if isinstance(data, Problem):
        return SheetReport((CellProblem(source.name, data),), source.stem)
    try:
        raw = _sheetio.read(source, data)
    except _sheetio.Unreadable as unreadable:
        problem = Problem(
            "", "sheet.unreadable", params=unreadable.params, variant=unreadable.variant
        )
        return SheetReport((CellProblem(source.name, problem),), source.stem)
    sheet = raw.name if source.suffix.lower() in {".xlsx", ".xlsm"} else source.stem
    return _read_rows(raw.rows, sheet, into, embedded, context)


def _read_rows(
    all_rows: Sequence[Sequence[_sheetio.Cell]],
    sheet: str,
    into: str | bytes | None,
    embedded: bool,
    context: rules.RequestContext | None,
) -> SheetReport:
    if not all_rows or not any(_shown(c).strip() for c in all_rows[0]):
        problem = Problem("", "sheet.header", variant="none")
        return SheetReport((CellProblem(f"{sheet}!1:1", problem, 1),), sheet)
    columns, header_problems = _header(all_rows[0], sheet)
    header = tuple(_shown(c) for c in all_rows[0])
    if any(p.problem.variant == "missing" for p in header_problems) and not any(
        c.key == "finessJuridique" for c in columns.values()
    ):
        return SheetReport(tuple(header_problems), sheet, header)
    rows: list[_Row] = []
    shown_rows: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in enumerate(all_rows[1:], start=2):
        if not any(_shown(c).strip() or c.merged or c.formula for c in cells):
            continue
        row = _Row(number)
        for index, column in columns.items():
            cell = cells[index] if index < len(cells) else _sheetio.Cell(None)
            _read_cell(row, column, cell, f"{sheet}!{_sheetio.column_name(index)}{number}")
        rows.append(row)
        shown_rows.append((number, tuple(_shown(c) for c in cells)))
    target = _target(into, embedded, context)
    if isinstance(target, tuple):  # the request itself cannot be read
        return SheetReport(tuple(CellProblem("", p) for p in target), sheet, header)
    base = SheetReport(tuple(header_problems), sheet, header, tuple(shown_rows))
    return _judge(rows, base, target)


def _entity_json(row: _Row) -> dict[str, Any]:
    entity = {"finessJuridique": row.entity.get("finessJuridique")} | row.entity
    ordering = entity.get("demandeCertificatServeur")
    if row.certificat or ordering is True:
        entity["certificatServeur"] = dict(row.certificat)
    return entity


def _judge(rows: Sequence[_Row], base: SheetReport, target: _Target) -> SheetReport:
    """Every rule applied to the rows, each problem located by cell."""
    report = validate_embedded([_entity_json(row) for row in rows], target.context)
    pointers: list[str | None] = []
    for index, row in enumerate(rows):
        number = row.entity.get("finessJuridique")
        where = target.pointer_of(index, number)
        reported = any(key == "finessJuridique" for key, _ in row.problems)
        if where is None and number is not None and not reported:  # not in the request
            found = _problem("finessJuridique", "sheet.unknown-finess", value=show_value(number))
            row.problems.append(("finessJuridique", found))
        pointers.append(where)
    located = [
        (index, _at(row, key, problem, pointers[index], base.sheet))
        for index, row in enumerate(rows)
        for key, problem in row.problems
    ]
    for index, relative, problem in _by_row(report.problems):
        row = rows[index]
        if not any(_covers(p.path, relative) for _, p in row.problems):
            moved = attrs.evolve(problem, path=relative)
            located.append(
                (index, _at(row, _key_of(row, relative), moved, pointers[index], base.sheet))
            )
    located.sort(key=lambda item: (item[0], _column_rank(item[1].column)))
    entites = tuple(bloc.entite for bloc in report.blocs)
    result = attrs.evolve(
        base, problems=(*base.problems, *(p for _, p in located)), entites=entites
    )
    if target.text is not None and result.ok:
        blocks = {p: e for p, e in zip(pointers, entites, strict=True) if p is not None and e}
        result = attrs.evolve(result, written=replace_blocks(target.text, blocks))
    return result


def _by_row(problems: Iterable[Problem]) -> Iterable[tuple[int, str, Problem]]:
    """``(row index, path within the row's entity, problem)`` of the problems found."""
    for problem in problems:
        parts = split_pointer(problem.path)
        if parts and parts[0].isdigit():
            yield int(parts[0]), pointer(*parts[1:]), problem


def _covers(reported: str, path: str) -> bool:
    """Whether a problem already reported at ``reported`` covers one at ``path``."""
    return path == reported or path.startswith(reported + "/")


_RANK = {column.header: rank for rank, column in enumerate(COLUMNS)}


def _column_rank(header: str) -> int:
    return _RANK.get(header, len(_RANK))


def _key_of(row: _Row, path: str) -> str:
    """The column a problem below an entity belongs in."""
    parts = split_pointer(path)
    if parts and parts[-1] in _BY_KEY:
        return parts[-1]
    if parts and parts[0] == "certificatServeur":
        # The whole block (e.g. given while no certificate is ordered): its first cell filled.
        filled = [key for key in _ADMIN_KEYS if key in row.certificat]
        return filled[0] if filled else "demandeCertificatServeur"
    return "finessJuridique"


def _at(row: _Row, key: str, problem: Problem, prefix: str | None, sheet: str) -> CellProblem:
    """The problem at its cell; its path below ``prefix``, the entity's pointer
    (``None`` when the row's entity is not in the request: no path then)."""
    column = _BY_KEY.get(key)
    cell = row.cells.get(key, f"{sheet}!{row.number}:{row.number}")
    moved = attrs.evolve(problem, path="" if prefix is None else prefix + problem.path)
    return CellProblem(cell, moved, row.number, column.header if column else "")
