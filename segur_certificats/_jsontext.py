"""Reading JSON text without losing anything: duplicate keys, NaN, depth, encoding.

`parse()` never raises on bad input; it returns the value (when there is
one) and the problems it found (SPEC R-ERR-2).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from segur_certificats.problems import Problem, pointer, show_value

#: Deeper documents are refused: real requests nest four or five levels, and a
#: bound keeps every later walk of the value far from Python's recursion limit.
MAX_DEPTH = 64

_REASONS_FR = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendu",
    "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
    "Extra data": "données en trop après le document",
    "Unterminated string starting at": "chaîne non terminée",
    "Invalid control character at": "caractère de contrôle dans une chaîne",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\uXXXX invalide",
    "Illegal trailing comma before end of object": "virgule en trop avant la fin de l'objet",
    "Illegal trailing comma before end of array": "virgule en trop avant la fin du tableau",
}


class JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers the keys it saw more than once."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__()
        duplicates: list[str] = []
        for key, value in pairs:
            if key in self and key not in duplicates:
                duplicates.append(key)
            self[key] = value
        self.duplicates: tuple[str, ...] = tuple(duplicates)


class _ConstantError(ValueError):
    def __init__(self, constant: str) -> None:
        super().__init__(constant)
        self.constant = constant


def _reject_constant(constant: str) -> Any:
    raise _ConstantError(constant)


@attrs.frozen
class Parsed:
    """The outcome of `parse()`: the value, if any, and the problems found."""

    value: Any
    problems: tuple[Problem, ...]
    #: False when the text gave no value at all (syntax, encoding, depth).
    ok: bool


def decode(data: bytes) -> str | Problem:
    """UTF-8 text of ``data`` (a leading BOM is allowed), or the problem."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem("", "file.unreadable", params={"position": exc.start}, variant="encoding")


def _syntax(exc: json.JSONDecodeError) -> Problem:
    reason = exc.msg
    return Problem(
        "",
        "json.syntax",
        params={
            "line": exc.lineno,
            "column": exc.colno,
            "reason": _REASONS_FR.get(reason, reason),
            "reason_en": reason[:1].lower() + reason[1:],
        },
    )


def parse(text: str | bytes) -> Parsed:
    """Parse JSON text, reporting syntax errors, NaN/Infinity, duplicate keys and depth."""
    if isinstance(text, bytes):
        decoded = decode(text)
        if isinstance(decoded, Problem):
            return Parsed(None, (decoded,), ok=False)
        text = decoded
    try:
        value = json.loads(text, object_pairs_hook=JsonObject, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return Parsed(None, (_syntax(exc),), ok=False)
    except _ConstantError as exc:
        problem = Problem("", "json.syntax", params={"value": exc.constant}, variant="constant")
        return Parsed(None, (problem,), ok=False)
    except RecursionError:
        return Parsed(None, (Problem("", "json.syntax", variant="depth"),), ok=False)
    return _checked(value)


def load(source: Any) -> Parsed:
    """`parse()` for text or bytes; for a value parsed elsewhere, its duplicate
    keys (if it remembers them) and a bound on its depth, cycles included."""
    if isinstance(source, (str, bytes)):
        return parse(source)
    return _checked(source)


def _checked(value: Any) -> Parsed:
    problems = walk(value)
    deep = any(p.variant == "depth" for p in problems)
    return Parsed(None if deep else value, tuple(problems), ok=not deep)


def walk(value: Any) -> list[Problem]:
    """Duplicate keys of every object, and a depth problem past `MAX_DEPTH`."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return [Problem("", "json.syntax", variant="depth")]
        if isinstance(node, Mapping):
            problems.extend(
                Problem(pointer(*path, key), "json.duplicate-key", params={"key": show_value(key)})
                for key in getattr(node, "duplicates", ())
            )
            stack.extend((child, (*path, key)) for key, child in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((child, (*path, i)) for i, child in reversed(list(enumerate(node))))
    return problems
