"""Plain-text tables, for ``print`` and ``__str__``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["table"]


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A plain-text table, columns aligned.

    ```pycon
    >>> print(table(["FINESS juridique", "Nom"], [["330058066", "STU"]]))
    FINESS juridique | Nom
    ---------------- | ---
    330058066        | STU

    ```
    """
    body = [list(row) for row in rows]
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *body, strict=False)]
    lines = [headers, ["-" * w for w in widths], *body]
    return "\n".join(
        " | ".join(
            str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)
        ).rstrip()
        for line in lines
    )
