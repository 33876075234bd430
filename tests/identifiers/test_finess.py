"""FINESS juridique, the python-stdnum way (docs: format.md#finess-juridique)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_certificats import InvalidFinessChecksum, InvalidFinessFormat, finess
from segur_certificats.strategies import finess_juridiques

# FINESS juridique numbers of real legal entities in several departments.
REAL = [
    "750712184",  # Paris
    "690781810",  # Rhône
    "130786049",  # Bouches-du-Rhône
    "330781196",  # Gironde
    "310781406",  # Haute-Garonne
    "590780193",  # Nord
    "670780055",  # Bas-Rhin
    "440000289",  # Loire-Atlantique
    "060785011",  # Alpes-Maritimes
    "2A0000154",  # Corse-du-Sud
    "2B0004246",  # Haute-Corse
    "970421038",  # La Réunion
    "970211207",  # Martinique
    "970100228",  # Guadeloupe
]


@pytest.mark.parametrize("number", REAL)
def test_real_numbers_are_valid(number):
    assert finess.validate(number) == number
    assert finess.is_valid(number)


def test_corsica_passes_only_with_2a_read_as_21():
    # Read as digits "20…" the key would not match; read as "21…" it does.
    assert finess.calc_check_digit("21000015") == "4"
    assert finess.calc_check_digit("20000015") != "4"


@pytest.mark.parametrize(
    "number",
    ["12345678", "1234567890", "2C0000154", "A20000154", "33005806X", "", "３３００５８０６６"],
)
def test_bad_shapes_are_format_errors(number):
    with pytest.raises(InvalidFinessFormat):
        finess.validate(number)


def test_display_form_is_accepted_and_compacted():
    assert finess.validate("75 071 218 4") == "750712184"
    assert finess.format("750712184") == "75 071 218 4"


@given(finess_juridiques())
def test_generated_numbers_are_valid_and_format_round_trips(number):
    assert finess.validate(finess.format(number)) == number


@given(finess_juridiques(), st.integers(0, 8), st.integers(1, 9))
def test_any_single_digit_typo_is_caught(number, position, delta):
    if not number[position].isdigit():
        return
    typo = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    with pytest.raises((InvalidFinessChecksum, InvalidFinessFormat)):
        finess.validate(typo)


def _textbook_luhn(body: str) -> str:
    """The Luhn key as the textbook computes it, digit by digit from the right."""
    digits = [int(c) for c in {"2A": "21", "2B": "22"}.get(body[:2], body[:2]) + body[2:]]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        counted = digit
        if position % 2 == 0:  # the key will stand at the right: these are doubled
            counted = 2 * digit
            if counted > 9:
                counted -= 9
        total += counted
    return str((10 - total % 10) % 10)


@given(
    st.sampled_from(["2A", "2B"]) | st.from_regex(r"[0-9]{2}", fullmatch=True),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
)
def test_the_key_is_the_textbook_luhn_key(head, tail):
    # The key is summed two characters at a time from tables (finess.py): the same
    # key as the digit-by-digit computation, for every body, Corsica's included.
    body = head + tail
    assert finess.calc_check_digit(body) == _textbook_luhn(body)
    assert finess.is_valid(body + _textbook_luhn(body))


def test_every_first_pair_and_every_digit_at_every_position():
    # Exhaustive where it is cheap: each first pair (100 + 2A/2B) with the rest zero,
    # and each digit at each of the other positions.
    firsts = [f"{i:02d}" for i in range(100)] + ["2A", "2B"]
    bodies = [first + "000000" for first in firsts]
    bodies += ["00" + "0" * p + str(d) + "0" * (5 - p) for p in range(6) for d in range(10)]
    for body in bodies:
        assert finess.calc_check_digit(body) == _textbook_luhn(body), body
