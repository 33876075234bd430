"""The request rows are written into (docs: sheets.md#reading): a request, read
through the converter like every other document, or an editor's own document;
the pointer of each of its legal entities by FINESS juridique; and the request
written back with the rows' blocks, every other byte kept
(`segur_certificats.replace_blocks`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

import attrs

from segur_certificats._codec import jsontext
from segur_certificats._codec.document import locate, parse_document
from segur_certificats._codec.reading import Reading
from segur_certificats._embedded.replace import replace_blocks, replace_parsed
from segur_certificats._embedded.validate import validate_embedded
from segur_certificats._pipeline.validate import read_structure, validate
from segur_certificats._problems.pointer import anchor_of, pointer
from segur_certificats._problems.problem import Problem
from segur_certificats._problems.shown import show_value
from segur_certificats._vocabulary.keys import FINESS_JURIDIQUE
from segur_certificats.model import Demande, EntiteJuridique, RequestContext
from segur_certificats.rules import check_dates, modification_day, modification_refused
from segur_certificats.serialize import converter

__all__ = ["Target", "changed", "read_target"]

_FINESS_PATH = FINESS_JURIDIQUE.path


@attrs.frozen
class Target:
    """The request the rows are written into: its text, the pointer of each of its
    legal entities by FINESS juridique, and what the request-level rules know;
    when it was read as a request, the text parsed and each entity read, so that
    writing the rows back reads nothing twice. Without a request, each row is an
    entity of its own (its pointer: its position)."""

    text: str | bytes | None = None
    pointers: Mapping[str, str] = attrs.field(factory=dict)
    context: RequestContext | None = None
    parsed: jsontext.Parsed | None = None
    read: Mapping[str, EntiteJuridique | None] = attrs.field(factory=dict)
    twins: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """The FINESS juridiques the request holds more than once: every pointer of each."""
    refusals: tuple[Problem, ...] = ()
    """Once `modified`: why the request may not be changed (docs:
    editing.md#who-may-change), or not dated so (docs: validating.md#dates)."""
    dated: _dt.date | None = None
    """Once `modified`: the day written as the request's ``dateModification``."""

    def pointer_of(self, index: int, compact: str | None) -> str | None:
        """Where row ``index`` goes: its entity's pointer, or ``None`` when the
        request has no such FINESS juridique (``compact``: the row's, compact)."""
        if self.text is None:
            return pointer(index)
        return self.pointers.get(compact) if compact else None

    def modified(self, on: _dt.date | None) -> Target:
        """The request as writing changed blocks into it leaves it (docs:
        editing.md#who-may-change, editing.md#dated): dated ``on`` (today unless
        given) — its context, which the request rules judge, and its text, where
        ``dateModification`` is written — and what the rules say of modifying it
        (`refusals`), placed in the request's text, or at the whole document for an
        editor's own (whose context its caller gave, and whose dates are its own)."""
        day = modification_day(on)
        context = attrs.evolve(self.context or RequestContext(), date_modification=day)
        refused = modification_refused(context)
        refusals = [*([refused] if refused is not None else []), *check_dates(context)]
        text = self.parsed.text if self.parsed is not None else None
        if text is None:
            refusals = [problem.moved("", None) for problem in refusals]
        dated = day if self.parsed is not None else None
        return attrs.evolve(
            self, context=context, refusals=tuple(locate(refusals, text)), dated=dated
        )

    def twice(self, number: str) -> list[Problem]:
        """``finess.duplicate`` at each legal entity of the request after the first
        that has FINESS juridique ``number``, placed in the request's text: rows
        cannot say which of them they mean, and writing one would leave the other
        stale (docs: sheets.md#into)."""
        first, *others = self.twins[number]
        params = {"value": show_value(number), "other": first}
        problems = [
            Problem(here + _FINESS_PATH, "finess.duplicate", params=params, variant="twice")
            for here in others
        ]
        return self._placed(problems)

    def _placed(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` placed in the request's text, as its caller gave it."""
        text = self.text.decode("utf-8", "replace") if isinstance(self.text, bytes) else self.text
        return locate(problems, text.removeprefix("\ufeff") if text is not None else None)

    def invalid(self, written: str | bytes, rows: Iterable[str]) -> list[Problem]:
        """The errors of the request as ``written``, judged whole — a request by
        `validate`, an editor's document by `validate_embedded` with the target's
        context — but at the legal entities ``rows`` wrote, whose problems the rows
        said; placed in the text the caller gave (docs: sheets.md#into)."""
        if self.parsed is not None:
            found = validate(written).errors
        else:
            found = validate_embedded(written, self.context).errors
        said = set(rows)
        return self._placed(
            [p.moved(p.path, None) for p in found if anchor_of(p.path, said) is None]
        )

    def written(self, blocks: Mapping[str, EntiteJuridique]) -> str | bytes:
        """The request with ``blocks`` written (`replace_blocks`): only those that
        differ from the request's entity at their pointer (`changed`); dated when
        `modified`."""
        assert self.text is not None
        if self.parsed is None:  # an editor's own document: its dates are the editor's
            return replace_blocks(self.text, blocks)
        return replace_parsed(
            self.text, self.parsed, changed(blocks, self.read), self.read, dated=self.dated
        )


def changed(
    blocks: Mapping[str, EntiteJuridique], read: Mapping[str, EntiteJuridique | None]
) -> Mapping[str, EntiteJuridique]:
    """The blocks that differ from the request's entity at their pointer: writing the
    others changes no byte and refuses nothing (each pointer names an entity of the
    request by its FINESS juridique, which a block equal to it keeps). A test holds
    writing these alone to writing every block."""
    return {where: entite for where, entite in blocks.items() if read.get(where) != entite}


def _pointers(
    read: Mapping[str, EntiteJuridique | None],
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Each FINESS juridique's first legal entity; and, for a FINESS juridique the
    request holds more than once, the pointers of all of them."""
    pointers: dict[str, str] = {}
    twins: dict[str, tuple[str, ...]] = {}
    for here, entite in read.items():
        number = entite.finess_juridique if entite is not None else None
        if not number:
            continue
        first = pointers.setdefault(number, here)
        if first != here:
            twins[number] = (*twins.get(number, (first,)), here)
    return pointers, twins


def _request(into: str | bytes) -> Target | None:
    """``into`` read as a request by the converter, as `loads` reads it — no business
    rule — or ``None`` where it is not one that `loads` would take."""
    reading = Reading()  # the parsed text is kept: the blocks are written back into it
    parsed = parse_document(into, reading)
    if parsed is None or reading.problems:
        return None
    with reading.open():
        demande = converter.structure(parsed.value, Demande)
    if demande is None or reading.problems:
        return None
    read = dict(reading.entities)
    pointers, twins = _pointers(read)
    return Target(into, pointers, reading.context, parsed, read, twins)


def read_target(
    into: str | bytes | None, embedded: bool, context: RequestContext | None
) -> Target | tuple[Problem, ...]:
    """The request the rows go into — a request, or with ``embedded`` an editor's own
    document — or the problems that keep it from being read: a request whose
    structure is wrong is not written into (its problems are those `loads` raises)."""
    if into is None:
        return Target(context=context)
    if not embedded:
        request = _request(into)  # an envelope read once: its entities and what it is
        if request is not None:
            return request
        return read_structure(into).problems
    found = validate_embedded(into)
    if not found.blocks and found.errors:
        return found.errors
    read = {block.path: block.entite for block in found.blocks}
    pointers, twins = _pointers(read)
    return Target(into, pointers, context, read=read, twins=twins)
