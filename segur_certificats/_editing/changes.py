"""What changed between two requests, row by row (docs: editing.md#marks).

Rows are the certificate orders of the consultation screen. Legal entities
are paired by FINESS juridique (and, for a number that appears more than
once, by its rank among them); the envelope is not compared.

```pycon
>>> from segur_certificats.model import Demande, EntiteJuridique
>>> from segur_certificats.model import AdministrateurTechnique as A
>>> from segur_certificats.model import TypeDemande
>>> import datetime as dt
>>> row = EntiteJuridique(finess_juridique="330058066", administrateur=A(nom="STU"))
>>> old = Demande(type_demande=TypeDemande.AVANCE, couloir="MS1",
...     date_depot=dt.date(2023, 10, 2), entites_juridiques=[row])
>>> new = old.evolve(entites_juridiques=[EntiteJuridique(
...     finess_juridique="330058066", administrateur=A(nom="VIE"))])
>>> [(f.field, f.old, f.new) for f in diff(old, new).modified[0].fields]
[('nom', 'STU', 'VIE')]

```
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from segur_certificats._problems.shown import show_value
from segur_certificats._vocabulary.keys import ADMIN_PATHS
from segur_certificats.model import AdministrateurTechnique, Demande, EntiteJuridique
from segur_certificats.serialize import converter

__all__ = ["Changes", "FieldChange", "RowChange", "diff"]


@attrs.frozen
class FieldChange:
    """One field of a row that changed."""

    field: str
    """The `AdministrateurTechnique` attribute, e.g. ``"nom"``."""
    path: str
    """Its JSON Pointer relative to the entity, e.g. ``"/certificatServeur/nomAdminTechnique"``."""
    old: object
    """The value before."""
    new: object
    """The value after."""


@attrs.frozen
class RowChange:
    """A row present before and after, with the fields that changed."""

    finess_juridique: str | None
    """The row's FINESS juridique."""
    index: int
    """The entity's index in the new request."""
    fields: tuple[FieldChange, ...]
    """The fields that changed, in the row's order."""


@attrs.frozen
class Changes:
    """Rows added, deleted and modified; falsy when nothing changed."""

    added: tuple[EntiteJuridique, ...] = ()
    """The entities that order a certificate now and did not."""
    deleted: tuple[EntiteJuridique, ...] = ()
    """The entities that ordered a certificate and no longer do (as they were)."""
    modified: tuple[RowChange, ...] = ()
    """The rows present before and after, with the fields that changed."""

    def __bool__(self) -> bool:
        return bool(self.added or self.deleted or self.modified)

    def __str__(self) -> str:
        """One line per row: ``+`` added, ``-`` deleted, ``~`` modified (with each field)."""
        lines = [f"+ {e.finess_juridique}" for e in self.added]
        lines += [f"- {e.finess_juridique}" for e in self.deleted]
        for row in self.modified:
            lines.append(f"~ {row.finess_juridique}")
            for f in row.fields:
                old, new = (show_value(converter.unstructure(v)) for v in (f.old, f.new))
                lines.append(f"    {f.path}: {old} → {new}")
        return "\n".join(lines) or "(aucune modification)"


def _keyed(entites: tuple[EntiteJuridique, ...]) -> dict[tuple[str | None, int], int]:
    """Entity index by (FINESS juridique, rank among the entities with that number)."""
    seen: dict[str | None, int] = {}
    keys: dict[tuple[str | None, int], int] = {}
    for index, entite in enumerate(entites):
        rank = seen.get(entite.finess_juridique, 0)
        seen[entite.finess_juridique] = rank + 1
        keys[(entite.finess_juridique, rank)] = index
    return keys


def field_changes(
    old: AdministrateurTechnique, new: AdministrateurTechnique
) -> Iterator[FieldChange]:
    """The fields that differ between two administrator rows, in screen order."""
    for field in attrs.fields(AdministrateurTechnique):
        before, after = getattr(old, field.name), getattr(new, field.name)
        if before != after:
            yield FieldChange(field.name, ADMIN_PATHS[field.name], before, after)


def diff(old: Demande, new: Demande) -> Changes:
    """The rows added, deleted and modified from ``old`` to ``new``."""
    before, after = _keyed(old.entites_juridiques), _keyed(new.entites_juridiques)
    added: list[EntiteJuridique] = []
    deleted: list[EntiteJuridique] = []
    modified: list[RowChange] = []
    for key, index in after.items():
        entite = new.entites_juridiques[index]
        previous = old.entites_juridiques[before[key]].administrateur if key in before else None
        admin = entite.administrateur
        if previous is None and admin is not None:
            added.append(entite)
        elif previous is not None and admin is None:
            deleted.append(old.entites_juridiques[before[key]])
        elif previous is not None and admin is not None and previous != admin:
            fields = tuple(field_changes(previous, admin))
            modified.append(RowChange(entite.finess_juridique, index, fields))
    deleted += [
        old.entites_juridiques[index]
        for key, index in before.items()
        if key not in after and old.entites_juridiques[index].administrateur is not None
    ]
    return Changes(tuple(added), tuple(deleted), tuple(modified))
