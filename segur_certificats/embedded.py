"""Certificate blocks inside an editor's own document (docs: embedded.md).

Editors already produce the full ASP JSON, with many keys this SDK does not
know. Here every object holding a ``finessJuridique`` is a legal entity,
wherever it stands; its block (docs: format.md#block) is read and checked with paths into
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

import codecs
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, overload

import attrs

from segur_certificats import _jsontext, finess, normalise, rules
from segur_certificats._arguments import of_type
from segur_certificats._partial import not_under, ordered, read_leniently
from segur_certificats._spans import locate
from segur_certificats._splice import Edit, apply, document_style, object_edits, style_of
from segur_certificats.errors import BlockRefused, InvalidDocument
from segur_certificats.model import EntiteJuridique
from segur_certificats.names import BLOCK_KEYS, CERTIFICAT
from segur_certificats.problems import (
    Problem,
    Severity,
    anchor_of,
    pointer,
    show_value,
    split_pointer,
)
from segur_certificats.report import Report, internal_error, with_warnings
from segur_certificats.serialize import converter, problems_of, unknown_key

__all__ = [
    "BLOCK_KEYS",
    "Bloc",
    "EmbeddedReport",
    "block_at",
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


# The converter's hook for an entity, looked up once rather than for every entity.
_STRUCTURE_ENTITE = converter.get_structure_hook(EntiteJuridique)


def _read(here: str, entity: Mapping[str, Any]) -> tuple[EntiteJuridique | None, list[Problem]]:
    own = _own(entity)
    try:
        return _STRUCTURE_ENTITE(own, EntiteJuridique), []
    except Exception as exc:
        structure = list(problems_of(exc, own, tuple(split_pointer(here))))
        return read_leniently(own, EntiteJuridique, structure, here), structure


def validate_embedded(
    source: str | bytes | Mapping[str, Any] | list[Any],
    context: rules.RequestContext | None = None,
) -> EmbeddedReport:
    """Check every certificate block of an editor's document.

    ``source`` is JSON text, UTF-8 bytes, or the parsed document (an object or
    an array). The request-level rules (docs:
    validating.md#request-rules) run only as far as ``context`` says what the request is; the other
    rules, one order per FINESS juridique included, always run. Never raises: should this package
    fail inside, the report holds an ``internal-error`` problem.
    """
    try:
        return _validate_embedded(source, context)
    except Exception as exc:  # the last guard of a promise; the fuzz tests hunt what hits it
        return EmbeddedReport((internal_error(exc),))


def _validate_embedded(source: Any, context: rules.RequestContext | None) -> EmbeddedReport:
    parsed = _jsontext.load(source)
    if not parsed.ok:
        return EmbeddedReport(parsed.problems)
    value, syntax = parsed.value, parsed.problems
    blocs: list[Bloc] = []
    structure: list[Problem] = []
    changed: list[Problem] = []
    for here, entity in find_entities(value):
        entite, problems = _read(here, entity)
        blocs.append(Bloc(here, entite))
        structure += problems + _near_misses(here, entity)
        place = tuple(split_pointer(here))
        changed += normalise.warnings(entity, normalise.BLOCK_TEXTS, place)
    readable = [(b.path, b.entite) for b in blocs if b.entite is not None]
    found = not_under(rules.check_parts(context, readable), structure)
    anchors = [b.path for b in blocs]
    problems = with_warnings([*syntax, *structure, *found], changed)
    return EmbeddedReport(ordered(problems, anchors), blocs=tuple(blocs))


# -- Writing blocks back ------------------------------------------------------------------


_INDEX = re.compile(r"0|[1-9][0-9]*")


def block_at(value: Any, parts: list[str]) -> Mapping[str, Any] | None:
    """The legal entity at these pointer parts, when `find_entities()` lists one
    there: an object holding ``finessJuridique``, not inside another entity's
    block. Array indexes are read strictly (``0`` or ``[1-9][0-9]*``)."""
    node = value
    for part in parts:
        if isinstance(node, Mapping):
            if ("finessJuridique" in node and part in BLOCK_KEYS) or part not in node:
                return None
            node = node[part]
        elif isinstance(node, list) and _INDEX.fullmatch(part) and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node if isinstance(node, Mapping) and "finessJuridique" in node else None


def _check_pointer(path: object, value: Any) -> tuple[str, Mapping[str, Any]]:
    """``path`` and its entity when it names a block of the document, else `BlockRefused`."""
    path = of_type("pointer", path, str)
    if path and not path.startswith("/"):
        raise BlockRefused(
            "block.pointer",
            pointer=show_value(path),
            reason="il doit être vide ou commencer par « / »",
            reason_en='it must be empty or start with "/"',
        )
    if re.search("~(?![01])", path):
        raise BlockRefused(
            "block.pointer",
            pointer=show_value(path),
            reason="« ~ » s'écrit ~0, et « / » dans une clé ~1",
            reason_en='"~" is written ~0, and "/" in a key ~1',
        )
    entity = block_at(value, split_pointer(path))
    if entity is None:
        raise BlockRefused("block.not-found", pointer=show_value(path))
    return path, entity


def _check_apart(paths: Iterable[str]) -> None:
    """`BlockRefused` when a pointer names an object inside another's."""
    given = set(paths)
    for path in given:
        outer = anchor_of(path, given)
        if outer is not None and outer != path:
            raise BlockRefused("block.overlap", pointer=show_value(outer), other=show_value(path))


def _certificat_kept(path: str, entity: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """`BlockRefused` when writing ``certificatServeur`` as null would lose keys the
    SDK does not own."""
    old = entity.get("certificatServeur")
    if new["certificatServeur"] is None and isinstance(old, Mapping):
        foreign = [key for key in old if key not in CERTIFICAT_KEYS]
        if foreign:
            keys = ", ".join(show_value(key) for key in foreign)
            raise BlockRefused("block.unknown-keys", pointer=show_value(path), keys=keys)


@overload
def replace_blocks(text: str, blocks: Mapping[str, EntiteJuridique]) -> str: ...
@overload
def replace_blocks(text: bytes, blocks: Mapping[str, EntiteJuridique]) -> bytes: ...
def replace_blocks(text: str | bytes, blocks: Mapping[str, EntiteJuridique]) -> str | bytes:
    """Write changed blocks into an editor's document, every other byte unchanged.

    ``text`` is the document as ``str`` or UTF-8 ``bytes`` (the result has the
    same type; a leading byte-order mark is kept). ``blocks`` maps the JSON
    Pointer of a legal entity's object, as `Bloc.path` gives it, to its new
    value. A block that reads the same as the new value is not touched; in a
    changed block only the values the SDK owns are written: keys it lacks are
    added after ``finessJuridique`` (in the null form, docs: format.md#no-order, when it
    orders nothing), and keys it does not know stay where they are. New text
    follows the document's indentation and line ends.

    Raises `InvalidDocument` when the text is not JSON, and, before anything is
    written, `BlockRefused` when a pointer is not an RFC 6901 pointer to a
    block, when two pointers name the same or nested objects, when a block
    would change its FINESS juridique, or when writing it would lose keys the
    SDK does not know; `InvalidArgument` when a value is not an `EntiteJuridique`.
    """
    if isinstance(text, bytes):
        decoded = _jsontext.decode(text)
        if isinstance(decoded, Problem):
            raise InvalidDocument([decoded])
        bom = "\ufeff" if text.startswith(codecs.BOM_UTF8) else ""
        return (bom + replace_blocks(decoded, blocks)).encode("utf-8")
    of_type("text", text, str)
    bom, body = ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)
    parsed = _jsontext.parse(body)
    if not parsed.ok:
        raise InvalidDocument(parsed.problems)
    entities: dict[str, Mapping[str, Any]] = {}
    for path in blocks:
        where, entity = _check_pointer(path, parsed.value)
        entities[where] = entity
    _check_apart(entities)
    changed: dict[str, dict[str, Any]] = {}
    for path, entite in blocks.items():
        of_type(f"blocks[{show_value(path)}]", entite, EntiteJuridique)
        entity = entities[path]
        number = entity["finessJuridique"]
        # The FINESS juridique as the model reads it: compact, or none when not text.
        if (finess.compact(number) if isinstance(number, str) else None) != entite.finess_juridique:
            raise BlockRefused(
                "block.finess-fixed",
                pointer=show_value(path),
                value=show_value(number),
                finess=show_value(entite.finess_juridique),
            )
        current, _ = _read(path, entity)
        if current != entite:
            changed[path] = converter.unstructure(entite)
            _certificat_kept(path, entity, changed[path])
    # Every check is made: now the spans of the blocks that change, in one walk.
    edits: list[Edit] = []
    document = document_style(body)
    nodes = locate(body, [split_pointer(path) for path in changed])
    for node, new in zip(nodes, changed.values(), strict=True):
        anchor = node.member("finessJuridique") if node else None
        if node is None or anchor is None:  # pragma: no cover - found by block_at
            raise BlockRefused("block.not-found", pointer="?")
        style = style_of(body, node, document)
        edits += object_edits(body, node, new, BLOCK_KEYS, style, after=anchor)
    return bom + apply(body, edits)
