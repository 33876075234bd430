"""The schema's own regular expressions (docs: schema.md#patterns).

A JSON Schema ``pattern`` is run by whatever engine the validator uses: ECMA-262
with the ``u`` flag (ajv), Python's ``re`` (python-jsonschema), Rust's ``regex``
(jsonschema-rs), .NET's or Java's elsewhere. These patterns are written to mean
the same in every one of them:

- character classes are explicit lists of code points, never ``\\s``, ``\\S``,
  ``\\d`` or ``\\w`` (ECMA-262's ``\\s`` is not Python's: ``\\x85`` and
  ``\\x1c``–``\\x1f`` are white space only in Python, ``\\ufeff`` only in
  ECMA-262);
- a class holds ``\\uXXXX`` escapes of the Basic Multilingual Plane only; a
  character beyond it is written as itself, alone, as an alternative (Python has
  no ``\\u{…}``, ECMA-262 no ``\\U…``, and an engine that counts UTF-16 units
  cannot take it in a range);
- ``^`` only at the start, no multi-line mode; ``$`` only after a class that
  holds ``\\n`` (Python's ``$`` also matches before a final newline: there, it
  changes nothing); a whole value is matched by ``^`` and a ``maxLength``;
- no look-around and no back-reference (Rust's ``regex`` has neither).

The normalisation's tables (white space, what NFC changes) are read from the
Unicode database of the Python that generates the schema, the one `validate()`
uses (``unicodedata.unidata_version``).

```pycon
>>> import re
>>> bool(re.search(DATE, "2024-02-29")), bool(re.search(DATE, "2023-02-29"))
(True, False)
>>> bool(re.search(white_space_around(), " Dupont")), bool(re.search(replaced(), "\\u0958"))
(True, True)

```
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Iterable

__all__ = [
    "DATE",
    "FINESS",
    "reordered",
    "replaced",
    "white_space",
    "white_space_around",
]

# -- Dates: a real calendar day, years 0001 to 9999, as `isodate.parse_iso_date` reads
# it (docs: format.md#envelope). With a maxLength of 10, ``^`` anchors both ends.

_YEAR = r"(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_DAY_OF_ANY_YEAR = (
    r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])-(?:29|30)"
    r"|(?:0[13578]|1[02])-31)"
)
# Divisible by 4 and not a century, or a century divisible by 400 (year 0 excluded).
_MULTIPLE_OF_4 = r"(?:0[48]|[2468][048]|[13579][26])"
_LEAP_YEAR = rf"(?:[0-9]{{2}}{_MULTIPLE_OF_4}|{_MULTIPLE_OF_4}00)"
DATE = rf"^(?:{_YEAR}-{_DAY_OF_ANY_YEAR}|{_LEAP_YEAR}-02-29)"
"""``YYYY-MM-DD``, a day that exists, 29 February in leap years only; with ``maxLength: 10``."""
FINESS = r"^(?:[0-9]{2}|2A|2B)[0-9]{7}"
"""The compact FINESS juridique, as `finess.validate` reads it; with ``maxLength: 9``."""


# -- Classes of code points -------------------------------------------------------------

_BMP = 0xFFFF


def _escape(code_point: int) -> str:
    return f"\\u{code_point:04x}"


def _ranges(code_points: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code_point in sorted(set(code_points)):
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1] = (ranges[-1][0], code_point)
        else:
            ranges.append((code_point, code_point))
    return ranges


def any_of(code_points: Iterable[int]) -> str:
    """One atom matching exactly these code points (none: an atom that never
    matches is not needed here, so none is refused)."""
    points = sorted(set(code_points))
    if not points:
        raise ValueError("an empty class")
    items = []
    for first, last in _ranges(p for p in points if p <= _BMP):
        if first == last:
            items.append(_escape(first))
        elif last == first + 1:
            items.append(_escape(first) + _escape(last))
        else:
            items.append(f"{_escape(first)}-{_escape(last)}")
    alternatives = [f"[{''.join(items)}]"] if items else []
    alternatives += [chr(p) for p in points if p > _BMP]
    if len(alternatives) == 1:
        return alternatives[0]
    return f"(?:{'|'.join(alternatives)})"


def _all_code_points() -> Iterable[int]:
    return (p for p in range(sys.maxunicode + 1) if not 0xD800 <= p <= 0xDFFF)


# -- Normalisation (docs: format.md#normalisation) --------------------------------------


@functools.cache
def white_space() -> str:
    """What ``str.strip()`` removes: Python's white space, ``\\x1c``–``\\x1f`` and
    ``\\x85`` included, ``\\ufeff`` not."""
    return any_of(p for p in range(0x10000) if chr(p).isspace())


@functools.cache
def white_space_around() -> str:
    """A value that begins or ends with white space (``\\n`` is white space, so
    ``$`` means the end in every engine)."""
    space = white_space()
    return f"^{space}|{space}$"


@functools.cache
def _tables() -> tuple[list[int], dict[int, int], dict[int, int], list[int]]:
    """What NFC replaces; each composed character's highest combining class among
    the marks after its last starter (0: none); every mark's combining class; the
    marks that compose with the character before them."""
    replaced: list[int] = []
    composed: dict[int, int] = {}
    classes: dict[int, int] = {}
    second: set[int] = set()
    for code_point in _all_code_points():
        char = chr(code_point)
        combining = unicodedata.combining(char)
        if combining:
            classes[code_point] = combining
        decomposition = unicodedata.decomposition(char)
        if not decomposition or decomposition.startswith("<"):
            continue  # no canonical decomposition
        if unicodedata.normalize("NFC", char) != char:
            replaced.append(code_point)
            continue
        parts = [int(part, 16) for part in decomposition.split()]
        if len(parts) == 2:
            second.add(parts[1])  # a primary composite: its second part composes
        marks: list[int] = []
        for part in unicodedata.normalize("NFD", char):
            marks = [*marks, unicodedata.combining(part)] if unicodedata.combining(part) else []
        composed[code_point] = max(marks, default=0)
    composing = sorted(p for p in second if p in classes)
    return replaced, composed, classes, composing


@functools.cache
def replaced() -> str:
    """A character NFC replaces wherever it stands (``\\u0958`` by two, ``\\u212b``
    by ``Å``): no normalised text holds one."""
    return any_of(_tables()[0])


@functools.cache
def reordered() -> str:
    """A composed character, then marks, then a mark that NFC moves before the
    composed character's own marks and composes with its letter: NFC then takes
    the character apart, and the text can grow (``ǖ`` then ``\\u0323`` becomes
    ``ụ``, ``\\u0308``, ``\\u0304``). No normalised text holds one.

    Exactly that: the marks between hold none of the last mark's class (such a
    mark would stop the composition), and each composed character is paired only
    with the marks that compose with it (``ǖ`` then a cedilla is normalised text).
    """
    _, composed, classes, composing = _tables()
    pairs: dict[tuple[int, frozenset[int]], list[int]] = {}
    for mark in composing:
        level = classes[mark]
        before = frozenset(
            char
            for char, highest in composed.items()
            if level < highest and _composes(chr(char) + chr(mark))
        )
        if before:
            pairs.setdefault((level, before), []).append(mark)
    alternatives = []
    for (level, characters), marks in sorted(pairs.items(), key=lambda item: min(item[1])):
        between = (mark for mark, other in classes.items() if other != level)
        alternatives.append(f"{any_of(characters)}{any_of(between)}*{any_of(marks)}")
    return "|".join(alternatives)


def _composes(text: str) -> bool:
    return unicodedata.normalize("NFC", text) != text
