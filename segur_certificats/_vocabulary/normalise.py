"""What is counted is what is written (docs: format.md#normalisation).

Free text is held normalised: surrounding white space stripped, Unicode in
NFC form, and a blank value is the same as null; in a phone number, the
non-breaking and narrow spaces between digit groups are spaces. The model normalises values
as they enter it, the field rules judge the same form, and the reader notes a
``normalised`` warning wherever a document's value changes under it.

```pycon
>>> text("  Ange\\u0301lique "), text("   "), is_blank(" ")
('Angélique', None, True)

```
"""

from __future__ import annotations

import unicodedata

__all__ = ["NUMBER_SPACES", "is_blank", "phone", "text"]

NUMBER_SPACES = "\u00a0\u202f\u2007\u2009"
"""The spaces people's documents put between a phone number's digit groups that
are not the space: non-breaking (Word, copy-paste), narrow non-breaking (French
typography), figure and thin spaces. In a phone number they are read as spaces."""
_AS_SPACES = str.maketrans(dict.fromkeys(NUMBER_SPACES, " "))


def is_blank(value: object) -> bool:
    """Whether ``value`` is text holding nothing but white space (the same as null)."""
    return isinstance(value, str) and not value.strip()


def text(value: str | None) -> str | None:
    """The normalised form of a free text: stripped, NFC, ``None`` when blank."""
    if value is None:
        return None
    stripped = value.strip()
    if stripped.isascii():  # ASCII is its own NFC form
        return stripped or None
    return unicodedata.normalize("NFC", stripped) or None


def phone(value: str | None) -> str | None:
    """The normalised form of a phone number: as `text`, with the spaces of
    `NUMBER_SPACES` written as spaces (docs: format.md#telephone).

    ```pycon
    >>> phone("06\u00a003\u202f33 41 74 ")
    '06 03 33 41 74'

    ```
    """
    normalised = text(value)
    if normalised is None or normalised.isascii():
        return normalised
    return normalised.translate(_AS_SPACES)
