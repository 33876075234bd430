"""Field rules (SPEC R-FLD): one check per field of an administrator row.

Every check takes the value as the model holds it and returns the problems
found, with paths relative to the field (``""``); `segur_certificats.rules`
places them in the document. Free text is judged after R-FLD's normalisation
(`clean()`): surrounding white space stripped, Unicode NFC, a blank value
the same as null, lengths counted in characters.

```pycon
>>> [p.code for p in check_nom("Marie-Hélène LE GALL")]
[]
>>> [p.code for p in check_nom("R2D2")]
['nom.format']
>>> [p.code for p in check_email("a.stu@@mail.com")]
['email.invalid']
>>> clean("  Ange\\u0301lique ")
'Angélique'

```
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

import email_validator

from segur_certificats import finess, normalise, telephone
from segur_certificats.errors import InvalidFiness
from segur_certificats.problems import Problem, Severity, show_value

__all__ = [
    "MAX_LENGTHS",
    "check_carte_cpx",
    "check_email",
    "check_finess",
    "check_nom",
    "check_telephone",
    "clean",
]

#: Longest values the portal's form accepts (SPEC R-JSON-1), in characters.
MAX_LENGTHS = {
    "numeroCarteCPX": 10,
    "nomAdminTechnique": 25,
    "telAdminTechnique": 50,
    "emailAdminTechnique": 150,
}

# What may stand between two letters of a name.
_JOINERS = " '’-"
_CARD = re.compile(r"[0-9]{10}")


def clean(value: str | None) -> str | None:
    """R-FLD's normalisation: strip, NFC, and ``None`` for a blank value
    (`segur_certificats.normalise.text`)."""
    return normalise.text(value)


def _text(value: str | None, field: str, *, required: bool) -> tuple[str | None, list[Problem]]:
    """The cleaned value and its ``required`` / ``max-length`` problems."""
    text = clean(value)
    if text is None:
        problems = [Problem("", "required", params={"field": field}, variant="order")]
        return None, problems if required else []
    limit = MAX_LENGTHS.get(field)
    if limit is not None and len(text) > limit:
        params = {"field": field, "length": len(text), "max": limit}
        return text, [Problem("", "max-length", params=params)]
    return text, []


def check_finess(value: str | None) -> list[Problem]:
    """``finessJuridique``: present, 9 characters of the right kind, right key (R-FLD-1)."""
    text = clean(value)
    if text is None:
        return [Problem("", "required", params={"field": "finessJuridique"})]
    try:
        finess.validate(text)
    except InvalidFiness as exc:
        return [Problem("", exc.code, params={"value": show_value(value)})]
    return []


def check_carte_cpx(
    value: str | None, *, required: bool, reason: Mapping[str, str] | None = None
) -> list[Problem]:
    """``numeroCarteCPX``: at most 10 characters; required by some scenarios (R-FLD-2, R-SCN).

    ``reason`` fills the ``cpx.required`` message (who has contracted). A card
    number that is not 10 digits is only a warning: real CPx numbers are, but
    the guide calls the field free text.
    """
    text, problems = _text(value, "numeroCarteCPX", required=False)
    if text is None and required:
        return [Problem("", "cpx.required", params=reason or {})]
    if text is not None and not problems and not _CARD.fullmatch(text):
        problems.append(Problem("", "cpx.format", Severity.WARNING, {"value": show_value(value)}))
    return problems


def _required_with_format(
    value: str | None, field: str, code: str, valid: Callable[[str], bool]
) -> list[Problem]:
    """A required text: ``required``/``max-length``, then ``code`` when not ``valid``."""
    text, problems = _text(value, field, required=True)
    if text is not None and not problems and not valid(text):
        problems.append(Problem("", code, params={"value": show_value(value)}))
    return problems


def _is_name(text: str) -> bool:
    """Runs of letters, each followed by any combining marks, joined by single
    spaces, hyphens or apostrophes."""
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
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def check_nom(value: str | None) -> list[Problem]:
    """``nomAdminTechnique``: letters (with their combining marks) and single
    joiners, at most 25; a warning outside the Latin script (R-FLD-3)."""
    problems = _required_with_format(value, "nomAdminTechnique", "nom.format", _is_name)
    text = clean(value)
    if not problems and text is not None and not _is_latin(text):
        problems.append(Problem("", "nom.script", Severity.WARNING, {"value": show_value(value)}))
    return problems


def check_telephone(value: str | None) -> list[Problem]:
    """``telAdminTechnique``: only the number, valid for France (overseas included)
    or as an international number, at most 50 (R-FLD-4)."""
    text, problems = _text(value, "telAdminTechnique", required=True)
    if text is not None and not problems and not telephone.is_valid(text):
        params = {"value": show_value(value)}
        problems.append(Problem("", "tel.invalid", params=params, variant=telephone.fault(text)))
    return problems


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
    """``emailAdminTechnique``: valid syntax, no network look-up, at most 150 (R-FLD-5)."""
    text, problems = _text(value, "emailAdminTechnique", required=True)
    if text is None or problems:  # past its limit, a value is not checked further
        return problems
    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        reason_fr, reason_en = _email_reason(text)
        params = {"value": show_value(value), "reason": reason_fr, "reason_en": reason_en}
        problems.append(Problem("", "email.invalid", params=params))
    return problems
