"""Collecting the administrators from customers with a spreadsheet (docs: sheets.md).

`write_template()` writes a sheet with one row per legal entity — XLSX with
drop-down lists, length limits, text columns and a note per column, or CSV as
French Excel writes it — prefilled from a request when one is given, to a
file or as its bytes. `read()` reads a filled sheet back, from a path or from
the file's bytes: the portal's labels (Oui/Non, Editeur/Structure, "DMP, INS")
as well as the JSON codes, every field and scenario rule applied, and each
problem located by cell (``Administrateurs!G4``) beside the JSON Pointer the
value will have. With ``into=``, the request's blocks are replaced from the
sheet, every other byte kept, and only when no error remains.

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

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path
from typing import overload

from segur_certificats._codec.files import MAX_SIZE, write_atomic
from segur_certificats._problems.arguments import cannot, wrong_type
from segur_certificats.model import Demande, EntiteJuridique, RequestContext
from segur_certificats.sheets._columns import COLUMNS, Column, note, template_rows
from segur_certificats.sheets._report import SheetReport
from segur_certificats.sheets._source import Sheet
from segur_certificats.sheets._template import TEMPLATE_FORMATS, template

__all__ = [
    "COLUMNS",
    "TEMPLATE_FORMATS",
    "Column",
    "SheetReport",
    "note",
    "read",
    "template_rows",
    "write_template",
]

_FORMATS = " ou ".join(TEMPLATE_FORMATS), " or ".join(TEMPLATE_FORMATS)
"""The template's formats, as `InvalidArgument` says them (fr, en)."""


@overload
def write_template(
    path: str | Path,
    demande: Demande | Iterable[EntiteJuridique] | None = None,
    *,
    format: str | None = None,
) -> None: ...


@overload
def write_template(
    path: None = None,
    demande: Demande | Iterable[EntiteJuridique] | None = None,
    *,
    format: str,
) -> bytes: ...


def write_template(
    path: str | Path | None = None,
    demande: Demande | Iterable[EntiteJuridique] | None = None,
    *,
    format: str | None = None,
) -> bytes | None:
    """Write the sheet to fill in: ``.xlsx`` (needs the ``[xlsx]`` extra) or
    ``.csv`` (UTF-8 with a byte-order mark, ``;``), one row per legal entity of
    ``demande`` (a request, or its entities) when given. Text that a
    spreadsheet would run as a formula is written so that it never runs, and
    reads back exactly.

    With a ``path``, the file is written atomically (docs: cli.md#writing), in
    the format its name ends with unless ``format`` (``".xlsx"`` or ``".csv"``)
    says another. With ``path=None``, the file's bytes are returned — the very
    bytes the file would hold — and ``format`` is required.

    Raises `ValueError` for a path whose name ends otherwise, and when a value
    holds what the file cannot store (a NUL character, a lone surrogate, U+FFFE
    or U+FFFF in a workbook); `InvalidArgument` for an argument of the wrong
    type, a ``format`` of neither kind, or none without a path; `MissingExtra`
    (an `ImportError`) for ``.xlsx`` without openpyxl; `OSError` when the file
    cannot be written."""
    if path is not None and not isinstance(path, (str, Path)):
        raise wrong_type("path", path, (str, Path))
    fr, en = _FORMATS
    if format is not None:
        if not isinstance(format, str):
            raise wrong_type("format", format, (str,))
        if format.lower() not in TEMPLATE_FORMATS:
            raise cannot("format", format, f"formats : {fr}", f"formats: {en}")
        chosen = format.lower()
    elif path is None:
        raise cannot(
            "format", format, f"requis sans chemin : {fr}", f"required without a path: {en}"
        )
    else:
        chosen = Path(path).suffix.lower()
        if chosen not in TEMPLATE_FORMATS:
            raise ValueError(
                f"the template is written as .xlsx or .csv, not {chosen or 'a name without one'!r}"
            )
    data = template(chosen, demande)
    if path is None:
        return data
    write_atomic(path, data)
    return None


def read(
    source: str | Path | bytes | bytearray | memoryview,
    *,
    name: str | None = None,
    into: str | bytes | None = None,
    embedded: bool = False,
    context: RequestContext | None = None,
    max_size: int = MAX_SIZE,
    date_modification: _dt.date | None = None,
) -> SheetReport:
    """Read a filled sheet: ``.xlsx``, ``.xlsm``, ``.ods``, or CSV with ``;`` or
    ``,`` in UTF-8 or Windows-1252 — from a path (``"-"`` reads standard input)
    or from the file's bytes.

    ``name`` is the file's name (by default the path's, ``stdin`` for ``"-"``,
    ``"feuille"`` for bytes): it says the format when the bytes do not (a CSV),
    and a CSV's cells are named after it (``clients!G4`` for ``clients.csv``).

    Every field and scenario rule is applied; each problem is located by cell
    and by the JSON Pointer its value will have. With ``into`` (the request's
    JSON text, an envelope or, with ``embedded=True``, an editor's own
    document), each row's FINESS juridique must be a legal entity of it, the
    request-level rules apply (``context`` says what an editor's document
    is), and `SheetReport.written` is the request with the rows' blocks
    replaced, every other byte kept — only when no error remains; a legal
    entity no row speaks of keeps its block.

    Writing rows into a request modifies it, as the portal's modification
    screen does (docs: editing.md#who-may-change, sheets.md#into): a request
    whose ``statut`` is known and is not "A modifier", or whose block the
    gestionnaire validated, is refused (``edit.read-only``, ``edit.validated``,
    what ``context`` says of an editor's document included) and nothing is
    written; the request is dated ``date_modification`` (today unless given),
    its ``dateModification`` written and the request rules judging at that
    date (docs: editing.md#dated). ``max_size`` bounds the bytes
    read, of the file or given, and of what a workbook decompresses to (docs:
    sheets.md#limits). Never raises on a bad sheet: it is reported; raises
    `InvalidArgument` for an argument of the wrong type.
    """
    if not isinstance(source, (str, Path, bytes, bytearray, memoryview)):
        raise wrong_type("source", source, (str, Path, bytes, bytearray, memoryview))
    if name is not None and not isinstance(name, str):
        raise wrong_type("name", name, (str,))
    if into is not None and not isinstance(into, (str, bytes)):
        raise wrong_type("into", into, (str, bytes))
    if isinstance(max_size, bool) or not isinstance(max_size, int):
        raise wrong_type("max_size", max_size, (int,))
    if date_modification is not None and type(date_modification) is not _dt.date:
        raise wrong_type("date_modification", date_modification, (_dt.date,))
    if context is not None and not isinstance(context, RequestContext):
        raise wrong_type("context", context, (RequestContext,))
    return Sheet(
        source, into, embedded, context, max_size, name=name, modified_on=date_modification
    ).run()
