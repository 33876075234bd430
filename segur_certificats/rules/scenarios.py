"""The scenario table (docs: scenarios.md): when the CPx card number is mandatory.

When a legal entity orders a certificate, its three answers decide whether
the card number is mandatory. `SCENARIOS` is the guide's table, row for row
(docs: scenarios.md#table); `lookup()` finds the row of three answers,
`card_requirement()` decides as soon as the answers given allow it, and
`scenarios()` shows the table with the row of an order highlighted and
explained.

```pycon
>>> from segur_certificats.format.codes import StatutAdminTechnique as S
>>> lookup(True, S.EDITEUR, False).numero_carte_cpx
<Requirement.OPTIONAL: 'optional'>
>>> lookup(True, S.STRUCTURE, False).numero_carte_cpx.label
'OBLIGATOIRE'
>>> [row.number for row in SCENARIOS if row.numero_carte_cpx is Requirement.MANDATORY]
[4, 7, 8, 9]
>>> print(scenarios(lookup(False, S.EDITEUR, True)).explanation())  # doctest: +NORMALIZE_WHITESPACE
Ligne 4 du tableau : numéro de carte CPX OBLIGATOIRE,
car l'éditeur a déjà contractualisé avec l'ANS.

```
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping

import attrs

from segur_certificats.format.codes import StatutAdminTechnique
from segur_certificats.format.keys import ANSWERS, CERTIFICAT, ENTITE
from segur_certificats.format.model import AdministrateurTechnique, EntiteJuridique
from segur_certificats.view import html as _html
from segur_certificats.view import text as _plain

__all__ = [
    "PARTIES",
    "SCENARIOS",
    "Requirement",
    "Scenario",
    "ScenarioTable",
    "card_requirement",
    "lookup",
    "scenario_of",
    "scenarios",
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


# -- The table shown --------------------------------------------------------------------------

_COLUMNS = ("Ligne", ENTITE["demande_certificat_serveur"], *(ENTITE[a] for a in ANSWERS))
_COLUMNS += (CERTIFICAT["numero_carte_cpx"],)


def _word(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _cells(row: Scenario) -> list[str]:
    return [
        str(row.number),
        *(
            _word(value)
            for value in (
                row.demande_certificat_serveur,
                row.contractualisation_og,
                row.statut,
                row.contractualisation_editeur,
            )
        ),
        row.numero_carte_cpx.label,
    ]


@attrs.frozen
class ScenarioTable:
    """The guide's scenario table (docs: scenarios.md#table), with the row of one order
    highlighted."""

    highlight: Scenario | None = None
    """The row that applies, shown highlighted."""
    incomplete: bool = False
    """True when an order was given but an answer is missing (no row applies)."""

    def explanation(self, lang: str = "fr") -> str:
        """Why the card number is, or is not, mandatory for the highlighted row, in
        French (``"fr"``, default) or English (``"en"``)."""
        english = lang == "en"
        row = self.highlight
        if self.incomplete or row is None:
            if not self.incomplete:
                return ""
            if english:
                return "No row applies: one of the three answers is missing."
            return "Aucune ligne ne s'applique : une des trois réponses manque."
        if row.numero_carte_cpx is Requirement.NULL:
            words = (
                "Ligne {} du tableau : pas de commande, tout le bloc est null.",
                "Row {} of the table: no order, the whole block is null.",
            )
            return words[english].format(row.number)
        party = PARTIES[row.statut][english]
        mandatory = row.numero_carte_cpx is Requirement.MANDATORY
        if english:
            card = "MANDATORY" if mandatory else "OPTIONAL"
            why = "has already contracted" if mandatory else "has not contracted yet"
            return (
                f"Row {row.number} of the table: CPx card number {card}, as {party} {why} with ANS."
            )
        done = "a déjà contractualisé" if mandatory else "n'a pas encore contractualisé"
        card = row.numero_carte_cpx.label
        return (
            f"Ligne {row.number} du tableau : numéro de carte CPX {card}, "
            f"car {party} {done} avec l'ANS."
        )

    def __str__(self) -> str:
        rows = [[*_cells(row), "◀" if row == self.highlight else ""] for row in SCENARIOS]
        explanation = self.explanation()
        table = _plain.table((*_COLUMNS, ""), rows)
        return table + ("\n" + explanation if explanation else "")

    def _repr_html_(self) -> str:
        rows = []
        for row in SCENARIOS:
            here = row == self.highlight
            tone = "highlight" if here else ""
            cells = [_html.Cell(c, tone=tone) for c in _cells(row)]
            cells.append(_html.Cell("◀ ce cas" if here else "", tone=tone))
            rows.append(
                _html.Row(
                    cells,
                    css_class="sc-highlight" if here else "",
                    data={"row": str(row.number)},
                    current=here,
                )
            )
        caption = "Scénarios de commande d'un certificat serveur"
        return _html.div(
            "sc-scenario-table",
            _html.table(caption, (*_COLUMNS, ""), rows, "sc-scenarios"),
            _html.paragraph(self.explanation(), "sc-explanation"),
        )


def scenarios(
    order: EntiteJuridique | AdministrateurTechnique | Scenario | None = None,
) -> ScenarioTable:
    """The scenario table, with the row that applies to an entity, an administrator
    row or a row of the table.

    ``scenarios(entite)`` answers "why is the card number mandatory here?".
    """
    if order is None:
        return ScenarioTable()
    if isinstance(order, Scenario):
        return ScenarioTable(highlight=order)
    admin = order.administrateur if isinstance(order, EntiteJuridique) else order
    row = scenario_of(admin)
    return ScenarioTable(highlight=row, incomplete=row is None)
