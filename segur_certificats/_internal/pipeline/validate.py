"""The one entry point editors call before sending a request: `validate()`; and
`loads()`, which reads a request into the model (docs: validating.md).

Both take the request through the one pipeline (`segur_certificats._internal.pipeline.source`):
`validate()` with every rule, `loads()` with the structure only.

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
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from segur_certificats._internal.codec.entities import find_entities
from segur_certificats._internal.codec.files import MAX_SIZE, File
from segur_certificats._internal.codec.reader import Reading
from segur_certificats._internal.pipeline.json_source import JsonSource
from segur_certificats._internal.pipeline.report import Report
from segur_certificats._internal.pipeline.source import Entities
from segur_certificats._internal.problems.errors import InvalidDocument
from segur_certificats._internal.problems.problem import Problem, Severity
from segur_certificats._internal.vocabulary.keys import ENVELOPPE
from segur_certificats.model import Demande

__all__ = ["loads", "validate", "validate_file"]


class _Request(JsonSource[Report]):
    """A request envelope (docs: format.md#envelope): JSON text or bytes, a parsed
    object, a file, or a `Demande` built in Python (judged at the JSON it is
    written as)."""

    fields: dict[str, Any] | None = None

    def values(self, reading: Reading) -> Sequence[tuple[str, Any]]:
        if isinstance(self.source, Demande):
            # The JSON it is written as; the writer (cattrs) is imported when needed.
            from segur_certificats.serialize import to_json_value  # noqa: PLC0415

            value: Any = to_json_value(self.source)
        else:
            parsed = self.document(reading)
            if parsed is None:
                return []
            value = parsed.value
        self.context, entities, self.fields = reading.envelope(value)
        if isinstance(value, Mapping) and _ENTITIES not in value:
            _editor_hint(value, reading)
        return entities

    def report(self, problems: tuple[Problem, ...], entities: Entities, reading: Reading) -> Report:
        demande = None
        if self.fields is not None and not reading.problems:  # every value read as written
            entites = [entite for _, entite in entities if entite is not None]
            demande = Demande(**self.fields, entites_juridiques=entites)
        return Report(problems, demande)

    def failed(self, problem: Problem) -> Report:
        return Report((problem,))


_ENTITIES = ENVELOPPE["entites_juridiques"]


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


def validate(source: str | bytes | Mapping[str, Any] | Demande | File) -> Report:
    """Check a request document and return every problem found.

    ``source`` is JSON text (``str``), UTF-8 bytes, an already-parsed JSON
    object, or a request built in Python (its problems are located in the
    JSON it would be written as). A problem of a text says where its value
    stands (`Problem.location`). Never raises: should this package fail
    inside, the report holds an ``internal-error`` problem.
    """
    return _Request(source).run()


def loads(source: str | bytes | Mapping[str, Any]) -> Demande:
    """Read a request document (docs: format.md#envelope) from JSON text, UTF-8
    bytes or an already-parsed JSON object.

    Raises `InvalidDocument` listing every structure problem: JSON syntax,
    duplicate keys, types, codes, unknown keys, missing keys. Business rules are
    not applied here (see `validate()`): a draft with a missing name loads.
    """
    report = _Request(source).run(rules=False)
    if report.demande is None or report.errors:
        raise InvalidDocument(report.errors)
    return report.demande


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
