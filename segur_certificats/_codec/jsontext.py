"""Reading JSON text without losing anything: duplicate keys, NaN, depth, encoding.

`parse()` never raises on bad input; it returns the value (when there is
one) and the problems found (docs: problems.md#reading-json).

- Nesting is bounded *before* decoding (`MAX_DEPTH`), so no decoder ever
  recurses deeper than that, whatever the interpreter's recursion limit.
- Integer literals of any length are read exactly (long ones as `Decimal`,
  beyond Python's integer-string limit).
- Duplicate keys are noticed while decoding; the value is walked for their
  paths only when there are some.
- A syntax error is described from its position and the text there, never
  from the decoder's English wording, which changes between Python versions.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from segur_certificats._problems.errors import InvalidDocument
from segur_certificats._problems.pointer import pointer
from segur_certificats._problems.problem import Position, Problem
from segur_certificats._problems.shown import show_value, visible

if TYPE_CHECKING:
    from decimal import Decimal

MAX_DEPTH = 64
"""Deeper documents are refused: real requests nest four or five levels, and a
bound keeps every decoder and every later walk far from any recursion limit."""

_LONG_INT_DIGITS = 4000
"""Integer literals longer than this are read as `Decimal` (Python's `int`
refuses more than 4,300 digits by default, and converts long ones slowly)."""

_BOM = "\ufeff"
_CHUNK = 1 << 16
# A backslash and the character it escapes (in a string; outside one, the decoder
# stops at the backslash, so what follows it never counts).
_ESCAPED = re.compile(r"\\.", re.DOTALL)
# Every byte but the quote and the brackets, to delete; the brackets as parentheses.
_NOT_STRUCTURE = bytes(range(256)).translate(None, b'"[]{}')
_PARENTHESES = bytes.maketrans(b"[{]}", b"(())")
_STRING = re.compile(r'"[^"\\\x00-\x1f]*(?:\\.[^"\\\x00-\x1f]*)*"', re.DOTALL)
_ESCAPE = re.compile(r'\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})')
# White space, then the closing bracket after it if there is one.
_SPACE = re.compile(r"[ \t\n\r]*[\]}]?")


def _repeated(pairs: list[tuple[str, Any]]) -> tuple[str, ...]:
    """The keys that stand more than once among an object's pairs, in order."""
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for key, _ in pairs:
        if key in seen:
            repeated[key] = None
        seen.add(key)
    return tuple(repeated)


def _reject_constant(constant: str) -> Any:
    problem = Problem("", "json.syntax", params={"value": constant}, variant="constant")
    raise InvalidDocument([problem])


def _parse_int(literal: str) -> int | Decimal:
    if len(literal) <= _LONG_INT_DIGITS:
        return int(literal)
    from decimal import Decimal  # noqa: PLC0415 - imported for the rare long literal

    return Decimal(literal)


DECODER = json.JSONDecoder(parse_int=_parse_int)
"""A decoder for text that `parse()` accepted: long integers read as in `parse()`."""


class Parsed:
    """The outcome of `parse()`: the value, if any, and the problems found."""

    __slots__ = ("ok", "problems", "text", "value")

    def __init__(
        self, value: Any, problems: tuple[Problem, ...], ok: bool, text: str | None = None
    ) -> None:
        self.value = value
        """The value read, when there is one."""
        self.problems = problems
        """The problems of the text: syntax, encoding, depth, duplicate keys."""
        self.ok = ok
        """False when the text gave no value at all (syntax, encoding, depth)."""
        self.text = text
        """The text read (decoded, without its byte-order mark); ``None`` for a value
        parsed elsewhere."""


def decode(data: bytes) -> str | Problem:
    """UTF-8 text of ``data`` (a leading BOM is allowed), or the problem."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem("", "file.unreadable", params={"position": exc.start}, variant="encoding")


def too_deep(text: str) -> bool:
    """Whether the JSON text nests more than `MAX_DEPTH` arrays and objects.

    Brackets inside strings do not count. The string boundaries found here are
    the decoder's own up to the first syntax error, so the depth the decoder
    would reach is never more than the one measured. The text is read in
    chunks, so the memory this takes stays small whatever the text's size, and
    each chunk is reduced in C to its quotes and brackets before anything is
    counted.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    in_string = escaped = False
    for start in range(0, len(text), _CHUNK):
        chunk = text[start : start + _CHUNK]
        if escaped:  # the previous chunk ended on a backslash: this character is escaped
            chunk = chunk[1:]
        trailing = len(chunk) - len(chunk.rstrip("\\"))
        escaped = trailing % 2 == 1
        if escaped:
            chunk = chunk[:-1]
        if "\\" in chunk:
            chunk = _ESCAPED.sub("", chunk)
        parts = chunk.encode("utf-8", "surrogatepass").translate(None, _NOT_STRUCTURE).split(b'"')
        outside = parts[1::2] if in_string else parts[0::2]
        in_string ^= len(parts) % 2 == 0
        depth = _deeper(b"".join(outside).translate(_PARENTHESES), depth)
        if depth > MAX_DEPTH:
            return True
    return False


def _deeper(brackets: bytes, depth: int) -> int:
    """The depth after ``brackets`` (as parentheses) from ``depth``, or more than
    `MAX_DEPTH` if they ever reach past it."""
    # Matched pairs go first, innermost first, one level a pass: the levels they
    # reach, beside what is left open, bound the depth without counting each bracket.
    rest, levels = brackets, 0
    while b"()" in rest and levels <= MAX_DEPTH:
        rest, levels = rest.replace(b"()", b""), levels + 1
    opened = rest.count(b"(")
    if depth + opened + levels <= MAX_DEPTH:
        return depth + opened - (len(rest) - opened)
    deepest = after = depth
    for after in itertools.accumulate((1 if c == 40 else -1 for c in brackets), initial=depth):
        deepest = max(deepest, after)
    return deepest if deepest > MAX_DEPTH else after


def _shown_char(char: str) -> str:
    if not char.isprintable() or char.isspace():
        return f"U+{ord(char):04X}"
    return f"'{char}'" if char == '"' else f'"{char}"'


def _describe(text: str, pos: int) -> tuple[str | None, dict[str, str], int]:
    """What is wrong at ``pos``, where the decoder stopped: a variant, its params and
    where the fault starts."""
    if not text[pos:].strip():
        return "end", {}, pos
    if pos >= _value_end(text):
        return "extra", {}, pos
    char = text[pos]
    at = pos - 1 if char == "u" and text[pos - 1 : pos] == "\\" else pos
    variant: str | None = None
    params = {"char": _shown_char(char)}
    if char == '"' and not _STRING.match(text, pos):
        variant = "string"
    elif text[at] == "\\" and not _ESCAPE.match(text, at):
        sequence = text[at : at + (6 if text[at + 1 : at + 2] == "u" else 2)]
        variant, params = "escape", {"escape": visible(sequence)}
    elif ord(char) < 0x20:
        variant = "control"
    elif (comma := _trailing_comma(text, pos)) is not None:
        # Python 3.13 stops at the comma, earlier versions at the bracket after it:
        # either way the fault is the comma, before that bracket.
        variant, at = "comma", comma
        closing = _SPACE.match(text, comma + 1).group()[-1:]  # type: ignore[union-attr]
        params = {"char": _shown_char(closing or "?")}
    return variant, params, at


def _trailing_comma(text: str, pos: int) -> int | None:
    """Where the comma stands, when the fault at ``pos`` is a comma right before
    a closing bracket (``pos`` at the comma, or at the bracket)."""
    if text[pos] == ",":
        after = _SPACE.match(text, pos + 1).group()  # type: ignore[union-attr]
        return pos if after.endswith(("]", "}")) else None
    if text[pos] in "]}":
        before = text[:pos].rstrip(" \t\n\r")
        return len(before) - 1 if before.endswith(",") else None
    return None


def _value_end(text: str) -> int:
    """Where the first JSON value of ``text`` ends, past the end if it has none."""
    try:
        return DECODER.raw_decode(text, len(text) - len(text.lstrip()))[1]
    except (ValueError, RecursionError):
        return len(text) + 1


def line_column(text: str, pos: int) -> tuple[int, int]:
    """The 1-based line and column of ``pos`` in ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def positions(text: str, offsets: Sequence[int]) -> list[Position]:
    """The `Position` of each offset, in the order given: lines are counted once,
    from one offset to the next, however many offsets there are."""
    found: list[Position] = [Position(1, 1)] * len(offsets)
    line, counted, line_start = 1, 0, 0
    for index in sorted(range(len(offsets)), key=offsets.__getitem__):
        offset = offsets[index]
        line += text.count("\n", counted, offset)
        line_start = text.rfind("\n", counted, offset) + 1 or line_start
        counted = offset
        found[index] = Position(line, offset - line_start + 1)
    return found


def _syntax(text: str, pos: int) -> Problem:
    variant, params, pos = _describe(text, pos)
    line, column = line_column(text, pos)
    return Problem(
        "",
        "json.syntax",
        params={"line": line, "column": column, **params},
        variant=variant,
        location=Position(line, column),
    )


def parse(text: str | bytes) -> Parsed:
    """Parse JSON text, reporting syntax errors, NaN/Infinity, duplicate keys and depth."""
    if isinstance(text, bytes):
        decoded = decode(text)
        if isinstance(decoded, Problem):
            return Parsed(None, (decoded,), ok=False)
        text = decoded
    elif text.startswith(_BOM):
        text = text[1:]
    if too_deep(text):
        return Parsed(None, (Problem("", "json.syntax", variant="depth"),), ok=False, text=text)
    # The objects whose keys repeat, by identity (they stay alive in the value).
    repeated: dict[int, tuple[str, ...]] = {}

    def make_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            repeated[id(obj)] = _repeated(pairs)
        return obj

    try:
        value = json.loads(
            text,
            object_pairs_hook=make_object,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
        )
    except json.JSONDecodeError as exc:
        return Parsed(None, (_syntax(text, exc.pos),), ok=False, text=text)
    except InvalidDocument as exc:  # NaN or Infinity
        return Parsed(None, exc.problems, ok=False, text=text)
    except (ValueError, RecursionError, OverflowError):
        # Any other limit of the decoder: still a problem of the document.
        limit = Problem("", "json.syntax", variant="limit")
        return Parsed(None, (limit,), ok=False, text=text)
    return Parsed(value, tuple(walk(value, repeated)) if repeated else (), ok=True, text=text)


def load(source: Any) -> Parsed:
    """`parse()` for text or bytes; for a value parsed elsewhere, its non-text
    keys and a bound on its depth, cycles included."""
    if isinstance(source, (str, bytes)):
        return parse(source)
    problems = walk(source)
    if any(p.variant == "depth" for p in problems):
        return Parsed(None, tuple(problems), ok=False)
    if any(p.variant == "key" for p in problems):
        source = _text_keys_only(source)
    return Parsed(source, tuple(problems), ok=True)


def walk(value: Any, repeated: Mapping[int, tuple[str, ...]] | None = None) -> list[Problem]:
    """Duplicate keys (of the objects ``repeated`` names by identity) and non-text
    keys of every object, and a depth problem past `MAX_DEPTH` (then alone)."""
    repeated = repeated or {}
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return [Problem("", "json.syntax", variant="depth")]
        if isinstance(node, Mapping):
            problems.extend(
                Problem(pointer(*path, key), "json.duplicate-key", params={"key": show_value(key)})
                for key in repeated.get(id(node), ())
            )
            children = []
            for key, child in node.items():
                if isinstance(key, str):
                    children.append((child, (*path, key)))
                else:
                    problems.append(_key_problem(path, key))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend((child, (*path, i)) for i, child in reversed(list(enumerate(node))))
    return problems


def _key_problem(path: tuple[str | int, ...], key: object) -> Problem:
    return key_problem(pointer(*path), key)


def key_problem(here: str, key: object) -> Problem:
    """The ``type`` problem of a key that is not text, in the object at ``here`` (a
    parsed value given in Python; JSON text has only text keys)."""
    shown = show_value(key)
    return Problem(
        here + pointer(shown),
        "type",
        params={"field": shown, "value": shown, "expected": "clé texte", "expected_en": "text key"},
        variant="key",
    )


def _text_keys_only(value: Any) -> Any:
    """A copy of ``value`` without its non-text keys (already reported); depth is bounded."""
    if isinstance(value, Mapping):
        return {k: _text_keys_only(v) for k, v in value.items() if isinstance(k, str)}
    if isinstance(value, list):
        return [_text_keys_only(v) for v in value]
    return value
