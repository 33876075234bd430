"""Where each value of a JSON text stands, so that one value can be replaced in
place and every other byte left as it was (no float reformatting, no reordering).

Only for text that `segur_certificats._jsontext.parse()` has accepted:
valid JSON, nested at most ``MAX_DEPTH`` levels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from segur_certificats._jsontext import DECODER

_SPACE = re.compile(r"[ \t\n\r]*")


@attrs.frozen
class Member:
    """One ``"key": value`` of an object; ``start`` is where its key's quote stands."""

    key: str
    start: int
    value: Node


@attrs.frozen
class Node:
    """A value's span ``text[start:end]``, with its members or items when it has any."""

    start: int
    end: int
    members: tuple[Member, ...] = ()
    items: tuple[Node, ...] = ()

    def member(self, key: str) -> Member | None:
        """The last member named ``key`` (the one a JSON reader keeps)."""
        found = None
        for member in self.members:
            if member.key == key:
                found = member
        return found


def _skip(text: str, pos: int) -> int:
    """Where the white space starting at ``pos`` ends."""
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def scan(text: str, pos: int = 0) -> Node:
    """The tree of spans of the JSON value starting at ``pos`` (after white space)."""
    pos = _skip(text, pos)
    char = text[pos]
    if char == "{":
        members: list[Member] = []
        begin = pos
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            key, after_key = DECODER.raw_decode(text, pos)
            colon = _skip(text, after_key)
            value = scan(text, colon + 1)
            members.append(Member(key, pos, value))
            pos = _skip(text, value.end)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return Node(begin, pos + 1, members=tuple(members))
    if char == "[":
        items: list[Node] = []
        begin = pos
        pos = _skip(text, pos + 1)
        while text[pos] != "]":
            item = scan(text, pos)
            items.append(item)
            pos = _skip(text, item.end)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return Node(begin, pos + 1, items=tuple(items))
    _, end = DECODER.raw_decode(text, pos)
    return Node(pos, end)


def locate(text: str, paths: Iterable[list[str]]) -> list[Node | None]:
    """The nodes at these JSON Pointers (given as their unescaped parts), each with
    its full tree of spans, in the order given.

    Only the containers on the way are walked member by member; every other
    value is skipped by the C decoder, so the cost is about one decode of the
    text, whatever the number of paths. Parts are read strictly: an array
    index is ``0`` or ``[1-9][0-9]*``.
    """
    wanted: dict[tuple[str, ...], int] = {}
    trie: dict[str, Any] = {}
    ordered = [tuple(parts) for parts in paths]
    for index, parts in enumerate(ordered):
        wanted[parts] = index
        node = trie
        for part in parts:
            node = node.setdefault(part, {})
    found: list[Node | None] = [None] * len(ordered)

    def walk(pos: int, trie: dict[str, Any], here: tuple[str, ...]) -> int:
        """Walk the value at ``pos`` along ``trie``; where it ends."""
        if here in wanted:
            node = scan(text, pos)
            found[wanted[here]] = node
            return node.end
        opening = text[pos]
        if not trie or opening not in "{[":
            return DECODER.raw_decode(text, pos)[1]
        closing = "}" if opening == "{" else "]"
        pos, index = _skip(text, pos + 1), 0
        while text[pos] != closing:
            if opening == "{":
                key, pos = DECODER.raw_decode(text, pos)
                pos = _skip(text, _skip(text, pos) + 1)  # the colon
            else:
                key, index = str(index), index + 1
            inner = trie.get(key)
            pos = _skip(
                text,
                DECODER.raw_decode(text, pos)[1]
                if inner is None
                else walk(pos, inner, (*here, key)),
            )
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return pos + 1

    walk(_skip(text, 0), trie, ())
    return found


def find(root: Node, parts: list[str]) -> Node | None:
    """The node at a JSON Pointer (given as its unescaped parts)."""
    node: Node | None = root
    for part in parts:
        if node is None:
            return None
        if node.members:
            member = node.member(part)
            node = None if member is None else member.value
        elif node.items and part.isdigit() and int(part) < len(node.items):
            node = node.items[int(part)]
        else:
            return None
    return node


def line_indent(text: str, pos: int) -> str:
    """The white space that starts the line holding ``pos``."""
    line_start = text.rfind("\n", 0, pos) + 1
    end = line_start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[line_start:end]
