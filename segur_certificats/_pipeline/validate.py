"""The one entry point editors call before sending a request: `validate()` (docs:
validating.md).

It takes the request through the one pipeline (`segur_certificats._pipeline.source`),
read by the converter (`segur_certificats.serialize`) and judged by every rule.

```pycon
>>> report = validate(open("examples/ms1-plusieurs-entites.json").read())
>>> report.ok, len(report.demande.commandes)
(True, 6)
>>> report = validate({"typeDemande": "AVANCE", "couloir": "MS1", "dateDepot": "2023-10-02",
...     "entitesJuridiques": [{"finessJuridique": "330058067"}]})
>>> [(p.path, p.code) for p in report.problems]
[('/entitesJuridiques/0/finessJuridique', 'finess.checksum')]
>>> validate('{"couloir": "MS1",\\n "typeDemande": "AVENCE"}').problems[0].location
Position(line=2, column=2)

```
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from segur_certificats._codec.files import MAX_SIZE, File
from segur_certificats._codec.find import find_entities
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.json_source import JsonSource
from segur_certificats._pipeline.report import Report
from segur_certificats._pipeline.source import Entities
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._vocabulary.keys import ENTITES_JURIDIQUES
from segur_certificats.model import Demande
from segur_certificats.serialize import converter

__all__ = ["read_structure", "validate", "validate_file"]


class _Request(JsonSource[Report]):
    """A request envelope (docs: format.md#envelope): JSON text or bytes, a parsed
    object, a file, or a `Demande` built in Python (judged at the JSON it is
    written as)."""

    demande: Demande | None = None
    envelope = True

    def read_into(self, reading: Reading) -> None:
        if isinstance(self.source, Demande):
            value: Any = converter.unstructure(self.source)  # the JSON it is written as
            reading.release = True
        else:
            parsed = self.document(reading)
            if parsed is None:
                return
            value = parsed.value
        self.demande = converter.structure(value, Demande)
        self.context = reading.context
        if isinstance(value, Mapping) and _ENTITIES not in value:
            _editor_hint(value, reading)

    def report(self, problems: tuple[Problem, ...], entities: Entities, reading: Reading) -> Report:
        # The request when every value was read as written.
        return Report(problems, None if reading.problems else self.demande)

    def failed(self, problem: Problem) -> Report:
        return Report((problem,))


_ENTITIES = ENTITES_JURIDIQUES.json


def _editor_hint(value: Mapping[str, Any], reading: Reading) -> None:
    """One warning when a document without entitesJuridiques holds legal entities
    elsewhere: it is likely an editor's own document (docs: embedded.md)."""
    found = [path for path, _ in find_entities(value)]
    if found:
        reading.problems.append(
            Problem(
                "",
                "document.embedded",
                Severity.WARNING,
                params={"count": len(found), "first": found[0] or "/"},
            )
        )


def validate(
    source: str | bytes | Mapping[str, Any] | Demande | File, *, max_problems: int | None = None
) -> Report:
    """Check a request document and return every problem found — or, with
    ``max_problems``, the first found, every problem counted in `Report.tally`
    (docs: serve.md#bounded-answers).

    ``source`` is JSON text (``str``), UTF-8 bytes, an already-parsed JSON
    object, or a request built in Python (its problems are located in the
    JSON it would be written as). A problem of a text says where its value
    stands (`Problem.location`). Never raises: should this package fail
    inside, the report holds an ``internal-error`` problem.
    """
    return _Request(source).run(max_problems=max_problems)


def read_structure(source: Any) -> Report:
    """The request read without the business rules: the problems `loads` raises, and
    the hints a reading gives (an editor's own document named as such)."""
    return _Request(source).run(rules=False)


def validate_file(
    path: str | os.PathLike[str],
    check: Callable[[File], Report] | None = None,
    *,
    max_size: int = MAX_SIZE,
) -> Report:
    """`validate()` the file at ``path`` (``"-"``: standard input), or apply
    ``check`` to it — `validate_embedded()` with its context, say.

    A file that cannot be read — missing, a folder, not a regular file (a FIFO,
    a device), larger than ``max_size`` bytes (64 MiB by default) — is a
    ``file.unreadable`` problem, not an exception.
    """
    return (check or validate)(File(path, max_size))
