"""JSON Pointers (RFC 6901): making, splitting, and finding the anchor above a path.

```pycon
>>> pointer("entitesJuridiques", 0, "a/b~c")
'/entitesJuridiques/0/a~1b~0c'
>>> split_pointer("/entitesJuridiques/0/a~1b~0c")
['entitesJuridiques', '0', 'a/b~c']

```
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

__all__ = ["anchor_of", "child", "is_at_or_below", "is_index", "pointer", "split_pointer"]


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON Pointer made of the given keys and indexes (``""`` is the root)."""
    return "".join("/" + _escape(part) for part in parts)


def split_pointer(path: str) -> list[str]:
    """The unescaped parts of an RFC 6901 JSON Pointer."""
    if not path:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in path[1:].split("/")]


def is_at_or_below(path: str, anchor: str) -> bool:
    """Whether ``path`` is ``anchor`` or a pointer below it."""
    return path == anchor or path.startswith(anchor + "/")


def anchor_of(path: str, anchors: Container[str]) -> str | None:
    """The outermost anchor (a JSON Pointer in ``anchors``) at or above ``path``.

    Costs the length of ``path``, whatever the number of anchors.

    ```pycon
    >>> anchor_of("/entitesJuridiques/3/finessJuridique", {"/entitesJuridiques/3"})
    '/entitesJuridiques/3'

    ```
    """
    if "" in anchors:
        return ""
    slash = path.find("/", 1)
    while slash != -1:
        if path[:slash] in anchors:
            return path[:slash]
        slash = path.find("/", slash + 1)
    return path if path in anchors else None


def is_index(part: str) -> bool:
    """Whether a pointer's part is written as an array index: ASCII digits only
    (``str.isdigit`` also takes ``²`` and other digits ``int`` refuses).

    ```pycon
    >>> is_index("12"), is_index("²"), is_index("")
    (True, False, False)

    ```
    """
    return part.isascii() and part.isdigit()


def child(node: Any, part: str) -> Any:
    """The member ``part`` of a JSON object or array, or ``None`` where there is none."""
    if isinstance(node, Mapping):
        return node.get(part)
    if isinstance(node, list) and is_index(part) and int(part) < len(node):
        return node[int(part)]
    return None
