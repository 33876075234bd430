"""The JSON Schema validators the schema is tried with (docs: schema.md#differential-test):
python-jsonschema (Python's ``re``) and jsonschema-rs (Rust's ``regex``), each with
and without format assertion, and ajv 8 (ECMA-262 with the ``u`` flag), with and
without ajv-formats, when Node.js and ajv are installed (``.ci/run`` installs them:
``NODE_PATH`` names the folder)."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import jsonschema_rs

from segur_certificats import schema

Validator = jsonschema.Draft202012Validator
_AJV = Path(__file__).with_name("ajv.cjs")


Verdict = bool | None


@attrs.frozen
class Implementation:
    """A validator, run with and without format assertion: ``run`` answers, for a
    batch of values, one pair (without, with) per value: ``True`` accepted,
    ``False`` refused, ``None`` when it cannot take the value (jsonschema-rs takes
    no lone surrogate)."""

    name: str
    run: Callable[[schema.Kind, Sequence[Any]], list[tuple[Verdict, Verdict]]]

    @property
    def names(self) -> tuple[str, str]:
        return self.name, f"{self.name} + formats"


def _python() -> Implementation:
    validators = {
        (kind, formats): Validator(
            schema.json_schema(kind), format_checker=Validator.FORMAT_CHECKER if formats else None
        )
        for kind in schema.KINDS
        for formats in (False, True)
    }
    return Implementation(
        f"python-jsonschema {version('jsonschema')}",
        lambda kind, values: [
            (validators[kind, False].is_valid(value), validators[kind, True].is_valid(value))
            for value in values
        ],
    )


def rs_validator(document: dict[str, Any], *, formats: bool) -> Any:
    """A jsonschema-rs validator of ``document``."""
    return jsonschema_rs.Draft202012Validator(document, validate_formats=formats)


def rs_accepts(validator: Any, value: Any) -> Verdict:
    try:
        return bool(validator.is_valid(value))
    except UnicodeEncodeError:  # a lone surrogate: Rust strings are UTF-8
        return None


def _rust() -> Implementation:
    validators = {
        (kind, formats): rs_validator(schema.json_schema(kind), formats=formats)
        for kind in schema.KINDS
        for formats in (False, True)
    }
    return Implementation(
        f"jsonschema-rs {version('jsonschema-rs')}",
        lambda kind, values: [
            (rs_accepts(validators[kind, False], value), rs_accepts(validators[kind, True], value))
            for value in values
        ],
    )


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
            errors="surrogatepass",
            env={**os.environ},
        )
        atexit.register(self.close)
        answer = self.ask({"schemas": {kind: schema.json_schema(kind) for kind in schema.KINDS}})
        self.version = str(answer["version"])

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
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

    def verdicts(self, kind: schema.Kind, values: Sequence[Any]) -> list[tuple[Verdict, Verdict]]:
        answer = self.ask({"kind": kind, "instances": list(values)})
        return [(bool(plain), bool(formats)) for plain, formats in answer["verdicts"]]

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


class AjvMissing(RuntimeError):
    """Node.js or ajv 8 with ajv-formats is not installed."""


def _ajv() -> tuple[list[Implementation], str | None]:
    node = shutil.which("node")
    if node is None:
        return [], "Node.js is not installed (ajv 8 runs on it)"
    try:
        ajv = Ajv(node)
    except AjvMissing as missing:
        return [], (
            f"{missing} (npm install ajv@8 ajv-formats@3, then NODE_PATH=…/node_modules; "
            ".ci/run does)"
        )
    return [Implementation(f"ajv {ajv.version}", ajv.verdicts)], None


_ajv_implementations, AJV_MISSING = _ajv()

#: Every implementation the differential tests run, ajv when it is installed.
IMPLEMENTATIONS: tuple[Implementation, ...] = (_python(), _rust(), *_ajv_implementations)


def verdicts(kind: schema.Kind, values: Sequence[Any]) -> dict[str, list[Verdict]]:
    """Every implementation's verdict on each of ``values``, by name."""
    found: dict[str, list[Verdict]] = {}
    for implementation in IMPLEMENTATIONS:
        pairs = implementation.run(kind, values)
        for index, name in enumerate(implementation.names):
            found[name] = [pair[index] for pair in pairs]
    return found
