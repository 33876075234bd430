"""Reading workbooks — ``.xlsx``/``.xlsm`` and ``.ods`` — as a stream of their XML
(docs: sheets.md#files, sheets.md#limits).

The zip's parts are decompressed as they are parsed, within one budget of
bytes (the size limit, ``max_size``): a zip bomb stops there. The XML is read
by expat's callbacks, with no tree built and no entity declared (a "billion
laughs" file is refused). Only the cells present are kept: a cell at
``A1048576``, a row numbered 50,000,000 or a merged range ``A2:XFD1048576``
costs what one cell costs; the area a file declares (``<dimension>``, repeated
empty rows) is never built. Each cell keeps what the source needs to name the
file's damage: its value, its number format, its formula (described as a
spreadsheet shows it), its error value.

No third-party library is needed: openpyxl builds every cell of the declared
area and reads the file twice (values, then formulas), and python-calamine
builds a dense grid from the first to the last cell and gives neither number
formats nor formulas (docs: sheets.md#limits says what was measured).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from segur_certificats.problems.problem import Problem
from segur_certificats.sheets._storage import (
    SHEET,
    Merged,
    RawRow,
    RawSheet,
    Stored,
    column_name,
    max_rows,
    read_csv,
    unquoted,
    unreadable,
)

WORKBOOKS = frozenset({".xlsx", ".xlsm", ".ods", ".xls"})
"""The names of the files read as workbooks; any other is read as CSV, unless
its bytes say it is a workbook."""

__all__ = ["OLE", "TooLarge", "read_sheet", "read_workbook"]

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an OLE2 file: an old ``.xls``, or an encrypted workbook."""
MAX_PARTS = 10_000
"""A workbook has a few dozen parts; a zip with more is not read."""
# The largest sheet a spreadsheet program makes.
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_CHUNK = 64 * 1024
_MOST_CHUNK = 128 * _CHUNK  # 8 MiB: the largest chunk `_Book.parse` feeds expat
_SEP = "\x01"  # between an XML name's namespace and its local name

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class TooLarge(Exception):
    """The workbook decompresses to more than the size limit."""


class TooManyRows(Exception):
    """The sheet has more rows than the size limit allows."""


class _Broken(Exception):
    """The zip is not a workbook this package reads."""


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


class _Budget:
    """The bytes that may still be decompressed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise TooLarge


class _Book:
    """A zip's parts, each decompressed as it is parsed, within one budget."""

    def __init__(self, data: bytes, budget: _Budget) -> None:
        parts = _zip_parts(data)
        if parts is None or parts > MAX_PARTS:
            raise _Broken
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
        size = _CHUNK
        with self.zip.open(name) as stream:
            while True:
                chunk = stream.read(size)
                self.budget.take(len(chunk))
                if not chunk:
                    break
                parser.Parse(chunk, False)
                size = min(2 * size, _MOST_CHUNK, max(_CHUNK, self.budget.left // _CHUNK * _CHUNK))
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
            data = stream.read(_CHUNK + 1)
        self.budget.take(len(data))
        return data


def _parser(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None] | None = None,
) -> Any:
    """An expat parser with namespaces, refusing any entity declaration."""
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True

    def no_entities(*_: object) -> None:
        raise _Broken("an XML entity declaration")

    parser.EntityDeclHandler = no_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def _local(name: str) -> str:
    return name.rpartition(_SEP)[2]


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
    budget = _Budget(max_size)
    try:
        book = _Book(data, budget)
        if "mimetype" in book.names and book.read("mimetype").strip() == _ODS_MIMETYPE:
            return _Ods(book).read()
        if "content.xml" in book.names and "xl/workbook.xml" not in book.names:
            return _Ods(book).read()
        return _Xlsx(book).read()
    except TooLarge:
        return unreadable("too-large", limit=str(max_size))
    except TooManyRows:
        return unreadable("too-many-rows", rows=str(max_rows(max_size)))
    except MemoryError:
        return unreadable("memory")
    except (_Broken, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError) as exc:
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


class _Rows:
    """The rows a sheet's cells are gathered in: the first row's width bounds what is
    kept of the others (a value beyond it is only noted)."""

    def __init__(self, name: str, most: int) -> None:
        self.name = name
        self.most = most
        self.rows: list[RawRow] = []
        self.merged: list[Merged] = []
        self.width = _MAX_COLUMN
        self.number = 0
        self.cells: dict[int, Stored | str] = {}
        self.beyond: int | None = None

    def start(self, number: int) -> None:
        self.number, self.cells, self.beyond = number, {}, None

    def add(self, column: int, cell: Stored | str) -> None:
        if column < self.width:
            self.cells[column] = cell
        elif self.beyond is None and (
            isinstance(cell, str) or cell.value not in (None, "") or cell.error
        ):
            self.beyond = column

    def end(self) -> None:
        if self.cells or self.beyond is not None:
            if not self.rows and self.number == 1:
                self.width = max(self.cells, default=-1) + 1 or _MAX_COLUMN
            self.rows.append(RawRow(self.number, self.cells, self.beyond))
            if len(self.rows) > self.most:
                raise TooManyRows

    def sheet(self) -> RawSheet:
        return RawSheet(self.name, tuple(self.rows), tuple(self.merged))


# -- XLSX ----------------------------------------------------------------------------------

_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_BUILTIN_FORMATS = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
# Built-in formats that are dates in some locales (27-36, 50-58: East Asian dates).
_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_DATE_PARTS = re.compile(r"\"[^\"]*\"|\\.|\[[^\]]*\]")


def _is_date_format(code: str) -> bool:
    bare = _DATE_PARTS.sub("", code.split(";", maxsplit=1)[0])
    return re.search(r"[dmyhs]", bare, re.I) is not None and "General" not in code


def _reference(text: str) -> tuple[int, int] | None:
    """``B3`` as 0-based (row, column)."""
    match = _REFERENCE.fullmatch(text)
    if match is None:
        return None
    letters, digits = match.groups()
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return int(digits) - 1, column - 1


_DIGITS = "0123456789"


def _column_of(reference: str, known: dict[str, int | None]) -> int | None:
    """The 0-based column of a cell reference (``B3`` -> 1), as `_reference` reads
    it; ``known``: the columns of the letters (``B``, ``$AB$``) already read in this
    sheet, each spelling matched once rather than cell by cell."""
    letters = reference.rstrip(_DIGITS)
    if not 1 <= len(reference) - len(letters) <= 7 or len(letters) > 5:
        return None
    column = known.get(letters, -1)
    if column == -1:
        found = _reference(letters + "1")
        column = known[letters] = found[1] if found is not None else None
    return column


def _merged(ref: str) -> Merged | None:
    first, _, last = ref.partition(":")
    start, end = _reference(first), _reference(last or first)
    if start is None or end is None:
        return None
    return Merged(
        min(start[0], end[0]),
        min(start[1], end[1]),
        max(start[0], end[0]),
        max(start[1], end[1]),
        ref.replace("$", "").upper(),
    )


def _serial_date(serial: float, epoch_1904: bool) -> object:
    """An Excel date serial as a date, a datetime or a time."""
    if epoch_1904:
        base = _dt.datetime(1904, 1, 1)
    else:
        base = _dt.datetime(1899, 12, 31)
        if serial >= 60:  # Excel's 29 February 1900
            serial -= 1
    if not -1e6 < serial < 3e6:
        return serial
    moment = base + _dt.timedelta(days=serial)
    if serial < 1:
        return moment.time()
    return moment.date() if moment.time() == _dt.time() else moment


def _number(text: str) -> int | float:
    text = text.strip()
    if text.lstrip("-").isdigit() and len(text) < 300:
        return int(text)
    return float(text)


class _Xlsx:
    """An ``.xlsx``: the sheet, its shared strings and its number formats."""

    def __init__(self, book: _Book) -> None:
        self.book = book
        self.shared: list[str] = []
        self.formats: list[str | None] = []
        self.date_styles: set[int] = set()
        self.epoch_1904 = False
        self.most = max_rows(book.budget.limit)

    def read(self) -> RawSheet:
        names = self.book.names
        workbook = "xl/workbook.xml"
        if workbook not in names:
            raise _Broken("no xl/workbook.xml")
        sheets, targets = self._workbook(workbook)
        if not sheets:
            raise _Broken("no sheet")
        name, rel = next(((n, r) for n, r in sheets if n == SHEET), sheets[0])
        sheet_part = _part(targets.get(rel, ""))
        if sheet_part not in names:
            raise _Broken("no sheet part")
        styles = _part(targets.get("styles", "styles.xml"))
        if styles in names:
            self._styles(styles)
        strings = _part(targets.get("sharedStrings", "sharedStrings.xml"))
        if strings in names:
            self._strings(strings)
        return _XlsxSheet(self, name).parse(sheet_part)

    def _workbook(self, part: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
        sheets: list[tuple[str, str]] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            if local == "sheet":
                rel = attributes.get(f"{_REL}{_SEP}id") or attributes.get(
                    f"{_STRICT_REL}{_SEP}id", ""
                )
                sheets.append((attributes.get("name", ""), rel))
            elif local == "workbookPr":
                self.epoch_1904 = attributes.get("date1904", "") in {"1", "true"}

        self.book.parse(part, _parser(start, lambda _: None))
        targets: dict[str, str] = {}

        def relation(tag: str, attributes: dict[str, str]) -> None:
            if _local(tag) == "Relationship":
                target = attributes.get("Target", "")
                kind = attributes.get("Type", "").rsplit("/", 1)[-1]
                targets[attributes.get("Id", "")] = target
                if kind in {"styles", "sharedStrings"}:
                    targets[kind] = target

        rels = "xl/_rels/workbook.xml.rels"
        if rels in self.book.names:
            self.book.parse(rels, _parser(relation, lambda _: None))
        return sheets, targets

    def _styles(self, part: str) -> None:
        custom: dict[int, str] = {}
        depth = {"cellXfs": False}
        ids: list[int] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            if local == "numFmt":
                with contextlib.suppress(ValueError):
                    custom[int(attributes.get("numFmtId", "-1"))] = attributes.get("formatCode", "")
            elif local == "cellXfs":
                depth["cellXfs"] = True
            elif local == "xf" and depth["cellXfs"]:
                try:
                    ids.append(int(attributes.get("numFmtId", "0")))
                except ValueError:
                    ids.append(0)

        def end(tag: str) -> None:
            if _local(tag) == "cellXfs":
                depth["cellXfs"] = False

        self.book.parse(part, _parser(start, end))
        for index, number in enumerate(ids):
            code = custom.get(number, _BUILTIN_FORMATS.get(number))
            self.formats.append(code)
            if (number in _DATE_IDS and number not in custom) or (
                code is not None and number in custom and _is_date_format(code)
            ):
                self.date_styles.add(index)

    def _strings(self, part: str) -> None:
        data = self.book.whole(part, _WHOLE_PART)
        if data is not None and self._strings_quickly(data):
            self.book.budget.take(len(data))
            return
        del data  # not held as the part streams
        texts: list[str] = []
        state = {"in_t": False, "phonetic": 0}

        def start(tag: str, _: dict[str, str]) -> None:
            local = _local(tag)
            if local == "si":
                texts.clear()
            elif local == "t":
                state["in_t"] = True
            elif local == "rPh":
                state["phonetic"] += 1

        def end(tag: str) -> None:
            local = _local(tag)
            if local == "si":
                self.shared.append("".join(texts))
            elif local == "t":
                state["in_t"] = False
            elif local == "rPh":
                state["phonetic"] -= 1

        def text(data: str) -> None:
            if state["in_t"] and not state["phonetic"]:
                texts.append(data)

        self.book.parse(part, _parser(start, end, text))

    def _strings_quickly(self, data: bytes) -> bool:
        """Read the shared strings' bytes ``data`` whole: what `_strings` gives as it
        streams, or False when ``data`` is not written as spreadsheet programs
        write it — an XML declaration, ``<sst …>`` (read by expat), then only
        ``<si><t>…</t></si>`` (the text as `_TOKENS` allows it) up to ``</sst>``."""
        prefix = _SST_PREFIX.match(data)
        last = data.rfind(b"</sst>")
        if prefix is None or last < prefix.end() or data.startswith((b"\xfe\xff", b"\xff\xfe")):
            return False
        first = prefix.end()
        if any(data.find(refused, first, last) >= 0 for refused in _REFUSED):
            return False
        seen: dict[str, str | None] = {}

        def declared(_version: str, encoding: str | None, _standalone: int) -> None:
            seen["encoding"] = encoding

        parser = _parser(lambda _tag, _attributes: None, lambda _tag: None)
        parser.XmlDeclHandler = declared
        parser.Parse(data[:first], False)
        encoding = seen.get("encoding")
        if encoding is not None and encoding.lower() != _UTF8:
            return False
        shared = _shared_strings(data, first, last)
        if shared is None:
            return False
        parser.Parse(data[last:], True)
        self.shared = shared
        return True


def _shared_strings(data: bytes, first: int, last: int) -> list[str] | None:
    """The texts of the ``<si>`` between ``first`` and ``last``, when the bytes are
    only `_SHARED_STRING` one after the other (white space between), in UTF-8."""
    shared, at = [], first
    try:
        for string in _SHARED_STRING.finditer(data, first, last):
            if string.start() != at:
                return None
            shared.append(_text_of(string.group(1)))
            at = string.end()
    except UnicodeDecodeError:
        return None
    return None if data[at:last].strip(b" \t\n") else shared


def _part(target: str) -> str:
    """A relationship's target as a part name of the zip."""
    if target.startswith("/"):
        return target[1:]
    parts: list[str] = ["xl"]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


# The worksheet's elements read, by their full name (transitional and strict
# namespaces): a dictionary look-up per element, the others skipped at once.
_SHEET_TAGS = {
    f"{namespace}{_SEP}{local}": local
    for namespace in (_MAIN, _STRICT)
    for local in ("c", "v", "f", "is", "t", "rPh", "row", "mergeCell")
}


# A worksheet's rows as `_XlsxSheet.quickly` reads them without expat: the forms
# spreadsheet programs write (a row's number, a cell's reference, style and type,
# an inline string or a value), as bytes whose XML reading is the bytes themselves
# (no reference but XML's five predefined ones, no carriage return, only characters
# XML allows; "]]>" and U+FFFE/U+FFFF, which XML refuses, are looked for in the
# whole part apart).
_PLAIN = rb"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]*"
_CHARS = _PLAIN + rb"(?:&(?:amp|lt|gt|apos|quot);" + _PLAIN + rb")*"
_ENTITY = re.compile(r"&(amp|lt|gt|apos|quot);")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "apos": "'", "quot": '"'}


def _text_of(raw: bytes) -> str:
    """The text `_CHARS` matched, as expat reads it: UTF-8 (a UnicodeDecodeError if
    not), XML's five predefined references replaced."""
    text = raw.decode("utf-8")
    return _ENTITY.sub(lambda found: _PREDEFINED[found.group(1)], text) if "&" in text else text


_TOKENS = re.compile(
    rb'<row r="([0-9]{1,7})"((?: [A-Za-z][A-Za-z0-9]{0,31}(?::[A-Za-z][A-Za-z0-9]{0,31})?="'
    rb'[^"<&\x00-\x1f]*")*) ?(/?)>'
    rb'|<c r="([A-Z]{1,3})[0-9]{1,7}"(?: s="([0-9]{1,5})")?(?: t="(inlineStr|s|n|str|b|e|d)")?'
    rb'(?: ?/>|>(?:<is><t(?: xml:space="preserve")?>(' + _CHARS + rb")</t></is>"
    rb"|<v>(" + _CHARS + rb")</v>)?</c>)"
    rb"|</row>"
)
_ATTRIBUTE = re.compile(rb' ([^=]+)="[^"]*"')
_SST_PREFIX = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml [^<>]*\?>)?[ \t\r\n]*<sst(?: [^<>]*)?>")
_SHARED_STRING = re.compile(
    rb'[ \t\n]*<si><t(?: xml:space="preserve")?>(' + _CHARS + rb")</t></si>"
)
_UTF8 = "utf-8"
"""The one name of UTF-8 expat reads as UTF-8 (in any case): another alias Python
knows ("utf8", "u8", "cp65001") is read through a one-byte table, every byte
above 127 refused — the fast readings then fall back to expat's verdict."""
_KINDS = {kind.encode(): kind for kind in ("inlineStr", "s", "n", "str", "b", "e", "d")}
_REFUSED = (b"]]>", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"<!", b"<?", b"&#", b"\r")
"""Looked for between the rows' (or strings') first and last bytes before any is
read: what XML refuses there ("]]>", U+FFFE, U+FFFF), and what no `_TOKENS` holds
— a comment, CDATA, a processing instruction, a character reference, a carriage
return — found so before a row is built (a comment before ``</sheetData>`` cost
every row built twice)."""
_SHEET_DATA = (f"{_MAIN}{_SEP}sheetData", f"{_STRICT}{_SEP}sheetData")
_SPELLINGS = 256
"""The spellings of a row's other attributes whose verdict `_plain_attributes`
keeps: a row's height differs from row to row, and a verdict kept for each of
100,000 rows spelt apart held their bytes once more."""
_WHOLE_PART = 64 * 2**20
"""The largest worksheet part read whole (`_XlsxSheet.quickly`): a larger one
streams, whatever ``max_size`` allows (100,000 rows of the template: 47 MB)."""


class _XlsxSheet:
    """One worksheet's XML, read as it streams."""

    def __init__(self, book: _Xlsx, name: str) -> None:
        self.book = book
        self.rows = _Rows(name, book.most)
        self.row = 0  # 1-based number of the current row
        self.column = -1  # 0-based index of the current cell
        self.kind = "n"
        self.style = 0
        self.text: list[str] | None = None
        self.value: str | None = None
        self.inline: list[str] = []
        self.formula: str | None = None
        self.formula_attributes: dict[str, str] = {}
        self.shared_formulas: dict[str, str] = {}
        self.in_row = False
        self.in_inline = 0
        self.phonetic = 0
        self.letters: dict[str, int | None] = {}
        """The column of each reference's letters read so far."""
        self.prefixes: set[str] = set()
        """The namespace prefixes in scope where the rows begin (`quickly`)."""
        self.attributes: dict[bytes, bool] = {}
        """Whether each spelling of a row's other attributes reads as it is (`quickly`)."""

    def parse(self, part: str) -> RawSheet:
        book = self.book.book
        data = book.whole(part, _WHOLE_PART)
        if data is not None and self.quickly(data):
            book.budget.take(len(data))
            return self.rows.sheet()
        del data  # neither the bytes nor the rows read whole are held as it streams
        sheet = _XlsxSheet(self.book, self.rows.name)  # from the start, as it streams
        self.rows = sheet.rows
        book.parse(part, _parser(sheet.start, sheet.end, sheet.characters))
        return sheet.rows.sheet()

    def quickly(self, data: bytes) -> bool:
        """Read the part's bytes ``data`` whole, its rows of usual cells without a
        handler per element: what streaming them through expat gives, or False when
        ``data`` is not written so (nothing is then kept of this reading).

        expat reads the XML up to ``<sheetData>`` and from ``</sheetData>`` with the
        handlers, no DTD before (it may give attributes defaults); between the two,
        the rows must be written only as `_TOKENS` allows (elements, attributes and
        text that expat reads in one way only: no reference but XML's five predefined
        ones, no CDATA, no comment, no carriage return, only characters XML allows),
        in UTF-8, in the spreadsheet's namespace; each cell is then read as the
        handlers read it."""
        first, last = data.find(b"<sheetData>"), data.find(b"</sheetData>")
        if (
            first < 0
            or last < first
            or data.startswith((b"\xfe\xff", b"\xff\xfe"))  # UTF-16
            or data.find(b"<!DOCTYPE", 0, first) >= 0  # a DTD may give attributes defaults
        ):
            return False
        middle = first + len(b"<sheetData>")
        if any(data.find(refused, middle, last) >= 0 for refused in _REFUSED):
            return False
        parser = _parser(self.start, self.end, self.characters)
        seen: dict[str, Any] = {}
        bound: dict[str, int] = {"xml": 1}  # the prefixes in scope

        def bind(prefix: str | None, _uri: str) -> None:
            bound[prefix or ""] = bound.get(prefix or "", 0) + 1

        def unbind(prefix: str | None) -> None:
            bound[prefix or ""] -= 1

        def declared(_version: str, encoding: str | None, _standalone: int) -> None:
            seen["encoding"] = encoding

        def start(tag: str, attributes: dict[str, str]) -> None:
            seen["last"] = (tag, parser.CurrentByteIndex)
            self.start(tag, attributes)

        parser.XmlDeclHandler, parser.StartElementHandler = declared, start
        parser.StartNamespaceDeclHandler, parser.EndNamespaceDeclHandler = bind, unbind
        parser.Parse(data[:middle], False)
        self.prefixes = {prefix for prefix, count in bound.items() if count > 0}
        encoding = seen.get("encoding")
        if (
            (encoding is not None and encoding.lower() != _UTF8)
            or seen.get("last") not in {(name, first) for name in _SHEET_DATA}
            or self.in_row
            or self.in_inline
            or self.phonetic
            or self.text is not None
        ):
            return False
        try:
            if not self._usual_rows(data, middle, last):
                return False
        except UnicodeDecodeError:
            return False
        parser.StartElementHandler = self.start
        parser.StartNamespaceDeclHandler = parser.EndNamespaceDeclHandler = None
        parser.Parse(data[last:], True)
        return True

    def _usual_rows(self, data: bytes, first: int, last: int) -> bool:  # noqa: PLR0912 - per token
        """The rows between ``first`` and ``last``, each element as the handlers read
        it; False as soon as the bytes are not one `_TOKENS` after the other (white
        space between them), rows holding cells."""
        rows, columns = self.rows, dict[bytes, int | None]()
        at = first
        for token in _TOKENS.finditer(data, first, last):
            if token.start() != at and data[at : token.start()].strip(b" \t\n"):
                return False
            at = token.end()
            row, attributes, end, letters, style, kind, inline, value = token.groups()
            if letters is not None:  # a cell: `start("c")`, its text, `end("c")`
                if not self.in_row:
                    return False
                column = columns.get(letters)
                if column is None:  # `_column_of` of its reference: its letters say it
                    column = _column_of(letters.decode("ascii") + "1", self.letters)
                    columns[letters] = column
                self.column = column if column is not None else self.column + 1
                self.kind = _KINDS[kind] if kind is not None else "n"
                self.style = int(style) if style is not None else 0
                self.value, self.formula = None, None
                cell: Stored | str | None = None
                if inline is not None:
                    text = _text_of(inline)
                    self.inline = [text]
                    if kind == b"inlineStr" and text and text[0] != "'" and not text.isspace():
                        cell = text  # what `_cell` gives it (`_text_cell`)
                else:
                    self.inline = []
                    if value is not None:
                        self.value = _text_of(value)
                if cell is None:
                    cell = self._cell()
                if self.column < rows.width:  # `_Rows.add`, inline
                    rows.cells[self.column] = cell
                else:
                    rows.add(self.column, cell)
            elif row is not None:  # `start("row")`, and its end when it is empty
                if self.in_row or (attributes and not self._plain_attributes(attributes)):
                    return False
                self._row(row.decode("ascii"))
                if end:
                    rows.end()
                    self.in_row = False
            else:  # `end("row")`
                if not self.in_row:
                    return False
                rows.end()
                self.in_row = False
        return not self.in_row and not data[at:last].strip(b" \t\n")

    def _plain_attributes(self, attributes: bytes) -> bool:
        """Whether a row's attributes other than ``r`` (each ``name="value"``, the value
        with no reference and no control character, in UTF-8) read as they are: each name
        once and not ``r``, no namespace declared, each prefix in scope, no two
        prefixed names alike (their namespaces may be one)."""
        known = self.attributes.get(attributes)
        if known is None:
            attributes.decode("utf-8")  # XML's characters: a UnicodeDecodeError if not
            names = _ATTRIBUTE.findall(attributes)
            prefixed = [name.partition(b":") for name in names if b":" in name]
            known = (
                len(set(names)) == len(names)
                and b"r" not in names
                and not any(name == b"xmlns" or name.startswith(b"xmlns:") for name in names)
                and all(prefix.decode("ascii") in self.prefixes for prefix, _, _ in prefixed)
                and len({local for _, _, local in prefixed}) == len(prefixed)
            )
            if len(self.attributes) < _SPELLINGS:
                self.attributes[attributes] = known
        return known

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _SHEET_TAGS.get(tag)
        if local is None:
            return
        if local == "c":
            column = _column_of(attributes.get("r", ""), self.letters)
            self.column = column if column is not None else self.column + 1
            self.kind = attributes.get("t", "n")
            try:
                self.style = int(attributes.get("s", "0"))
            except ValueError:
                self.style = 0
            self.value, self.formula, self.inline = None, None, []
        elif local == "v":
            self.text = []
        elif local == "f":
            self.text, self.formula_attributes = [], attributes
        elif local == "is":
            self.in_inline += 1
        elif local == "t" and self.in_inline and not self.phonetic:
            self.text = []
        elif local == "rPh":
            self.phonetic += 1
        elif local == "row":
            self._row(attributes.get("r"))
        elif local == "mergeCell":
            merged = _merged(attributes.get("ref", ""))
            if merged is not None:
                self.rows.merged.append(merged)

    def _row(self, number: str | None) -> None:
        if self.in_row:
            self.rows.end()
        try:
            self.row = int(number) if number is not None else self.row + 1
        except ValueError:
            self.row += 1
        self.column = -1
        self.in_row = True
        self.rows.start(self.row)

    def end(self, tag: str) -> None:
        local = _SHEET_TAGS.get(tag)
        if local is None:
            return
        if local == "c":
            if not self.in_row:
                self._row(None)
            rows, cell = self.rows, self._cell()
            if self.column < rows.width:  # `_Rows.add`, inline
                rows.cells[self.column] = cell
            else:
                rows.add(self.column, cell)
        elif local == "v" and self.text is not None:
            self.value, self.text = "".join(self.text), None
        elif local == "f" and self.text is not None:
            self.formula, self.text = self._formula("".join(self.text)), None
        elif local == "t" and self.in_inline and self.text is not None:
            self.inline.append("".join(self.text))
            self.text = None
        elif local == "is":
            self.in_inline -= 1
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "row":
            self.rows.end()
            self.in_row = False

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _formula(self, text: str) -> str:
        """The formula as a spreadsheet shows it."""
        attributes = self.formula_attributes
        kind = attributes.get("t", "normal")
        if kind == "shared":
            index = attributes.get("si", "")
            if text:
                self.shared_formulas.setdefault(index, text)
            text = self.shared_formulas.get(index, text)
        if kind == "dataTable":
            inputs = [attributes.get(key, "") for key in ("r1", "r2") if attributes.get(key)]
            return "{=TABLE(" + ";".join(inputs) + ")}"
        if kind == "array":
            return "{=" + text + "}"
        return "=" + text if text else "=?"

    def _cell(self) -> Stored | str:  # noqa: PLR0911 - one return per type of cell
        kind, raw = self.kind, self.value
        formula = self.formula
        if formula is None and kind in _TEXT_KINDS:
            text = _text_cell(kind, raw, self.inline, self.book.shared)
            if text is not None:
                return text  # the usual cell: its text alone (`RawRow.cells`)
        formats = self.book.formats
        number_format = formats[self.style] if 0 <= self.style < len(formats) else None
        if kind == "inlineStr":
            return Stored(unquoted("".join(self.inline)), number_format, formula)
        if raw is None or (raw == "" and kind != "str"):
            return Stored(None, number_format, formula)
        if kind == "s":
            try:
                value = self.book.shared[int(raw)]
            except (ValueError, IndexError):
                raise _Broken("a shared string that is not there") from None
            return Stored(unquoted(value), number_format, formula)
        if kind == "str":
            return Stored(unquoted(raw), number_format, formula)
        if kind == "b":
            return Stored(raw.strip() in {"1", "true"}, number_format, formula)
        if kind == "e":
            return Stored(None, number_format, formula, error=raw.strip())
        if kind == "d":
            return Stored(_iso_moment(raw), number_format, formula)
        try:
            number = _number(raw)
        except ValueError:
            return Stored(raw, number_format, formula)
        if self.style in self.book.date_styles:
            return Stored(
                _serial_date(number, self.book.epoch_1904), number_format, formula, number=True
            )
        return Stored(number, number_format, formula, number=True)


_TEXT_KINDS = frozenset({"inlineStr", "s", "str"})


def _text_cell(kind: str, raw: str | None, inline: list[str], shared: list[str]) -> str | None:
    """The text of a cell of text with no formula, as `_XlsxSheet._cell` reads it,
    when it holds more than white space (`RawRow.cells` gives it alone); else None."""
    if kind == "inlineStr":
        text = inline[0] if len(inline) == 1 else "".join(inline)
    elif raw is None or (raw == "" and kind != "str"):
        return None
    elif kind == "s":
        try:
            text = shared[int(raw)]
        except (ValueError, IndexError):
            return None  # `_cell` says why
    else:
        text = raw
    if text[:1] == "'":
        text = unquoted(text)
    return None if not text or text.isspace() else text


def _iso_moment(text: str) -> object:
    try:
        moment = _dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date() if moment.time() == _dt.time() else moment


# -- ODS -----------------------------------------------------------------------------------


def _attribute(namespace: str, name: str) -> str:
    return f"{namespace}{_SEP}{name}"


_ROWS_REPEATED = _attribute(_TABLE, "number-rows-repeated")
_COLUMNS_REPEATED = _attribute(_TABLE, "number-columns-repeated")
_COLUMNS_SPANNED = _attribute(_TABLE, "number-columns-spanned")
_ROWS_SPANNED = _attribute(_TABLE, "number-rows-spanned")
_MATRIX = _attribute(_TABLE, "number-matrix-columns-spanned")
_FORMULA = _attribute(_TABLE, "formula")
_NAME = _attribute(_TABLE, "name")
_VALUE_TYPE = _attribute(_OFFICE, "value-type")
_CALC_TYPE = _attribute(_CALCEXT, "value-type")
_VALUE = _attribute(_OFFICE, "value")
_DATE_VALUE = _attribute(_OFFICE, "date-value")
_TIME_VALUE = _attribute(_OFFICE, "time-value")
_BOOLEAN_VALUE = _attribute(_OFFICE, "boolean-value")
_STRING_VALUE = _attribute(_OFFICE, "string-value")
_SPACES = _attribute(_TEXT, "c")
_TABLE_TAG = f"{_TABLE}{_SEP}table"
_ROW_TAG = f"{_TABLE}{_SEP}table-row"
_CELL_TAG = f"{_TABLE}{_SEP}table-cell"
_COVERED_TAG = f"{_TABLE}{_SEP}covered-table-cell"
_P_TAG = f"{_TEXT}{_SEP}p"
_ANNOTATION_TAG = f"{_OFFICE}{_SEP}annotation"
_SCIENTIFIC_SHOWN = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_DURATION = re.compile(r"-?P(?:[0-9]+D)?T?(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9.]+)S)?")


def _int(text: str | None, default: int = 1) -> int:
    try:
        return max(1, int(text)) if text is not None else default
    except ValueError:
        return default


class _Ods:
    """An ``.ods``: its ``content.xml``, the sheet "Administrateurs" or the first."""

    def __init__(self, book: _Book) -> None:
        self.book = book
        self.found: _Rows | None = None
        self.current: _Rows | None = None
        self.row = 0
        self.column = 0
        self.row_repeat = 1
        self.row_cells: list[tuple[int, int, Stored]] = []
        self.cell: dict[str, str] | None = None
        self.cell_repeat = 1
        self.covered = False
        self.paragraphs: list[list[str]] = []
        self.annotation = 0
        self.done = False
        self.left = book.budget.left // 16
        """The cells still allowed, repeated rows and cells counted as many times."""

    def read(self) -> RawSheet:
        if "content.xml" not in self.book.names:
            raise _Broken("no content.xml")
        parser = _parser(self.start, self.end, self.characters)
        with contextlib.suppress(_Done):
            self.book.parse("content.xml", parser)
        if self.found is None:
            raise _Broken("no sheet")
        return self.found.sheet()

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in (_CELL_TAG, _COVERED_TAG):
            self.cell, self.covered = attributes, tag == _COVERED_TAG
            self.cell_repeat = _int(attributes.get(_COLUMNS_REPEATED))
            self.paragraphs = []
        elif tag == _P_TAG and self.cell is not None and not self.annotation:
            self.paragraphs.append([])
        elif tag == _ANNOTATION_TAG:
            self.annotation += 1
        elif self.cell is not None and self.paragraphs and not self.annotation:
            local = _local(tag)
            if local == "s":
                self.paragraphs[-1].append(" " * min(_int(attributes.get(_SPACES)), 1000))
            elif local == "tab":
                self.paragraphs[-1].append("\t")
            elif local == "line-break":
                self.paragraphs[-1].append("\n")
        elif tag == _ROW_TAG:
            self.row_repeat = _int(attributes.get(_ROWS_REPEATED))
            self.column, self.row_cells = 0, []
        elif tag == _TABLE_TAG:
            name = attributes.get(_NAME, "")
            if self.found is None or (name == SHEET and self.found.name != SHEET):
                self.current = _Rows(name, max_rows(self.book.budget.limit))
                self.row = 0
            else:
                self.current = None

    def characters(self, data: str) -> None:
        if self.cell is not None and self.paragraphs and not self.annotation:
            self.paragraphs[-1].append(data)

    def end(self, tag: str) -> None:
        if tag in (_CELL_TAG, _COVERED_TAG):
            self._end_cell()
        elif tag == _ANNOTATION_TAG:
            self.annotation -= 1
        elif tag == _ROW_TAG:
            self._end_row()
        elif tag == _TABLE_TAG and self.current is not None:
            self.found, self.current = self.current, None
            if self.found.name == SHEET:
                raise _Done

    def _end_cell(self) -> None:
        attributes, self.cell = self.cell or {}, None
        repeat = self.cell_repeat
        if self.current is None:
            return
        stored = self._stored(attributes)
        spanned_columns = _int(attributes.get(_COLUMNS_SPANNED))
        spanned_rows = _int(attributes.get(_ROWS_SPANNED))
        if (spanned_columns > 1 or spanned_rows > 1) and not self.covered:
            first_row, first_column = self.row, self.column
            last_row = min(first_row + spanned_rows - 1, _MAX_ROW * 64)
            last_column = min(first_column + spanned_columns - 1, _MAX_COLUMN * 64)
            name = f"{column_name(min(first_column, _MAX_COLUMN))}{first_row + 1}:"
            name += f"{column_name(min(last_column, _MAX_COLUMN))}{last_row + 1}"
            self.current.merged.append(Merged(first_row, first_column, last_row, last_column, name))
        if stored is not None:  # an empty cell, or one that merged cells cover, holds nothing
            self.row_cells.append((self.column, repeat, stored))
        self.column += repeat

    def _stored(self, attributes: dict[str, str]) -> Stored | None:  # noqa: PLR0911 - per type
        kind = attributes.get(_VALUE_TYPE)
        formula = attributes.get(_FORMULA)
        if formula is not None:
            formula = "=" + formula.split(":", 1)[1].lstrip("=") if ":" in formula else formula
            if attributes.get(_MATRIX):
                formula = "{" + formula + "}"
        shown = "\n".join("".join(parts) for parts in self.paragraphs)
        if attributes.get(_CALC_TYPE) == "error":
            return Stored(None, None, formula, error=shown or "#ERR")
        if kind is None:
            if shown:  # text with no type (hand-written files)
                return Stored(unquoted(shown), None, formula)
            return Stored(None, None, formula) if formula else None
        if kind in {"float", "percentage", "currency"}:
            try:
                number: object = _number(attributes.get(_VALUE, ""))
            except ValueError:
                number = attributes.get(_VALUE, "")
            scientific = _SCIENTIFIC_SHOWN.fullmatch(shown.strip()) is not None
            return Stored(number, "0.00E+00" if scientific else None, formula, number=True)
        if kind == "date":
            return Stored(_iso_moment(attributes.get(_DATE_VALUE, "")), None, formula, number=True)
        if kind == "time":
            return Stored(_duration(attributes.get(_TIME_VALUE, "")), None, formula, number=True)
        if kind == "boolean":
            value = attributes.get(_BOOLEAN_VALUE, "").lower() == "true"
            return Stored(value, None, formula)
        text = attributes.get(_STRING_VALUE, shown)
        return Stored(unquoted(text), "@" if kind == "string" else None, formula)

    def _end_row(self) -> None:
        rows = self.current
        repeat = self.row_repeat
        if rows is None:
            return
        if self.row_cells:
            if self.row == 0 and not rows.rows:
                last = max(column + count for column, count, _ in self.row_cells)
                rows.width = min(last, _MAX_COLUMN)
            for _ in range(repeat):
                rows.start(self.row + 1)
                for column, count, stored in self.row_cells:
                    for index in range(column, column + count):
                        if index >= rows.width:
                            rows.add(index, stored)
                            break
                        self.left -= 1
                        if self.left < 0:
                            raise TooLarge
                        rows.add(index, stored)
                rows.end()
                self.row += 1
        else:
            self.row += repeat


class _Done(Exception):
    """The sheet "Administrateurs" is read: the rest of the file is not needed."""


def _duration(text: str) -> object:
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        return text
    hours, minutes, seconds = (float(part or 0) for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return _dt.time(int(total // 3600) % 24, int(total // 60) % 60, int(total) % 60)
