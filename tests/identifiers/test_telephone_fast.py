"""The usual written forms of a phone number are judged from phonenumbers' own
metadata without parsing; every verdict, region and E.164 form is the library's
(docs: format.md#telephone).

The grid below runs on every national prefix of four digits and on the
international forms of France and its overseas regions: a phonenumbers upgrade
that changed the algorithm behind a verdict the fast path gives would fail it.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_certificats import InvalidTelephone, telephone
from segur_certificats.strategies import telephones


def library(text: str) -> tuple[bool, str | None, str | None]:
    """What phonenumbers itself says: through `telephone.parse`, which parses."""
    try:
        parsed = telephone.parse(text)
    except InvalidTelephone:
        return False, None, None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return True, phonenumbers.region_code_for_number(parsed), e164


def fast(text: str) -> tuple[bool, str | None, str | None]:
    found = telephone._fast(text)
    assert found is not None, f"{text!r} is a usual form"
    valid, region, e164 = found
    return (True, region, e164) if valid else (False, None, None)


_SUFFIXES = ("00000", "45678", "99999")
_NATIONAL = [
    f"0{first}{middle:03d}{suffix}"
    for first in range(1, 10)
    for middle in range(1000)
    for suffix in _SUFFIXES
]


def test_every_national_prefix_gets_the_librarys_verdict_region_and_e164():
    disagreements = [text for text in _NATIONAL if fast(text) != library(text)]
    assert not disagreements, disagreements[:20]
    assert len(_NATIONAL) == 27_000
    # The grid holds numbers of every kind of answer.
    verdicts = {fast(text)[1] for text in _NATIONAL}
    assert {None, "FR", "RE", "YT", "GP", "MQ", "GF"} <= verdicts


@pytest.mark.parametrize("code", ["33", "262", "590", "594", "596"])
def test_the_international_forms_get_the_librarys_verdict(code):
    numbers = [text[1:] for text in _NATIONAL[:: len(_SUFFIXES)]]  # one suffix, every prefix
    for national in numbers:
        for written in (
            f"+{code}{national}",
            f"00{code} {national}",
            f"+{code} {national[0]} {national[1:]}",
        ):
            assert fast(written) == library(written), written


_SEPARATED = st.tuples(
    st.sampled_from(["", "+33", "0033", "+262", "+590", "+594", "+596"]),
    st.text("0123456789", min_size=9, max_size=9).filter(lambda d: d[0] != "0"),
    st.sampled_from([" ", ".", "-", "/", ""]),
)


@given(_SEPARATED)
def test_every_separator_and_grouping_gets_the_librarys_verdict(parts):
    prefix, national, separator = parts
    body = separator.join(national[i : i + 2] for i in range(1, 9, 2))
    text = (
        f"{prefix} {national[0]}{separator}{body}" if prefix else f"0{national[0]}{separator}{body}"
    )
    assert telephone.fault(text) is None
    found = telephone._fast(text)
    if found is not None:
        assert fast(text) == library(text)


@given(telephones())
def test_the_drawn_numbers_of_every_region_agree(text):
    if telephone._fast(text) is not None:
        assert fast(text) == library(text)
    assert telephone.verdict(text) == (True, None)


@pytest.mark.parametrize(
    "text", ["0123", "+32 2 555 12 12", "(0)6 03 33 41 74", "+33 (0)6 03 33 41 74", "00 603334174"]
)
def test_other_forms_are_left_to_phonenumbers(text):
    assert telephone._fast(text) is None
    assert telephone.is_valid(text) == library(text)[0]


def test_the_fast_path_takes_the_usual_forms():
    for text in ("06 03 33 41 74", "0692123456", "+33 6 03 33 41 74", "0033603334174"):
        assert telephone._fast(text) is not None
