"""Field rules with real-world values (docs: format.md#field-rules)."""

from __future__ import annotations

import unicodedata

import email_validator
import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from segur_certificats import InvalidTelephone, Severity, telephone
from segur_certificats._rules.cache import CACHE_SIZE, cached, clear_cache
from segur_certificats._rules.fields import (
    check_carte_cpx,
    check_email,
    check_finess,
    check_nom,
    check_telephone,
)
from segur_certificats._vocabulary.normalise import text
from segur_certificats.strategies import noms, telephones


def codes(problems):
    return [p.code for p in problems]


# -- FINESS juridique (docs: format.md#finess-juridique) -------------------------------------------


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


# -- numeroCarteCPX (docs: format.md#card-number) --------------------------------------------------


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


# -- nomAdminTechnique (docs: format.md#name) ------------------------------------------------------


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
        "Adéṣọ̀lá",  # ọ̀ has no precomposed form: NFC leaves a combining grave
        "Nguyễn Thị Minh Khai",
        "Þórður",
        "Szczęsny-Wójcik",
        "A\u0323\u0300",  # a letter with two combining marks
        "Ama\u0301\u0304",
    ],
)
def test_latin_names_of_every_language_with_their_marks_are_accepted(value):
    assert check_nom(value) == []


@pytest.mark.parametrize("value", ["Σωκράτης", "Иванов", "محمد", "李", "Dupont-Иванов"])
def test_a_name_in_another_script_is_only_a_warning(value):
    (problem,) = check_nom(value)
    assert (problem.code, problem.severity) == ("nom.script", Severity.WARNING)
    assert "lettres latines" in problem.message()
    assert "Latin letters" in problem.message("en")


@pytest.mark.parametrize("value", ["\u0301A", "A \u0301B", "A-\u0300", "\u0300"])
def test_a_mark_must_follow_a_letter(value):
    assert codes(check_nom(value)) == ["nom.format"]


@given(
    st.lists(
        st.tuples(
            st.characters(categories=["Lu", "Ll"]).filter(
                lambda c: unicodedata.name(c, "").startswith("LATIN")
            ),
            st.text(st.characters(categories=["Mn"]), max_size=2),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_latin_letters_with_any_combining_marks_make_a_name(letters):
    name = "".join(letter + marks for letter, marks in letters)
    assert [p for p in check_nom(name) if p.code != "max-length"] == []


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
    assert text("  x ") == "x"


def test_an_empty_name_is_required_not_too_short():
    assert codes(check_nom("")) == ["required"]


@given(noms())
def test_every_generated_name_is_accepted(name):
    assert check_nom(name) == []


# -- telAdminTechnique (docs: format.md#telephone) -------------------------------------------------

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


# phonenumbers' own example numbers, so that a metadata release that adds ranges
# is covered without editing a list.
_TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.VOIP)
EXAMPLES = [
    (region, kind, example)
    for region in ("FR", *telephone.OVERSEAS, "PM")
    for kind in _TYPES
    if (example := phonenumbers.example_number_for_type(region, kind)) is not None
]
_OVERSEAS_CODES = {phonenumbers.country_code_for_region(r) for r in telephone.OVERSEAS}


def _national_codes(national):
    """The overseas country codes under which these national digits are valid."""
    digits = phonenumbers.parse(national, "FR").national_number
    return {
        code
        for code in _OVERSEAS_CODES
        if phonenumbers.is_valid_number(
            phonenumbers.PhoneNumber(country_code=code, national_number=digits)
        )
    }


@pytest.mark.parametrize(
    ("region", "kind", "example"), EXAMPLES, ids=lambda x: str(getattr(x, "name", x))
)
def test_every_example_number_of_each_french_region_is_valid(region, kind, example):
    international = phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
    assert check_telephone(international) == []
    assert telephone.to_e164(international) == e164
    if region == "PM":  # Saint-Pierre-et-Miquelon dials +508, not France's national format
        return
    national = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
    assert check_telephone(national) == []
    written = telephone.to_e164(national)
    if region == "FR":
        assert written in {e164, *(f"+{c}{example.national_number}" for c in _OVERSEAS_CODES)}
        return
    # An overseas number keeps an overseas country code; its own when only it serves
    # these digits (GP and GF share their VoIP example 0976 01 23 45, for instance).
    assert not written.startswith("+33")
    codes_here = _national_codes(national)
    assert example.country_code in codes_here
    if codes_here == {example.country_code}:
        assert written == e164


@pytest.mark.parametrize(
    ("value", "region", "e164"),
    [
        ("0709 21 23 45", "RE", "+262709212345"),  # a Réunion/Mayotte mobile range
        ("0939 80 12 34", "YT", "+262939801234"),  # overseas VoIP ranges
        ("0976 61 23 45", "MQ", "+596976612345"),
        ("0976 01 23 45", "GP", "+590976012345"),  # also Guyane's: +590 is tried first
    ],
)
def test_overseas_ranges_come_from_the_metadata(value, region, e164):
    assert telephone.region(value) == region
    assert telephone.to_e164(value) == e164


@pytest.mark.parametrize(
    ("value", "variant", "remove"),
    [
        ("tel:+33603334174", "uri", "tel:"),
        ("TEL:0603334174", "uri", "tel:"),
        ("06 03 33 41 74 ext. 12", "extension", "poste"),
        ("06 03 33 41 74 poste 12", "extension", "poste"),
        ("0603334174x12", "extension", "poste"),
        ("06 03 33 41 74 (bureau)", "letters", "lettres"),
        ("O6O3334174", "letters", "lettres"),
        ("06 03 33 41 74\x00", "control", "invisibles"),
        ("06\u200b03334174", "control", "invisibles"),
        ("06 03 33 41 74 !", "characters", "non permis"),
        ("06 03 33 41 74;", "characters", "non permis"),
    ],
)
def test_only_the_number_itself_is_a_phone_number(value, variant, remove):
    (problem,) = check_telephone(value)
    assert (problem.code, problem.variant) == ("tel.invalid", variant)
    assert remove in problem.message()


@pytest.mark.parametrize(
    "value",
    [
        "06/03/33/41/74",
        "06-03-33-41-74",
        "+33 (0)6 03 33 41 74",
        "(06) 03 33 41 74",
        "0033603334174",
    ],
)
def test_the_usual_ways_of_grouping_digits_are_accepted(value):
    assert check_telephone(value) == []


@pytest.mark.parametrize(
    "value", ["15", "112", "3615", "06 03 33 41", "0891 23 45 67", "0899 12 34 56", "+33"]
)
def test_short_codes_truncated_and_premium_numbers_are_refused(value):
    assert codes(check_telephone(value)) == ["tel.invalid"]


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


@given(telephones())
def test_every_generated_phone_is_accepted(value):
    assert check_telephone(value) == []


def test_phone_length_is_limited_to_fifty():
    assert "max-length" in codes(check_telephone("0" * 51))


# -- emailAdminTechnique (docs: format.md#e-mail) --------------------------------------------------


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
    clear_cache()  # the verdicts are cached: judge again with the muted messages
    try:
        assert [p.message() for p in check_email(value)] == [p.message() for p in normal]
    finally:
        email_validator.validate_email = original
        clear_cache()


def test_email_length_is_limited_to_150():
    long_but_valid = "a" * 64 + "@" + "b" * 40 + "." + "c" * 42 + ".fr"
    assert len(long_but_valid) == 151
    assert codes(check_email(long_but_valid)) == ["max-length"]


@given(st.text(max_size=60))
def test_field_checks_never_raise(value):
    for check in (check_nom, check_telephone, check_email, check_finess):
        check(value)
    check_carte_cpx(value, required=True)


# -- The guide's own example values, each with its verdict (docs: format.md#field-rules) --


@pytest.mark.parametrize(
    ("check", "value", "expected"),
    [
        # The consultation screen and the pop-ins of the guide.
        (lambda v: check_carte_cpx(v, required=True), "XXXXXXXXXX", ["cpx.format"]),  # masked
        (lambda v: check_carte_cpx(v, required=True), "xxxxxxxxx", ["cpx.format"]),  # pop-in
        (check_nom, "STU", []),
        (check_nom, "VIE", []),
        (check_nom, "LU", []),
        (check_nom, "CHAN", []),
        (check_telephone, "0603334174", []),
        (check_telephone, "0613434174", []),
        (check_telephone, "0613438174", []),
        (check_telephone, "0613938174", []),
        (check_email, "a.stu@mail.com", []),
        (check_email, "a.st@mail.com", []),
        (check_email, "g.vi@mail.com", []),
        (check_email, "s.lu@mail.com", []),
        (check_email, "m.ch@mail.fr", []),
        (check_finess, "330058066", []),
        (check_finess, "330058067", ["finess.checksum"]),  # the guide's rows 2 to 5 are
        (check_finess, "330058068", ["finess.checksum"]),  # made-up numbers: their keys
        (check_finess, "330058069", ["finess.checksum"]),  # are wrong
        (check_finess, "330058070", ["finess.checksum"]),
    ],
)
def test_the_guides_example_values(check, value, expected):
    assert codes(check(value)) == expected


PHONES_AND_MORE = [
    "0603334174",
    "0123",
    "tel:0603334174",
    "STU",
    "Иванов",
    "a.stu@mail.com",
    "a@b",
    "330058066",
    "330058067",
    " STU ",
]


# -- Cached verdicts (docs: validating.md#cache) --------------------------------------------


@given(st.lists(st.sampled_from([*PHONES_AND_MORE]), min_size=1, max_size=6), st.data())
def test_cached_verdicts_give_the_reports_of_fresh_ones(values, data):
    checks = [check_nom, check_telephone, check_email, check_finess]
    warm = [[check(v) for check in checks] for v in values]  # the second time: from the cache
    warm = [[check(v) for check in checks] for v in values]
    clear_cache()
    fresh = [[check(v) for check in checks] for v in values]
    assert warm == fresh


def test_the_cache_keeps_no_more_than_its_bound():
    clear_cache()
    for i in range(CACHE_SIZE + 100):
        check_telephone(f"06{i:08d}")
    assert cached() == CACHE_SIZE
    clear_cache()
    assert cached() == 0


def test_a_cached_problem_list_is_the_callers_own():
    first = check_telephone("0123")
    first.clear()
    assert codes(check_telephone("0123")) == ["tel.invalid"]
