"""One cattrs converter, both ways (docs: format.md, architecture.md#pipeline):
``serialize.converter`` writes the exact JSON and reads it back, raises on what
the format does not accept, and is what ``loads`` and ``validate`` read with."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import cattrs
import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import rules
from segur_certificats._codec import entity
from segur_certificats._codec.entity import read_entity
from segur_certificats._codec.reading import Placed, PlacedKey, Reading
from segur_certificats._codec.values import plain
from segur_certificats._pipeline import source
from segur_certificats._pipeline.validate import _Request
from segur_certificats._vocabulary import normalise
from segur_certificats._vocabulary.keys import (
    CERTIFICAT_KEYS,
    ENTITY_KEYS,
    ENVELOPE_KEYS,
)
from segur_certificats.model import (
    Demande,
    EntiteJuridique,
    RequestContext,
    StatutAdminTechnique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.serialize import converter, dumps, loads
from segur_certificats.strategies import (
    cartes,
    demandes,
    emails,
    entites,
    finess_juridiques,
    noms,
    telephones,
)

from ..conftest import EXAMPLES
from ..fuzz.strategies import entity_values, envelope_texts

# -- Both ways ------------------------------------------------------------------------------


@given(demandes(max_entities=5))
def test_structure_of_unstructure_is_every_generated_request(demande):
    assert converter.structure(converter.unstructure(demande), Demande) == demande


@given(entites())
def test_structure_of_unstructure_is_every_generated_entity(entite):
    assert converter.structure(converter.unstructure(entite), EntiteJuridique) == entite


def _text(strategy: st.SearchStrategy[str], phone: bool = False) -> st.SearchStrategy[str | None]:
    """Text as the format writes it: already in its normalised form."""
    normalised = normalise.phone if phone else normalise.text
    return st.none() | strategy.filter(lambda s: plain(s) and normalised(s) == s)


@st.composite
def canonical_entities(draw: st.DrawFn, explicit: bool) -> dict[str, Any]:
    """A legal entity's object as the format writes it, drawn as JSON values."""
    finess, flag, og, statut, editeur, certificat = (key.json for key in ENTITY_KEYS)
    number = draw(finess_juridiques())
    if not draw(st.booleans()):
        if not explicit:
            return {finess: number}
        return {
            finess: number,
            flag: False,
            og: None,
            statut: None,
            editeur: None,
            certificat: None,
        }
    texts = {
        "numeroCarteCPX": _text(cartes()),
        "nomAdminTechnique": _text(noms()),
        "telAdminTechnique": _text(telephones(), phone=True),
        "emailAdminTechnique": _text(emails()),
        "utiliteCertificat": st.none() | st.sampled_from([u.code for u in UtiliteCertificat]),
    }
    return {
        finess: number,
        flag: True,
        og: draw(st.none() | st.booleans()),
        statut: draw(st.none() | st.sampled_from([s.code for s in StatutAdminTechnique])),
        editeur: draw(st.none() | st.booleans()),
        certificat: {key.json: draw(texts[key.json]) for key in CERTIFICAT_KEYS},
    }


@st.composite
def canonical_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A request as the format writes it, drawn as JSON values (not from the model)."""
    depot = draw(st.dates(dt.date(2022, 1, 1), dt.date(2026, 12, 31)))
    modified = draw(st.none() | st.dates(depot, dt.date(2027, 12, 31)))
    kind = draw(st.sampled_from([t.code for t in TypeDemande]))
    couloir = draw(st.sampled_from(["MS1", "MS2", "SNR", "PFI"]))
    context = RequestContext(
        type_demande=TypeDemande(kind),
        couloir=couloir,
        date_depot=depot,
        date_modification=modified,
    )
    explicit = rules.feature_applies(context)
    values = {
        "numeroDemande": draw(st.none() | st.from_regex(r"FINMS[0-9]{7}M[0-9]", fullmatch=True)),
        "typeDemande": kind,
        "couloir": couloir,
        "dateDepot": depot.isoformat(),
        "dateModification": None if modified is None else modified.isoformat(),
        "statut": draw(st.none() | st.sampled_from(["A modifier", "En cours", "Validée"])),
        "blocAdministrateursValide": draw(st.booleans()),
        "entitesJuridiques": draw(st.lists(canonical_entities(explicit), max_size=4)),
    }
    assert list(values) == [key.json for key in ENVELOPE_KEYS]
    return values


@given(canonical_documents())
def test_unstructure_of_structure_is_every_canonical_document(document):
    written = converter.unstructure(converter.structure(document, Demande))
    assert written == document
    # The same keys in the same order, at every level: the format's order.
    assert json.dumps(written) == json.dumps(document)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_document_reads_and_writes_back_exactly(path):
    text = path.read_text(encoding="utf-8")
    value = json.loads(text)
    demande = converter.structure(value, Demande)
    assert converter.unstructure(demande) == value
    assert dumps(demande) + "\n" == text
    assert loads(text) == demande


# -- What it refuses ------------------------------------------------------------------------

# The guide's example: one legal entity, its editor's administrator with a card.
GOLDEN = json.loads(
    next(p for p in EXAMPLES if p.name == "ms2-editeur-carte-obligatoire.json").read_text(
        encoding="utf-8"
    )
)


def _faults(error: BaseException) -> list[tuple[str, str]]:
    """The (path, code) of every problem an exception of the converter holds."""
    if isinstance(error, (Placed, PlacedKey)):
        return [(error.problem.path, error.problem.code)]
    assert isinstance(error, cattrs.BaseValidationError)
    return [found for member in error.exceptions for found in _faults(member)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"couloir": 3}, [("/couloir", "type")]),
        ({"typeDemande": "AVANSE"}, [("/typeDemande", "enum")]),
        ({"dateDepot": "02/10/2023"}, [("/dateDepot", "date.format")]),
        ({"blocAdministrateursValide": None}, [("/blocAdministrateursValide", "type")]),
        ({"entitesJuridiques": {}}, [("/entitesJuridiques", "type")]),
        ({"typeDemande": None}, [("/typeDemande", "required")]),
        ({"dossier": 1}, [("/dossier", "unknown-key")]),
    ],
)
def test_the_envelope_is_refused_for_each_fault(change, expected):
    with pytest.raises(ClassValidationError) as caught:
        converter.structure({**GOLDEN, **change}, Demande)
    assert _faults(caught.value) == expected


def test_a_missing_key_is_refused():
    value = dict(GOLDEN)
    del value["dateDepot"]
    with pytest.raises(ClassValidationError) as caught:
        converter.structure(value, Demande)
    assert _faults(caught.value) == [("/dateDepot", "required")]


@pytest.mark.parametrize(
    "key", ["contractualisationOG", "statutAdminTechnique", "certificatServeurs", "finessjuridique"]
)
def test_a_corrected_spelling_of_a_key_is_refused(key):
    entity = {**GOLDEN["entitesJuridiques"][0], key: None}
    with pytest.raises(ClassValidationError) as caught:
        converter.structure(entity, EntiteJuridique)
    assert _faults(caught.value) == [(f"/{key}", "unknown-key")]
    assert "vouliez-vous écrire" in str(caught.value.exceptions[0])


def test_every_fault_is_located_as_cattrs_locates_its_own():
    value = json.loads(json.dumps(GOLDEN))
    value["couloir"] = 3
    value["entitesJuridiques"][0]["certificatServeur"]["nomAdminTechnique"] = 4
    with pytest.raises(ClassValidationError) as caught:
        converter.structure(value, Demande)
    located = cattrs.transform_error(caught.value)
    assert located == [
        "invalid value @ $.couloir",
        "invalid value @ $.entitesJuridiques[0].certificatServeur.nomAdminTechnique",
    ]


@given(entity_values())
def test_an_entity_is_refused_exactly_when_the_pipeline_finds_a_fault(value):
    reading = Reading()
    with reading.open():
        converter.structure(value, EntiteJuridique)
    errors = [(p.path, p.code) for p in reading.problems if p.is_error]
    try:
        entite = converter.structure(value, EntiteJuridique)
    except ClassValidationError as error:
        assert sorted(_faults(error)) == sorted(errors)
        assert errors
    else:
        assert not errors
        assert isinstance(entite, EntiteJuridique)


# -- The one reader -------------------------------------------------------------------------


@given(envelope_texts())
def test_loads_raises_exactly_the_structure_errors_validate_finds(text):
    assert_loads_agrees_with_validate(text)


def assert_loads_agrees_with_validate(source: Any) -> None:
    """``loads(source)`` raises exactly the structure errors the pipeline reports, or
    gives the request it reads."""
    report = _Request(source).run(rules=False)
    try:
        demande = loads(source)
    except sc.InvalidDocument as error:
        assert error.problems == report.errors
        assert report.errors or report.demande is None
    else:
        assert not report.errors
        assert demande == report.demande


def test_loads_and_validate_read_through_the_converter(monkeypatch):
    read: list[Any] = []
    structure = converter.structure

    def spy(self: cattrs.Converter, value: Any, cl: Any) -> Any:
        if self is converter:
            read.append(cl)
        return structure(value, cl)

    # The converter's class is slotted: its method is watched on the class, for this one.
    monkeypatch.setattr(cattrs.Converter, "structure", spy)
    text = EXAMPLES[0].read_text(encoding="utf-8")
    assert sc.loads(text) == sc.validate(text).demande
    assert read == [Demande, Demande]
    # A source of legal-entity objects reads each with the converter's own hook.
    hooked: list[str] = []
    hook = converter.get_structure_hook(EntiteJuridique)
    assert hook is entity.structure_entity

    def spy_entity(value: Any, here: str, reading: Reading) -> Any:
        hooked.append(here)
        return read_entity(value, here, reading)

    monkeypatch.setattr(source, "read_entity", spy_entity)
    monkeypatch.setattr(entity, "read_entity", spy_entity)
    assert converter.structure(json.loads(text)["entitesJuridiques"][0], EntiteJuridique)
    assert hooked == [""]
    sc.validate_embedded(text)
    assert hooked[1:] == [
        f"/entitesJuridiques/{i}" for i in range(len(json.loads(text)["entitesJuridiques"]))
    ]


@given(canonical_documents())
def test_a_callers_parsed_document_is_never_changed(document):
    # Text is the reading's own and is let go of as it is read; a parsed value is the
    # caller's, and stays as it was, whichever entry point reads it.
    kept = json.loads(json.dumps(document))
    sc.validate(document)
    sc.loads(document)
    sc.validate_embedded(document)
    converter.structure(document, Demande)
    assert document == kept


def test_a_reading_is_its_threads_own():
    # Two threads reading at once each note in their own reading.
    import threading  # noqa: PLC0415

    texts = [json.dumps({**GOLDEN, "couloir": n}) for n in range(50)]
    found: dict[int, list[str]] = {}

    def read(n: int) -> None:
        errors = sc.validate(texts[n]).errors
        found[n] = [p.params.get("value", "") for p in errors]

    threads = [threading.Thread(target=read, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(found[n] == [str(n)] for n in range(len(texts)))
