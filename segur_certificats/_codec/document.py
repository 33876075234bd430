"""A JSON document as a caller gives it — text, UTF-8 bytes, a parsed value or a
file — and its problems placed by line and column in its text (docs:
problems.md#reading-json, problems.md#what-a-problem-holds).

```pycon
>>> from segur_certificats._codec.reading import Reading
>>> reading = Reading()
>>> parse_document('FINESS juridique;Raison sociale\\n', reading) is None
True
>>> [(p.code, p.variant) for p in reading.problems]
[('file.unreadable', 'spreadsheet')]

```
"""

from __future__ import annotations

from typing import Any

from segur_certificats._codec import jsontext
from segur_certificats._codec.files import File
from segur_certificats._codec.reading import Reading
from segur_certificats._problems.pointer import split_pointer
from segur_certificats._problems.problem import Problem
from segur_certificats._vocabulary.keys import FINESS_JURIDIQUE

__all__ = ["locate", "parse_document"]

# How spreadsheet files start: a zip (.xlsx, .ods), an OLE compound file (.xls).
_SIGNATURES = ((b"PK\x03\x04", ".xlsx / .ods"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"))
# The template's first header, as the spreadsheet shows it.
_FIRST_HEADER = FINESS_JURIDIQUE.label()


def _spreadsheet(source: str | bytes) -> str | None:
    """What kind of spreadsheet a document that is not JSON is, if it is one: a
    workbook by its signature, or a CSV whose first line holds the template's
    header."""
    if isinstance(source, bytes):
        for signature, kind in _SIGNATURES:
            if source.startswith(signature):
                return kind
        source = source[:4096].decode("utf-8", "replace")
    first = source[:4096].lstrip("\ufeff").partition("\n")[0]
    if first.startswith(_FIRST_HEADER) and (";" in first or "," in first):
        return "CSV"
    return None


def parse_document(source: Any, reading: Reading) -> jsontext.Parsed | None:
    """The parsed document, or ``None`` when there is none, its problems noted in
    ``reading``: a file that cannot be read, a syntax error, duplicate keys; a
    spreadsheet is named as such, to be read with ``import``."""
    if isinstance(source, File):
        source = source.read()
        if isinstance(source, Problem):
            reading.problems.append(source)
            return None
    parsed = jsontext.load(source)
    if not parsed.ok and isinstance(source, (str, bytes)):
        kind = _spreadsheet(source)
        if kind is not None:
            reading.problems.append(
                Problem("", "file.unreadable", params={"kind": kind}, variant="spreadsheet")
            )
            return None
    reading.problems.extend(parsed.problems)
    return parsed if parsed.ok else None


def locate(problems: list[Problem], text: str | None) -> list[Problem]:
    """Each problem not yet located placed where its value stands in ``text`` (its
    key, for an object's member; the nearest value that stands, for a value left
    out); replaced in ``problems`` itself, which is returned."""
    missing = [i for i, problem in enumerate(problems) if problem.location is None]
    if text is None or not missing:
        return problems
    # Imported when a problem is to be placed: a valid document never needs it.
    from segur_certificats._codec.spans import starts  # noqa: PLC0415

    offsets = starts(text, [split_pointer(problems[i].path) for i in missing])
    for i, position in zip(missing, jsontext.positions(text, offsets), strict=True):
        problems[i] = problems[i].at(position)
    return problems
