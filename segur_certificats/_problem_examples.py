"""One small document per problem code, each producing exactly that problem.

Used by the tests (every code reachable through the CLI) and by the
documentation (every code shown with a real example and its messages).
``internal-error`` has none: no document produces it, by design.
"""

from __future__ import annotations

import copy
import json
from typing import Any

_GOLDEN: dict[str, Any] = {
    "numeroDemande": "FINMS2009167M1",
    "typeDemande": "AVANCE",
    "couloir": "MS2",
    "dateDepot": "2023-10-02",
    "dateModification": None,
    "statut": "A modifier",
    "blocAdministrateursValide": False,
    "entitesJuridiques": [
        {
            "finessJuridique": "330058066",
            "demandeCertificatServeur": True,
            "contracutualisationOG": False,
            "StatutAdminTechnique": "E",
            "contractualisationEditeur": True,
            "certificatServeur": {
                "numeroCarteCPX": "8001234567",
                "nomAdminTechnique": "STU",
                "telAdminTechnique": "0603334174",
                "emailAdminTechnique": "a.stu@mail.com",
                "utiliteCertificat": "DMP",
            },
        }
    ],
}
#: The code no document produces: it stands for a failure of this package.
INTERNAL_ERROR = "internal-error"
_E0 = "/entitesJuridiques/0"
_C0 = f"{_E0}/certificatServeur"


def _doc(**changes: Any) -> str:
    """The golden document with values changed; keys are dotted paths."""
    document = copy.deepcopy(_GOLDEN)
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return json.dumps(document, ensure_ascii=False, indent=2)


def _twin() -> str:
    document = json.loads(_doc())
    document["entitesJuridiques"].append(copy.deepcopy(document["entitesJuridiques"][0]))
    return json.dumps(document, ensure_ascii=False, indent=2)


_CERT = "entitesJuridiques.0.certificatServeur."
_ENT = "entitesJuridiques.0."

#: code → (document text, or None for a file that does not exist; the problem's path).
EXAMPLES: dict[str, tuple[str | None, str]] = {
    "file.unreadable": (None, ""),
    "json.syntax": ('{"typeDemande": ', ""),
    "json.duplicate-key": (
        _doc().replace('"couloir": "MS2"', '"couloir": "MS2", "couloir": "MS1"'),
        "/couloir",
    ),
    "type": (_doc(blocAdministrateursValide="false"), "/blocAdministrateursValide"),
    "required": (_doc(**{_CERT + "nomAdminTechnique": ""}), f"{_C0}/nomAdminTechnique"),
    "must-be-null": (
        _doc(
            **{
                _ENT + "demandeCertificatServeur": False,
                _ENT + "contracutualisationOG": None,
                _ENT + "StatutAdminTechnique": None,
                _ENT + "contractualisationEditeur": None,
            }
        ),
        f"{_E0}/certificatServeur",
    ),
    "enum": (_doc(**{_CERT + "utiliteCertificat": "DMP, INS"}), f"{_C0}/utiliteCertificat"),
    "unknown-key": (_doc(**{_CERT + "numeroCarteCPS": "1"}), f"{_C0}/numeroCarteCPS"),
    "date.format": (_doc(dateDepot="02/10/2023"), "/dateDepot"),
    "max-length": (_doc(**{_CERT + "numeroCarteCPX": "80012345678"}), f"{_C0}/numeroCarteCPX"),
    "finess.format": (_doc(**{_ENT + "finessJuridique": "33005806"}), f"{_E0}/finessJuridique"),
    "finess.checksum": (_doc(**{_ENT + "finessJuridique": "330058067"}), f"{_E0}/finessJuridique"),
    "finess.duplicate": (_twin(), "/entitesJuridiques/1/finessJuridique"),
    "nom.format": (_doc(**{_CERT + "nomAdminTechnique": "STU!"}), f"{_C0}/nomAdminTechnique"),
    "nom.script": (_doc(**{_CERT + "nomAdminTechnique": "Иванов"}), f"{_C0}/nomAdminTechnique"),
    "normalised": (
        _doc(**{_CERT + "emailAdminTechnique": " a.stu@mail.com "}),
        f"{_C0}/emailAdminTechnique",
    ),
    "tel.invalid": (_doc(**{_CERT + "telAdminTechnique": "06"}), f"{_C0}/telAdminTechnique"),
    "email.invalid": (
        _doc(**{_CERT + "emailAdminTechnique": "a.stu"}),
        f"{_C0}/emailAdminTechnique",
    ),
    "cpx.required": (_doc(**{_CERT + "numeroCarteCPX": None}), f"{_C0}/numeroCarteCPX"),
    "cpx.format": (_doc(**{_CERT + "numeroCarteCPX": "XXXXXXX"}), f"{_C0}/numeroCarteCPX"),
    "demande.not-eligible": (_doc(couloir="PH1"), f"{_E0}/demandeCertificatServeur"),
    "demande.before-feature": (_doc(dateDepot="2023-09-20"), f"{_E0}/demandeCertificatServeur"),
}
