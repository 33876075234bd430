"""Proof with a real spreadsheet program (docs: sheets.md#real-programs): LibreOffice
opens the template, values are typed into its cells, the workbook is saved as
.xlsx, .ods, CSV UTF-8 and CSV Windows-1252, and ``import`` gives exactly the
request typed; the usual damage gives its located problems. One LibreOffice
process does every document (``.ci/run`` installs it: never skipped in CI)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import segur_certificats as sc
from segur_certificats import cli, sheets

from ..conftest import ROOT

EXAMPLE = ROOT / "examples/ms1-plusieurs-entites.json"
TYPIST = Path(__file__).with_name("libreoffice_typist.py")
SYSTEM_PYTHON = "/usr/bin/python3"
SAVED = {"xlsx": ".xlsx", "ods": ".ods", "csv-utf8": ".csv", "csv-1252": ".csv"}
COLUMN = {column.key: index for index, column in enumerate(sheets.COLUMNS)}


def _missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc"
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False
    ).returncode
    if found != 0:
        return "LibreOffice's Python bridge is not installed: apt-get install python3-uno"
    return None


pytestmark = pytest.mark.skipif(
    _missing() is not None, reason=str(_missing()) if _missing() else ""
)


def _typed(row: int, key: str, text: str, general: bool = False) -> dict[str, Any]:
    return {"row": row, "column": COLUMN[key], "text": text, "general": general}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every document typed and saved, in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("libreoffice")
    typed_request = sc.loads(EXAMPLE.read_text(encoding="utf-8"))
    # The request before the customers answered: no entity orders yet.
    blank = typed_request.evolve(
        entites_juridiques=[e.evolve(administrateur=None) for e in typed_request.entites_juridiques]
    )
    blank_text = sc.dumps(blank)
    (folder / "demande.json").write_text(blank_text, encoding="utf-8")
    template = folder / "modele.xlsx"
    sheets.write_template(template, blank)
    cells: list[dict[str, Any]] = []
    for number, row in enumerate(sheets.template_rows(typed_request), start=1):
        for index, value in enumerate(row):
            if index >= COLUMN["demandeCertificatServeur"] and value:
                cells.append({"row": number, "column": index, "text": value})
    damage = [
        _typed(1, "telAdminTechnique", "0603334174", general=True),  # a number: its zero lost
        _typed(2, "nomAdminTechnique", "2023-01-02"),  # a date
        _typed(3, "nomAdminTechnique", '=CONCATENATE("ST";"U")'),  # a formula
        _typed(4, "emailAdminTechnique", "=1/0"),  # an error value
    ]
    damaged = {(d["row"], d["column"]) for d in damage}
    damage = [c for c in cells if c["row"] <= 4 and (c["row"], c["column"]) not in damaged] + damage
    # The CSV template, opened (every column as text, as the import dialog
    # offers) and saved as a workbook: the quote before a formula-like value stays.
    tricky = sc.AdministrateurTechnique(
        nom="=DUPONT", telephone="+33 5 56 79 56 79", email="'+dupont@editeur.fr"
    )
    neutral = [sc.EntiteJuridique(finess_juridique="330058066", administrateur=tricky)]
    sheets.write_template(folder / "modele.csv", neutral)
    text_columns = "/".join(f"{i}/2" for i in range(1, len(sheets.COLUMNS) + 1))
    job = {
        "documents": [
            {
                "open": str(folder / "modele.csv"),
                "filter": f"59,34,76,1,{text_columns}",
                "cells": [],
                "save": {
                    kind: str(folder / f"csv-{kind}{SAVED[kind]}") for kind in ("xlsx", "ods")
                },
            },
            {
                "open": str(template),
                "cells": cells,
                "save": {kind: str(folder / f"saisi-{kind}{s}") for kind, s in SAVED.items()},
            },
            {
                "open": str(template),
                "cells": damage,
                "save": {kind: str(folder / f"abime-{kind}{s}") for kind, s in SAVED.items()},
            },
        ]
    }
    (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
    subprocess.run([SYSTEM_PYTHON, str(TYPIST), str(folder / "job.json")], check=True, timeout=300)
    return {"folder": folder, "typed": typed_request, "blank": blank_text, "neutral": neutral}


@pytest.mark.parametrize("kind", list(SAVED))
def test_the_typed_request_is_imported_exactly(
    saved: dict[str, Any], kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder: Path = saved["folder"]
    path = folder / f"saisi-{kind}{SAVED[kind]}"
    day = dt.date(2024, 3, 1)
    typed = saved["typed"].evolve(date_modification=day)  # the import dates the request
    report = sheets.read(path, into=saved["blank"], date_modification=day)
    unexpected = [p for p in report.problems if p.code != "sheet.encoding"]
    assert unexpected == [], str(report)
    assert report.written is not None
    assert sc.loads(report.written) == typed
    if kind == "csv-1252":
        assert [p.code for p in report.problems] == ["sheet.encoding"]
    out = folder / f"out-{kind}.json"
    into = ["--into", str(folder / "demande.json"), "--date-modification", day.isoformat()]
    status = cli.main(["import", str(path), *into, "-o", str(out)])
    assert status == 0, capsys.readouterr().out
    assert sc.loads(out.read_bytes()) == typed


@pytest.mark.parametrize("kind", list(SAVED))
def test_the_damage_is_located(saved: dict[str, Any], kind: str) -> None:
    folder: Path = saved["folder"]
    path = folder / f"abime-{kind}{SAVED[kind]}"
    report = sheets.read(path, into=saved["blank"])
    name = "Administrateurs" if kind in {"xlsx", "ods"} else path.stem
    found = {(p.cell, p.code, p.variant) for p in report.problems}
    assert (f"{name}!I2", "sheet.number", "zero-lost") in found, str(report)
    assert (f"{name}!J5", "sheet.error", "formula" if kind in {"xlsx", "ods"} else None) in found
    if kind in {"xlsx", "ods"}:  # a CSV keeps only what the cell showed
        assert (f"{name}!H3", "sheet.date", None) in found
        assert (f"{name}!H4", "sheet.formula", "cached") in found
    assert not report.ok
    assert report.written is None


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_the_csv_template_saved_as_a_workbook_reads_back_exactly(
    saved: dict[str, Any], kind: str
) -> None:
    folder: Path = saved["folder"]
    report = sheets.read(folder / f"csv-{kind}{SAVED[kind]}")
    assert list(report.entites) == saved["neutral"], str(report)
