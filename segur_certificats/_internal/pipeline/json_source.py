"""Sources read from JSON: text, bytes, a parsed value or a file; their problems are
located by line and column in the text (docs: problems.md#what-a-problem-holds)."""

from __future__ import annotations

from typing import Any, TypeVar

from segur_certificats._internal.codec import jsontext
from segur_certificats._internal.codec.files import File
from segur_certificats._internal.codec.reader import Reading
from segur_certificats._internal.pipeline.source import Source
from segur_certificats._internal.problems.pointer import split_pointer
from segur_certificats._internal.problems.problem import Problem
from segur_certificats._internal.vocabulary.keys import ENTITE
from segur_certificats._internal.vocabulary.labels import LABELS

__all__ = ["JsonSource"]

# How spreadsheet files start: a zip (.xlsx, .ods), an OLE compound file (.xls).
_SIGNATURES = ((b"PK\x03\x04", ".xlsx / .ods"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"))
# The template's first header, as the spreadsheet shows it.
_FIRST_HEADER = LABELS[ENTITE["finess_juridique"]]


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


_R = TypeVar("_R")


class JsonSource(Source[_R]):
    """A source whose values are a JSON document: text (``str``), UTF-8 bytes, an
    already-parsed value, or a `File` to read."""

    def __init__(self, source: Any) -> None:
        self.source = source
        self.text: str | None = None

    def document(self, reading: Reading) -> jsontext.Parsed | None:
        """The parsed document, or ``None`` when there is none (its problems noted;
        a spreadsheet is named as such, to be read with ``import``)."""
        source = self.source
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
        if not parsed.ok:
            return None
        self.text = parsed.text
        return parsed

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Each problem not yet located placed where its value stands in the text
        (its key, for an object's member; the nearest value that stands, for a
        value left out)."""
        found = problems
        missing = [i for i, problem in enumerate(found) if problem.location is None]
        if self.text is None or not missing:
            return found
        # Imported when a problem is to be placed: a valid document never needs it.
        from segur_certificats._internal.codec.spans import starts  # noqa: PLC0415

        offsets = starts(self.text, [split_pointer(found[i].path) for i in missing])
        for i, position in zip(missing, jsontext.positions(self.text, offsets), strict=True):
            found[i] = found[i].at(position)
        return found
