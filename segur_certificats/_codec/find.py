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

from segur_certificats._problems.pointer import pointer
from segur_certificats._vocabulary.keys import BLOCK_KEYS, FINESS_JURIDIQUE

__all__ = ["find_entities"]

_FINESS = FINESS_JURIDIQUE.json
# What JSON text parses to: the types walked into, and those never walked into,
# told by their type alone (the ABCs' isinstance is kept for other mappings).
_CONTAINERS = frozenset({dict, list})
_SCALARS = frozenset({str, int, float, bool, type(None)})
_BLOCK = frozenset(BLOCK_KEYS)
_ENTITY_KEYS = frozenset({_FINESS, *BLOCK_KEYS})


def _container(value: Any) -> bool:
    kind = type(value)
    if kind in _CONTAINERS:
        return True
    return kind not in _SCALARS and isinstance(value, (Mapping, list))


def _members(here: str, node: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """The members of an object that may hold an entity, with their pointers."""
    items = node.items() if type(node) is dict else [*node.items()]
    return (
        (here + pointer(key), child)
        for key, child in items
        if key not in _BLOCK and _container(child)
    )


def _items(here: str, node: list[Any]) -> Iterator[tuple[str, Any]]:
    """The items of an array that may hold an entity, with their pointers."""
    return ((f"{here}/{index}", child) for index, child in enumerate(node) if _container(child))


def find_entities(value: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every object holding ``finessJuridique`` in a parsed JSON value, in document order.

    Only objects and arrays are walked into (a text, a number, ``null`` never
    holds an entity, at the root as anywhere), each once, whatever the depth.
    The walk holds one iterator per level it stands in, never a list of the
    children it has yet to see: a document of many entities costs no more
    memory than the document."""
    stack: list[Iterator[tuple[str, Any]]] = [iter((("", value),))]
    while stack:
        for here, node in stack[-1]:
            if type(node) is dict or isinstance(node, Mapping):
                if _FINESS in node:
                    yield here, node
                    if (
                        type(node) is dict
                        and node.keys() <= _ENTITY_KEYS
                        and not _container(node[_FINESS])
                    ):
                        continue  # the usual entity: nothing in it is walked into
                stack.append(_members(here, node))
                break
            if type(node) is list or isinstance(node, list):
                stack.append(_items(here, node))
                break
        else:
            stack.pop()
