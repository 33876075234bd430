"""Writing changed blocks back into an editor's own document, every other byte as it
was: other keys, their order, their values and their formatting (docs:
embedded.md#replacing-blocks).

```pycon
>>> from segur_certificats.model import AdministrateurTechnique, EntiteJuridique
>>> text = ('{"dossier": {"montant": 1500.10, '
...         '"entites": [{"finessJuridique": "330058066", "x": 1}]}}')
>>> entite = EntiteJuridique(finess_juridique="330058066",
...     administrateur=AdministrateurTechnique(nom="STU"))
>>> print(replace_blocks(text, {"/dossier/entites/0": entite}))  # doctest: +NORMALIZE_WHITESPACE
{"dossier": {"montant": 1500.10, "entites": [{"finessJuridique": "330058066",
 "demandeCertificatServeur": true, "contracutualisationOG": null, "StatutAdminTechnique": null,
 "contractualisationEditeur": null, "certificatServeur": {"numeroCarteCPX": null,
 "nomAdminTechnique": "STU", "telAdminTechnique": null, "emailAdminTechnique": null,
 "utiliteCertificat": null}, "x": 1}]}}

```
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, overload

from segur_certificats import finess
from segur_certificats._codec import jsontext
from segur_certificats._codec.spans import Member, locate_members
from segur_certificats._codec.splice import (
    Edit,
    Style,
    apply,
    document_style,
    member_style,
    object_edits,
    style_of,
    value_edits,
)
from segur_certificats._embedded.validate import read_block
from segur_certificats._problems.arguments import of_type
from segur_certificats._problems.errors import BlockRefused, EditRefused, InvalidDocument
from segur_certificats._problems.pointer import anchor_of, split_pointer
from segur_certificats._problems.problem import Problem
from segur_certificats._problems.shown import show_value
from segur_certificats._vocabulary.keys import (
    BLOCK_KEYS,
    CERTIFICAT_KEYS,
    CERTIFICAT_SERVEUR,
    DATE_DEPOT,
    DATE_MODIFICATION,
    FINESS_JURIDIQUE,
)
from segur_certificats.model import EntiteJuridique, RequestContext
from segur_certificats.rules import modification_refused
from segur_certificats.serialize import converter

__all__ = ["replace_blocks"]

_CERTIFICAT_KEYS = frozenset(key.json for key in CERTIFICAT_KEYS)
_INDEX = re.compile(r"0|[1-9][0-9]*")
_TILDE = re.compile("~(?![01])")
_FINESS, _CERT = FINESS_JURIDIQUE.json, CERTIFICAT_SERVEUR.json
_MODIFIED = DATE_MODIFICATION.json
_DATES = ([_MODIFIED], [DATE_DEPOT.json])
"""Where a request's envelope holds its dates (`_dated`)."""
_SPACE = re.compile(r"[ \t\r\n]*")


def _block_at(value: Any, parts: list[str]) -> Mapping[str, Any] | None:
    """The legal entity at these pointer parts, when `find_entities()` lists one
    there: an object holding ``finessJuridique``, not inside another entity's
    block. Array indexes are read strictly (``0`` or ``[1-9][0-9]*``)."""
    node = value
    for part in parts:
        if type(node) is dict or isinstance(node, Mapping):  # a parsed object: no ABC asked
            if (_FINESS in node and part in BLOCK_KEYS) or part not in node:
                return None
            node = node[part]
        elif isinstance(node, list) and _INDEX.fullmatch(part) and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node if (type(node) is dict or isinstance(node, Mapping)) and _FINESS in node else None


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
    if "~" in path and _TILDE.search(path):
        raise BlockRefused(
            "block.pointer",
            pointer=show_value(path),
            reason="« ~ » s'écrit ~0, et « / » dans une clé ~1",
            reason_en='"~" is written ~0, and "/" in a key ~1',
        )
    entity = _block_at(value, split_pointer(path))
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
    old = entity.get(_CERT)
    if new[_CERT] is None and isinstance(old, Mapping):
        foreign = [key for key in old if key not in _CERTIFICAT_KEYS]
        if foreign:
            keys = ", ".join(show_value(key) for key in foreign)
            raise BlockRefused("block.unknown-keys", pointer=show_value(path), keys=keys)


@overload
def replace_blocks(
    text: str, blocks: Mapping[str, EntiteJuridique], *, context: RequestContext | None = None
) -> str: ...
@overload
def replace_blocks(
    text: bytes, blocks: Mapping[str, EntiteJuridique], *, context: RequestContext | None = None
) -> bytes: ...
def replace_blocks(
    text: str | bytes,
    blocks: Mapping[str, EntiteJuridique],
    *,
    context: RequestContext | None = None,
) -> str | bytes:
    """Write changed blocks into an editor's document, every other byte unchanged.

    ``text`` is the document as ``str`` or UTF-8 ``bytes`` (the result has the
    same type; a leading byte-order mark is kept). ``blocks`` maps the JSON
    Pointer of a legal entity's object, as `Block.path` gives it, to its new
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

    ``context`` says what the document is, when its caller knows: a document
    whose status is known and is not "A modifier", or whose administrators block
    the gestionnaire validated, is read-only — `EditRefused` (``edit.read-only``,
    ``edit.validated``), as `segur_certificats.edit` refuses it, before anything
    is written (docs: editing.md#who-may-change). Its dates are the editor's to
    write.
    """
    if context is not None:
        refused = modification_refused(of_type("context", context, RequestContext))
        if refused is not None:
            raise EditRefused(refused.code, **refused.params)
    if isinstance(text, bytes):
        decoded = jsontext.decode(text)
        if isinstance(decoded, Problem):
            raise InvalidDocument([decoded])
        bom = "\ufeff" if text.startswith(codecs.BOM_UTF8) else ""
        return (bom + replace_blocks(decoded, blocks)).encode("utf-8")
    of_type("text", text, str)
    bom, body = ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)
    parsed = jsontext.parse(body)
    if not parsed.ok:
        raise InvalidDocument(parsed.problems)
    return bom + _replaced(body, parsed.value, blocks, None)


def replace_parsed(
    text: str | bytes,
    parsed: jsontext.Parsed,
    blocks: Mapping[str, EntiteJuridique],
    read: Mapping[str, EntiteJuridique | None],
    *,
    dated: _dt.date | None = None,
) -> str | bytes:
    """`replace_blocks` of a document its caller has parsed and read already: the
    same result and the same refusals, without parsing the text again nor reading
    its blocks again (the sheets write a request's blocks so, docs:
    sheets.md#reading).

    ``parsed`` is ``jsontext.parse(text)``, read without a problem; ``read`` gives
    each block's entity as `read_block` reads it, by pointer (a pointer it lacks
    is read here). ``dated``: the document is a request's envelope, modified on
    that day — its ``dateModification`` is written, after ``dateDepot`` when it
    has none (docs: editing.md#dated)."""
    if not parsed.ok or parsed.text is None:
        raise InvalidDocument(parsed.problems)
    if isinstance(text, bytes):
        bom = codecs.BOM_UTF8 if text.startswith(codecs.BOM_UTF8) else b""
        return bom + _replaced(parsed.text, parsed.value, blocks, read, dated).encode("utf-8")
    bom_text = "\ufeff" if text.startswith("\ufeff") else ""
    return bom_text + _replaced(parsed.text, parsed.value, blocks, read, dated)


def _replaced(
    body: str,
    value: Any,
    blocks: Mapping[str, EntiteJuridique],
    read: Mapping[str, EntiteJuridique | None] | None,
    dated: _dt.date | None = None,
) -> str:
    """``body`` (parsed as ``value``) with ``blocks`` written, every check made first;
    ``read``: the entities its blocks read as, when the caller knows them;
    ``dated``: the envelope's new ``dateModification``."""
    entities: dict[str, Mapping[str, Any]] = {}
    for path in blocks:
        where, entity = _check_pointer(path, value)
        entities[where] = entity
    _check_apart(entities)
    changed: dict[str, dict[str, Any]] = {}
    for path, entite in blocks.items():
        if not isinstance(entite, EntiteJuridique):  # its name shown only when refused
            of_type(f"blocks[{show_value(path)}]", entite, EntiteJuridique)
        entity = entities[path]
        number = entity[_FINESS]
        # The FINESS juridique as the model reads it: compact, or none when not text.
        if (finess.compact(number) if isinstance(number, str) else None) != entite.finess_juridique:
            raise BlockRefused(
                "block.finess-fixed",
                pointer=show_value(path),
                value=show_value(number),
                finess=show_value(entite.finess_juridique),
            )
        before = read[path] if read is not None and path in read else read_block(path, entity)
        if not before == entite:  # noqa: SIM201 - `==` alone: attrs' `!=` calls it
            changed[path] = converter.unstructure(entite)
            _certificat_kept(path, entity, changed[path])
    # Every check is made: now the spans of the blocks that change, in one walk
    # (and of the envelope's dates, when the request is dated).
    edits: list[Edit] = []
    document = document_style(body)
    paths = [split_pointer(path) for path in changed]
    found = locate_members(body, [*paths, *_DATES] if dated is not None else paths)
    if dated is not None:
        edits += _dated(body, found[-2], found[-1], dated.isoformat(), document)
    nodes = (None if member is None else member.value for member in found[: len(paths)])
    for node, new in zip(nodes, changed.values(), strict=True):
        anchor = node.member(_FINESS) if node else None
        if node is None or anchor is None:  # pragma: no cover - found by block_at
            raise BlockRefused("block.not-found", pointer="?")
        style = style_of(body, node, document)
        edits += object_edits(body, node, new, BLOCK_KEYS, style, after=anchor)
    return apply(body, edits)


def _dated(
    body: str, modified: Member | None, depot: Member | None, day: str, document: Style
) -> list[Edit]:
    """The edit that sets the envelope's ``dateModification`` to ``day``: its value
    replaced, or the member written after ``dateDepot`` in the envelope's layout."""
    if modified is not None:
        return value_edits(body, modified.value, day, document)
    opening = _SPACE.match(body).end()  # type: ignore[union-attr] # always matches
    if depot is None:  # pragma: no cover - a request read by the converter has dateDepot
        return [(opening + 1, opening + 1, document.before(_MODIFIED, day))]
    style = member_style(body, opening, depot, document)
    return [(depot.value.end, depot.value.end, style.after(_MODIFIED, day))]
