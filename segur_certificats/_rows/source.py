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
import datetime as _dt
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Protocol, TypeVar

from segur_certificats import finess
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.source import Source
from segur_certificats._problems.pointer import pointer
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._problems.shown import show_value
from segur_certificats._rows.target import Target, changed, read_target
from segur_certificats._vocabulary.keys import DEMANDE_CERTIFICAT_SERVEUR, FINESS_JURIDIQUE
from segur_certificats.model import EntiteJuridique
from segur_certificats.rules import check_finess

__all__ = ["MappedRow", "RowsSource"]

_R = TypeVar("_R")
_FINESS, _PATH = FINESS_JURIDIQUE.json, FINESS_JURIDIQUE.path
_FLAG_PATH = DEMANDE_CERTIFICAT_SERVEUR.path
_FLAG_HEADER = DEMANDE_CERTIFICAT_SERVEUR.label()  # the sheet's header of that column
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

    @property
    def bare(self) -> bool:
        """The row says nothing but its FINESS juridique: no answer, no value, nothing
        lost."""


class RowsSource(Source[_R]):
    """A source of rows, each a legal entity's values, written into a request (or
    not): the source maps, the rows are judged here."""

    into: str | bytes | None = None
    """The request's JSON text, or an editor's own document with ``embedded``."""
    embedded: bool = False
    target: Target | None = None
    """The request the rows go into, once read."""
    modified_on: _dt.date | None = None
    """The day writing the rows modifies the request (today unless given, docs:
    editing.md#dated)."""

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

    def read_into(self, reading: Reading) -> None:
        """Read the rows; when they change a block of the request they go into, that
        is a modification of it (`Target.modified`): the request is dated, the rules
        judge it at that date, and what keeps it from being modified is said — the
        rows judged all the same. Rows that change nothing modify nothing: the
        request is written back as it was (docs: editing.md#who-may-change)."""
        super().read_into(reading)
        target = self.target
        if target is None or target.text is None:
            return
        entities = [entite for _, entite in reading.entities]
        # A row that could not be read is taken to change its block.
        if None in entities or changed(self.blocks(entities), target.read):
            target = target.modified(self.modified_on)
            reading.problems.extend(target.refusals)
            self.target, self.context = target, target.context

    def _judge(
        self, reading: Reading, rows: Sequence[MappedRow], target: Target
    ) -> list[str | None]:
        """Where each row goes in the request; rows that say the same FINESS
        juridique; the request's ordering entities no row speaks of, or only a
        bare row; a FINESS juridique the request holds twice."""
        pointers: list[str | None] = []
        kept: set[str] = set()  # the entities whose order a bare row leaves as it is
        # The rows of each FINESS juridique: the first's position, a list from the second.
        by_finess: dict[str, int | list[int]] = {}
        for position, row in enumerate(rows):
            given = row.entity.get(_FINESS)
            number = given if isinstance(given, str) else row.finess
            compact = finess.compact(number) if isinstance(number, str) else None
            where = target.pointer_of(position, compact)
            if where is None and given is not None and _FINESS not in row.lost:
                # Not in the request: said, beside what the field rule says of it.
                for found in _unknown(given, compact, target.pointers):
                    self.lose(reading, position, _FINESS, found)
            elif where is not None and row.bare and _orders(target.read.get(where)):
                # Only "Non" removes an order (docs: sheets.md#nothing-lost).
                reading.problems.append(_bare(position, given))
                kept.add(where)
                where = None
            if compact and compact in target.twins and compact not in by_finess:
                reading.problems.extend(target.twice(compact))  # docs: sheets.md#into
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
            _missing_rows(reading, {*filter(None, pointers), *kept}, target)
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


def _unknown(given: object, compact: str | None, known: Mapping[str, str]) -> list[Problem]:
    """A row's FINESS juridique the request does not have (docs: sheets.md#problems):
    the number of the request one typing slip away, if there is one, and what the
    field rule says of it (a wrong check key, say), which the value set aside
    would not otherwise get."""
    params = {"value": show_value(given)}
    near = _near(compact, known) if compact else None
    if near is not None:
        params["near"] = show_value(near)
    variant = None if near is None else "near"
    problems = [Problem(_PATH, "sheet.unknown-finess", params=params, variant=variant)]
    if isinstance(given, str):
        problems += [problem.under(_PATH) for problem in check_finess(given)]
    return problems


# What a FINESS juridique is written with (2A and 2B: Corsica).
_FINESS_CHARACTERS = "0123456789AB"
_FINESS_LENGTH = 9


def _near(compact: str, known: Mapping[str, str]) -> str | None:
    """The FINESS juridique of ``known`` one typing slip away from ``compact`` — one
    character typed wrong, or two neighbours swapped — when exactly one is: a
    constant number of look-ups, however many entities the request has."""
    if len(compact) != _FINESS_LENGTH:  # a slip keeps the length; a long value costs nothing
        return None
    found: set[str] = set()
    for index, typed in enumerate(compact):
        head, tail = compact[:index], compact[index + 1 :]
        found.update(
            candidate
            for character in _FINESS_CHARACTERS
            if character != typed and (candidate := head + character + tail) in known
        )
        if tail and tail[0] != typed:
            swapped = head + tail[0] + typed + tail[1:]
            if swapped in known:
                found.add(swapped)
    return found.pop() if len(found) == 1 else None


def _orders(entite: EntiteJuridique | None) -> bool:
    return entite is not None and entite.administrateur is not None


def _bare(position: int, given: object) -> Problem:
    """A row that says nothing but the FINESS juridique of an entity that orders: its
    order is kept (a warning at the row's answer)."""
    params = {"value": show_value(given), "flag": _FLAG_HEADER}
    return Problem(_FLAG_PATH, "sheet.bare-row", Severity.WARNING, params).under(pointer(position))


def _missing_rows(reading: Reading, said: AbstractSet[str], target: Target) -> None:
    """The request's ordering entities no row speaks of (a warning each)."""
    for compact, where in target.pointers.items():
        if where not in said:
            params = {"value": show_value(compact), "pointer": where}
            reading.problems.append(Problem(where, "sheet.missing-row", Severity.WARNING, params))
