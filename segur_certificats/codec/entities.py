"""Where the legal entities of any JSON document stand (docs: embedded.md).

Every object holding a ``finessJuridique`` is a legal entity, wherever it
stands, except inside another entity's block.

```pycon
>>> document = {"a": [{"finessJuridique": "1", "x": {"finessJuridique": 2}}]}
>>> [path for path, _ in find_entities(document)]
['/a/0', '/a/0/x']

```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from segur_certificats.format.keys import BLOCK_KEYS, ENTITE
from segur_certificats.problems.pointer import pointer

__all__ = ["find_entities"]

_FINESS = ENTITE["finess_juridique"]


def find_entities(value: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every object holding ``finessJuridique`` in a parsed JSON value, in document order.

    Only objects and arrays are walked into (a text, a number never holds an
    entity), each once, whatever the depth."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, here = stack.pop()
        if isinstance(node, Mapping):
            if _FINESS in node:
                yield here, node
            stack.extend(
                (child, here + pointer(key))
                for key, child in reversed(node.items() if type(node) is dict else [*node.items()])
                if isinstance(child, (Mapping, list)) and key not in BLOCK_KEYS
            )
        else:
            stack.extend(
                (child, f"{here}/{index}")
                for index, child in reversed(list(enumerate(node)))
                if isinstance(child, (Mapping, list))
            )
