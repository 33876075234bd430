"""Writing the exact JSON of the format (docs: format.md) with one cattrs converter.

`converter` is configured once: JSON names through rename overrides
(``contracutualisationOG`` and ``StatutAdminTechnique`` spelt as specified),
keys in the order of the format, the null form of an entity that orders
nothing (docs: format.md#no-order), and no block keys at all where the
feature does not apply (docs: format.md#block-optional).

```pycon
>>> from segur_certificats.format.model import EntiteJuridique
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

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from segur_certificats.format.codes import StatutAdminTechnique, UtiliteCertificat
from segur_certificats.format.keys import CERTIFICAT, ENTITE, ENVELOPPE
from segur_certificats.format.model import AdministrateurTechnique, Demande, EntiteJuridique

__all__ = ["converter", "dumps", "entity_json", "to_json_value"]


# -- The JSON as it is written: one class per JSON object, fields in key order --


@attrs.frozen(kw_only=True)
class _CertificatJson:
    """``certificatServeur`` (docs: format.md#block), field for key."""

    numero_carte_cpx: str | None = None
    nom: str | None = None
    telephone: str | None = None
    email: str | None = None
    utilite: UtiliteCertificat | None = None


@attrs.frozen(kw_only=True)
class _EntiteJson:
    """A legal-entity object: ``finessJuridique`` then the block (docs: format.md#block)."""

    finess_juridique: str | None = None
    demande_certificat_serveur: bool | None = None
    contractualisation_og: bool | None = None
    statut: StatutAdminTechnique | None = None
    contractualisation_editeur: bool | None = None
    certificat: _CertificatJson | None = None


#: Python attribute → JSON key, per class, in the order the keys are written.
_JSON_NAMES: dict[type, dict[str, str]] = {
    Demande: ENVELOPPE,
    _EntiteJson: ENTITE,
    _CertificatJson: CERTIFICAT,
}


def _renames(cls: type, **extra: Any) -> dict[str, Any]:
    overrides: dict[str, Any] = {
        name: override(rename=key) for name, key in _JSON_NAMES[cls].items()
    }
    overrides.update(
        {name: override(rename=_JSON_NAMES[cls][name], **kw) for name, kw in extra.items()}
    )
    return overrides


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    for wire in (_CertificatJson, _EntiteJson):  # inner first: hooks are resolved eagerly
        conv.register_unstructure_hook(wire, make_dict_unstructure_fn(wire, conv, **_renames(wire)))
    unstructure_envelope = make_dict_unstructure_fn(
        Demande, conv, **_renames(Demande, entites_juridiques={"omit": True})
    )
    entity = conv.get_unstructure_hook(_EntiteJson)

    def unstructure_demande(demande: Demande) -> dict[str, Any]:
        document: dict[str, Any] = unstructure_envelope(demande)
        explicit = demande.context.feature_applies()
        document[ENVELOPPE["entites_juridiques"]] = [
            _entity(entity, entite, explicit) for entite in demande.entites_juridiques
        ]
        return document

    conv.register_unstructure_hook(Demande, unstructure_demande)
    conv.register_unstructure_hook(
        EntiteJuridique, lambda entite: _entity(entity, entite, explicit=True)
    )
    return conv


def _certificat_of(admin: AdministrateurTechnique) -> _CertificatJson:
    return _CertificatJson(
        **{f.name: getattr(admin, f.name) for f in attrs.fields(_CertificatJson)}
    )


def _entity(unstructure: Any, entite: EntiteJuridique, explicit: bool) -> Any:
    """The entity's JSON; the block keys are left out when nothing needs them (docs:
    format.md#block-optional)."""
    admin = entite.administrateur
    if admin is None:
        if not explicit:
            return {ENTITE["finess_juridique"]: entite.finess_juridique}
        wire = _EntiteJson(
            finess_juridique=entite.finess_juridique, demande_certificat_serveur=False
        )
    else:
        wire = _EntiteJson(
            finess_juridique=entite.finess_juridique,
            demande_certificat_serveur=True,
            contractualisation_og=admin.contractualisation_og,
            statut=admin.statut,
            contractualisation_editeur=admin.contractualisation_editeur,
            certificat=_certificat_of(admin),
        )
    return unstructure(wire)


#: The converter, configured once: ``converter.unstructure(demande)`` (or an entity)
#: gives the exact JSON values of the format (docs: format.md#envelope).
converter: cattrs.Converter = _make_converter()


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
