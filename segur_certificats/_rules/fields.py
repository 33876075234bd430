"""Field rules (docs: format.md#field-rules): one check per field of an administrator row.

Every check takes the value as the model holds it and returns the problems found, with paths
relative to the field (``""``); `segur_certificats.rules` places them in the document.
Free text is judged after its normalisation (docs: format.md#normalisation): surrounding
white space stripped, Unicode NFC, a blank value the same as null, lengths counted in
characters.

```pycon
>>> [p.code for p in check_nom("Marie-Hélène LE GALL")]
[]
>>> [p.code for p in check_nom("R2D2")]
['nom.format']
>>> [p.code for p in check_email("a.stu@@mail.com")]
['email.invalid']

```
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from segur_certificats import finess
from segur_certificats._problems.errors import InvalidFiness
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._problems.shown import show_value
from segur_certificats._rules.cache import verdicts
from segur_certificats._rules.email_fast import is_plain_address
from segur_certificats._vocabulary import normalise as _normalisation
from segur_certificats._vocabulary.keys import (
    EMAIL_ADMIN_TECHNIQUE,
    FINESS_JURIDIQUE,
    NOM_ADMIN_TECHNIQUE,
    NUMERO_CARTE_CPX,
    TEL_ADMIN_TECHNIQUE,
    Key,
)

__all__ = [
    "check_carte_cpx",
    "check_email",
    "check_finess",
    "check_nom",
    "check_telephone",
]

# What may stand between two letters of a name.
_JOINERS = " '’-"
_CARD = re.compile(r"[0-9]{10}")


def _length(value: str | None, key: Key, *, required: bool) -> tuple[str | None, list[Problem]]:
    """The cleaned value and its ``required`` / ``max-length`` problems."""
    text = _normalisation.text(value)
    if text is None:
        problems = [Problem("", "required", params={"field": key.json}, variant="order")]
        return None, problems if required else []
    limit = key.max_length
    if limit is not None and len(text) > limit:
        params = {"field": key.json, "length": len(text), "max": limit}
        return text, [Problem("", "max-length", params=params)]
    return text, []


# -- Verdicts: pure functions of the value, cached (docs: validating.md#cache) ----------


@verdicts
def _finess_code(text: str) -> str | None:
    try:
        finess.validate(text)
    except InvalidFiness as exc:
        return exc.code
    return None


@verdicts
def _name_code(text: str) -> str | None:
    if not _is_name(text):
        return "nom.format"
    return None if _is_latin(text) else "nom.script"


@verdicts
def _phone_fault(text: str) -> tuple[bool, str | None]:
    """Whether the number is valid, and what is not part of it."""
    # phonenumbers is imported when a first number is judged: reading and writing
    # JSON never need it (docs: api.md#imports).
    from segur_certificats import telephone  # noqa: PLC0415

    return telephone.verdict(text)


# -- E-mail addresses: the plain ones read by email_fast, every other by email-validator --


@verdicts
def _email_refusal(text: str) -> tuple[str, str] | None:
    """Why the address is refused (French, English), or ``None``."""
    if is_plain_address(text):
        return None
    import email_validator  # noqa: PLC0415 - imported only when an address needs it

    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return _email_reason(text)
    return None


# -- The checks ----------------------------------------------------------------------


def check_finess(value: str | None) -> list[Problem]:
    """``finessJuridique``: present, 9 characters of the right kind, right key (docs:
    format.md#finess-juridique)."""
    text = _normalisation.text(value)
    if text is None:
        return [Problem("", "required", params={"field": FINESS_JURIDIQUE.json})]
    code = _finess_code(text)
    return [] if code is None else [Problem("", code, params={"value": show_value(value)})]


def check_carte_cpx(
    value: str | None, *, required: bool, reason: Mapping[str, str] | None = None
) -> list[Problem]:
    """``numeroCarteCPX``: at most 10 characters; required by some scenarios (docs:
    format.md#card-number, scenarios.md).

    ``reason`` fills the ``cpx.required`` message (who has contracted). A card
    number that is not 10 digits is only a warning: real CPx numbers are, but
    the guide calls the field free text.
    """
    text, problems = _length(value, NUMERO_CARTE_CPX, required=False)
    if text is None and required:
        return [Problem("", "cpx.required", params=reason or {})]
    if text is not None and not problems and not _CARD.fullmatch(text):
        problems.append(Problem("", "cpx.format", Severity.WARNING, {"value": show_value(value)}))
    return problems


# An ASCII name: runs of ASCII letters joined by single spaces, hyphens or apostrophes.
_ASCII_NAME = re.compile(r"[A-Za-z]+(?:[ '-][A-Za-z]+)*")


def _is_name(text: str) -> bool:
    """Runs of letters, each followed by any combining marks, joined by single
    spaces, hyphens or apostrophes."""
    if text.isascii():
        return _ASCII_NAME.fullmatch(text) is not None
    after_letter = False
    for char in text:
        kind = unicodedata.category(char)[0]
        if kind == "L":
            after_letter = True
        elif kind == "M" or char in _JOINERS:
            if not after_letter:
                return False
            after_letter = kind == "M"
        else:
            return False
    return after_letter


def _is_latin(text: str) -> bool:
    if text.isascii():
        return True
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def check_nom(value: str | None) -> list[Problem]:
    """``nomAdminTechnique``: letters (with their combining marks) and single
    joiners, at most 25; a warning outside the Latin script (docs: format.md#name)."""
    text, problems = _length(value, NOM_ADMIN_TECHNIQUE, required=True)
    if text is None or problems:
        return problems
    code = _name_code(text)
    if code is None:
        return []
    severity = Severity.WARNING if code == "nom.script" else Severity.ERROR
    return [Problem("", code, severity, {"value": show_value(value)})]


def check_telephone(value: str | None) -> list[Problem]:
    """``telAdminTechnique``: only the number, valid for France (overseas included)
    or as an international number, at most 50 (docs: format.md#telephone)."""
    text, problems = _length(value, TEL_ADMIN_TECHNIQUE, required=True)
    if text is None or problems:
        return problems
    valid, fault = _phone_fault(text)
    if valid:
        return []
    return [Problem("", "tel.invalid", params={"value": show_value(value)}, variant=fault)]


# Why an address is refused, found from the address itself: email-validator gives
# the verdict, but its messages are English prose that changes between releases.
_ATEXT = re.compile(r"[\w!#$%&'*+/=?^`{|}~.-]")
_LABEL = re.compile(r"[\w-]+")


def _email_reason(text: str) -> tuple[str, str]:  # noqa: PLR0911 - one return per reason
    """Why email-validator refused ``text``, in French and English."""
    local, at, domain = text.rpartition("@")
    if not at:
        return "il manque le signe @", "the @-sign is missing"
    if "@" in local:
        return "un seul signe @ est permis", "only one @-sign is allowed"
    if not local:
        return "rien avant le @", "nothing before the @-sign"
    if not domain:
        return "rien après le @", "nothing after the @-sign"
    if any(c.isspace() for c in text):
        return "une adresse ne contient pas d'espace", "an address holds no white space"
    if ".." in text:
        return "deux points de suite", "two periods in a row"
    if local[0] == "." or local[-1] == "." or domain[0] == "." or domain[-1] == ".":
        return "point mal placé", "a misplaced period"
    bad = next((c for c in local if not _ATEXT.match(c)), None) or next(
        (c for c in domain if c != "." and not _LABEL.match(c)), None
    )
    if bad is not None:
        shown = show_value(bad)
        return f"caractère non permis {shown}", f"a character that is not allowed: {shown}"
    if "." not in domain:
        return "le domaine doit contenir un point", "the domain needs a period"
    if any(label.startswith("-") or label.endswith("-") for label in domain.split(".")):
        return "tiret mal placé dans le domaine", "a misplaced hyphen in the domain"
    return "syntaxe incorrecte", "invalid syntax"


def check_email(value: str | None) -> list[Problem]:
    """``emailAdminTechnique``: valid syntax, no network look-up, at most 150 (docs:
    format.md#e-mail)."""
    text, problems = _length(value, EMAIL_ADMIN_TECHNIQUE, required=True)
    if text is None or problems:  # past its limit, a value is not checked further
        return problems
    refusal = _email_refusal(text)
    if refusal is None:
        return []
    params = {"value": show_value(value), "reason": refusal[0], "reason_en": refusal[1]}
    return [Problem("", "email.invalid", params=params)]
