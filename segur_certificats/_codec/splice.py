"""Writing new values into JSON text in place, in the text's own style, every
other byte left as it was (docs: embedded.md#replacing-blocks).

An edit is ``(start, end, text)``: ``text`` replaces ``source[start:end]``.
Objects are edited member by member, so that members the writer does not own
(an editor's own keys, a misspelt key) stay where they are, untouched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from segur_certificats._codec.jsontext import DECODER
from segur_certificats._codec.spans import Member, Node, line_indent

Edit = tuple[int, int, str]

_SURROGATE = re.compile("[\ud800-\udfff]")


@attrs.frozen
class Style:
    """How an object is laid out, so that new text looks like the old."""

    multiline: bool
    indent: str
    """The white space before each member of the object, on its line."""
    unit: str
    """One level of indentation."""
    colon: str
    newline: str
    ascii_only: bool

    @property
    def comma(self) -> str:
        return ", " if self.colon == ": " else ","

    def render(self, value: Any) -> str:
        """``value`` as JSON text that stands where a member's value does."""
        text = self._dumps(value, self.ascii_only)
        if not self.ascii_only and _SURROGATE.search(text):
            text = self._dumps(value, ascii_only=True)  # lone surrogates have no UTF-8 form
        return text.replace("\n", self.newline + self.indent) if self.multiline else text

    def _dumps(self, value: Any, ascii_only: bool) -> str:
        if self.multiline:
            return json.dumps(value, ensure_ascii=ascii_only, indent=self.unit or None)
        return json.dumps(value, ensure_ascii=ascii_only, separators=(self.comma, self.colon))

    def _pair(self, key: str, value: Any) -> str:
        return self.render(key) + self.colon + self.render(value)

    def after(self, key: str, value: Any) -> str:
        """A new member, written to follow an existing one."""
        head = "," + self.newline + self.indent if self.multiline else self.comma
        return head + self._pair(key, value)

    def before(self, key: str, value: Any) -> str:
        """A new member, written to precede an existing one (at the object's start)."""
        head = self.newline + self.indent if self.multiline else ""
        tail = "," if self.multiline else self.comma
        return head + self._pair(key, value) + tail


def document_style(text: str) -> Style:
    """What holds for the whole document: its line ends, and whether it is pure
    ASCII (read once, whatever the number of blocks written)."""
    return Style(
        multiline=False,
        indent="",
        unit="  ",
        colon=": ",
        newline="\r\n" if "\r\n" in text else "\n",
        ascii_only=text.isascii(),
    )


def style_of(text: str, node: Node, parent: Style) -> Style:
    """The layout of the object ``node`` (which has members), read from its text;
    line ends and ASCII as in ``parent`` (the enclosing object, or the document)."""
    return member_style(text, node.start, node.members[0], parent)


def member_style(text: str, opening: int, member: Member, parent: Style) -> Style:
    """The layout of the object that opens at ``opening`` and holds ``member`` (its
    first member, or any member of an object whose members are laid out alike), read
    from the text between them; line ends and ASCII as in ``parent``."""
    first = member
    _, key_end = DECODER.raw_decode(text, first.start)
    space = first.start  # the white space that precedes the member, after "{" or ","
    while space > opening + 1 and text[space - 1] in " \t\r\n":
        space -= 1
    multiline = "\n" in text[space : first.start]
    indent = line_indent(text, first.start) if multiline else ""
    outer = line_indent(text, opening)
    unit = indent[len(outer) :] if multiline and indent.startswith(outer) else "  "
    after_colon = text[key_end : first.value.start].partition(":")[2]
    return Style(
        multiline=multiline,
        indent=indent,
        unit=unit or parent.unit,
        colon=": " if after_colon.startswith(" ") else ":",
        newline=parent.newline,
        ascii_only=parent.ascii_only,
    )


def _same(old: Any, new: Any) -> bool:
    # True == 1 in Python, but not in JSON.
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    return type(old) is type(new) and old == new


def object_edits(
    text: str,
    node: Node,
    new: Mapping[str, Any],
    keys: Sequence[str],
    style: Style,
    *,
    after: Member | None,
) -> list[Edit]:
    """Edits that give the object ``node`` the values ``new`` for ``keys``, in that
    order; keys it lacks are written after the member ``after`` (or at the
    object's start when ``None``), each after the previous one. Values that are
    objects on both sides are edited member by member, with the keys of ``new``."""
    edits: list[Edit] = []
    pending: list[tuple[str, Any]] = []

    def flush() -> None:
        if not pending:
            return
        if after is not None:
            at = after.value.end
            edits.append((at, at, "".join(style.after(k, v) for k, v in pending)))
        else:
            at = node.start + 1
            edits.append((at, at, "".join(style.before(k, v) for k, v in pending)))
        pending.clear()

    for key in keys:
        member = node.member(key)
        if member is None:
            pending.append((key, new[key]))
            continue
        flush()
        edits += value_edits(text, member.value, new[key], style)
        after = member
    if after is None and not node.members:  # an empty object: write it whole
        return [(node.start, node.end, style.render(dict(pending)))]
    flush()
    return edits


def value_edits(text: str, node: Node, new: Any, style: Style) -> list[Edit]:
    """Edits that make the value at ``node`` equal ``new``."""
    old = DECODER.decode(text[node.start : node.end])
    if _same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict) and node.members:
        inner = style_of(text, node, style)
        return object_edits(text, node, new, list(new), inner, after=None)
    return [(node.start, node.end, style.render(new))]


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the edits made, in one pass (edits must not overlap)."""
    parts: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits):
        parts += (text[position:start], replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts)
