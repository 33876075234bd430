"""The one entry point editors call before sending a request: `validate()`.

It takes JSON text, bytes, an already-parsed mapping or a `Demande` and returns a `Report` with
every problem found — JSON syntax, structure and business rules together (docs:
problems.md#every-problem-at-once) — and, when the document could be read, the model. It never
raises on bad input (docs: problems.md#never-a-traceback).

```pycon
>>> report = validate(open("examples/ms1-plusieurs-entites.json").read())
>>> report.ok, len(report.demande.commandes)
(True, 6)
>>> report = validate({"typeDemande": "AVANCE", "couloir": "MS1", "dateDepot": "2023-10-02",
...     "entitesJuridiques": [{"finessJuridique": "330058067"}]})
>>> [(p.path, p.code) for p in report.problems]
[('/entitesJuridiques/0/finessJuridique', 'finess.checksum')]

```
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from segur_certificats import _jsontext, normalise, rules
from segur_certificats._partial import by_anchor, not_under, ordered, read_leniently
from segur_certificats._reading import MAX_SIZE, read_file
from segur_certificats.errors import InvalidDocument
from segur_certificats.model import Demande, EntiteJuridique
from segur_certificats.problems import BySeverity, Problem, pointer
from segur_certificats.serialize import from_json_value

__all__ = ["Report", "validate", "validate_file"]


@attrs.frozen
class Report(BySeverity[Problem]):
    """Every problem of one document, and its model when it could be read."""

    #: The problems, structure first then rules, grouped by legal entity.
    problems: tuple[Problem, ...]
    #: The request, when the document's structure was valid (rules may still fail).
    demande: Demande | None = None

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The report as plain JSON values, exactly as ``check --format json``
        writes it for a file (less the ``file`` key): ``ok`` and ``problems``.
        A web service can return it as is.

        ```pycon
        >>> validate('{"couloir": 1}').to_dict("en")["problems"][0]
        ... # doctest: +NORMALIZE_WHITESPACE
        {'path': '/typeDemande', 'code': 'required', 'severity': 'error',
         'message': 'typeDemande is required: the value is missing, null or blank.'}

        ```
        """
        return {"ok": self.ok, "problems": [problem.to_dict(lang) for problem in self.problems]}

    def messages(self, lang: str = "fr") -> list[str]:
        """One line per problem: ``path: [code] message`` (see `Problem.line()`)."""
        return [p.line(lang) for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.messages()) or "Aucun problème."

    def _repr_html_(self) -> str:
        """The problems grouped by row, for Jupyter."""
        from segur_certificats.display import report_html  # noqa: PLC0415 - display imports this

        return report_html(self)

    def raise_for_errors(self, lang: str = "fr") -> Demande:
        """The request, or `InvalidDocument` if any error."""
        if self.errors or self.demande is None:
            raise InvalidDocument(self.problems, lang)
        return self.demande


def internal_error(exc: BaseException) -> Problem:
    """The problem that stands for an unexpected exception of this package: the
    promise that checking never raises holds even then
    (docs: problems.md#bounded-work-and-output)."""
    return Problem("", "internal-error", params={"error": type(exc).__name__})


def validate(source: str | bytes | Mapping[str, Any] | Demande) -> Report:
    """Check a request document and return every problem found.

    ``source`` is JSON text (``str``), UTF-8 bytes, an already-parsed JSON
    object, or a request built in Python (its problems are located in the
    JSON it would be written as). Never raises: should this package fail
    inside, the report holds an ``internal-error`` problem.
    """
    try:
        return _validate(source)
    except Exception as exc:  # the last guard of a promise; the fuzz tests hunt what hits it
        return Report((internal_error(exc),))


def _validate(source: Any) -> Report:
    if isinstance(source, Demande):
        return Report(tuple(rules.check(source)), source)
    parsed = _jsontext.load(source)
    if not parsed.ok:
        return Report(parsed.problems)
    value, syntax = parsed.value, parsed.problems
    items = value.get("entitesJuridiques") if isinstance(value, Mapping) else None
    anchors = (
        [pointer("entitesJuridiques", i) for i in range(len(items))]
        if isinstance(items, list)
        else []
    )
    changed = normalise.warnings(value, normalise.ENVELOPE_TEXTS) + [
        warning
        for i, item in enumerate(items if isinstance(items, list) else [])
        for warning in normalise.warnings(item, normalise.BLOCK_TEXTS, ("entitesJuridiques", i))
    ]
    try:
        demande = from_json_value(value)
    except InvalidDocument as exc:
        structure = exc.problems
        found = rules.check_parts(*_readable_parts(value, anchors, structure))
        problems = with_warnings([*syntax, *structure, *not_under(found, structure)], changed)
        return Report(ordered(problems, anchors))
    found = with_warnings([*syntax, *rules.check(demande)], changed)
    return Report(ordered(found, anchors), None if syntax else demande)


def with_warnings(problems: list[Problem], warnings: list[Problem]) -> list[Problem]:
    """``problems`` and those ``warnings`` that stand where no problem does."""
    taken = {problem.path for problem in problems}
    return problems + [warning for warning in warnings if warning.path not in taken]


def validate_file(
    path: str | os.PathLike[str],
    check: Callable[[bytes], Report] | None = None,
    *,
    max_size: int = MAX_SIZE,
) -> Report:
    """`validate()` the file at ``path`` (or apply ``check`` to its bytes,
    e.g. `validate_embedded()`).

    A file that cannot be read — missing, a folder, not a regular file (a FIFO,
    a device), larger than ``max_size`` bytes (64 MiB by default) — is a
    ``file.unreadable`` problem, not an exception.
    """
    data = read_file(path, max_size)
    if isinstance(data, Problem):
        return Report((data,))
    return (check or validate)(data)


def _readable_parts(
    value: Any, anchors: Sequence[str], structure: Sequence[Problem]
) -> tuple[rules.RequestContext | None, list[tuple[str, EntiteJuridique]]]:
    """What is known of the request and the entities that can be read."""
    if not isinstance(value, Mapping):
        return None, []
    groups = by_anchor(structure, set(anchors))
    envelope = read_leniently({**value, "entitesJuridiques": []}, Demande, groups.get(None, []), "")
    context = None if envelope is None else rules.RequestContext.of(envelope)
    entites = []
    for here, item in zip(anchors, value["entitesJuridiques"] if anchors else [], strict=True):
        entite = read_leniently(item, EntiteJuridique, groups.get(here, []), here)
        if entite is not None:
            entites.append((here, entite))
    return context, entites
