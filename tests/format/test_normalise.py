"""What is counted is what is written (docs: format.md#normalisation)."""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats._vocabulary import normalise
from segur_certificats._vocabulary.normalise import NUMBER_SPACES, phone, text
from segur_certificats.strategies import telephones

from ..conftest import DATA

GOLDEN = json.loads((DATA / "golden-envelope.json").read_text(encoding="utf-8"))
C0 = "/entitesJuridiques/0/certificatServeur"
PHONE_REQUEST = sc.loads(json.dumps(GOLDEN))


def _with(**certificat):
    doc = copy.deepcopy(GOLDEN)
    doc["entitesJuridiques"][0]["certificatServeur"].update(certificat)
    return doc


def test_the_model_holds_normalised_text():
    admin = sc.AdministrateurTechnique(
        nom="  Ange\u0301lique ", telephone=" 0603334174", numero_carte_cpx="   ", email="a@b.fr "
    )
    assert (admin.nom, admin.telephone, admin.numero_carte_cpx, admin.email) == (
        "Angélique",
        "0603334174",
        None,
        "a@b.fr",
    )
    assert admin.evolve(nom=" VIE ").nom == "VIE"
    demande = sc.loads(json.dumps({**GOLDEN, "couloir": " MS2 ", "statut": "A modifier "}))
    assert (demande.couloir, demande.statut) == ("MS2", "A modifier")


def test_a_card_number_with_spaces_is_written_as_it_was_counted():
    doc = _with(numeroCarteCPX=" 8001234567 ")  # 12 characters as given, 10 once normalised
    report = sc.validate(doc)
    assert [(p.path, p.code, p.severity.value) for p in report.problems] == [
        (f"{C0}/numeroCarteCPX", "normalised", "warning")
    ]
    assert report.ok
    assert '"8001234567"' in report.problems[0].message()
    written = json.loads(sc.dumps(sc.loads(json.dumps(doc))))
    assert written["entitesJuridiques"][0]["certificatServeur"]["numeroCarteCPX"] == "8001234567"


def test_a_decomposed_name_is_written_composed():
    name = "E\u0301" * 25  # 50 code points, 25 letters once composed
    doc = _with(nomAdminTechnique=name)
    (problem,) = sc.validate(doc).problems
    assert (problem.code, problem.params["changes"]) == ("normalised", "Unicode en forme NFC")
    written = sc.dumps(sc.loads(json.dumps(doc)))
    assert "É" * 25 in written
    assert name not in written


def test_replace_blocks_and_edit_sessions_write_the_normalised_value():
    text = json.dumps({"e": {"finessJuridique": "330058066"}})
    entite = sc.EntiteJuridique(
        finess_juridique="330058066", administrateur=sc.AdministrateurTechnique(nom=" STU ")
    )
    out = sc.replace_blocks(text, {"/e": entite})
    assert json.loads(out)["e"]["certificatServeur"]["nomAdminTechnique"] == "STU"
    session = sc.edit(sc.loads(json.dumps(GOLDEN)))
    session.modify("330058066", nom=" VIE ")
    assert session.row("330058066").nom == "VIE"


def test_a_blank_optional_date_or_code_reads_as_null_with_a_warning():
    doc = copy.deepcopy(GOLDEN)
    doc["dateModification"] = " "
    doc["entitesJuridiques"].append({"finessJuridique": "750712184", "StatutAdminTechnique": ""})
    doc["entitesJuridiques"][1]["demandeCertificatServeur"] = False
    report = sc.validate(doc)
    assert [(p.path, p.code) for p in report.problems] == [
        ("/dateModification", "normalised"),
        ("/entitesJuridiques/1/StatutAdminTechnique", "normalised"),
    ]
    assert report.demande is not None
    assert report.demande.date_modification is None


def test_a_value_with_an_error_gets_no_warning_beside_it():
    report = sc.validate(_with(nomAdminTechnique="   "))
    assert [(p.path, p.code) for p in report.problems] == [(f"{C0}/nomAdminTechnique", "required")]


def test_a_value_with_a_warning_still_says_what_normalisation_changes():
    # A card written "ABCDEFGHIJ ": unusual (cpx.format), and written without its space.
    report = sc.validate(_with(numeroCarteCPX="ABCDEFGHIJ "))
    assert [(p.path, p.code) for p in report.problems] == [
        (f"{C0}/numeroCarteCPX", "cpx.format"),
        (f"{C0}/numeroCarteCPX", "normalised"),
    ]
    assert report.ok


def test_the_warning_is_reported_inside_an_editors_document_too():
    text = json.dumps({"dossier": [{**GOLDEN["entitesJuridiques"][0]}]}).replace('"STU"', '" STU"')
    report = sc.validate_embedded(text)
    assert [(p.path, p.code) for p in report.problems] == [
        ("/dossier/0/certificatServeur/nomAdminTechnique", "normalised")
    ]


_TEXT_KEYS = ["numeroCarteCPX", "nomAdminTechnique", "telAdminTechnique", "emailAdminTechnique"]


@given(st.sampled_from(_TEXT_KEYS), st.text(max_size=12), st.sampled_from(["", " ", "\t", "\n"]))
def test_every_value_is_either_unchanged_or_reported_and_written_normalised(key, core, pad):
    value = pad + unicodedata.normalize("NFD", core) + pad
    # A phone number's non-breaking and narrow spaces are spaces too (docs:
    # format.md#telephone).
    expected = (normalise.phone if key == "telAdminTechnique" else normalise.text)(value)
    doc = _with(**{key: value})
    report = sc.validate(doc)
    here = [p for p in report.problems if p.path == f"{C0}/{key}"]
    if expected != value:
        assert here, "a change is reported"
    if any(p.code == "normalised" for p in here):
        # Beside a warning only: a value in error is not written, so not normalised.
        assert all(not p.is_error for p in here)
    demande = sc.loads(json.dumps(doc))
    written = json.loads(sc.dumps(demande))["entitesJuridiques"][0]["certificatServeur"][key]
    assert written == expected


@pytest.mark.parametrize("value", ["STU", "a.stu@mail.com", "0603334174", None])
def test_normalised_values_are_left_alone(value):
    assert normalise.text(value) == value


# -- A phone number's non-breaking spaces (docs: format.md#telephone) -------------------------

_SPACES = st.sampled_from(["\u00a0", "\u202f", "\u2007", "\u2009"])


@given(telephones(), st.lists(_SPACES, min_size=1, max_size=6))
def test_non_breaking_spaces_in_a_phone_number_are_spaces_with_a_warning(number, spaces):
    if " " not in number:
        number = number[:4] + " " + number[4:]
    typed = number
    for space in spaces:
        typed = typed.replace(" ", space, 1)
    document = json.loads(sc.dumps(PHONE_REQUEST))
    document["entitesJuridiques"][0]["certificatServeur"]["telAdminTechnique"] = typed
    report = sc.validate(document)
    assert [(p.code, p.path) for p in report.problems] == [
        ("normalised", "/entitesJuridiques/0/certificatServeur/telAdminTechnique")
    ]
    assert "espaces insécables" in report.problems[0].message()
    assert report.demande is not None
    admin = report.demande.entites_juridiques[0].administrateur
    assert admin is not None
    assert admin.telephone == (text(typed) or "").translate({ord(s): " " for s in NUMBER_SPACES})
    assert sc.AdministrateurTechnique(telephone=typed).telephone == admin.telephone


def test_non_breaking_spaces_stay_what_they_are_in_other_fields():
    assert text("LE\u00a0GALL") == "LE\u00a0GALL"
    assert phone("LE\u00a0GALL") == "LE GALL"
