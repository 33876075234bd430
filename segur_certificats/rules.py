"""The business rules: the guide's scenario table, the request rules and the field
rules (docs: scenarios.md, validating.md#request-rules, format.md#field-rules).

`SCENARIOS` is the guide's table, row for row (docs: scenarios.md#table);
`lookup()` finds the row of three answers, `card_requirement()` decides as soon
as the answers given allow it whether the CPx card number is mandatory, and
`scenarios()` shows the table with the row that applies highlighted and
explained (docs: jupyter.md).
`eligible()`, `in_force()` and `feature_applies()` say whether certificates can
be ordered in a request (docs: validating.md#request-rules). `check()` applies
every rule to the legal entities read from a document and returns every
problem found (docs: problems.md#every-problem-at-once), each located by JSON
Pointer; `check_entite()` judges one entity, and the ``check_*`` field rules
one value. The rules take the model; they never read JSON.

```pycon
>>> from segur_certificats.model import AdministrateurTechnique, EntiteJuridique
>>> from segur_certificats.model import StatutAdminTechnique as S
>>> lookup(True, S.EDITEUR, False).numero_carte_cpx
<Requirement.OPTIONAL: 'optional'>
>>> lookup(True, S.STRUCTURE, False).numero_carte_cpx.label
'OBLIGATOIRE'
>>> [row.number for row in SCENARIOS if row.numero_carte_cpx is Requirement.MANDATORY]
[4, 7, 8, 9]
>>> [(p.path, p.code) for p in check(None, [("/e", EntiteJuridique(finess_juridique="1"))])]
[('/e/finessJuridique', 'finess.format')]

```
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from segur_certificats._problems.pointer import split_pointer
from segur_certificats._problems.problem import Problem
from segur_certificats._problems.shown import show_value
from segur_certificats._rules.cache import CACHE_SIZE, clear_cache, verdicts
from segur_certificats._rules.fields import (
    check_carte_cpx,
    check_email,
    check_finess,
    check_nom,
    check_telephone,
)
from segur_certificats._view import html as _html
from segur_certificats._view import plaintext as _plain
from segur_certificats._vocabulary.keys import (
    ADMIN_PATHS,
    ANSWERS,
    BLOC_ADMINISTRATEURS_VALIDE,
    CONTRACTUALISATION_EDITEUR,
    CONTRACTUALISATION_OG,
    DATE_MODIFICATION,
    DEMANDE_CERTIFICAT_SERVEUR,
    FINESS_JURIDIQUE,
    NUMERO_CARTE_CPX,
    STATUT,
    STATUT_ADMIN_TECHNIQUE,
)
from segur_certificats.model import (
    STATUT_A_MODIFIER,
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    RequestContext,
    StatutAdminTechnique,
    TypeDemande,
)

__all__ = [
    "CACHE_SIZE",
    "FEATURE_START",
    "MS_COULOIRS",
    "PARTIES",
    "SCENARIOS",
    "Requirement",
    "Scenario",
    "ScenarioTable",
    "card_requirement",
    "check",
    "check_carte_cpx",
    "check_dates",
    "check_email",
    "check_entite",
    "check_finess",
    "check_nom",
    "check_telephone",
    "clear_cache",
    "each_problem",
    "eligible",
    "feature_applies",
    "in_force",
    "lookup",
    "modification_day",
    "modification_refused",
    "scenario_of",
    "scenarios",
]

# -- The scenario table (docs: scenarios.md) -------------------------------------------------


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


# -- The request rules (docs: validating.md#request-rules) -----------------------------------

FEATURE_START = _dt.date(2023, 9, 21)
"""The feature exists for requests filed, or modified, from this day on (docs:
validating.md#feature-date)."""
MS_COULOIRS = frozenset({"MS1", "MS2"})
"""The corridors in which certificates can be ordered (docs: validating.md#eligible-requests)."""


def _context(request: Demande | RequestContext) -> RequestContext:
    return request.context if isinstance(request, Demande) else request


def eligible(request: Demande | RequestContext) -> bool | None:
    """Whether this is an advance of corridor MS1 or MS2 (docs:
    validating.md#eligible-requests); ``None`` if unknown.

    ```pycon
    >>> eligible(RequestContext(type_demande=TypeDemande.AVANCE, couloir="MS2"))
    True
    >>> eligible(RequestContext()) is None
    True

    ```
    """
    context = _context(request)
    if context.type_demande is None or context.couloir is None:
        return None
    return context.type_demande is TypeDemande.AVANCE and context.couloir in MS_COULOIRS


def in_force(request: Demande | RequestContext) -> bool | None:
    """Whether it was filed, or last modified, on or after 2023-09-21 (docs:
    validating.md#feature-date); ``None`` if unknown.

    ```pycon
    >>> in_force(RequestContext(date_depot=_dt.date(2023, 9, 20)))
    False

    ```
    """
    context = _context(request)
    if context.date_depot is None:
        return None
    modified = context.date_modification
    return context.date_depot >= FEATURE_START or (
        modified is not None and modified >= FEATURE_START
    )


def feature_applies(request: Demande | RequestContext) -> bool:
    """Whether certificates can be ordered in this request: both request rules are
    known to hold (docs: validating.md#request-rules)."""
    return eligible(request) is True and in_force(request) is True


# -- Who may change a request, and when (docs: editing.md#who-may-change) ---------------------


def modification_refused(request: Demande | RequestContext) -> Problem | None:
    """Why the administrators block of this request may not be changed, at the key
    that says it; ``None`` when it may be. The one rule every path that writes
    administrators into a request applies — the edit session, a sheet imported
    into a request, the HTTP API, the page, blocks written into an editor's
    document (docs: editing.md#who-may-change).

    A request whose status is known and is not "A modifier" is read-only
    (``edit.read-only``, docs: editing.md#read-only), and so is a block the
    gestionnaire validated (``edit.validated``, docs: editing.md#validated-block).
    A request with no status is one being built: it may be changed.

    ```pycon
    >>> modification_refused(RequestContext(statut="En cours")).code
    'edit.read-only'
    >>> modification_refused(RequestContext(statut="A modifier")) is None
    True
    >>> modification_refused(RequestContext(bloc_administrateurs_valide=True)).path
    '/blocAdministrateursValide'
    >>> modification_refused(RequestContext()) is None
    True

    ```
    """
    context = _context(request)
    if context.statut is not None and context.statut != STATUT_A_MODIFIER:
        return Problem(STATUT.path, "edit.read-only", params={"statut": context.statut})
    if context.bloc_administrateurs_valide:
        return Problem(BLOC_ADMINISTRATEURS_VALIDE.path, "edit.validated")
    return None


def modification_day(on: _dt.date | None = None) -> _dt.date:
    """The day a modification dates its request: ``on`` when given (tests, back-dating),
    else today (docs: editing.md#dated). Confirming an edit and writing blocks into
    a request set ``dateModification`` to it, so that a request filed before
    2023-09-21 and modified now takes orders (docs: validating.md#feature-date)."""
    return _dt.date.today() if on is None else on


def check_dates(request: Demande | RequestContext) -> list[Problem]:
    """``dateModification`` before ``dateDepot``: ``demande.modified-before-filing``
    at ``/dateModification`` (docs: validating.md#dates).

    ```pycon
    >>> [p.code for p in check_dates(RequestContext(
    ...     date_depot=_dt.date(2024, 1, 10), date_modification=_dt.date(2024, 1, 9)))]
    ['demande.modified-before-filing']

    ```
    """
    context = _context(request)
    depot, modified = context.date_depot, context.date_modification
    if depot is None or modified is None or modified >= depot:
        return []
    params = {
        "depot": _shown(depot),
        "depot_en": depot.isoformat(),
        "modification": _shown(modified),
        "modification_en": modified.isoformat(),
    }
    return [Problem(DATE_MODIFICATION.path, "demande.modified-before-filing", params=params)]


def _shown(day: _dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# -- Judging legal entities (docs: format.md#field-rules, scenarios.md) -----------------------

_FINESS = FINESS_JURIDIQUE.path
_FLAG = DEMANDE_CERTIFICAT_SERVEUR.path


# Who must have contracted for the card to be mandatory, as the message says it.
_REASONS = {statut: {"party": fr, "party_en": en} for statut, (fr, en) in PARTIES.items()}


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
    problems = [p.under(_FINESS) for p in check_finess(entite.finess_juridique)]
    admin = entite.administrateur
    if admin is not None:
        problems += _row_problems(admin)
    return problems


# Where each field's problems go, relative to the entity.
_CARD, _NOM, _TEL, _EMAIL = (
    ADMIN_PATHS[name] for name in ("numero_carte_cpx", "nom", "telephone", "email")
)


@verdicts
def _row_problems(admin: AdministrateurTechnique) -> tuple[Problem, ...]:
    """The problems of an administrator row, relative to its entity: a row is judged
    once, however many entities it serves (an editor's administrator often serves
    many customers)."""
    problems = [_required_by_order(name) for name in ANSWERS if getattr(admin, name) is None]
    mandatory = card_requirement(admin) is Requirement.MANDATORY
    reason = _REASONS[admin.statut]
    for path, found in (
        (_CARD, check_carte_cpx(admin.numero_carte_cpx, required=mandatory, reason=reason)),
        (_NOM, check_nom(admin.nom)),
        (_TEL, check_telephone(admin.telephone)),
        (_EMAIL, check_email(admin.email)),
    ):
        problems += [problem.under(path) for problem in found]
    if admin.utilite is None:
        problems.append(_required_by_order("utilite"))
    return tuple(problems)


def _request_rules(context: RequestContext) -> list[Problem]:
    """What the request rules (docs: validating.md#request-rules) say of every order of
    this request, at the order's ``demandeCertificatServeur``."""
    if eligible(context) is False:
        params = {
            "type": context.type_demande.code if context.type_demande else "?",
            "couloir": show_value(context.couloir) if context.couloir else "?",
        }
        return [Problem(_FLAG, "demande.not-eligible", params=params)]
    if in_force(context) is False and context.date_depot is not None:
        depot, modified = context.date_depot, context.date_modification
        params = {"depot": _shown(depot), "depot_en": depot.isoformat()}
        if modified is None:
            return [Problem(_FLAG, "demande.before-feature", params=params)]
        # The message says what it saw: the modification date too.
        params |= {"modification": _shown(modified), "modification_en": modified.isoformat()}
        return [Problem(_FLAG, "demande.before-feature", params=params, variant="modified")]
    return []


def check(
    context: RequestContext | None, entites: Iterable[tuple[str, EntiteJuridique]]
) -> list[Problem]:
    """Every rule over the legal entities of a request, in document order.

    ``context`` holds what is known of the request (``None``: nothing, so the
    request-level rules are skipped); ``entites`` are the legal entities read,
    each with the JSON Pointer of its object in the document. An order's
    request-rule problems are reported at its ``demandeCertificatServeur``.
    """
    return list(each_problem(context, entites))


def each_problem(
    context: RequestContext | None, entites: Iterable[tuple[str, EntiteJuridique]]
) -> Iterator[Problem]:
    """`check`'s problems one at a time, in the same order: a caller that keeps only
    some of them never holds the others all at once."""
    first_order: dict[str, str] = {}
    request = _request_rules(context) if context is not None else []
    for here, entite in entites:
        for problem in check_entite(entite):
            yield problem.under(here)
        if entite.administrateur is None:
            continue
        number = entite.finess_juridique  # the model holds it compact
        if number:
            if number in first_order:  # validating.md#one-order-per-finess
                params = {"value": show_value(number), "other": first_order[number]}
                yield Problem(here + _FINESS, "finess.duplicate", params=params)
            else:
                first_order[number] = here
        for problem in request:
            yield problem.under(here)


# -- The table shown (docs: scenarios.md#table, jupyter.md) ---------------------------------

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
