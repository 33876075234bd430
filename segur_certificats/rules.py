"""The business rules: the scenario table (docs: scenarios.md) and the
request rules (docs: validating.md#request-rules).

The guide's table is held as data, row for row (docs: scenarios.md#table). `check()` applies every
rule to a request and returns every problem found (docs: problems.md#every-problem-at-once), located
by JSON Pointer; the per-field rules live in `segur_certificats.fields`.

When a legal entity orders a certificate, its three answers decide whether
the CPx card number is mandatory. `SCENARIOS` is the guide's table, row
for row; `lookup()` finds the row of three answers.

```pycon
>>> from segur_certificats.model import StatutAdminTechnique as S
>>> lookup(True, S.EDITEUR, False).numero_carte_cpx
<Requirement.OPTIONAL: 'optional'>
>>> lookup(True, S.STRUCTURE, False).numero_carte_cpx.label
'OBLIGATOIRE'
>>> [row.number for row in SCENARIOS if row.numero_carte_cpx is Requirement.MANDATORY]
[4, 7, 8, 9]

```
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Iterable

import attrs

from segur_certificats import fields, finess
from segur_certificats.model import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    TypeDemande,
)
from segur_certificats.names import ADMIN_PATHS
from segur_certificats.problems import Problem, pointer, show_value, split_pointer

__all__ = [
    "FEATURE_START",
    "MS_COULOIRS",
    "SCENARIOS",
    "RequestContext",
    "Requirement",
    "Scenario",
    "card_requirement",
    "check",
    "check_entite",
    "feature_applies",
    "is_eligible",
    "is_in_force",
    "lookup",
    "scenario_of",
]


class Requirement(enum.Enum):
    """What the table asks of ``numeroCarteCPX``."""

    MANDATORY = "mandatory"
    OPTIONAL = "optional"
    NULL = "null"

    @property
    def label(self) -> str:
        """The guide's word: OBLIGATOIRE, FACULTATIF or NULL."""
        return {"mandatory": "OBLIGATOIRE", "optional": "FACULTATIF", "null": "NULL"}[self.value]


@attrs.frozen(kw_only=True)
class Scenario:
    """One row of the guide's table (numbered 1 to 9 from the top)."""

    number: int
    demande_certificat_serveur: bool
    contractualisation_og: bool | None
    statut: StatutAdminTechnique | None
    contractualisation_editeur: bool | None
    numero_carte_cpx: Requirement


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


#: The nine rows of the guide's table, in its order.
SCENARIOS: tuple[Scenario, ...] = _rows()


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
    >>> from segur_certificats.model import AdministrateurTechnique as A
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


#: The card requirement for every combination of answers, missing ones included,
#: worked out once from the table.
_DECIDED = {
    answers: _decided(answers)
    for answers in itertools.product(
        (None, False, True), (None, *StatutAdminTechnique), (None, False, True)
    )
}


#: The feature exists for requests filed, or modified, from this day on (docs:
#: validating.md#feature-date).
FEATURE_START = _dt.date(2023, 9, 21)
#: The corridors in which certificates can be ordered (docs: validating.md#eligible-requests).
MS_COULOIRS = frozenset({"MS1", "MS2"})


@attrs.frozen(kw_only=True)
class RequestContext:
    """What the request-level rules need to know of a request; ``None`` is unknown.

    Built from a `Demande` with `of()`, or by hand for blocks found
    inside an editor's own document, where only what the caller says is known.
    """

    type_demande: TypeDemande | None = None
    couloir: str | None = None
    date_depot: _dt.date | None = None
    date_modification: _dt.date | None = None

    @classmethod
    def of(cls, demande: Demande) -> RequestContext:
        """The context of a whole request."""
        return cls(
            type_demande=demande.type_demande,
            couloir=demande.couloir,
            date_depot=demande.date_depot,
            date_modification=demande.date_modification,
        )

    def eligible(self) -> bool | None:
        """Whether this is an advance of corridor MS1 or MS2 (docs:
        validating.md#eligible-requests); None if unknown."""
        if self.type_demande is None or self.couloir is None:
            return None
        return self.type_demande is TypeDemande.AVANCE and self.couloir in MS_COULOIRS

    def in_force(self) -> bool | None:
        """Whether it was filed, or last modified, on or after 2023-09-21 (docs:
        validating.md#feature-date)."""
        if self.date_depot is None:
            return None
        modified = self.date_modification
        return self.date_depot >= FEATURE_START or (
            modified is not None and modified >= FEATURE_START
        )


def is_eligible(demande: Demande) -> bool:
    """Whether the request is an advance of corridor MS1 or MS2 (docs:
    validating.md#eligible-requests)."""
    return RequestContext.of(demande).eligible() is True


def is_in_force(demande: Demande) -> bool:
    """Whether the request was filed, or last modified, on or after 2023-09-21 (docs:
    validating.md#feature-date)."""
    return RequestContext.of(demande).in_force() is True


def feature_applies(demande: Demande) -> bool:
    """Whether certificates can be ordered in this request (both request rules hold, docs:
    validating.md#request-rules)."""
    return is_eligible(demande) and is_in_force(demande)


# -- Checking a request -----------------------------------------------------------

#: Who must have contracted for the card to be mandatory (docs: scenarios.md#card-mandatory), for
#: the message.
_PARTY = {
    StatutAdminTechnique.EDITEUR: {"party": "l'éditeur", "party_en": "the editor"},
    StatutAdminTechnique.STRUCTURE: {
        "party": "l'organisme gestionnaire (OG)",
        "party_en": "the managing body (OG)",
    },
}


#: When the card is mandatory with no statut given: both parties have contracted.
_BOTH_PARTIES = {
    "party": "l'éditeur comme l'organisme gestionnaire (OG)",
    "party_en": "the editor and the managing body (OG) both",
}


def _under(path: str, problems: Iterable[Problem]) -> list[Problem]:
    return [problem.under(path) for problem in problems]


def _required_by_order(name: str) -> Problem:
    """``required`` for an administrator field, as an order wants it (docs:
    scenarios.md#required-fields)."""
    path = ADMIN_PATHS[name]
    return Problem(path, "required", params={"field": split_pointer(path)[-1]}, variant="order")


def check_entite(entite: EntiteJuridique) -> list[Problem]:
    """Every problem of one legal entity, with paths relative to the entity's object.

    The field rules for each field (docs: format.md#field-rules); when ordering, the answers and
    the administrator's details are required (docs: scenarios.md#required-fields) and the card as
    the table says (docs: scenarios.md#card-mandatory).
    """
    problems = _under("/finessJuridique", fields.check_finess(entite.finess_juridique))
    admin = entite.administrateur
    if admin is None:
        return problems
    for name in ("contractualisation_og", "statut", "contractualisation_editeur"):
        if getattr(admin, name) is None:
            problems.append(_required_by_order(name))
    mandatory = card_requirement(admin) is Requirement.MANDATORY
    reason = _PARTY[admin.statut] if admin.statut is not None else _BOTH_PARTIES
    card = fields.check_carte_cpx(admin.numero_carte_cpx, required=mandatory, reason=reason)
    problems += _under(ADMIN_PATHS["numero_carte_cpx"], card)
    problems += _under(ADMIN_PATHS["nom"], fields.check_nom(admin.nom))
    problems += _under(ADMIN_PATHS["telephone"], fields.check_telephone(admin.telephone))
    problems += _under(ADMIN_PATHS["email"], fields.check_email(admin.email))
    if admin.utilite is None:
        problems.append(_required_by_order("utilite"))
    return problems


def _request_problems(context: RequestContext, flag: str) -> list[Problem]:
    """The request rules (docs: validating.md#request-rules) for one order, reported at its
    ``demandeCertificatServeur``."""
    if context.eligible() is False:
        params = {
            "type": context.type_demande.code if context.type_demande else "?",
            "couloir": show_value(context.couloir) if context.couloir else "?",
        }
        return [Problem(flag, "demande.not-eligible", params=params)]
    if context.in_force() is False and context.date_depot is not None:
        depot = context.date_depot
        params = {"depot": depot.strftime("%d/%m/%Y"), "depot_en": depot.isoformat()}
        return [Problem(flag, "demande.before-feature", params=params)]
    return []


def check_parts(
    context: RequestContext | None, entites: Iterable[tuple[str, EntiteJuridique]]
) -> list[Problem]:
    """The rules over a request known only in part.

    ``context`` holds what is known of the request (``None``: nothing, so the
    request-level rules are skipped); ``entites`` are the legal entities that
    could be read, each with the JSON Pointer of its object in the document.
    """
    problems: list[Problem] = []
    first_order: dict[str, str] = {}
    for here, entite in entites:
        problems += _under(here, check_entite(entite))
        if entite.administrateur is None:
            continue
        number = fields.clean(entite.finess_juridique)
        if number is not None:
            number = finess.compact(number)
            if number in first_order:  # validating.md#one-order-per-finess
                params = {"value": show_value(number), "other": first_order[number]}
                problems.append(
                    Problem(here + "/finessJuridique", "finess.duplicate", params=params)
                )
            else:
                first_order[number] = here
        if context is not None:
            problems += _request_problems(context, here + "/demandeCertificatServeur")
    return problems


def check(demande: Demande) -> list[Problem]:
    """Every business-rule problem of a request (docs: format.md#field-rules, scenarios.md,
    validating.md#request-rules), in document order."""
    entites = demande.entites_juridiques
    return check_parts(
        RequestContext.of(demande),
        ((pointer("entitesJuridiques", i), entite) for i, entite in enumerate(entites)),
    )
