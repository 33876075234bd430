"""Issue 27, second round: digits as stored — a number in a date-formatted cell,
Excel's ``_xHHHH_`` escapes, CSV's quoting (docs: sheets.md#files)."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from segur_certificats import sheets
from segur_certificats._rules.restore import lost_zero

from . import raw
from .test_sheets import HEADER

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
