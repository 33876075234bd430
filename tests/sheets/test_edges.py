"""The spreadsheet's edges under attack (docs: sheets.md): nothing lost, every row
accounted for, cost in proportion to the cells present, what real programs write,
files written atomically."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import cli, sheets, telephone
from segur_certificats._rules.restore import lost_zero
from segur_certificats.sheets import _columns
from segur_certificats.sheets._cells import unquoted
from segur_certificats.sheets._template import neutralised

from ..conftest import ROOT
from . import raw
from .test_sheets import HEADER, ordering_row, workbook

EXAMPLE = ROOT / "examples/ms1-plusieurs-entites.json"
FUNCTION_SCOPED = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def found(report: sheets.SheetReport) -> set[tuple[str | None, str]]:
    return {(p.cell, p.code) for p in report.problems}


def csv_file(tmp_path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / "clients.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def line(**changes: Any) -> str:
    return ";".join("" if v is None else str(v) for v in ordering_row(**changes))


def example_rows() -> tuple[str, list[str]]:
    """The example request, and its template's CSV lines."""
    text = EXAMPLE.read_text(encoding="utf-8")
    rows = sheets.template_rows(sc.loads(text))
    return text, [";".join(HEADER), *(";".join(row) for row in rows)]


# -- 1. Every physical row is accounted for -------------------------------------------------


@pytest.mark.parametrize("close_at", [None, 3, 4])
def test_a_quote_that_swallows_rows_is_located_and_nothing_is_written(
    tmp_path: Path, close_at: int | None
) -> None:
    text, lines = example_rows()
    # An unbalanced quote typed in the ignored "Raison sociale" of the first row,
    # closed further down (or never).
    first = lines[1].split(";")
    first[1] = '"Clinique'
    lines[1] = ";".join(first)
    if close_at is not None and close_at < len(lines):
        cells = lines[close_at].split(";")
        cells[1] = 'Autre"'
        lines[close_at] = ";".join(cells)
    path = csv_file(tmp_path, lines)
    report = sheets.read(path, into=text)
    quote = [p for p in report.problems if p.code == "sheet.quote"]
    assert quote
    assert quote[0].cell == "clients!B2"
    assert quote[0].is_error
    assert report.written is None
    out = tmp_path / "out.json"
    assert cli.main(["import", str(path), "--into", str(EXAMPLE), "-o", str(out)]) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("cells", "variant", "cell"),
    [
        ([*ordering_row()[:11], "en trop"], "beyond", "clients!L2"),
        (ordering_row()[:9], "narrower", "clients!2:2"),
    ],
)
def test_rows_wider_or_narrower_than_the_header(
    tmp_path: Path, cells: list[Any], variant: str, cell: str
) -> None:
    row = ";".join("" if v is None else str(v) for v in cells)
    report = sheets.read(csv_file(tmp_path, [";".join(HEADER), row]))
    assert [(p.cell, p.variant) for p in report.problems if p.code == "sheet.row"] == [
        (cell, variant)
    ]
    assert not report.ok


def test_a_row_with_empty_cells_beyond_the_header_is_fine(tmp_path: Path) -> None:
    report = sheets.read(csv_file(tmp_path, [";".join(HEADER), line() + ";;;"]))
    assert report.ok, str(report)


def test_a_line_break_in_the_ignored_column_is_its_text(tmp_path: Path) -> None:
    cells = [("" if v is None else str(v)) for v in ordering_row()]
    cells[1] = '"Clinique\r\ndu Parc"'
    report = sheets.read(csv_file(tmp_path, [";".join(HEADER), ";".join(cells)]))
    assert report.ok, str(report)


@FUNCTION_SCOPED
@given(
    rows=st.lists(
        st.lists(
            st.sampled_from(["Oui", "330058066", '"', 'a"b', '"x;y', "", "Non", "\n"]), max_size=13
        ),
        max_size=6,
    )
)
def test_every_row_is_accounted_for(tmp_path: Path, rows: list[list[str]]) -> None:
    # Whatever the quotes do, each physical line that holds something is a row of
    # the report, or part of a cell a problem names.
    text = "\r\n".join([";".join(HEADER), *(";".join(row) for row in rows)])
    path = tmp_path / "q.csv"
    path.write_text(text, encoding="utf-8")
    report = sheets.read(path)
    lines = {n for n, _ in report.rows}
    for problem in report.problems:
        if problem.code == "sheet.quote":
            lines |= set(range(int(problem.params["first"]), int(problem.params["last"]) + 1))
    if report.ok:
        assert len(report.entites) == len(report.rows)


# -- 2. Duplicates; 3. rows missing; 4. the empty sheet -----------------------------------------


@pytest.mark.parametrize("second", ["", "Non", "Oui"])
def test_the_same_finess_twice_is_an_error_at_both_cells(tmp_path: Path, second: str) -> None:
    text, lines = example_rows()
    first = lines[1].split(";")
    again = [first[0], "", second, *[""] * (len(HEADER) - 3)]
    path = csv_file(tmp_path, [*lines, ";".join(again)])
    report = sheets.read(path, into=text)
    assert {
        ("clients!A2", "sheet.duplicate"),
        (f"clients!A{len(lines) + 1}", "sheet.duplicate"),
    } <= found(report)
    assert report.written is None
    # The number written differently (spaces, a number cell) is the same entity.
    book = workbook([ordering_row(), ordering_row(finessJuridique=330058066)])
    book.save(tmp_path / "b.xlsx")
    report = sheets.read(tmp_path / "b.xlsx")
    assert {
        ("Administrateurs!A2", "sheet.duplicate"),
        ("Administrateurs!A3", "sheet.duplicate"),
    } <= found(report)


def test_a_missing_row_keeps_the_requests_block(tmp_path: Path) -> None:
    text, lines = example_rows()
    demande = sc.loads(text)
    ordering = [i for i, e in enumerate(demande.entites_juridiques) if e.administrateur]
    dropped = ordering[0]
    kept = [row for i, row in enumerate(lines) if i != dropped + 1]
    report = sheets.read(csv_file(tmp_path, kept), into=text)
    missing = [p for p in report.problems if p.code == "sheet.missing-row"]
    assert [p.path for p in missing] == [f"/entitesJuridiques/{dropped}"]
    assert not missing[0].is_error
    assert report.ok
    assert report.written == text  # nothing the sheet did not say changes


def test_only_a_row_saying_non_removes_an_order(tmp_path: Path) -> None:
    text, lines = example_rows()
    demande = sc.loads(text)
    index = next(i for i, e in enumerate(demande.entites_juridiques) if e.administrateur)
    cells = lines[index + 1].split(";")
    cells[2:] = ["Non"] + [""] * (len(HEADER) - 3)
    lines[index + 1] = ";".join(cells)
    report = sheets.read(csv_file(tmp_path, lines), into=text)
    assert report.ok, str(report)
    written = sc.loads(report.written or "")
    assert written.entites_juridiques[index].administrateur is None
    others = [e for i, e in enumerate(written.entites_juridiques) if i != index]
    assert others == [e for i, e in enumerate(demande.entites_juridiques) if i != index]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_alone_is_an_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"vide{suffix}"
    sheets.write_template(path)
    report = sheets.read(path)
    assert [(p.code, p.is_error) for p in report.problems] == [("sheet.empty", True)]
    out = tmp_path / "out.json"
    assert cli.main(["import", str(path), "-o", str(out)]) == 1
    assert not out.exists()


# -- 5. Bounded -----------------------------------------------------------------------------------


def _peak(path: Path, **options: Any) -> tuple[sheets.SheetReport, int]:
    tracemalloc.start()
    try:
        report = sheets.read(path, **options)
        return report, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


HEADER_CELLS = [raw.text(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)]


@pytest.mark.parametrize(
    ("rows", "merged", "dimension"),
    [
        (
            [(1, HEADER_CELLS), (1_048_576, [raw.text("A1048576", "330058066")])],
            (),
            "A1:XFD1048576",
        ),
        ([(1, HEADER_CELLS), (50_000_000, [raw.text("A50000000", "330058066")])], (), None),
        ([(1, HEADER_CELLS), (2, [raw.text("A2", "330058066")])], ("A2:XFD1048576",), None),
        ([(1, HEADER_CELLS), (2, [raw.text("XFD2", "x")])], ("B3:XFD1048576", "A1:A1"), None),
    ],
)
def test_cost_follows_the_cells_present(
    tmp_path: Path, rows: list[Any], merged: tuple[str, ...], dimension: str | None
) -> None:
    path = tmp_path / "grand.xlsx"
    path.write_bytes(raw.workbook(raw.sheet_xml(rows, merged, dimension)))
    report, peak = _peak(path)
    assert peak < 20 * 2**20, peak  # a few cells: a few megabytes, whatever the area declared
    assert all(p.code != "internal-error" for p in report.problems)
    assert len(report.rows) <= 1


def test_a_merged_range_over_the_whole_sheet_hides_the_cells_of_each_row(tmp_path: Path) -> None:
    rows = [
        (1, HEADER_CELLS),
        (2, [raw.text("A2", "330058066")]),
        (3, [raw.text("A3", "750712184")]),
    ]
    path = tmp_path / "fusion.xlsx"
    path.write_bytes(raw.workbook(raw.sheet_xml(rows, ["C2:XFD1048576"])))
    report = sheets.read(path)
    assert ("Administrateurs!C3", "sheet.merged") in found(report)
    assert ("Administrateurs!K3", "sheet.merged") in found(report)
    assert ("Administrateurs!C2", "sheet.merged") not in found(report)  # its first cell


def test_a_zip_bomb_stops_at_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(raw.bomb(64 * 2**20))
    assert path.stat().st_size < 2**20
    report, peak = _peak(path, max_size=8 * 2**20)
    assert [(p.code, p.variant) for p in report.problems] == [("sheet.unreadable", "too-large")]
    assert "--max-size" in report.problems[0].message()
    assert peak < 20 * 2**20
    # Within a larger limit, the same file is read (and is a sheet with no header).
    report = sheets.read(path, max_size=128 * 2**20)
    assert [p.variant for p in report.problems] == ["none"]


def test_the_size_limit_bounds_the_file_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    sheets.write_template(path, sc.loads(EXAMPLE.read_text(encoding="utf-8")))
    report = sheets.read(path, max_size=100)
    assert [(p.code, p.variant) for p in report.problems] == [("file.unreadable", "too-large")]
    assert cli.main(["import", str(path), "--max-size", "100"]) == 1
    assert "--max-size" in capsys.readouterr().out
    assert cli.main(["import", str(path), "--max-size", "1M"]) == 0


def test_rows_are_bounded_by_the_size_limit(tmp_path: Path) -> None:
    lines = [";".join(HEADER)] + ["330058066;;Non"] * 300
    path = csv_file(tmp_path, lines)
    report = sheets.read(path, max_size=64 * 1024)  # 102 rows at most
    assert [(p.code, p.variant) for p in report.problems] == [("sheet.unreadable", "too-many-rows")]


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_xml_entities_are_refused(tmp_path: Path, declaration: str) -> None:
    sheet = raw.sheet_xml([(1, HEADER_CELLS)]).replace(b"?>", b"?>" + declaration.encode(), 1)
    path = tmp_path / "entites.xlsx"
    path.write_bytes(raw.workbook(sheet))
    assert [p.variant for p in sheets.read(path).problems] == ["not-spreadsheet"]


def test_a_zip_of_many_parts_is_not_read(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(10_001):
            archive.writestr(f"p{index}", b"")
    path = tmp_path / "parts.xlsx"
    path.write_bytes(out.getvalue())
    assert [p.variant for p in sheets.read(path).problems] == ["not-spreadsheet"]


# -- 6. Formulas: error values, arrays and data tables ------------------------------------------


@pytest.mark.parametrize(
    "value", ["#NAME?", "#DIV/0!", "#VALUE!", "#REF!", "#N/A", "#NUM!", "#NULL!"]
)
def test_error_values_are_errors(tmp_path: Path, value: str) -> None:
    cells = [raw.text("A2", "330058066"), raw.text("C2", "Non"), raw.error("H2", value, "1/0")]
    path = tmp_path / "erreurs.xlsx"
    path.write_bytes(raw.workbook(raw.sheet_xml([(1, HEADER_CELLS), (2, cells)])))
    report = sheets.read(path)
    problem = next(p for p in report.problems if p.cell == "Administrateurs!H2")
    assert (problem.code, problem.is_error) == ("sheet.error", True)
    assert value in problem.message()
    # The same error value saved into a CSV (or typed) is no value either.
    csv = csv_file(tmp_path, [";".join(HEADER), line(nomAdminTechnique=value)])
    assert ("clients!H2", "sheet.error") in found(sheets.read(csv))


@pytest.mark.parametrize(
    ("attributes", "shown"),
    [
        (' t="array" ref="H2"', "{=UPPER(B2)}"),
        (' t="dataTable" ref="H2" dt2D="1" r1="B1" r2="B2"', "{=TABLE(B1;B2)}"),
        (' t="shared" ref="H2" si="0"', "=UPPER(B2)"),
    ],
)
def test_array_and_data_table_formulas_are_described(
    tmp_path: Path, attributes: str, shown: str
) -> None:
    cells = [
        raw.text("A2", "330058066"),
        raw.text("C2", "Oui"),
        raw.formula("H2", "UPPER(B2)", None, attributes),
    ]
    path = tmp_path / "matrice.xlsx"
    path.write_bytes(raw.workbook(raw.sheet_xml([(1, HEADER_CELLS), (2, cells)])))
    report = sheets.read(path)
    problem = next(p for p in report.problems if p.cell == "Administrateurs!H2")
    assert problem.code == "sheet.formula"
    assert shown in problem.message()
    assert "object at 0x" not in str(report.problems)


# -- 7. A lost zero is only suspected for numbers -------------------------------------------------


@pytest.mark.parametrize("phone", ["0686031089", "0492123456", "0687123456", "0590271234"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_valid_phone_typed_as_text_reads(tmp_path: Path, phone: str, suffix: str) -> None:
    assert telephone.is_valid(phone)
    admin = sc.AdministrateurTechnique(nom="STU", telephone=phone, email="a@b.fr")
    entities = [sc.EntiteJuridique(finess_juridique="330058066", administrateur=admin)]
    path = tmp_path / f"clients{suffix}"
    sheets.write_template(path, entities)
    report = sheets.read(path)
    assert not any(p.code == "sheet.number" for p in report.problems), str(report)
    entite = report.entites[0]
    assert entite is not None
    assert entite.administrateur is not None
    assert entite.administrateur.telephone == phone


@settings(max_examples=60, deadline=None)
@given(digits=st.from_regex(r"[1-9][0-9]{8,10}", fullmatch=True))
def test_a_suggested_zero_is_always_valid(digits: str) -> None:
    fixed = lost_zero("telAdminTechnique", digits)
    assert fixed is None or telephone.is_valid(fixed)


def test_a_number_cell_that_lost_its_zero_is_named(tmp_path: Path) -> None:
    book = workbook([ordering_row(telAdminTechnique=686031089)])
    book.save(tmp_path / "n.xlsx")
    problem = next(p for p in sheets.read(tmp_path / "n.xlsx").problems if p.code == "sheet.number")
    assert "0686031089" in problem.message()


# -- 8. Neutralisation reads back through every format ----------------------------------------


TRICKY = [
    "+33 5 56 79 56 79",
    "'+dupont@editeur.fr",
    "=1+1",
    "''=x",
    "'",
    "-",
    "＝1",
    "＋33",
    "@x",
    "'quote",
]


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_neutralised_text_reads_back_exactly(tmp_path: Path, suffix: str, value: str) -> None:
    admin = sc.AdministrateurTechnique(nom=value)
    entities = [sc.EntiteJuridique(finess_juridique="330058066", administrateur=admin)]
    path = tmp_path / f"clients{suffix}"
    sheets.write_template(path, entities)
    entite = sheets.read(path).entites[0]
    assert entite is not None
    assert entite.administrateur is not None
    assert entite.administrateur.nom == value


@pytest.mark.parametrize("value", TRICKY)
def test_a_csv_cell_saved_as_a_workbook_reads_back(tmp_path: Path, value: str) -> None:
    # What a spreadsheet program keeps of the CSV's cell: the quote stays as text.
    written = neutralised(value)
    book = workbook([ordering_row(nomAdminTechnique=written)])
    book.save(tmp_path / "saved.xlsx")
    entite = sheets.read(tmp_path / "saved.xlsx").entites[0]
    assert entite is not None
    assert entite.administrateur is not None
    assert entite.administrateur.nom == value


@given(st.text(max_size=8))
def test_neutralised_and_unquoted_are_inverse(value: str) -> None:
    assert unquoted(neutralised(value)) == value


# -- 9. Encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "warned"), [("utf-8", False), ("utf-8-sig", False), ("cp1252", True)]
)
def test_utf8_else_windows_1252(tmp_path: Path, encoding: str, warned: bool) -> None:
    path = csv_file(tmp_path, [";".join(HEADER), line(nomAdminTechnique="Hélène Œ")], encoding)
    report = sheets.read(path)
    assert report.ok, str(report)
    entite = report.entites[0]
    assert entite is not None
    assert entite.administrateur is not None
    assert entite.administrateur.nom == "Hélène Œ"
    notes = [p for p in report.problems if p.code == "sheet.encoding"]
    assert bool(notes) is warned
    if warned:
        assert "Windows-1252" in notes[0].message()
        assert not notes[0].is_error


# -- 10. .ods and .xls ----------------------------------------------------------------------------


def _ods(rows: str) -> bytes:
    return raw.ods(rows)


def _ods_text(value: str, repeat: int = 1) -> str:
    return raw.ods_cell(value, repeat)


def test_ods_is_read(tmp_path: Path) -> None:
    header = "".join(_ods_text(h) for h in HEADER)
    row = "".join(
        _ods_text(v) if v is not None else "<table:table-cell/>"
        for v in ordering_row(contractualisationEditeur="Non", contracutualisationOG="Non")
    )
    phone = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>330058066'
        '</text:p></table:table-cell><table:table-cell table:number-columns-repeated="7"/>'
        '<table:table-cell office:value-type="float" office:value="603334174"><text:p>603334174'
        "</text:p></table:table-cell>"
        '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0"'
        ' calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>'
    )
    rows = (
        f"<table:table-row>{header}</table:table-row>"
        f"<table:table-row>{row}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell'
        ' table:number-columns-repeated="16384"/></table:table-row>' + phone
    )
    path = tmp_path / "clients.ods"
    path.write_bytes(_ods(rows))
    report, peak = _peak(path)
    assert peak < 20 * 2**20
    assert report.entites[0] is not None
    assert report.entites[0].administrateur is not None
    assert report.entites[0].administrateur.nom == "STU"
    assert {
        ("Administrateurs!I1048003", "sheet.number"),
        ("Administrateurs!J1048003", "sheet.error"),
    } <= found(report)


def test_ods_repeated_rows_of_values_are_rows_and_bounded(tmp_path: Path) -> None:
    header = "".join(_ods_text(h) for h in HEADER)
    first = f"<table:table-row>{header}</table:table-row>"
    repeated = '<table:table-row table:number-rows-repeated="{}">{}</table:table-row>'
    rows = first + repeated.format(3, _ods_text("330058066"))
    path = tmp_path / "r.ods"
    path.write_bytes(_ods(rows))
    report = sheets.read(path)
    assert [p.cell for p in report.problems if p.code == "sheet.duplicate"] == [
        "Administrateurs!A2",
        "Administrateurs!A3",
        "Administrateurs!A4",
    ]
    bomb = first + repeated.format(1_048_575, _ods_text("330058066", 16384))
    path.write_bytes(_ods(bomb))
    report, peak = _peak(path)
    assert [p.code for p in report.problems] == ["sheet.unreadable"]
    assert peak < 200 * 2**20


# -- 12-13. Headers and the words of the messages ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Tél.", "Téléphone"), ("Tel", "Téléphone"), ("Mail", "Email"), ("E-mail", "Email")],
)
def test_a_renamed_header_is_suggested_once_and_the_rest_judged(
    tmp_path: Path, typed: str, meant: str
) -> None:
    header = [typed if h == meant else h for h in HEADER]
    bad_name = ordering_row(nomAdminTechnique="N" * 30)
    path = tmp_path / "t.xlsx"
    workbook([bad_name, ordering_row(finessJuridique="750712184")], header).save(path)
    report = sheets.read(path)
    headers = [p for p in report.problems if p.code == "sheet.header"]
    assert len(headers) == 1
    assert meant in headers[0].message()
    assert ("Administrateurs!H2", "max-length") in found(report)
    assert not any(p.code == "required" for p in report.problems)


def test_messages_name_the_column_header(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    workbook([ordering_row(nomAdminTechnique="N" * 30, demandeCertificatServeur=None)]).save(path)
    report = sheets.read(path)
    for problem in report.problems:
        for lang in ("fr", "en"):
            message = problem.message(lang)
            assert "nomAdminTechnique" not in message
            assert "demandeCertificatServeur" not in message
    assert any("Nom" in p.message() for p in report.problems)


def test_the_utilite_choices_are_distinct() -> None:
    column = next(c for c in sheets.COLUMNS if c.key == "utiliteCertificat")
    note = sheets.note(column)
    assert "« DMP », « INS », « DMP, INS »" in note
    assert _columns.choices_text(["a", "a"]) == "« a »"


# -- 15-16. Files written -------------------------------------------------------------------------


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "clients.csv"
    sheets.write_template(path, sc.loads(EXAMPLE.read_text(encoding="utf-8")))
    return path


@pytest.mark.parametrize("where", ["folder", "missing", "under-a-file"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    sheet = _filled(tmp_path)
    target = {
        "folder": tmp_path,
        "missing": tmp_path / "absent" / "out.json",
        "under-a-file": sheet / "out.json",  # even root cannot write there
    }[where]
    status = cli.main(["import", str(sheet), "--into", str(EXAMPLE), "-o", str(target)])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert str(target) in err


def test_a_failing_disk_leaves_the_request_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _filled(tmp_path)
    request = tmp_path / "demande.json"
    request.write_bytes(EXAMPLE.read_bytes())

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    status = cli.main(["import", str(sheet), "--into", str(request), "-o", str(request)])
    assert status == 2
    assert request.read_bytes() == EXAMPLE.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert "No space left" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["req.json", "out.ods", "out.xls", "out", "out.txt"])
def test_template_writes_only_its_formats(tmp_path: Path, name: str) -> None:
    assert cli.main(["template", str(tmp_path / name)]) == 2
    assert not (tmp_path / name).exists()
    with pytest.raises(ValueError, match=r"xlsx or \.csv"):
        sheets.write_template(tmp_path / name)


def test_a_template_that_cannot_be_written_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "absent" / "t.csv"
    assert cli.main(["template", str(target), "--from", str(EXAMPLE)]) == 2
    assert not target.parent.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("segur-certificats template: ")
    assert str(target) in captured.err


def test_template_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    request = tmp_path / "req.csv"
    request.write_bytes(b"mine")
    assert cli.main(["template", str(request), "--from", str(EXAMPLE)]) == 2
    assert request.read_bytes() == b"mine"
    assert cli.main(["template", str(request), "--from", str(EXAMPLE), "--force"]) == 0
    assert request.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_missing_extra_is_the_same_in_every_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert cli.main(["template", str(tmp_path / "t.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'segur-certificats[xlsx]'" in err
    assert "demande" in err  # French by default
    assert cli.main(["template", str(tmp_path / "t.xlsx"), "--lang", "en"]) == 2
    assert "needs openpyxl" in capsys.readouterr().err
    # Reading a workbook needs no extra.
    path = tmp_path / "ok.xlsx"
    path.write_bytes(
        raw.workbook(
            raw.sheet_xml(
                [(1, HEADER_CELLS), (2, [raw.text("A2", "330058066"), raw.text("C2", "Non")])]
            )
        )
    )
    assert cli.main(["import", str(path)]) == 0


# -- 17. The command line and the report ------------------------------------------------------


def test_import_reads_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"clients{suffix}"
        sheets.write_template(path, sc.loads(EXAMPLE.read_text(encoding="utf-8")))
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
        out = tmp_path / "out.json"
        assert cli.main(["import", "-", "--into", str(EXAMPLE), "-o", str(out)]) == 0
        assert out.read_bytes() == EXAMPLE.read_bytes()
        out.unlink()
    capsys.readouterr()


def test_an_unreadable_request_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _filled(tmp_path)
    request = tmp_path / "demande.json"
    request.write_text('{"entitesJuridiques": [', encoding="utf-8")
    assert cli.main(["import", str(sheet), "--into", str(request)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{request}:")
    assert cli.main(["import", str(sheet), "--into", str(tmp_path / "absent.json")]) == 1
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'absent.json'}:")


def test_pointers_with_and_without_into(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    demande = sc.loads(text)
    number = demande.entites_juridiques[0].finess_juridique
    assert number is not None
    path = tmp_path / "n.xlsx"
    workbook([ordering_row(finessJuridique=int(number))]).save(path)
    alone = next(p for p in sheets.read(path).problems if p.cell == "Administrateurs!A2")
    into = next(p for p in sheets.read(path, into=text).problems if p.cell == "Administrateurs!A2")
    assert alone.path == "/0/finessJuridique"
    assert into.path == "/entitesJuridiques/0/finessJuridique"


def test_the_html_of_a_huge_cell_is_bounded(tmp_path: Path) -> None:
    path = csv_file(tmp_path, [";".join(HEADER), line(nomAdminTechnique="N" * 1_000_000)])
    report = sheets.read(path)
    assert len(report._repr_html_()) < 50_000


@pytest.mark.parametrize("value", ["a\ufffeb", "a\uffffb", "a\ud800b", "a\x01b"])
def test_the_xlsx_template_refuses_what_a_workbook_cannot_store(tmp_path: Path, value: str) -> None:
    admin = sc.AdministrateurTechnique(nom=value)
    entities = [sc.EntiteJuridique(finess_juridique="330058066", administrateur=admin)]
    path = tmp_path / "t.xlsx"
    with pytest.raises(ValueError, match="cannot hold"):
        sheets.write_template(path, entities)
    assert not path.exists()


def test_the_json_output_of_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = _filled(tmp_path)
    assert cli.main(["import", str(sheet), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_a_memory_error_has_its_own_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv  # noqa: PLC0415

    from segur_certificats.sheets import _xlsx  # noqa: PLC0415

    def exhausted(*_: object, **__: object) -> None:
        raise MemoryError

    path = _filled(tmp_path)
    book = tmp_path / "clients.xlsx"
    sheets.write_template(book, sc.loads(EXAMPLE.read_text(encoding="utf-8")))
    monkeypatch.setattr(csv, "reader", exhausted)
    monkeypatch.setattr(_xlsx.Xlsx, "read", exhausted)
    for sheet in (path, book):
        problems = sheets.read(sheet).problems
        assert [(p.code, p.variant) for p in problems] == [("sheet.unreadable", "memory")]
        assert "mémoire" in problems[0].message().lower()


def test_every_sheet_code_is_documented() -> None:
    from segur_certificats._problems.catalogue import SHEET_CODES  # noqa: PLC0415

    documented = (ROOT / "docs" / "sheets.md").read_text(encoding="utf-8")
    assert [code for code in SHEET_CODES if f"| `{code}` |" not in documented] == []
