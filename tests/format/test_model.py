"""The model holds drafts, checks only types, and is pleasant to build (docs: api.md)."""

from __future__ import annotations

import datetime as dt
from importlib.metadata import metadata

import attrs
import pytest
from hypothesis import given

from segur_certificats import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats._codec.built import checked_administrateur, checked_entite
from segur_certificats._vocabulary.labels import yes_no
from segur_certificats.strategies import entites


def test_a_draft_administrator_starts_all_empty_like_the_add_pop_in():
    # editing.md#rows: every field starts null.
    draft = AdministrateurTechnique()
    assert all(value is None for value in attrs.astuple(draft))


def test_models_are_frozen_and_slotted():
    entite = EntiteJuridique(finess_juridique="330058066")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        entite.finess_juridique = "750712184"  # type: ignore[misc]
    assert not hasattr(entite, "__dict__")


def test_evolve_returns_a_changed_copy_and_leaves_the_original():
    admin = AdministrateurTechnique(nom="STU")
    changed = admin.evolve(nom="LE GALL")
    assert (admin.nom, changed.nom) == ("STU", "LE GALL")


def test_python_builders_keep_the_compact_finess_form():
    # format.md#finess-juridique: the FINESS site shows "75 071 218 4"; the model keeps "750712184".
    assert EntiteJuridique(finess_juridique="75 071 218 4").finess_juridique == "750712184"
    assert EntiteJuridique(finess_juridique="2a 000 015 4").finess_juridique == "2A0000154"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contractualisation_og", "TRUE"),
        ("contractualisation_og", 1),
        ("statut", "E"),
        ("utilite", "DMP"),
        ("nom", 12),
    ],
)
def test_wrong_python_types_are_refused_at_once(field, value):
    with pytest.raises(TypeError):
        AdministrateurTechnique(**{field: value})


def test_a_datetime_is_not_a_filing_date():
    with pytest.raises(TypeError):
        Demande(
            type_demande=TypeDemande.AVANCE,
            couloir="MS1",
            date_depot=dt.datetime(2023, 10, 2, 12, 0),
            entites_juridiques=[],
        )


def test_entities_are_held_as_a_tuple():
    demande = Demande(
        type_demande=TypeDemande.AVANCE,
        couloir="MS1",
        date_depot=dt.date(2023, 10, 2),
        entites_juridiques=[EntiteJuridique(finess_juridique="330058066")],
    )
    assert isinstance(demande.entites_juridiques, tuple)
    assert demande.commandes == ()


def test_codes_carry_their_screen_labels():
    # jupyter.md#consultation-screen labels.
    assert StatutAdminTechnique.EDITEUR.label == "Editeur"
    assert StatutAdminTechnique.STRUCTURE.label == "Structure"
    assert UtiliteCertificat.DMP_INS.code == "DMP,INS"
    assert UtiliteCertificat.DMP_INS.label == "DMP, INS"
    assert UtiliteCertificat.INS.label == "INS"
    assert [yes_no(True), yes_no(False), yes_no(None)] == ["Oui", "Non", ""]


def test_an_entity_orders_a_certificate_exactly_when_it_has_an_administrator():
    assert not EntiteJuridique(finess_juridique="330058066").demande_certificat_serveur
    ordering = EntiteJuridique(
        finess_juridique="330058066", administrateur=AdministrateurTechnique()
    )
    assert ordering.demande_certificat_serveur


def test_the_package_metadata_carries_the_licence_and_the_supported_pythons():
    meta = metadata("segur-certificats")
    assert meta["License"] == "MIT"
    classifiers = meta.get_all("Classifier") or []
    assert "License :: OSI Approved :: MIT License" in classifiers
    assert {f"Programming Language :: Python :: 3.{minor}" for minor in (10, 11, 12, 13)} <= set(
        classifiers
    )


# -- The reader's constructors (format/model.py checked_*) ----------------------------------------


@given(entites())
def test_an_entity_of_checked_values_is_the_one_the_classes_build(entite):
    # The reader builds entities without running the converters again; the object
    # must be the one the attrs constructor makes: equal, same hash, same repr,
    # and as frozen.
    admin = entite.administrateur
    rebuilt_admin = (
        None if admin is None else checked_administrateur(**attrs.asdict(admin, recurse=False))
    )
    rebuilt = checked_entite(entite.finess_juridique, rebuilt_admin)
    assert rebuilt == entite
    assert hash(rebuilt) == hash(entite)
    assert repr(rebuilt) == repr(entite)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rebuilt.finess_juridique = "x"  # type: ignore[misc]
    if rebuilt_admin is not None:
        assert rebuilt_admin.evolve(nom="VIE") == admin.evolve(nom="VIE")
