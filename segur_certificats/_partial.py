"""Reading what can be read of a broken document, so that the rules still judge
the rest of it (SPEC R-REQ-4).

A value of the wrong type or an unknown key is reported by the converter, then
set aside (set to null, or removed) in a copy that is read again; rule problems
at or below a value already reported are not repeated.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from segur_certificats.names import BLOCK_KEYS, KEY_ORDER
from segur_certificats.problems import Problem, child, is_at_or_below, split_pointer
from segur_certificats.serialize import converter

# The block's values that say an order is meant, beside demandeCertificatServeur.
_ORDER_VALUES = BLOCK_KEYS[1:]


def read_leniently(value: Any, cls: type[Any], structure: Sequence[Problem], prefix: str) -> Any:
    """``value`` (found at ``prefix``) read as ``cls`` once the values in error are
    set aside; ``None`` when even that cannot be read."""
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
    fixed = copy.deepcopy(value)
    for problem in structure:
        if not problem.path.startswith(prefix + "/"):
            continue
        *parents, key = split_pointer(problem.path[len(prefix) :])
        node: Any = fixed
        for part in parents:
            node = child(node, part)
        if not isinstance(node, dict) or key not in node:
            continue
        if problem.code == "unknown-key":
            del node[key]
        elif key == "demandeCertificatServeur":
            node[key] = any(node.get(k) is not None for k in _ORDER_VALUES)
        else:
            node[key] = None
    return fixed


def not_under(found: Sequence[Problem], structure: Sequence[Problem]) -> list[Problem]:
    """Rule problems, less those at or below a value already reported as unreadable."""
    paths = {p.path for p in structure}
    return [p for p in found if not any(is_at_or_below(p.path, anchor) for anchor in paths)]


_KEY_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}


def ordered(problems: Sequence[Problem], entities: Sequence[str]) -> tuple[Problem, ...]:
    """Problems in reading order: the request's first, then entity by entity, each
    in the order the format writes its keys (unknown keys last); a stable sort."""

    def rank(problem: Problem) -> tuple[int, tuple[int, ...]]:
        entity, below = -1, problem.path
        for index, anchor in enumerate(entities):
            if is_at_or_below(problem.path, anchor):
                entity, below = index, problem.path[len(anchor) :]
                break
        keys = tuple(_KEY_RANK.get(part, len(_KEY_RANK)) for part in split_pointer(below))
        return entity, keys

    return tuple(sorted(problems, key=rank))
