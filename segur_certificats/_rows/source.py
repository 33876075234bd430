"""Rows of legal-entity values written into a request: the judging of rows
(docs: sheets.md#reading, sheets.md#problems).

A source of rows (a filled sheet) maps each row to a legal entity's values and
says where each came from. What only rows raise is judged here, the same for
any such source: where each row goes in the request (`segur_certificats._rows.target`),
a row whose FINESS juridique the request does not have, two rows that say the
same FINESS juridique, the request's ordering entities no row speaks of.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Protocol, TypeVar

from segur_certificats import finess
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.source import Source
from segur_certificats._problems.pointer import pointer
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._problems.shown import show_value
from segur_certificats._rows.target import Target, read_target
from segur_certificats._vocabulary.keys import FINESS_JURIDIQUE
from segur_certificats.model import EntiteJuridique

__all__ = ["MappedRow", "RowsSource"]

_R = TypeVar("_R")
_FINESS = FINESS_JURIDIQUE.json
# The other rows a duplicate's message lists, at most.
_LISTED = 5


class MappedRow(Protocol):
    """A row as its source maps it."""

    @property
    def number(self) -> int:
        """The row's number, as its source shows it."""

    @property
    def entity(self) -> Mapping[str, Any]:
        """The legal entity's own values (``finessJuridique``, the block's flags)."""

    @property
    def finess(self) -> str | None:
        """The FINESS juridique the row stands for, even when its value was lost."""

    @property
    def lost(self) -> AbstractSet[str]:
        """The keys whose value the source lost (already reported)."""


class RowsSource(Source[_R]):
    """A source of rows, each a legal entity's values, written into a request (or
    not): the source maps, the rows are judged here."""

    into: str | bytes | None = None
    """The request's JSON text, or an editor's own document with ``embedded``."""
    embedded: bool = False
    target: Target | None = None
    """The request the rows go into, once read."""

    pointers: list[str | None]
    """Where each row goes in the request (``None``: nowhere), once judged."""

    @abc.abstractmethod
    def map_rows(self, reading: Reading) -> Sequence[MappedRow] | None:
        """The rows mapped (what the file did to a value noted in ``reading``);
        ``None`` when there are no rows to speak of (the file is not a sheet of rows)."""

    @abc.abstractmethod
    def row_values(self) -> list[tuple[str, Any]]:
        """Each row's legal-entity object, at its position (``/0``, ``/1``…)."""

    @abc.abstractmethod
    def lose(self, reading: Reading, position: int, key: str, problem: Problem) -> None:
        """Note ``problem`` of the value at ``key`` of row ``position``, where the
        source locates it, and set the value aside."""

    @abc.abstractmethod
    def forget(self) -> None:
        """Drop the rows: the request they go into cannot be read."""

    def values(self, reading: Reading) -> Sequence[tuple[str, Any]]:
        rows = self.map_rows(reading)
        if rows is None:
            return []
        target = read_target(self.into, self.embedded, self.context)
        if isinstance(target, tuple):  # the request itself cannot be read
            reading.problems.extend(target)  # located in the request's text
            self.forget()
            return []
        self.target, self.context = target, target.context
        self.pointers = self._judge(reading, rows, target)
        return self.row_values()

    def _judge(
        self, reading: Reading, rows: Sequence[MappedRow], target: Target
    ) -> list[str | None]:
        """Where each row goes in the request; rows that say the same FINESS
        juridique; the request's ordering entities no row speaks of."""
        pointers: list[str | None] = []
        # The rows of each FINESS juridique: the first's position, a list from the second.
        by_finess: dict[str, int | list[int]] = {}
        for position, row in enumerate(rows):
            given = row.entity.get(_FINESS)
            number = given if isinstance(given, str) else row.finess
            compact = finess.compact(number) if isinstance(number, str) else None
            where = target.pointer_of(position, compact)
            if where is None and given is not None and _FINESS not in row.lost:
                found = _unknown(given)
                self.lose(reading, position, _FINESS, found)
            pointers.append(where)
            if compact:
                seen = by_finess.setdefault(compact, position)
                if isinstance(seen, list):
                    seen.append(position)
                elif seen != position:
                    by_finess[compact] = [seen, position]
        for positions in by_finess.values():
            if not isinstance(positions, int):
                self._duplicates(reading, rows, positions)
        if target.text is not None:
            _missing_rows(reading, pointers, target)
        return pointers

    def _duplicates(
        self, reading: Reading, rows: Sequence[MappedRow], positions: list[int]
    ) -> None:
        """Rows that say the same FINESS juridique (docs: sheets.md#problems)."""
        numbers = [rows[p].number for p in positions]
        for position in positions:
            row = rows[position]
            listed = [str(n) for n in numbers[: _LISTED + 1] if n != row.number][:_LISTED]
            more = ", …" if len(numbers) - 1 > _LISTED else ""
            params = {"value": show_value(row.finess), "rows": ", ".join(listed) + more}
            found = Problem(FINESS_JURIDIQUE.path, "sheet.duplicate", params=params)
            if _FINESS in row.lost:  # reported at the row, its value set aside already
                reading.problems.append(found.under(pointer(position)))
            else:
                self.lose(reading, position, _FINESS, found)

    def blocks(self, entities: Sequence[EntiteJuridique | None]) -> dict[str, EntiteJuridique]:
        """The rows' legal entities by the pointer each goes to in the request."""
        return {
            where: entite
            for where, entite in zip(self.pointers, entities, strict=True)
            if where is not None and entite is not None
        }


def _unknown(given: object) -> Problem:
    """A row's FINESS juridique the request does not have."""
    params = {"value": show_value(given)}
    return Problem(FINESS_JURIDIQUE.path, "sheet.unknown-finess", params=params)


def _missing_rows(reading: Reading, pointers: Sequence[str | None], target: Target) -> None:
    """The request's ordering entities no row speaks of (a warning each)."""
    said = {where for where in pointers if where is not None}
    for compact, where in target.pointers.items():
        if where not in said:
            params = {"value": show_value(compact), "pointer": where}
            reading.problems.append(Problem(where, "sheet.missing-row", Severity.WARNING, params))
