"""Certificate blocks inside an editor's own document (SPEC §8, second paragraph).

Editors already produce the full ASP JSON, with many keys this SDK does not
know. Here every object holding a ``finessJuridique`` is a legal entity,
wherever it stands; its block (R-JSON-1) is read and checked with paths into
*that* document, and a changed block is written back leaving every other
byte as it was: other keys, their order, their values and their formatting.

```pycon
>>> from segur_certificats import AdministrateurTechnique
>>> text = ('{"dossier": {"montant": 1500.10, '
...         '"entites": [{"finessJuridique": "330058066", "x": 1}]}}')
>>> report = validate_embedded(text)
>>> [(b.path, b.entite.demande_certificat_serveur) for b in report.blocs]
[('/dossier/entites/0', False)]
>>> print(replace_blocks(text, {"/dossier/entites/0": report.blocs[0].entite.evolve(
...     administrateur=AdministrateurTechnique(nom="STU"))}))  # doctest: +NORMALIZE_WHITESPACE
{"dossier": {"montant": 1500.10, "entites": [{"finessJuridique": "330058066",
 "demandeCertificatServeur": true, "contracutualisationOG": null, "StatutAdminTechnique": null,
 "contractualisationEditeur": null, "certificatServeur": {"numeroCarteCPX": null,
 "nomAdminTechnique": "STU", "telAdminTechnique": null, "emailAdminTechnique": null,
 "utiliteCertificat": null}, "x": 1}]}}

```
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from segur_certificats import _jsontext, finess, rules
from segur_certificats._jsontext import DECODER
from segur_certificats._partial import not_under, ordered, read_leniently
from segur_certificats._spans import Node, find, line_indent, scan
from segur_certificats.errors import InvalidDocument
from segur_certificats.model import EntiteJuridique
from segur_certificats.names import BLOCK_KEYS, CERTIFICAT
from segur_certificats.problems import Problem, Severity, child, pointer, split_pointer
from segur_certificats.serialize import converter, problems_of, unknown_key
from segur_certificats.validate import Report

__all__ = [
    "BLOCK_KEYS",
    "Bloc",
    "EmbeddedReport",
    "find_entities",
    "replace_blocks",
    "validate_embedded",
]

_OWN_KEYS = ("finessJuridique", *BLOCK_KEYS)
# An editor's entity object may hold any key of its own, but not these.
CERTIFICAT_KEYS = frozenset(CERTIFICAT.values())


@attrs.frozen
class Bloc:
    """A legal entity found in the document: where, and what it orders."""

    #: JSON Pointer of the entity's object in the document.
    path: str
    #: The entity and its order; ``None`` when its block could not be read.
    entite: EntiteJuridique | None


@attrs.frozen
class EmbeddedReport(Report):
    """A `Report` with the blocks found."""

    blocs: tuple[Bloc, ...] = ()


def find_entities(value: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every object holding ``finessJuridique`` in a parsed JSON value, in document order."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Mapping):
            if "finessJuridique" in node:
                yield pointer(*path), node
            children = [(v, (*path, k)) for k, v in node.items() if k not in BLOCK_KEYS]
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(reversed([(v, (*path, i)) for i, v in enumerate(node)]))


def _own(entity: Mapping[str, Any]) -> dict[str, Any]:
    return {key: entity[key] for key in _OWN_KEYS if key in entity}


def _near_misses(here: str, entity: Mapping[str, Any]) -> list[Problem]:
    """Keys of the editor's object that look like misspelt block keys (warnings)."""
    problems = []
    for key in entity:
        if key in _OWN_KEYS or not isinstance(key, str):
            continue
        problem = unknown_key(
            here + pointer(key),
            key,
            BLOCK_KEYS,
            elsewhere=CERTIFICAT_KEYS,
            cutoff=0.85,
            severity=Severity.WARNING,
        )
        if problem.variant is not None:
            problems.append(problem)
    return problems


def _read(here: str, entity: Mapping[str, Any]) -> tuple[EntiteJuridique | None, list[Problem]]:
    own = _own(entity)
    try:
        return converter.structure(own, EntiteJuridique), []
    except Exception as exc:
        structure = list(problems_of(exc, own, tuple(split_pointer(here))))
        return read_leniently(own, EntiteJuridique, structure, here), structure


def validate_embedded(
    source: str | bytes | Any, context: rules.RequestContext | None = None
) -> EmbeddedReport:
    """Check every certificate block of an editor's document.

    ``source`` is JSON text, bytes or a parsed value. The request-level rules
    (R-REQ-1, R-REQ-3) run only as far as ``context`` says what the request
    is; the other rules, R-REQ-2 included, always run. Never raises on bad input.
    """
    parsed = _jsontext.load(source)
    if not parsed.ok:
        return EmbeddedReport(parsed.problems)
    value, syntax = parsed.value, parsed.problems
    blocs: list[Bloc] = []
    structure: list[Problem] = []
    for here, entity in find_entities(value):
        entite, problems = _read(here, entity)
        blocs.append(Bloc(here, entite))
        structure += problems + _near_misses(here, entity)
    readable = [(b.path, b.entite) for b in blocs if b.entite is not None]
    found = not_under(rules.check_parts(context, readable), structure)
    anchors = [b.path for b in blocs]
    return EmbeddedReport(ordered([*syntax, *structure, *found], anchors), blocs=tuple(blocs))


# -- Writing blocks back ------------------------------------------------------------------


@attrs.frozen
class _Style:
    """How the entity's object is laid out, so that new text looks like the old."""

    multiline: bool
    indent: str
    unit: str
    colon: str
    ascii_only: bool

    @property
    def comma(self) -> str:
        return ", " if self.colon == ": " else ","

    def render(self, value: Any) -> str:
        if self.multiline:
            text = json.dumps(value, ensure_ascii=self.ascii_only, indent=self.unit or None)
            return text.replace("\n", "\n" + self.indent)
        return json.dumps(value, ensure_ascii=self.ascii_only, separators=(self.comma, self.colon))

    def member(self, key: str, value: Any) -> str:
        """A new member, written to follow an existing one."""
        head = ",\n" + self.indent if self.multiline else self.comma
        return (
            head + json.dumps(key, ensure_ascii=self.ascii_only) + self.colon + self.render(value)
        )


def _style(text: str, node: Node) -> _Style:
    anchor = node.members[0]
    finess_member = node.member("finessJuridique") or anchor
    _, key_end = DECODER.raw_decode(text, finess_member.start)
    multiline = "\n" in text[node.start : anchor.start]
    indent = line_indent(text, finess_member.start) if multiline else ""
    outer = line_indent(text, node.start)
    unit = indent[len(outer) :] if multiline and indent.startswith(outer) else "  "
    after_colon = text[key_end : finess_member.value.start].partition(":")[2]
    colon = ": " if after_colon.startswith(" ") else ":"
    return _Style(multiline, indent, unit, colon, text.isascii())


def _edits(text: str, node: Node, new: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """Replacements ``(start, end, text)`` that make the entity's block ``new``."""
    style = _style(text, node)
    anchor = node.member("finessJuridique")
    assert anchor is not None  # only entities are edited
    edits: list[tuple[int, int, str]] = []
    insert_at, pending = anchor.value.end, ""
    for key in BLOCK_KEYS:
        member = node.member(key)
        if member is None:
            pending += style.member(key, new[key])
            continue
        if pending:
            edits.append((insert_at, insert_at, pending))
            pending = ""
        old = DECODER.decode(text[member.value.start : member.value.end])
        if old != new[key] or type(old) is not type(new[key]):
            edits.append((member.value.start, member.value.end, style.render(new[key])))
        insert_at = member.value.end
    if pending:
        edits.append((insert_at, insert_at, pending))
    return edits


def replace_blocks(text: str, blocks: Mapping[str, EntiteJuridique]) -> str:
    """Write changed blocks into an editor's document, every other byte unchanged.

    ``blocks`` maps the JSON Pointer of a legal entity's object (as in
    `Bloc.path`) to its new value. A block that reads the same as the
    new value is not touched; a changed block is written in full, in the
    explicit form of R-JSON-2 when it orders nothing, after ``finessJuridique``
    for the keys it did not have. The FINESS juridique itself is never changed.

    Raises `InvalidDocument` when the text is
    not JSON, and `ValueError` when a pointer does not name a legal
    entity or names one with another FINESS juridique.
    """
    parsed = _jsontext.parse(text)
    if not parsed.ok:
        raise InvalidDocument(parsed.problems)
    root = scan(text)
    edits: list[tuple[int, int, str]] = []
    for path, entite in blocks.items():
        parts = split_pointer(path)
        entity: Any = parsed.value
        for part in parts:
            entity = child(entity, part)
        node = find(root, parts)
        if node is None or not isinstance(entity, Mapping) or "finessJuridique" not in entity:
            raise ValueError(f"no legal entity (object with finessJuridique) at {path!r}")
        number = entity["finessJuridique"]
        if not isinstance(number, str) or finess.compact(number) != (entite.finess_juridique or ""):
            raise ValueError(
                f"the entity at {path!r} is FINESS juridique {number!r}, "
                f"not {entite.finess_juridique!r}: a FINESS juridique is never changed"
            )
        current, _ = _read(path, entity)
        if current != entite:
            edits += _edits(text, node, converter.unstructure(entite))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
