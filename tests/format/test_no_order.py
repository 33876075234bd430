"""An entity that orders nothing may write ``certificatServeur`` as an object of
nulls, as row 1 of the guide's scenario table reads it (``FALSE NULL NULL NULL
NULL``, the last ``NULL`` inside ``certificatServeur``): it is read as null, with
one ``normalised`` warning at ``certificatServeur``, and written as null; an object
holding a value is never accepted (docs: format.md#no-order)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats._codec import jsontext
from segur_certificats._codec.entity import read_entity
from segur_certificats._codec.reading import Reading
from segur_certificats.model import Demande, EntiteJuridique
from segur_certificats.serialize import converter
from segur_certificats.strategies import demandes, entites

from ..fuzz import strategies as fuzz
from ..vocabulary import CERTIFICAT

_CERT = "certificatServeur"
_FLAG = "demandeCertificatServeur"
_ENTITIES = "entitesJuridiques"
#: Row 1 of the guide's table, every key of certificatServeur written null.
ROW_1 = dict.fromkeys(CERTIFICAT.values())
#: An MS2 advance in which certificates can be ordered, and an entity that orders nothing.
_REQUEST: dict[str, Any] = {
    "type_demande": sc.TypeDemande.AVANCE,
    "couloir": "MS2",
    "date_depot": dt.date(2024, 1, 15),
}
_IDLE = EntiteJuridique(finess_juridique="330058066")


@st.composite
def idle_requests(draw: st.DrawFn) -> tuple[Demande, dict[str, Any], list[str]]:
    """A valid request with at least one entity that orders nothing; its JSON with
    the certificatServeur of some of those entities (one at least) an object of
    nulls; the pointers of these."""
    demande = draw(demandes(max_entities=3))
    taken = {entite.finess_juridique for entite in demande.entites_juridiques}
    idle = draw(entites(ordering=False).filter(lambda e: e.finess_juridique not in taken))
    entities = list(demande.entites_juridiques)
    entities.insert(draw(st.integers(0, len(entities))), idle)
    demande = demande.evolve(entites_juridiques=entities)
    value = json.loads(sc.dumps(demande))
    changed = []
    for index, entity in enumerate(value[_ENTITIES]):
        if entity[_FLAG] is False and (entities[index] is idle or draw(st.booleans())):
            entity[_CERT] = draw(fuzz.null_certificats())
            changed.append(f"/{_ENTITIES}/{index}/{_CERT}")
    return demande, value, changed


@given(idle_requests(), fuzz.layouts)
def test_an_object_of_nulls_reads_as_the_null_form(drawn, layout):
    demande, value, changed = drawn
    text = fuzz.write(value, layout)
    report = sc.validate(text)
    assert report.errors == ()
    # One warning at each object of nulls, nothing else.
    assert [(p.path, p.code) for p in report.problems] == [(path, "normalised") for path in changed]
    assert report.demande == demande
    assert sc.loads(text) == demande
    assert converter.structure(json.loads(text), Demande) == demande


@given(idle_requests())
def test_an_object_of_nulls_is_written_as_null(drawn):
    demande, value, changed = drawn
    written = json.loads(sc.dumps(sc.loads(json.dumps(value))))
    for path in changed:
        index = int(path.split("/")[2])
        assert written[_ENTITIES][index][_CERT] is None
    assert sc.dumps(sc.loads(json.dumps(value))) == sc.dumps(demande)


@given(entites(ordering=False), fuzz.null_certificats(), st.booleans())
def test_one_entity_with_an_object_of_nulls_is_the_one_with_null(entite, nulls, editors):
    # The entity reader, strict and lenient, and an editor's own document.
    plain = converter.unstructure(entite)
    value = {**plain, _CERT: nulls}
    if editors:
        value["raisonSociale"] = "Clinique"
    reading = Reading(open_keys=editors)
    assert read_entity(value, "/e", reading) == read_entity(plain, "/e", Reading()) == entite
    assert reading.problems == []
    assert [(w.path, w.code) for w in reading.warnings] == [("/e/certificatServeur", "normalised")]
    if not editors:
        assert converter.structure(value, EntiteJuridique) == entite
    report = sc.validate_embedded({"dossier": {"clients": [value]}})
    assert [(p.path, p.code) for p in report.problems] == [
        ("/dossier/clients/0/certificatServeur", "normalised")
    ]
    assert [block.entite for block in report.blocks] == [entite]


#: Hostile values, null aside: every JSON type, odd and huge texts, numbers json.dumps
#: does not write (NaN, 5,000 digits).
_GIVEN = fuzz.json_ish.filter(lambda value: value is not None)


@given(entites(ordering=False), fuzz.null_certificats(), st.data())
def test_an_object_holding_a_value_is_never_accepted(entite, nulls, data):
    key = data.draw(st.sampled_from(list(CERTIFICAT.values())))
    document = json.loads(sc.dumps(Demande(**_REQUEST, entites_juridiques=[entite])))
    document[_ENTITIES][0][_CERT] = {**nulls, key: data.draw(_GIVEN)}
    text = fuzz.write(document, fuzz.Layout(None, "\n", ascii_only=False, escape_keys=False))
    report = sc.validate(text)
    assert not report.ok
    assert not any(p.code == "normalised" and p.path.endswith(_CERT) for p in report.problems)
    with pytest.raises(sc.InvalidDocument):
        sc.loads(text)
    parsed = jsontext.load(text)
    if not parsed.ok:  # NaN: not JSON
        return
    # must-be-null where it stands today: at certificatServeur.
    assert (f"/{_ENTITIES}/0/{_CERT}", "must-be-null") in {(p.path, p.code) for p in report.errors}
    value = parsed.value[_ENTITIES][0]
    with pytest.raises(ClassValidationError):
        converter.structure(value, EntiteJuridique)
    embedded = sc.validate_embedded({"clients": [value]})
    assert ("/clients/0/certificatServeur", "must-be-null") in {
        (p.path, p.code) for p in embedded.errors
    }


@pytest.mark.parametrize(
    ("certificat", "problems"),
    [
        (ROW_1, [("/entitesJuridiques/0/certificatServeur", "normalised")]),
        ({}, [("/entitesJuridiques/0/certificatServeur", "normalised")]),
        ({"numeroCarteCPX": None}, [("/entitesJuridiques/0/certificatServeur", "normalised")]),
        (None, []),
        (
            {**ROW_1, "numeroCarteCPX": "8001234567"},
            [("/entitesJuridiques/0/certificatServeur", "must-be-null")],
        ),
        # A blank text is a value here, as before: only null is the null form.
        ({"nomAdminTechnique": ""}, [("/entitesJuridiques/0/certificatServeur", "must-be-null")]),
        # A key of its own: unknown, and the object is not one of nulls.
        (
            {**ROW_1, "nomAdmin": None},
            [
                ("/entitesJuridiques/0/certificatServeur", "must-be-null"),
                ("/entitesJuridiques/0/certificatServeur/nomAdmin", "unknown-key"),
            ],
        ),
    ],
)
def test_row_1_of_the_guide(certificat, problems):
    document = json.loads(sc.dumps(Demande(**_REQUEST, entites_juridiques=[_IDLE])))
    document[_ENTITIES][0][_CERT] = certificat
    report = sc.validate(json.dumps(document))
    assert [(p.path, p.code) for p in report.problems] == problems


def test_the_warning_says_what_is_written():
    document = json.loads(sc.dumps(Demande(**_REQUEST, entites_juridiques=[_IDLE])))
    document[_ENTITIES][0][_CERT] = {}
    (warning,) = sc.validate(json.dumps(document)).problems
    assert warning.severity is sc.Severity.WARNING
    assert warning.message() == (
        "certificatServeur : {} sera écrit null (objet sans valeur lu comme null)."
    )
    assert warning.message("en") == (
        "certificatServeur: {} will be written as null (object without values read as null)."
    )


def test_without_the_flag_an_object_of_nulls_is_a_block_value():
    # The block is optional, and block values need the flag (docs: format.md#block-optional):
    # an object of nulls without it is such a value, as before.
    document = json.loads(sc.dumps(Demande(**_REQUEST, entites_juridiques=[_IDLE])))
    entity = document[_ENTITIES][0]
    for key in ("demandeCertificatServeur", "contracutualisationOG", "StatutAdminTechnique"):
        del entity[key]
    del entity["contractualisationEditeur"]
    entity[_CERT] = {}
    found = {(p.path, p.code) for p in sc.validate(json.dumps(document)).errors}
    assert ("/entitesJuridiques/0/demandeCertificatServeur", "required") in found
