"""The scenario table held as data (docs: scenarios.md#table), and its reading
(docs: scenarios.md#card-mandatory) proven equal to it."""

from __future__ import annotations

import itertools

import pytest

from segur_certificats import SCENARIOS, Requirement, StatutAdminTechnique
from segur_certificats.model import AdministrateurTechnique
from segur_certificats.rules import card_requirement, lookup, scenario_of

E, S = StatutAdminTechnique.EDITEUR, StatutAdminTechnique.STRUCTURE

# The guide's table, typed in again from the guide's text (not from the code).
GUIDE = """
FALSE NULL NULL NULL NULL
TRUE FALSE E FALSE FACULTATIF
TRUE FALSE S FALSE FACULTATIF
TRUE FALSE E TRUE OBLIGATOIRE
TRUE FALSE S TRUE FACULTATIF
TRUE TRUE E FALSE FACULTATIF
TRUE TRUE S FALSE OBLIGATOIRE
TRUE TRUE E TRUE OBLIGATOIRE
TRUE TRUE S TRUE OBLIGATOIRE
"""


def _word(row):
    def show(value):
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return str(value).upper()
        return value.code

    return " ".join(
        [
            show(row.demande_certificat_serveur),
            show(row.contractualisation_og),
            show(row.statut),
            show(row.contractualisation_editeur),
            row.numero_carte_cpx.label,
        ]
    )


def test_the_table_is_the_guides_row_for_row():
    # scenarios.md#table
    assert [_word(row) for row in SCENARIOS] == GUIDE.strip().splitlines()
    assert [row.number for row in SCENARIOS] == list(range(1, 10))


def r_scn_2(og: bool, statut: StatutAdminTechnique, editeur: bool) -> Requirement:
    """The card is mandatory exactly when the party providing the administrator has contracted."""
    contracted = editeur if statut is E else og
    return Requirement.MANDATORY if contracted else Requirement.OPTIONAL


@pytest.mark.parametrize(
    ("og", "statut", "editeur"), list(itertools.product([False, True], [E, S], [False, True]))
)
def test_the_reading_r_scn_2_equals_the_table_for_every_answer(og, statut, editeur):
    row = lookup(og, statut, editeur)
    assert row is not None
    assert row.numero_carte_cpx is r_scn_2(og, statut, editeur)


def test_every_ordering_combination_has_exactly_one_row():
    ordering = [r for r in SCENARIOS if r.demande_certificat_serveur]
    keys = {(r.contractualisation_og, r.statut, r.contractualisation_editeur) for r in ordering}
    assert len(ordering) == len(keys) == 8


def test_a_missing_answer_has_no_row():
    assert lookup(None, E, True) is None


@pytest.mark.parametrize(
    ("og", "statut", "editeur"),
    list(itertools.product([None, False, True], [None, E, S], [None, False, True])),
)
def test_with_answers_missing_the_card_is_decided_only_when_every_completion_agrees(
    og, statut, editeur
):
    # Decided by the reading (docs: scenarios.md#card-mandatory) over every way of answering what
    # is missing, not by the code's table.
    completions = {
        r_scn_2(o, s, e)
        for o in ([og] if og is not None else [False, True])
        for s in ([statut] if statut is not None else [E, S])
        for e in ([editeur] if editeur is not None else [False, True])
    }
    admin = AdministrateurTechnique(
        contractualisation_og=og, statut=statut, contractualisation_editeur=editeur
    )
    expected = completions.pop() if len(completions) == 1 else None
    assert card_requirement(admin) is expected


def test_the_guide_cases_of_a_decided_card_with_an_answer_missing():
    editor = AdministrateurTechnique(statut=E, contractualisation_editeur=True)
    structure = AdministrateurTechnique(statut=S, contractualisation_og=True)
    both = AdministrateurTechnique(contractualisation_og=True, contractualisation_editeur=True)
    assert card_requirement(editor) is Requirement.MANDATORY
    assert card_requirement(structure) is Requirement.MANDATORY
    assert card_requirement(both) is Requirement.MANDATORY
    assert card_requirement(AdministrateurTechnique(statut=E)) is None


def test_no_order_is_row_one_with_a_null_card():
    assert scenario_of(None) is SCENARIOS[0]
    assert card_requirement(None) is Requirement.NULL
