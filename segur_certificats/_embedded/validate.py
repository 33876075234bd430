"""Judging the blocks inside an editor's own document (docs: embedded.md).

Editors already produce the full ASP JSON, with many keys this SDK does not
know. Every legal entity found in it (`segur_certificats._codec.find`) is read
and judged by the one pipeline, with paths into *that* document; the keys of the
editor's own are left alone, but one that looks like a misspelt block key is a
warning.

```pycon
>>> report = validate_embedded('{"dossier": {"entites": [{"finessJuridique": "330058066"}]}}')
>>> [(b.path, b.entite.demande_certificat_serveur) for b in report.blocks]
[('/dossier/entites/0', False)]

```
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from segur_certificats._codec.files import File
from segur_certificats._codec.find import find_entities
from segur_certificats._codec.reading import Reading
from segur_certificats._pipeline.json_source import JsonSource
from segur_certificats._pipeline.report import Report
from segur_certificats._pipeline.source import Entities
from segur_certificats._problems.arguments import of_type
from segur_certificats._problems.problem import Problem
from segur_certificats.model import EntiteJuridique, RequestContext
from segur_certificats.serialize import converter

__all__ = ["Block", "EmbeddedReport", "validate_embedded"]


@attrs.frozen
class Block:
    """A legal entity found in the document: where, and what it orders."""

    path: str
    """JSON Pointer of the entity's object in the document."""
    entite: EntiteJuridique | None
    """The entity and its order (values in error read as null); ``None`` when the
    object cannot be read at all."""


@attrs.frozen
class EmbeddedReport(Report):
    """A `Report` with the blocks found."""

    blocks: tuple[Block, ...] = ()
    """Every legal entity found, in document order."""

    def _entities(self) -> Mapping[str, str | None]:
        return {b.path: b.entite.finess_juridique if b.entite else None for b in self.blocks}


class _Document(JsonSource[EmbeddedReport]):
    """An editor's document: JSON text or bytes, the parsed document, or a file."""

    open_keys = True

    def values(self, reading: Reading) -> Sequence[tuple[str, Any]]:
        parsed = self.document(reading)
        return [] if parsed is None else list(find_entities(parsed.value))

    def report(
        self, problems: tuple[Problem, ...], entities: Entities, reading: Reading
    ) -> EmbeddedReport:
        blocks = tuple(Block(path, entite) for path, entite in entities)
        return EmbeddedReport(problems, blocks=blocks)

    def failed(self, problem: Problem) -> EmbeddedReport:
        return EmbeddedReport((problem,))


def validate_embedded(
    source: str | bytes | Mapping[str, Any] | list[Any] | File,
    context: RequestContext | None = None,
) -> EmbeddedReport:
    """Check every certificate block of an editor's document.

    ``source`` is JSON text, UTF-8 bytes, or the parsed document (an object or
    an array). The request-level rules (docs: validating.md#request-rules) run
    only as far as ``context`` says what the request is; the other rules, one
    order per FINESS juridique included, always run. Never raises: should this
    package fail inside, the report holds an ``internal-error`` problem.
    """
    if context is not None:
        of_type("context", context, RequestContext)
    document = _Document(source)
    document.context = context
    return document.run()


def read_block(path: str, entity: Mapping[str, Any]) -> EntiteJuridique | None:
    """The entity at ``path`` as the pipeline reads it (values in error as null)."""
    reading = Reading(open_keys=True)
    reading.here = path
    with reading.open():
        entite: EntiteJuridique | None = converter.structure(entity, EntiteJuridique)
    return entite
