"""Writing the exact JSON of the format (docs: format.md) with one cattrs converter.

`converter` is configured once: the envelope's JSON names through rename
overrides, and a hook for the legal entity, which writes its block keys
(``contracutualisationOG`` and ``StatutAdminTechnique`` spelt as specified) in
the order of the format, the null form of an entity that orders nothing (docs:
format.md#no-order), and no block keys at all where the feature does not apply
(docs: format.md#block-optional).

```pycon
>>> from segur_certificats.model import EntiteJuridique
>>> entity_json(EntiteJuridique(finess_juridique="330058066"))
... # doctest: +NORMALIZE_WHITESPACE
{'finessJuridique': '330058066', 'demandeCertificatServeur': False,
 'contracutualisationOG': None, 'StatutAdminTechnique': None,
 'contractualisationEditeur': None, 'certificatServeur': None}

```
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from segur_certificats._internal.vocabulary.keys import CERTIFICAT, ENTITE, ENVELOPPE
from segur_certificats.model import (
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    UtiliteCertificat,
)
from segur_certificats.rules import feature_applies

__all__ = ["converter", "dumps", "entity_json", "to_json_value"]


def _code(value: StatutAdminTechnique | UtiliteCertificat | None) -> str | None:
    return None if value is None else value.code


_FINESS, _FLAG, _CERT = (
    ENTITE["finess_juridique"],
    ENTITE["demande_certificat_serveur"],
    ENTITE["certificat"],
)
_OG, _STATUT, _EDITEUR = (
    ENTITE["contractualisation_og"],
    ENTITE["statut"],
    ENTITE["contractualisation_editeur"],
)
_NO_ORDER = {_FLAG: False, _OG: None, _STATUT: None, _EDITEUR: None, _CERT: None}


def _entity(entite: EntiteJuridique, explicit: bool) -> dict[str, Any]:
    """The entity's JSON object, keys in the format's order; the block keys are left
    out when nothing needs them (docs: format.md#block-optional), the null form
    written when it orders nothing (docs: format.md#no-order)."""
    admin = entite.administrateur
    if admin is None:
        if not explicit:
            return {_FINESS: entite.finess_juridique}
        return {_FINESS: entite.finess_juridique, **_NO_ORDER}
    return {
        _FINESS: entite.finess_juridique,
        _FLAG: True,
        _OG: admin.contractualisation_og,
        _STATUT: _code(admin.statut),
        _EDITEUR: admin.contractualisation_editeur,
        _CERT: {
            CERTIFICAT["numero_carte_cpx"]: admin.numero_carte_cpx,
            CERTIFICAT["nom"]: admin.nom,
            CERTIFICAT["telephone"]: admin.telephone,
            CERTIFICAT["email"]: admin.email,
            CERTIFICAT["utilite"]: _code(admin.utilite),
        },
    }


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    renames: dict[str, Any] = {name: override(rename=key) for name, key in ENVELOPPE.items()}
    renames["entites_juridiques"] = override(omit=True)
    unstructure_envelope = make_dict_unstructure_fn(Demande, conv, **renames)

    def unstructure_demande(demande: Demande) -> dict[str, Any]:
        document: dict[str, Any] = unstructure_envelope(demande)
        explicit = feature_applies(demande)
        document[ENVELOPPE["entites_juridiques"]] = [
            _entity(entite, explicit) for entite in demande.entites_juridiques
        ]
        return document

    conv.register_unstructure_hook(Demande, unstructure_demande)
    conv.register_unstructure_hook(EntiteJuridique, lambda entite: _entity(entite, explicit=True))
    return conv


converter: cattrs.Converter = _make_converter()
"""The converter, configured once: ``converter.unstructure(demande)`` (or an entity)
gives the exact JSON values of the format (docs: format.md#envelope)."""


def to_json_value(demande: Demande) -> dict[str, Any]:
    """The request as plain JSON values (``dict``/``list``/``str``/``bool``/``None``)."""
    value: dict[str, Any] = converter.unstructure(demande)
    return value


def entity_json(entite: EntiteJuridique) -> dict[str, Any]:
    """One legal entity's object with its whole block, as plain JSON values."""
    value: dict[str, Any] = converter.unstructure(entite)
    return value


def dumps(demande: Demande, *, indent: int | None = 2) -> str:
    """Write a request as JSON text, keys in the order of the format (docs: format.md#envelope),
    non-ASCII kept as is."""
    return json.dumps(to_json_value(demande), ensure_ascii=False, indent=indent)
