"""What is counted is what is written (docs: format.md#normalisation).

Free text is held normalised: surrounding white space stripped, Unicode in
NFC form, and a blank value is the same as null. The model normalises values
as they enter it, the field checks judge the same form, and reading a
document whose values change under this normalisation gives a ``normalised``
warning at each such value, saying what will be written.

```pycon
>>> text("  Ange\\u0301lique "), text("   ")
('Angélique', None)
>>> [(p.path, p.code) for p in warnings({"couloir": " MS1"}, ENVELOPE_TEXTS)]
[('/couloir', 'normalised')]

```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from segur_certificats.problems import Problem, Severity, pointer, show_value

__all__ = ["BLOCK_TEXTS", "ENVELOPE_TEXTS", "is_blank", "text", "warnings"]


def is_blank(value: object) -> bool:
    """Whether ``value`` is text holding nothing but white space (the same as null)."""
    return isinstance(value, str) and not value.strip()


def text(value: str | None) -> str | None:
    """The normalised form of a free text: stripped, NFC, ``None`` when blank."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value.strip()) or None


#: Where an envelope holds free text, and optional codes or dates (blank is null).
ENVELOPE_TEXTS: tuple[tuple[str, ...], ...] = (
    ("numeroDemande",),
    ("couloir",),
    ("statut",),
    ("dateModification",),
)
#: The same in a legal entity's object.
BLOCK_TEXTS: tuple[tuple[str, ...], ...] = (
    ("StatutAdminTechnique",),
    *(
        ("certificatServeur", key)
        for key in (
            "numeroCarteCPX",
            "nomAdminTechnique",
            "telAdminTechnique",
            "emailAdminTechnique",
            "utiliteCertificat",
        )
    ),
)
_CODES_AND_DATES = frozenset({"dateModification", "StatutAdminTechnique", "utiliteCertificat"})


def _at(value: Any, keys: Sequence[str]) -> Any:
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _written(key: str, raw: str) -> str | None:
    """What is written for ``raw`` at ``key``: codes and dates change only when blank."""
    if key in _CODES_AND_DATES:
        return None if is_blank(raw) else raw
    return text(raw)


def _changes(raw: str, new: str | None) -> list[tuple[str, str]]:
    """What normalisation did, in French and English."""
    if new is None:
        return [("vide lu comme null", "blank read as null")]
    changes = []
    if raw.strip() != raw:
        changes.append(("espaces autour retirés", "surrounding spaces removed"))
    if unicodedata.normalize("NFC", raw.strip()) != raw.strip():
        changes.append(("Unicode en forme NFC", "Unicode in NFC form"))
    return changes


def warnings(
    value: Any, places: Sequence[tuple[str, ...]], prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    """A ``normalised`` warning for each text of ``value`` at ``places`` that
    normalisation changes (codes and dates: only blank to null)."""
    found = []
    for keys in places:
        raw = _at(value, keys)
        if not isinstance(raw, str) or (new := _written(keys[-1], raw)) == raw:
            continue
        changes = _changes(raw, new)
        params = {
            "field": keys[-1],
            "value": show_value(raw),
            "written": show_value(new),
            "changes": ", ".join(fr for fr, _ in changes),
            "changes_en": ", ".join(en for _, en in changes),
        }
        found.append(
            Problem(pointer(*prefix, *keys), "normalised", Severity.WARNING, params=params)
        )
    return found
