"""What is counted is what is written (docs: format.md#normalisation).

Free text is held normalised: surrounding white space stripped, Unicode in
NFC form, and a blank value is the same as null. The model normalises values
as they enter it, the field rules judge the same form, and the reader notes a
``normalised`` warning wherever a document's value changes under it.

```pycon
>>> text("  Ange\\u0301lique "), text("   "), is_blank(" ")
('Angélique', None, True)

```
"""

from __future__ import annotations

import unicodedata

__all__ = ["is_blank", "text"]


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
