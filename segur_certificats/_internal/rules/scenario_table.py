"""The scenario table shown: the guide's nine rows, the row of an order highlighted
and explained (docs: scenarios.md#table, jupyter.md).

```pycon
>>> from segur_certificats.model import StatutAdminTechnique as S
>>> from segur_certificats.rules import lookup
>>> print(scenarios(lookup(False, S.EDITEUR, True)).explanation())  # doctest: +NORMALIZE_WHITESPACE
Ligne 4 du tableau : numéro de carte CPX OBLIGATOIRE,
car l'éditeur a déjà contractualisé avec l'ANS.

```
"""

from __future__ import annotations

import attrs

from segur_certificats._internal.view import html as _html
from segur_certificats._internal.view import plaintext as _plain
from segur_certificats._internal.vocabulary.keys import (
    CONTRACTUALISATION_EDITEUR,
    CONTRACTUALISATION_OG,
    DEMANDE_CERTIFICAT_SERVEUR,
    NUMERO_CARTE_CPX,
    STATUT_ADMIN_TECHNIQUE,
)
from segur_certificats.model import AdministrateurTechnique, EntiteJuridique
from segur_certificats.rules import PARTIES, SCENARIOS, Requirement, Scenario, scenario_of

__all__ = ["ScenarioTable", "scenarios"]


# -- The table shown --------------------------------------------------------------------------

_COLUMNS = (
    "Ligne",
    *(
        key.json
        for key in (
            DEMANDE_CERTIFICAT_SERVEUR,
            CONTRACTUALISATION_OG,
            STATUT_ADMIN_TECHNIQUE,
            CONTRACTUALISATION_EDITEUR,
            NUMERO_CARTE_CPX,
        )
    ),
)


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
