"""The JSON Schema validators the schema is tried with (docs: schema.md#differential-test):
python-jsonschema (Python's ``re``) and jsonschema-rs (Rust's ``regex``), each with
and without format assertion, and ajv 8 (ECMA-262 with the ``u`` flag), with and
without ajv-formats, when Node.js and ajv are installed (``.ci/run`` installs them
and names their folder in ``NODE_PATH``)."""

from __future__ import annotations

import atexit
import json
import math
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol

import jsonschema
import jsonschema_rs

from segur_certificats import schema

Validator = jsonschema.Draft202012Validator
Verdict = bool | None
_AJV = Path(__file__).with_name("ajv.cjs")

#: How many values each implementation judged in this process, by name.
JUDGED: Counter[str] = Counter()


class Implementation(Protocol):
    """A validator, run without and with format assertion. `run` answers one pair
    (without, with) a value: ``True`` accepted, ``False`` refused, ``None`` when
    it cannot take the value (jsonschema-rs takes no lone surrogate)."""

    name: str

    def add(self, name: str, document: dict[str, Any]) -> None: ...

    def run(self, name: str, values: Sequence[Any]) -> list[tuple[Verdict, Verdict]]: ...


class PythonJsonschema:
    def __init__(self) -> None:
        self.name = f"python-jsonschema {version('jsonschema')}"
        self._validators: dict[str, tuple[Any, Any]] = {}

    def add(self, name: str, document: dict[str, Any]) -> None:
        self._validators[name] = (
            Validator(document),
            Validator(document, format_checker=Validator.FORMAT_CHECKER),
        )

    def run(self, name: str, values: Sequence[Any]) -> list[tuple[Verdict, Verdict]]:
        plain, formats = self._validators[name]
        return [(plain.is_valid(value), formats.is_valid(value)) for value in values]


def rs_validator(document: dict[str, Any], *, formats: bool = False) -> Any:
    """A jsonschema-rs validator of ``document``."""
    return jsonschema_rs.Draft202012Validator(document, validate_formats=formats)


def rs_accepts(validator: Any, value: Any) -> Verdict:
    try:
        return bool(validator.is_valid(value))
    except UnicodeEncodeError:  # a lone surrogate: Rust strings are UTF-8
        return None


class JsonschemaRs:
    def __init__(self) -> None:
        self.name = f"jsonschema-rs {version('jsonschema-rs')}"
        self._validators: dict[str, tuple[Any, Any]] = {}

    def add(self, name: str, document: dict[str, Any]) -> None:
        self._validators[name] = (rs_validator(document), rs_validator(document, formats=True))

    def run(self, name: str, values: Sequence[Any]) -> list[tuple[Verdict, Verdict]]:
        plain, formats = self._validators[name]
        return [(rs_accepts(plain, value), rs_accepts(formats, value)) for value in values]


class AjvMissing(RuntimeError):
    """Node.js or ajv 8 with ajv-formats is not installed."""


class Ajv:
    """ajv 8 in a Node.js process of its own, for the whole test session."""

    def __init__(self, node: str) -> None:
        self._process = subprocess.Popen(
            [node, str(_AJV)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        atexit.register(self.close)
        self.name = f"ajv {self._ask({'version': True})['version']}"

    def _ask(self, message: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        try:
            # ensure_ascii: a lone surrogate travels as \ud800, which JavaScript takes.
            self._process.stdin.write(json.dumps(message) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        except BrokenPipeError:
            line = ""
        if not line:
            assert self._process.stderr is not None
            raise AjvMissing(self._process.stderr.read().strip() or "node stopped")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def add(self, name: str, document: dict[str, Any]) -> None:
        self._ask({"add": name, "schema": document})

    def run(self, name: str, values: Sequence[Any]) -> list[tuple[Verdict, Verdict]]:
        answer = self._ask({"run": name, "instances": list(values)})
        return [(bool(plain), bool(formats)) for plain, formats in answer["verdicts"]]

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def _ajv() -> tuple[list[Implementation], str | None]:
    node = shutil.which("node")
    if node is None:
        return [], "Node.js is not installed (ajv 8 runs on it)"
    try:
        return [Ajv(node)], None
    except AjvMissing as missing:
        return [], (
            f"{missing} (npm install ajv@8 ajv-formats@3, and NODE_PATH=…/node_modules; "
            ".ci/run does)"
        )


_ajv_implementations, AJV_MISSING = _ajv()

#: Every implementation the differential tests run; ajv when it is installed.
IMPLEMENTATIONS: tuple[Implementation, ...] = (
    PythonJsonschema(),
    JsonschemaRs(),
    *_ajv_implementations,
)
for _implementation in IMPLEMENTATIONS:
    for _kind in schema.KINDS:
        _implementation.add(_kind, schema.json_schema(_kind))


def _plain(value: Any) -> Any:
    """``value`` with a finite float for each `Decimal` or infinite float (a number
    too long for a float, as the package's JSON reader keeps it): the schema never
    looks at a number's value, only at its type, and JSON has no infinity."""
    if isinstance(value, Decimal | float):
        number = float(value)
        if math.isnan(number):
            return 0.0
        return number if math.isfinite(number) else math.copysign(1e308, number)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def add(name: str, document: dict[str, Any]) -> None:
    """Give every implementation one more schema, under ``name``."""
    for implementation in IMPLEMENTATIONS:
        implementation.add(name, document)


def verdicts(name: str, values: Sequence[Any]) -> dict[str, list[Verdict]]:
    """Every implementation's verdict on each of ``values``, without and with
    format assertion, by the implementation's name."""
    found: dict[str, list[Verdict]] = {}
    plain = [_plain(value) for value in values]
    for implementation in IMPLEMENTATIONS:
        pairs = implementation.run(name, values if implementation is IMPLEMENTATIONS[0] else plain)
        for index, label in enumerate((implementation.name, f"{implementation.name} + formats")):
            found[label] = [pair[index] for pair in pairs]
            JUDGED[label] += sum(verdict is not None for verdict in found[label])
    return found
