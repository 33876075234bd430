"""The request and its server-certificate orders as immutable Python objects.

The classes mirror what the portal shows, not the JSON layout: a
`EntiteJuridique` (one FINESS juridique of the request) holds either no
certificate order (``administrateur is None``, i.e. ``demandeCertificatServeur``
false) or one `AdministrateurTechnique` that carries everything shown on
one row of the administrators table (docs: jupyter.md#consultation-screen).

The classes only check *types*. A draft may hold a missing answer or an empty
name: business rules live in `segur_certificats.rules`, so that every
problem of a request can be reported at once (docs: problems.md#every-problem-at-once).

```pycon
>>> from datetime import date
>>> admin = AdministrateurTechnique(
...     contractualisation_og=False,
...     statut=StatutAdminTechnique.EDITEUR,
...     contractualisation_editeur=True,
...     numero_carte_cpx="8001234567",
...     nom="STU",
...     telephone="0603334174",
...     email="a.stu@mail.com",
...     utilite=UtiliteCertificat.DMP,
... )
>>> entite = EntiteJuridique(finess_juridique="33 005 806 6", administrateur=admin)
>>> entite.finess_juridique
'330058066'
>>> entite.demande_certificat_serveur
True
>>> admin.evolve(nom="LE GALL").nom
'LE GALL'

```
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

import attrs

from segur_certificats import finess as _finess
from segur_certificats.format import text as _text
from segur_certificats.format.codes import StatutAdminTechnique, TypeDemande, UtiliteCertificat
from segur_certificats.format.context import RequestContext
from segur_certificats.format.keys import ADMIN_PATHS, ANSWERS, ENVELOPPE
from segur_certificats.format.labels import COLUMNS, LABELS, yes_no
from segur_certificats.problems.arguments import evolved, instance_of, wrong_type
from segur_certificats.view import html as _html
from segur_certificats.view import text as _plain

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11; mypy ships it

__all__ = [
    "STATUT_A_MODIFIER",
    "STATUT_EN_COURS",
    "AdministrateurChanges",
    "AdministrateurTechnique",
    "Demande",
    "DemandeChanges",
    "EntiteChanges",
    "EntiteJuridique",
    "row_cells",
]

STATUT_A_MODIFIER = "A modifier"
"""The request status under which the portal allows modifications (docs: editing.md#read-only)."""
STATUT_EN_COURS = "En cours"
"""A read-only status seen on the portal ("being processed")."""


def _optional(kind: type | tuple[type, ...]) -> Any:
    return attrs.validators.optional(instance_of(kind))


# The converters are typed with what the classes accept, so that type checkers
# read the constructors' parameters from them (the attrs plugin does); at run
# time anything else is passed on unchanged for the validators to refuse.


def _normalised(value: str | None) -> str | None:
    # What is counted is what is written: free text enters the model stripped,
    # in NFC, and blank as None (docs: format.md#normalisation).
    return _text.text(value) if isinstance(value, str) else value


def _phone(value: str | None) -> str | None:
    # A phone number's non-breaking spaces are spaces (docs: format.md#telephone).
    return _text.phone(value) if isinstance(value, str) else value


def _normalised_required(value: str) -> str:
    if isinstance(value, str):
        return _text.text(value) or ""
    return value


def _date_only(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # A datetime is a date subclass but would write a time into the JSON.
    if value is not None and (type(value) is not _dt.date):
        raise wrong_type(attribute.name, value, _dt.date)


class AdministrateurChanges(TypedDict, total=False):
    """The keyword arguments of `AdministrateurTechnique.evolve` and `EditSession.modify`."""

    contractualisation_og: bool | None
    statut: StatutAdminTechnique | None
    contractualisation_editeur: bool | None
    numero_carte_cpx: str | None
    nom: str | None
    telephone: str | None
    email: str | None
    utilite: UtiliteCertificat | None


@attrs.frozen(kw_only=True)
class AdministrateurTechnique:
    """One row of the administrators table: the three answers and the certificate details.

    Every field defaults to ``None`` so that a draft can be filled in steps, as
    the portal's "add" pop-in does (docs: editing.md#rows).
    """

    contractualisation_og: bool | None = attrs.field(default=None, validator=_optional(bool))
    """``contracutualisationOG``: the managing body (OG) has already contracted with ANS."""
    statut: StatutAdminTechnique | None = attrs.field(
        default=None, validator=_optional(StatutAdminTechnique)
    )
    """``StatutAdminTechnique``: the administrator is the editor (E) or the structure (S)."""
    contractualisation_editeur: bool | None = attrs.field(default=None, validator=_optional(bool))
    """``contractualisationEditeur``: the editor has already contracted with ANS."""
    numero_carte_cpx: str | None = attrs.field(
        default=None, converter=_normalised, validator=_optional(str)
    )
    """``numeroCarteCPX``: the CPx card number."""
    nom: str | None = attrs.field(default=None, converter=_normalised, validator=_optional(str))
    """``nomAdminTechnique``: the administrator's name."""
    telephone: str | None = attrs.field(default=None, converter=_phone, validator=_optional(str))
    """``telAdminTechnique``: the administrator's phone number, as written (normalised)."""
    email: str | None = attrs.field(default=None, converter=_normalised, validator=_optional(str))
    """``emailAdminTechnique``: the administrator's e-mail address, as written (normalised)."""
    utilite: UtiliteCertificat | None = attrs.field(
        default=None, validator=_optional(UtiliteCertificat)
    )
    """``utiliteCertificat``: what the certificate is for."""

    def evolve(self, **changes: Unpack[AdministrateurChanges]) -> AdministrateurTechnique:
        """A copy with the given fields changed (``attrs.evolve``); type checkers
        check the names and types of the changes (`AdministrateurChanges`). A field that
        does not exist, or a value of the wrong type, raises `InvalidArgument` (a
        `TypeError`) naming it."""
        return evolved(self, changes)


def _compact_finess(value: str | None) -> str | None:
    # Python builders accept the spaced display form and keep the compact one
    # (docs: format.md#finess-juridique); anything that is not a string is left to the validator.
    return _finess.compact(value) if isinstance(value, str) else value


class EntiteChanges(TypedDict, total=False):
    """The keyword arguments of `EntiteJuridique.evolve`."""

    finess_juridique: str | None
    administrateur: AdministrateurTechnique | None


@attrs.frozen(kw_only=True)
class EntiteJuridique:
    """A legal entity of the request and its server-certificate order, if any."""

    finess_juridique: str | None = attrs.field(
        default=None, converter=_compact_finess, validator=_optional(str)
    )
    """``finessJuridique``, compact form (spaces typed in Python are removed)."""
    administrateur: AdministrateurTechnique | None = attrs.field(
        default=None, validator=_optional(AdministrateurTechnique)
    )
    """The order's administrator row; ``None`` means no order
    (``demandeCertificatServeur`` false, docs: format.md#no-order)."""

    @property
    def demande_certificat_serveur(self) -> bool:
        """``demandeCertificatServeur``: whether this entity orders a certificate."""
        return self.administrateur is not None

    def evolve(self, **changes: Unpack[EntiteChanges]) -> EntiteJuridique:
        """A copy with the given fields changed (``attrs.evolve``); type checkers
        check the names and types of the changes (`EntiteChanges`). A field that
        does not exist, or a value of the wrong type, raises `InvalidArgument` (a
        `TypeError`) naming it."""
        return evolved(self, changes)


def _to_entities(value: Iterable[EntiteJuridique]) -> tuple[EntiteJuridique, ...]:
    return tuple(value)


class DemandeChanges(TypedDict, total=False):
    """The keyword arguments of `Demande.evolve`."""

    numero_demande: str | None
    type_demande: TypeDemande
    couloir: str
    date_depot: _dt.date
    date_modification: _dt.date | None
    statut: str | None
    bloc_administrateurs_valide: bool
    entites_juridiques: Iterable[EntiteJuridique]


@attrs.frozen(kw_only=True)
class Demande:
    """A funding request: the project's envelope around the certificate orders (docs:
    format.md#envelope)."""

    numero_demande: str | None = attrs.field(
        default=None, converter=_normalised, validator=_optional(str)
    )
    """``numeroDemande``, e.g. ``FINMS2009167M1``."""
    type_demande: TypeDemande = attrs.field(validator=instance_of(TypeDemande))
    """``typeDemande``."""
    couloir: str = attrs.field(converter=_normalised_required, validator=instance_of(str))
    """``couloir``: the corridor code (the feature exists for ``MS1`` and ``MS2``)."""
    date_depot: _dt.date = attrs.field(validator=_date_only)
    """``dateDepot``: the filing date."""
    date_modification: _dt.date | None = attrs.field(default=None, validator=_date_only)
    """``dateModification``: the date of the last modification, if any."""
    statut: str | None = attrs.field(default=None, converter=_normalised, validator=_optional(str))
    """``statut``: the portal status, e.g. `STATUT_A_MODIFIER`."""
    bloc_administrateurs_valide: bool = attrs.field(default=False, validator=instance_of(bool))
    """``blocAdministrateursValide``: the gestionnaire validated the administrators block."""
    entites_juridiques: tuple[EntiteJuridique, ...] = attrs.field(
        converter=_to_entities,
        validator=attrs.validators.deep_iterable(instance_of(EntiteJuridique)),
    )
    """``entitesJuridiques``: the legal entities, in document order."""

    def evolve(self, **changes: Unpack[DemandeChanges]) -> Demande:
        """A copy with the given fields changed (``attrs.evolve``); type checkers
        check the names and types of the changes (`DemandeChanges`). A field that
        does not exist, or a value of the wrong type, raises `InvalidArgument` (a
        `TypeError`) naming it."""
        return evolved(self, changes)

    @property
    def commandes(self) -> tuple[EntiteJuridique, ...]:
        """The entities that order a certificate: the rows of the consultation screen."""
        return tuple(e for e in self.entites_juridiques if e.administrateur is not None)

    @property
    def context(self) -> RequestContext:
        """What the request-level rules know of this request (docs:
        validating.md#request-rules)."""
        return RequestContext(
            type_demande=self.type_demande,
            couloir=self.couloir,
            date_depot=self.date_depot,
            date_modification=self.date_modification,
        )

    def header(self) -> list[tuple[str, str]]:
        """The consultation screen's header: each label and its value as shown."""
        return [
            (LABELS[ENVELOPPE["numero_demande"]], self.numero_demande or "—"),
            (LABELS[ENVELOPPE["type_demande"]], self.type_demande.label),
            (LABELS[ENVELOPPE["couloir"]], self.couloir),
            (LABELS[ENVELOPPE["date_depot"]], _shown_date(self.date_depot)),
            (LABELS[ENVELOPPE["date_modification"]], _shown_date(self.date_modification)),
            (LABELS[ENVELOPPE["statut"]], self.statut or "—"),
            (
                LABELS[ENVELOPPE["bloc_administrateurs_valide"]],
                yes_no(self.bloc_administrateurs_valide),
            ),
        ]

    def __str__(self) -> str:
        """The consultation screen as plain text."""
        head = (
            f"Demande {self.numero_demande or '—'} · {self.type_demande.label} · "
            f"couloir {self.couloir} · déposée le {_shown_date(self.date_depot)} · "
            f"modifiée le {_shown_date(self.date_modification)} · statut {self.statut or '—'}"
        )
        rows = [row_cells(e) for e in self.commandes]
        return head + "\n" + (_plain.table(COLUMNS, rows) if rows else NO_ORDER)

    def _repr_html_(self) -> str:
        """The portal's consultation screen, for Jupyter (docs: jupyter.md#consultation-screen)."""
        rows = [
            _html.Row(
                [_html.Cell(cell) for cell in row_cells(e)],
                data={"finess": e.finess_juridique or ""},
            )
            for e in self.commandes
        ] or [_html.Row([_html.Cell(NO_ORDER, colspan=len(COLUMNS))])]
        return _html.div(
            "sc-demande",
            _html.definitions(self.header(), "sc-demande-info"),
            _html.table(CAPTION, COLUMNS, rows, "sc-commandes"),
        )


def checked_entite(
    finess_juridique: str | None, administrateur: AdministrateurTechnique | None = None
) -> EntiteJuridique:
    """An `EntiteJuridique` of values already checked and normalised (by the reader,
    `segur_certificats.codec.reader`): the converters and validators are not run
    a second time."""
    entite = _new(EntiteJuridique)
    _SET_FINESS(entite, finess_juridique)
    _SET_ADMINISTRATEUR(entite, administrateur)
    return entite


def checked_administrateur(**values: Any) -> AdministrateurTechnique:
    """An `AdministrateurTechnique` of values already checked and normalised (every
    field given), as `checked_entite`."""
    admin = _new(AdministrateurTechnique)
    for name, setter in _ADMIN_SETTERS:
        setter(admin, values[name])
    return admin


# The frozen classes' slots, written directly (each slot's own setter, as attrs'
# generated __init__ does for a frozen class).
_new = object.__new__
_ADMIN_SETTERS = tuple(
    (field.name, AdministrateurTechnique.__dict__[field.name].__set__)
    for field in attrs.fields(AdministrateurTechnique)
)
_SET_FINESS = EntiteJuridique.__dict__["finess_juridique"].__set__
_SET_ADMINISTRATEUR = EntiteJuridique.__dict__["administrateur"].__set__

CAPTION = "Information sur le(s) administrateur(s) technique(s)"
"""The consultation screen's caption, and what it says when nothing is ordered."""
NO_ORDER = "Aucune demande de certificat serveur."


def _shown_date(value: _dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else "—"


def _label(value: object, answer: bool) -> str:
    if isinstance(value, bool) or (value is None and answer):
        return yes_no(value)
    if value is None:
        return ""
    return str(getattr(value, "label", value))


def row_cells(entite: EntiteJuridique) -> list[str]:
    """The texts of one row of the consultation screen, with the screen's labels
    (docs: jupyter.md#consultation-screen).

    ```pycon
    >>> row_cells(EntiteJuridique(finess_juridique="330058066",
    ...     administrateur=AdministrateurTechnique(statut=StatutAdminTechnique.EDITEUR)))
    ['330058066', '', 'Editeur', '', '', '', '', '', '']

    ```
    """
    admin = entite.administrateur or AdministrateurTechnique()
    return [
        entite.finess_juridique or "",
        *(_label(getattr(admin, name), name in ANSWERS) for name in ADMIN_PATHS),
    ]
