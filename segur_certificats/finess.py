"""FINESS juridique (Fichier National des Établissements Sanitaires et Sociaux).

The national number of a legal entity: 9 characters, all digits except that
Corsican numbers start with ``2A`` or ``2B``; the last digit is a Luhn key
computed over the number with ``2A`` read as ``21`` and ``2B`` as ``22``
(docs: format.md#finess-juridique).

```pycon
>>> validate('33 005 806 6')
'330058066'
>>> validate('2A0000154')
'2A0000154'
>>> validate('330058067')
Traceback (most recent call last):
    ...
segur_certificats.InvalidFinessChecksum: ...
>>> is_valid('2B0004246')
True
>>> calc_check_digit('75071218')
'4'
>>> format('750712184')
'75 071 218 4'

```
"""

from __future__ import annotations

import re

from segur_certificats._problems.errors import InvalidFinessChecksum, InvalidFinessFormat
from segur_certificats._problems.shown import show_value

__all__ = ["calc_check_digit", "compact", "format", "is_valid", "validate"]

_LENGTH = 9
_SEPARATORS = re.compile(r"[\s.\-]+")
_SHAPE = re.compile(r"(?:[0-9]{2}|2A|2B)[0-9]{7}")
_CORSICA = {"2A": "21", "2B": "22"}


def compact(number: str) -> str:
    """Remove the spaces, dots and hyphens people type, and upper-case ``2a``/``2b``.

    ```pycon
    >>> compact(' 2a 000 015 4 ')
    '2A0000154'

    ```
    """
    if number.isalnum() and number.isascii():  # nothing to remove
        return number.upper()
    return _SEPARATORS.sub("", number).upper()


# Luhn, two characters at a time: walking from the right, the key will take
# position 1, so the second character of each pair is doubled (its digits summed),
# the first is not. ``2A``/``2B`` (Corsica) count as ``21``/``22``.
def _doubled(digit: int) -> int:
    return 2 * digit - 9 if digit > 4 else 2 * digit


_PAIRS = {f"{a}{b}": a + _doubled(b) for a in range(10) for b in range(10)}
_FIRST_PAIRS = {**_PAIRS, **{letters: _PAIRS[digits] for letters, digits in _CORSICA.items()}}
_KEYS = tuple(str(-total % 10) for total in range(4 * 18 + 1))
"""The key of each Luhn total of 8 characters (at most 18 a pair)."""


def calc_check_digit(number: str) -> str:
    """The Luhn key of the first 8 characters of a FINESS number.

    ```pycon
    >>> calc_check_digit('2A000015')
    '4'

    ```
    """
    number = compact(number)
    if not _SHAPE.fullmatch(number + "0"):
        raise InvalidFinessFormat(value=show_value(number))
    return _key(number)


def _key(body: str) -> str:
    """The Luhn key of 8 characters already of the right shape."""
    return _KEYS[_FIRST_PAIRS[body[:2]] + _PAIRS[body[2:4]] + _PAIRS[body[4:6]] + _PAIRS[body[6:8]]]


def validate(number: str) -> str:
    """Check a FINESS juridique number and return its compact form.

    Raises `InvalidFinessFormat` when the
    number is not 9 characters of the right kind and
    `InvalidFinessChecksum` when its key is
    wrong.

    ```pycon
    >>> validate('970400107')
    '970400107'
    >>> validate('12345')
    Traceback (most recent call last):
        ...
    segur_certificats.InvalidFinessFormat: ...

    ```
    """
    number = compact(number)
    if len(number) != _LENGTH or not _SHAPE.fullmatch(number):
        raise InvalidFinessFormat(value=show_value(number))
    if _key(number[:-1]) != number[-1]:
        raise InvalidFinessChecksum(value=show_value(number))
    return number


def is_valid(number: str) -> bool:
    """Whether the number is a valid FINESS juridique (never raises).

    ```pycon
    >>> is_valid('330058066'), is_valid('330058067'), is_valid('ABC')
    (True, False, False)

    ```
    """
    try:
        return bool(validate(number))
    except (InvalidFinessFormat, InvalidFinessChecksum):
        return False


def format(number: str) -> str:
    """The display form of the FINESS site: ``DD DDD DDD K``.

    ```pycon
    >>> format('2A0000154')
    '2A 000 015 4'

    ```
    """
    number = compact(number)
    return " ".join((number[:2], number[2:5], number[5:8], number[8:]))
