"""Where each value of a JSON text stands, so that one value can be replaced in
place and every other byte left as it was (no float reformatting, no reordering).

Only for text that `segur_certificats._codec.jsontext.parse()` has accepted:
valid JSON, nested at most ``MAX_DEPTH`` levels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from segur_certificats._codec.jsontext import DECODER

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


# What a walk does at a node of the trie: given the pointer's parts, where its
# member (or item) starts and where its value starts, the end of the value when
# it consumed it, or None to walk on inside it.
_Visit = Callable[[tuple[str, ...], int, int], "int | None"]


def _trie(paths: Iterable[tuple[str, ...]]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for parts in paths:
        node = trie
        for part in parts:
            node = node.setdefault(part, {})
    return trie


def _walk(text: str, trie: dict[str, Any], visit: _Visit) -> None:
    """Walk the text's value along ``trie``: only the containers on the way are
    read member by member, every other value is skipped by the C decoder."""

    def walk(pos: int, trie: dict[str, Any], here: tuple[str, ...], start: int) -> int:
        end = visit(here, start, pos)
        if end is not None:
            return end
        opening = text[pos]
        if not trie or opening not in "{[":
            return DECODER.raw_decode(text, pos)[1]
        closing = "}" if opening == "{" else "]"
        pos, index = _skip(text, pos + 1), 0
        while text[pos] != closing:
            member = pos
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
                else walk(pos, inner, (*here, key), member),
            )
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return pos + 1

    start = _skip(text, 0)
    if trie:
        walk(start, trie, (), start)
    else:  # only the root is wanted: nothing to read
        visit((), start, start)


def locate(text: str, paths: Iterable[list[str]]) -> list[Node | None]:
    """The nodes at these JSON Pointers (given as their unescaped parts), each with
    its full tree of spans, in the order given.

    The cost is about one decode of the text, whatever the number of paths. Parts
    are read strictly: an array index is ``0`` or ``[1-9][0-9]*``.
    """
    return [None if found is None else found.value for found in locate_members(text, paths)]


def locate_members(text: str, paths: Iterable[list[str]]) -> list[Member | None]:
    """`locate`, each node with where its member starts (its key, in an object; the
    value itself, in an array or at the root), in the same one walk."""
    ordered = [tuple(parts) for parts in paths]
    wanted = {parts: index for index, parts in enumerate(ordered)}
    found: list[Member | None] = [None] * len(ordered)

    def visit(here: tuple[str, ...], start: int, pos: int) -> int | None:
        if here not in wanted:
            return None
        node = scan(text, pos)
        found[wanted[here]] = Member(here[-1] if here else "", start, node)
        return node.end

    _walk(text, _trie(ordered), visit)
    return found


def starts(text: str, paths: Iterable[list[str]]) -> list[int]:
    """Where the value at each JSON Pointer stands, in the order given: at its key
    when it is an object's member, at the value itself otherwise; for a pointer
    the text does not hold, where its deepest existing parent stands. The cost is
    about one decode of the text, whatever the number of paths."""
    ordered = [tuple(parts) for parts in paths]
    reached: dict[tuple[str, ...], int] = {}

    def visit(here: tuple[str, ...], start: int, _: int) -> int | None:
        reached[here] = start
        return None

    _walk(text, _trie(ordered), visit)
    found = []
    for parts in ordered:
        depth = len(parts)
        while parts[:depth] not in reached:
            depth -= 1
        found.append(reached[parts[:depth]])
    return found


def line_indent(text: str, pos: int) -> str:
    """The white space that starts the line holding ``pos``."""
    line_start = text.rfind("\n", 0, pos) + 1
    end = line_start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[line_start:end]
