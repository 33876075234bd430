"""Issue 27, second round: digits as stored — a number in a date-formatted cell,
Excel's ``_xHHHH_`` escapes, CSV's quoting (docs: sheets.md#files)."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segur_certificats import sheets
from segur_certificats._rules.restore import lost_zero
from segur_certificats.sheets._cells import RawSheet, stored
from segur_certificats.sheets._formats import read_sheet
from segur_certificats.sheets._template import write_xlsx

from . import raw
from .test_sheets import HEADER, ordering_row

HEADER_CELLS = [raw.text(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)]
_COLUMN = {header: chr(65 + i) for i, header in enumerate(HEADER)}
# The last serial a date-formatted cell shows as a date (31 December 9999), by date system.
_LAST = {False: 2_958_465, True: 2_957_003}


def _dated(column: str, number: str, epoch_1904: bool = False) -> bytes:
    """A workbook whose row 2 holds a FINESS and ``number`` in a date-formatted cell."""
    cells = [raw.text("A2", "330058066")] if column != "A" else []
    cells.append(raw.number(f"{column}2", number, raw.DATE))
    data = raw.workbook(raw.sheet_xml([(1, HEADER_CELLS), (2, cells)]))
    return _with_1904(data) if epoch_1904 else data


def _with_1904(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "xl/workbook.xml":
                part = part.replace(b"<sheets>", b'<workbookPr date1904="1"/><sheets>')
            target.writestr(info.filename, part)
    return out.getvalue()


_SERIALS = st.one_of(
    st.integers(-(10**12), 10**12),
    st.integers(2_957_000, 3_000_010),  # the end of the date range
    st.integers(-693_600, -693_580),  # where Python's dates end
    st.integers(55, 65),  # Excel's 29 February 1900
    st.sampled_from([603334174, 10002129, 2958465, 2958466, 2999999, 3000000, -693594, 0, 1]),
)


@settings(max_examples=200, deadline=None)
@given(
    serial=_SERIALS,
    header=st.sampled_from(["FINESS juridique", "Téléphone", "Raison sociale", "Nom"]),
    epoch_1904=st.booleans(),
)
def test_a_number_in_a_date_cell_keeps_its_digits(
    serial: int, header: str, epoch_1904: bool
) -> None:
    """Across the serial range, in both date systems: a whole number a date-formatted
    cell cannot show as a date is read as the number it is, its digits unchanged
    (a lost zero given back from those digits only); one it shows as a date is a
    date; the file is always read."""
    report = sheets.read(_dated(_COLUMN[header], str(serial), epoch_1904), name="f.xlsx")
    codes = {p.code for p in report.problems}
    assert "sheet.unreadable" not in codes, report.problems
    if header == "Raison sociale":  # not read: whatever it holds, nothing is said of it
        assert not [p for p in report.problems if p.cell == "Administrateurs!B2"]
        return
    cell = f"Administrateurs!{_COLUMN[header]}2"
    here = [p for p in report.problems if p.cell == cell]
    if 0 <= serial <= _LAST[epoch_1904]:
        assert [p.code for p in here] == ["sheet.date"], here
        return
    assert here, report.problems
    problem = here[0]
    assert problem.code in {"sheet.number", "type"}, here
    shown = problem.params.get("value", "")
    assert shown.strip('"') == str(serial), (shown, serial)
    if problem.variant == "zero-lost":
        key = {"FINESS juridique": "finessJuridique", "Téléphone": "telAdminTechnique"}[header]
        assert problem.params["fixed"] == "0" + str(serial)
        assert lost_zero(key, str(serial)) == "0" + str(serial)


def test_the_findings_digits() -> None:
    """The finding's numbers: a phone 603334174 and a FINESS 10002129 stored as
    numbers in date-formatted cells read with their own digits."""
    report = sheets.read(_dated(_COLUMN["Téléphone"], "603334174"), name="f.xlsx")
    (phone,) = [p for p in report.problems if p.cell == "Administrateurs!I2"]
    assert (phone.code, phone.variant, phone.params["fixed"]) == (
        "sheet.number",
        "zero-lost",
        "0603334174",
    )
    report = sheets.read(_dated("A", "10002129"), name="f.xlsx")
    (finess,) = [p for p in report.problems if p.cell == "Administrateurs!A2"]
    assert finess.params["value"].strip('"') == "10002129"
    assert "10002128" not in str(report.problems)


@settings(max_examples=50, deadline=None)
@given(days=st.integers(1, _LAST[False]), epoch_1904=st.booleans())
def test_a_date_serial_reads_as_excel_shows_it(days: int, epoch_1904: bool) -> None:
    """A serial in range is the date Excel shows (its 29 February 1900 aside)."""
    from segur_certificats.sheets._xlsx import _serial_date  # noqa: PLC0415

    if epoch_1904:
        if days > _LAST[True]:
            return
        expected = _dt.date(1904, 1, 1) + _dt.timedelta(days=days)
    elif days == 60:
        expected = _dt.date(1900, 2, 28)  # the day that never was, read as the day before
    else:
        expected = _dt.date(1899, 12, 31) + _dt.timedelta(days=days - (days > 60))
    assert _serial_date(days, epoch_1904) == expected


# -- Excel's _xHHHH_ escapes -----------------------------------------------------------------

_ESCAPY = st.text(
    st.sampled_from(["_", "x", "X", "0", "0", "4", "1", "D", "d", "5", "F", "a", "é"]), max_size=24
)


def _reference(text: str) -> str:
    """Excel's and calamine's reading: ``_xHHHH_`` the character, left to right."""

    def one(found: re.Match[str]) -> str:
        code = int(found.group(1), 16)
        return found.group() if 0xD800 <= code <= 0xDFFF or code >= 0xFFFE else chr(code)

    return re.sub(r"_x([0-9A-Fa-f]{4})_", one, text)


def _cells(texts: list[str], form: str) -> list[object]:
    """The texts as the reader gives them, written as shared or inline strings."""
    if form == "shared":
        rows = [(i + 1, [raw.shared(f"A{i + 1}", i)]) for i in range(len(texts))]
        extra = {"xl/sharedStrings.xml": raw.shared_strings(texts)}
    else:
        rows = [(i + 1, [raw.text(f"A{i + 1}", t)]) for i, t in enumerate(texts)]
        extra = {}
    sheet = raw.sheet_xml(rows)
    if form.endswith("streamed"):
        sheet = sheet.replace(b"</sheetData>", b"<!-- c --></sheetData>")
        extra = {part: data.replace(b"</sst>", b"<!-- c --></sst>") for part, data in extra.items()}
    found = read_sheet("f.xlsx", raw.workbook(sheet, extra=extra), 2**20)
    assert isinstance(found, RawSheet), found
    by_row = {row.number: stored(row.cells[0], False).value for row in found.rows}
    return [by_row.get(i + 1, "") for i in range(len(texts))]


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(_ESCAPY.filter(lambda t: t.strip() == t and t), min_size=1, max_size=5),
    form=st.sampled_from(["shared", "inline", "shared streamed", "inline streamed"]),
)
def test_escapes_are_read_as_excel_reads_them(texts: list[str], form: str) -> None:
    """Shared and inline strings, read whole or streamed: each ``_xHHHH_`` is the
    character it escapes, ``_x005F_`` an underscore that keeps what follows literal."""
    assert _cells(texts, form) == [_reference(t) for t in texts]


def test_the_escapes_of_the_finding() -> None:
    texts = ["a_x000D_b", "_x005F_x0041_", "_x0041__x0042_", "_X0041_", "_xD83D_", "_x00e9_"]
    expected = ["a\rb", "_x0041_", "AB", "_X0041_", "_xD83D_", "é"]
    for form in ("shared", "inline", "shared streamed", "inline streamed"):
        assert _cells(texts, form) == expected


def test_escapes_read_as_calamine_reads_them(tmp_path: Path) -> None:
    """python-calamine (where installed) reads the same texts (openpyxl 3.1 decodes
    no escape in a cell's text at all: it is not the reference here)."""
    calamine = pytest.importorskip("python_calamine")
    texts = [
        "a_x000D_b",
        "_x005F_x0041_",
        "_x0041__x0042_",
        "_X0041_",
        "_xD83D_",
        "_x00e9_",
        "_x004_",
    ]
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    types = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    rows = [
        (i + 1, [raw.shared(f"A{i + 1}", i), raw.text(f"B{i + 1}", t)]) for i, t in enumerate(texts)
    ]
    extra = {
        "xl/sharedStrings.xml": raw.shared_strings(texts),
        "_rels/.rels": rels,
        "[Content_Types].xml": types,
    }
    path = tmp_path / "escapes.xlsx"
    path.write_bytes(raw.workbook(raw.sheet_xml(rows), extra=extra))
    theirs = calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    found = read_sheet("f.xlsx", path.read_bytes(), 2**20)
    assert isinstance(found, RawSheet)
    ours = [[stored(row.cells[i], False).value for i in (0, 1)] for row in found.rows]
    assert ours == [list(row) for row in theirs]


@settings(max_examples=60, deadline=None)
@given(value=_ESCAPY.filter(lambda t: t.strip() == t and t) | st.sampled_from(["a\rb", "_x000D_"]))
def test_a_text_with_escapes_goes_through_the_template_as_typed(value: str) -> None:
    """The template writes a text that looks like an escape, or holds a carriage
    return, so that it reads back as typed."""
    row = [""] * len(HEADER)
    row[0], row[HEADER.index("Nom")] = "330058066", value
    data = write_xlsx(sheets.COLUMNS, [""] * len(HEADER), [row])
    found = read_sheet("f.xlsx", data, 2**24)
    assert isinstance(found, RawSheet)
    assert stored(found.rows[1].cells[HEADER.index("Nom")], False).value == value


# -- CSV: RFC 4180 quoting, and a quote that swallows rows ------------------------------------


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([HEADER, *rows])
    return out.getvalue().encode("utf-8")


def _plain_row(**changes: str) -> list[str]:
    return ["" if v is None else str(v) for v in ordering_row(**changes)]


_CELL_LINES = (
    st.lists(
        st.text(st.sampled_from(["a", "é", " ", ";", '"', "1", "\r", "\n"]), max_size=12),
        min_size=2,
        max_size=4,
    )
    .map("\n".join)
    .filter(lambda t: t.count(";") < len(HEADER) - 1)
)


@settings(max_examples=80, deadline=None)
@given(text=_CELL_LINES, header=st.sampled_from(HEADER))
def test_a_quoted_cell_with_line_breaks_and_separators_is_its_text(text: str, header: str) -> None:
    """RFC 4180: a cell written in quotes holds line breaks, separators and quotes
    (doubled) as its text, in any column; it is never `sheet.quote`, and in the
    ignored "Raison sociale" it blocks nothing."""
    row = _plain_row()
    row[HEADER.index(header)] = text
    report = sheets.read(_csv([row]), name="clients.csv")
    assert "sheet.quote" not in {p.code for p in report.problems}, report.problems
    assert "sheet.row" not in {p.code for p in report.problems}, report.problems
    if header == "Raison sociale":
        assert report.ok, report.problems


def test_the_findings_quoted_cell() -> None:
    row = _plain_row()
    row[HEADER.index("Raison sociale")] = "Clinique du Parc;\nBâtiment B"
    assert sheets.read(_csv([row]), name="clients.csv").ok


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(2, 6),
    data=st.data(),
)
def test_a_quote_that_swallows_rows_is_never_silent(count: int, data: st.DataObject) -> None:
    """Rows written whole, as spreadsheet programs write them: a quote opened in any
    cell and closed in any cell further down (or never) is `sheet.quote` or makes a
    row wider or narrower than the header (`sheet.row`): never read as one cell's
    text without a word."""
    finesses = ["330058066", "010002129", "750712184", "690781810", "130043631", "920000650"]
    rows = [_plain_row(finessJuridique=finesses[i]) for i in range(count)]
    opened = data.draw(st.integers(0, count - 2), label="opened row")
    column = data.draw(st.integers(0, len(HEADER) - 1), label="opened column")
    rows[opened][column] = '"' + rows[opened][column]
    closed = data.draw(st.none() | st.integers(opened + 1, count - 1), label="closed row")
    if closed is not None:
        at = data.draw(st.integers(0, len(HEADER) - 1), label="closed column")
        rows[closed][at] += '"'
    text = "\r\n".join(";".join(r) for r in [HEADER, *rows])
    report = sheets.read(text.encode(), name="clients.csv")
    assert {"sheet.quote", "sheet.row"} & {p.code for p in report.problems}, report.problems
    assert report.written is None
    assert not report.ok
