"""What the portal's screens call each code and answer, and the consultation
screen's columns (docs: jupyter.md#consultation-screen).

The keys' own labels and descriptions are in their records
(`segur_certificats._vocabulary.keys`).

```pycon
>>> CODE_LABELS["DMP,INS"], yes_no(False), COLUMNS[:2]
('DMP, INS', 'Non', ('FINESS juridique', 'Contractualisation OG'))

```
"""

from __future__ import annotations

from collections.abc import Mapping

from segur_certificats._vocabulary.keys import ADMIN_KEYS, FINESS_JURIDIQUE

__all__ = ["CAPTION", "CODE_LABELS", "COLUMNS", "NO_ORDER", "yes_no"]

COLUMNS: tuple[str, ...] = tuple(key.label() for key in (FINESS_JURIDIQUE, *ADMIN_KEYS))
"""The columns of the consultation screen: the FINESS juridique, then the
administrator row's fields in order (docs: jupyter.md#consultation-screen)."""

CODE_LABELS: Mapping[str, str] = {
    "AVANCE": "Demande d'avance",
    "SOLDE": "Demande de solde",
    "E": "Editeur",
    "S": "Structure",
    "DMP,INS": "DMP, INS",
}
"""The screen's label of a code, where it is not the code itself."""


def yes_no(value: bool | None) -> str:
    """The portal's label for a yes/no answer: ``Oui``, ``Non``, or ``""`` when unanswered."""
    if value is None:
        return ""
    return "Oui" if value else "Non"


CAPTION = "Information sur le(s) administrateur(s) technique(s)"
"""The consultation screen's caption, and what it says when nothing is ordered."""
NO_ORDER = "Aucune demande de certificat serveur."
