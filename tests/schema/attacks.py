"""Strings that attack the schema's patterns and lengths (docs: schema.md#differential-test):
the whole of Unicode, lone surrogates included, weighted towards what the rules
turn on — Python's and ECMA-262's white space, control characters, what NFC
replaces, composed letters and the marks NFC moves or composes — at and around
every length limit; and dates across the calendar.

The classes are computed here from `unicodedata`, apart from the schema's own
tables, so that the tests do not share the code they check."""

from __future__ import annotations

import functools
import sys
import unicodedata

from hypothesis import strategies as st

#: White space in Python (``str.strip``), in ECMA-262 only (``\ufeff``), or in neither.
WHITE = [chr(c) for c in range(0x10000) if chr(c).isspace()] + [
    "\ufeff",
    "\u200b",
    "\u180e",
    "\u2060",
]
CONTROL = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]
#: Marks that compose with a letter before them, low and high combining classes.
COMPOSING = [
    *"\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0313\u0314\u031b",
    *"\u0323\u0324\u0325\u0326\u0327\u0328\u032d\u032e\u0330\u0331\u0342\u0345\u093c\u3099",
    "\U000110ba",
]


@functools.cache
def _classes() -> tuple[list[str], list[str], list[str]]:
    """What NFC replaces; composed characters whose last marks NFC may move; marks."""
    replaced, composed, marks = [], [], []
    for code_point in range(sys.maxunicode + 1):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        char = chr(code_point)
        if unicodedata.combining(char):
            marks.append(char)
        decomposition = unicodedata.decomposition(char)
        if not decomposition or decomposition.startswith("<"):
            continue
        if unicodedata.normalize("NFC", char) != char:
            replaced.append(char)
        elif any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", char)):
            composed.append(char)
    return replaced, composed, marks


def _sample(items: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(items)


@st.composite
def _cluster(draw: st.DrawFn) -> str:
    """A composed letter and one to three marks after it."""
    _, composed, marks = _classes()
    head = draw(_sample(composed) | _sample(list("aeiouAEOUnsz")))
    tail = draw(st.lists(_sample(COMPOSING) | _sample(marks), min_size=1, max_size=3))
    return head + "".join(tail)


def units() -> st.SearchStrategy[str]:
    """One piece of an attacking string."""
    replaced, composed, marks = _classes()
    return st.one_of(
        _sample(list("aZ09@.-'’ ")),
        _sample(WHITE + CONTROL),
        _sample(replaced),
        _sample(composed),
        _sample(marks),
        _sample(COMPOSING),
        _cluster(),
        # Anything: every plane, unassigned and private code points, lone surrogates.
        st.characters(exclude_categories=()),
        _sample(["\ud800", "\udbff", "\udc00", "\udfff"]),
    )


@st.composite
def texts(draw: st.DrawFn, limit: int | None) -> str:
    """A string at the edges of ``limit`` characters (raw, and once normalised),
    or short; with white space around it sometimes."""
    edges = [0, 1, 2] if limit is None else [0, 1, limit - 2, limit - 1, limit, limit + 1]
    size = draw(st.sampled_from(edges))
    if draw(st.booleans()):
        # Plain letters up to the edge, then the attack.
        pieces = draw(st.lists(units(), min_size=1, max_size=4))
        filler = max(0, size - len(pieces))
        body = "a" * filler + "".join(pieces)
    else:
        body = "".join(draw(st.lists(units(), min_size=size, max_size=size)))
    around = _sample(WHITE + CONTROL + [""])
    return draw(around) + body + draw(around) if draw(st.integers(0, 3)) == 0 else body


@st.composite
def dates(draw: st.DrawFn) -> str:
    """Dates across the calendar: real days of years 1 to 9999, impossible ones
    (year 0, month 13, 30 February, 29 February of a common year), other digits,
    and characters around them."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        text = draw(st.dates()).isoformat()
    else:
        year = draw(
            st.sampled_from([0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999])
            | st.integers(0, 9999)
        )
        month = draw(st.integers(0, 13))
        day = draw(st.sampled_from([0, 1, 28, 29, 30, 31, 32]) | st.integers(0, 99))
        text = f"{year:04d}-{month:02d}-{day:02d}"
    if kind == 3:
        # Another character in or around it: a newline, white space, other digits.
        at = draw(st.integers(0, len(text)))
        other = draw(
            _sample(["\n", "\r\n", " ", "\x85", "\u2028", "\ufeff", "٣", "３", "Z", "T00:00"])
        )
        replace = draw(st.booleans()) and at < len(text)
        text = text[:at] + other + text[at + replace :]
    return text
