"""The JSON Schema (docs: schema.md): a valid Draft 2020-12 schema, generated from
the model, that agrees with `validate()` on every structural verdict."""

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
from segur_certificats.codec import jsontext as _jsontext
from segur_certificats.codec.entities import find_entities
from segur_certificats.codec.writer import converter, to_json_value
from segur_certificats.format.keys import CERTIFICAT, ENTITE, ENVELOPPE
from segur_certificats.pipeline.examples import EXAMPLES as PROBLEM_EXAMPLES
from segur_certificats.problems.problem import Severity
from segur_certificats.strategies import Document, demandes, documents

from ..conftest import EXAMPLES, ROOT
from ..fuzz.strategies import SLICE, as_text, entity_values, envelope_texts, mutated

Validator = jsonschema.Draft202012Validator
CHECKERS = {
    kind: Validator(schema.json_schema(kind), format_checker=Validator.FORMAT_CHECKER)
    for kind in schema.KINDS
}
#: The structural verdicts of the differential test: every code the schema expresses.
STRUCTURAL = schema.SCHEMA_CODES
#: What the schema cannot see in parsed JSON: the text's syntax and repeated keys.
TEXT_ONLY = frozenset({"json.syntax", "json.duplicate-key"})

DIFFERENTIAL = settings(SLICE, max_examples=300)


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


# -- Differential: the schema and validate() agree ---------------------------------------


def _verdicts(report: sc.Report) -> tuple[bool, bool, bool]:
    """(outside the schema's sight, a structural error, a normalised value)."""
    codes = {p.code for p in report.problems if p.severity is Severity.ERROR}
    normalised = any(p.code == "normalised" for p in report.problems)
    return (
        bool(codes & TEXT_ONLY) or "internal-error" in codes,
        bool(codes & STRUCTURAL),
        normalised,
    )


def assert_agree(kind: schema.Kind, text: str | bytes) -> None:
    """The schema accepts the document exactly when `validate()` (or
    `validate_embedded()` for one entity) finds no structural error in it. Where
    the SDK normalises a value, the schema (which describes values already
    normalised) may refuse what the SDK accepts with a warning, never the
    reverse."""
    parsed = _jsontext.load(text)
    report = sc.validate(text) if kind == "envelope" else sc.validate_embedded(text)
    blind, structural, normalised = _verdicts(report)
    if not parsed.ok or blind:
        return
    errors = [f"{e.json_path}: {e.message[:160]}" for e in CHECKERS[kind].iter_errors(parsed.value)]
    problems = [f"{p.path} {p.code}" for p in report.problems]
    if normalised:
        assert errors or not structural, (problems, text)
    else:
        assert bool(errors) == structural, (errors, problems, text)


def test_differential_on_the_examples() -> None:
    for path in [*EXAMPLES]:
        assert_agree("envelope", path.read_bytes())
    for document in json.loads(
        (ROOT / "examples/embedded/dossier-editeur.json").read_text(encoding="utf-8")
    ).values():
        for _, entity in find_entities(document):
            assert_agree("entity", json.dumps(entity))


@pytest.mark.parametrize("code", sorted(PROBLEM_EXAMPLES))
def test_differential_on_every_problem_example(code: str) -> None:
    text, _ = PROBLEM_EXAMPLES[code]
    if text is not None:
        assert_agree("envelope", text)


# Values that sit on the rules' edges: null, blank, wrong types, codes and labels,
# lengths at and past their limits.
EDGE_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        "",
        "  ",
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
        "A modifier",
        "2023-09-21",
        "2023-02-30",
        "2023-9-21",
        "330058066",
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
    ]
)
# Values on the edge of each key's own rule.
EDGES_OF: dict[str, list[Any]] = {
    "demandeCertificatServeur": [True, False, None],
    "contracutualisationOG": [True, False, None],
    "contractualisationEditeur": [True, False, None],
    "StatutAdminTechnique": ["E", "S", None],
    "numeroCarteCPX": [None, "8001234567", "80012345678", "XXXXXXXXXX", " 800123456 "],
    "nomAdminTechnique": ["N'DIAYE", "A" * 25, "A" * 26, "Adéṣọ̀lá", "Marie--Hélène"],
    "telAdminTechnique": ["0262 30 40 50", "+32 2 555 12 12", "1" * 50, "1" * 51],
    "emailAdminTechnique": ["y.legall@structure", "a@" + "b" * 146 + ".fr", "a@b.fr"],
    "typeDemande": ["AVANCE", "SOLDE", "avance"],
    "couloir": ["MS1", "MS2", "MS3", "ms1"],
    "dateDepot": ["2023-09-20", "2023-09-21", "2023-13-01"],
    "dateModification": [None, "2023-09-21", "2023-09-20"],
}
_KEYS = [*ENVELOPPE.values()]
_ENTITY_KEYS = [*ENTITE.values(), "numeroCarteCPS", "raisonSociale"]
_CERT_KEYS = [*CERTIFICAT.values(), "nomAdmin"]


@st.composite
def near_valid_envelopes(draw: st.DrawFn) -> str:
    """A valid request with one to four values set to edge values or dropped."""
    value = to_json_value(draw(demandes(max_entities=3)))
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
            node[key] = draw(st.sampled_from(EDGES_OF[key]))
        else:
            node[key] = copy.deepcopy(draw(EDGE_VALUES))
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
