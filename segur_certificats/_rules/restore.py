"""What a spreadsheet did to a value, judged: a number that lost its leading zero
(docs: sheets.md#problems).

A FINESS juridique or a phone number stored as a number loses its leading zero
(``603334174`` for ``0603334174``). Whether that is what happened is a verdict
on the value written with the zero: a valid FINESS juridique of nine
characters, or a valid phone number. The sheet source names the damage; this
says the fix.

```pycon
>>> lost_zero("telAdminTechnique", "603334174"), lost_zero("telAdminTechnique", "12")
('0603334174', None)

```
"""

from __future__ import annotations

from segur_certificats import finess
from segur_certificats._vocabulary.keys import FINESS_JURIDIQUE, TEL_ADMIN_TECHNIQUE

__all__ = ["lost_zero"]


def lost_zero(key: str, digits: str) -> str | None:
    """The value of JSON key ``key`` with its leading zero back, when the value so
    written is valid; ``None`` otherwise (and for any other key)."""
    candidate = "0" + digits
    if key == FINESS_JURIDIQUE.json and len(digits) == 8 and finess.is_valid(candidate):
        return candidate
    if key == TEL_ADMIN_TECHNIQUE.json:
        # phonenumbers is imported when a first number is judged (docs: api.md#imports).
        from segur_certificats import telephone  # noqa: PLC0415

        if telephone.is_valid(candidate):
            return candidate
    return None
