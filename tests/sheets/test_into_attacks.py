"""``sheets.read(..., into=request)`` never writes into a request whose own structure is
wrong: the request's problems are reported, as ``loads`` raises them (docs:
sheets.md#reading). An attack found the request taken as an editor's document instead,
its errors dropped and the request rules skipped (``"typeDemande": "solde"`` got orders
past the rule that only MS1/MS2 advances order, which ``"SOLDE"`` met).

README: "then writes the request atomically only when no error remains";
docs/sheets.md: "writes out.json only when no error remains"."""

from __future__ import annotations

import json
from typing import Any

import pytest

import segur_certificats as sc
from segur_certificats import sheets

from ..conftest import EXAMPLES

REQUEST: dict[str, Any] = json.loads(
    next(p for p in EXAMPLES if p.name == "ms1-plusieurs-entites.json").read_text(encoding="utf-8")
)
SHEET = sheets.write_template(None, sc.loads(json.dumps(REQUEST)), format=".csv")


def _into(**changes: Any) -> str:
    return json.dumps({**REQUEST, **changes}, indent=2, ensure_ascii=False)


def test_the_sheet_into_the_request_as_it_is_writes_it():
    report = sheets.read(SHEET, name="clients.csv", into=_into())
    assert report.ok
    assert report.written is not None
    assert sc.validate(report.written).ok


def test_the_sheet_into_a_solde_request_is_refused():
    report = sheets.read(SHEET, name="clients.csv", into=_into(typeDemande="SOLDE"))
    assert not report.ok
    assert {p.code for p in report.errors} == {"demande.not-eligible"}


@pytest.mark.parametrize(
    "into",
    [
        _into(typeDemande="solde"),
        _into(typeDemande="SOLDE "),
        _into(couloir="\xa0"),
        _into(couloir=3),
        _into(dossier="x"),
        _into(**{"²": 1}),
        _into().replace('"couloir": "MS1"', '"couloir": "MS1", "couloir": "MS2"'),
    ],
    ids=[
        "solde",
        "SOLDE-space",
        "couloir-blank",
        "couloir-number",
        "unknown-key",
        "superscript",
        "duplicate-key",
    ],
)
def test_a_request_with_a_structure_error_is_never_written_as_if_valid(into):
    assert not sc.validate(into).ok  # the request itself has an error
    report = sheets.read(SHEET, name="clients.csv", into=into)
    # Either the import says so, or what it writes is a request validate() accepts.
    if report.ok:
        assert report.written is not None
        written = sc.validate(report.written)
        assert written.ok, sorted({(p.path, p.code) for p in written.errors})
