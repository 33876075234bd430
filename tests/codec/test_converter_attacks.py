"""Attacks on the one cattrs converter (``serialize.converter``) and the readings that go
through it: each test states what the README and the docs promise, on the smallest input
a fresh-eyed attack found breaking it before it was fixed (each fixed for its class).

Promises held to (README, docs/validating.md, docs/problems.md, serialize.py):

- ``converter.structure(value, Demande)`` (or ``EntiteJuridique``) called alone
  returns the model or raises ``cattrs.ClassValidationError`` — never another exception;
- ``cattrs.transform_error`` on that error names each fault's path;
- a caller's parsed document is never mutated, and nothing it holds is silently read
  as something else;
- problems come in reading order, unknown keys last;
- a long number is shown by magnitude (``~10^4999``).
"""

from __future__ import annotations

import enum
import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import cattrs
import pytest
from cattrs.errors import ClassValidationError

import segur_certificats as sc
from segur_certificats.model import Demande, EntiteJuridique
from segur_certificats.serialize import converter

from ..conftest import EXAMPLES

GOLDEN: dict[str, Any] = json.loads(
    next(p for p in EXAMPLES if p.name == "ms2-editeur-carte-obligatoire.json").read_text(
        encoding="utf-8"
    )
)
ENTITY: dict[str, Any] = GOLDEN["entitesJuridiques"][0]


def _golden() -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(GOLDEN))
    return copied


def _structure_raises_only_class_validation_error(value: Any, cl: type) -> ClassValidationError:
    """``converter.structure(value, cl)`` must raise `ClassValidationError` (and only it)."""
    try:
        converter.structure(value, cl)
    except ClassValidationError as error:
        return error
    except Exception as error:
        pytest.fail(f"converter.structure raised {type(error).__name__}: {error}")
    pytest.fail("converter.structure accepted a document with a fault")


def _paths(error: ClassValidationError) -> list[str]:
    """The path of every fault, as cattrs.transform_error writes it."""
    return sorted(line.rsplit(" @ ", 1)[1] for line in cattrs.transform_error(error))


# -- 1. A non-text key makes the strict converter raise AttributeError ----------------------
# reading.py: unknown_keys() -> escaped(key) calls key.replace(...) on an int key.
# validate() of the same mapping reports a located `type` problem (variant "key"):
# the strict converter should raise ClassValidationError holding it.


@pytest.mark.parametrize(
    ("where", "cl"),
    [
        ("envelope", Demande),
        ("entity", EntiteJuridique),
        ("certificatServeur", EntiteJuridique),
    ],
)
def test_a_non_text_key_is_a_class_validation_error_not_an_attribute_error(where, cl):
    if where == "envelope":
        value: Any = {**_golden(), 1: "x"}
    elif where == "entity":
        value = {**ENTITY, 1: "x"}
    else:
        value = {**ENTITY, "certificatServeur": {**ENTITY["certificatServeur"], 2: "x"}}
    _structure_raises_only_class_validation_error(value, cl)


# -- 2. An unknown key that is a non-ASCII digit made it raise ValueError -------------------
# reading.py: _group()/_locate() took `part.isdigit()` as "an array index" and called
# int(part); "²".isdigit() is True but int("²") raises ValueError. An unknown key is
# reported as cattrs reports an extra key: at its object, naming the key.


@pytest.mark.parametrize("key", ["²", "①", "³"])
@pytest.mark.parametrize("cl", [Demande, EntiteJuridique])
def test_an_unknown_key_made_of_a_superscript_digit_is_a_class_validation_error(key, cl):
    value = {**(_golden() if cl is Demande else ENTITY), key: 1}
    error = _structure_raises_only_class_validation_error(value, cl)
    assert cattrs.transform_error(error) == [f"extra fields found ({key}) @ $"]


# -- 3. transform_error lost or misnamed the path of an object key made of digits -----------
# reading.py: _group() decided "array" from the key's spelling (isdigit), not from the
# value being an array: an object member named "0" or "7" was located as an array item.
# Now an extra key is named at its object, and an array's items only are items.


@pytest.mark.parametrize(
    ("value", "cl", "expected"),
    [
        ({**ENTITY, "0": 1}, EntiteJuridique, ["extra fields found (0) @ $"]),
        (
            {**ENTITY, "0": 1, "x": 2},
            EntiteJuridique,
            ["extra fields found (0) @ $", "extra fields found (x) @ $"],
        ),
        (
            {**ENTITY, "certificatServeur": {**ENTITY["certificatServeur"], "7": 1}},
            EntiteJuridique,
            ["extra fields found (7) @ $.certificatServeur"],
        ),
        ({**GOLDEN, "0": 1}, Demande, ["extra fields found (0) @ $"]),
        (
            {**GOLDEN, "entitesJuridiques": [{**ENTITY, "7": 1}]},
            Demande,
            ["extra fields found (7) @ $.entitesJuridiques[0]"],
        ),
    ],
)
def test_transform_error_names_an_object_key_made_of_digits_as_a_key(value, cl, expected):
    error = _structure_raises_only_class_validation_error(value, cl)
    assert sorted(cattrs.transform_error(error)) == expected


# -- 4. transform_error says the wrong expected type -----------------------------------------
# reading.py: _locate() gives AttributeValidationNote the *owner* class as its type, where
# cattrs means the attribute's type: transform_error then prints
# "invalid value for type, expected Demande @ $.couloir" for a number given as couloir,
# and "expected EntiteJuridique" for an unknown key of an entity.


def test_transform_error_does_not_say_the_owner_class_is_the_expected_type():
    error = _structure_raises_only_class_validation_error({**_golden(), "couloir": 3}, Demande)
    (line,) = cattrs.transform_error(error)
    assert line.endswith("@ $.couloir")
    assert "expected Demande" not in line, line


# -- 5. A defaultdict is mutated, and its missing key read as its default -------------------
# The envelope is read by cattrs' generated function, which reads a required key as
# o["typeDemande"] (serialize.py: make_dict_structure_fn; envelope.py: generated(value, ...)).
# On a dict subclass with __missing__, that calls the default factory: the caller's
# document gains the key, and the missing key is never reported.


def test_a_defaultdict_missing_a_required_key_is_reported_and_left_unchanged():
    document = defaultdict(lambda: "AVANCE", _golden())
    del document["typeDemande"]
    kept = dict(document)
    report = sc.validate(document)
    assert dict(document) == kept, "validate() inserted a key into the caller's document"
    assert ("/typeDemande", "required") in [(p.path, p.code) for p in report.problems]


def test_the_strict_converter_does_not_insert_a_missing_key_into_a_defaultdict():
    document = defaultdict(lambda: "AVANCE", _golden())
    del document["typeDemande"]
    _structure_raises_only_class_validation_error(document, Demande)
    assert "typeDemande" not in document


def test_a_counter_missing_a_date_is_a_required_problem_not_a_type_problem():
    document = Counter(_golden())
    del document["dateDepot"]
    report = sc.validate(document)
    assert [(p.path, p.code) for p in report.problems] == [("/dateDepot", "required")]


# -- 6. A code given as a str subclass is refused, with "write the same code" ---------------
# values.py code(): the code is looked up only when type(raw) is str, then the value is
# kept as text because isinstance(raw, str); the suggestion finds the very same code.
# Text and dates given as a str subclass are read (values.text, values.date). A caller's
# own (str, Enum) member — a common way to spell codes in Python — is such a value.


class _Code(str, enum.Enum):
    AVANCE = "AVANCE"
    E = "E"
    DMP = "DMP"


class _Text(str):
    pass


@pytest.mark.parametrize("code", [_Text("AVANCE"), _Code.AVANCE])
def test_a_code_given_as_a_str_subclass_is_read_as_the_code(code):
    report = sc.validate({**_golden(), "typeDemande": code})
    messages = [p.message("en") for p in report.problems]
    # Today: 'typeDemande: "AVANCE" is not an accepted code; write "AVANCE".'
    assert report.ok, messages


def test_codes_of_an_entity_given_as_str_subclasses_are_read_as_codes():
    entity = {
        **ENTITY,
        "StatutAdminTechnique": _Code.E,
        "certificatServeur": {**ENTITY["certificatServeur"], "utiliteCertificat": _Code.DMP},
    }
    report = sc.validate({**_golden(), "entitesJuridiques": [entity]})
    assert report.ok, [p.message("en") for p in report.problems]


def test_a_str_subclass_is_read_alike_for_a_text_a_date_and_a_code():
    # couloir (text) and dateDepot (date) are read; typeDemande (code) is not.
    document = {
        **_golden(),
        "couloir": _Text("MS2"),
        "dateDepot": _Text("2023-10-02"),
        "typeDemande": _Text("AVANCE"),
    }
    converter.structure(document, Demande)


# -- 7. A long integer literal is not shown by magnitude -------------------------------------
# docs/problems.md#reading-json: "a number is a `type` problem, its value shown by
# magnitude (`~10^4999`) when it is long". A literal past 4,000 digits is read as a
# Decimal, and shown.py show_value() only writes an int by magnitude: the Decimal is
# shown as its first 59 digits and "…".


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_5000_digit_literal_is_shown_by_magnitude(sign):
    text = json.dumps(_golden()).replace('"MS2"', sign + "9" * 5000)
    (problem,) = sc.validate(text).problems
    assert (problem.path, problem.code) == ("/couloir", "type")
    assert f"{sign}~10^4999" in problem.message("en"), problem.message("en")


# -- 8. Unknown keys named like keys of another object are not ordered last ------------------
# docs/problems.md#every-problem-at-once: "each in the order the format writes its keys
# (unknown keys last)". order.py ranks a path part by its name alone (_KEY_RANK), so an
# envelope key misplaced in an entity ranks before finessJuridique, and an envelope key
# misplaced in certificatServeur before its known keys.


def test_an_envelope_key_misplaced_in_an_entity_is_ordered_after_the_entitys_keys():
    entity = {"couloir": "MS2", **ENTITY, "finessJuridique": "330058067"}
    text = json.dumps({**_golden(), "entitesJuridiques": [entity]}, indent=2)
    found = [(p.path, p.code) for p in sc.validate(text).problems]
    assert found == [
        ("/entitesJuridiques/0/finessJuridique", "finess.checksum"),
        ("/entitesJuridiques/0/couloir", "unknown-key"),
    ]


def test_an_unknown_key_in_certificat_serveur_is_ordered_after_its_known_keys():
    certificat = {"dateDepot": "x", **ENTITY["certificatServeur"], "nomAdminTechnique": 5}
    entity = {**ENTITY, "certificatServeur": certificat}
    text = json.dumps({**_golden(), "entitesJuridiques": [entity]}, indent=2)
    found = [(p.path, p.code) for p in sc.validate(text).problems]
    assert found == [
        ("/entitesJuridiques/0/certificatServeur/nomAdminTechnique", "type"),
        ("/entitesJuridiques/0/certificatServeur/dateDepot", "unknown-key"),
    ]


# -- 9. A strict read inside a reading notes into the outer reading --------------------------
# The hooks consult the context variable (entity.py structure_entity: current(); envelope.py
# structure_demande, structure_entities), and the strict Demande hook itself opens a
# Reading. So a call of converter.structure made while another reading is open — by the
# caller's own code run during the read (a Mapping's get(), here) — does not raise:
# its faults are noted into the outer reading, at the outer reading's `here`, and end up
# in the outer report at a pointer the document does not have.


class _CheckedMapping(Mapping[str, Any]):
    """A caller's mapping that checks a value of its own with the strict converter each
    time a value is asked for (the caller expects ClassValidationError for it)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.refused = 0

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            converter.structure({"finessJuridique": 1}, EntiteJuridique)
        except ClassValidationError:
            self.refused += 1
        return self.data.get(key, default)


def test_a_callers_own_strict_read_during_validate_is_not_noted_in_the_report():
    entity = _CheckedMapping(dict(ENTITY))
    report = sc.validate({**_golden(), "entitesJuridiques": [entity]})
    assert [(p.path, p.code) for p in report.problems] == []  # the document is valid
    assert entity.refused > 0  # and the caller's own strict read raised, as called alone


def test_a_strict_read_nested_in_a_strict_read_raises_as_called_alone():
    entity = _CheckedMapping(dict(ENTITY))
    converter.structure({**_golden(), "entitesJuridiques": [entity]}, Demande)
    assert entity.refused > 0


# -- 10. A normalised warning below a value in error -------------------------------------------
# docs/format.md#normalisation: "Where a value has an error (...), that error alone is
# reported: a value in error is not written." An entity that orders nothing but fills in
# certificatServeur gets must-be-null at /certificatServeur (the object is not written:
# it is set aside), and yet a `normalised` warning at /certificatServeur/nomAdminTechnique
# says '" STU " will be written as "STU"'. order.py with_warnings() drops a warning only
# where an error stands at the very same path, not where one stands above it.


def test_no_normalised_warning_is_reported_below_a_value_in_error():
    entity = {
        **ENTITY,
        "demandeCertificatServeur": False,
        "contracutualisationOG": None,
        "StatutAdminTechnique": None,
        "contractualisationEditeur": None,
        "certificatServeur": {"nomAdminTechnique": " STU "},
    }
    report = sc.validate(json.dumps({**_golden(), "entitesJuridiques": [entity]}))
    assert [(p.path, p.code) for p in report.problems] == [
        ("/entitesJuridiques/0/certificatServeur", "must-be-null")
    ]
