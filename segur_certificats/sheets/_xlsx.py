"""Reading an ``.xlsx``/``.xlsm`` workbook as a stream of its XML (docs:
sheets.md#files, sheets.md#limits): the sheet "Administrateurs" (or the first),
its shared strings and its number formats.

Only the cells present are kept: a cell at ``A1048576``, a row numbered
50,000,000 or a merged range ``A2:XFD1048576`` costs what one cell costs; the
area a file declares (``<dimension>``) is never built. Each cell keeps what the
source needs to name the file's damage: its value, its number format, its
formula (described as a spreadsheet shows it), its error value. A worksheet and
its shared strings written as spreadsheet programs write them are read from the
part's bytes without a handler per element; any other part streams through
expat. The zip within its budget and the XML parsers are `_zipxml`'s.

No third-party library is needed: openpyxl builds every cell of the declared
area and reads the file twice (values, then formulas), and python-calamine
builds a dense grid from the first to the last cell and gives neither number
formats nor formulas (docs: sheets.md#limits says what was measured).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re
from typing import Any

from segur_certificats.sheets._cells import (
    SHEET,
    Broken,
    Merged,
    RawSheet,
    Rows,
    Stored,
    max_rows,
    plain,
    unquoted,
)
from segur_certificats.sheets._zipxml import (
    SEP,
    Book,
    iso_moment,
    local_name,
    number_of,
    xml_parser,
)

__all__ = ["Xlsx"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


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


_LAST_SERIAL = {False: 2_958_465, True: 2_957_003}
"""The last serial a date-formatted cell shows as a date, 31 December 9999, in the
1900 and the 1904 date systems; Excel shows a larger one, or a negative one, as
``#####``: not a date the sheet could mean."""


def _serial_date(serial: float, epoch_1904: bool) -> object:
    """An Excel date serial as a date, a datetime or a time; the number itself, as
    stored, when it is not a date the sheet could show (below 0, past 31 December
    9999, not a finite number): read as the number it is, never a digit changed
    (docs: sheets.md#files)."""
    if not 0 <= serial < _LAST_SERIAL[epoch_1904] + 1:  # NaN too
        return serial
    days = serial
    if epoch_1904:
        base = _dt.datetime(1904, 1, 1)
    else:
        base = _dt.datetime(1899, 12, 31)
        if days >= 60:  # Excel's 29 February 1900, a day that never was
            days -= 1
    moment = base + _dt.timedelta(days=days)
    if serial < 1:
        return moment.time()
    return moment.date() if moment.time() == _dt.time() else moment


class Xlsx:
    """An ``.xlsx``: the sheet, its shared strings and its number formats."""

    def __init__(self, book: Book) -> None:
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
            raise Broken("no xl/workbook.xml")
        sheets, targets = self._workbook(workbook)
        if not sheets:
            raise Broken("no sheet")
        name, rel = next(((n, r) for n, r in sheets if n == SHEET), sheets[0])
        sheet_part = _part(targets.get(rel, ""))
        if sheet_part not in names:
            raise Broken("no sheet part")
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
            local = local_name(tag)
            if local == "sheet":
                rel = attributes.get(f"{_REL}{SEP}id") or attributes.get(
                    f"{_STRICT_REL}{SEP}id", ""
                )
                sheets.append((attributes.get("name", ""), rel))
            elif local == "workbookPr":
                self.epoch_1904 = attributes.get("date1904", "") in {"1", "true"}

        self.book.parse(part, xml_parser(start, lambda _: None))
        targets: dict[str, str] = {}

        def relation(tag: str, attributes: dict[str, str]) -> None:
            if local_name(tag) == "Relationship":
                target = attributes.get("Target", "")
                kind = attributes.get("Type", "").rsplit("/", 1)[-1]
                targets[attributes.get("Id", "")] = target
                if kind in {"styles", "sharedStrings"}:
                    targets[kind] = target

        rels = "xl/_rels/workbook.xml.rels"
        if rels in self.book.names:
            self.book.parse(rels, xml_parser(relation, lambda _: None))
        return sheets, targets

    def _styles(self, part: str) -> None:
        custom: dict[int, str] = {}
        depth = {"cellXfs": False}
        ids: list[int] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = local_name(tag)
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
            if local_name(tag) == "cellXfs":
                depth["cellXfs"] = False

        self.book.parse(part, xml_parser(start, end))
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
        run: list[str] = []  # one <t>'s text: its escapes are its own
        state = {"in_t": False, "phonetic": 0}

        def start(tag: str, _: dict[str, str]) -> None:
            local = local_name(tag)
            if local == "si":
                texts.clear()
            elif local == "t":
                state["in_t"] = True
                run.clear()
            elif local == "rPh":
                state["phonetic"] += 1

        def end(tag: str) -> None:
            local = local_name(tag)
            if local == "si":
                self.shared.append("".join(texts))
            elif local == "t":
                state["in_t"] = False
                if not state["phonetic"]:
                    texts.append(unescaped("".join(run)))
            elif local == "rPh":
                state["phonetic"] -= 1

        def text(data: str) -> None:
            if state["in_t"] and not state["phonetic"]:
                run.append(data)

        self.book.parse(part, xml_parser(start, end, text))

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

        parser = xml_parser(lambda _tag, _attributes: None, lambda _tag: None)
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
            shared.append(unescaped(_text_of(string.group(1))))
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
    f"{namespace}{SEP}{local}": local
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


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escaped(found: re.Match[str]) -> str:
    code = int(found.group(1), 16)
    if 0xD800 <= code <= 0xDFFF or code in {0xFFFE, 0xFFFF}:
        return found.group()  # not a character: kept as written
    return chr(code)


def unescaped(text: str) -> str:
    """A string's text (shared or inline) as Excel and calamine show it: each
    ``_xHHHH_`` the character it escapes (``_x000D_`` a carriage return, which XML
    cannot keep), ``_x005F_`` the underscore that keeps what follows literal
    (``_x005F_x0041_`` is ``_x0041_``); a surrogate, U+FFFE and U+FFFF, which are
    no characters, kept as written (docs: sheets.md#files)."""
    return _ESCAPE.sub(_escaped, text) if "_x" in text else text


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
_SHEET_DATA = (f"{_MAIN}{SEP}sheetData", f"{_STRICT}{SEP}sheetData")
_SPELLINGS = 256
"""The spellings of a row's other attributes whose verdict `_plain_attributes`
keeps: a row's height differs from row to row, and a verdict kept for each of
100,000 rows spelt apart held their bytes once more."""
_WHOLE_PART = 64 * 2**20
"""The largest worksheet part read whole (`_XlsxSheet.quickly`): a larger one
streams, whatever ``max_size`` allows (100,000 rows of the template: 47 MB)."""


class _XlsxSheet:
    """One worksheet's XML, read as it streams."""

    def __init__(self, book: Xlsx, name: str) -> None:
        self.book = book
        self.rows = Rows(name, book.most)
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
        self.shared_cells: dict[tuple[str, int], Stored | str] = {}
        """Each shared string's cell, by its index as written and the cell's style."""
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
            return self.sheet()
        del data  # neither the bytes nor the rows read whole are held as it streams
        sheet = _XlsxSheet(self.book, self.rows.name)  # from the start, as it streams
        self.rows = sheet.rows
        book.parse(part, xml_parser(sheet.start, sheet.end, sheet.characters))
        return sheet.sheet()

    def sheet(self) -> RawSheet:
        """The rows read, the last one ended (a cell outside a row opens one that no
        ``</row>`` may end)."""
        if self.in_row:
            self.rows.end()
            self.in_row = False
        return self.rows.sheet()

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
        parser = xml_parser(self.start, self.end, self.characters)
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
        # Each shared string's cell, by the index's bytes: its text when `plain`, else None.
        shared_cells: dict[bytes, Any] = {}
        empty_cells: dict[bytes | None, Stored | str] = {}
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
                # The usual cells, a shared string or an inline one, as `_cell` gives
                # them (`_text_cell`): a shared string's read once, by its index's bytes.
                cell: Stored | str | None = None
                if kind == b"s" and value is not None:
                    cell = shared_cells.get(value, _UNSEEN)
                    if cell is _UNSEEN:
                        cell = _text_cell("s", _text_of(value), [], self.book.shared)
                        shared_cells[value] = cell
                elif kind == b"inlineStr" and inline is not None:
                    text = unescaped(_text_of(inline))
                    cell = text if text[:1] != "'" and plain(text) else None
                elif inline is None and value is None and kind != b"inlineStr":
                    # An empty cell (a format given ahead, as the template's): its
                    # `Stored` depends on its style alone, made once a style.
                    cell = empty_cells.get(style)
                    if cell is None:
                        cell = empty_cells[style] = self._token_cell(kind, style, None, None)
                if cell is None:  # any other: as the handlers read it
                    cell = self._token_cell(kind, style, inline, value)
                if self.column < rows.width and self.column not in rows.cells:  # `Rows.add`
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

    def _token_cell(
        self, kind: bytes | None, style: bytes | None, inline: bytes | None, value: bytes | None
    ) -> Stored | str:
        """A cell of `_TOKENS` (its type, style, inline text, value) as `_cell` reads it."""
        self.kind = _KINDS[kind] if kind is not None else "n"
        self.style = int(style) if style is not None else 0
        self.formula = None
        self.inline = [unescaped(_text_of(inline))] if inline is not None else []
        self.value = _text_of(value) if inline is None and value is not None else None
        return self._cell()

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
            if not self.in_row:  # a cell outside a row: in a row of its own, opened first
                self._row(None)
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
            rows, cell = self.rows, self._cell()
            if self.column < rows.width and self.column not in rows.cells:  # `Rows.add`
                rows.cells[self.column] = cell
            else:
                rows.add(self.column, cell)
        elif local == "v" and self.text is not None:
            self.value, self.text = "".join(self.text), None
        elif local == "f" and self.text is not None:
            self.formula, self.text = self._formula("".join(self.text)), None
        elif local == "t" and self.in_inline and self.text is not None:
            self.inline.append(unescaped("".join(self.text)))
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

    def _cell(self) -> Stored | str:
        """The cell read: a shared string's cell made once per string and style, however
        many cells show it (the same object each time: what is judged of its text is
        judged once, docs: sheets.md#limits)."""
        if self.kind != "s" or self.formula is not None or self.value is None:
            return self._read_cell()
        key = (self.value, self.style)
        cell = self.shared_cells.get(key)
        if cell is None:
            cell = self.shared_cells[key] = self._read_cell()
        return cell

    def _read_cell(self) -> Stored | str:  # noqa: PLR0911 - one return per type of cell
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
            value = _shared_string(raw, self.book.shared)
            if value is None:
                raise Broken("a shared string that is not there")
            return Stored(unquoted(value), number_format, formula)
        if kind == "str":
            return Stored(unquoted(raw), number_format, formula)
        if kind == "b":
            return Stored(raw.strip() in {"1", "true"}, number_format, formula)
        if kind == "e":
            return Stored(None, number_format, formula, error=raw.strip())
        if kind == "d":
            return Stored(iso_moment(raw), number_format, formula)
        try:
            number = number_of(raw)
        except ValueError:
            return Stored(raw, number_format, formula)
        if self.style in self.book.date_styles:
            return Stored(
                _serial_date(number, self.book.epoch_1904), number_format, formula, number=True
            )
        return Stored(number, number_format, formula, number=True)


_TEXT_KINDS = frozenset({"inlineStr", "s", "str"})
_UNSEEN = object()


def _shared_string(raw: str, shared: list[str]) -> str | None:
    """The shared string a cell's value names: its index, in ASCII digits (XML's white
    space around them allowed); None for any other value (a sign, "1_0", other
    scripts' digits, which `int` would take) or an index beyond the strings."""
    index = raw.strip(" \t\r\n")
    if not (index.isascii() and index.isdigit()) or len(index) > 18 or int(index) >= len(shared):
        return None
    return shared[int(index)]


def _text_cell(kind: str, raw: str | None, inline: list[str], shared: list[str]) -> str | None:
    """The text of a cell of text with no formula, as `_XlsxSheet._cell` reads it,
    when it is `plain` (`RawRow.cells` gives it alone); else None."""
    if kind == "inlineStr":
        text = inline[0] if len(inline) == 1 else "".join(inline)
    elif raw is None or (raw == "" and kind != "str"):
        return None
    elif kind == "s":
        found = _shared_string(raw, shared)
        if found is None:
            return None  # `_cell` says why
        text = found
    else:
        text = raw
    if text[:1] == "'":
        text = unquoted(text)
    return text if plain(text) else None
