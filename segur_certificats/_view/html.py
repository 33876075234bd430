"""HTML tables for Jupyter, made from plain rows of cells (docs: jupyter.md).

Every text is escaped here, and the markup carries its own inline styles: no
external CSS or JavaScript, so it renders offline and in exported notebooks.
A mark is given by colour *and* by text or tag (``<ins>``, ``<del>``, a word),
so that it reads in black and white and to screen readers.

```pycon
>>> print(table("Demo", ["A"], [Row([Cell("<b>")], data={"finess": "1"})], "sc-demo"))
... # doctest: +ELLIPSIS
<table class="sc-demo" ...<tr data-finess="1"><td style="...">&lt;b&gt;</td></tr></tbody></table>

```
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["Cell", "Row", "bullets", "definitions", "div", "paragraph", "table"]

_TABLE = "border-collapse:collapse;font-family:sans-serif;font-size:13px;margin:4px 0"
_CELL = "border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top"
_HEAD = _CELL + ";background:#eef1f5"
_FONT = "font-family:sans-serif"

TONES: Mapping[str, str] = {
    "": "",
    "added": ";background:#d8f5d8",
    "muted": ";background:#eeeeee;color:#666",
    "highlight": ";background:#fff3b0;font-weight:bold",
    "error": ";background:#fbd9d9",
    "warning": ";background:#fff3b0",
    "error-text": ";color:#a00",
    "warning-text": ";color:#8a6d00",
}
"""The colours a cell can take, by what they mean."""


def _e(text: object) -> str:
    """``text`` escaped for an element's content and for a quoted attribute value
    alike: ``&``, ``<``, ``>``, ``"`` and ``'`` as the standard library writes them."""
    return html.escape(str(text), quote=True)


def _attributes(css_class: str, data: Mapping[str, str], **named: str) -> str:
    """The attributes given a value, and every ``data-`` attribute."""
    pairs = [("class", css_class)] + [(n.replace("_", "-"), v) for n, v in named.items()]
    shown = "".join(f' {name}="{_e(value)}"' for name, value in pairs if value)
    return shown + "".join(f' data-{key}="{_e(value)}"' for key, value in data.items())


class Cell:
    """One cell: its text and how it is marked."""

    __slots__ = (
        "after",
        "colspan",
        "css_class",
        "data",
        "label",
        "small",
        "tag",
        "tag_title",
        "text",
        "title",
        "tone",
    )

    def __init__(
        self,
        text: str = "",
        *,
        tag: str = "",
        tag_title: str = "",
        after: str = "",
        small: str = "",
        tone: str = "",
        css_class: str = "",
        title: str = "",
        label: str = "",
        data: Mapping[str, str] | None = None,
        colspan: int = 1,
    ) -> None:
        self.text = text
        """The text shown."""
        self.tag = tag
        """A tag around the text: ``strong``, ``code``, ``ins`` or ``del``."""
        self.tag_title = tag_title
        """The tag's ``title`` (the value before a change, for ``ins``)."""
        self.after = after
        """Text after the tag (a mark such as ``✎``)."""
        self.small = small
        """Text in ``<small>`` after it (the messages of a cell in error)."""
        self.tone = tone
        """One of `TONES`."""
        self.css_class = css_class
        """The cell's class."""
        self.title = title
        """The cell's tooltip."""
        self.label = label
        """What a screen reader says of the cell."""
        self.data = data or {}
        """``data-`` attributes that name what the cell shows."""
        self.colspan = colspan
        """How many columns the cell spans."""

    def render(self) -> str:
        """The cell as HTML."""
        content = _e(self.text)
        if self.tag:
            title = f' title="{_e(self.tag_title)}"' if self.tag_title else ""
            content = f"<{self.tag}{title}>{content}</{self.tag}>"
        content += _e(self.after)
        if self.small:
            content += f" <small>{_e(self.small)}</small>"
        attributes = _attributes(
            self.css_class,
            self.data,
            title=self.title,
            aria_label=self.label,
            colspan=str(self.colspan) if self.colspan > 1 else "",
        )
        return f'<td{attributes} style="{_e(_CELL + TONES[self.tone])}">{content}</td>'


class Row:
    """A table row: its cells, and attributes that name what it shows."""

    __slots__ = ("cells", "css_class", "current", "data")

    def __init__(
        self,
        cells: Sequence[Cell],
        *,
        css_class: str = "",
        data: Mapping[str, str] | None = None,
        current: bool = False,
    ) -> None:
        self.cells = cells
        """The row's cells, in order."""
        self.css_class = css_class
        """The row's class."""
        self.data = data or {}
        """``data-`` attributes that name what the row shows."""
        self.current = current
        """Marked ``aria-current``: the row that applies."""

    def render(self) -> str:
        """The row as HTML."""
        current = "true" if self.current else ""
        attributes = _attributes(self.css_class, self.data, aria_current=current)
        return f"<tr{attributes}>{''.join(cell.render() for cell in self.cells)}</tr>"


def table(caption: str, headers: Iterable[str], rows: Iterable[Row], css_class: str) -> str:
    """A table with its caption, header row and body."""
    head = "".join(f'<th scope="col" style="{_e(_HEAD)}">{_e(h)}</th>' for h in headers)
    body = "".join(row.render() for row in rows)
    return (
        f'<table class="{_e(css_class)}" style="{_e(_TABLE)}">'
        f'<caption style="text-align:left;font-weight:bold">{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def definitions(items: Iterable[tuple[str, str]], css_class: str) -> str:
    """Terms and their values on one line, ``term : value``."""
    cells = "".join(
        f'<dt style="font-weight:bold;display:inline">{_e(term)} :</dt> '
        f'<dd style="display:inline;margin:0 12px 0 0">{_e(value)}</dd>'
        for term, value in items
    )
    return f'<dl class="{_e(css_class)}" style="{_FONT};font-size:13px">{cells}</dl>'


def paragraph(text: str, css_class: str) -> str:
    """A paragraph of text; nothing when the text is empty."""
    return f'<p class="{_e(css_class)}" style="{_FONT}">{_e(text)}</p>' if text else ""


def bullets(items: Iterable[str], css_class: str) -> str:
    """A list of lines; nothing when there are none."""
    lines = "".join(f"<li>{_e(item)}</li>" for item in items)
    return f'<ul class="{_e(css_class)}">{lines}</ul>' if lines else ""


def div(css_class: str, *parts: str) -> str:
    """Rendered parts inside one ``div``."""
    return f'<div class="{_e(css_class)}">{"".join(parts)}</div>'
