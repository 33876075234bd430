"""Reading what can be read of a broken document, so that the rules still judge
the rest of it (docs: problems.md#every-problem-at-once).

A value of the wrong type or an unknown key is reported by the converter, then
set aside (set to null, or removed) in a copy that is read again; rule problems
at or below a value already reported are not repeated.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from typing import Any

from segur_certificats import finess
from segur_certificats.names import BLOCK_KEYS, KEY_ORDER
from segur_certificats.problems import Problem, anchor_of, child, split_pointer
from segur_certificats.serialize import converter

# The block's values that say an order is meant, beside demandeCertificatServeur.
_ORDER_VALUES = BLOCK_KEYS[1:]


def by_anchor(
    problems: Iterable[Problem], anchors: Container[str]
) -> dict[str | None, list[Problem]]:
    """The problems at or below each anchor; those below none under ``None``."""
    groups: dict[str | None, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(anchor_of(problem.path, anchors), []).append(problem)
    return groups


def keeps_value(problem: Problem) -> bool:
    """Whether a structure problem leaves its value readable: a FINESS juridique
    written with spaces is still judged on its compact form (docs:
    problems.md#every-problem-at-once)."""
    return problem.code == "finess.format" and problem.variant == "compact"


def read_leniently(value: Any, cls: type[Any], structure: Sequence[Problem], prefix: str) -> Any:
    """``value`` (found at ``prefix``) read as ``cls`` once the values in error are
    set aside; ``None`` when even that cannot be read. ``structure`` holds the
    problems at or below ``prefix`` (others are ignored)."""
    try:
        return converter.structure(_repaired(value, structure, prefix), cls)
    except Exception:
        return None


def _repaired(value: Any, structure: Sequence[Problem], prefix: str) -> Any:
    """A copy of ``value`` without the values in error.

    Unknown keys are removed and wrong values set to null. A wrong
    ``demandeCertificatServeur`` becomes true when the block is filled in, so
    that the order's own rules are still applied.
    """
    if not isinstance(value, dict):
        return value
    # Copy on write: only the objects on the way to a value in error are copied.
    fixed = dict(value)
    copies = {id(fixed)}
    for problem in structure:
        if not problem.path.startswith(prefix + "/"):
            continue
        *parents, key = split_pointer(problem.path[len(prefix) :])
        node: Any = fixed
        for part in parents:
            inner = child(node, part)
            if isinstance(node, dict) and isinstance(inner, dict) and id(inner) not in copies:
                inner = dict(inner)
                copies.add(id(inner))
                node[part] = inner
            node = inner
        if not isinstance(node, dict) or key not in node:
            continue
        if keeps_value(problem):
            node[key] = finess.compact(node[key])
        elif problem.code == "unknown-key":
            del node[key]
        elif key == "demandeCertificatServeur":
            node[key] = any(node.get(k) is not None for k in _ORDER_VALUES)
        else:
            node[key] = None
    return fixed


def not_under(found: Sequence[Problem], structure: Sequence[Problem]) -> list[Problem]:
    """Rule problems, less those at or below a value already reported as unreadable."""
    anchors = {p.path for p in structure if not keeps_value(p)}
    return [p for p in found if anchor_of(p.path, anchors) is None]


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
