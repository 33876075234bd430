"""Issue 27, second round: the cost of reading follows what a file holds, never
what it declares or how many rows show one stored value (docs: sheets.md#limits).
Work is counted (characters folded, judged, expanded), never timed."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segur_certificats import sheets
from segur_certificats.sheets import _source

from . import raw
from .test_sheets import HEADER

LONG = 200_000
"""The length of the long value stored once (the finding's was 2 MB)."""


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """The characters each of the source's judgements of a text was given."""
    seen = {"fold": 0, "white": 0, "error": 0, "typed": 0}
    wrapped: list[tuple[str, str]] = [
        ("_folded", "fold"),
        ("_white", "white"),
        ("_error_value", "error"),
        ("_text_typed", "typed"),
    ]
    for name, counter in wrapped:
        original: Callable[..., Any] = getattr(_source, name)

        def spy(*args: Any, _original: Callable[..., Any] = original, _c: str = counter) -> Any:
            text = next((a for a in args if isinstance(a, str) and len(a) > 64), "")
            seen[_c] += len(text)
            return _original(*args)

        monkeypatch.setattr(_source, name, spy)
    yield seen


def _xlsx(rows: int, column: int, value: str, streamed: bool) -> bytes:
    """``rows`` rows, each a FINESS and the shared string ``value`` in ``column``."""
    header = [raw.text(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)]
    body = [(1, header)]
    for number in range(2, rows + 2):
        cells = [raw.text(f"A{number}", "330058066")] if column else []
        cells.append(raw.shared(f"{chr(65 + column)}{number}", 0))
        body.append((number, cells))
    sheet = raw.sheet_xml(body)
    if streamed:  # a comment: the part streams through expat
        sheet = sheet.replace(b"</sheetData>", b"<!-- a comment --></sheetData>")
    return raw.workbook(sheet, extra={"xl/sharedStrings.xml": raw.shared_strings([value])})


def _ods(rows: int, column: int, value: str) -> bytes:
    """``rows`` repeated rows (one element), each a FINESS and ``value`` in ``column``."""
    header = "<table:table-row>" + "".join(raw.ods_cell(h) for h in HEADER) + "</table:table-row>"
    cells = [raw.ods_cell("330058066")] if column else []
    cells += [raw.ods_cell(None)] * (column - len(cells)) + [raw.ods_cell(value)]
    repeated = (
        f'<table:table-row table:number-rows-repeated="{rows}">{"".join(cells)}</table:table-row>'
    )
    return raw.ods(header + repeated)


_VALUES = {
    "plain": "x" * LONG,
    "spaced": "Oui" + " " * LONG,  # white space around it: a cell that is not plain
    "blank": " " * LONG,  # white space only
    "quoted": "'=" + "y" * LONG,  # behind the quote that keeps a formula from running
    "label": "DMP," + " " * LONG + "INS",  # a label, once folded
    "error": "#" + "N" * LONG,  # the look of an error value
}


@settings(max_examples=12, deadline=None)
@given(
    column=st.integers(0, len(HEADER) - 1),
    value=st.sampled_from(sorted(_VALUES)),
    form=st.sampled_from(["xlsx", "streamed", "ods"]),
)
def test_a_value_stored_once_is_judged_once_whatever_the_rows(
    column: int, value: str, form: str
) -> None:
    """A long value the file stores once (a shared string, a repeated row), in any
    column, costs the same work for 3 rows as for 60: it is folded and judged once."""
    work: list[dict[str, int]] = []
    text = _VALUES[value]
    for rows in (3, 60):
        data = (
            _ods(rows, column, text)
            if form == "ods"
            else _xlsx(rows, column, text, form == "streamed")
        )
        with pytest.MonkeyPatch.context() as patch, counted(patch) as seen:
            report = sheets.read(data, name=f"f.{'ods' if form == 'ods' else 'xlsx'}")
        assert report.problems is not None
        work.append(dict(seen))
    assert work[0] == work[1], work
    assert all(count <= 2 * (LONG + 4) for count in work[1].values()), work


def test_the_same_value_reads_alike_long_or_short(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo changes the work, never the reading: a long label that folds to a
    code reads as that code on every row, a long wrong one is an error on every row."""
    good = "DMP," + " " * LONG + "INS"
    utilite = HEADER.index("Utilité certificat")
    report = sheets.read(_xlsx(5, utilite, good, False), name="f.xlsx")
    assert not [p for p in report.problems if p.code == "enum"], report.problems
    report = sheets.read(_xlsx(5, utilite, "x" * LONG, False), name="f.xlsx")
    wrong = [p for p in report.problems if p.code == "enum"]
    assert [p.cell for p in wrong] == [
        f"Administrateurs!{chr(65 + utilite)}{n}" for n in range(2, 7)
    ]


# -- .ods: a total budget on what its elements expand to --------------------------------


def _expanding(spaces: int, elements: int, cells: int, rows: int) -> bytes:
    """An .ods whose data rows (``rows`` repeated) hold a FINESS and ``cells`` repeated
    cells, each ``elements`` spaces elements of ``spaces`` spaces."""
    header = "<table:table-row>" + "".join(raw.ods_cell(h) for h in HEADER) + "</table:table-row>"
    text = f'x<text:s text:c="{spaces}"/>' * elements
    row = (
        f'<table:table-row table:number-rows-repeated="{rows}">{raw.ods_cell("330058066")}'
        f'<table:table-cell table:number-columns-repeated="{cells}" office:value-type="string">'
        f"<text:p>{text}x</text:p></table:table-cell></table:table-row>"
    )
    return raw.ods(header + row)


def _peak(data: bytes, max_size: int) -> tuple[sheets.SheetReport, int]:
    tracemalloc.start()
    try:
        report = sheets.read(data, name="f.ods", max_size=max_size)
        return report, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


MIB = 2**20


@settings(max_examples=25, deadline=None)
@given(
    spaces=st.integers(1, 5000),
    elements=st.integers(1, 40_000),
    cells=st.integers(1, 12),
    rows=st.integers(1, 5000),
)
def test_what_an_ods_expands_to_stays_within_the_size_limit(
    spaces: int, elements: int, cells: int, rows: int
) -> None:
    """Spaces (``<text:s text:c>``), repeated cells and repeated rows, in any mix: the
    memory a read takes follows the size limit (here 1 MiB), however little the file
    weighs; past the limit the file is `sheet.unreadable` ("expanded"), never read in
    part."""
    data = _expanding(spaces, elements, cells, rows)
    assert len(data) < MIB
    report, peak = _peak(data, MIB)
    assert peak < 16 * MIB, peak
    variants = {p.variant for p in report.problems if p.code == "sheet.unreadable"}
    expanded = min(spaces, 1000) * elements  # one cell's spaces, held once however repeated
    if expanded + 16 * (cells + 1) * rows > MIB:
        assert variants <= {"expanded", "too-many-rows"}, report.problems
    if variants:
        assert len(variants) == 1


def test_the_findings_spaces_are_refused_at_the_limit() -> None:
    """A 112 KB file whose spaces elements expand to 2 GB is refused, its peak memory
    within a few times the limit (the finding: a 57 KB file peaked at 2 GB)."""
    data = _expanding(1000, 2_000_000, 1, 1)
    report, peak = _peak(data, 4 * MIB)
    assert [(p.code, p.variant) for p in report.problems] == [("sheet.unreadable", "expanded")]
    assert peak < 32 * MIB, peak
