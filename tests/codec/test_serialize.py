"""The exact JSON of the format, read strictly and written back unchanged (docs: format.md)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_certificats import (
    SCENARIOS,
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    InvalidDocument,
    Requirement,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.serialize import converter, dumps, loads
from segur_certificats.strategies import demandes

from ..conftest import DATA, EXAMPLES
from ..fuzz.strategies import json_values

GOLDEN = (DATA / "golden-envelope.json").read_text(encoding="utf-8")

BLOCK_KEYS = [
    "finessJuridique",
    "demandeCertificatServeur",
    "contracutualisationOG",
    "StatutAdminTechnique",
    "contractualisationEditeur",
    "certificatServeur",
]
CERTIFICAT_KEYS = [
    "numeroCarteCPX",
    "nomAdminTechnique",
    "telAdminTechnique",
    "emailAdminTechnique",
    "utiliteCertificat",
]
ENVELOPE_KEYS = [
    "numeroDemande",
    "typeDemande",
    "couloir",
    "dateDepot",
    "dateModification",
    "statut",
    "blocAdministrateursValide",
    "entitesJuridiques",
]


def envelope(*entities: EntiteJuridique, **changes) -> Demande:
    values: dict[str, Any] = {
        "numero_demande": "FINMS2009167M1",
        "type_demande": TypeDemande.AVANCE,
        "couloir": "MS2",
        "date_depot": dt.date(2023, 10, 2),
        "statut": "A modifier",
        "entites_juridiques": entities,
    }
    values.update(changes)
    return Demande(**values)


# -- The golden document --------------------------------------------------------


def test_the_spec_document_built_in_python_serializes_byte_for_byte():
    admin = AdministrateurTechnique(
        contractualisation_og=False,
        statut=SCENARIOS[3].statut,
        contractualisation_editeur=True,
        numero_carte_cpx="8001234567",
        nom="STU",
        telephone="0603334174",
        email="a.stu@mail.com",
        utilite=UtiliteCertificat.DMP,
    )
    demande = envelope(EntiteJuridique(finess_juridique="330058066", administrateur=admin))
    assert dumps(demande) + "\n" == GOLDEN


def test_the_golden_document_reads_and_writes_back_identical():
    assert dumps(loads(GOLDEN)) + "\n" == GOLDEN


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_canonical(path):
    text = path.read_text(encoding="utf-8")
    assert dumps(loads(text)) + "\n" == text


# -- The nine rows of the table ----------------------------------------------------


@pytest.mark.parametrize("row", SCENARIOS, ids=lambda r: f"row{r.number}")
def test_each_table_row_serializes_to_the_exact_names_and_reads_back(row):
    if row.demande_certificat_serveur:
        admin = AdministrateurTechnique(
            contractualisation_og=row.contractualisation_og,
            statut=row.statut,
            contractualisation_editeur=row.contractualisation_editeur,
            numero_carte_cpx="8001234567"
            if row.numero_carte_cpx is Requirement.MANDATORY
            else None,
            nom="STU",
            telephone="0603334174",
            email="a.stu@mail.com",
            utilite=UtiliteCertificat.DMP_INS,
        )
    else:
        admin = None
    demande = envelope(EntiteJuridique(finess_juridique="330058066", administrateur=admin))
    document = json.loads(dumps(demande))
    assert list(document) == ENVELOPE_KEYS
    entity = document["entitesJuridiques"][0]
    assert list(entity) == BLOCK_KEYS
    assert entity["demandeCertificatServeur"] is row.demande_certificat_serveur
    assert entity["contracutualisationOG"] is row.contractualisation_og
    assert entity["StatutAdminTechnique"] == (row.statut.code if row.statut else None)
    assert entity["contractualisationEditeur"] is row.contractualisation_editeur
    if admin is None:
        # format.md#no-order: the explicit null form.
        assert entity["certificatServeur"] is None
    else:
        assert list(entity["certificatServeur"]) == CERTIFICAT_KEYS
        assert entity["certificatServeur"]["utiliteCertificat"] == "DMP,INS"
    assert loads(dumps(demande)) == demande


# -- format.md#block-optional: the block when the feature does not apply ---------------------------


def test_no_block_keys_are_written_where_the_feature_does_not_apply():
    solde = envelope(EntiteJuridique(finess_juridique="330058066"), type_demande=TypeDemande.SOLDE)
    assert converter.unstructure(solde)["entitesJuridiques"] == [{"finessJuridique": "330058066"}]
    before = envelope(
        EntiteJuridique(finess_juridique="330058066"), date_depot=dt.date(2023, 9, 20)
    )
    assert converter.unstructure(before)["entitesJuridiques"] == [{"finessJuridique": "330058066"}]


def test_the_explicit_form_is_written_for_a_request_modified_after_the_feature():
    modified = envelope(
        EntiteJuridique(finess_juridique="330058066"),
        date_depot=dt.date(2023, 5, 2),
        date_modification=dt.date(2023, 9, 21),
    )
    assert list(converter.unstructure(modified)["entitesJuridiques"][0]) == BLOCK_KEYS


def test_an_order_is_never_dropped_even_where_the_feature_does_not_apply():
    admin = AdministrateurTechnique(nom="STU")
    solde = envelope(
        EntiteJuridique(finess_juridique="330058066", administrateur=admin),
        type_demande=TypeDemande.SOLDE,
    )
    assert loads(dumps(solde)) == solde


def test_an_entity_without_block_keys_reads_as_no_order():
    text = GOLDEN.replace('"demandeCertificatServeur": true', '"demandeCertificatServeur": false')
    document = json.loads(text)
    document["entitesJuridiques"][0] = {"finessJuridique": "330058066"}
    assert loads(document).entites_juridiques[0].administrateur is None


# -- Properties ------------------------------------------------------------------------


@given(demandes())
def test_loads_dumps_round_trips_every_valid_model(demande):
    assert loads(dumps(demande)) == demande


@given(demandes())
def test_dumps_loads_round_trips_canonical_documents(demande):
    text = dumps(demande)
    again = dumps(loads(text))
    assert again == text
    assert json.loads(again) == json.loads(text)


@given(json_values)
def test_reading_any_json_value_never_raises_anything_but_invalid_document(value):
    try:
        loads(value)
    except InvalidDocument as exc:
        assert exc.problems
        assert all(p.path == "" or p.path.startswith("/") for p in exc.problems)


@given(st.text(max_size=200) | st.binary(max_size=200))
def test_reading_any_text_never_raises_anything_but_invalid_document(text):
    try:
        loads(text)
    except InvalidDocument as exc:
        assert exc.problems


@given(demandes(), st.data())
def test_corrupting_one_entity_field_reports_exactly_that_path(demande, data):
    document = converter.unstructure(demande)
    ordering = [
        i for i, e in enumerate(document["entitesJuridiques"]) if e["demandeCertificatServeur"]
    ]
    if not ordering:
        return
    index = data.draw(st.sampled_from(ordering))
    key = data.draw(st.sampled_from(["contracutualisationOG", "contractualisationEditeur"]))
    document["entitesJuridiques"][index][key] = data.draw(st.sampled_from(["TRUE", 1, "Oui", 0]))
    with pytest.raises(InvalidDocument) as caught:
        loads(document)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        (f"/entitesJuridiques/{index}/{key}", "type")
    ]


# -- Strictness: each kind of bad input -------------------------------------------------


def _golden():
    return json.loads(GOLDEN)


def _problems(document):
    with pytest.raises(InvalidDocument) as caught:
        loads(document)
    return [(p.path, p.code) for p in caught.value.problems]


E0 = "/entitesJuridiques/0"


def _set(path, value):
    document = _golden()
    *parents, last = path.strip("/").split("/")
    node = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[last] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        # format.md#types-and-codes: JSON booleans only.
        (f"{E0}/demandeCertificatServeur", "TRUE", "type"),
        (f"{E0}/demandeCertificatServeur", 1, "type"),
        (f"{E0}/contracutualisationOG", "Oui", "type"),
        (f"{E0}/contractualisationEditeur", 0, "type"),
        ("/blocAdministrateursValide", "false", "type"),
        # No silent coercion of numbers into strings.
        (f"{E0}/certificatServeur/numeroCarteCPX", 8001234567, "type"),
        (f"{E0}/certificatServeur/telAdminTechnique", 603334174, "type"),
        ("/couloir", 12, "type"),
        (f"{E0}/finessJuridique", 330058066, "type"),
        # Exact codes only.
        (f"{E0}/StatutAdminTechnique", "Editeur", "enum"),
        (f"{E0}/StatutAdminTechnique", "e", "enum"),
        (f"{E0}/certificatServeur/utiliteCertificat", "DMP, INS", "enum"),
        (f"{E0}/certificatServeur/utiliteCertificat", "INS,DMP", "enum"),
        ("/typeDemande", "Avance", "enum"),
        # Wrong containers.
        (f"{E0}/certificatServeur", "STU", "type"),
        ("/entitesJuridiques", {"finessJuridique": "330058066"}, "type"),
        ("/entitesJuridiques", "330058066", "type"),
        # Dates are ISO YYYY-MM-DD.
        ("/dateDepot", "02/10/2023", "date.format"),
        ("/dateDepot", "20231002", "date.format"),
        ("/dateDepot", "2023-02-30", "date.format"),
        ("/dateModification", 20231002, "type"),
        # Required envelope values.
        ("/typeDemande", None, "required"),
        ("/dateDepot", None, "required"),
    ],
)
def test_each_wrong_value_is_reported_at_its_path_with_its_code(path, value, code):
    assert _problems(_set(path, value)) == [(path, code)]


@pytest.mark.parametrize("key", ["typeDemande", "couloir", "dateDepot", "entitesJuridiques"])
def test_missing_required_envelope_keys_are_required_problems(key):
    document = _golden()
    del document[key]
    assert _problems(document) == [(f"/{key}", "required")]


def test_optional_envelope_keys_may_be_left_out():
    document = _golden()
    for key in ["numeroDemande", "dateModification", "statut", "blocAdministrateursValide"]:
        del document[key]
    assert loads(document).bloc_administrateurs_valide is False


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/numeroDemandee", "unknown-key"),
        (f"{E0}/numeroCarteCPX", "unknown-key"),
        (f"{E0}/certificatServeur/numeroCarteCPS", "unknown-key"),
        (f"{E0}/contractualisationOG", "unknown-key"),  # the misspelling is the real key
        (f"{E0}/statutAdminTechnique", "unknown-key"),  # capital S is the real key
    ],
)
def test_unknown_keys_are_rejected_where_they_stand(path, code):
    assert _problems(_set(path, "x")) == [(path, code)]


def test_an_unknown_key_names_the_close_real_key():
    with pytest.raises(InvalidDocument) as caught:
        loads(_set(f"{E0}/certificatServeur/numeroCarteCPS", "1"))
    assert '"numeroCarteCPX"' in caught.value.problems[0].message()


def test_the_accepted_code_is_named_for_the_screen_label():
    with pytest.raises(InvalidDocument) as caught:
        loads(_set(f"{E0}/certificatServeur/utiliteCertificat", "DMP, INS"))
    (problem,) = caught.value.problems
    assert '"DMP,INS"' in problem.message()
    assert '"DMP,INS"' in problem.message("en")


@pytest.mark.parametrize(("label", "code"), [("Editeur", '"E"'), ("Structure", '"S"')])
def test_the_screen_label_of_a_status_names_its_code(label, code):
    with pytest.raises(InvalidDocument) as caught:
        loads(_set(f"{E0}/StatutAdminTechnique", label))
    (problem,) = caught.value.problems
    assert (problem.code, problem.variant) == ("enum", "suggest")
    assert f"écrivez {code}" in problem.message()


def test_a_single_unknown_key_does_not_hide_the_other_problems():
    document = _set("/typo", 1)
    document["couloir"] = 2
    document["entitesJuridiques"][0]["StatutAdminTechnique"] = "X"
    document["entitesJuridiques"][0]["certificatServeur"]["extra"] = True
    assert sorted(_problems(document)) == sorted(
        [
            ("/typo", "unknown-key"),
            ("/couloir", "type"),
            (f"{E0}/StatutAdminTechnique", "enum"),
            (f"{E0}/certificatServeur/extra", "unknown-key"),
        ]
    )


def test_problems_in_several_entities_are_all_reported():
    document = _golden()
    second = copy.deepcopy(document["entitesJuridiques"][0])
    second["demandeCertificatServeur"] = "true"
    third = {
        "finessJuridique": "750712184",
        "demandeCertificatServeur": False,
        "StatutAdminTechnique": "S",
    }
    document["entitesJuridiques"] += [second, "not an object", third]
    assert _problems(document) == [
        ("/entitesJuridiques/1/demandeCertificatServeur", "type"),
        ("/entitesJuridiques/2", "type"),
        ("/entitesJuridiques/3/StatutAdminTechnique", "must-be-null"),
    ]


@pytest.mark.parametrize(
    "key",
    [
        "contracutualisationOG",
        "StatutAdminTechnique",
        "contractualisationEditeur",
        "certificatServeur",
    ],
)
def test_false_order_wants_every_other_block_value_null(key):
    # format.md#no-order
    document = _set(f"{E0}/demandeCertificatServeur", False)
    for other in [
        "contracutualisationOG",
        "StatutAdminTechnique",
        "contractualisationEditeur",
        "certificatServeur",
    ]:
        if other != key:
            document["entitesJuridiques"][0][other] = None
    assert _problems(document) == [(f"{E0}/{key}", "must-be-null")]


def test_a_filled_block_without_the_order_flag_asks_for_the_flag():
    document = _golden()
    del document["entitesJuridiques"][0]["demandeCertificatServeur"]
    assert _problems(document) == [(f"{E0}/demandeCertificatServeur", "required")]


def test_a_null_order_flag_is_required():
    document = _set(f"{E0}/demandeCertificatServeur", None)
    for key in [
        "contracutualisationOG",
        "StatutAdminTechnique",
        "contractualisationEditeur",
        "certificatServeur",
    ]:
        document["entitesJuridiques"][0][key] = None
    assert _problems(document) == [(f"{E0}/demandeCertificatServeur", "type")]


def test_a_spaced_finess_in_json_is_refused_with_its_compact_form():
    # format.md#finess-juridique: the document must hold the compact form.
    with pytest.raises(InvalidDocument) as caught:
        loads(_set(f"{E0}/finessJuridique", "33 005 806 6"))
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == (f"{E0}/finessJuridique", "finess.format")
    assert '"330058066"' in problem.message()


# -- JSON text ---------------------------------------------------------------------------


def _text_problems(text):
    with pytest.raises(InvalidDocument) as caught:
        loads(text)
    return [(p.path, p.code) for p in caught.value.problems]


def test_duplicate_keys_are_detected_with_their_path_and_do_not_hide_the_rest():
    text = GOLDEN.replace(
        '"nomAdminTechnique": "STU",', '"nomAdminTechnique": "STU", "nomAdminTechnique": "VIE",'
    )
    text = text.replace('"couloir": "MS2"', '"couloir": 2')
    assert _text_problems(text) == [  # in reading order
        ("/couloir", "type"),
        (f"{E0}/certificatServeur/nomAdminTechnique", "json.duplicate-key"),
    ]


@pytest.mark.parametrize(
    "text",
    ["", "{", '{"a": 1,}', "{'a': 1}", '{"a": NaN}', '{"a": Infinity}', "[" * 100_000, "{} {}"],
)
def test_text_that_is_not_json_is_a_syntax_problem(text):
    assert _text_problems(text) == [("", "json.syntax")]


def test_deep_but_parseable_nesting_is_refused_before_any_walk():
    text = '{"typeDemande": ' + "[" * 500 + "]" * 500 + "}"
    assert _text_problems(text) == [("", "json.syntax")]


def test_bytes_that_are_not_utf8_are_unreadable():
    assert _text_problems(GOLDEN.encode("latin-1").replace(b"STU", b"ST\xc9")) == [
        ("", "file.unreadable")
    ]


def test_a_top_level_array_is_a_type_problem():
    assert _text_problems("[" + GOLDEN + "]") == [("", "type")]


def test_huge_strings_are_read_and_shown_shortened():
    huge = "x" * 1_000_000
    with pytest.raises(InvalidDocument) as caught:
        loads(GOLDEN.replace('"MS2"', json.dumps([huge])))
    assert len(caught.value.problems[0].message()) < 300


def test_bytes_with_a_bom_are_read():
    assert loads(("\ufeff" + GOLDEN).encode("utf-8")) == loads(GOLDEN)
