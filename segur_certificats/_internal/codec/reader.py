"""Transitional: the reading API the sheet source still calls (removed once it reads
through the converter like every other source)."""

from __future__ import annotations

from typing import Any

from segur_certificats._internal.codec import reading as _reading
from segur_certificats._internal.codec.entity import read_entity
from segur_certificats.model import EntiteJuridique, RequestContext

__all__ = ["Reading"]


class Reading(_reading.Reading):
    """`segur_certificats._internal.codec.reading.Reading` with the old entry points."""

    def entity(self, value: Any, here: str, *, open_keys: bool = False) -> EntiteJuridique | None:
        """Read one legal entity at ``here``."""
        self.open_keys = open_keys
        return read_entity(value, here, self)

    def envelope(
        self, value: Any
    ) -> tuple[RequestContext, list[tuple[str, Any]], dict[str, Any] | None]:
        """Read a request envelope: what it says the request is, its legal-entity
        objects with their pointers, and its fields when it could be read."""
        from segur_certificats.model import Demande  # noqa: PLC0415
        from segur_certificats.serialize import converter  # noqa: PLC0415

        items = value.get("entitesJuridiques") if isinstance(value, dict) else None
        pairs = (
            [(f"/entitesJuridiques/{i}", item) for i, item in enumerate(items)]
            if isinstance(items, list)
            else []
        )
        found = _reading.Reading()
        with found.open():
            demande = converter.structure(value, Demande)
        self.problems += [p for p in found.problems if not p.path.startswith("/entitesJuridiques/")]
        context = found.context or RequestContext()
        fields = None
        if demande is not None:
            fields = {
                "numero_demande": demande.numero_demande,
                "statut": demande.statut,
                "bloc_administrateurs_valide": demande.bloc_administrateurs_valide,
                "type_demande": demande.type_demande,
                "couloir": demande.couloir,
                "date_depot": demande.date_depot,
                "date_modification": demande.date_modification,
            }
        return context, pairs, fields
