"""The validation entry point: every problem at once, never an exception (docs:
problems.md#every-problem-at-once,
problems.md#never-a-traceback)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats.serialize import converter
from segur_certificats.strategies import demandes

from ..conftest import DATA, EXAMPLES
from ..fuzz.strategies import json_values

GOLDEN = json.loads((DATA / "golden-envelope.json").read_text(encoding="utf-8"))
E0 = "/entitesJuridiques/0"


def found(report):
    return [(p.path, p.code) for p in report.problems]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_valid(path):
    report = sc.validate_file(path)
    assert report.ok, report.messages()
    assert report.demande is not None


@given(demandes())
def test_a_valid_generated_document_has_no_error_in_any_input_form(d):
    text = sc.dumps(d)
    for source in (text, text.encode(), json.loads(text), d):
        report = sc.validate(source)
        assert report.ok, report.messages()
        assert report.demande == d


def test_five_different_problems_in_one_entity_are_all_reported():
    doc = copy.deepcopy(GOLDEN)
    entity = doc["entitesJuridiques"][0]
    entity["finessJuridique"] = "330058067"
    certificat = entity["certificatServeur"]
    certificat["numeroCarteCPX"] = None  # E + editor contracted: mandatory
    certificat["nomAdminTechnique"] = "STU 2"
    certificat["telAdminTechnique"] = "0123"
    certificat["emailAdminTechnique"] = "a.stu@"
    assert found(sc.validate(doc)) == [
        (f"{E0}/finessJuridique", "finess.checksum"),
        (f"{E0}/certificatServeur/numeroCarteCPX", "cpx.required"),
        (f"{E0}/certificatServeur/nomAdminTechnique", "nom.format"),
        (f"{E0}/certificatServeur/telAdminTechnique", "tel.invalid"),
        (f"{E0}/certificatServeur/emailAdminTechnique", "email.invalid"),
    ]


def test_a_wrong_type_in_one_entity_does_not_hide_the_rules_of_the_others():
    doc = copy.deepcopy(GOLDEN)
    second = copy.deepcopy(doc["entitesJuridiques"][0])
    second["finessJuridique"] = "750712184"
    second["certificatServeur"]["telAdminTechnique"] = "0123"
    doc["entitesJuridiques"][0]["contracutualisationOG"] = "Non"
    doc["entitesJuridiques"].append(second)
    report = sc.validate(doc)
    assert found(report) == [
        (f"{E0}/contracutualisationOG", "type"),
        ("/entitesJuridiques/1/certificatServeur/telAdminTechnique", "tel.invalid"),
    ]
    assert report.demande is None


def test_a_wrong_type_does_not_hide_the_other_rules_of_its_own_entity():
    doc = copy.deepcopy(GOLDEN)
    entity = doc["entitesJuridiques"][0]
    entity["demandeCertificatServeur"] = "TRUE"
    entity["certificatServeur"]["nomAdminTechnique"] = 42
    entity["certificatServeur"]["emailAdminTechnique"] = "nope"
    entity["certificatServeur"]["typo"] = 1
    # In reading order: the format's key order, unknown keys last.
    assert found(sc.validate(doc)) == [
        (f"{E0}/demandeCertificatServeur", "type"),
        (f"{E0}/certificatServeur/nomAdminTechnique", "type"),
        (f"{E0}/certificatServeur/emailAdminTechnique", "email.invalid"),
        (f"{E0}/certificatServeur/typo", "unknown-key"),
    ]


def test_a_broken_envelope_still_lets_the_entities_be_judged():
    doc = copy.deepcopy(GOLDEN)
    doc["dateDepot"] = "02/10/2023"
    doc["entitesJuridiques"][0]["finessJuridique"] = "330058067"
    assert found(sc.validate(doc)) == [
        ("/dateDepot", "date.format"),
        (f"{E0}/finessJuridique", "finess.checksum"),
    ]


@given(demandes(), st.data())
def test_one_known_corruption_reports_exactly_that_problem_at_that_path(d, data):
    doc = converter.unstructure(d)
    orders = [i for i, e in enumerate(doc["entitesJuridiques"]) if e["demandeCertificatServeur"]]
    if not orders:
        return
    i = data.draw(st.sampled_from(orders))
    key, value, code = data.draw(
        st.sampled_from(
            [
                ("nomAdminTechnique", "Jean 3", "nom.format"),
                ("nomAdminTechnique", "A" * 26, "max-length"),
                ("telAdminTechnique", "12", "tel.invalid"),
                ("emailAdminTechnique", "pas-un-email", "email.invalid"),
                ("emailAdminTechnique", "  ", "required"),
                ("utiliteCertificat", "DMP, INS", "enum"),
                ("utiliteCertificat", None, "required"),
                ("numeroCarteCPX", 8001234567, "type"),
            ]
        )
    )
    doc["entitesJuridiques"][i]["certificatServeur"][key] = value
    assert found(sc.validate(doc)) == [(f"/entitesJuridiques/{i}/certificatServeur/{key}", code)]


@given(json_values)
def test_validate_never_raises_for_any_json_value(value):
    report = sc.validate(value) if isinstance(value, dict) else sc.validate(json.dumps(value))
    assert not report.ok
    assert all(p.message() and p.message("en") for p in report.problems)


@given(st.text(max_size=300) | st.binary(max_size=300))
def test_validate_never_raises_for_any_text(text):
    report = sc.validate(text)
    assert all(p.message() for p in report.problems)


@given(demandes(max_entities=2), st.data())
def test_validate_never_raises_when_any_value_of_a_real_document_is_replaced(d, data):
    doc = converter.unstructure(d)
    paths = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, [*path, k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, [*path, i])

    walk(doc, [])
    path = data.draw(st.sampled_from(paths[1:]))
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = data.draw(json_values)
    report = sc.validate(doc)
    assert all(p.path.startswith("/") for p in report.problems)


def test_odd_inputs_end_as_problems():
    assert found(sc.validate("[" * 100_000)) == [("", "json.syntax")]
    assert found(sc.validate('{"a": NaN}')) == [("", "json.syntax")]
    assert found(sc.validate("[]")) == [("", "type")]
    assert found(sc.validate('"{}"')) == [("", "type")]  # a JSON string is not parsed twice
    assert found(sc.validate(b"\xff\xfe")) == [("", "file.unreadable")]
    huge = copy.deepcopy(GOLDEN)
    huge["entitesJuridiques"][0]["certificatServeur"]["nomAdminTechnique"] = "A" * 5_000_000
    assert found(sc.validate(huge)) == [(f"{E0}/certificatServeur/nomAdminTechnique", "max-length")]


def test_a_model_built_in_python_is_validated_at_its_json_paths():
    d = sc.loads(json.dumps(GOLDEN))
    original = d.entites_juridiques[0].administrateur
    assert original is not None
    admin = original.evolve(telephone="0123")
    broken = d.evolve(entites_juridiques=[d.entites_juridiques[0].evolve(administrateur=admin)])
    assert found(sc.validate(broken)) == [
        (f"{E0}/certificatServeur/telAdminTechnique", "tel.invalid")
    ]


def test_raise_for_errors_gives_the_request_or_the_problems():
    assert sc.validate(json.dumps(GOLDEN)).raise_for_errors() == sc.loads(json.dumps(GOLDEN))
    with pytest.raises(sc.InvalidDocument):
        sc.validate("{}").raise_for_errors()


def test_warnings_do_not_make_a_document_invalid():
    doc = copy.deepcopy(GOLDEN)
    doc["entitesJuridiques"][0]["certificatServeur"]["numeroCarteCPX"] = "XXXXXXX"
    report = sc.validate(doc)
    assert report.ok
    assert [p.code for p in report.warnings] == ["cpx.format"]
    assert list(report) == list(report.problems)
    assert "(avertissement)" in str(report)
    assert "(warning)" in report.messages("en")[0]


def test_a_mapping_nested_too_deep_or_cyclic_is_a_problem_not_a_crash():
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(10_000):
        node["x"] = {}
        node = node["x"]
    doc = copy.deepcopy(GOLDEN)
    doc["extra"] = deep["x"]
    assert found(sc.validate(doc)) == [("", "json.syntax")]
    cyclic = copy.deepcopy(GOLDEN)
    cyclic["self"] = cyclic
    assert found(sc.validate(cyclic)) == [("", "json.syntax")]


# -- Bounded work and output (docs: problems.md#bounded-work-and-output) ---------------------------

MEGA = 1_000_000


def _ordering(n):
    doc = copy.deepcopy(GOLDEN)
    entity = doc["entitesJuridiques"][0]
    doc["entitesJuridiques"] = [
        {**copy.deepcopy(entity), "finessJuridique": number}
        for number in ["330058066", "750712184", "690781810"][:n]
    ]
    return doc


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("emailAdminTechnique", "a" * 10 * MEGA + "@mail.com", "max-length"),
        ("telAdminTechnique", "0" * MEGA, "max-length"),
        ("nomAdminTechnique", "A" * MEGA, "max-length"),
        ("utiliteCertificat", "," * MEGA, "enum"),
        ("utiliteCertificat", "DMP," * MEGA, "enum"),
    ],
)
def test_a_value_past_its_limit_gets_one_problem_and_no_further_check(key, value, code):
    doc = _ordering(1)
    doc["entitesJuridiques"][0]["certificatServeur"][key] = value
    report = sc.validate(doc)
    assert found(report) == [(f"{E0}/certificatServeur/{key}", code)]
    assert len(report.problems[0].message()) < 300


def test_no_message_repeats_an_unbounded_value():
    doc = _ordering(3)
    doc["couloir"] = "M" * MEGA
    doc["numeroDemande"] = "N" * MEGA
    report = sc.validate(doc)
    assert [code for _, code in found(report)] == ["demande.not-eligible"] * 3
    assert sum(len(p.line()) + len(p.line("en")) for p in report.problems) < 3000


@given(st.text(min_size=200, max_size=2000), st.sampled_from(["fr", "en"]))
def test_every_parameter_of_a_message_is_bounded(value, lang):
    problem = sc.Problem("/x", "type", params={"field": value, "value": value, "expected": value})
    assert len(problem.message(lang)) < 3 * 200 + 100


# -- Every problem at once (docs: problems.md#every-problem-at-once) ----------------------------


def test_a_spaced_finess_is_still_judged_on_its_compact_form():
    doc = _ordering(2)
    doc["entitesJuridiques"][0]["finessJuridique"] = "33 005 806 7"  # wrong key too
    doc["entitesJuridiques"][1]["finessJuridique"] = "33 005 806 7"
    assert found(sc.validate(doc)) == [
        (f"{E0}/finessJuridique", "finess.format"),
        (f"{E0}/finessJuridique", "finess.checksum"),
        ("/entitesJuridiques/1/finessJuridique", "finess.format"),
        ("/entitesJuridiques/1/finessJuridique", "finess.checksum"),
        ("/entitesJuridiques/1/finessJuridique", "finess.duplicate"),
    ]


@pytest.mark.parametrize("check", [sc.validate, sc.validate_embedded])
def test_two_spellings_of_one_finess_are_one_entity(check):
    doc = _ordering(2)
    doc["entitesJuridiques"][1]["finessJuridique"] = "33 005 806 6"
    assert found(check(doc)) == [
        ("/entitesJuridiques/1/finessJuridique", "finess.format"),
        ("/entitesJuridiques/1/finessJuridique", "finess.duplicate"),
    ]


@pytest.mark.parametrize(
    ("missing", "statut", "contracted"),
    [
        ("contracutualisationOG", "E", "contractualisationEditeur"),
        ("contractualisationEditeur", "S", "contracutualisationOG"),
        ("StatutAdminTechnique", None, None),
    ],
)
def test_a_missing_answer_does_not_hide_a_card_the_table_already_requires(
    missing, statut, contracted
):
    doc = _ordering(1)
    entity = doc["entitesJuridiques"][0]
    entity.update({"contracutualisationOG": True, "contractualisationEditeur": True})
    if statut:
        entity["StatutAdminTechnique"] = statut
    entity[missing] = None
    entity["certificatServeur"]["numeroCarteCPX"] = None
    assert found(sc.validate(doc)) == [
        (f"{E0}/{missing}", "required"),
        (f"{E0}/certificatServeur/numeroCarteCPX", "cpx.required"),
    ]


@pytest.mark.parametrize("blank", ["", "  ", "\t\n"])
@pytest.mark.parametrize(
    "path",
    [
        ["typeDemande"],
        ["couloir"],
        ["dateDepot"],
        ["entitesJuridiques", 0, "StatutAdminTechnique"],
        ["entitesJuridiques", 0, "certificatServeur", "utiliteCertificat"],
        ["entitesJuridiques", 0, "certificatServeur", "nomAdminTechnique"],
    ],
)
def test_a_blank_value_is_required_wherever_null_is(path, blank):
    doc, null = _ordering(1), _ordering(1)
    for target, value in ((doc, blank), (null, None)):
        node = target
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    pointer = "/" + "/".join(map(str, path))
    assert found(sc.validate(doc)) == found(sc.validate(null)) == [(pointer, "required")]


@pytest.mark.parametrize("key", ["dateModification", "numeroDemande", "statut"])
def test_a_blank_optional_value_is_no_problem(key):
    doc = _ordering(1)
    doc[key] = " "
    assert sc.validate(doc).ok


@pytest.mark.parametrize(
    ("where", "key", "owner"),
    [
        ([], "nomAdminTechnique", "certificatServeur"),
        (["entitesJuridiques", 0], "nomAdminTechnique", "certificatServeur"),
        (["entitesJuridiques", 0, "certificatServeur"], "couloir", "la racine de la demande"),
        ([], "finessJuridique", "un objet de entitesJuridiques"),
    ],
)
def test_a_known_key_in_the_wrong_object_says_where_it_belongs(where, key, owner):
    doc = _ordering(1)
    node = doc
    for part in where:
        node = node[part]
    node[key] = "X"
    (problem,) = (p for p in sc.validate(doc).problems if p.code == "unknown-key")
    assert problem.path == "".join(f"/{part}" for part in [*where, key])
    assert f"elle appartient à {owner}" in problem.message()
    assert "belongs in" in problem.message("en")


def test_a_misspelt_key_still_gets_a_suggestion():
    doc = _ordering(1)
    doc["entitesJuridiques"][0]["certificatServeur"]["numeroCarteCPS"] = "1"
    (problem,) = (p for p in sc.validate(doc).problems if p.code == "unknown-key")
    assert '"numeroCarteCPX"' in problem.message()
