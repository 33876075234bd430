"""The usual legal entity, read in one step: the entity reader's fast path
(docs: architecture.md#fast-paths).

Most entities are written exactly as the format writes them: known keys, the
compact FINESS juridique, JSON booleans, codes as they are, text with nothing
to normalise. Such an entity has nothing for the reader to say, and is built
here at once; for any other, `usual_entity` answers ``None`` and the entity
is read value by value (`segur_certificats._codec.entity`). The
answer depends on the object alone. A test holds the two readings to the same
entity on generated and hostile objects (tests/codec/test_usual.py).

```pycon
>>> usual_entity({"finessJuridique": "330058066", "demandeCertificatServeur": False})
EntiteJuridique(finess_juridique='330058066', administrateur=None)
>>> usual_entity({"finessJuridique": " 330058066"}) is None
True

```
"""

from __future__ import annotations

from typing import Any

from segur_certificats._codec.built import checked_administrateur, checked_entite
from segur_certificats._codec.values import MEMBERS, plain
from segur_certificats._vocabulary import keys as _keys
from segur_certificats._vocabulary import normalise
from segur_certificats.model import (
    EntiteJuridique,
    StatutAdminTechnique,
    UtiliteCertificat,
)

__all__ = ["usual_entity"]

_FINESS = _keys.FINESS_JURIDIQUE.json
_FLAG = _keys.DEMANDE_CERTIFICAT_SERVEUR.json
_OG = _keys.CONTRACTUALISATION_OG.json
_STATUT = _keys.STATUT_ADMIN_TECHNIQUE.json
_EDITEUR = _keys.CONTRACTUALISATION_EDITEUR.json
_CERT = _keys.CERTIFICAT_SERVEUR.json
_CERTIFICAT_KEYS = frozenset(key.json for key in _keys.CERTIFICAT_KEYS)
# Each key of certificatServeur: its attribute, its JSON name, whether it holds a
# phone number, whether it holds a code.
_FIELDS = tuple(
    (key.attribute, key.json, key is _keys.TEL_ADMIN_TECHNIQUE, key is _keys.UTILITE_CERTIFICAT)
    for key in _keys.CERTIFICAT_KEYS
)
_STATUTS = MEMBERS[StatutAdminTechnique]
_UTILITES = MEMBERS[UtiliteCertificat]


def _compact(number: object) -> bool:
    """Whether ``number`` is a FINESS juridique in the compact form the format writes."""
    return (
        type(number) is str and number.isalnum() and number.isascii() and number == number.upper()
    )


def usual_entity(obj: dict[str, Any]) -> EntiteJuridique | None:
    """The entity of an object the reader would find nothing to say about (keys it
    does not know aside), or ``None`` when one of its values needs reading one by one."""
    number = obj.get(_FINESS)
    if not _compact(number):
        return None
    flag, og, statut, editeur, certificat = (
        obj.get(_FLAG),
        obj.get(_OG),
        obj.get(_STATUT),
        obj.get(_EDITEUR),
        obj.get(_CERT),
    )
    if flag is not True:
        # Nothing ordered: every value null. A certificatServeur of nulls is not taken
        # here: it is null with a warning (docs: format.md#no-order), the reader's to say.
        nothing = og is None and statut is None and editeur is None and certificat is None
        return checked_entite(number) if nothing and (flag is False or _FLAG not in obj) else None
    if not (
        (og is None or type(og) is bool)
        and (editeur is None or type(editeur) is bool)
        and (statut is None or (type(statut) is str and statut in _STATUTS))
        and (
            certificat is None
            or (type(certificat) is dict and certificat.keys() <= _CERTIFICAT_KEYS)
        )
    ):
        return None
    values: dict[str, Any] = {
        "contractualisation_og": og,
        "statut": None if statut is None else _STATUTS[statut],
        "contractualisation_editeur": editeur,
    }
    for attribute, key, is_phone, is_code in _FIELDS:
        raw = certificat.get(key) if certificat is not None else None
        if is_code:
            if raw is not None and (type(raw) is not str or raw not in _UTILITES):
                return None
            values[attribute] = None if raw is None else _UTILITES[raw]
        elif plain(raw) and (
            not is_phone or raw is None or raw.isascii() or normalise.phone(raw) == raw
        ):
            values[attribute] = raw
        else:
            return None
    return checked_entite(number, checked_administrateur(**values))
