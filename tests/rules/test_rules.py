"""Scenario and request rules (docs: scenarios.md#required-fields, validating.md#request-rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_certificats import (
    SCENARIOS,
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    Requirement,
    TypeDemande,
)
from segur_certificats import rules as request
from segur_certificats.rules import check_entite
from segur_certificats.strategies import administrateurs, demandes


def check(d: Demande):
    """Every rule over a whole request, its entities at their pointers."""
    entities = [(f"/entitesJuridiques/{i}", e) for i, e in enumerate(d.entites_juridiques)]
    return request.check(d.context, entities)


def demande(*entites, **changes):
    values: dict[str, Any] = {
        "type_demande": TypeDemande.AVANCE,
        "couloir": "MS1",
        "date_depot": dt.date(2023, 10, 2),
        "entites_juridiques": entites,
    }
    values.update(changes)
    return Demande(**values)


def ordering(number="330058066", **admin):
    return EntiteJuridique(finess_juridique=number, administrateur=AdministrateurTechnique(**admin))


def found(problems):
    return [(p.path, p.code) for p in problems]


@given(demandes())
def test_valid_generated_requests_have_no_error(d):
    assert [p for p in check(d) if p.severity.value == "error"] == []


@pytest.mark.parametrize(
    "row", [r for r in SCENARIOS if r.demande_certificat_serveur], ids=lambda r: f"row{r.number}"
)
@given(data=st.data())
def test_a_missing_card_is_reported_exactly_where_the_table_says_mandatory(row, data):
    admin = data.draw(administrateurs(row=row.number)).evolve(numero_carte_cpx=None)
    problems = found(
        check_entite(EntiteJuridique(finess_juridique="330058066", administrateur=admin))
    )
    expected = [("/certificatServeur/numeroCarteCPX", "cpx.required")]
    assert problems == (expected if row.numero_carte_cpx is Requirement.MANDATORY else [])


def test_an_order_needs_its_three_answers_and_four_details():
    # scenarios.md#required-fields, on the portal's empty "add" pop-in.
    assert found(check_entite(ordering())) == [
        ("/contracutualisationOG", "required"),
        ("/StatutAdminTechnique", "required"),
        ("/contractualisationEditeur", "required"),
        ("/certificatServeur/nomAdminTechnique", "required"),
        ("/certificatServeur/telAdminTechnique", "required"),
        ("/certificatServeur/emailAdminTechnique", "required"),
        ("/certificatServeur/utiliteCertificat", "required"),
    ]


def test_no_order_checks_only_the_finess():
    assert found(check_entite(EntiteJuridique(finess_juridique="330058067"))) == [
        ("/finessJuridique", "finess.checksum")
    ]


@given(demandes(), st.data())
def test_two_orders_for_one_finess_are_refused(d, data):
    # validating.md#one-order-per-finess
    orders = [i for i, e in enumerate(d.entites_juridiques) if e.administrateur is not None]
    if not orders:
        return
    first = data.draw(st.sampled_from(orders))
    twin = d.entites_juridiques[first]
    again = attrs.evolve(d, entites_juridiques=[*d.entites_juridiques, twin])
    last = len(again.entites_juridiques) - 1
    problems = [p for p in check(again) if p.code == "finess.duplicate"]
    assert found(problems) == [(f"/entitesJuridiques/{last}/finessJuridique", "finess.duplicate")]
    assert f"/entitesJuridiques/{first}" in problems[0].message()


def test_the_same_finess_without_a_second_order_is_fine():
    twin = EntiteJuridique(finess_juridique="330058066")
    d = demande(ordering(contractualisation_og=False), twin)
    assert "finess.duplicate" not in [p.code for p in check(d)]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"type_demande": TypeDemande.SOLDE}, "demande.not-eligible"),
        ({"couloir": "MS3"}, "demande.not-eligible"),
        ({"couloir": "ms1"}, "demande.not-eligible"),
        ({"date_depot": dt.date(2023, 9, 20)}, "demande.before-feature"),
        (
            {"date_depot": dt.date(2023, 5, 2), "date_modification": dt.date(2023, 9, 20)},
            "demande.before-feature",
        ),
    ],
)
def test_orders_outside_the_feature_are_refused(changes, code):
    # validating.md#eligible-requests, validating.md#feature-date
    d = demande(ordering(), EntiteJuridique(finess_juridique="750712184"), **changes)
    assert ("/entitesJuridiques/0/demandeCertificatServeur", code) in found(check(d))
    assert not any(path.startswith("/entitesJuridiques/1") for path, _ in found(check(d)))


@pytest.mark.parametrize(
    "changes",
    [
        {"date_depot": dt.date(2023, 9, 21)},
        {"date_depot": dt.date(2023, 5, 2), "date_modification": dt.date(2023, 9, 21)},
        {"couloir": "MS2"},
    ],
)
def test_orders_inside_the_feature_are_accepted(changes):
    d = demande(ordering(), **changes)
    assert not [c for _, c in found(check(d)) if c.startswith("demande.")]


def test_a_request_without_orders_is_never_refused_for_its_kind():
    d = demande(EntiteJuridique(finess_juridique="750712184"), type_demande=TypeDemande.SOLDE)
    assert check(d) == []
