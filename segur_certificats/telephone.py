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

import functools
import re
import unicodedata
from collections.abc import Sequence

import phonenumbers
from phonenumbers import PhoneNumberType
from phonenumbers.phonemetadata import PhoneMetadata, PhoneNumberDesc

from segur_certificats._internal.problems.errors import InvalidTelephone
from segur_certificats._internal.problems.shown import show_value

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

OVERSEAS: tuple[str, ...] = ("RE", "YT", "GP", "MQ", "GF", "BL", "MF")
"""The regions that dial in France's national format beside metropolitan France, in
the order their country codes are tried for a national number: La Réunion and
Mayotte (+262), Guadeloupe, Saint-Barthélemy and Saint-Martin (+590),
Martinique (+596), Guyane (+594)."""

# Read from phonenumbers' table of country codes, which loads no region's metadata.
_COUNTRY_CODES = tuple(
    dict.fromkeys(
        code
        for region in OVERSEAS
        for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items())
        if region in regions
    )
)
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


# -- The usual written forms, read from phonenumbers' metadata in one pass --------------------
#
# A national number (``0X XX XX XX XX`` with the usual separators) and the
# international forms of France and its overseas regions (``+33``, ``0033``,
# ``+262``, ``+590``, ``+594``, ``+596`` and nine digits) are judged here without
# parsing: phonenumbers' own algorithm for a number's type (`number_type`) over
# its own metadata, compiled once. Every other form goes through phonenumbers.
# A test holds the two to the same verdict, region and E.164 form on every
# national prefix, so that a phonenumbers upgrade that changed one would fail it.

# The separators the shape allows between digit groups.
_SEPARATORS = str.maketrans("", "", " .-/")
# The number types phonenumbers tries, in its order; the first is refused.
_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)
# The country codes read here: France's, then those of OVERSEAS in their order.
_FAST_CODES = ("33", *(str(code) for code in _COUNTRY_CODES))
_NATIONAL_DIGITS = 9
# The codes a national number may dial, in the order they are tried: overseas first.
_NATIONAL_CODES = (*_FAST_CODES[1:], _FAST_CODES[0])


def _pattern(desc: PhoneNumberDesc | None, length: int) -> str | None:
    """The pattern a national number of ``length`` digits must match for ``desc``,
    as phonenumbers matches it (possible lengths first), or None if none can."""
    if desc is None or not desc.national_number_pattern:
        return None
    if desc.possible_length and length not in desc.possible_length:
        return None
    return str(desc.national_number_pattern)


@functools.cache
def _region_patterns(region: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """For nine-digit national numbers of ``region``: one pattern that matches
    exactly the numbers phonenumbers gives a type (general description and any
    type), and the premium-rate pattern."""
    metadata = PhoneMetadata.metadata_for_region(region)
    general = _pattern(metadata.general_desc if metadata else None, _NATIONAL_DIGITS)
    if metadata is None or general is None:
        return None, None
    types = [_pattern(getattr(metadata, name), _NATIONAL_DIGITS) for name in _TYPES]
    kinds = "|".join(f"(?:{pattern})" for pattern in types if pattern is not None)
    typed = re.compile(f"(?=(?:{general})$)(?:{kinds})") if kinds else None
    premium = re.compile(types[0]) if types[0] is not None else None
    return typed, premium


@functools.cache
def _typed(codes: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the regions of these country codes, in the order
    phonenumbers tries them: the group that matches names the region (and its
    code) a national number belongs to."""
    groups = []
    for code in codes:
        regions: Sequence[str] = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(code), ())
        for name in regions:
            typed, _ = _region_patterns(name)
            if typed is not None:
                groups.append(f"(?P<{name}_{code}>{typed.pattern})")
    return re.compile("|".join(groups) or "(?!)")


def _typed_region(codes: tuple[str, ...], national: str) -> tuple[str, str, bool] | None:
    """The region a national number belongs to, as phonenumbers finds it (the first
    region of the first of these country codes that gives it a type), its country
    code, and whether that type is the premium rate."""
    found = _typed(codes).fullmatch(national)
    if found is None or found.lastgroup is None:
        return None
    name, code = found.lastgroup.split("_")
    premium = _region_patterns(name)[1]
    return name, code, premium is not None and premium.fullmatch(national) is not None


def _usual(text: str) -> tuple[str, str] | None:
    """``(country code, national number)`` of a usual written form; None for any
    other (then phonenumbers reads it). The country code is "" for a national
    number, which may dial several of them."""
    if "(" in text:
        return None
    digits = text.translate(_SEPARATORS)
    if digits.startswith(("+", "00")):
        rest = digits[1:] if digits[0] == "+" else digits[2:]
        for code in _FAST_CODES:
            national = rest[len(code) :]
            if rest.startswith(code) and len(national) == _NATIONAL_DIGITS and national[0] != "0":
                return code, national
        return None
    if len(digits) == _NATIONAL_DIGITS + 1 and digits[0] == "0" and digits[1] != "0":
        return "", digits[1:]
    return None


# The fast path's patterns are compiled at its first use (eight regions' metadata):
# a process that judges only a few numbers leaves them to phonenumbers, which
# loads only the regions it needs. The verdicts are the same either way.
_WARM_UP = 16
_read_by_phonenumbers = 0


def _fast(text: str) -> tuple[bool, str | None, str] | None:
    """``(valid, region, E.164)`` for a usual written form whose shape is already
    checked; None for any other."""
    usual = _usual(text)
    if usual is None:
        return None
    code, national = usual
    # A national number dials an overseas region when it has a type there (the
    # regions' ranges are the specific ones), else metropolitan France.
    codes = (code,) if code else _NATIONAL_CODES
    found = _typed_region(codes, national)
    if found is None:
        return False, None, f"+{code or _FAST_CODES[0]}{national}"
    name, dialled, premium = found
    return not premium, name, f"+{dialled}{national}"


def _overseas(national: phonenumbers.PhoneNumber) -> phonenumbers.PhoneNumber | None:
    """The overseas number these national digits dial, if any."""
    for code in _COUNTRY_CODES:
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
    global _read_by_phonenumbers  # noqa: PLW0603 - a count of the first numbers, see _WARM_UP
    found = fault(number)
    if found is not None:
        return False, found
    fast = _fast(number.strip()) if _read_by_phonenumbers >= _WARM_UP else None
    if fast is not None:
        return fast[0], None
    _read_by_phonenumbers += 1
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
    fast = _fast(number.strip()) if fault(number) is None else None
    if fast is not None and fast[0]:
        return fast[2]
    return phonenumbers.format_number(parse(number), phonenumbers.PhoneNumberFormat.E164)


def region(number: str) -> str | None:
    """The region (ISO 3166 code) of a valid phone number."""
    fast = _fast(number.strip()) if fault(number) is None else None
    if fast is not None and fast[0]:
        return fast[1]
    return phonenumbers.region_code_for_number(parse(number))
