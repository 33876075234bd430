"""Problems in reading order (docs: problems.md#every-problem-at-once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from segur_certificats._problems.pointer import anchor_of, split_pointer
from segur_certificats._problems.problem import Problem
from segur_certificats._vocabulary.keys import CERTIFICAT_SERVEUR, KEYS, Owner

__all__ = ["ordered", "with_warnings"]

# Each object's keys and their rank in the order the format writes them: a key
# ranks as a key only in its own object (``couloir`` in an entity is unknown there).
_RANKS = {
    owner: {key.json: rank for rank, key in enumerate(KEYS) if key.owner is owner}
    for owner in Owner
}
_CERT = CERTIFICAT_SERVEUR.json
_UNKNOWN = len(KEYS)


def _ranks(parts: Sequence[str], in_entity: bool) -> tuple[int, ...]:
    """The rank of each part of a path below an entity (or the request), each as a
    key of the object it stands in; a part that is not one ranks last."""
    ranks = []
    table: dict[str, int] | None = _RANKS[Owner.ENTITY if in_entity else Owner.ENVELOPE]
    for part in parts:
        ranks.append(table.get(part, _UNKNOWN) if table is not None else _UNKNOWN)
        inside = in_entity and table is _RANKS[Owner.ENTITY] and part == _CERT
        table = _RANKS[Owner.CERTIFICAT] if inside else None
    return tuple(ranks)


# A problem's rank is packed in one integer, one digit per key of its path below its
# entity, when the paths are this shallow (always, but for keys of an editor's own
# nested deep): a sort of many problems then holds one small number for each.
_PACKED_DEPTH = 8
_BASE = _UNKNOWN + 2  # a key's rank + 1; 0 where the path has no more keys


def ordered(problems: list[Problem], entities: Sequence[str]) -> list[Problem]:
    """Problems in reading order: the request's first, then entity by entity, each
    in the order the format writes its keys (unknown keys last); a stable sort, in
    place (``problems`` is the list returned)."""
    index = {anchor: i for i, anchor in enumerate(entities)}

    def rank(problem: Problem) -> tuple[int, tuple[int, ...]]:
        anchor = anchor_of(problem.path, index)
        if anchor is None:
            return -1, _ranks(split_pointer(problem.path), in_entity=False)
        return index[anchor], _ranks(split_pointer(problem.path[len(anchor) :]), in_entity=True)

    def packed(problem: Problem) -> int:
        entity, keys = rank(problem)
        value = entity + 1
        for depth in range(_PACKED_DEPTH):
            value = value * _BASE + (keys[depth] + 1 if depth < len(keys) else 0)
        return value

    shallow = all(p.path.count("/") <= _PACKED_DEPTH for p in problems)
    problems.sort(key=packed if shallow else rank)
    return problems


def with_warnings(problems: list[Problem], warnings: Iterable[Problem]) -> list[Problem]:
    """``problems`` and those ``normalised`` ``warnings`` that stand where no error
    does, at their value or above it: a value in error is not written, nor what it
    holds; a value with only a warning is — and what normalisation changes in it is
    said. ``problems`` is extended and returned."""
    warnings = list(warnings)
    if not warnings:
        return problems
    taken = {problem.path for problem in problems if problem.is_error}
    problems += [warning for warning in warnings if anchor_of(warning.path, taken) is None]
    return problems
