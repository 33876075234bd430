"""The one strict ``YYYY-MM-DD`` date form of the format (docs: format.md#envelope).

```pycon
>>> parse_iso_date("2023-10-02")
datetime.date(2023, 10, 2)
>>> parse_iso_date("20231002")
Traceback (most recent call last):
    ...
ValueError: not a YYYY-MM-DD date: '20231002'

```
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["parse_iso_date"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(text: str) -> _dt.date:
    """A ``YYYY-MM-DD`` date, and only that form (``date.fromisoformat`` also takes
    ``20231002`` or week dates); raises `ValueError` otherwise."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return _dt.date.fromisoformat(text)
