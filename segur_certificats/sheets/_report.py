"""What a filled sheet holds, and its problems by cell (docs: sheets.md#reading,
sheets.md#jupyter)."""

from __future__ import annotations

import json

import attrs

from segur_certificats._pipeline.report import Report
from segur_certificats._problems.errors import InvalidDocument
from segur_certificats._problems.problem import Problem
from segur_certificats._view import html as _html
from segur_certificats.model import EntiteJuridique
from segur_certificats.serialize import converter
from segur_certificats.sheets._cells import column_name

__all__ = ["SheetReport"]


@attrs.frozen
class SheetReport(Report):
    """A `Report` of a filled sheet: every problem has its cell (`Problem.cell`)
    beside the JSON Pointer its value will have; and what the sheet holds."""

    sheet: str = ""
    """The sheet's name, as cells are named."""
    header: tuple[str, ...] = ()
    """The header row as read."""
    rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    """Each data row: its number on screen and its cells as shown."""
    entites: tuple[EntiteJuridique | None, ...] = ()
    """The legal entity each data row reads as (``None`` when it cannot be read)."""
    written: str | bytes | None = None
    """With ``into=``: the request with its blocks replaced, when no error remains."""

    def entities_json(self) -> str:
        """The rows as a JSON array of legal-entity objects (no error must remain)."""
        if not self.ok:
            raise InvalidDocument(self.errors)
        values = [converter.unstructure(e) for e in self.entites if e is not None]
        return json.dumps(values, ensure_ascii=False, indent=2) + "\n"

    def html(self, lang: str = "fr") -> str:
        """The sheet's rows, each cell with a problem highlighted (red for an error,
        yellow for a warning) and its messages in the cell's title and label; the
        problems of the whole sheet above (docs: sheets.md#jupyter)."""
        by_cell: dict[str, list[Problem]] = {}
        for problem in self.problems:
            by_cell.setdefault(problem.cell or "", []).append(problem)
        letters = [column_name(i) for i in range(len(self.header))]
        rows = []
        for number, values in self.rows:
            cells = [_html.Cell(str(number), tag="strong", tone="muted")]
            for index, letter in enumerate(letters):
                value = values[index] if index < len(values) else ""
                cells.append(_cell(value, by_cell.get(f"{self.sheet}!{letter}{number}", []), lang))
            rows.append(_html.Row(cells))
        shown = {f"{self.sheet}!{letter}{n}" for n, _ in self.rows for letter in letters}
        others = [p.line(lang) for p in self.problems if p.cell not in shown]
        summary = f"{len(self.errors)} erreur(s), {len(self.warnings)} avertissement(s)"
        return _html.div(
            "sc-sheet-report",
            _html.bullets(others, "sc-sheet-problems"),
            _html.table(summary, ["", *self.header], rows, "sc-sheet"),
        )


def _cell(value: str, problems: list[Problem], lang: str) -> _html.Cell:
    if not problems:
        return _html.Cell(value)
    messages = " ; ".join(f"[{p.code}] {p.message(lang)}" for p in problems)
    return _html.Cell(
        value,
        small="⚠ " + messages,
        tone="error" if any(p.is_error for p in problems) else "warning",
        css_class="sc-cell-problem",
        title=messages,
        label=f"{value} : {messages}",
    )
