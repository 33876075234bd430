"""What an editor would write instead of this SDK: a pydantic v2 model of the same
rules, written straightforwardly, to measure ``validate()`` against.

It is kept honest by ``tests/test_bench_baseline.py``: on every generated
document, valid and invalid, it gives the same verdict as ``validate().ok``.
It calls phonenumbers and email-validator itself, as a user would.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

import email_validator
import phonenumbers
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator

_FEATURE_START = dt.date(2023, 9, 21)
_OVERSEAS = ("RE", "YT", "GP", "MQ", "GF", "BL", "MF")
_SHAPE = re.compile(r"\+?(?:[0-9]+|\([0-9]+\))(?:[ .\-/]?(?:[0-9]+|\([0-9]+\)))*")
_FINESS = re.compile(r"(?:[0-9]{2}|2A|2B)[0-9]{7}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip()) or None
    return value


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _limit(length: int) -> Any:
    def check(value: Any) -> Any:
        value = _clean(value)
        if isinstance(value, str) and len(value) > length:
            raise ValueError(f"more than {length} characters")
        return value

    return BeforeValidator(check)


def _luhn_ok(number: str) -> bool:
    digits = {"2A": "21", "2B": "22"}.get(number[:2], number[:2]) + number[2:]
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def _is_name(text: str) -> bool:
    after_letter = False
    for char in text:
        kind = unicodedata.category(char)[0]
        if kind == "L":
            after_letter = True
        elif kind == "M" or char in " '’-":
            if not after_letter:
                return False
            after_letter = kind == "M"
        else:
            return False
    return after_letter


_UNKNOWN = phonenumbers.PhoneNumberType.UNKNOWN
_PREMIUM = phonenumbers.PhoneNumberType.PREMIUM_RATE
_OVERSEAS_CODES = tuple(dict.fromkeys(phonenumbers.country_code_for_region(r) for r in _OVERSEAS))


def _phone_ok(text: str) -> bool:
    """As a careful user writes it: parsed once, France first, the overseas
    country codes only for a national number France does not have; the type
    looked up once (it says both whether the number is valid and premium)."""
    if not _SHAPE.fullmatch(text):
        return False
    international = text.startswith(("+", "00"))
    number = "+" + text[2:] if text.startswith("00") else text
    try:
        parsed = phonenumbers.parse(number, None if international else "FR")
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(parsed)
    if kind is _UNKNOWN and not international:
        for code in _OVERSEAS_CODES:
            candidate = phonenumbers.PhoneNumber(
                country_code=code, national_number=parsed.national_number
            )
            kind = phonenumbers.number_type(candidate)
            if kind is not _UNKNOWN:
                break
    return kind is not _UNKNOWN and kind is not _PREMIUM


def _email_ok(text: str) -> bool:
    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


def _iso_date(value: Any) -> Any:
    value = _blank_is_none(value)
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("not a YYYY-MM-DD date")
    return dt.date.fromisoformat(value)


_Strict = ConfigDict(extra="forbid", strict=True)


class Certificat(BaseModel):
    model_config = _Strict

    numeroCarteCPX: Annotated[str | None, _limit(10)] = None
    nomAdminTechnique: Annotated[str | None, _limit(25)] = None
    telAdminTechnique: Annotated[str | None, _limit(50)] = None
    emailAdminTechnique: Annotated[str | None, _limit(150)] = None
    utiliteCertificat: Annotated[
        Literal["DMP", "INS", "DMP,INS"] | None, BeforeValidator(_blank_is_none)
    ] = None

    @model_validator(mode="after")
    def _formats(self) -> Certificat:
        if self.nomAdminTechnique is not None and not _is_name(self.nomAdminTechnique):
            raise ValueError("nom.format")
        if self.telAdminTechnique is not None and not _phone_ok(self.telAdminTechnique):
            raise ValueError("tel.invalid")
        if self.emailAdminTechnique is not None and not _email_ok(self.emailAdminTechnique):
            raise ValueError("email.invalid")
        return self


class Entite(BaseModel):
    model_config = _Strict

    finessJuridique: str | None = None
    demandeCertificatServeur: bool | None = None
    contracutualisationOG: bool | None = None
    StatutAdminTechnique: Annotated[Literal["E", "S"] | None, BeforeValidator(_blank_is_none)] = (
        None
    )
    contractualisationEditeur: bool | None = None
    certificatServeur: Certificat | None = None

    @model_validator(mode="before")
    @classmethod
    def _explicit_null(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("demandeCertificatServeur", False) is None:
            raise ValueError("demandeCertificatServeur must be a boolean")
        return data

    @model_validator(mode="after")
    def _rules(self) -> Entite:
        number = self.finessJuridique
        if number is None or not _FINESS.fullmatch(number) or not _luhn_ok(number):
            raise ValueError("finess")
        block = (
            self.contracutualisationOG,
            self.StatutAdminTechnique,
            self.contractualisationEditeur,
            self.certificatServeur,
        )
        if self.demandeCertificatServeur is None and any(v is not None for v in block):
            raise ValueError("demandeCertificatServeur is required")
        if not self.demandeCertificatServeur:
            if any(v is not None for v in block):
                raise ValueError("must-be-null")
            return self
        certificat = self.certificatServeur or Certificat()
        required = (
            self.contracutualisationOG,
            self.StatutAdminTechnique,
            self.contractualisationEditeur,
            certificat.nomAdminTechnique,
            certificat.telAdminTechnique,
            certificat.emailAdminTechnique,
            certificat.utiliteCertificat,
        )
        if any(v is None for v in required):
            raise ValueError("required")
        if certificat.numeroCarteCPX is None and self._card_required():
            raise ValueError("cpx.required")
        return self

    def _card_required(self) -> bool:
        statut, og, editeur = (
            self.StatutAdminTechnique,
            self.contracutualisationOG,
            self.contractualisationEditeur,
        )
        return bool((statut == "E" and editeur) or (statut == "S" and og))


class Demande(BaseModel):
    model_config = _Strict

    numeroDemande: Annotated[str | None, BeforeValidator(_clean)] = None
    typeDemande: Literal["AVANCE", "SOLDE"]
    couloir: Annotated[str, BeforeValidator(_clean)]
    dateDepot: Annotated[dt.date, BeforeValidator(_iso_date)]
    dateModification: Annotated[dt.date | None, BeforeValidator(_iso_date)] = None
    statut: Annotated[str | None, BeforeValidator(_clean)] = None
    blocAdministrateursValide: bool = False
    entitesJuridiques: list[Entite]

    @model_validator(mode="after")
    def _request_rules(self) -> Demande:
        if self.dateModification is not None and self.dateModification < self.dateDepot:
            raise ValueError("demande.modified-before-filing")
        ordering = [e for e in self.entitesJuridiques if e.demandeCertificatServeur]
        numbers = [e.finessJuridique for e in ordering]
        if len(set(numbers)) != len(numbers):
            raise ValueError("finess.duplicate")
        if ordering:
            if self.typeDemande != "AVANCE" or self.couloir not in {"MS1", "MS2"}:
                raise ValueError("demande.not-eligible")
            modified = self.dateModification
            if self.dateDepot < _FEATURE_START and (modified is None or modified < _FEATURE_START):
                raise ValueError("demande.before-feature")
        return self


def is_valid(text: str | bytes) -> bool:
    """The pydantic verdict on a request document."""
    try:
        Demande.model_validate_json(text)
    except ValidationError:
        return False
    return True
