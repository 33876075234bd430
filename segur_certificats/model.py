"""The request and its server-certificate orders as immutable Python objects
(docs: format.md).

The classes mirror what the portal shows, not the JSON layout: a
`EntiteJuridique` (one FINESS juridique of the request) holds either no
certificate order (``administrateur is None``, i.e. ``demandeCertificatServeur``
false) or one `AdministrateurTechnique` that carries everything shown on
one row of the administrators table (docs: jupyter.md#consultation-screen).
The enums hold the codes of the format (docs: format.md#types-and-codes);
`RequestContext` what is known of a request, for the request rules
(`segur_certificats.rules`). `segur_certificats.serialize` reads and writes
these classes as the exact JSON of the format.

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
>>> UtiliteCertificat("DMP,INS").label, StatutAdminTechnique.EDITEUR.code
('DMP, INS', 'E')

```
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

import attrs

from segur_certificats import finess as _finess
from segur_certificats._problems.arguments import evolved, instance_of, wrong_type
from segur_certificats._view import html as _html
from segur_certificats._view import plaintext as _plain
from segur_certificats._vocabulary import keys as _keys
from segur_certificats._vocabulary import normalise as _text
from segur_certificats._vocabulary.keys import ADMIN_PATHS, ANSWERS
from segur_certificats._vocabulary.labels import (
    CAPTION,
    CODE_LABELS,
    COLUMNS,
    NO_ORDER,
    yes_no,
)

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
    "RequestContext",
    "StatutAdminTechnique",
    "TypeDemande",
    "UtiliteCertificat",
    "row_cells",
]

# -- The codes (docs: format.md#types-and-codes) ----------------------------------------------


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


# -- What a request is, for the request rules (docs: validating.md#request-rules) -----------


@attrs.frozen(kw_only=True)
class RequestContext:
    """What the request-level rules need to know of a request; ``None`` is unknown.

    Built from a `Demande` with ``Demande.context``, or by hand for blocks found
    inside an editor's own document, where only what the caller says is known.
    """

    type_demande: TypeDemande | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(TypeDemande))
    )
    """``typeDemande``, if known."""
    couloir: str | None = attrs.field(
        default=None, converter=_normalised, validator=attrs.validators.optional(instance_of(str))
    )
    """``couloir``, if known (read as a request's: stripped, blank is unknown)."""
    date_depot: _dt.date | None = attrs.field(default=None, validator=_date_only)
    """``dateDepot``, if known."""
    date_modification: _dt.date | None = attrs.field(default=None, validator=_date_only)
    """``dateModification``, if known (``None`` also when never modified)."""
    statut: str | None = attrs.field(
        default=None, converter=_normalised, validator=attrs.validators.optional(instance_of(str))
    )
    """``statut``, if known: who may change the request (docs: editing.md#read-only);
    read as a request's (stripped, blank is no status)."""
    bloc_administrateurs_valide: bool | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(bool))
    )
    """``blocAdministrateursValide``, if known (docs: editing.md#validated-block)."""


# -- The request, its legal entities and administrator rows --------------------------------

STATUT_A_MODIFIER = "A modifier"
"""The request status under which the portal allows modifications (docs: editing.md#read-only)."""
STATUT_EN_COURS = "En cours"
"""A read-only status seen on the portal ("being processed")."""


class AdministrateurChanges(TypedDict, total=False):
    """The keyword arguments of `AdministrateurTechnique.evolve` and `EditSession.modify`."""

    contractualisation_og: bool | None
    """See `AdministrateurTechnique.contractualisation_og`."""
    statut: StatutAdminTechnique | None
    """See `AdministrateurTechnique.statut`."""
    contractualisation_editeur: bool | None
    """See `AdministrateurTechnique.contractualisation_editeur`."""
    numero_carte_cpx: str | None
    """See `AdministrateurTechnique.numero_carte_cpx`."""
    nom: str | None
    """See `AdministrateurTechnique.nom`."""
    telephone: str | None
    """See `AdministrateurTechnique.telephone`."""
    email: str | None
    """See `AdministrateurTechnique.email`."""
    utilite: UtiliteCertificat | None
    """See `AdministrateurTechnique.utilite`."""


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
    """See `EntiteJuridique.finess_juridique`."""
    administrateur: AdministrateurTechnique | None
    """See `EntiteJuridique.administrateur`."""


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
    """See `Demande.numero_demande`."""
    type_demande: TypeDemande
    """See `Demande.type_demande`."""
    couloir: str
    """See `Demande.couloir`."""
    date_depot: _dt.date
    """See `Demande.date_depot`."""
    date_modification: _dt.date | None
    """See `Demande.date_modification`."""
    statut: str | None
    """See `Demande.statut`."""
    bloc_administrateurs_valide: bool
    """See `Demande.bloc_administrateurs_valide`."""
    entites_juridiques: Iterable[EntiteJuridique]
    """See `Demande.entites_juridiques`."""


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
            statut=self.statut,
            bloc_administrateurs_valide=self.bloc_administrateurs_valide,
        )

    def header(self) -> list[tuple[str, str]]:
        """The consultation screen's header: each label and its value as shown."""
        shown = {
            _keys.NUMERO_DEMANDE: self.numero_demande or "—",
            _keys.TYPE_DEMANDE: self.type_demande.label,
            _keys.COULOIR: self.couloir,
            _keys.DATE_DEPOT: _shown_date(self.date_depot),
            _keys.DATE_MODIFICATION: _shown_date(self.date_modification),
            _keys.STATUT: self.statut or "—",
            _keys.BLOC_ADMINISTRATEURS_VALIDE: yes_no(self.bloc_administrateurs_valide),
        }
        return [(key.label(), value) for key, value in shown.items()]

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
