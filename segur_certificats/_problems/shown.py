"""Values as messages show them: short, JSON-like, invisible characters made visible.

One bound for every shown value (`SHOWN_CHARS`) and one for every message
parameter (`PARAM_CHARS`), whatever a document or a caller passes (docs:
problems.md#bounded-work-and-output).

```pycon
>>> show_value("DMP, INS"), show_value(None), show_value(True)
('"DMP, INS"', 'null', 'true')
>>> show_value("x" * 100)[-3:]
'xx…'
>>> print(visible("a\\u202eb\\xa0"))
a\\u202eb\\u00a0

```
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["PARAM_CHARS", "SHOWN_CHARS", "cut", "show_value", "shown", "visible"]

SHOWN_CHARS = 60
"""A value quoted in a message is cut to this many characters."""
PARAM_CHARS = 200
"""No message parameter is longer than this, whatever a caller passes."""
_SHOWN_BITS = 190  # about 57 decimal digits
_SHOWN_DIGITS = 57


def cut(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text``, cut to ``limit`` characters with ``…`` when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_value(value: object) -> str:
    """A short JSON rendering of a value for a message (long texts are cut with ``…``)."""
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        # Python refuses to write very long integers as text: show the magnitude.
        return f"{'-' if value < 0 else ''}~10^{int(math.log10(abs(value)))}"
    if type(value).__name__ == "Decimal" and _long_decimal(value):
        # A long literal read exactly (docs: problems.md#reading-json): its magnitude.
        return f"{'-' if value.is_signed() else ''}~10^{value.adjusted()}"  # type: ignore[attr-defined]
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        value = value[:SHOWN_CHARS]  # no need to render what will be cut
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        # A float that is not a JSON number (NaN) or a Decimal (a long literal).
        numeric = isinstance(value, float) or type(value).__name__ == "Decimal"
        text = cut(str(value)) if numeric else _safe_repr(value)
    return visible(cut(text))


def _long_decimal(value: Any) -> bool:
    """Whether a `decimal.Decimal` has more digits than a message shows."""
    return bool(value.is_finite()) and len(value.as_tuple().digits) > _SHOWN_DIGITS


def shown(value: object) -> str:
    """A message parameter: text as it is (other values as their ``repr``), cut to
    `PARAM_CHARS` and with invisible characters made visible."""
    text = value if isinstance(value, str) else _safe_repr(value)
    # Cut before making visible (a value may be huge), and after (escapes are longer).
    return cut(visible(cut(text, PARAM_CHARS)), PARAM_CHARS)


def visible(text: str) -> str:
    """``text`` with its invisible and control characters written as escapes."""
    return text if text.isprintable() else "".join(map(_visible, text))


def _visible(char: str) -> str:
    # Invisible and control characters (bidi overrides, NBSP, lone surrogates) are
    # shown as escapes, so that a message shows what the value holds.
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:  # a hostile __repr__ must not break a report
        return f"<{type(value).__name__}>"
