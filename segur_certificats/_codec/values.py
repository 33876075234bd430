"""The values of the format, one reader per kind (docs: format.md#types-and-codes,
format.md#normalisation).

Each reader takes one JSON value and returns what the model holds, or raises a
`Fault` naming the problem (its code and parameters, not yet its place). They
are the converter's hooks for the model's value types
(`segur_certificats.serialize`), and every object reader calls them: a value is
judged by one function whatever holds it. Free text comes back normalised — the
model's form — and a blank value as null; whether that changed anything is the
caller's to note (a ``normalised`` warning).

```pycon
>>> text("  STU "), code(UtiliteCertificat)("DMP,INS"), date("2023-10-02")
('STU', <UtiliteCertificat.DMP_INS: 'DMP,INS'>, datetime.date(2023, 10, 2))
>>> code(StatutAdminTechnique)("Editeur")
Traceback (most recent call last):
    ...
segur_certificats._codec.values.Fault: [enum] ...

```
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from segur_certificats._problems.catalogue import render
from segur_certificats._problems.pointer import is_index, split_pointer
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._problems.shown import show_value
from segur_certificats._vocabulary import normalise
from segur_certificats._vocabulary.isodate import parse_iso_date
from segur_certificats.model import StatutAdminTechnique, TypeDemande, UtiliteCertificat

__all__ = [
    "SUGGESTED_CHARS",
    "Fault",
    "boolean",
    "code",
    "date",
    "field_of",
    "flag",
    "phone",
    "plain",
    "required",
    "text",
]

_E = TypeVar("_E", bound=Enum)

SUGGESTED_CHARS = 64
"""Values longer than this are not compared with the codes and keys for a
suggestion: no code or key is that long, and the work stays bounded."""

# What the messages say a value should be (fr, en).
TEXT = ("texte", "string")
CODE = ("code en texte", "code string")
DATE = ("date AAAA-MM-JJ en texte", "YYYY-MM-DD date string")
OBJECT = ("objet", "object")
ARRAY = ("tableau", "array")

# The codes whose message names the value's field: the field is read from the
# value's path when the fault is placed.
_NAMED = frozenset({"type", "required", "enum", "date.format", "must-be-null", "normalised"})


def field_of(path: str) -> str:
    """How a message names the value at ``path``: its key, with the indexes below it."""
    field = "document"
    for part in split_pointer(path):
        field = f"{field}[{part}]" if is_index(part) else part
    return field


class Fault(ValueError):
    """A value the format does not accept: the problem it makes, but for its place.

    ``str()`` is the French message, its field named ``document``; `problem`
    places it at a JSON Pointer.
    """

    def __init__(
        self,
        code: str,
        variant: str | None = None,
        severity: Severity = Severity.ERROR,
        **params: Any,
    ) -> None:
        self.code = code
        """The problem's stable code (docs: problems.md#codes)."""
        self.variant = variant
        """The more specific wording, if any."""
        self.severity = severity
        """An error, or a warning."""
        self.params = params
        """What fills the message, but the field."""
        super().__init__(code)

    def problem(self, path: str) -> Problem:
        """The problem at ``path`` (its field named from it where the message says one)."""
        params = self.params
        if self.code in _NAMED and "field" not in params:
            params = {"field": field_of(path), **params}
        return Problem(path, self.code, self.severity, params=params, variant=self.variant)

    def __str__(self) -> str:
        return f"[{self.code}] " + render(self.code, self.problem("").params, "fr", self.variant)


def wrong_type(value: object, expected: tuple[str, str]) -> Fault:
    """The ``type`` fault of a value of another JSON type than ``expected`` (fr, en)."""
    return Fault("type", value=show_value(value), expected=expected[0], expected_en=expected[1])


def plain(raw: object) -> bool:
    """Whether ``raw`` is null or text its normalisation leaves as it is."""
    if raw is None:
        return True
    if type(raw) is not str or not raw:
        return False
    if raw.isascii():
        return raw[0] > " " < raw[-1]
    return raw == raw.strip() and unicodedata.is_normalized("NFC", raw)


def text(raw: Any, normalised: Callable[[str | None], str | None] = normalise.text) -> str | None:
    """A free text, normalised (docs: format.md#normalisation); blank and null are ``None``."""
    if raw is None:
        return None
    if type(raw) is not str and not isinstance(raw, str):
        raise wrong_type(raw, TEXT)
    if raw.isascii() and plain(raw):
        return raw
    return normalised(raw)


def phone(raw: Any) -> str | None:
    """A phone number's text: as `text`, its non-breaking spaces written as spaces
    (docs: format.md#telephone)."""
    return text(raw, normalise.phone)


def boolean(raw: Any) -> bool | None:
    """A JSON boolean, or null."""
    if raw is None or raw is True or raw is False:
        return raw
    raise Fault("type", "boolean", value=show_value(raw))


def flag(raw: Any) -> bool:
    """A JSON boolean, null refused (``blocAdministrateursValide``)."""
    if raw is True or raw is False:
        return raw
    raise Fault("type", "boolean", value=show_value(raw))


def _written(raw: Any, expected: tuple[str, str]) -> str | None:
    """The text of a code or a date as written; ``None`` for null or blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, str):
        raise wrong_type(raw, expected)
    return raw


def _code_key(value: str) -> tuple[str, ...]:
    # "dmp, ins" and "INS,DMP" both name DMP,INS: compare the sorted parts.
    return tuple(sorted(part.strip().upper() for part in value.split(",")))


# Each enum's members by code: a code is looked up once, without the enum's call.
MEMBERS: dict[type[Enum], dict[str, Enum]] = {
    enum: {member.value: member for member in enum}
    for enum in (TypeDemande, StatutAdminTechnique, UtiliteCertificat)
}


def code(enum: type[_E]) -> Callable[[Any], _E | None]:
    """The reader of one of ``enum``'s codes; blank and null are ``None``. A code
    written another way (``INS,DMP``) or the screen's label (``Editeur``) is
    refused with the code to write."""
    members = MEMBERS[enum]

    def read(raw: Any) -> _E | None:
        if type(raw) is not str and isinstance(raw, str):
            raw = str.__str__(raw)  # a subclass of str: its text is the code
        member = members.get(raw) if type(raw) is str else None
        if member is not None:  # the usual value: a code as written
            return member  # type: ignore[return-value]
        written = _written(raw, CODE)
        if written is None:
            return None
        params: dict[str, Any] = {
            "value": show_value(written),
            "allowed": ", ".join(show_value(member.value) for member in enum),
        }
        if len(written) <= SUGGESTED_CHARS:
            for member in enum:
                if (
                    _code_key(member.value) == _code_key(written)
                    or getattr(member, "label", None) == written
                ):
                    raise Fault("enum", "suggest", suggestion=show_value(member.value), **params)
        raise Fault("enum", **params)

    read.__name__ = read.__qualname__ = f"code_{enum.__name__}"
    return read


def date(raw: Any) -> _dt.date | None:
    """A ``YYYY-MM-DD`` date (docs: format.md#envelope); blank and null are ``None``."""
    written = _written(raw, DATE)
    if written is None:
        return None
    try:
        return parse_iso_date(written)
    except ValueError:
        raise Fault("date.format", value=show_value(written)) from None


def required(read: Callable[[Any], Any], variant: str | None = None) -> Callable[[Any], Any]:
    """``read``, with a ``required`` fault where it reads ``None``."""

    def read_required(raw: Any) -> Any:
        value = read(raw)
        if value is None:
            raise Fault("required", variant)
        return value

    read_required.__name__ = read_required.__qualname__ = f"required_{read.__name__}"
    return read_required
