"""Hostile documents, built with structure: valid requests and editors' documents,
then mutated — retyped, dropped and duplicated keys, misplaced and escaped keys,
huge and odd numbers, NaN, lone surrogates, NUL, long strings, deep nesting,
BOM, CRLF, HTML payloads, blocks at any depth — and raw bytes of the examples
mutated at random."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import attrs
import openpyxl
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from segur_certificats._vocabulary.keys import CERTIFICAT_SERVEUR
from segur_certificats.model import EntiteJuridique
from segur_certificats.serialize import converter
from segur_certificats.sheets import COLUMNS, template_rows
from segur_certificats.sheets._cells import column_name
from segur_certificats.strategies import administrateurs, demandes, finess_juridiques

from ..conftest import EXAMPLES, ROOT
from ..sheets import raw
from ..vocabulary import CERTIFICAT, ENTITE, ENVELOPPE

#: The slice: the same inputs on every run, a bounded number of them.
SLICE = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


# -- A JSON writer that can say what json.dumps cannot ---------------------------------


@attrs.frozen
class Raw:
    """A literal of JSON text (or not-quite JSON: ``NaN``, 5,000 digits)."""

    text: str


@attrs.frozen
class Pairs:
    """An object as written, duplicate keys allowed."""

    items: tuple[tuple[str, Any], ...]


@attrs.frozen
class Layout:
    indent: str | None
    newline: str
    ascii_only: bool
    escape_keys: bool  # "\u0066inessJuridique": the same key, spelt with escapes


def _string(text: str, layout: Layout, key: bool = False) -> str:
    if key and layout.escape_keys and text:
        return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in text) + '"'
    return json.dumps(text, ensure_ascii=layout.ascii_only)


def write(value: Any, layout: Layout, depth: int = 0) -> str:
    """``value`` as JSON text in ``layout``; `Raw` and `Pairs` as they are."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, str):
        return _string(value, layout)
    if isinstance(value, (dict, Pairs)):
        items = value.items if isinstance(value, Pairs) else tuple(value.items())
        members = [
            _string(k, layout, key=True) + ": " + write(v, layout, depth + 1) for k, v in items
        ]
        return _container("{", "}", members, layout, depth)
    if isinstance(value, list):
        return _container("[", "]", [write(v, layout, depth + 1) for v in value], layout, depth)
    return json.dumps(value)


def _container(open_: str, close: str, parts: list[str], layout: Layout, depth: int) -> str:
    if not parts:
        return open_ + close
    if layout.indent is None:
        return open_ + ", ".join(parts) + close
    inner = layout.newline + layout.indent * (depth + 1)
    return (
        open_ + inner + ("," + inner).join(parts) + layout.newline + layout.indent * depth + close
    )


layouts = st.builds(
    Layout,
    indent=st.sampled_from([None, "  ", "\t", "    "]),
    newline=st.sampled_from(["\n", "\r\n"]),
    ascii_only=st.booleans(),
    escape_keys=st.booleans(),
)

# -- Hostile values -------------------------------------------------------------------

HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b onmouseover=alert(1)>x</b>",
    "javascript:alert(1)",
    "&lt;&amp;&#x3C;",
    "</td></tr></table><h1>x",
]
_ODD_TEXT = [
    "",
    " ",
    "\t\n",
    "\x00",
    "\ud800",
    "a\udfffb",
    "\ufeff",
    "\u202eABC",
    "\xa0STU\xa0",
    "ST\u0301U",
    "😀" * 3,
    "DMP, INS",
    "INS,DMP",
    "Editeur",
    "TRUE",
    "Oui",
    "2023-10-02T00:00:00",
    "02/10/2023",
    "33 005 806 6",
    "2a0000154",
    *HTML,
]
#: Literals json.dumps will not write: huge, tiny, NaN, Infinity.
RAW_NUMBERS = [
    "9" * 5000,
    "-" + "9" * 5000,
    "1e400",
    "-1e400",
    "1e-400",
    "0." + "0" * 5000 + "1",
    "NaN",
    "-Infinity",
    "Infinity",
    "-0",
    "1.5E+3",
]


#: A long text, past every limit (its repr is short, for readable failures).
class Long(str):
    __slots__ = ()

    def __repr__(self) -> str:
        return f"Long(x * {len(self)})"


short_text = st.sampled_from(_ODD_TEXT) | st.text(max_size=30)
_LONG = Long("x" * 1_000_000)
#: Odd texts; one in sixteen is a megabyte long.
odd_text = st.integers(0, 15).flatmap(lambda i: st.just(_LONG) if i == 0 else short_text)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    odd_text,
    st.sampled_from(RAW_NUMBERS).map(Raw),
)
json_ish = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=3),
    max_leaves=8,
)
_FORMAT_KEYS = [*ENVELOPPE.values(), *ENTITE.values(), *CERTIFICAT.values()]
keys_known = st.sampled_from(_FORMAT_KEYS)  # known keys, often in the wrong object
keys = st.one_of(
    keys_known,
    st.sampled_from(["numeroCarteCPS", "contractualisationOG", "statutAdminTechnique", "Couloir"]),
    short_text,
    st.integers(0, 15).flatmap(lambda i: st.just(Long("k" * 100_000)) if i == 0 else keys_known),
    st.sampled_from(["a/b", "~0", "~1", "", "/"]),
)

# -- Mutations ------------------------------------------------------------------------


def _pairs(value: Any) -> Any:
    """Every object of ``value`` as a mutable list of ``[key, value]`` (duplicates allowed)."""
    if isinstance(value, dict):
        return Obj([[k, _pairs(v)] for k, v in value.items()])
    if isinstance(value, list):
        return [_pairs(v) for v in value]
    return value


@attrs.define
class Obj:
    """An object being mutated: its members as ``[key, value]`` lists, in order."""

    members: list[list[Any]]


def _containers(value: Any) -> Iterator[Any]:
    if isinstance(value, Obj):
        yield value
        for _, child in value.members:
            yield from _containers(child)
    elif isinstance(value, list):
        yield value
        for child in value:
            yield from _containers(child)


def _nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def _frozen(value: Any) -> Any:
    if isinstance(value, Obj):
        return Pairs(tuple((k, _frozen(v)) for k, v in value.members))
    if isinstance(value, list):
        return [_frozen(v) for v in value]
    return value


@st.composite
def mutated(draw: st.DrawFn, value: Any, max_mutations: int = 4) -> Any:
    """``value`` (plain JSON values) with a few hostile changes; objects come back
    as `Pairs` (a key may then be repeated)."""
    value = _pairs(value)
    for _ in range(draw(st.integers(0, max_mutations))):
        containers = list(_containers(value))
        if not containers:
            break
        node = draw(st.sampled_from(containers))
        items = node.members if isinstance(node, Obj) else node
        action = draw(st.sampled_from(["set", "drop", "add", "duplicate", "nest", "retype"]))
        if action == "add" or not items:
            new = _pairs(draw(json_ish))
            items.append([draw(keys), new] if isinstance(node, Obj) else new)
            continue
        at = draw(st.integers(0, len(items) - 1))
        if action == "drop":
            del items[at]
        elif action == "duplicate" and isinstance(node, Obj):
            items.insert(draw(st.integers(0, len(items))), [items[at][0], draw(scalars)])
        else:
            old = items[at][1] if isinstance(node, Obj) else items[at]
            if action == "nest":
                new = _nested(old, draw(st.sampled_from([1, 3, 40, 70])))
            else:
                new = _pairs(draw(scalars if action == "set" else json_ish))
            if isinstance(node, Obj):
                items[at][1] = new
            else:
                items[at] = new
    return _frozen(value)


@st.composite
def as_text(draw: st.DrawFn, value: Any) -> str:
    """``value`` written in a random layout, sometimes behind a byte-order mark."""
    text = write(value, draw(layouts))
    return ("\ufeff" if draw(st.booleans()) else "") + text


# -- Documents --------------------------------------------------------------------------


@st.composite
def envelope_texts(draw: st.DrawFn) -> str:
    """Request envelopes: valid ones, then mutated."""
    value = converter.unstructure(draw(demandes(max_entities=3)))
    return draw(as_text(draw(mutated(value))))


@st.composite
def null_certificats(draw: st.DrawFn) -> dict[str, None]:
    """``certificatServeur`` as an entity that orders nothing may write it: some or
    all of its keys, in any order, each null, ``{}`` included (docs: format.md#no-order)."""
    keys = draw(st.permutations(list(CERTIFICAT.values())))
    return dict.fromkeys(keys[: draw(st.integers(0, len(keys)))])


@st.composite
def entity_values(draw: st.DrawFn) -> dict[str, Any]:
    """One legal entity's JSON object, ordering or not; one that orders nothing
    without its block, or at times with ``certificatServeur`` an object of nulls."""
    admin = draw(st.none() | administrateurs())
    value: dict[str, Any] = converter.unstructure(
        EntiteJuridique(finess_juridique=draw(finess_juridiques()), administrateur=admin)
    )
    if draw(st.booleans()):
        value = {k: v for k, v in value.items() if admin is not None or k == "finessJuridique"}
    elif admin is None and draw(st.booleans()):
        value[CERTIFICAT_SERVEUR.json] = draw(null_certificats())
    return value


@st.composite
def editor_values(draw: st.DrawFn, mutate: bool = True) -> Any:
    """An editor's own document: entities at any depth among the editor's keys; at
    times an array, or a lone scalar, at the root."""
    entities = draw(st.lists(entity_values(), min_size=0, max_size=4))
    for entity in entities:  # the editor's own keys, around and inside the entities
        for _ in range(draw(st.integers(0, 2))):
            entity[draw(st.sampled_from(["raisonSociale", "montant", "x", "etablissements"]))] = (
                draw(json_ish)
            )
    pieces: list[Any] = [*entities, *draw(st.lists(json_ish, max_size=2))]
    while len(pieces) > 1 or not isinstance(pieces[0] if pieces else None, dict):
        count = draw(st.integers(1, max(1, len(pieces))))
        group, pieces = pieces[:count], pieces[count:]
        if draw(st.booleans()):
            pieces.append(
                {f"k{i}": piece for i, piece in enumerate(group)} | {"montant": Raw("1500.00")}
            )
        else:
            pieces.append(group)
        if not pieces:
            pieces = [{}]
    root = pieces[0]
    # Any JSON value may stand at the root: a scalar (no entity), or an array.
    shape = draw(st.sampled_from(["object"] * 8 + ["array", "scalar"]))
    if shape == "array":
        root = [root]
    elif shape == "scalar":
        root = draw(scalars)
    return draw(mutated(root, 2)) if mutate else root


@st.composite
def editor_texts(draw: st.DrawFn) -> str:
    return draw(as_text(draw(editor_values())))


_EXAMPLE_BYTES = [
    p.read_bytes() for p in [*EXAMPLES, ROOT / "examples/embedded/dossier-editeur.json"]
]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """An example file, its bytes flipped, inserted, deleted or repeated at random."""
    data = bytearray(draw(st.sampled_from(_EXAMPLE_BYTES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "token"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 40))]
        else:
            token = draw(
                st.sampled_from([*RAW_NUMBERS[:4], "\ufeff", "\x00", '"', "[" * 70, "\r\n"])
            )
            data[at:at] = token.encode("utf-8", "surrogatepass")
    return bytes(data)


#: Any JSON value, nested a little (for "never crashes" properties).
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


# -- Filled spreadsheets ------------------------------------------------------------------

_SHEET_VALUES = st.one_of(
    odd_text,
    st.sampled_from(HTML),
    st.sampled_from(["Oui", "non", "VRAI", "Editeur", "S", "DMP, INS", "=A1", "=HYPERLINK(1)"]),
    st.sampled_from(["+33 6 03 33 41 74", "-2", "@x", "6,03E+08", "0603334174", "330058066"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.none(),
)


#: What spreadsheet programs show for a formula in error.
_ERROR_VALUES = ["#NAME?", "#DIV/0!", "#VALUE!", "#REF!", "#N/A", "Err:502", "#NOM?"]


@attrs.frozen
class SheetFile:
    """A filled sheet for the fuzz target: its bytes and name, the request its rows
    go into, the size limit to read it with, and the row numbers that hold
    something (``None`` when the writing makes them unknown: merged ranges,
    broken quoting, mutated bytes)."""

    data: bytes
    suffix: str
    request: str
    max_size: int = 64 * 1024 * 1024
    rows: tuple[int, ...] | None = None


def _holds(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


@st.composite
def sheet_files(draw: st.DrawFn) -> SheetFile:  # noqa: PLR0912 - one branch per action
    """A filled sheet, as a customer's spreadsheet program may write it: the
    template of a generated request, then cells retyped (numbers, dates,
    booleans, formulas and their error values, HTML, odd text), headers renamed,
    columns dropped, rows added, duplicated or deleted; written as CSV (``;`` or
    ``,``, UTF-8 with or without BOM or Windows-1252, CRLF or LF, a quote left
    open), XLSX (by openpyxl, or byte by byte: declared dimensions, rows numbered
    anywhere, merged ranges up to the whole sheet, error values, array
    formulas), ODS (repeated rows and cells) or a zip bomb."""
    demande = draw(demandes(max_entities=4))
    request = json.dumps(converter.unstructure(demande), ensure_ascii=False, indent=2)
    header: list[Any] = [column.header for column in COLUMNS]
    grid: list[list[Any]] = [header, *template_rows(demande)]
    for _ in range(draw(st.integers(0, 6))):
        action = draw(
            st.sampled_from(["cell", "cell", "cell", "header", "drop", "row", "twice", "delete"])
        )
        if action == "header":
            header[draw(st.integers(0, len(header) - 1))] = draw(_SHEET_VALUES)
        elif action == "drop":
            index = draw(st.integers(0, len(header) - 1))
            for row in grid:
                del row[index : index + 1]
        elif action == "row":
            grid.append([draw(_SHEET_VALUES) for _ in range(draw(st.integers(0, 13)))])
        elif action == "twice" and len(grid) > 1:
            grid.append(list(grid[draw(st.integers(1, len(grid) - 1))]))
        elif action == "delete" and len(grid) > 1:
            del grid[draw(st.integers(1, len(grid) - 1))]
        elif len(grid) > 1:
            row = grid[draw(st.integers(1, len(grid) - 1))]
            if row:
                value = draw(_SHEET_VALUES | st.sampled_from(_ERROR_VALUES))
                row[draw(st.integers(0, len(row) - 1))] = value
    form = draw(st.sampled_from(["csv", "csv", "xlsx", "raw", "raw", "ods", "bomb"]))
    if form == "csv":
        return _csv(draw, grid, request)
    if form == "xlsx":
        return _xlsx(draw, grid, request)
    if form == "ods":
        return _ods(draw, grid, request)
    if form == "bomb":
        data = raw.bomb(draw(st.sampled_from([1, 3])) << 20)
        return SheetFile(data, draw(st.sampled_from([".xlsx", ".csv"])), request, 2 << 20)
    return _raw_xlsx(draw, grid, request)


def _expected(grid: list[list[Any]]) -> tuple[int, ...]:
    """The numbers of the rows under the header that hold something."""
    return tuple(n for n, row in enumerate(grid[1:], start=2) if any(map(_holds, row)))


def _csv(draw: st.DrawFn, grid: list[list[Any]], request: str) -> SheetFile:
    delimiter = draw(st.sampled_from([";", ","]))
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    text = csv_text(grid, delimiter, newline)
    rows: tuple[int, ...] | None = _expected(grid)
    if draw(st.integers(0, 4)) == 0:  # a quote left open, or closed further down
        lines = text.split(newline)
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = lines[at].replace(delimiter + '"', delimiter + '""x', 1) + '"' * draw(
            st.integers(0, 1)
        )
        text, rows = newline.join(lines), None
    if encoding == "cp1252":
        data = text.encode("cp1252", "replace")
        rows = None  # what Windows-1252 cannot hold became "?"
    else:
        data = text.encode(encoding, "surrogatepass")
    return SheetFile(data, ".csv", request, rows=rows)


def _raw_value(  # noqa: PLR0911 - one return per kind of cell
    reference: str, value: Any, draw: st.DrawFn, strings: list[str] | None = None
) -> raw.RawCell | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return reference, ' t="b"', f"<v>{int(value)}</v>"
    if isinstance(value, (int, float)):
        style = draw(st.sampled_from([raw.GENERAL, raw.SCIENTIFIC, raw.DATE, raw.TEXT]))
        return raw.number(reference, repr(value) if isinstance(value, float) else str(value), style)
    text = str(value)
    if text in _ERROR_VALUES:
        return raw.error(reference, text, draw(st.sampled_from([None, "1/0", "NOPE()"])))
    text = ILLEGAL_CHARACTERS_RE.sub("", text).encode("utf-8", "ignore").decode()
    if text.startswith("=") and draw(st.booleans()):
        kind = draw(st.sampled_from(["", ' t="array" ref="A1"', ' t="shared" si="0" ref="A1"']))
        return raw.formula(reference, text[1:], draw(st.sampled_from([None, "x", "#N/A"])), kind)
    if strings is not None:  # in the shared strings, as Excel and LibreOffice write text
        if text not in strings:
            strings.append(text)
        return raw.shared(reference, strings.index(text))
    return raw.text(reference, text)


def _raw_holds(cell: raw.RawCell, strings: list[str] | None) -> bool:
    """Whether a cell `_raw_value` wrote holds more than white space."""
    _, attributes, inner = cell
    if attributes == ' t="s"' and strings is not None:
        return bool(strings[int(inner[len("<v>") : -len("</v>")])].strip())
    blank = ' t="inlineStr"', '<is><t xml:space="preserve">'
    return (attributes, inner[: len(blank[1])]) != blank or bool(
        inner[len(blank[1]) :].split("<")[0].strip()
    )


def _raw_xlsx(draw: st.DrawFn, grid: list[list[Any]], request: str) -> SheetFile:
    gap = draw(st.sampled_from([0, 0, 1, 1_048_000, 50_000_000]))
    strings: list[str] | None = [] if draw(st.booleans()) else None
    rows = []
    holding = []
    for index, row in enumerate(grid):
        number = index + 1 + (gap if index > 1 else 0)
        cells = [
            c
            for column, value in enumerate(row)
            if (c := _raw_value(f"{column_name(column)}{number}", value, draw, strings))
        ]
        if draw(st.integers(0, 9)) == 0:
            cells.append(raw.text(f"XFD{number}", "loin"))
        rows.append((number, cells))
        if index and any(_raw_holds(cell, strings) for cell in cells):
            holding.append(number)
    merged = draw(
        st.lists(st.sampled_from(["J2:J3", "A2:XFD1048576", "C3:D3", "B1:B1", "A1:K1"]), max_size=2)
    )
    dimension = draw(st.sampled_from([None, "A1:XFD1048576", "A1:K3"]))
    extra = {"xl/sharedStrings.xml": raw.shared_strings(strings)} if strings is not None else None
    data = raw.workbook(raw.sheet_xml(rows, merged, dimension), extra=extra)
    return SheetFile(data, ".xlsx", request, rows=None if merged else tuple(holding))


def _ods(draw: st.DrawFn, grid: list[list[Any]], request: str) -> SheetFile:
    parts = []
    for row in grid:
        cells = []
        for value in row:
            if isinstance(value, str) and value in _ERROR_VALUES:
                cells.append(raw.ods_cell(("error", value)))
            elif isinstance(value, str):
                clean = ILLEGAL_CHARACTERS_RE.sub("", value).encode("utf-8", "ignore").decode()
                cells.append(raw.ods_cell(clean))
            elif isinstance(value, (bool, int, float)) or value is None:
                cells.append(raw.ods_cell(value))
            else:
                cells.append(raw.ods_cell(str(value)))
        repeat = draw(st.sampled_from([1, 1, 1, 2, 1_048_000]))
        cells.append(raw.ods_cell(None, 16384))
        row_xml = "".join(cells)
        parts.append(
            f'<table:table-row table:number-rows-repeated="{repeat}">{row_xml}</table:table-row>'
        )
    data = raw.ods("".join(parts), draw(st.sampled_from(["Administrateurs", "Feuille1"])))
    return SheetFile(data, ".ods", request, 8 << 20)


def csv_text(rows: list[list[Any]], delimiter: str = ";", newline: str = "\r\n") -> str:
    """Rows as CSV text, every value quoted (``None`` as empty). Written by hand:
    the csv module of Python 3.10 refuses NUL, which a hostile sheet may hold."""
    return newline.join(
        delimiter.join('"' + ("" if v is None else str(v)).replace('"', '""') + '"' for v in row)
        for row in rows
    )


def _xlsx(draw: st.DrawFn, grid: list[list[Any]], request: str) -> SheetFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = draw(st.sampled_from(["Administrateurs", "Feuil1"]))
    for r, row in enumerate(grid, start=1):
        for c, given in enumerate(row, start=1):
            value = given
            if isinstance(given, str):  # what a workbook cannot hold is not written
                value = ILLEGAL_CHARACTERS_RE.sub("", given).encode("utf-8", "ignore").decode()
            sheet.cell(row=r, column=c, value=value)
            if draw(st.integers(0, 9)) == 0:
                sheet.cell(row=r, column=c).number_format = "0.00E+00"
    if len(grid) > 2 and draw(st.booleans()):
        column = draw(st.integers(1, 11))
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    out = io.BytesIO()
    book.save(out)
    return SheetFile(out.getvalue(), ".xlsx", request)
