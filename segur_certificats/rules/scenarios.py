"""The scenario table (docs: scenarios.md): when the CPx card number is mandatory.

When a legal entity orders a certificate, its three answers decide whether
the card number is mandatory. `SCENARIOS` is the guide's table, row for row
(docs: scenarios.md#table); `lookup()` finds the row of three answers,
and `card_requirement()` decides as soon as the answers given allow it;
`segur_certificats.rules.table` shows the table.

```pycon
>>> from segur_certificats.format.codes import StatutAdminTechnique as S
>>> lookup(True, S.EDITEUR, False).numero_carte_cpx
<Requirement.OPTIONAL: 'optional'>
>>> lookup(True, S.STRUCTURE, False).numero_carte_cpx.label
'OBLIGATOIRE'
>>> [row.number for row in SCENARIOS if row.numero_carte_cpx is Requirement.MANDATORY]
[4, 7, 8, 9]

```
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping

import attrs

from segur_certificats.format.codes import StatutAdminTechnique
from segur_certificats.format.model import AdministrateurTechnique

__all__ = [
    "PARTIES",
    "SCENARIOS",
    "Requirement",
    "Scenario",
    "card_requirement",
    "lookup",
    "scenario_of",
]


class Requirement(enum.Enum):
    """What the table asks of ``numeroCarteCPX``."""

    MANDATORY = "mandatory"
    """OBLIGATOIRE: the card number must be given."""
    OPTIONAL = "optional"
    """FACULTATIF: the card number may be given."""
    NULL = "null"
    """NULL: no order, the whole block is null."""

    @property
    def label(self) -> str:
        """The guide's word: OBLIGATOIRE, FACULTATIF or NULL."""
        return {"mandatory": "OBLIGATOIRE", "optional": "FACULTATIF", "null": "NULL"}[self.value]


@attrs.frozen(kw_only=True)
class Scenario:
    """One row of the guide's table (numbered 1 to 9 from the top)."""

    number: int
    """The row's number, 1 to 9 from the top of the guide's table."""
    demande_certificat_serveur: bool
    """``demandeCertificatServeur``."""
    contractualisation_og: bool | None
    """``contracutualisationOG``."""
    statut: StatutAdminTechnique | None
    """``StatutAdminTechnique``."""
    contractualisation_editeur: bool | None
    """``contractualisationEditeur``."""
    numero_carte_cpx: Requirement
    """What the row asks of ``numeroCarteCPX``."""


def _rows() -> tuple[Scenario, ...]:
    e, s = StatutAdminTechnique.EDITEUR, StatutAdminTechnique.STRUCTURE
    m, o = Requirement.MANDATORY, Requirement.OPTIONAL
    table = [
        # demande, OG,   statut, éditeur, numeroCarteCPX  -- verbatim from the guide
        (False, None, None, None, Requirement.NULL),
        (True, False, e, False, o),
        (True, False, s, False, o),
        (True, False, e, True, m),
        (True, False, s, True, o),
        (True, True, e, False, o),
        (True, True, s, False, m),
        (True, True, e, True, m),
        (True, True, s, True, m),
    ]
    return tuple(
        Scenario(
            number=number,
            demande_certificat_serveur=demande,
            contractualisation_og=og,
            statut=statut,
            contractualisation_editeur=editeur,
            numero_carte_cpx=card,
        )
        for number, (demande, og, statut, editeur, card) in enumerate(table, start=1)
    )


SCENARIOS: tuple[Scenario, ...] = _rows()
"""The nine rows of the guide's table, in its order."""


def lookup(
    contractualisation_og: bool | None,
    statut: StatutAdminTechnique | None,
    contractualisation_editeur: bool | None,
    *,
    demande_certificat_serveur: bool = True,
) -> Scenario | None:
    """The table row for these answers, or ``None`` when no row has them (an answer missing)."""
    for row in SCENARIOS:
        if (
            row.demande_certificat_serveur is demande_certificat_serveur
            and row.contractualisation_og is contractualisation_og
            and row.statut is statut
            and row.contractualisation_editeur is contractualisation_editeur
        ):
            return row
    return None


def scenario_of(administrateur: AdministrateurTechnique | None) -> Scenario | None:
    """The row that applies to an entity's order (``None`` administrator: row 1)."""
    if administrateur is None:
        return lookup(None, None, None, demande_certificat_serveur=False)
    return lookup(
        administrateur.contractualisation_og,
        administrateur.statut,
        administrateur.contractualisation_editeur,
    )


def card_requirement(administrateur: AdministrateurTechnique | None) -> Requirement | None:
    """Whether this order needs a card number; ``None`` while the answers given
    leave it undecided.

    With an answer missing, the requirement is still decided when every row the
    missing answers could complete gives the same one: an editor's administrator
    with the editor contracted needs a card, whatever the OG did (docs:
    scenarios.md#card-mandatory).

    ```pycon
    >>> from segur_certificats.format.model import AdministrateurTechnique as A
    >>> card_requirement(A(statut=StatutAdminTechnique.EDITEUR, contractualisation_editeur=True))
    <Requirement.MANDATORY: 'mandatory'>
    >>> card_requirement(A(statut=StatutAdminTechnique.EDITEUR)) is None
    True

    ```
    """
    if administrateur is None:
        return Requirement.NULL
    return _DECIDED[
        (
            administrateur.contractualisation_og,
            administrateur.statut,
            administrateur.contractualisation_editeur,
        )
    ]


def _decided(
    answers: tuple[bool | None, StatutAdminTechnique | None, bool | None],
) -> Requirement | None:
    """The requirement every ordering row agreeing with the given answers has, if one."""
    possible = {
        row.numero_carte_cpx
        for row in SCENARIOS
        if row.demande_certificat_serveur
        and all(
            given is None or given is in_row
            for given, in_row in zip(
                answers,
                (row.contractualisation_og, row.statut, row.contractualisation_editeur),
                strict=True,
            )
        )
    }
    return possible.pop() if len(possible) == 1 else None


_DECIDED = {
    answers: _decided(answers)
    for answers in itertools.product(
        (None, False, True), (None, *StatutAdminTechnique), (None, False, True)
    )
}
"""The card requirement for every combination of answers, missing ones included,
worked out once from the table."""


# -- Who has contracted, as messages and explanations say it ------------------------------

PARTIES: Mapping[StatutAdminTechnique | None, tuple[str, str]] = {
    StatutAdminTechnique.EDITEUR: ("l'éditeur", "the editor"),
    StatutAdminTechnique.STRUCTURE: ("l'organisme gestionnaire (OG)", "the managing body (OG)"),
    # With no statut given, the card is mandatory only when both have contracted.
    None: (
        "l'éditeur comme l'organisme gestionnaire (OG)",
        "the editor and the managing body (OG) both",
    ),
}
"""The party whose contract makes the card mandatory (docs: scenarios.md#card-mandatory),
by who the administrator is (fr, en)."""
