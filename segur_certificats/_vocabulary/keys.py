"""The format's JSON keys: one record per key, and every table derived from them
(docs: format.md#envelope, format.md#block).

A `Key` holds all the package knows of a key: its JSON name exactly as the
format spells it (``contracutualisationOG`` and the capital S of
``StatutAdminTechnique`` are the format's own), the model's attribute it
holds, the object it belongs in, its label on the portal's screens in French
and English, its description (the JSON Schema's ``description``), and the
longest value the portal's form accepts. This module is the one place a key
is spelt: the converter, the reader, the rules' problem paths, the edit diff,
the schema, the screens and the sheets take it from here (a test reads the
package for any other spelling).

```pycon
>>> NOM_ADMIN_TECHNIQUE.json, NOM_ADMIN_TECHNIQUE.path, NOM_ADMIN_TECHNIQUE.max_length
('nomAdminTechnique', '/certificatServeur/nomAdminTechnique', 25)
>>> ADMIN_PATHS["contractualisation_og"], BLOCK_KEYS[0]
('/contracutualisationOG', 'demandeCertificatServeur')
>>> CONTRACTUALISATION_OG.label("en"), OWNERS["numeroCarteCPX"]
('OG contract', ('certificatServeur', 'certificatServeur'))

```
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import NamedTuple

__all__ = [
    "ADMIN_KEYS",
    "ADMIN_PATHS",
    "ANSWERS",
    "BLOCK_KEYS",
    "BLOC_ADMINISTRATEURS_VALIDE",
    "BY_JSON",
    "CERTIFICAT_KEYS",
    "CERTIFICAT_SERVEUR",
    "CONTRACTUALISATION_EDITEUR",
    "CONTRACTUALISATION_OG",
    "COULOIR",
    "DATE_DEPOT",
    "DATE_MODIFICATION",
    "DEMANDE_CERTIFICAT_SERVEUR",
    "EMAIL_ADMIN_TECHNIQUE",
    "ENTITES_JURIDIQUES",
    "ENTITY_KEYS",
    "ENVELOPE_KEYS",
    "FINESS_JURIDIQUE",
    "KEYS",
    "KEY_ORDER",
    "MAX_LENGTHS",
    "NOM_ADMIN_TECHNIQUE",
    "NUMERO_CARTE_CPX",
    "NUMERO_DEMANDE",
    "OWNERS",
    "STATUT",
    "STATUT_ADMIN_TECHNIQUE",
    "TEL_ADMIN_TECHNIQUE",
    "TYPES_DEMANDE",
    "TYPE_DEMANDE",
    "UTILITE_CERTIFICAT",
    "Key",
    "Owner",
]

TYPES_DEMANDE: tuple[str, ...] = ("AVANCE", "SOLDE")
"""The codes of ``typeDemande`` (`segur_certificats.model.TypeDemande`, which a test
holds to them): the command line offers them without importing the model."""


class Owner(enum.Enum):
    """The JSON object a key belongs in."""

    ENVELOPE = "envelope"
    """The request's root object (the project's envelope, docs: format.md#envelope)."""
    ENTITY = "entity"
    """A legal entity's object: ``finessJuridique`` and the block (docs: format.md#block)."""
    CERTIFICAT = "certificat"
    """The ``certificatServeur`` object inside the block."""


class Key(NamedTuple):
    """One JSON key of the format and all the package knows of it (a named tuple:
    the command line reads the keys without importing attrs)."""

    json: str
    """The JSON name, exactly as the format spells it."""
    attribute: str
    """The attribute of the model that holds its value (`segur_certificats.model`)."""
    owner: Owner
    """The object it belongs in."""
    labels: tuple[str, str]
    """Its label on the portal's screens, in French and English."""
    descriptions: tuple[str, str]
    """What it holds, in French and English (the JSON Schema's ``description``)."""
    max_length: int | None = None
    """The longest value the portal's form accepts, in characters, if it says one."""

    @property
    def path(self) -> str:
        """Its JSON Pointer, relative to the request for an envelope key and to the
        legal entity's object for the others."""
        if self.owner is Owner.CERTIFICAT:
            return f"/{CERTIFICAT_SERVEUR.json}/{self.json}"
        return f"/{self.json}"

    def label(self, lang: str = "fr") -> str:
        """Its label on the portal's screens, in French (default) or English."""
        return self.labels[lang == "en"]

    def description(self, lang: str = "fr") -> str:
        """What it holds, in French (default) or English."""
        return self.descriptions[lang == "en"]


NUMERO_DEMANDE = Key(
    "numeroDemande",
    "numero_demande",
    Owner.ENVELOPE,
    ("Numéro", "Number"),
    (
        "Numéro de la demande.",
        "The request's number.",
    ),
)
TYPE_DEMANDE = Key(
    "typeDemande",
    "type_demande",
    Owner.ENVELOPE,
    ("Type", "Type"),
    (
        "Type de la demande : AVANCE (demande d'avance) ou SOLDE (demande de solde).",
        "The kind of request: AVANCE (advance) or SOLDE (balance).",
    ),
)
COULOIR = Key(
    "couloir",
    "couloir",
    Owner.ENVELOPE,
    ("Couloir", "Corridor"),
    (
        "Couloir de financement (MS1, MS2…) ; les certificats serveur ne se commandent que dans "
        "les demandes d'avance des couloirs MS1 et MS2.",
        "The funding corridor (MS1, MS2…); server certificates can be ordered only in advance "
        "requests of corridors MS1 and MS2.",
    ),
)
DATE_DEPOT = Key(
    "dateDepot",
    "date_depot",
    Owner.ENVELOPE,
    ("Date de dépôt", "Filing date"),
    (
        "Date de dépôt, AAAA-MM-JJ.",
        "Filing date, YYYY-MM-DD.",
    ),
)
DATE_MODIFICATION = Key(
    "dateModification",
    "date_modification",
    Owner.ENVELOPE,
    ("Date de modification", "Modification date"),
    (
        "Date de la dernière modification, AAAA-MM-JJ, ou null.",
        "Date of the last modification, YYYY-MM-DD, or null.",
    ),
)
STATUT = Key(
    "statut",
    "statut",
    Owner.ENVELOPE,
    ("Statut", "Status"),
    (
        "Statut de la demande ; seule une demande « A modifier » se modifie.",
        'The request\'s status; only a request "A modifier" can be edited.',
    ),
)
BLOC_ADMINISTRATEURS_VALIDE = Key(
    "blocAdministrateursValide",
    "bloc_administrateurs_valide",
    Owner.ENVELOPE,
    ("Bloc administrateurs validé", "Administrators block validated"),
    (
        "Le gestionnaire a validé le bloc des administrateurs techniques (il n'est plus "
        "modifiable).",
        "The gestionnaire has validated the technical administrators block (it can no longer be "
        "edited).",
    ),
)
ENTITES_JURIDIQUES = Key(
    "entitesJuridiques",
    "entites_juridiques",
    Owner.ENVELOPE,
    ("Entités juridiques", "Legal entities"),
    (
        "Les entités juridiques de la demande, chacune avec son bloc certificat serveur.",
        "The request's legal entities, each with its server-certificate block.",
    ),
)
FINESS_JURIDIQUE = Key(
    "finessJuridique",
    "finess_juridique",
    Owner.ENTITY,
    ("FINESS juridique", "FINESS juridique"),
    (
        "FINESS juridique sous forme compacte : 9 caractères, des chiffres sauf 2A ou 2B en tête "
        "pour la Corse ; le dernier est une clé de Luhn.",
        "FINESS juridique in compact form: 9 characters, digits except 2A or 2B first for Corsica;"
        " the last one is a Luhn key.",
    ),
)
DEMANDE_CERTIFICAT_SERVEUR = Key(
    "demandeCertificatServeur",
    "demande_certificat_serveur",
    Owner.ENTITY,
    ("Demande de certificat serveur", "Server certificate ordered"),
    (
        "true : l'éditeur commande un certificat serveur par le portail ; false : les autres "
        "valeurs du bloc sont null.",
        "true: the editor orders a server certificate through the portal; false: the block's other"
        " values are null.",
    ),
)
CONTRACTUALISATION_OG = Key(
    "contracutualisationOG",  # sic: the format's own spelling
    "contractualisation_og",
    Owner.ENTITY,
    ("Contractualisation OG", "OG contract"),
    (
        "L'organisme gestionnaire a déjà contractualisé avec l'ANS (clé écrite ainsi par le "
        "portail).",
        "The managing body has already contracted with ANS (the key is spelt so by the portal).",
    ),
)
STATUT_ADMIN_TECHNIQUE = Key(
    "StatutAdminTechnique",  # sic: capital S
    "statut",
    Owner.ENTITY,
    ("Statut administrateur", "Administrator status"),
    (
        "Qui est l'administrateur technique : E (Editeur) ou S (Structure).",
        "Who the technical administrator is: E (Editeur) or S (Structure).",
    ),
)
CONTRACTUALISATION_EDITEUR = Key(
    "contractualisationEditeur",
    "contractualisation_editeur",
    Owner.ENTITY,
    ("Contractualisation éditeur", "Editor contract"),
    (
        "L'éditeur a déjà contractualisé avec l'ANS.",
        "The editor has already contracted with ANS.",
    ),
)
CERTIFICAT_SERVEUR = Key(
    "certificatServeur",
    "certificat",
    Owner.ENTITY,
    ("Certificat serveur", "Server certificate"),
    (
        "L'administrateur technique et l'usage du certificat ; null sans commande.",
        "The technical administrator and the certificate's purpose; null without an order.",
    ),
)
NUMERO_CARTE_CPX = Key(
    "numeroCarteCPX",
    "numero_carte_cpx",
    Owner.CERTIFICAT,
    ("Numéro de carte CPX", "CPx card number"),
    (
        "Numéro de carte CPx de l'administrateur (10 chiffres sur les cartes réelles) ; "
        "obligatoire selon le tableau des scénarios.",
        "The administrator's CPx card number (10 digits on real cards); mandatory as the scenario "
        "table says.",
    ),
    max_length=10,
)
NOM_ADMIN_TECHNIQUE = Key(
    "nomAdminTechnique",
    "nom",
    Owner.CERTIFICAT,
    ("Nom", "Name"),
    (
        "Nom de l'administrateur technique : lettres, avec des espaces, tirets ou apostrophes "
        "simples entre les lettres.",
        "The technical administrator's name: letters, with single spaces, hyphens or apostrophes "
        "between letters.",
    ),
    max_length=25,
)
TEL_ADMIN_TECHNIQUE = Key(
    "telAdminTechnique",
    "telephone",
    Owner.CERTIFICAT,
    ("Téléphone", "Phone"),
    (
        "Téléphone : un numéro national (métropole et outre-mer, ex. 0603334174, 0262 30 40 50) ou"
        " international (+32 2 555 12 12), le numéro seul.",
        "Phone: a national number (metropolitan or overseas France, e.g. 0603334174, 0262 30 40 "
        "50) or an international one (+32 2 555 12 12), the number alone.",
    ),
    max_length=50,
)
EMAIL_ADMIN_TECHNIQUE = Key(
    "emailAdminTechnique",
    "email",
    Owner.CERTIFICAT,
    ("Email", "E-mail"),
    (
        "Adresse e-mail.",
        "E-mail address.",
    ),
    max_length=150,
)
UTILITE_CERTIFICAT = Key(
    "utiliteCertificat",
    "utilite",
    Owner.CERTIFICAT,
    ("Utilité certificat", "Certificate use"),
    (
        "Usage du certificat : DMP, INS ou DMP,INS (affiché « DMP, INS »).",
        'What the certificate is for: DMP, INS or DMP,INS (shown as "DMP, INS").',
    ),
)


KEYS: tuple[Key, ...] = (
    NUMERO_DEMANDE,
    TYPE_DEMANDE,
    COULOIR,
    DATE_DEPOT,
    DATE_MODIFICATION,
    STATUT,
    BLOC_ADMINISTRATEURS_VALIDE,
    ENTITES_JURIDIQUES,
    FINESS_JURIDIQUE,
    DEMANDE_CERTIFICAT_SERVEUR,
    CONTRACTUALISATION_OG,
    STATUT_ADMIN_TECHNIQUE,
    CONTRACTUALISATION_EDITEUR,
    CERTIFICAT_SERVEUR,
    NUMERO_CARTE_CPX,
    NOM_ADMIN_TECHNIQUE,
    TEL_ADMIN_TECHNIQUE,
    EMAIL_ADMIN_TECHNIQUE,
    UTILITE_CERTIFICAT,
)
"""Every key of the format, in the order it is written: envelope, entity, certificate."""
ENVELOPE_KEYS: tuple[Key, ...] = tuple(k for k in KEYS if k.owner is Owner.ENVELOPE)
"""The request envelope's keys (the project's own, docs: format.md#envelope)."""
ENTITY_KEYS: tuple[Key, ...] = tuple(k for k in KEYS if k.owner is Owner.ENTITY)
"""A legal entity's keys: ``finessJuridique`` then the block's (docs: format.md#block)."""
CERTIFICAT_KEYS: tuple[Key, ...] = tuple(k for k in KEYS if k.owner is Owner.CERTIFICAT)
"""The keys of ``certificatServeur``."""

KEY_ORDER: tuple[str, ...] = tuple(k.json for k in KEYS)
"""Every JSON name, in the order it is written."""
BLOCK_KEYS: tuple[str, ...] = tuple(k.json for k in ENTITY_KEYS[1:])
"""The keys of the block, after ``finessJuridique``."""
ANSWERS: tuple[str, ...] = tuple(
    k.attribute for k in (CONTRACTUALISATION_OG, STATUT_ADMIN_TECHNIQUE, CONTRACTUALISATION_EDITEUR)
)
"""The three answers that decide the scenario (docs: scenarios.md#table), as attributes."""
ADMIN_KEYS: tuple[Key, ...] = (
    CONTRACTUALISATION_OG,
    STATUT_ADMIN_TECHNIQUE,
    CONTRACTUALISATION_EDITEUR,
    *CERTIFICAT_KEYS,
)
"""The keys of an administrator row (`segur_certificats.model.AdministrateurTechnique`),
in its order."""
ADMIN_PATHS: Mapping[str, str] = {k.attribute: k.path for k in ADMIN_KEYS}
"""Where each `AdministrateurTechnique` field is written, relative to its legal
entity's object, in the order of the administrator row."""
MAX_LENGTHS: Mapping[str, int] = {k.json: k.max_length for k in KEYS if k.max_length}
"""Longest values the portal's form accepts (docs: format.md#block), in characters."""
_OWNER_NAMES = {
    Owner.ENVELOPE: ("la racine de la demande", "the request's root object"),
    Owner.ENTITY: (
        f"un objet de {ENTITES_JURIDIQUES.json}",
        f"an object of {ENTITES_JURIDIQUES.json}",
    ),
    Owner.CERTIFICAT: (CERTIFICAT_SERVEUR.json, CERTIFICAT_SERVEUR.json),
}
OWNERS: Mapping[str, tuple[str, str]] = {k.json: _OWNER_NAMES[k.owner] for k in KEYS}
"""The object each key belongs in, as messages name it (fr, en)."""
BY_JSON: Mapping[str, Key] = {k.json: k for k in KEYS}
"""Each key by its JSON name."""
