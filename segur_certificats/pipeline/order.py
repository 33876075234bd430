"""Problems in reading order (docs: problems.md#every-problem-at-once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from segur_certificats.format.keys import KEY_ORDER
from segur_certificats.problems.pointer import anchor_of, split_pointer
from segur_certificats.problems.problem import Problem

__all__ = ["ordered", "with_warnings"]

_KEY_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}


def ordered(problems: Sequence[Problem], entities: Sequence[str]) -> tuple[Problem, ...]:
    """Problems in reading order: the request's first, then entity by entity, each
    in the order the format writes its keys (unknown keys last); a stable sort."""
    index = {anchor: i for i, anchor in enumerate(entities)}

    def rank(problem: Problem) -> tuple[int, tuple[int, ...]]:
        anchor = anchor_of(problem.path, index)
        entity, below = (
            (-1, problem.path) if anchor is None else (index[anchor], problem.path[len(anchor) :])
        )
        keys = tuple(_KEY_RANK.get(part, len(_KEY_RANK)) for part in split_pointer(below))
        return entity, keys

    return tuple(sorted(problems, key=rank))


def with_warnings(problems: list[Problem], warnings: Iterable[Problem]) -> list[Problem]:
    """``problems`` and those ``normalised`` ``warnings`` that stand where no error
    does: a value in error is not written, a value with only a warning is — and
    what normalisation changes in it is said."""
    taken = {problem.path for problem in problems if problem.is_error}
    return problems + [warning for warning in warnings if warning.path not in taken]
