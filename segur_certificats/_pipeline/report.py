"""A report: every problem of one document, and its model when it could be read
(docs: validating.md, problems.md#what-a-problem-holds).

```pycon
>>> report = Report((Problem("/couloir", "required", params={"field": "couloir"}),))
>>> report.ok, report.to_dict("en")["problems"][0]["message"]
(False, 'couloir is required: the value is missing, null or blank.')

```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from segur_certificats._problems.errors import InvalidDocument
from segur_certificats._problems.pointer import (
    anchor_of,
    is_index,
    pointer,
    split_pointer,
)
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._view import html as _html
from segur_certificats._vocabulary.keys import ENTITES_JURIDIQUES
from segur_certificats.model import Demande

__all__ = ["Report", "Tally"]

_ENTITIES = ENTITES_JURIDIQUES.json


@attrs.frozen
class Tally:
    """Every problem of a bounded report counted, kept or not (docs:
    serve.md#bounded-answers)."""

    errors: int
    """The problems of severity error."""
    warnings: int
    """The problems of severity warning."""
    truncated: bool = False
    """Whether some problems were counted but not kept."""


@attrs.frozen
class Report:
    """Every problem of one document, and its model when it could be read."""

    problems: tuple[Problem, ...]
    """The problems in reading order: the request's own, then legal entity by legal
    entity (docs: problems.md#every-problem-at-once)."""
    demande: Demande | None = None
    """The request, when the document's structure was valid (rules may still fail)."""
    tally: Tally | None = attrs.field(default=None, kw_only=True)
    """A bounded report's count of every problem (``validate(…, max_problems=…)``):
    ``problems`` then holds the first found only; ``None`` when nothing bounded it."""

    @property
    def ok(self) -> bool:
        """True when no problem is an error (warnings allowed), those a bound left out
        of ``problems`` included."""
        if self.tally is not None:
            return self.tally.errors == 0
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity warning."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The report as plain JSON values, exactly as ``check --format json``
        writes it for a file (less the ``file`` key): ``ok`` and ``problems``
        (docs: validating.md#reports-as-data). A web service can return it as is.
        A bounded report adds ``truncated`` and ``counts``, every problem counted by
        severity (docs: serve.md#bounded-answers).
        """
        found: dict[str, Any] = {
            "ok": self.ok,
            "problems": [problem.to_dict(lang) for problem in self.problems],
        }
        if self.tally is not None:
            found["truncated"] = self.tally.truncated
            found["counts"] = {
                Severity.ERROR.value: self.tally.errors,
                Severity.WARNING.value: self.tally.warnings,
            }
        return found

    def messages(self, lang: str = "fr") -> list[str]:
        """One line per problem: ``path: [code] message`` (see `Problem.line()`)."""
        return [p.line(lang) for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.messages()) or "Aucun problème."

    def raise_for_errors(self, lang: str = "fr") -> Demande:
        """The request, or `InvalidDocument` if any error."""
        if self.errors or self.demande is None:
            raise InvalidDocument(self.problems, lang)
        return self.demande

    # -- the screen ----------------------------------------------------------------------

    def _entities(self) -> Mapping[str, str | None]:
        """The pointer of each legal entity the problems are grouped by, and its
        FINESS juridique when known."""
        numbers = {}
        entites = self.demande.entites_juridiques if self.demande is not None else ()
        for problem in self.problems:
            parts = split_pointer(problem.path)
            if len(parts) >= 2 and parts[0] == _ENTITIES and is_index(parts[1]):
                index = int(parts[1])
                number = entites[index].finess_juridique if index < len(entites) else None
                numbers[pointer(_ENTITIES, index)] = number
        return numbers

    def _repr_html_(self) -> str:
        return self.html()

    def html(self, lang: str = "fr") -> str:
        """The problems grouped by legal entity, each with its path, code and message,
        as HTML: what Jupyter shows (docs: jupyter.md)."""
        english = lang == "en"
        entities = self._entities()
        groups: dict[str, list[Problem]] = {}
        for problem in self.problems:
            groups.setdefault(anchor_of(problem.path, entities) or "", []).append(problem)
        rows: list[_html.Row] = []
        for anchor, problems in groups.items():
            number = entities.get(anchor)
            title = f"{anchor} (FINESS juridique {number})" if number else anchor or "Demande"
            rows.append(
                _html.Row(
                    [_html.Cell(title, tag="strong", tone="muted", colspan=4, css_class="sc-group")]
                )
            )
            rows += [_problem_row(p, lang) for p in problems]
        headers = (
            ("Path", "Code", "Severity", "Message")
            if english
            else ("Chemin", "Code", "Gravité", "Message")
        )
        return _html.div(
            "sc-report", _html.table(self._summary(lang), headers, rows, "sc-problems")
        )

    def _summary(self, lang: str) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if self.tally is not None:
            errors, warnings = self.tally.errors, self.tally.warnings
        if lang == "en":
            return f"{errors} error(s), {warnings} warning(s)" if self.problems else "No problem."
        if not self.problems:
            return "Aucun problème."
        return f"{errors} erreur(s), {warnings} avertissement(s)"


_SEVERITY = {Severity.ERROR: ("erreur", "error"), Severity.WARNING: ("avertissement", "warning")}


def _problem_row(problem: Problem, lang: str) -> _html.Row:
    severity = _SEVERITY[problem.severity][lang == "en"]
    return _html.Row(
        [
            _html.Cell(problem.path or "/", tag="code"),
            _html.Cell(problem.code, tag="code"),
            _html.Cell(severity, tone=f"{problem.severity.value}-text"),
            _html.Cell(problem.message(lang)),
        ],
        data={"code": problem.code, "path": problem.path},
    )
