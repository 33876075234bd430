"""Phone numbers of technical administrators: metropolitan, overseas and international
(docs: format.md#telephone).

The overseas departments and collectivities dial in France's national format
(``0262…``, ``0692…`` in Réunion), and parsing those with region ``FR``
alone is wrong both ways: ``phonenumbers`` rejects some and reads ``0596…``
(Martinique) or ``0269…`` (Mayotte) as metropolitan ``+33`` numbers. Here
phonenumbers' own metadata decides: a national number is valid when it is
valid for metropolitan France or for one of the regions that share its
national dialling (`OVERSEAS`), and an overseas region wins, its ranges being
the specific ones. International numbers (``+32 …``, ``0033 …``) are read as
written. Only the number itself is accepted: digits grouped by spaces, dots,
hyphens or slashes, one leading ``+`` or ``00``, parentheses around a group.
The usual written forms (a national number; ``+33``, ``0033``, ``+262``,
``+590``, ``+594`` or ``+596`` and nine digits) are judged from that metadata
without parsing, by phonenumbers' own algorithm and to its verdict, region and
E.164 form, the same way at every call; every other form is parsed.

```pycon
>>> is_valid('0603334174'), is_valid('0692 12 34 56'), is_valid('+32 2 555 12 12')
(True, True, True)
>>> to_e164('0596 63 12 34')
'+596596631234'
>>> region('0269 61 12 34'), region('0709 21 23 45')
('YT', 'RE')
>>> validate('0123')
Traceback (most recent call last):
    ...
segur_certificats.InvalidTelephone: "0123" n'est pas un numéro de téléphone ...
>>> fault('tel:+33603334174'), fault('06 03 33 41 74 poste 12')
('uri', 'extension')

```
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberType

from segur_certificats._identifiers import phone_fast
from segur_certificats._problems.errors import InvalidTelephone
from segur_certificats._problems.shown import show_value

__all__ = [
    "OVERSEAS",
    "fault",
    "is_valid",
    "parse",
    "region",
    "to_e164",
    "validate",
    "verdict",
]

OVERSEAS: tuple[str, ...] = phone_fast.OVERSEAS
"""The regions that dial in France's national format beside metropolitan France, in
the order their country codes are tried for a national number: La Réunion and
Mayotte (+262), Guadeloupe, Saint-Barthélemy and Saint-Martin (+590),
Martinique (+596), Guyane (+594)."""

# Not a number (no type), or a premium-rate service: not an administrator's line.
_REFUSED_TYPES = frozenset({PhoneNumberType.UNKNOWN, PhoneNumberType.PREMIUM_RATE})

# Only the number: digit groups (a group may stand in parentheses) with single
# spaces, dots, hyphens or slashes between them, one leading "+" or "00".
_GROUP = r"(?:[0-9]+|\([0-9]+\))"
_SHAPE = re.compile(rf"\+?{_GROUP}(?:[ .\-/]?{_GROUP})*")
_URI = re.compile(r"\s*(?:tel|callto|sip):", re.IGNORECASE)
_EXTENSION = re.compile(r"(?:e?xt\.?|extension|poste|p\.|x|#|;ext=)\s*[0-9]+\s*$", re.IGNORECASE)


def fault(number: str) -> str | None:
    """What is not part of the number itself, if anything: ``"uri"`` (``tel:``),
    ``"extension"``, ``"letters"``, ``"control"`` (invisible or control
    characters), ``"characters"`` (other punctuation); ``None`` when only the
    number is written (valid or not)."""
    text = number.strip()
    if _SHAPE.fullmatch(text):
        return None
    if _URI.match(text):
        return "uri"
    if _EXTENSION.search(text):
        return "extension"
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in text):
        return "control"
    if any(c.isalpha() for c in text):
        return "letters"
    return "characters"


def _judged(number: str) -> tuple[bool, str | None, str] | None:
    """phonenumbers' verdict on a usual written form, read from its metadata without
    parsing; None for any other form, and for text that is not only the number."""
    return phone_fast.judge(number.strip()) if fault(number) is None else None


def _overseas(national: phonenumbers.PhoneNumber) -> phonenumbers.PhoneNumber | None:
    """The overseas number these national digits dial, if any."""
    for code in phone_fast.COUNTRY_CODES:
        candidate = phonenumbers.PhoneNumber(
            country_code=code, national_number=national.national_number
        )
        if phonenumbers.number_type(candidate) is not PhoneNumberType.UNKNOWN:
            return candidate
    return None


def parse(number: str) -> phonenumbers.PhoneNumber:
    """Parse a phone number, raising `InvalidTelephone`."""
    refused = InvalidTelephone(value=show_value(number))
    if fault(number) is not None:
        raise refused
    text = number.strip()
    international = text.startswith(("+", "00"))
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, None if international else "FR")
    except phonenumbers.NumberParseException:
        raise refused from None
    if not international:
        parsed = _overseas(parsed) or parsed
    # A number is valid when its metadata gives it a type (what is_valid_number
    # checks), and that type is not refused: one look-up for both.
    if phonenumbers.number_type(parsed) in _REFUSED_TYPES:
        raise refused
    return parsed


def validate(number: str) -> str:
    """Check a phone number and return it as written."""
    parse(number)
    return number


def verdict(number: str) -> tuple[bool, str | None]:
    """Whether ``number`` is a valid phone number, and what is not part of the
    number itself if anything (see `fault`); one reading of the text.

    ```pycon
    >>> verdict('06 03 33 41 74'), verdict('06 03 33 41 74 poste 12')
    ((True, None), (False, 'extension'))

    ```
    """
    found = fault(number)
    if found is not None:
        return False, found
    judged = phone_fast.judge(number.strip())
    if judged is not None:
        return judged[0], None
    try:
        parse(number)
    except InvalidTelephone:
        return False, None
    return True, None


def is_valid(number: str) -> bool:
    """Whether ``number`` is a valid phone number (never raises)."""
    return verdict(number)[0]


def to_e164(number: str) -> str:
    """The normalised E.164 form, with the right overseas country code.

    ```pycon
    >>> to_e164('06 03 33 41 74'), to_e164('0262 30 40 50')
    ('+33603334174', '+262262304050')

    ```
    """
    judged = _judged(number)
    if judged is not None and judged[0]:
        return judged[2]
    return phonenumbers.format_number(parse(number), phonenumbers.PhoneNumberFormat.E164)


def region(number: str) -> str | None:
    """The region (ISO 3166 code) of a valid phone number."""
    judged = _judged(number)
    if judged is not None and judged[0]:
        return judged[1]
    return phonenumbers.region_code_for_number(parse(number))
