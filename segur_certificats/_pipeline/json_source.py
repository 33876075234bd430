"""Sources read from JSON: text, bytes, a parsed value or a file; their problems are
located by line and column in the text (docs: problems.md#what-a-problem-holds)."""

from __future__ import annotations

from typing import Any, TypeVar

from segur_certificats._codec import jsontext
from segur_certificats._codec.document import locate, parse_document
from segur_certificats._codec.files import File
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.source import Source
from segur_certificats._problems.problem import Problem

__all__ = ["JsonSource"]

_R = TypeVar("_R")


class JsonSource(Source[_R]):
    """A source whose values are a JSON document: text (``str``), UTF-8 bytes, an
    already-parsed value, or a `File` to read."""

    def __init__(self, source: Any) -> None:
        self.source = source
        self.text: str | None = None

    def document(self, reading: Reading) -> jsontext.Parsed | None:
        """The parsed document, or ``None`` when there is none (its problems noted;
        a spreadsheet is named as such, to be read with ``import``). A document this
        source parsed is its own: it is let go of as its entities are read."""
        parsed = parse_document(self.source, reading)
        if parsed is not None:
            self.text = parsed.text
            reading.release = isinstance(self.source, (str, bytes, File))
        return parsed

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Each problem not yet located placed where its value stands in the text
        (its key, for an object's member; the nearest value that stands, for a
        value left out)."""
        return locate(problems, self.text)
