"""The strategies shipped for users (docs: testing.md#strategies) draw what they say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import finess, telephone
from segur_certificats.problems.problem import Severity
from segur_certificats.rules import fields
from segur_certificats.strategies import (
    FAULT_CODES,
    REGIONS,
    Document,
    administrateurs,
    documents,
    emails,
    entites,
    finess_juridiques,
    noms,
    telephones,
)


def _errors(text: str) -> set[tuple[str, str]]:
    report = sc.validate(text)
    return {(p.code, p.path) for p in report.problems if p.severity is Severity.ERROR}


@given(documents())
def test_valid_documents_have_no_problem(document: Document) -> None:
    assert document.problems == frozenset()
    assert sc.validate(document.text).problems == ()


@given(documents(valid=False))
def test_invalid_documents_have_exactly_their_problems(document: Document) -> None:
    assert document.problems
    assert _errors(document.text) == document.problems


@given(st.data())
def test_telephones_of_every_region(data: st.DataObject) -> None:
    for region in REGIONS:
        number = data.draw(telephones((region,)), label=region)
        assert telephone.is_valid(number)
        assert fields.check_telephone(number) == []


def test_every_overseas_region_is_drawn() -> None:
    assert set(telephone.OVERSEAS) < set(REGIONS)
    assert "FR" in REGIONS


@given(finess_juridiques(), noms(), emails())
def test_field_values_are_valid(number: str, nom: str, email: str) -> None:
    assert finess.is_valid(number)
    assert finess.compact(number) == number
    assert fields.check_nom(nom) == []
    assert fields.check_email(email) == []


@given(entites(ordering=True), entites(ordering=False), administrateurs(row=8))
def test_entities_and_rows(
    ordering: sc.EntiteJuridique, idle: sc.EntiteJuridique, admin: sc.AdministrateurTechnique
) -> None:
    assert ordering.administrateur is not None
    assert idle.administrateur is None
    assert admin.numero_carte_cpx is not None  # row 8 makes the card mandatory


@pytest.mark.parametrize("code", sorted(FAULT_CODES))
def test_every_fault_on_its_own(code: str) -> None:
    @settings(max_examples=20, deadline=None, database=None)
    @given(documents(valid=False, codes={code}))
    def check(document: Document) -> None:
        assert {c for c, _ in document.problems} == {code}
        assert _errors(document.text) == document.problems

    check()


def test_unknown_fault_code() -> None:
    with pytest.raises(ValueError, match=r"finess\.duplicate"):
        documents(valid=False, codes={"finess.duplicate"})
