"""The codes of the format: what ``typeDemande``, ``StatutAdminTechnique`` and
``utiliteCertificat`` accept (docs: format.md#types-and-codes).

```pycon
>>> UtiliteCertificat("DMP,INS").label, StatutAdminTechnique.EDITEUR.code
('DMP, INS', 'E')

```
"""

from __future__ import annotations

import enum

from segur_certificats.format.labels import CODE_LABELS

__all__ = ["StatutAdminTechnique", "TypeDemande", "UtiliteCertificat"]


class _LabelledEnum(enum.Enum):
    """An enum whose value is the JSON code and which knows its screen label."""

    @property
    def code(self) -> str:
        """The exact code written in the JSON document."""
        return str(self.value)

    @property
    def label(self) -> str:
        """The French label the portal shows for this code (docs:
        jupyter.md#consultation-screen)."""
        return CODE_LABELS.get(self.code, self.code)

    def __str__(self) -> str:
        return self.code

    # A member is equal to itself alone (Enum's equality), so its identity is its
    # hash: a C slot instead of Enum's Python ``hash(self._name_)``, for the
    # administrator rows the rules look up by value (rules/request.py).
    __hash__ = object.__hash__


class TypeDemande(_LabelledEnum):
    """The kind of funding request (``typeDemande``, docs: format.md#envelope)."""

    AVANCE = "AVANCE"
    """A demande d'avance: the only kind in which certificates are ordered."""
    SOLDE = "SOLDE"
    """A demande de solde."""


class StatutAdminTechnique(_LabelledEnum):
    """Who the technical administrator is (``StatutAdminTechnique``)."""

    EDITEUR = "E"
    """``E``: the editor provides the technical administrator."""
    STRUCTURE = "S"
    """``S``: the structure provides the technical administrator."""


class UtiliteCertificat(_LabelledEnum):
    """What the certificate is for (``utiliteCertificat``, docs: format.md#utilite)."""

    DMP = "DMP"
    """For the DMP (the shared medical record)."""
    INS = "INS"
    """For INSi (the national health identifier service)."""
    DMP_INS = "DMP,INS"
    """For both; shown ``DMP, INS``."""
