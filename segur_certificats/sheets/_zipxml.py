"""A workbook's zip and XML, whatever its format (docs: sheets.md#limits): its parts
decompressed as they are parsed within one budget of bytes (a zip bomb stops at
the size limit), expat parsers that refuse any entity declaration (a "billion
laughs" file is refused), and the values both formats write the same way.
`_xlsx` (``.xlsx``) and `_ods` (``.ods``) read with them, gathering their cells
in `_cells.Rows`.
"""

from __future__ import annotations

import datetime as _dt
import io
import struct
import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from segur_certificats.sheets._cells import Broken

__all__ = [
    "CHUNK",
    "MAX_PARTS",
    "SEP",
    "Book",
    "Budget",
    "Expanded",
    "TooLarge",
    "iso_moment",
    "local_name",
    "number_of",
    "xml_parser",
]

MAX_PARTS = 10_000
"""A workbook has a few dozen parts; a zip with more is not read."""
CHUNK = 64 * 1024
_MOST_CHUNK = 128 * CHUNK  # 8 MiB: the largest chunk `Book.parse` feeds expat
SEP = "\x01"  # between an XML name's namespace and its local name


class TooLarge(Exception):
    """The workbook decompresses to more than the size limit."""


class Expanded(Exception):
    """What a workbook's elements expand to (repeated rows and cells, spaces) is more
    than the size limit (docs: sheets.md#limits)."""


# -- The zip, within the budget ------------------------------------------------------------


def _zip_parts(data: bytes) -> int | None:
    """How many parts the zip's end record declares (``None``: no end record)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, end + 10)
    if count == 0xFFFF:  # zip64: the count is in the zip64 end record
        start = data.rfind(b"PK\x06\x06", 0, end)
        if start < 0 or start + 56 > len(data):
            return None
        (count,) = struct.unpack_from("<Q", data, start + 32)
    return int(count)


class Budget:
    """The bytes that may still be decompressed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise TooLarge


class Book:
    """A zip's parts, each decompressed as it is parsed, within one budget."""

    def __init__(self, data: bytes, budget: Budget) -> None:
        parts = _zip_parts(data)
        if parts is None or parts > MAX_PARTS:
            raise Broken
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = {info.filename for info in self.zip.infolist()}
        self.budget = budget

    def parse(self, name: str, parser: Any) -> None:
        """Feed the part ``name`` to ``parser`` (an expat parser), in chunks of 64 KiB
        doubling up to `_MOST_CHUNK`: expat before 2.6 reads a token cut by chunks
        again from its start at each chunk, so one attribute value of 64 MB cost
        a thousand readings of it (28 s, 2.5 s now) in 64 KiB chunks. The chunks stay on the
        64 KiB grid and within what the budget has left: the bytes parsed before
        `TooLarge` are those 64 KiB chunks would parse."""
        size = CHUNK
        with self.zip.open(name) as stream:
            while True:
                chunk = stream.read(size)
                self.budget.take(len(chunk))
                if not chunk:
                    break
                parser.Parse(chunk, False)
                size = min(2 * size, _MOST_CHUNK, max(CHUNK, self.budget.left // CHUNK * CHUNK))
            parser.Parse(b"", True)

    def whole(self, name: str, most: int) -> bytes | None:
        """The part ``name``'s bytes when they fit in what the budget has left and in
        ``most`` bytes (none taken: `take` them when used); None when they do not
        (the zip declaring more is not read at all: a zip bomb decompressed twice
        and held whole to ``most`` bytes cost 128 MB), or when reading them fails
        (a damaged compression, a wrong CRC, a size that lies): `parse` then streams
        the part and fails where streaming fails, after what its first chunks hold."""
        most = min(most, self.budget.left)
        try:
            if self.zip.getinfo(name).file_size > most:
                return None
            with self.zip.open(name) as stream:
                data = stream.read(most + 1)
        except Exception:  # streaming says which failure comes first
            return None
        return data if len(data) <= most else None

    def read(self, name: str) -> bytes:
        """A small part's bytes."""
        with self.zip.open(name) as stream:
            data = stream.read(CHUNK + 1)
        self.budget.take(len(data))
        return data


def xml_parser(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None] | None = None,
) -> Any:
    """An expat parser with namespaces, refusing any entity declaration."""
    parser = expat.ParserCreate(namespace_separator=SEP)
    parser.buffer_text = True

    def no_entities(*_: object) -> None:
        raise Broken("an XML entity declaration")

    parser.EntityDeclHandler = no_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def local_name(name: str) -> str:
    return name.rpartition(SEP)[2]


def number_of(text: str) -> int | float:
    text = text.strip()
    digits = text.lstrip("-")
    if digits.isascii() and digits.isdigit() and len(text) < 300:
        return int(text)
    return float(text)


def iso_moment(text: str) -> object:
    try:
        moment = _dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date() if moment.time() == _dt.time() else moment
