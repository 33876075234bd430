"""The strategies shipped for users (docs: testing.md#strategies) draw what they say."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import finess, telephone
from segur_certificats._problems.problem import Severity
from segur_certificats._rules import fields
from segur_certificats.strategies import (
    FAULT_CODES,
    REGIONS,
    Document,
    administrateurs,
    demandes,
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
    with pytest.raises(sc.InvalidArgument, match=r"finess\.duplicate") as refused:
        documents(valid=False, codes={"finess.duplicate"})
    assert refused.value.code == "argument.value"


# -- Arguments that cannot be honoured ---------------------------------------------------


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: documents(valid=False, codes=set()), "argument.value"),
        (lambda: documents(valid=False, codes={"json.syntax"}), "argument.value"),
        (lambda: documents(valid=True, codes={"type"}), "argument.value"),
        (lambda: documents(codes="type"), "argument.type"),
        (lambda: documents(valid="no"), "argument.type"),  # type: ignore[arg-type]
        (lambda: documents(max_entities=-1), "argument.value"),
        (lambda: documents(max_entities=True), "argument.type"),
        (lambda: documents(valid=False, max_entities=0, codes={"tel.invalid"}), "argument.value"),
        (lambda: demandes(max_entities=-1), "argument.value"),
        (lambda: demandes(max_entities=1.5), "argument.type"),  # type: ignore[arg-type]
        (lambda: telephones(("BE",)), "argument.value"),
        (lambda: telephones(()), "argument.value"),
        (lambda: telephones("FR"), "argument.type"),
        (lambda: administrateurs(row=1), "argument.value"),  # row 1 orders nothing
        (lambda: administrateurs(row=10), "argument.value"),
        (lambda: administrateurs(row="8"), "argument.type"),  # type: ignore[arg-type]
        (lambda: entites(ordering="yes"), "argument.type"),  # type: ignore[arg-type]
    ],
)
def test_what_cannot_be_drawn_is_refused(call: Any, code: str) -> None:
    # Refused when the strategy is made, before anything is drawn.
    with pytest.raises(sc.InvalidArgument) as refused:
        call()
    assert refused.value.code == code
    assert refused.value.message("en")


@settings(max_examples=100, deadline=None, database=None)
@given(
    st.integers(0, 3).flatmap(
        lambda n: st.tuples(st.just(n), documents(valid=False, max_entities=n))
    )
)
def test_at_most_max_entities(case: tuple[int, Document]) -> None:
    limit, document = case
    assert len(json.loads(document.text)["entitesJuridiques"]) <= limit
    assert document.problems
    assert _errors(document.text) == document.problems


@settings(max_examples=30, deadline=None, database=None)
@given(documents(valid=False, max_entities=0), documents(max_entities=0), demandes(max_entities=0))
def test_max_entities_zero_draws_no_entity(
    faulty: Document, valid: Document, demande: sc.Demande
) -> None:
    assert json.loads(faulty.text)["entitesJuridiques"] == []
    assert {path for _, path in faulty.problems} <= {"/numeroDemande", "/statut", "/numeroDemandes"}
    assert json.loads(valid.text)["entitesJuridiques"] == []
    assert not demande.entites_juridiques


# -- What is promised is drawn, and how often (docs: testing.md#strategies) -------------

DRAWS = 2000


def test_names_and_phones_drawn() -> None:
    names: list[str] = []
    regions: list[str | None] = []

    @settings(max_examples=DRAWS, database=None, deadline=None)
    @given(noms(), telephones())
    def draw(name: str, phone: str) -> None:
        names.append(name)
        regions.append(telephone.region(phone))

    draw()
    assert len(names) == DRAWS
    marked = sum(any(unicodedata.combining(c) for c in name) for name in names)
    drawn = Counter(regions)
    # Combining marks that NFC keeps apart ("ọ̀"), in a share of the names.
    assert marked >= DRAWS * 0.05, marked
    # Every region, Saint-Martin included, each in a share of the phones.
    assert set(drawn) == set(REGIONS), drawn
    assert min(drawn.values()) >= DRAWS * 0.03, drawn


def test_fault_codes_drawn() -> None:
    faults: list[frozenset[tuple[str, str]]] = []

    @settings(max_examples=DRAWS, database=None, deadline=None)
    @given(documents(valid=False, max_entities=3))
    def draw(document: Document) -> None:
        faults.append(document.problems)

    draw()
    drawn = Counter(code for problems in faults for code, _ in problems)
    # Every fault code, each in a share of the documents.
    assert set(drawn) == FAULT_CODES, drawn
    assert min(drawn.values()) >= DRAWS * 0.005, drawn


def test_entity_counts_drawn() -> None:
    counts: list[int] = []

    @settings(max_examples=DRAWS, database=None, deadline=None)
    @given(demandes(max_entities=3))
    def draw(demande: sc.Demande) -> None:
        counts.append(len(demande.entites_juridiques))

    draw()
    drawn = Counter(counts)
    assert set(drawn) == {0, 1, 2, 3}, drawn
    assert min(drawn.values()) >= DRAWS * 0.05, drawn
