"""Field rules with real-world values (SPEC R-FLD)."""

from __future__ import annotations

import email_validator
import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_certificats import InvalidTelephone, telephone
from segur_certificats.fields import (
    check_carte_cpx,
    check_email,
    check_finess,
    check_nom,
    check_telephone,
    clean,
)

from .strategies import names, phones


def codes(problems):
    return [p.code for p in problems]


# -- R-FLD-1 FINESS juridique ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("750712184", []),
        ("2A0000154", []),
        ("2B0004246", []),
        ("970421038", []),
        ("750712185", ["finess.checksum"]),
        ("2A0000155", ["finess.checksum"]),
        ("20000154", ["finess.format"]),
        ("2C0000154", ["finess.format"]),
        ("ABCDEFGHI", ["finess.format"]),
        ("", ["required"]),
        ("   ", ["required"]),
        (None, ["required"]),
    ],
)
def test_finess(value, expected):
    assert codes(check_finess(value)) == expected


# -- R-FLD-2 numeroCarteCPX ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "required", "expected"),
    [
        ("8001234567", True, []),
        (None, False, []),
        ("", False, []),  # blank optional value is null
        (None, True, ["cpx.required"]),
        ("  ", True, ["cpx.required"]),
        ("80012345678", False, ["max-length"]),
        ("XXXXXXXXXX", False, ["cpx.format"]),  # a warning: the guide's masked example
    ],
)
def test_carte_cpx(value, required, expected):
    assert codes(check_carte_cpx(value, required=required)) == expected


def test_an_unusual_card_number_is_only_a_warning():
    (problem,) = check_carte_cpx("12345", required=False)
    assert problem.severity.value == "warning"


# -- R-FLD-3 nomAdminTechnique ------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "STU",
        "LE GALL",
        "N'DIAYE",
        "N’DIAYE",
        "Marie-Hélène",
        "Æsa",
        "Łukasz",
        "Zoë",
        "Ñúñez",
        "Ødegård",
    ],
)
def test_names_of_any_script_with_single_joiners_are_accepted(value):
    assert check_nom(value) == []


@pytest.mark.parametrize(
    "value",
    [
        "R2D2",
        "Dupont.",
        "Dupont  Durand",
        "-Dupont",
        "Dupont-",
        "O''Neil",
        "Jean--Paul",
        "a_b",
        "Dupont (IT)",
        "José ²",
    ],
)
def test_digits_and_other_punctuation_are_refused(value):
    assert codes(check_nom(value)) == ["nom.format"]


def test_name_length_counts_characters_after_nfc():
    decomposed = "E\u0301" * 25  # 50 code points, 25 characters once composed
    assert check_nom(decomposed) == []
    assert codes(check_nom("A" * 26)) == ["max-length"]


def test_surrounding_spaces_are_stripped_before_judging():
    assert check_nom("  LE GALL  ") == []
    assert clean("  x ") == "x"


def test_an_empty_name_is_required_not_too_short():
    assert codes(check_nom("")) == ["required"]


@given(names)
def test_every_generated_name_is_accepted(name):
    assert check_nom(name) == []


# -- R-FLD-4 telAdminTechnique ------------------------------------------------------

OVERSEAS = [
    ("0262 30 40 50", "RE", "+262262304050"),
    ("0692 12 34 56", "RE", "+262692123456"),
    ("0590 82 12 34", "GP", "+590590821234"),
    ("0690 12 34 56", "GP", "+590690123456"),
    ("0596 63 12 34", "MQ", "+596596631234"),
    ("0696 12 34 56", "MQ", "+596696123456"),
    ("0594 29 12 34", "GF", "+594594291234"),
    ("0694 12 34 56", "GF", "+594694123456"),
    ("0269 61 12 34", "YT", "+262269611234"),
    ("0639 69 12 34", "YT", "+262639691234"),
]


@pytest.mark.parametrize(("value", "region", "e164"), OVERSEAS)
def test_overseas_numbers_in_national_format_get_their_own_region(value, region, e164):
    assert check_telephone(value) == []
    assert telephone.region(value) == region
    assert telephone.to_e164(value) == e164


@pytest.mark.parametrize("value", ["0596 63 12 34", "0269 61 12 34"])
def test_martinique_and_mayotte_are_not_read_as_metropolitan(value):
    # phonenumbers with region FR alone would give +33 here.
    assert not telephone.to_e164(value).startswith("+33")


@pytest.mark.parametrize(
    "value",
    [
        "0603334174",
        "06 03 33 41 74",
        "06.03.33.41.74",
        "01 42 34 56 78",
        "+33 6 03 33 41 74",
        "0033 6 03 33 41 74",
        "+32 2 555 12 12",
        "+508 41 23 45",
        "+262 692 12 34 56",
    ],
)
def test_metropolitan_and_international_numbers_are_accepted(value):
    assert check_telephone(value) == []


@pytest.mark.parametrize(
    "value", ["0123", "06 03 33 41", "not a phone", "+33 262 30 40 50", "0000000000"]
)
def test_invalid_numbers_are_refused(value):
    assert codes(check_telephone(value)) == ["tel.invalid"]


def test_the_value_is_kept_as_written():
    assert telephone.validate("06 03 33 41 74") == "06 03 33 41 74"
    with pytest.raises(InvalidTelephone):
        telephone.validate("0123")


@given(phones)
def test_every_generated_phone_is_accepted(value):
    assert check_telephone(value) == []


def test_phone_length_is_limited_to_fifty():
    assert "max-length" in codes(check_telephone("0" * 51))


# -- R-FLD-5 emailAdminTechnique ----------------------------------------------------


@pytest.mark.parametrize(
    "value", ["a.stu@mail.com", "g.vi@mail.com", "m.ch@mail.fr", "hélène@ehpad.fr"]
)
def test_valid_emails(value):
    assert check_email(value) == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("a.stu", "il manque le signe @"),
        ("@mail.com", "rien avant le @"),
        ("a@", "rien après le @"),
        ("a@mail", "le domaine doit contenir un point"),
        ("a..b@mail.com", "deux points de suite"),
        ("a b@mail.com", "une adresse ne contient pas d'espace"),
        ("a@b@mail.com", "un seul signe @ est permis"),
        ("a(b)@mail.com", 'caractère non permis "("'),
        (".a@mail.com", "point mal placé"),
        ("a@-mail.com", "tiret mal placé dans le domaine"),
    ],
)
def test_invalid_emails_say_why_in_our_words(value, reason):
    (problem,) = check_email(value)
    assert problem.code == "email.invalid"
    assert reason in problem.message()
    assert "@" in problem.message("en")


@given(st.text(st.sampled_from("ab.-@ (é_"), max_size=12))
def test_the_email_reason_does_not_depend_on_email_validators_wording(value):
    # The same reason whatever email-validator says: its messages change between releases.
    normal = check_email(value)

    class Mute(email_validator.EmailSyntaxError):
        def __str__(self) -> str:
            return "?"

    def refuse(text, **kwargs):
        try:
            return original(text, **kwargs)
        except email_validator.EmailNotValidError:
            raise Mute("?") from None

    original = email_validator.validate_email
    email_validator.validate_email = refuse
    try:
        assert [p.message() for p in check_email(value)] == [p.message() for p in normal]
    finally:
        email_validator.validate_email = original


def test_email_length_is_limited_to_150():
    long_but_valid = "a" * 64 + "@" + "b" * 40 + "." + "c" * 42 + ".fr"
    assert len(long_but_valid) == 151
    assert codes(check_email(long_but_valid)) == ["max-length"]


@given(st.text(max_size=60))
def test_field_checks_never_raise(value):
    for check in (check_nom, check_telephone, check_email, check_finess):
        check(value)
    check_carte_cpx(value, required=True)
