"""The JSON Schema (docs: schema.md): a valid Draft 2020-12 schema, generated from
the model, that agrees with `validate()` on every structural verdict, in every
implementation (`tests.schema.implementations`)."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import cli, schema
from segur_certificats._codec import jsontext as _jsontext
from segur_certificats._codec.find import find_entities
from segur_certificats._vocabulary.keys import MAX_LENGTHS
from segur_certificats.serialize import converter
from segur_certificats.strategies import Document, demandes, documents

from ..conftest import EXAMPLES, ROOT
from ..fuzz.strategies import SLICE, as_text, entity_values, envelope_texts, mutated
from ..problem_examples import EXAMPLES as PROBLEM_EXAMPLES
from ..vocabulary import CERTIFICAT, ENTITE, ENVELOPPE
from . import attacks, implementations
from .differential import assert_agree, assert_all_agree, judge

Validator = jsonschema.Draft202012Validator
CHECKERS = {
    kind: Validator(schema.json_schema(kind), format_checker=Validator.FORMAT_CHECKER)
    for kind in schema.KINDS
}

DIFFERENTIAL = settings(SLICE, max_examples=300)
ATTACK = settings(SLICE, max_examples=600)


# -- The schema itself -------------------------------------------------------------------


@pytest.mark.parametrize("kind", schema.KINDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_is_a_draft_2020_12_schema(kind: schema.Kind, lang: str) -> None:
    document = schema.json_schema(kind, lang)
    Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert f"/{sc.__version__}/" in document["$id"]
    assert json.loads(json.dumps(document)) == document  # plain JSON values only


def test_descriptions_follow_the_language() -> None:
    fr, en = schema.json_schema("envelope", "fr"), schema.json_schema("envelope", "en")
    assert "Vérifié seulement par segur-certificats" in fr["description"]
    assert "Checked only by segur-certificats" in en["description"]
    assert fr["properties"]["couloir"]["description"] != en["properties"]["couloir"]["description"]
    # The titles are the screen's labels, in every language (the portal is French).
    assert fr["properties"]["dateDepot"]["title"] == en["properties"]["dateDepot"]["title"]


def test_what_it_cannot_say_is_said() -> None:
    description = schema.json_schema()["description"]
    for code in ("finess.checksum", "finess.duplicate", "tel.invalid", "email.invalid"):
        assert code in description
    assert "demande.before-feature" in description


def test_unknown_kind_or_language() -> None:
    with pytest.raises(ValueError, match="kind"):
        schema.json_schema("request")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang"):
        schema.json_schema("envelope", "de")


def test_a_fresh_dictionary_each_call() -> None:
    first = schema.json_schema()
    first["properties"].clear()
    assert schema.json_schema()["properties"]


def test_published_where_its_id_says() -> None:
    # The site's address (mkdocs.yml) and the schemas' $id agree.
    site = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {schema.BASE_URL}\n" in site
    assert schema.schema_id("entity", "en") == schema.BASE_URL + schema.schema_path("entity", "en")


@pytest.mark.parametrize(
    ("argv", "kind", "lang"),
    [
        ([], "envelope", "fr"),
        (["--kind", "entity"], "entity", "fr"),
        (["--lang", "en"], "envelope", "en"),
    ],
)
def test_the_command_prints_it(
    argv: list[str], kind: schema.Kind, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["schema", *argv]) == 0
    assert json.loads(capsys.readouterr().out) == schema.json_schema(kind, lang)


def test_keys_come_from_the_names_module() -> None:
    document = schema.json_schema()
    entity = document["$defs"]["entiteJuridique"]
    certificat = document["$defs"]["certificatServeur"]
    assert list(document["properties"]) == list(ENVELOPPE.values())
    assert list(entity["properties"]) == list(ENTITE.values())
    assert list(certificat["properties"]) == list(CERTIFICAT.values())
    # Closed in the envelope; open to the editor's own keys as an entity alone.
    assert entity["additionalProperties"] is False
    assert "additionalProperties" not in schema.json_schema("entity")["$defs"]["entiteJuridique"]


# -- The scenario table, row by row ------------------------------------------------------


@pytest.mark.parametrize("row", [r for r in sc.SCENARIOS if r.demande_certificat_serveur])
def test_the_card_is_required_as_the_table_says(row: sc.Scenario) -> None:
    admin = sc.AdministrateurTechnique(
        contractualisation_og=row.contractualisation_og,
        statut=row.statut,
        contractualisation_editeur=row.contractualisation_editeur,
        nom="STU",
        telephone="0603334174",
        email="a.stu@mail.com",
        utilite=sc.UtiliteCertificat.DMP,
    )
    entity = converter.unstructure(
        sc.EntiteJuridique(finess_juridique="330058066", administrateur=admin)
    )
    accepted = CHECKERS["entity"].is_valid(entity)
    assert accepted is (row.numero_carte_cpx is not sc.Requirement.MANDATORY)
    entity["certificatServeur"]["numeroCarteCPX"] = "8001234567"
    assert CHECKERS["entity"].is_valid(entity)


# -- Every implementation -----------------------------------------------------------------


def test_at_least_two_implementations() -> None:
    names = {i.name.split()[0] for i in implementations.IMPLEMENTATIONS}
    assert {"python-jsonschema", "jsonschema-rs"} <= names


def test_ajv_takes_the_schema_in_strict_mode() -> None:
    # ajv compiles both schemas in its strict mode when the tests start.
    if implementations.AJV_MISSING:
        pytest.skip(implementations.AJV_MISSING)
    assert any(i.name.startswith("ajv 8.") for i in implementations.IMPLEMENTATIONS)


# -- Differential: the schema and validate() agree ---------------------------------------


def test_differential_on_the_examples() -> None:
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    assert assert_all_agree("envelope", texts) == len(texts)
    entities = [
        json.dumps(entity)
        for document in json.loads(
            (ROOT / "examples/embedded/dossier-editeur.json").read_text(encoding="utf-8")
        ).values()
        for _, entity in find_entities(document)
    ]
    assert assert_all_agree("entity", entities) == len(entities)


def test_differential_on_every_problem_example() -> None:
    texts = [text for text, _ in PROBLEM_EXAMPLES.values() if text is not None]
    assert assert_all_agree("envelope", texts) > 0


# Values that sit on the rules' edges: null, blank, wrong types, codes and labels,
# lengths at and past their limits.
EDGE_VALUES: list[Any] = [
    None,
    "",
    "  ",
    "\x85",
    "\x1c",
    "\ufeff",
    True,
    False,
    0,
    1.5,
    [],
    {},
    "E",
    "S",
    "e",
    "DMP",
    "DMP,INS",
    "DMP, INS",
    "AVANCE",
    "SOLDE",
    "MS1",
    "MS2",
    "MS3",
    " MS2",
    "A modifier",
    "2023-09-21",
    "2023-02-30",
    "2024-02-29",
    "0000-01-01",
    "2023-10-02\n",
    "2023-9-21",
    "330058066",
    "3300580660",
    "2A0000154",
    "33 005 806 6",
    "0603334174",
    "a.stu@mail.com",
    "8001234567",
    "STU",
    "x" * 10,
    "x" * 11,
    "x" * 25,
    "x" * 26,
    "x" * 151,
    "\u0958" * 13,
    "\u01d6\u0323" * 12,
]
# Values on the edge of each key's own rule.
EDGES_OF: dict[str, list[Any]] = {
    "demandeCertificatServeur": [True, False, None],
    "contracutualisationOG": [True, False, None],
    "contractualisationEditeur": [True, False, None],
    "StatutAdminTechnique": ["E", "S", None, ""],
    "numeroCarteCPX": [
        None,
        "8001234567",
        "80012345678",
        "XXXXXXXXXX",
        " 800123456 ",
        "ABCDEFGHIJ ",
    ],
    "nomAdminTechnique": [
        "N'DIAYE",
        "A" * 25,
        "A" * 26,
        "Adéṣọ̀lá",
        "Ade\u0323s\u0323o\u0323\u0300la\u0301",
        "Marie--Hélène",
    ],
    "telAdminTechnique": ["0262 30 40 50", "+32 2 555 12 12", "1" * 50, "1" * 51, "\x1f"],
    "emailAdminTechnique": ["y.legall@structure", "a@" + "b" * 146 + ".fr", "a@b.fr", "\x85"],
    "typeDemande": ["AVANCE", "SOLDE", "avance"],
    "couloir": ["MS1", "MS2", "MS3", "ms1"],
    "dateDepot": ["2023-09-20", "2023-09-21", "2023-13-01"],
    "dateModification": [None, "2023-09-21", "2023-09-20", ""],
    # The null form's object of nulls (docs: format.md#no-order), and objects that
    # are not one.
    "certificatServeur": [
        None,
        {},
        dict.fromkeys(CERTIFICAT.values()),
        {"utiliteCertificat": None, "numeroCarteCPX": None},
        {"numeroCarteCPX": "8001234567"},
        {"nomAdminTechnique": ""},
        {"nomAdmin": None},
    ],
}
_KEYS = [*ENVELOPPE.values()]
_ENTITY_KEYS = [*ENTITE.values(), "numeroCarteCPS", "raisonSociale"]
_CERT_KEYS = [*CERTIFICAT.values(), "nomAdmin"]


@st.composite
def near_valid_envelopes(draw: st.DrawFn) -> str:
    """A valid request with one to four values set to edge values or dropped."""
    value = converter.unstructure(draw(demandes(max_entities=3)))
    for _ in range(draw(st.integers(1, 4))):
        entities = value["entitesJuridiques"]
        where = draw(st.sampled_from(["envelope", "entity", "entity", "certificat", "certificat"]))
        node, keys = value, _KEYS
        if where != "envelope" and entities:
            node, keys = draw(st.sampled_from(entities)), _ENTITY_KEYS
            if where == "certificat" and isinstance(node.get("certificatServeur"), dict):
                node, keys = node["certificatServeur"], _CERT_KEYS
        key = draw(st.sampled_from(keys))
        if key == "entitesJuridiques":
            continue
        choice = draw(st.integers(0, 4))
        if choice == 0:
            node.pop(key, None)
        elif choice <= 2 and key in EDGES_OF:
            node[key] = copy.deepcopy(draw(st.sampled_from(EDGES_OF[key])))
        else:
            node[key] = copy.deepcopy(draw(st.sampled_from(EDGE_VALUES)))
    return json.dumps(value, ensure_ascii=False)


@DIFFERENTIAL
@given(near_valid_envelopes())
def test_differential_near_valid_envelopes(text: str) -> None:
    assert_agree("envelope", text)


@DIFFERENTIAL
@given(envelope_texts())
def test_differential_fuzzed_envelopes(text: str) -> None:
    assert_agree("envelope", text)


@DIFFERENTIAL
@given(entity_values().flatmap(lambda v: mutated(v, 3)), st.data())
def test_differential_entities(value: Any, data: st.DataObject) -> None:
    text = data.draw(as_text(value))
    parsed = _jsontext.load(text)
    # One entity at the root: nested objects holding finessJuridique would be
    # entities of their own for validate_embedded, and nothing for the schema.
    if parsed.ok and isinstance(parsed.value, dict):
        found = [path for path, _ in find_entities(parsed.value)]
        if found == [""]:
            assert_agree("entity", text)


@DIFFERENTIAL
@given(documents(valid=False))
def test_differential_documents_with_known_faults(document: Document) -> None:
    assert_agree("envelope", document.text)


# -- Attacks: the whole of Unicode at every edge -------------------------------------------

_GOLDEN = json.loads((ROOT / "examples/ms2-editeur-carte-obligatoire.json").read_text("utf-8"))
_ENTITY = "/entitesJuridiques/0"
_BLOCK = _ENTITY + "/certificatServeur"
#: Where a text goes, and its limit.
TEXT_FIELDS = {
    f"{_BLOCK}/{CERTIFICAT[name]}": MAX_LENGTHS[CERTIFICAT[name]]
    for name in ("nom", "telephone", "email", "numero_carte_cpx")
} | {f"/{ENVELOPPE[name]}": None for name in ("couloir", "numero_demande", "statut")}
DATE_FIELDS = [f"/{ENVELOPPE['date_depot']}", f"/{ENVELOPPE['date_modification']}"]


def _with(path: str, value: Any) -> Any:
    document = copy.deepcopy(_GOLDEN)
    *parents, last = path.strip("/").split("/")
    node = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[last] = value
    return document


@st.composite
def attacked_documents(draw: st.DrawFn) -> tuple[schema.Kind, str]:
    """The guide's request, or its entity alone, with one text or date attacked."""
    if draw(st.integers(0, 3)):
        path, limit = draw(st.sampled_from(sorted(TEXT_FIELDS.items(), key=str)))
        value = draw(attacks.texts(limit))
    else:
        path, value = draw(st.sampled_from(DATE_FIELDS)), draw(attacks.dates())
    document = _with(path, value)
    ascii_only = draw(st.booleans())
    if path.startswith(_ENTITY) and draw(st.booleans()):
        return "entity", json.dumps(document["entitesJuridiques"][0], ensure_ascii=ascii_only)
    return "envelope", json.dumps(document, ensure_ascii=ascii_only)


@ATTACK
@given(attacked_documents())
def test_differential_attacked_texts_and_dates(attacked: tuple[schema.Kind, str]) -> None:
    assert_agree(*attacked)


def test_the_issue_s_disagreements_are_gone() -> None:
    # Each of these passed one validator or another while validate() refused it,
    # or was refused while validate() took it as written.
    cases = [
        (f"{_BLOCK}/nomAdminTechnique", "\u0958" * 13),  # longer in NFC
        (f"{_BLOCK}/nomAdminTechnique", "\u01d6\u0323" * 12),  # taken apart by NFC
        *(
            (f"{_BLOCK}/{key}", char)
            for key in ("nomAdminTechnique", "telAdminTechnique", "emailAdminTechnique")
            for char in ("\x85", "\x1c", "\x1f", "\ufeff")
        ),
        ("/dateDepot", "2023-02-30"),
        ("/dateDepot", "2023-02-29"),
        ("/dateDepot", "0000-01-01"),
        ("/dateDepot", "2023-10-02\n"),
        ("/dateDepot", "2024-02-29"),
        (f"{_BLOCK}/numeroCarteCPX", "ABCDEFGHIJ "),
    ]
    texts = [json.dumps(_with(path, value)) for path, value in cases]
    assert assert_all_agree("envelope", texts) == len(texts)
    card = judge("envelope", texts[-1])
    assert card is not None
    assert card.rewritten  # refused for its trailing space: validate() writes it without


# -- The null form's object of nulls (docs: format.md#no-order) -----------------------------


def test_the_null_form_s_object_of_nulls() -> None:
    # An entity that orders nothing may write certificatServeur as an object of nulls
    # (docs: format.md#no-order): the schema accepts it as validate() does, with its
    # warning; with a value in it, or a key of its own, both refuse it.
    nulls = dict.fromkeys(CERTIFICAT.values())
    accepted = [nulls, {}, {"numeroCarteCPX": None}, None]
    refused = [
        {**nulls, "numeroCarteCPX": "8001234567"},
        {"nomAdminTechnique": "STU"},
        {"utiliteCertificat": "DMP"},
        {**nulls, "nomAdmin": None},
        [],
    ]
    idle = json.loads(json.dumps(_GOLDEN))
    entity = idle["entitesJuridiques"][0]
    entity.update(
        demandeCertificatServeur=False,
        contracutualisationOG=None,
        StatutAdminTechnique=None,
        contractualisationEditeur=None,
    )
    for kind in schema.KINDS:
        values = []
        for certificat in (*accepted, *refused):
            entity["certificatServeur"] = certificat
            values.append(copy.deepcopy(idle if kind == "envelope" else entity))
        texts = [json.dumps(value) for value in values]
        assert assert_all_agree(kind, texts) == len(texts)
        for name, found in implementations.verdicts(kind, values).items():
            assert found == [True] * len(accepted) + [False] * len(refused), (kind, name)
        for text, certificat in zip(texts, (*accepted, *refused), strict=True):
            report = sc.validate(text) if kind == "envelope" else sc.validate_embedded(text)
            where = ("/entitesJuridiques/0" if kind == "envelope" else "") + "/certificatServeur"
            warned = certificat is not None and certificat in accepted
            assert report.ok is (certificat in accepted), text
            assert [(p.path, p.code) for p in report.warnings] == (
                [(where, "normalised")] if warned else []
            )
    # Ordering, an object of nulls is no administrator: refused, as validate() refuses it.
    ordering = copy.deepcopy(_GOLDEN)
    ordering["entitesJuridiques"][0]["certificatServeur"] = nulls
    assert not sc.validate(json.dumps(ordering)).ok
    assert not CHECKERS["envelope"].is_valid(ordering)
    assert assert_all_agree("envelope", [json.dumps(ordering)]) == 1
