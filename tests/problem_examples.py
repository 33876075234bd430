"""One small document per problem code, each producing exactly that problem.

Used by the tests (every code reachable through the command line) and by the
documentation (every code shown with a real example and its messages, docs:
problems.md#codes). ``internal-error`` has none: no document produces it, by design.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from segur_certificats._problems.pointer import pointer, split_pointer
from segur_certificats._vocabulary.keys import (
    ADMIN_PATHS,
    CERTIFICAT_SERVEUR,
    COULOIR,
    DEMANDE_CERTIFICAT_SERVEUR,
    ENTITES_JURIDIQUES,
    FINESS_JURIDIQUE,
    TYPE_DEMANDE,
)
from segur_certificats.model import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.serialize import converter

from .vocabulary import ENVELOPPE

__all__ = ["EXAMPLES", "INTERNAL_ERROR"]

INTERNAL_ERROR = "internal-error"
"""The code no document produces: it stands for a failure of this package."""

# The guide's example: one legal entity, its editor's administrator with a card.
_GOLDEN = converter.unstructure(
    Demande(
        numero_demande="FINMS2009167M1",
        type_demande=TypeDemande.AVANCE,
        couloir="MS2",
        date_depot=_dt.date(2023, 10, 2),
        statut="A modifier",
        entites_juridiques=[
            EntiteJuridique(
                finess_juridique="330058066",
                administrateur=AdministrateurTechnique(
                    contractualisation_og=False,
                    statut=StatutAdminTechnique.EDITEUR,
                    contractualisation_editeur=True,
                    numero_carte_cpx="8001234567",
                    nom="STU",
                    telephone="0603334174",
                    email="a.stu@mail.com",
                    utilite=UtiliteCertificat.DMP,
                ),
            )
        ],
    )
)
_ENTITIES = ENTITES_JURIDIQUES.json
_E0 = pointer(_ENTITIES, 0)
_FINESS = _E0 + "/" + FINESS_JURIDIQUE.json
_FLAG = _E0 + "/" + DEMANDE_CERTIFICAT_SERVEUR.json


def _at(name: str) -> str:
    """The pointer of an administrator field of the first entity."""
    return _E0 + ADMIN_PATHS[name]


def _envelope(attribute: str) -> str:
    return "/" + ENVELOPPE[attribute]


def _doc(changes: dict[str, Any] | None = None, *, twin: bool = False) -> str:
    """The golden document with the values at these pointers changed (and, with
    ``twin``, its entity twice)."""
    document = json.loads(json.dumps(_GOLDEN))
    if twin:
        document[_ENTITIES].append(json.loads(json.dumps(document[_ENTITIES][0])))
    for path, value in (changes or {}).items():
        *parents, last = split_pointer(path)
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return json.dumps(document, ensure_ascii=False, indent=2)


def _editor() -> str:
    document = json.loads(json.dumps(_GOLDEN))
    document["beneficiaires"] = document.pop(_ENTITIES)
    return json.dumps(document, ensure_ascii=False, indent=2)


_UNKNOWN = _at("numero_carte_cpx").replace("CPX", "CPS")  # numeroCarteCPS
_COULOIR = json.dumps(COULOIR.json)

EXAMPLES: dict[str, tuple[str | None, str]] = {
    "file.unreadable": (None, ""),
    "json.syntax": ('{"' + TYPE_DEMANDE.json + '": ', ""),
    "json.duplicate-key": (
        _doc().replace(f'{_COULOIR}: "MS2"', f'{_COULOIR}: "MS2", {_COULOIR}: "MS1"'),
        _envelope("couloir"),
    ),
    "type": (
        _doc({_envelope("bloc_administrateurs_valide"): "false"}),
        _envelope("bloc_administrateurs_valide"),
    ),
    "required": (_doc({_at("nom"): ""}), _at("nom")),
    "must-be-null": (
        _doc(
            {
                _FLAG: False,
                _at("contractualisation_og"): None,
                _at("statut"): None,
                _at("contractualisation_editeur"): None,
            }
        ),
        _E0 + "/" + CERTIFICAT_SERVEUR.json,
    ),
    "enum": (_doc({_at("utilite"): "DMP, INS"}), _at("utilite")),
    "unknown-key": (_doc({_UNKNOWN: "1"}), _UNKNOWN),
    "date.format": (_doc({_envelope("date_depot"): "02/10/2023"}), _envelope("date_depot")),
    "max-length": (_doc({_at("numero_carte_cpx"): "80012345678"}), _at("numero_carte_cpx")),
    "finess.format": (_doc({_FINESS: "33005806"}), _FINESS),
    "finess.checksum": (_doc({_FINESS: "330058067"}), _FINESS),
    "finess.duplicate": (_doc(twin=True), _FINESS.replace("/0/", "/1/")),
    "nom.format": (_doc({_at("nom"): "STU!"}), _at("nom")),
    "nom.script": (_doc({_at("nom"): "Иванов"}), _at("nom")),
    "normalised": (_doc({_at("email"): " a.stu@mail.com "}), _at("email")),
    "tel.invalid": (_doc({_at("telephone"): "06"}), _at("telephone")),
    "email.invalid": (_doc({_at("email"): "a.stu"}), _at("email")),
    "cpx.required": (_doc({_at("numero_carte_cpx"): None}), _at("numero_carte_cpx")),
    "cpx.format": (_doc({_at("numero_carte_cpx"): "XXXXXXX"}), _at("numero_carte_cpx")),
    "demande.not-eligible": (_doc({_envelope("couloir"): "PH1"}), _FLAG),
    "demande.before-feature": (_doc({_envelope("date_depot"): "2023-09-20"}), _FLAG),
    "demande.modified-before-filing": (
        _doc({_envelope("date_modification"): "2023-10-01"}),
        _envelope("date_modification"),
    ),
    # The envelope's fields with the entities under another key: an editor's own
    # document checked as a request (the hint beside the missing entitesJuridiques).
    "document.embedded": (_editor(), ""),
}
"""code → (document text, or None for a file that does not exist; the problem's path)."""
