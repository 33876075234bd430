"""Every rule of the schema is needed (docs: schema.md#differential-test): without
it, the schema accepts a document of the corpus in which `validate()` finds an
error the schema expresses, and the differential test would fail.

A rule is an assertion keyword where a schema says "must" (not inside ``not``
or ``if``), one name of a ``required`` list, or an ``if``/``then`` pair; each is
removed in turn, which only ever makes the schema laxer. The corpus is
deterministic: the examples, every problem code's example, and the guide's request
with each of its values dropped or set to each edge value."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from segur_certificats import schema
from segur_certificats._vocabulary.keys import (
    ANSWERS,
    CERTIFICAT_SERVEUR,
    DEMANDE_CERTIFICAT_SERVEUR,
    NUMERO_CARTE_CPX,
)
from segur_certificats.rules import SCENARIOS, Requirement

from ..conftest import EXAMPLES, ROOT
from ..problem_examples import EXAMPLES as PROBLEM_EXAMPLES
from ..vocabulary import CERTIFICAT, ENTITE, ENVELOPPE
from .differential import Judged, assert_all_agree, judge
from .implementations import rs_accepts, rs_validator

#: Keywords that assert; the others annotate or hold sub-schemas.
ASSERTIONS = frozenset(
    {
        "type",
        "enum",
        "const",
        "pattern",
        "minLength",
        "maxLength",
        "additionalProperties",
        "not",
        "items",
        "$ref",
        "anyOf",
    }
)
_DROP = object()
_GOLDEN = json.loads((ROOT / "examples/ms2-editeur-carte-obligatoire.json").read_text("utf-8"))
_ENTITY = ("entitesJuridiques", 0)
_BLOCK = (*_ENTITY, "certificatServeur")
_EDGES: list[Any] = [
    _DROP,
    None,
    "",
    " ",
    "\x85",
    "\x1f",
    True,
    False,
    0,
    [],
    {},
    "E",
    "DMP",
    "SOLDE",
    "MS3",
    "x" * 11,
    "x" * 26,
    "1" * 51,
    "a@" + "b" * 146 + ".fr",
    "\u0958" * 13,
    "\u01d6\u0323" * 12,
    "\u0958" * 6,
    "\u01d6\u0323" * 5,
    "2023-02-30",
    "2023-10-021",
    "3300580660",
    "ABCDEFGHI",
    ["x"],
    [None],
]


def _set(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    changed = copy.deepcopy(document)
    node = changed
    for part in path[:-1]:
        node = node[part]
    if value is _DROP:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return changed


def _paths() -> Iterator[tuple[str | int, ...]]:
    yield from ((key,) for key in ENVELOPPE.values())
    yield from ((*_ENTITY, key) for key in ENTITE.values())
    yield from ((*_BLOCK, key) for key in CERTIFICAT.values())
    yield ("numeroDemandes",)
    yield (*_ENTITY, "numeroCarteCPS")
    yield (*_BLOCK, "nomAdmin")


def corpus() -> list[str]:
    """The documents every mutant is tried on."""
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    texts += [text for text, _ in PROBLEM_EXAMPLES.values() if text is not None]
    texts += ["[]", "null", "1", '"AVANCE"']
    # The guide's request, and the same without an order: an envelope rule must be
    # seen where the order's own rules do not hide it.
    idle = _set(_GOLDEN, (*_ENTITY, DEMANDE_CERTIFICAT_SERVEUR.json), False)
    for key in (*ANSWERS, "certificat"):
        idle = _set(idle, (*_ENTITY, ENTITE[key]), None)
    values = [
        _set(base, path, edge)
        for base in (_GOLDEN, idle)
        for path in _paths()
        if base is _GOLDEN or len(path) <= len(_BLOCK)
        for edge in _EDGES
    ]
    # The entity orders nothing: each answer given all the same.
    golden = _GOLDEN["entitesJuridiques"][0]
    values += [
        _set(idle, (*_ENTITY, ENTITE[key]), golden[ENTITE[key]]) for key in (*ANSWERS, "certificat")
    ]
    # certificatServeur as an object of nulls (docs: format.md#no-order), ordering or
    # not; and, in an entity that orders nothing, with one value given, or a key of
    # its own.
    nulls = dict.fromkeys(CERTIFICAT.values())
    certificat = golden[CERTIFICAT_SERVEUR.json]
    values += [
        _set(base, _BLOCK, block)
        for base in (_GOLDEN, idle)
        for block in ({}, nulls, {NUMERO_CARTE_CPX.json: None})
    ]
    values += [_set(idle, _BLOCK, {**nulls, key: certificat[key]}) for key in CERTIFICAT.values()]
    values += [_set(idle, _BLOCK, {**nulls, "nomAdmin": None})]
    # Each row of the table that orders, without its administrator; each that makes
    # the card mandatory, without the card.
    for row in SCENARIOS:
        answers = (
            row.contractualisation_og,
            row.statut.code if row.statut else None,
            row.contractualisation_editeur,
        )
        if row.demande_certificat_serveur:
            for block in (None, _DROP):
                value = _set(_GOLDEN, (*_ENTITY, CERTIFICAT_SERVEUR.json), block)
                for name, answer in zip(ANSWERS, answers, strict=True):
                    value = _set(value, (*_ENTITY, ENTITE[name]), answer)
                values.append(value)
        if row.numero_carte_cpx is Requirement.MANDATORY:
            for card in (None, _DROP):
                value = _set(_GOLDEN, (*_BLOCK, NUMERO_CARTE_CPX.json), card)
                for name, answer in zip(ANSWERS, answers, strict=True):
                    value = _set(value, (*_ENTITY, ENTITE[name]), answer)
                values.append(value)
    texts += [json.dumps(value, ensure_ascii=False) for value in values]
    return texts


_CORPUS = corpus()
_JUDGED = [j for j in (judge("envelope", text) for text in _CORPUS) if j is not None]


def test_the_corpus_agrees_with_validate() -> None:
    # The corpus is a differential test of its own, in every implementation.
    assert assert_all_agree("envelope", _CORPUS) == len(_JUDGED) > 1000


def _mutants(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
    """(what is removed, where, how): every rule in a position where the schema
    says "must"."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        here = (*path, key)
        if key in ASSERTIONS:
            yield key, here, None
        if key == "required":
            for index in range(len(value)):
                yield f"required {value[index]}", (*here, index), None
        if key == "if":
            yield "if/then", here, None
        if key in ("properties", "$defs"):
            for name, sub in value.items():
                yield from _mutants(sub, (*here, name))
        elif key in ("allOf", "anyOf"):
            for index, sub in enumerate(value):
                yield from _mutants(sub, (*here, index))
        elif key in ("items", "then"):
            yield from _mutants(value, here)


def _without(document: Any, where: tuple[str | int, ...], rule: str) -> Any:
    mutant = copy.deepcopy(document)
    node = mutant
    for part in where[:-1]:
        node = node[part]
    if isinstance(node, list):  # one name of a required list
        del node[int(where[-1])]
    else:
        del node[where[-1]]
        if rule == "if/then":
            node.pop("then", None)
    return mutant


_DOCUMENT = schema.json_schema("envelope")
MUTANTS = list(_mutants(_DOCUMENT))


def test_there_are_rules_to_remove() -> None:
    rules = {rule for rule, _, _ in MUTANTS}
    assert {"pattern", "maxLength", "not", "if/then", "additionalProperties", "enum"} <= rules
    assert len(MUTANTS) > 80


def _about(where: tuple[str | int, ...]) -> str | None:
    """The key or definition a rule is about (the items of ``entitesJuridiques``
    are legal entities)."""
    name = None
    for index, part in enumerate(where):
        if index and where[index - 1] in ("properties", "$defs"):
            name = str(part)
        elif part == "items":
            name = "entiteJuridique"
    return name


def _node(where: tuple[str | int, ...]) -> Any:
    node: Any = _DOCUMENT
    for part in where:
        node = node[part]
    return node


def restating(rule: str, where: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """The rules that say what ``rule`` says, itself included: a ``type`` beside a
    ``$ref`` and the referenced definition's ``type`` (ajv's strict mode asks for
    both), and what the schema says of one key's type or codes, in its property
    and in the rules of the table — ``certificatServeur``'s ``anyOf`` and
    ``$ref`` in its property say what the rules of an order and of no order say
    again, each of its own case (docs: format.md#no-order)."""
    if rule in ("$ref", "anyOf"):
        about, target = _about(where), _node(where) if rule == "$ref" else None
        return [
            w
            for r, w, _ in MUTANTS
            if r == rule and _about(w) == about and (target is None or _node(w) == target)
        ]
    if rule not in ("type", "enum"):
        return [where]
    parent = _node(where[:-1])
    target = parent.get("$ref") if rule == "type" else None
    definition = (target or "").removeprefix("#/$defs/") if target else _defined(where)
    if definition:
        return [("$defs", definition, "type")] + [
            w
            for r, w, _ in MUTANTS
            if r == "type" and _node(w[:-1]).get("$ref") == f"#/$defs/{definition}"
        ]
    about = _about(where)
    return [w for r, w, _ in MUTANTS if r in ("type", "enum") and _about(w) == about]


def _defined(where: tuple[str | int, ...]) -> str | None:
    """The definition whose own ``type`` this is, if it is referred to by ``$ref``s
    that carry a ``type`` too."""
    if len(where) == 3 and where[0] == "$defs" and where[2] == "type":
        target = f"#/$defs/{where[1]}"
        if any(r == "type" and _node(w[:-1]).get("$ref") == target for r, w, _ in MUTANTS):
            return str(where[1])
    return None


def _caught(mutant: Any) -> Judged | None:
    """A document the mutant accepts although `validate()` finds in it an error
    the schema expresses."""
    validator = rs_validator(mutant)
    return next((j for j in _JUDGED if j.structural and rs_accepts(validator, j.value)), None)


@pytest.mark.parametrize(
    ("rule", "where"),
    [(rule, where) for rule, where, _ in MUTANTS],
    ids=["/".join(map(str, where)) for _, where, _ in MUTANTS],
)
def test_every_rule_is_needed(rule: str, where: tuple[str | int, ...]) -> None:
    if _caught(_without(_DOCUMENT, where, rule)) is not None:
        return
    # A rule said twice is needed once: without every rule that says it.
    group = restating(rule, where)
    assert len(group) > 1, f"{rule} at {where} is never needed by the corpus"
    mutant = _DOCUMENT
    for other in group:
        mutant = _without(mutant, other, rule)
    assert _caught(mutant) is not None, f"{rule} at {where} and {group} are never needed"
