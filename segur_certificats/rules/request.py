"""Judging a request: the field rules of each legal entity, the scenario table and
the request rules (docs: format.md#field-rules, scenarios.md, validating.md#request-rules).

`check()` applies every rule to the legal entities read from a document and
returns every problem found (docs: problems.md#every-problem-at-once), each
located by JSON Pointer; `check_entite()` judges one entity on its own.

```pycon
>>> from segur_certificats.format.model import AdministrateurTechnique, EntiteJuridique
>>> [(p.path, p.code) for p in check(None, [("/e", EntiteJuridique(finess_juridique="1"))])]
[('/e/finessJuridique', 'finess.format')]

```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from segur_certificats.format.context import RequestContext
from segur_certificats.format.keys import ADMIN_PATHS, ANSWERS, ENTITE
from segur_certificats.format.model import AdministrateurTechnique, EntiteJuridique
from segur_certificats.problems.pointer import split_pointer
from segur_certificats.problems.problem import Problem
from segur_certificats.problems.shown import show_value
from segur_certificats.rules import fields
from segur_certificats.rules.cache import verdicts
from segur_certificats.rules.scenarios import PARTIES, Requirement, card_requirement

__all__ = ["check", "check_entite", "each_problem"]

_FINESS = "/" + ENTITE["finess_juridique"]
_FLAG = "/" + ENTITE["demande_certificat_serveur"]


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
    problems = [p.under(_FINESS) for p in fields.check_finess(entite.finess_juridique)]
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
        (_CARD, fields.check_carte_cpx(admin.numero_carte_cpx, required=mandatory, reason=reason)),
        (_NOM, fields.check_nom(admin.nom)),
        (_TEL, fields.check_telephone(admin.telephone)),
        (_EMAIL, fields.check_email(admin.email)),
    ):
        problems += [problem.under(path) for problem in found]
    if admin.utilite is None:
        problems.append(_required_by_order("utilite"))
    return tuple(problems)


def _request_rules(context: RequestContext) -> list[tuple[str, dict[str, str]]]:
    """What the request rules (docs: validating.md#request-rules) say of every order of
    this request: each problem's code and parameters."""
    if context.eligible() is False:
        params = {
            "type": context.type_demande.code if context.type_demande else "?",
            "couloir": show_value(context.couloir) if context.couloir else "?",
        }
        return [("demande.not-eligible", params)]
    if context.in_force() is False and context.date_depot is not None:
        depot = context.date_depot
        return [
            (
                "demande.before-feature",
                {"depot": depot.strftime("%d/%m/%Y"), "depot_en": depot.isoformat()},
            )
        ]
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
        for code, params in request:
            yield Problem(here + _FLAG, code, params=params)
