"""Which reader a filled sheet's file needs (docs: sheets.md#files): what its bytes
say first — a zip is a workbook, ``.ods`` (`_ods`) or ``.xlsx`` (`_xlsx`), an OLE2
file an old ``.xls`` or an encrypted workbook — then its name; any other file is
read as CSV (`_csv`). Whatever a reader raises on a damaged file is a
``sheet.unreadable`` problem here, never an exception (docs: sheets.md#limits).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from xml.parsers import expat

from segur_certificats._problems.problem import Problem
from segur_certificats.sheets._cells import Broken, RawSheet, TooManyRows, max_rows, unreadable
from segur_certificats.sheets._csv import read_csv
from segur_certificats.sheets._ods import ODS_MIMETYPE, Ods
from segur_certificats.sheets._xlsx import Xlsx
from segur_certificats.sheets._zipxml import Book, Budget, Expanded, TooLarge

__all__ = ["OLE", "WORKBOOKS", "read_sheet", "read_workbook"]

WORKBOOKS = frozenset({".xlsx", ".xlsm", ".ods", ".xls"})
"""The names of the files read as workbooks; any other is read as CSV, unless
its bytes say it is a workbook."""
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an OLE2 file: an old ``.xls``, or an encrypted workbook."""


def read_sheet(name: str, data: bytes, max_size: int) -> RawSheet | Problem:
    """The rows of a filled sheet, whatever it is: what its bytes say (a zip, an OLE2
    file) first, then its name (``name``: the file's name, ``stdin``)."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    stem = name[: name.rfind(".")] if "." in name else name
    if data.startswith(OLE):
        encrypted = "EncryptionInfo".encode("utf-16-le") in data
        return unreadable("protected" if encrypted or suffix != ".xls" else "xls")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return read_workbook(data, max_size)
    if suffix in WORKBOOKS:
        return unreadable("not-spreadsheet")
    try:
        return read_csv(stem, data, max_size)
    except MemoryError:
        return unreadable("memory")


def read_workbook(data: bytes, max_size: int) -> RawSheet | Problem:  # noqa: PLR0911 - a return per kind
    """The rows of an ``.xlsx`` or ``.ods`` workbook's sheet "Administrateurs" (or
    its first), or why it cannot be read; at most ``max_size`` bytes decompressed."""
    budget = Budget(max_size)
    try:
        book = Book(data, budget)
        if "mimetype" in book.names and book.read("mimetype").strip() == ODS_MIMETYPE:
            return Ods(book).read()
        if "content.xml" in book.names and "xl/workbook.xml" not in book.names:
            return Ods(book).read()
        return Xlsx(book).read()
    except TooLarge:
        return unreadable("too-large", limit=str(max_size))
    except Expanded:
        return unreadable("expanded", limit=str(max_size))
    except TooManyRows:
        return unreadable("too-many-rows", rows=str(max_rows(max_size)))
    except MemoryError:
        return unreadable("memory")
    except (Broken, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError) as exc:
        return unreadable("not-spreadsheet", error=type(exc).__name__)
    except (
        expat.ExpatError,
        zlib.error,
        struct.error,
        NotImplementedError,
        EOFError,
        OSError,
        RuntimeError,
        OverflowError,
        IndexError,
    ) as exc:
        # a damaged part or its compression, an unknown compression, a password
        # (RuntimeError)
        return unreadable("not-spreadsheet", error=type(exc).__name__)
