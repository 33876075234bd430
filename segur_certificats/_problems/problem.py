"""A located problem: JSON Pointer path, stable code, severity, message, and where its
value came from (docs: problems.md#what-a-problem-holds).

```pycon
>>> p = Problem("/entitesJuridiques/0/finessJuridique", "finess.checksum",
...             params={"value": '"330058067"'})
>>> p.message()
'Clé de contrôle du FINESS juridique "330058067" incorrecte (clé de Luhn) : vérifiez le numéro.'
>>> p.message("en")
'Wrong check key in FINESS juridique "330058067" (Luhn key): check the number.'
>>> p.at(Position(12, 9)).to_dict("en")["line"]
12

```
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from segur_certificats._problems.catalogue import render
from segur_certificats._problems.shown import shown, visible

__all__ = ["Cell", "Location", "Position", "Problem", "Severity", "internal_error"]


class Severity(enum.Enum):
    """How serious a problem is: an error makes the document invalid, a warning does not."""

    ERROR = "error"
    """The document is invalid."""
    WARNING = "warning"
    """Worth a look; the document stays valid."""


# Problems and their locations are many in a large report and never weakly
# referenced: no weak-reference slot.
@attrs.frozen(weakref_slot=False)
class Position:
    """Where a value stands in a JSON text: 1-based line and column."""

    line: int
    column: int

    def fields(self) -> dict[str, str | int]:
        """``line`` and ``column``, as `Problem.to_dict` gives them."""
        return {"line": self.line, "column": self.column}


@attrs.frozen(weakref_slot=False)
class Cell:
    """Where a value stands in a sheet: a cell as the spreadsheet names it.

    ``name`` is ``Administrateurs!G4`` for a cell, ``Administrateurs!4:4`` for a
    whole row, the sheet or file name for the whole sheet.
    """

    name: str
    row: int = 0
    """The row number as the spreadsheet shows it (0: the whole sheet)."""
    header: str = ""
    """The column's header ("" for the whole sheet or row)."""

    def fields(self) -> dict[str, str | int]:
        """``cell``, ``row`` and ``column`` (the header), as `Problem.to_dict` gives them."""
        return {"cell": self.name, "row": self.row, "column": self.header}


Location = Position | Cell
"""Where a problem's value came from."""


def _packed(value: Mapping[str, Any]) -> tuple[str, ...]:
    # The parameters as one flat tuple, keys in order, each value bounded: a third
    # of a dict's memory, which counts in a report of a million problems.
    pairs = sorted((str(key), shown(item)) for key, item in value.items())
    return tuple(text for pair in pairs for text in pair)


@attrs.frozen(weakref_slot=False)
class Problem:
    """One problem found in a document.

    ``params`` fill in the message template of ``code`` (see
    `segur_certificats._problems.catalogue`); ``variant`` selects a more specific
    wording of the same code (e.g. an ``enum`` problem that can name the fix).
    """

    path: str
    """RFC 6901 JSON Pointer to the offending value, made of JSON key names."""
    code: str
    """Stable machine code (docs: problems.md#codes), e.g. ``"finess.checksum"``."""
    severity: Severity = Severity.ERROR
    """An error makes the document invalid; a warning does not."""
    _params: tuple[str, ...] = attrs.field(
        factory=dict, converter=_packed, hash=False, repr=False, alias="params"
    )
    variant: str | None = attrs.field(default=None, repr=False)
    """A more specific wording of the same code (e.g. ``suggest``), or ``None``."""
    location: Location | None = attrs.field(default=None, repr=False, eq=False)
    """Where the value came from: a `Position` in a JSON text, a `Cell` of a sheet,
    or ``None`` for a value given in Python. Two problems that differ only here
    are equal: the same fault of the same document, read from another form."""

    @property
    def params(self) -> dict[str, str]:
        """What fills the message's template, each value bounded (a new dict at each
        call: the problem itself never changes)."""
        pairs = self._params
        return dict(zip(pairs[::2], pairs[1::2], strict=True))

    @property
    def is_error(self) -> bool:
        """Whether the problem is an error (not a warning)."""
        return self.severity is Severity.ERROR

    @property
    def cell(self) -> str | None:
        """The cell of a sheet the value came from (``Administrateurs!G4``), if any."""
        return self.location.name if isinstance(self.location, Cell) else None

    def message(self, lang: str = "fr") -> str:
        """The message for a person, in French (``"fr"``, default) or English (``"en"``)."""
        return render(self.code, self.params, lang, self.variant)

    def line(self, lang: str = "fr") -> str:
        """``path: [code] message`` on one line, warnings marked, for people; a sheet's
        problem starts with its cell: ``cell (path): [code] message``."""
        # The path may hold any character a key does: shown visibly, as values are.
        path = visible(self.path)
        if isinstance(self.location, Cell):
            where = f"{self.location.name} ({path})" if path else self.location.name
        else:
            where = path or "/"
        return f"{where}: {self.coded_message(lang)}"

    def coded_message(self, lang: str = "fr") -> str:
        """``[code] message``, a warning marked: what `line()` says after the path."""
        mark = ""
        if self.severity is Severity.WARNING:
            mark = " (warning)" if lang == "en" else " (avertissement)"
        return f"[{self.code}]{mark} {self.message(lang)}"

    def to_dict(self, lang: str = "fr") -> dict[str, str | int]:
        """The problem as plain JSON values, exactly as ``check --format json``
        writes it: ``path``, ``code``, ``severity``, ``message``, and where the value
        came from — ``line`` and ``column`` in a text, ``cell``, ``row`` and
        ``column`` (its header) in a sheet (docs: cli.md#json-output)."""
        data: dict[str, str | int] = {
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
        }
        if self.location is not None:
            data.update(self.location.fields())
        return data

    def under(self, prefix: str) -> Problem:
        """The same problem with its path moved below ``prefix`` (a JSON Pointer)."""
        return self._moved(prefix + self.path, self.location)

    def at(self, location: Location | None) -> Problem:
        """The same problem, its value found at ``location``."""
        return self._moved(self.path, location)

    def moved(
        self,
        path: str,
        location: Location | None,
        *,
        params: Mapping[str, Any] | None = None,
        variant: str | None = None,
    ) -> Problem:
        """The same problem at ``path`` and ``location``; with ``params`` (bounded as
        any problem's) or ``variant``, reworded (``None`` keeps the problem's own).
        Nothing is checked again that was checked: a report of many problems moves
        each at the cost of one small object."""
        packed = self._params if params is None else _packed(params)
        return self._moved(path, location, packed, variant or self.variant)

    def _moved(
        self,
        path: str,
        location: Location | None,
        params: tuple[str, ...] | None = None,
        variant: str | None = None,
    ) -> Problem:
        # A copy of checked values: the parameters are bounded already.
        moved = object.__new__(Problem)
        for name, value in (
            ("path", path),
            ("code", self.code),
            ("severity", self.severity),
            ("_params", self._params if params is None else params),
            ("variant", variant or self.variant),
            ("location", location),
        ):
            object.__setattr__(moved, name, value)
        return moved


def internal_error(exc: BaseException) -> Problem:
    """The problem that stands for an unexpected exception of this package: the
    promise that checking never raises holds even then
    (docs: problems.md#bounded-work-and-output)."""
    return Problem("", "internal-error", params={"error": type(exc).__name__})
