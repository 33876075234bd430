"""Promises of the one converter, attacked with hostile and structure-aware values: the
strict and the lenient readings agree, ``loads`` and ``validate`` agree, a caller's
document is never changed, problems are located and ordered by entity,
``transform_error`` names the paths, canonical text reads back to the same values, and
a reading is its own thread's and task's. The attacks that once found a defect are in
``test_converter_attacks.py``."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import decimal
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats._codec import jsontext
from segur_certificats._codec.reading import Placed, PlacedKey, Reading, current
from segur_certificats._problems.pointer import split_pointer
from segur_certificats._problems.problem import Position
from segur_certificats.model import Demande, EntiteJuridique
from segur_certificats.serialize import converter

from ..codec.test_converter import assert_loads_agrees_with_validate, canonical_documents
from ..conftest import EXAMPLES
from ..fuzz import strategies as fuzz

ATTACK = settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

GOLDEN: dict[str, Any] = json.loads(
    next(p for p in EXAMPLES if p.name == "ms2-editeur-carte-obligatoire.json").read_text(
        encoding="utf-8"
    )
)
ENTITY: dict[str, Any] = GOLDEN["entitesJuridiques"][0]


def _faults(error: BaseException) -> list[tuple[str, str]]:
    if isinstance(error, (Placed, PlacedKey)):
        return [(error.problem.path, error.problem.code)]
    assert isinstance(error, cattrs.BaseValidationError)
    return [found for member in error.exceptions for found in _faults(member)]


def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


def _parsed(text: str) -> Any:
    parsed = jsontext.parse(text)
    assume(parsed.ok)
    return parsed.value


def _strict_agrees_with_lenient(value: Any, cl: type) -> None:
    reading = Reading()
    with reading.open():
        converter.structure(value, cl)
    lenient = sorted((p.path, p.code) for p in reading.problems if p.is_error)
    read: Any
    try:
        read = converter.structure(value, cl)
    except ClassValidationError as error:
        assert sorted(_faults(error)) == lenient
        assert lenient
    else:
        assert not lenient
        assert isinstance(read, cl)


# -- Strict and lenient: the same faults ----------------------------------------------------


@ATTACK
@given(fuzz.envelope_texts())
def test_strict_raises_exactly_the_faults_a_reading_notes_on_hostile_envelopes(text):
    value = _parsed(text)
    _strict_agrees_with_lenient(value, Demande)


@st.composite
def _mutated_entities(draw: st.DrawFn) -> Any:
    layout = fuzz.Layout(None, "\n", ascii_only=False, escape_keys=False)
    return draw(fuzz.mutated(draw(fuzz.entity_values()))), layout


@ATTACK
@given(_mutated_entities())
def test_strict_raises_exactly_the_faults_a_reading_notes_on_hostile_entities(drawn):
    mutated, layout = drawn
    value = _parsed(fuzz.write(mutated, layout))
    _strict_agrees_with_lenient(value, EntiteJuridique)


# -- loads and validate: the same errors, whatever form the document takes ------------------


@ATTACK
@given(fuzz.envelope_texts(), st.sampled_from(["bytes", "parsed", "mappingproxy"]))
def test_loads_raises_exactly_the_errors_validate_finds_for_bytes_and_parsed_values(text, form):
    if form == "bytes":
        source: Any = text.encode("utf-8", "surrogatepass")
    else:
        source = _parsed(text)
        if form == "mappingproxy" and isinstance(source, dict):
            source = MappingProxyType(source)
    assert_loads_agrees_with_validate(source)


@ATTACK
@given(fuzz.envelope_texts())
def test_a_callers_hostile_parsed_document_is_never_changed(text):
    value = _parsed(text)
    kept = copy.deepcopy(value)
    sc.validate(value)
    sc.validate_embedded(value)
    with contextlib.suppress(sc.InvalidDocument):
        sc.loads(value)
    # AttributeError and ValueError: defects 1 and 2 of test_converter_defects.py.
    with contextlib.suppress(ClassValidationError, AttributeError, ValueError):
        converter.structure(value, Demande)
    # json.dumps compares NaN-free values exactly (the texts hold no NaN: json.syntax).
    assert json.dumps(value, default=str) == json.dumps(kept, default=str)


# -- Located and ordered ----------------------------------------------------------------------


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(part) + 1 for part in lines[: line - 1]) + column - 1


def _kinds(value: Any, parts: list[str]) -> list[str] | None:
    node, kinds = value, []
    for part in parts:
        if isinstance(node, dict) and part in node:
            node, kind = node[part], "key"
        elif isinstance(node, list) and part.isdecimal() and int(part) < len(node):
            node, kind = node[int(part)], "index"
        else:
            return None
        kinds.append(kind)
    return kinds


@ATTACK
@given(fuzz.envelope_texts())
def test_every_problem_of_a_text_is_located_at_its_key_and_entities_come_in_order(text):
    report = sc.validate(text)
    assert all(p.code != "internal-error" for p in report.problems)
    parsed = jsontext.parse(text)
    body = text[1:] if text.startswith("\ufeff") else text
    for problem in report.problems:
        if not parsed.ok or not problem.path:
            continue
        assert problem.location is not None, problem
        parts = split_pointer(problem.path)
        kinds = _kinds(parsed.value, parts)
        if kinds and kinds[-1] == "key":
            assert isinstance(problem.location, Position)
            at = _offset(body, problem.location.line, problem.location.column)
            key, _ = json.JSONDecoder().raw_decode(body, at)
            assert key == parts[-1], (problem.path, body[at : at + 40])
    entity = []
    for problem in report.problems:
        parts = split_pointer(problem.path)
        inside = len(parts) > 1 and parts[0] == "entitesJuridiques" and parts[1].isdecimal()
        entity.append(int(parts[1]) if inside else -1)
    assert entity == sorted(entity)


# -- transform_error ----------------------------------------------------------------------------


def _cattrs_path(value: Any, path: str) -> str:
    written, node = "$", value
    for part in split_pointer(path):
        if isinstance(node, list):
            written += f"[{part}]"
            node = node[int(part)] if int(part) < len(node) else None
        else:
            written += f".{part}"
            node = node.get(part) if isinstance(node, dict) else None
    return written


@ATTACK
@given(fuzz.envelope_texts())
def test_transform_error_names_the_path_of_every_fault(text):
    value = _parsed(text)
    try:
        converter.structure(value, Demande)
    except ClassValidationError as error:
        leaves: list[str] = []
        stack: list[BaseException] = [error]
        while stack:
            exc = stack.pop()
            if isinstance(exc, PlacedKey):  # an extra key: at its object, as cattrs says it
                leaves.append(exc.problem.path.rsplit("/", 1)[0])
            elif isinstance(exc, Placed):
                leaves.append(exc.problem.path)
            else:
                stack.extend(exc.exceptions)  # type: ignore[attr-defined]
        located = sorted(line.rsplit(" @ ", 1)[1] for line in cattrs.transform_error(error))
        assert located == sorted(_cattrs_path(value, path) for path in leaves)


# -- Canonical text, any layout: the same values back -------------------------------------------


@ATTACK
@given(canonical_documents(), fuzz.layouts, st.booleans())
def test_canonical_text_in_any_layout_reads_back_to_its_values(document, layout, bom):
    text = ("\ufeff" if bom else "") + fuzz.write(document, layout)
    demande = sc.loads(text)
    assert converter.unstructure(demande) == document
    assert sc.validate(text).demande == demande
    assert converter.unstructure(converter.structure(document, Demande)) == document


# -- Hostile values by hand: never another exception ---------------------------------------------


class _Str(str):
    pass


class _Dict(dict):  # type: ignore[type-arg]
    pass


class _List(list):  # type: ignore[type-arg]
    pass


def _hostile() -> dict[str, Any]:
    cyclic: dict[str, Any] = dict(GOLDEN)
    cyclic["x"] = cyclic
    deep: Any = "x"
    for _ in range(10_000):
        deep = [deep]
    return {
        "mappingproxy": MappingProxyType(GOLDEN),
        "ordered": OrderedDict(GOLDEN),
        "dict subclass": _Dict(GOLDEN),
        "entity mappingproxy": {**GOLDEN, "entitesJuridiques": [MappingProxyType(ENTITY)]},
        "list subclass": {**GOLDEN, "entitesJuridiques": _List([ENTITY])},
        "str subclass keys": {_Str(k): v for k, v in GOLDEN.items()},
        "int key": {**GOLDEN, 1: 2},
        "tuple key": {**GOLDEN, ("a",): 2},
        "None key in entity": {**GOLDEN, "entitesJuridiques": [{**ENTITY, None: 1}]},
        "superscript key": {**GOLDEN, "²": 2},
        "cycle": cyclic,
        "deep value": {**GOLDEN, "couloir": deep},
        "list root": [GOLDEN],
        "scalar root": 5,
        "none root": None,
        "entities dict": {**GOLDEN, "entitesJuridiques": {"0": ENTITY}},
        "entities str": {**GOLDEN, "entitesJuridiques": "x" * 1_000_000},
        "entities many": {**GOLDEN, "entitesJuridiques": [None] * 50_000},
        "decimal nan": {**GOLDEN, "couloir": decimal.Decimal("NaN")},
        "float nan": {**GOLDEN, "blocAdministrateursValide": float("nan")},
        "bool for text": {**GOLDEN, "couloir": True},
        "int for bool": {**GOLDEN, "blocAdministrateursValide": 1},
        "huge int": {**GOLDEN, "couloir": 10**5000},
        "set": {**GOLDEN, "couloir": {1, 2}},
        "bytes": {**GOLDEN, "couloir": b"MS2"},
        "lone surrogate": {**GOLDEN, "couloir": "\ud800", "\udfff": 1},
        "nul": {**GOLDEN, "couloir": "\x00", "\x00": 1},
        "every key misspelt": {
            **GOLDEN,
            "entitesJuridiques": [{k + "x": v for k, v in ENTITY.items()}],
        },
        "blank texts": {
            **GOLDEN,
            "couloir": "\xa0",
            "statut": " ",
            "entitesJuridiques": [
                {
                    **ENTITY,
                    "certificatServeur": dict.fromkeys(ENTITY["certificatServeur"], "\u3000"),
                }
            ],
        },
    }


def test_hostile_parsed_values_never_make_an_entry_point_raise():
    for name, document in _hostile().items():
        for check in (sc.validate, sc.validate_embedded):
            report = check(document)
            assert all(p.code != "internal-error" for p in report.problems), (name, check)
        try:
            sc.loads(document)
        except sc.InvalidDocument as error:
            assert all(p.code != "internal-error" for p in error.problems), name


# -- Each thread and task its own reading ---------------------------------------------------------


def _errors(text: str) -> list[tuple[str, str, str]]:
    return [(p.path, p.code, p.params.get("value", "")) for p in sc.validate(text).errors]


def test_readings_in_threads_and_tasks_never_mix():
    texts = [json.dumps({**GOLDEN, "couloir": n, f"k{n}": n}) for n in range(40)]
    alone = [_errors(text) for text in texts]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(_errors, texts)) == alone

    async def all_at_once() -> list[list[tuple[str, str, str]]]:
        async def one(text: str) -> list[tuple[str, str, str]]:
            await asyncio.sleep(0)
            return await asyncio.to_thread(_errors, text)

        return list(await asyncio.gather(*(one(text) for text in texts)))

    assert asyncio.run(all_at_once()) == alone


def test_a_strict_read_in_another_thread_raises_while_a_reading_is_open_here():
    reading = Reading()
    raised: list[bool] = []

    def strict() -> None:
        try:
            converter.structure({"finessJuridique": 1}, EntiteJuridique)
        except ClassValidationError:
            raised.append(True)

    with reading.open():
        thread = threading.Thread(target=strict)
        thread.start()
        thread.join()
    assert raised == [True]
    assert reading.problems == []


def test_validate_inside_an_open_reading_notes_nothing_in_it_and_leaves_it_open():
    outer = Reading()
    with outer.open():
        inner = sc.validate({**GOLDEN, "couloir": 3})
        assert current() is outer
        with contextlib.suppress(sc.InvalidDocument):
            sc.loads({**GOLDEN, "couloir": 3})
        sc.validate_embedded({"x": {**ENTITY, "finessJuridique": 1}})
        assert current() is outer
    assert current() is None
    assert [(p.path, p.code) for p in inner.problems] == [("/couloir", "type")]
    assert outer.problems == []
    assert outer.warnings == []
    assert outer.entities == []
