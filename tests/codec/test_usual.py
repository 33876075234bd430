"""The usual entity's fast path read in one step is the entity read value by value
(docs: architecture.md#fast-paths): the differential test that holds
`segur_certificats._codec.usual` to the reader it shortcuts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from segur_certificats._codec.entity import _each_value
from segur_certificats._codec.reading import Reading
from segur_certificats._codec.usual import usual_entity
from segur_certificats.serialize import converter
from segur_certificats.strategies import demandes

from ..fuzz.strategies import entity_values, null_certificats


def _value_by_value(value):
    reading = Reading()
    entite = _each_value(reading, value, "/e")
    # Keys the block does not have are the caller's to note, as read_entity() does.
    reading.problems = [p for p in reading.problems if p.code != "unknown-key"]
    return entite, reading


@given(st.one_of(entity_values(), demandes(max_entities=3).map(converter.unstructure)))
def test_an_entity_read_in_one_step_is_the_one_read_value_by_value(value):
    objects = value.get("entitesJuridiques", [value])
    taken = 0
    for item in objects if isinstance(objects, list) else []:
        usual = usual_entity(item) if type(item) is dict else None
        if usual is None:
            continue
        taken += 1
        entite, reading = _value_by_value(item)
        assert usual == entite
        assert reading.problems == reading.warnings == []


@given(demandes(max_entities=4))
def test_the_entities_the_format_writes_are_read_in_one_step(demande):
    for item in converter.unstructure(demande)["entitesJuridiques"]:
        assert usual_entity(item) is not None


def test_the_fast_path_refuses_what_it_cannot_say_nothing_about():
    # Each of these needs the value-by-value reading: a note, a warning or a fault.
    base = {"finessJuridique": "330058066", "demandeCertificatServeur": True}
    for changed in (
        {"finessJuridique": "33 005 806 6"},
        {"demandeCertificatServeur": 1},
        {"StatutAdminTechnique": "Editeur"},
        {"certificatServeur": {"nomAdminTechnique": " STU"}},
        {"certificatServeur": {"telAdminTechnique": "06\u00a003"}},
        {"certificatServeur": {"utiliteCertificat": "DMP, INS"}},
        {"certificatServeur": {"nom": "STU"}},
        {"demandeCertificatServeur": False, "contracutualisationOG": True},
        # No order, certificatServeur an object of nulls: null, with a warning.
        {"demandeCertificatServeur": False, "certificatServeur": {}},
        {"demandeCertificatServeur": False, "certificatServeur": {"numeroCarteCPX": None}},
    ):
        assert usual_entity({**base, **changed}) is None


@given(entity_values(), null_certificats())
def test_an_object_of_nulls_is_left_to_the_reader_that_warns(value, nulls):
    # The fast path says nothing, so it takes no entity the reader warns about: an
    # entity that orders nothing, its certificatServeur an object of nulls
    # (docs: format.md#no-order), is read value by value, as the null form.
    idle = {**value, "demandeCertificatServeur": False}
    for key in ("contracutualisationOG", "StatutAdminTechnique", "contractualisationEditeur"):
        idle.pop(key, None)
    plain = _value_by_value({**idle, "certificatServeur": None})[0]
    written = {**idle, "certificatServeur": nulls}
    assert usual_entity(written) is None
    entite, reading = _value_by_value(written)
    assert entite == plain
    assert entite.administrateur is None
    assert reading.problems == []
    assert [(w.path, w.code) for w in reading.warnings] == [("/e/certificatServeur", "normalised")]
