"""Phone numbers of technical administrators, metropolitan, overseas and international.

French overseas departments are dialled in the national format too
(``0262…``, ``0692…`` in Réunion), but parsing those with region ``FR``
alone is wrong both ways: ``phonenumbers`` rejects some and reads ``0596…``
(Martinique) or ``0269…`` (Mayotte) as metropolitan ``+33`` numbers. Here the
overseas prefix decides the region, the rest is parsed as ``FR``, and
international numbers (``+32 …``, ``0033 …``) are read as written
(SPEC R-FLD-4).

```pycon
>>> is_valid('0603334174'), is_valid('0692 12 34 56'), is_valid('+32 2 555 12 12')
(True, True, True)
>>> to_e164('0596 63 12 34')
'+596596631234'
>>> region('0269 61 12 34')
'YT'
>>> validate('0123')
Traceback (most recent call last):
    ...
segur_certificats.errors.InvalidTelephone: not a valid phone number: '0123'

```
"""

from __future__ import annotations

import re

import phonenumbers

from segur_certificats.errors import InvalidTelephone

__all__ = ["OVERSEAS_PREFIXES", "is_valid", "parse", "region", "to_e164", "validate"]

#: National prefixes of the overseas departments → their region (ISO 3166).
OVERSEAS_PREFIXES: dict[str, str] = {
    "0262": "RE",  # La Réunion, fixed
    "0263": "RE",
    "0692": "RE",  # La Réunion, mobile
    "0693": "RE",
    "0590": "GP",  # Guadeloupe (and Saint-Barthélemy, Saint-Martin), fixed
    "0690": "GP",  # mobile
    "0691": "GP",
    "0596": "MQ",  # Martinique, fixed
    "0696": "MQ",  # mobile
    "0697": "MQ",
    "0594": "GF",  # Guyane, fixed
    "0694": "GF",  # mobile
    "0269": "YT",  # Mayotte, fixed
    "0639": "YT",  # mobile
}

_NOT_DIGITS = re.compile(r"[^0-9+]")


def _home_region(number: str) -> str | None:
    """The region to parse a national-format number with; ``None`` for international."""
    digits = _NOT_DIGITS.sub("", number)
    if digits.startswith(("+", "00")):
        return None
    return OVERSEAS_PREFIXES.get(digits[:4], "FR")


def parse(number: str) -> phonenumbers.PhoneNumber:
    """Parse a phone number, raising `InvalidTelephone`."""
    home = _home_region(number)
    text = number.strip()
    if home is None and text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, home or "FR")
    except phonenumbers.NumberParseException:
        raise InvalidTelephone(f"not a valid phone number: {number!r}") from None
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidTelephone(f"not a valid phone number: {number!r}")
    return parsed


def validate(number: str) -> str:
    """Check a phone number and return it as written."""
    parse(number)
    return number


def is_valid(number: str) -> bool:
    """Whether ``number`` is a valid phone number (never raises)."""
    try:
        parse(number)
    except InvalidTelephone:
        return False
    return True


def to_e164(number: str) -> str:
    """The normalised E.164 form, with the right overseas country code.

    ```pycon
    >>> to_e164('06 03 33 41 74'), to_e164('0262 30 40 50')
    ('+33603334174', '+262262304050')

    ```
    """
    return phonenumbers.format_number(parse(number), phonenumbers.PhoneNumberFormat.E164)


def region(number: str) -> str | None:
    """The region (ISO 3166 code) of a valid phone number."""
    return phonenumbers.region_code_for_number(parse(number))
