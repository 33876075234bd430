"""The usual written forms of a phone number, judged from phonenumbers' own metadata
without parsing (docs: format.md#telephone).

A national number (``0X XX XX XX XX`` with the usual separators) and the
international forms of France and its overseas regions (``+33``, ``0033``,
``+262``, ``+590``, ``+594``, ``+596`` and nine digits) are judged here;
`judge` answers None for every other form, which `segur_certificats.telephone`
leaves to phonenumbers to parse. A differential test holds the two to the same
verdict, region and E.164 form on every national prefix of four digits, so a
phonenumbers upgrade that changed one would fail it.

`judge` follows phonenumbers' own algorithm for a number's region and type
(``region_code_for_number``, ``_number_type_helper``): a region gives a number a
type only if its general description takes it, and among the types the first,
premium rate, is refused. One pattern of lookaheads, one per general description
(and leading digits, where the metadata names them), tells in one match which
regions of the country codes a number may dial take it; the types of the regions
so left are one more pattern, whose first matching group names the region, in
phonenumbers' order of country codes and regions.

It is a pure function of its text: the same text always takes the same path to
the same answer, whatever was judged before and in whatever thread. Patterns are
compiled the first time a number needs them and kept (`functools.cache`), which
changes the cost of a call, never its path: the general descriptions of the
regions a number may dial (short patterns), then the types of the regions they
leave. A metropolitan mobile number compiles the types of France and La Réunion
(whose general description takes every ``6…``), not those of the six others.

```pycon
>>> judge('06 03 33 41 74'), judge('0269 61 12 34')
((True, 'FR', '+33603334174'), (True, 'YT', '+262269611234'))
>>> judge('0892 68 01 23')  # premium rate, in La Réunion as in metropolitan France
(False, None, '+262892680123')
>>> judge('+32 2 555 12 12') is None, judge('+33 (0)6 03 33 41 74') is None
(True, True)

```
"""

from __future__ import annotations

import functools
import re
from types import MappingProxyType
from typing import NamedTuple

import phonenumbers
from phonenumbers.phonemetadata import PhoneMetadata, PhoneNumberDesc

__all__ = ["COUNTRY_CODES", "OVERSEAS", "judge"]

OVERSEAS: tuple[str, ...] = ("RE", "YT", "GP", "MQ", "GF", "BL", "MF")
"""The regions that dial in France's national format beside metropolitan France, in
the order their country codes are tried for a national number (see
`segur_certificats.telephone.OVERSEAS`)."""

COUNTRY_CODES: tuple[int, ...] = tuple(
    dict.fromkeys(
        code
        for region in OVERSEAS
        for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items())
        if region in regions
    )
)
"""The country codes of `OVERSEAS`, in their order, read from phonenumbers' table of
country codes (which loads no region's metadata): 262, 590, 596, 594."""


_FRANCE = "33"
# The country codes judged here: France's, then those of OVERSEAS in their order.
_CODES = (_FRANCE, *(str(code) for code in COUNTRY_CODES))
# The codes a national number may dial, in the order they are tried: overseas first
# (their ranges are the specific ones), metropolitan France last.
_NATIONAL_CODES = (*_CODES[1:], _FRANCE)
# The digits of a national number in the usual forms.
_DIGITS = 9
# The separators the shape allows between digit groups, deleted (a read-only table).
_SEPARATORS = MappingProxyType(str.maketrans("", "", " .-/"))
# A usual form once its separators are gone: an international prefix, one of the
# codes and nine digits; or a national number, "0" and nine digits.
_USUAL = re.compile(
    rf"(?:\+|00)(?P<code>{'|'.join(_CODES)})(?P<international>[1-9][0-9]{{8}})"
    r"|0(?P<national>[1-9][0-9]{8})"
)
# The number types phonenumbers gives, in the order it tries them; the first,
# premium rate, is refused.
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


def _pattern(desc: PhoneNumberDesc | None) -> str | None:
    """The pattern a national number of nine digits must match for ``desc``, as
    phonenumbers matches it (possible lengths first), or None if none can."""
    if desc is None or not desc.national_number_pattern:
        return None
    if desc.possible_length and _DIGITS not in desc.possible_length:
        return None
    return str(desc.national_number_pattern)


class _Region(NamedTuple):
    """A region a number may dial, and its groups in `_gates`' pattern."""

    code: str
    name: str
    general: int | None
    """The index of the group set when its general description takes the number
    (None: it takes no number of nine digits)."""
    leading: int | None
    """The index of the group set when the number starts with its leading digits,
    if the metadata names them and its country code has other regions."""


@functools.cache
def _gates(codes: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[_Region, ...]]:
    """The regions of these country codes in the order phonenumbers tries them, and
    one pattern that always matches, whose groups say which of their general
    descriptions take a number (the first test of ``_number_type_helper``) and
    which leading digits it starts with: each test a lookahead that sets an empty
    group when it holds, one test for equal patterns. No pattern (the fast path
    then answers nothing) if the metadata's patterns hold groups of their own."""
    tests: dict[str, int] = {}
    regions = []
    for code in codes:
        names = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(code), ())
        for name in names:
            metadata = PhoneMetadata.metadata_for_region(name)
            if metadata is None:
                continue
            general = _pattern(metadata.general_desc)
            leading = metadata.leading_digits if len(names) > 1 else None
            if general is not None:
                general = rf"(?=(?:{general})\Z)"
            if leading is not None:
                leading = f"(?={leading})"
            regions.append(
                _Region(
                    code,
                    name,
                    None if general is None else tests.setdefault(general, len(tests)),
                    None if leading is None else tests.setdefault(leading, len(tests)),
                )
            )
    pattern = re.compile("".join(f"(?:{test}()|)" for test in tests))
    return (pattern if pattern.groups == len(tests) else None), tuple(regions)


@functools.cache
def _typed(
    codes: tuple[str, ...], hits: tuple[str | None, ...]
) -> tuple[re.Pattern[str] | None, tuple[tuple[str, str, int] | None, ...]]:
    """One pattern of the types of the regions these `_gates`' groups (``hits``)
    leave, one group for each region in phonenumbers' order: the number of the
    group that matches gives its country code, its region and the number of the
    group set when the type is premium rate (the first type phonenumbers tries).

    The regions left are those ``region_code_for_number`` may find: a code of one
    region is that region; among several, a region whose metadata names leading
    digits is the number's when they match (the code's others are not tried), any
    other when it gives the number a type; and only those whose general
    description takes the number, as ``_number_type_helper`` tests it first."""
    taken = []
    settled = set()
    for region in _gates(codes)[1]:
        if region.code in settled:
            continue
        if region.leading is not None:
            if hits[region.leading] is None:
                continue
            settled.add(region.code)
        if region.general is not None and hits[region.general] is not None:
            taken.append(region)
    alternatives = []
    for index, region in enumerate(taken):
        metadata = PhoneMetadata.metadata_for_region(region.name)
        premium, *others = (_pattern(getattr(metadata, kind)) for kind in _TYPES)
        if premium is None and not any(others):
            continue
        kinds = "".join(f"|(?:{kind})" for kind in others if kind is not None)
        alternatives.append(f"(?P<r{index}>(?P<p{index}>{premium or '(?!)'}){kinds})")
    if not alternatives:
        return None, ()
    pattern = re.compile("|".join(alternatives))
    slots: list[tuple[str, str, int] | None] = [None] * (pattern.groups + 1)
    for index, region in enumerate(taken):
        if f"r{index}" in pattern.groupindex:
            slot = (region.code, region.name, pattern.groupindex[f"p{index}"])
            slots[pattern.groupindex[f"r{index}"]] = slot
    return pattern, tuple(slots)


def judge(text: str) -> tuple[bool, str | None, str] | None:
    """What phonenumbers says of ``text`` (stripped, its shape accepted by
    `segur_certificats.telephone.fault`) when it is a usual written form: whether
    it is valid (it has a type, not premium rate), its region if valid, and its
    E.164 form; None for any other form.

    A national number dials the first overseas country code under which it has a
    type (the regions' ranges are the specific ones), else metropolitan France.
    """
    found = _USUAL.fullmatch(text.translate(_SEPARATORS))
    if found is None:
        return None
    code, national, local = found.groups()
    if code is None:
        code, national, codes = _FRANCE, local, _NATIONAL_CODES
    else:
        codes = (code,)
    gates = _gates(codes)[0]
    hits = gates.match(national) if gates is not None else None
    if hits is None:  # patterns with groups of their own: phonenumbers decides
        return None
    typed, slots = _typed(codes, hits.groups())
    match = typed.fullmatch(national) if typed is not None else None
    slot = slots[match.lastindex] if match is not None and match.lastindex else None
    if slot is None:
        return False, None, f"+{code}{national}"
    dialled, region, premium = slot
    if match is None or match.group(premium) is not None:
        return False, None, f"+{dialled}{national}"
    return True, region, f"+{dialled}{national}"
