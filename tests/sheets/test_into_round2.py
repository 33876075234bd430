"""Rows written into a request, second round of attack (docs: sheets.md#nothing-lost,
sheets.md#into): a row that says nothing but its FINESS juridique never removes an
order, and a request that holds a FINESS juridique twice is never half written."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import sheets
from segur_certificats.serialize import converter
from segur_certificats.strategies import demandes

from ..conftest import ROOT

_WRITABLE = demandes(max_entities=6).map(
    lambda d: d.evolve(statut="A modifier", bloc_administrateurs_valide=False)
)


def _csv(demande: sc.Demande, bare: set[str], blank: str) -> bytes:
    """The template of ``demande`` with the rows of ``bare`` emptied but for their
    FINESS juridique (each other cell ``blank``: nothing, or white space)."""
    text = sheets.write_template(None, demande, format=".csv").decode("utf-8-sig")
    lines = text.split("\r\n")
    width = lines[0].count(";")
    for index, line in enumerate(lines[1:], start=1):
        number = line.split(";", 1)[0]
        if number in bare:
            lines[index] = number + (";" + blank) * width
    return "\r\n".join(lines).encode("utf-8")


@given(
    _WRITABLE.filter(lambda d: bool(d.entites_juridiques)),
    st.data(),
    st.sampled_from(["", " ", "\u00a0 "]),
)
def test_a_bare_row_keeps_the_order_and_says_so(demande, data, blank):
    numbers = [e.finess_juridique or "" for e in demande.entites_juridiques]
    bare = set(
        data.draw(st.lists(st.sampled_from(numbers), unique=True) if numbers else st.just([]))
    )
    text = json.dumps(converter.unstructure(demande), ensure_ascii=False, indent=2)
    report = sheets.read(_csv(demande, bare, blank), name="c.csv", into=text)
    assert report.ok, str(report)
    ordering = {e.finess_juridique for e in demande.commandes}
    warned = [p for p in report.problems if p.code == "sheet.bare-row"]
    assert sorted(p.params["value"].strip('"') for p in warned) == sorted(bare & ordering)
    assert all(p.cell and p.cell.startswith("c!C") for p in warned)  # at the row's answer
    assert not [p for p in report.problems if p.code == "sheet.missing-row"]
    # Every order kept: the sheet said what the request says, so nothing is modified.
    assert report.written == text


def test_a_bare_row_says_only_non_removes_an_order():
    text = (ROOT / "examples" / "ms1-plusieurs-entites.json").read_text(encoding="utf-8")
    demande = sc.loads(text)
    number = demande.commandes[0].finess_juridique or ""
    report = sheets.read(_csv(demande, {number}, ""), name="c.csv", into=text)
    (problem,) = report.problems
    assert problem.severity.value == "warning"
    assert "Non" in problem.message()
    assert "Non" in problem.message("en")


@given(_WRITABLE.filter(lambda d: bool(d.entites_juridiques)), st.data())
def test_a_request_holding_a_finess_twice_is_never_half_written(demande, data):
    value = converter.unstructure(demande)
    entities = value["entitesJuridiques"]
    twin = data.draw(st.sampled_from(range(len(entities))))
    entities.insert(data.draw(st.integers(0, len(entities))), dict(entities[twin]))
    text = json.dumps(value, ensure_ascii=False, indent=2)
    report = sheets.read(
        sheets.write_template(None, demande, format=".csv"), name="c.csv", into=text
    )
    assert report.written is None
    found = [p for p in report.problems if p.code == "finess.duplicate"]
    assert len(found) == 1
    assert found[0].variant == "twice"
    assert found[0].location is not None  # in the request's text, at the second entity
    number = demande.entites_juridiques[twin].finess_juridique
    assert f'"{number}"' in found[0].message()


@given(st.integers(1, 10), st.booleans())
def test_values_under_an_erased_header_are_said(column, spaces):
    # docs: sheets.md#nothing-lost — a value in a column with no header would not be read.
    demande = sc.loads((ROOT / "examples" / "ms1-plusieurs-entites.json").read_text("utf-8"))
    lines = sheets.write_template(None, demande, format=".csv").decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")
    header[column] = " " if spaces else ""
    lines[0] = ";".join(header)
    rows = [line.split(";") for line in lines[1:] if line]
    filled = [number for number, row in enumerate(rows, start=2) if row[column].strip()]
    report = sheets.read("\r\n".join(lines).encode("utf-8"), name="c.csv")
    letter = "ABCDEFGHIJK"[column]
    said = [p.cell for p in report.problems if p.code == "sheet.row"]
    assert said == [f"c!{letter}{number}" for number in filled]
    if filled:
        assert not report.ok
