"""Reading a CSV file as French Excel and LibreOffice write it (docs: sheets.md#files,
sheets.md#nothing-lost): ``;`` or ``,`` between values, UTF-8 (with or without a
byte-order mark) or Windows-1252, every physical line accounted for — a quote
that swallows the rows after it, a row wider or narrower than the header, the
encoding read are noted, never lost. A quoted cell holding line breaks and
separators is that cell's text (RFC 4180) unless it holds a whole row's
separators (`_csv_row`).
"""

from __future__ import annotations

import csv
import io

from segur_certificats._problems.problem import Problem, Severity
from segur_certificats.sheets._cells import (
    QUOTE,
    RawRow,
    RawSheet,
    Stored,
    max_rows,
    plain,
    stored,
    unquoted,
    unreadable,
)

__all__ = ["read_csv"]


def _decode(data: bytes) -> tuple[str, str] | Problem:
    """The text and the encoding read: UTF-8 (with or without a byte-order mark),
    else Windows-1252 (French Excel's "CSV (séparateur: point-virgule)" and
    LibreOffice's default)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return unreadable("encoding", position=str(position))


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") >= first.count(",") else ","


def read_csv(name: str, data: bytes, max_size: int, width_cap: int = 16384) -> RawSheet | Problem:
    """The rows of a CSV file (``;`` or ``,``), every physical line accounted for,
    or why it cannot be read (more rows than `max_rows` allows, among others)."""
    most = max_rows(max_size)
    if b"\0" in data:
        return unreadable("nul", position=str(data.index(b"\0")))
    decoded = _decode(data)
    if isinstance(decoded, Problem):
        return decoded
    text, encoding = decoded
    delimiter = _delimiter(text)
    notes: list[Problem] = []
    if encoding != "UTF-8":
        notes.append(Problem("", "sheet.encoding", Severity.WARNING, {"encoding": encoding}))
    rows: list[RawRow] = []
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    last_line = 0
    header_width = width_cap
    try:
        for number, values in enumerate(reader, start=1):
            first, last_line = last_line + 1, reader.line_num
            if number == 1:
                header_width = min(len(values), width_cap) or width_cap
            row = _csv_row(number, values, (first, last_line), header_width, delimiter)
            if row is not None:
                rows.append(row)
                if len(rows) > most:
                    return unreadable("too-many-rows", rows=str(most))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            return unreadable("field-too-long", row=str(last_line + 1), limit=str(_field_limit()))
        return unreadable("not-spreadsheet")
    return RawSheet(name, tuple(rows), notes=tuple(notes), csv=True)


def _field_limit() -> int:
    return csv.field_size_limit()


def _csv_row(
    number: int,
    values: list[str],
    lines: tuple[int, int],
    header_width: int,
    delimiter: str,
) -> RawRow | None:
    joined = "".join(values)
    if not joined.strip():
        return None  # a blank line, or a line of separators only (white space is per character)
    kept = values[:header_width] if len(values) > header_width else values
    cells: dict[int, Stored | str]
    if QUOTE in joined or not _all_plain(kept):
        cells = {i: _csv_cell(v) for i, v in enumerate(kept) if v}
    else:  # the usual row: each cell plain text, as `_csv_cell` gives it
        cells = {i: v for i, v in enumerate(kept) if v}
    beyond = next((i for i in range(header_width, len(values)) if values[i].strip()), None)
    found: list[tuple[int, Problem]] = []
    if "\n" in joined or "\r" in joined:
        # A quoted cell holding a line break is its text (RFC 4180), separators
        # included, unless it holds a whole row's separators: then the quote opened
        # in it swallowed a row at least (docs: sheets.md#nothing-lost).
        swallowed = max(1, header_width - 1)
        for index, value in enumerate(kept):
            if ("\n" in value or "\r" in value) and value.count(delimiter) >= swallowed:
                params = {"first": str(lines[0]), "last": str(lines[1])}
                found.append((index, Problem("", "sheet.quote", params=params)))
    return RawRow(number, cells, beyond, width=len(values), lines=lines, notes=tuple(found))


def _csv_cell(value: str) -> Stored | str:
    """A CSV cell (not empty): its text, behind its quote, when it is `plain`; else
    its `Stored` (`RawRow.cells`)."""
    text = unquoted(value) if value[0] == QUOTE else value
    return text if plain(text) else stored(text, True)


def _all_plain(values: list[str]) -> bool:
    """Whether every value not empty is `plain`, a row at a time (no CSV read holds
    a NUL; error values start with "#" or "Err:", anywhere here is enough)."""
    line = "\0".join(values)
    return (
        line[:1] != "#"
        and "\0#" not in line
        and "Err:" not in line
        and list(map(str.strip, values)) == values
    )
