"""The sheet's columns: the consultation screen's, with whether the entity orders
a certificate and an optional "Raison sociale" (docs: sheets.md#template)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from segur_certificats._vocabulary.keys import (
    ADMIN_PATHS,
    BY_JSON,
    CERTIFICAT_KEYS,
    CONTRACTUALISATION_EDITEUR,
    CONTRACTUALISATION_OG,
    DEMANDE_CERTIFICAT_SERVEUR,
    FINESS_JURIDIQUE,
    STATUT_ADMIN_TECHNIQUE,
)
from segur_certificats._vocabulary.labels import yes_no
from segur_certificats.model import (
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    UtiliteCertificat,
    row_cells,
)
from segur_certificats.rules import SCENARIOS, Requirement

__all__ = ["COLUMNS", "Column", "choices_text", "note", "template_rows"]


@attrs.frozen
class Column:
    """A column of the sheet."""

    header: str
    """The header, as the portal's screen labels the value."""
    key: str | None
    """The JSON key the column fills; ``None`` for "Raison sociale", which the SDK ignores."""
    kind: str
    """How a cell is read: ``"text"``, ``"digits"`` (text made of digits: Excel
    must not turn it into a number), ``"boolean"`` (Oui/Non), ``"statut"``
    (Editeur/Structure), ``"utilite"`` (DMP/INS/"DMP, INS"), ``"ignored"``."""
    choices: tuple[str, ...] = ()
    """The labels a drop-down list offers, each once."""
    max_length: int | None = None
    """The longest value the portal accepts."""


_OUI_NON = (yes_no(True), yes_no(False))
_FINESS, _FLAG = FINESS_JURIDIQUE.json, DEMANDE_CERTIFICAT_SERVEUR.json
_OG, _STATUT, _EDITEUR = (
    CONTRACTUALISATION_OG.json,
    STATUT_ADMIN_TECHNIQUE.json,
    CONTRACTUALISATION_EDITEUR.json,
)
_CARD, _NOM, _TEL, _EMAIL, _UTILITE = (key.json for key in CERTIFICAT_KEYS)


def _column(key: str, kind: str, choices: tuple[str, ...] = ()) -> Column:
    record = BY_JSON[key]
    return Column(record.label(), key, kind, choices, record.max_length)


COLUMNS: tuple[Column, ...] = (
    Column(FINESS_JURIDIQUE.label(), _FINESS, "digits", max_length=9),
    Column("Raison sociale", None, "ignored"),
    _column(_FLAG, "boolean", _OUI_NON),
    _column(_OG, "boolean", _OUI_NON),
    _column(_STATUT, "statut", tuple(s.label for s in StatutAdminTechnique)),
    _column(_EDITEUR, "boolean", _OUI_NON),
    _column(_CARD, "digits"),
    _column(_NOM, "text"),
    _column(_TEL, "digits"),
    _column(_EMAIL, "text"),
    _column(_UTILITE, "utilite", tuple(u.label for u in UtiliteCertificat)),
)
"""The columns, in order: the consultation screen's, plus whether the entity
orders a certificate and an optional "Raison sociale"."""
BY_KEY = {column.key: column for column in COLUMNS if column.key}
"""The column of each JSON key."""
ADMIN_KEYS = tuple(key.json for key in CERTIFICAT_KEYS)
"""The keys of ``certificatServeur``, in order."""
PATHS = {path.rsplit("/", 1)[1]: path for path in ADMIN_PATHS.values()}
"""Where each key of an administrator row is written, relative to its entity."""
# The JSON key of each cell of the consultation screen (`row_cells`).
_SCREEN_KEYS = (_FINESS, *PATHS)

# Where the sheet says it otherwise than the JSON's description.
_NOTES = {
    _FLAG: "Oui : l'éditeur commande un certificat serveur par le portail "
    "pour cette entité juridique ; Non : laissez les colonnes suivantes vides.",
    _OG: "L'organisme gestionnaire (OG) a déjà contractualisé avec l'ANS.",
}


def note(column: Column) -> str:
    """What a column's header note says: the rule, in French."""
    if column.key is None:
        return "Facultatif, pour vous repérer : segur-certificats ne lit pas cette colonne."
    text = _NOTES.get(column.key) or BY_JSON[column.key].description()
    if column.key == _CARD:
        mandatory = [
            f"{row.statut.label if row.statut else '?'}, OG {yes_no(row.contractualisation_og)}, "
            f"éditeur {yes_no(row.contractualisation_editeur)}"
            for row in SCENARIOS
            if row.numero_carte_cpx is Requirement.MANDATORY
        ]
        text += " Obligatoire pour : " + " ; ".join(mandatory) + " (feuille Aide)."
    if column.choices:
        text += " Choix : " + choices_text(column.choices) + "."
    if column.max_length:
        text += f" {column.max_length} caractères au plus."
    if column.kind == "digits":
        text += " Colonne au format texte : gardez le zéro en tête."
    return text


def choices_text(choices: Iterable[str]) -> str:
    """The choices of a drop-down list, each once and quoted: ``« DMP », « INS »,
    « DMP, INS »`` (a choice may hold a comma)."""
    return ", ".join(f"« {choice} »" for choice in dict.fromkeys(choices))


def _cells(entite: EntiteJuridique) -> list[str]:
    """A row: the consultation screen's cells, and whether the entity orders."""
    values: dict[str | None, str] = dict(zip(_SCREEN_KEYS, row_cells(entite), strict=True))
    values[_FLAG] = yes_no(entite.administrateur is not None)
    return [values.get(column.key, "") for column in COLUMNS]


def template_rows(demande: Demande | Iterable[EntiteJuridique] | None = None) -> list[list[str]]:
    """The template's rows: one per legal entity of a request (or of the entities
    given), its answers shown with the portal's labels; none without any."""
    if demande is None:
        return []
    entities = demande.entites_juridiques if isinstance(demande, Demande) else demande
    return [_cells(entite) for entite in entities]
