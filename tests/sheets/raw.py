"""Workbooks written byte by byte: what spreadsheet programs and hostile files put in
the XML that openpyxl never writes (declared dimensions, rows numbered anywhere,
merged ranges over the whole sheet, error values, array and data-table formulas,
zip bombs)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: A cell: (reference, raw XML inside <c …> and its attributes), e.g.
#: ``("A2", ' t="inlineStr"', "<is><t>x</t></is>")``.
RawCell = tuple[str, str, str]


def text(reference: str, value: str) -> RawCell:
    return reference, ' t="inlineStr"', f'<is><t xml:space="preserve">{escape(value)}</t></is>'


def shared(reference: str, index: int) -> RawCell:
    """A cell of text given by its index in the shared strings (`shared_strings`), the
    way Excel and LibreOffice write text."""
    return reference, ' t="s"', f"<v>{index}</v>"


def shared_strings(strings: Sequence[str]) -> bytes:
    """The part ``xl/sharedStrings.xml`` holding ``strings``, in order."""
    items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
    count = len(strings)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{count}" '
        f'uniqueCount="{count}">{items}</sst>'
    ).encode()


def number(reference: str, value: str, style: int = 0) -> RawCell:
    return reference, f' s="{style}"', f"<v>{value}</v>"


def error(reference: str, value: str, formula: str | None = None) -> RawCell:
    inner = (f"<f>{escape(formula)}</f>" if formula else "") + f"<v>{escape(value)}</v>"
    return reference, ' t="e"', inner


def formula(reference: str, body: str, cached: str | None, attributes: str = "") -> RawCell:
    value = f"<v>{escape(cached)}</v>" if cached is not None else ""
    return reference, ' t="str"', f"<f{attributes}>{escape(body)}</f>{value}"


def sheet_xml(
    rows: Iterable[tuple[int, Sequence[RawCell]]],
    merged: Sequence[str] = (),
    dimension: str | None = None,
) -> bytes:
    parts = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">']
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for number_, cells in rows:
        parts.append(f'<row r="{number_}">')
        parts.extend(f'<c r="{ref}"{attrs}>{inner}</c>' for ref, attrs, inner in cells)
        parts.append("</row>")
    parts.append("</sheetData>")
    if merged:
        parts.append(f'<mergeCells count="{len(merged)}">')
        parts.extend(f"<mergeCell ref={quoteattr(ref)}/>" for ref in merged)
        parts.append("</mergeCells>")
    parts.append("</worksheet>")
    return "".join(parts).encode("utf-8")


_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="0.00E+00"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
    '<xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="49"/></cellXfs></styleSheet>'
)
#: Styles of `number`: 0 general, 1 scientific, 2 a date, 3 text ("@").
GENERAL, SCIENTIFIC, DATE, TEXT = range(4)


def workbook(
    sheet: bytes, name: str = "Administrateurs", extra: dict[str, bytes] | None = None
) -> bytes:
    """An .xlsx whose one sheet is ``sheet`` (the XML of `sheet_xml`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name={quoteattr(name)} sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>',
        )
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for part, data in (extra or {}).items():
            archive.writestr(part, data)
    return out.getvalue()


def bomb(size: int) -> bytes:
    """An .xlsx whose sheet decompresses to ``size`` bytes of white space."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", workbook_xml())
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as stream:
            stream.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                stream.write(chunk)
            stream.write(b"</sheetData></worksheet>")
    return out.getvalue()


def workbook_xml() -> str:
    return (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Administrateurs" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def ods(rows_xml: str, name: str = "Administrateurs") -> bytes:
    """An .ods whose one table holds ``rows_xml`` (``<table:table-row>`` elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(name)}>"
        + rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return out.getvalue()


def ods_cell(value: object, repeat: int = 1) -> str:
    """A cell of `ods`: text, a number, a boolean, an error value (``("error", "#N/A")``)."""
    attributes = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{attributes}/>"
    if isinstance(value, tuple):
        return (
            f'<table:table-cell{attributes} table:formula="of:=1/0" office:value-type="float"'
            f' office:value="0" calcext:value-type="error"><text:p>{escape(str(value[1]))}'
            "</text:p></table:table-cell>"
        )
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell{attributes} office:value-type="boolean" '
            f'office:boolean-value="{flag}"><text:p>{flag}</text:p></table:table-cell>'
        )
    if isinstance(value, (int, float)):
        return (
            f'<table:table-cell{attributes} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{attributes} office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )
