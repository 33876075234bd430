"""Problems in reading order (docs: problems.md#every-problem-at-once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from segur_certificats._internal.problems.pointer import anchor_of, split_pointer
from segur_certificats._internal.problems.problem import Problem
from segur_certificats._internal.vocabulary.keys import KEY_ORDER

__all__ = ["ordered", "with_warnings"]

_KEY_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}


# A problem's rank is packed in one integer, one digit per key of its path below its
# entity, when the paths are this shallow (always, but for keys of an editor's own
# nested deep): a sort of many problems then holds one small number for each.
_PACKED_DEPTH = 8
_BASE = len(_KEY_RANK) + 2  # a key's rank + 1; 0 where the path has no more keys


def ordered(problems: list[Problem], entities: Sequence[str]) -> list[Problem]:
    """Problems in reading order: the request's first, then entity by entity, each
    in the order the format writes its keys (unknown keys last); a stable sort, in
    place (``problems`` is the list returned)."""
    index = {anchor: i for i, anchor in enumerate(entities)}
    unknown = len(_KEY_RANK)

    def rank(problem: Problem) -> tuple[int, tuple[int, ...]]:
        anchor = anchor_of(problem.path, index)
        entity, below = (
            (-1, problem.path) if anchor is None else (index[anchor], problem.path[len(anchor) :])
        )
        return entity, tuple(_KEY_RANK.get(part, unknown) for part in split_pointer(below))

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
    does: a value in error is not written, a value with only a warning is — and
    what normalisation changes in it is said. ``problems`` is extended and returned."""
    warnings = list(warnings)
    if not warnings:
        return problems
    taken = {problem.path for problem in problems if problem.is_error}
    problems += [warning for warning in warnings if warning.path not in taken]
    return problems
