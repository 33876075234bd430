"""Spreadsheets (docs: sheets.md): the template out, a filled sheet in, problems by cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import cli, finess, sheets
from segur_certificats.sheets._source import Sheet
from segur_certificats.strategies import demandes

from ..conftest import DATA, ROOT
from ..fuzz.strategies import csv_text

EXAMPLE = ROOT / "examples/ms1-plusieurs-entites.json"
HEADER = [column.header for column in sheets.COLUMNS]
COLUMN = {column.key: index for index, column in enumerate(sheets.COLUMNS)}
# A FINESS juridique that starts with a zero: what Excel's numbers lose.
ZERO = "01000265" + finess.calc_check_digit("01000265")

ROUND_TRIP = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def codes(report: sheets.SheetReport) -> set[tuple[str | None, str]]:
    return {(p.cell, p.code) for p in report.problems}


def workbook(rows: list[list[Any]], header: list[str] = HEADER) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Administrateurs"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return book


def ordering_row(**changes: Any) -> list[Any]:
    """A valid row: the guide's example administrator."""
    values = {
        "finessJuridique": "330058066",
        "demandeCertificatServeur": "Oui",
        "contracutualisationOG": "Non",
        "StatutAdminTechnique": "Editeur",
        "contractualisationEditeur": "Oui",
        "numeroCarteCPX": "8001234567",
        "nomAdminTechnique": "STU",
        "telAdminTechnique": "0603334174",
        "emailAdminTechnique": "a.stu@mail.com",
        "utiliteCertificat": "DMP",
    } | changes
    row: list[Any] = [None] * len(HEADER)
    for key, value in values.items():
        row[COLUMN[key]] = value
    return row


# -- Round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@ROUND_TRIP
@given(demande=demandes())
def test_request_template_read_back(tmp_path: Path, suffix: str, demande: sc.Demande) -> None:
    path = tmp_path / f"clients{suffix}"
    sheets.write_template(path, demande)
    report = sheets.read(path)
    if not demande.entites_juridiques:  # a header alone: nothing to import is an error
        assert [p.code for p in report.problems] == ["sheet.empty"]
        return
    assert report.ok, str(report)
    assert report.entites == demande.entites_juridiques


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_into_the_request_changes_nothing_when_nothing_changed(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"clients{suffix}"
    text = EXAMPLE.read_text(encoding="utf-8")
    sheets.write_template(path, sc.loads(text))
    assert sheets.read(path, into=text).written == text


def test_the_guide_rows_read_back_to_the_guide_json(tmp_path: Path) -> None:
    golden = json.loads((DATA / "golden-envelope.json").read_text(encoding="utf-8"))
    # The request before the administrator was collected: the entity orders nothing yet.
    empty = dict(golden, entitesJuridiques=[{"finessJuridique": "330058066"}])
    path = tmp_path / "clients.xlsx"
    book = workbook([ordering_row()])
    book.save(path)
    day = dt.date(2023, 10, 16)
    into = json.dumps(empty, ensure_ascii=False, indent=2)
    report = sheets.read(path, into=into, date_modification=day)
    assert report.ok, str(report)
    assert isinstance(report.written, str)
    # The import is a modification: the request is dated (docs: editing.md#dated).
    assert json.loads(report.written) == dict(golden, dateModification=day.isoformat())


# -- The template ----------------------------------------------------------------------------


def test_xlsx_template_has_lists_formats_notes_and_help(tmp_path: Path) -> None:
    path = tmp_path / "clients.xlsx"
    sheets.write_template(path, sc.loads(EXAMPLE.read_text(encoding="utf-8")))
    book = openpyxl.load_workbook(path)
    sheet = book["Administrateurs"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.freeze_panes == "A2"
    for key in ("finessJuridique", "numeroCarteCPX", "telAdminTechnique"):
        assert sheet.cell(row=2, column=COLUMN[key] + 1).number_format == "@"
    note = sheet.cell(row=1, column=COLUMN["numeroCarteCPX"] + 1).comment.text
    assert "Obligatoire pour" in note
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    kinds = sorted({v.type for v in rules.values()})
    assert kinds == ["list", "textLength"]
    lists = book["Listes"]
    assert lists.sheet_state == "hidden"
    choices = {lists.cell(row=r, column=COLUMN["utiliteCertificat"] + 1).value for r in (1, 2, 3)}
    assert choices == {"DMP", "INS", "DMP, INS"}
    assert "Aide" in book.sheetnames
    help_rows = list(book["Aide"].iter_rows(values_only=True))
    assert sum(1 for row in help_rows if row and row[-1] == "OBLIGATOIRE") == 4


def test_csv_template_is_what_french_excel_opens(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    sheets.write_template(path, sc.loads(EXAMPLE.read_text(encoding="utf-8")))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == ";".join(HEADER)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)"])
def test_formulas_are_never_written_to_run(tmp_path: Path, suffix: str, payload: str) -> None:
    admin = sc.AdministrateurTechnique(nom=payload)
    demande = [sc.EntiteJuridique(finess_juridique="330058066", administrateur=admin)]
    path = tmp_path / f"clients{suffix}"
    sheets.write_template(path, demande)
    if suffix == ".xlsx":
        cell = openpyxl.load_workbook(path)["Administrateurs"]["H2"]
        assert cell.data_type == "s"
    else:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
        assert rows[1][COLUMN["nomAdminTechnique"]] == "'" + payload
    # Read back as written: the name is then judged, never run.
    report = sheets.read(path)
    assert report.entites[0] is not None
    assert report.entites[0].administrateur is not None
    assert report.entites[0].administrateur.nom == payload


# -- Excel's damage, named by cell -------------------------------------------------------------


def test_excel_damage_is_named_by_cell(tmp_path: Path) -> None:
    rows = [
        ordering_row(finessJuridique=330058066),  # a number, nothing lost
        ordering_row(finessJuridique=int(ZERO), telAdminTechnique=603334174),
        ordering_row(finessJuridique="750712184", numeroCarteCPX=8001234567.0),
        ordering_row(finessJuridique="690781810", nomAdminTechnique=dt.date(2023, 1, 2)),
        ordering_row(finessJuridique="130786049", nomAdminTechnique="=A1"),
    ]
    book = workbook(rows)
    sheet = book.active
    sheet["G4"].number_format = "0.00E+00"
    path = tmp_path / "abime.xlsx"
    book.save(path)
    report = sheets.read(path)
    assert codes(report) >= {
        ("Administrateurs!A2", "sheet.number"),
        ("Administrateurs!A3", "sheet.number"),
        ("Administrateurs!I3", "sheet.number"),
        ("Administrateurs!G4", "sheet.scientific"),
        ("Administrateurs!H5", "sheet.date"),
        ("Administrateurs!H6", "sheet.formula"),
    }
    fixed = {p.cell: p.message() for p in report.problems if p.variant == "zero-lost"}
    assert ZERO in fixed["Administrateurs!A3"]
    assert "0603334174" in fixed["Administrateurs!I3"]
    # Each problem also says where its value goes in the JSON.
    tel = next(p for p in report.problems if p.cell == "Administrateurs!I3")
    assert tel.path == "/1/certificatServeur/telAdminTechnique"
    assert not report.ok
    assert report.written is None


def test_merged_cells_and_header_mistakes(tmp_path: Path) -> None:
    header = [*HEADER[:8], "Telephone portable", *HEADER[9:], "Commentaire"]
    book = workbook([ordering_row(), ordering_row(finessJuridique="750712184")], header)
    book.active.merge_cells("J2:J3")
    path = tmp_path / "fusion.xlsx"
    book.save(path)
    report = sheets.read(path)
    found = codes(report)
    assert ("Administrateurs!J3", "sheet.merged") in found
    renamed = next(p for p in report.problems if p.variant == "renamed")
    assert renamed.cell == "Administrateurs!I1"
    assert "Téléphone" in renamed.message()
    assert any(p.variant == "unknown" and p.cell == "Administrateurs!L1" for p in report.problems)
    # The renamed column is reported once: not also as missing, nor as a blank
    # phone on every row; the other columns are judged.
    assert not any(p.variant == "missing" for p in report.problems)
    assert not any(p.code == "required" for p in report.problems)


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", ["\ufeff", ""])
def test_csv_from_any_excel(tmp_path: Path, delimiter: str, bom: str) -> None:
    row = ordering_row(telAdminTechnique="603334174", emailAdminTechnique="a.stu@mail.com ")
    row[COLUMN["numeroCarteCPX"]] = "8,00E+09"
    lines = [delimiter.join(HEADER), delimiter.join('"' + (v or "") + '"' for v in row)]
    path = tmp_path / "clients.csv"
    path.write_text(bom + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = sheets.read(path)
    assert codes(report) == {
        ("clients!I2", "sheet.number"),
        ("clients!G2", "sheet.scientific"),
        ("clients!J2", "normalised"),
    }
    assert [p.severity.value for p in report.problems if p.code == "normalised"] == ["warning"]


def test_labels_and_codes_are_read(tmp_path: Path) -> None:
    rows = [
        ordering_row(
            demandeCertificatServeur="OUI", StatutAdminTechnique="E", utiliteCertificat="DMP,INS"
        ),
        ordering_row(
            finessJuridique="750712184",
            StatutAdminTechnique="Éditeur",
            contracutualisationOG=False,
            utiliteCertificat="DMP, INS",
        ),
        ordering_row(finessJuridique="690781810", StatutAdminTechnique="Peut-être"),
    ]
    path = tmp_path / "labels.xlsx"
    workbook(rows).save(path)
    report = sheets.read(path)
    assert codes(report) == {("Administrateurs!E4", "enum")}
    assert "Editeur" in report.problems[0].message()
    first, second = report.entites[0], report.entites[1]
    assert first is not None
    assert second is not None
    assert first.administrateur is not None
    assert second.administrateur is not None
    assert first.administrateur.utilite is sc.UtiliteCertificat.DMP_INS
    assert second.administrateur.statut is sc.StatutAdminTechnique.EDITEUR


def test_rules_are_located_by_cell(tmp_path: Path) -> None:
    rows = [
        ordering_row(numeroCarteCPX=None),  # row 4 of the table: the card is mandatory
        ordering_row(demandeCertificatServeur="Non", finessJuridique="750712184"),
        ordering_row(),  # the same FINESS juridique twice
    ]
    path = tmp_path / "regles.xlsx"
    workbook(rows).save(path)
    report = sheets.read(path)
    found = codes(report)
    assert ("Administrateurs!G2", "cpx.required") in found
    assert ("Administrateurs!D3", "must-be-null") in found
    # The same FINESS juridique twice: an error at both cells.
    assert {
        ("Administrateurs!A2", "sheet.duplicate"),
        ("Administrateurs!A4", "sheet.duplicate"),
    } <= found


# -- Into a request ---------------------------------------------------------------------------


def test_unknown_finess_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "clients.xlsx"
    workbook([ordering_row(finessJuridique="750712184"), ordering_row()]).save(path)
    out = tmp_path / "out.json"
    status = cli.main(["import", str(path), "--into", str(EXAMPLE), "-o", str(out)])
    assert status == 1
    assert not out.exists()
    report = sheets.read(path, into=EXAMPLE.read_bytes())
    assert ("Administrateurs!A3", "sheet.unknown-finess") in codes(report)
    assert report.written is None


def test_embedded_document_keeps_every_other_byte(tmp_path: Path) -> None:
    document = ROOT / "examples/embedded/dossier-editeur.json"
    text = document.read_text(encoding="utf-8")
    blocks = sc.validate_embedded(text).blocks
    number = next(b.entite.finess_juridique for b in blocks if b.entite and b.entite.administrateur)
    path = tmp_path / "clients.xlsx"
    workbook([ordering_row(finessJuridique=number, nomAdminTechnique="VIE")]).save(path)
    report = sheets.read(path, into=text, embedded=True)
    assert report.ok, str(report)
    assert isinstance(report.written, str)
    changed = [
        (a, b)
        for a, b in zip(text.splitlines(), report.written.splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 1
    assert '"VIE"' in changed[0][1]


def test_the_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet, out = tmp_path / "clients.xlsx", tmp_path / "out.json"
    assert cli.main(["template", str(sheet), "--from", str(EXAMPLE)]) == 0
    assert cli.main(["import", str(sheet), "--into", str(EXAMPLE), "-o", str(out)]) == 0
    assert out.read_bytes() == EXAMPLE.read_bytes()
    assert cli.main(["import", str(sheet), "--format", "json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert json.loads(lines[-1]) == {"file": str(sheet), "ok": True, "problems": []}
    bad = tmp_path / "bad.xlsx"
    workbook([ordering_row(telAdminTechnique="0123")]).save(bad)
    assert cli.main(["import", str(bad)]) == 1
    assert capsys.readouterr().out.startswith(
        f"{bad}: Administrateurs!I2 (/0/certificatServeur/telAdminTechnique): [tel.invalid] "
    )


# -- Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "variant"),
    [
        ("clients.xlsx", b"not a workbook at all", "not-spreadsheet"),
        ("clients.xlsx", b"PK\x03\x04broken zip", "not-spreadsheet"),
        ("clients.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "protected"),
        ("clients.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "xls"),
        ("clients.ods", b"not a workbook at all", "not-spreadsheet"),
        # Neither UTF-8 nor Windows-1252 (0x81 is no character of it).
        ("clients.csv", b"FINESS juridique;Nom\n33005806\x81", "encoding"),
        ("clients.csv", b"FINESS\0juridique", "nul"),
        ("clients.csv", b'FINESS juridique;Nom\n"' + b"x" * 200_000, "field-too-long"),
    ],
)
def test_not_a_readable_sheet(tmp_path: Path, name: str, data: bytes, variant: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    report = sheets.read(path)
    assert [(p.code, p.variant) for p in report.problems] == [("sheet.unreadable", variant)]


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "clients.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert [p.code for p in sheets.read(path).problems] == ["sheet.unreadable"]


def test_missing_file_and_header(tmp_path: Path) -> None:
    assert [p.code for p in sheets.read(tmp_path / "absent.csv").problems] == ["file.unreadable"]
    path = tmp_path / "clients.csv"
    path.write_text("\n330058066;Oui\n", encoding="utf-8")
    assert [p.variant for p in sheets.read(path).problems] == ["none"]
    path.write_text("Nom;Email\nSTU;a@b.fr\n", encoding="utf-8")
    report = sheets.read(path)
    assert [p.variant for p in report.problems] == ["missing"]
    assert "FINESS juridique" in report.problems[0].message()


def test_many_rows_cost_in_proportion(tmp_path: Path) -> None:
    # No timing assertion (shared machines): the reading is linear, so 20,000
    # rows end as a report like two rows do, each problem at its own cell.
    path = tmp_path / "grand.csv"
    lines = [";".join(HEADER)]
    for i in range(20_000):
        body = f"{i:08d}"
        number = body + finess.calc_check_digit(body)
        lines.append(
            f"{number};;Oui;Non;Editeur;Non;;Nom;0603334174;a@b.fr;{'DMP' if i % 2 else 'X'}"
        )
    path.write_text("\n".join(lines), encoding="utf-8")
    report = sheets.read(path)
    assert len(report.entites) == 20_000
    assert len(report.errors) == 10_000
    assert report.errors[-1].cell == "grand!K20000"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.text(max_size=12),
                st.sampled_from(
                    [
                        "Oui",
                        "Non",
                        "E",
                        "DMP",
                        "0603334174",
                        "330058066",
                        "<b>x</b>",
                        "=1+1",
                        "\0",
                        "\ud800",
                    ]
                ),
            ),
            min_size=0,
            max_size=13,
        ),
        max_size=5,
    ),
    delimiter=st.sampled_from([";", ","]),
)
def test_any_csv_ends_as_a_report(
    tmp_path: Path, cells: list[list[str | None]], delimiter: str
) -> None:
    text = csv_text([list(HEADER), *cells], delimiter)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    report = sheets.read(path)
    if report.ok:
        for entite in report.entites:
            assert entite is not None
    html = BeautifulSoup(report._repr_html_(), "html.parser")
    assert html.find("b") is None  # values are text, never markup


def test_jupyter_highlights_the_cells_in_error(tmp_path: Path) -> None:
    path = tmp_path / "clients.xlsx"
    workbook([ordering_row(nomAdminTechnique="<script>x</script>")]).save(path)
    report = sheets.read(path)
    html = BeautifulSoup(report._repr_html_(), "html.parser")
    assert html.find("script") is None
    flagged = html.find_all("td", class_="sc-cell-problem")
    assert len(flagged) == 1
    assert "nom.format" in flagged[0]["title"]


def test_never_raises_on_a_bad_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Should this package fail inside, the sheet's report says so: no traceback.
    path = tmp_path / "clients.csv"
    sheets.write_template(path, sc.loads(EXAMPLE.read_text(encoding="utf-8")))

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Sheet, "_header", broken)
    report = sheets.read(path)
    assert [p.code for p in report.problems] == ["internal-error"]
    assert not report.ok


def test_wrong_arguments_raise_invalid_argument(tmp_path: Path) -> None:
    with pytest.raises(sc.InvalidArgument, match="into"):
        sheets.read(tmp_path / "x.csv", into=Path("demande.json"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("suffix", "value"), [(".csv", "S\0TU"), (".xlsx", "S\x01TU")])
def test_what_no_spreadsheet_keeps_is_refused(tmp_path: Path, suffix: str, value: str) -> None:
    admin = sc.AdministrateurTechnique(nom=value)
    entities = [sc.EntiteJuridique(finess_juridique="330058066", administrateur=admin)]
    path = tmp_path / f"clients{suffix}"
    with pytest.raises(ValueError, match="cannot hold"):
        sheets.write_template(path, entities)
    assert not path.exists()


def test_the_guide_pop_in_row(tmp_path: Path) -> None:
    # The guide's add pop-in, typed with its labels: "DMP, INS", a masked card.
    path = tmp_path / "clients.csv"
    row = ordering_row(
        contracutualisationOG="Oui", numeroCarteCPX="XXXXXXXXXX", utiliteCertificat="DMP, INS"
    )
    path.write_text(
        ";".join(HEADER) + "\n" + ";".join(v or "" for v in row) + "\n", encoding="utf-8"
    )
    report = sheets.read(path)
    assert [(p.cell, p.code) for p in report.problems] == [("clients!G2", "cpx.format")]
    assert report.ok
    entite = report.entites[0]
    assert entite is not None
    assert entite.administrateur == sc.AdministrateurTechnique(
        contractualisation_og=True,
        statut=sc.StatutAdminTechnique.EDITEUR,
        contractualisation_editeur=True,
        numero_carte_cpx="XXXXXXXXXX",
        nom="STU",
        telephone="0603334174",
        email="a.stu@mail.com",
        utilite=sc.UtiliteCertificat.DMP_INS,
    )


def _with_cached_values(data: bytes, value: str) -> bytes:
    """The workbook as a spreadsheet program saves it: each formula with the
    value it last computed (openpyxl writes formulas without one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode("utf-8")
                text = re.sub(r'<c r="([A-Z]+[0-9]+)"><f>', r'<c r="\1" t="str"><f>', text)
                content = text.replace("<v />", f"<v>{value}</v>").encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def test_formulas_are_read_from_their_computed_value(tmp_path: Path) -> None:
    book = workbook([ordering_row(nomAdminTechnique='=CONCATENATE("ST","U")')])
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "formules.xlsx"
    path.write_bytes(_with_cached_values(saved.getvalue(), "STU"))
    report = sheets.read(path)
    assert [(p.cell, p.code, p.severity.value) for p in report.problems] == [
        ("Administrateurs!H2", "sheet.formula", "warning")
    ]
    entite = report.entites[0]
    assert entite is not None
    assert entite.administrateur is not None
    assert entite.administrateur.nom == "STU"


# -- One pipeline: every rule applies to every value, whatever else was noted ------------------


def test_a_formulas_computed_value_goes_through_every_rule(tmp_path: Path) -> None:
    # A cell saved as ="00" holds the text 00: a phone number the rules refuse,
    # beside the warning that a formula's last value was read (architecture.md#pipeline).
    book = workbook([ordering_row(telAdminTechnique='="00"')])
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "formule.xlsx"
    path.write_bytes(_with_cached_values(saved.getvalue(), "00"))
    report = sheets.read(path)
    assert [(p.cell, p.code, p.severity.value) for p in report.problems] == [
        ("Administrateurs!I2", "sheet.formula", "warning"),
        ("Administrateurs!I2", "tel.invalid", "error"),
    ]
    assert report.written is None


def test_a_blank_answer_does_not_hide_the_other_rules_of_its_row(tmp_path: Path) -> None:
    row = ordering_row(
        demandeCertificatServeur=None,
        nomAdminTechnique="N" * 26,
        telAdminTechnique="06",
        emailAdminTechnique="a.stu@",
    )
    path = tmp_path / "ligne.xlsx"
    workbook([row]).save(path)
    assert codes(sheets.read(path)) == {
        ("Administrateurs!C2", "required"),
        ("Administrateurs!H2", "max-length"),
        ("Administrateurs!I2", "tel.invalid"),
        ("Administrateurs!J2", "email.invalid"),
    }
