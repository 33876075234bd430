"""The model's objects built of values already read and normalised by the
converter's hooks (`segur_certificats._codec.entity`,
`segur_certificats._codec.usual`): the classes' converters and
validators are not run a second time, each frozen slot set as attrs' own
generated ``__init__`` sets it."""

from __future__ import annotations

from typing import Any

import attrs

from segur_certificats.model import AdministrateurTechnique, EntiteJuridique

__all__ = ["checked_administrateur", "checked_entite"]


def checked_entite(
    finess_juridique: str | None, administrateur: AdministrateurTechnique | None = None
) -> EntiteJuridique:
    """An `EntiteJuridique` of values already checked and normalised (by the reader,
    the converter's hooks): the converters and validators are not run a second
    time."""
    entite = _new(EntiteJuridique)
    _SET_FINESS(entite, finess_juridique)
    _SET_ADMINISTRATEUR(entite, administrateur)
    return entite


def checked_administrateur(**values: Any) -> AdministrateurTechnique:
    """An `AdministrateurTechnique` of values already checked and normalised (every
    field given), as `checked_entite`."""
    admin = _new(AdministrateurTechnique)
    for name, setter in _ADMIN_SETTERS:
        setter(admin, values[name])
    return admin


# The frozen classes' slots, written directly (each slot's own setter, as attrs'
# generated __init__ does for a frozen class).
_new = object.__new__
_ADMIN_SETTERS = tuple(
    (field.name, AdministrateurTechnique.__dict__[field.name].__set__)
    for field in attrs.fields(AdministrateurTechnique)
)
_SET_FINESS = EntiteJuridique.__dict__["finess_juridique"].__set__
_SET_ADMINISTRATEUR = EntiteJuridique.__dict__["administrateur"].__set__
