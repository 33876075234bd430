"""The fast paths of the field rules against the libraries they stand in for
(docs: testing.md#fuzzing): a phone number read from phonenumbers' metadata must
get phonenumbers' verdict, region and E.164 form; an address taken without
email-validator must be one email-validator accepts."""

from __future__ import annotations

import random
import string

import email_validator
import phonenumbers

from segur_certificats import InvalidTelephone, telephone
from segur_certificats._identifiers import phone_fast
from segur_certificats._rules import email_fast

_PREFIXES = ("", "0", "+33", "0033", "+262", "00262", "+590", "+594", "+596", "+32", "+33 0")
_SEPARATORS = ("", " ", " ", ".", "-", "/", "  ", "\u00a0", "(", ")")
_LOOK_ALIKES = "０１２３４５６７８９٠١२\u200b\ufeffOoIl"
_BASES = ("a.stu@mail.com", "dupont@editeur.fr", "x_y+z@sub.domain-1.example.org")
_EDITS = string.printable + "аеорсхАВЕКМНОРСТХ０１ⅰ․‐‑–—＠．\u00a0\u200b\u202f\ufeffé"


def phone(text: str) -> None:
    """The fast path's verdict, region and E.164 form are phonenumbers' own."""
    found = phone_fast.judge(text.strip()) if telephone.fault(text) is None else None
    if found is None:
        return
    try:
        parsed = telephone.parse(text)
    except InvalidTelephone:
        library: tuple[bool, str | None, str | None] = (False, None, None)
    else:
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        library = (True, phonenumbers.region_code_for_number(parsed), e164)
    valid, region, e164 = found
    assert (valid, region if valid else None, e164 if valid else None) == library, text


def email(text: str) -> None:
    """An address the fast path takes is one email-validator accepts."""
    if email_fast.is_plain_address(text):
        email_validator.validate_email(text, check_deliverability=False)


def random_phone(rng: random.Random) -> str:
    """A number as people write it: a prefix, digit groups, separators, now and
    then a look-alike character or a digit too many or too few."""
    digits = "".join(rng.choice(string.digits) for _ in range(rng.choice((8, 9, 9, 9, 10))))
    groups = [digits[i : i + rng.choice((1, 2, 2, 3))] for i in range(0, len(digits), 2)]
    text = rng.choice(_PREFIXES) + rng.choice(_SEPARATORS).join(groups)
    if rng.random() < 0.1:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(_LOOK_ALIKES) + text[at:]
    return text


def random_email(rng: random.Random) -> str:
    """A real address with one to three characters inserted, replaced or deleted."""
    text = rng.choice(_BASES)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        char = rng.choice(_EDITS)
        text = rng.choice((text[:at] + char + text[at:], text[:at] + char + text[at + 1 :]))
    return text
