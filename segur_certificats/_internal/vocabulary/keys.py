"""The JSON names of the format, in the order they are written (docs: format.md#block,
format.md#envelope): the one place a JSON key is spelt.

Python attribute → JSON key, one table per JSON object. The misspelling
``contracutualisationOG`` and the capital S of ``StatutAdminTechnique`` are
the format's own. Everything that names a JSON key — the reader and the
writer, the rules' problem paths, the edit diff, the schema, the sheets —
takes it from here (a test reads the package for any other spelling).

```pycon
>>> ADMIN_PATHS["contractualisation_og"], ADMIN_PATHS["nom"]
('/contracutualisationOG', '/certificatServeur/nomAdminTechnique')
>>> BLOCK_KEYS[0]
'demandeCertificatServeur'

```
"""

from __future__ import annotations

__all__ = [
    "ADMIN_PATHS",
    "ANSWERS",
    "BLOCK_KEYS",
    "CERTIFICAT",
    "ENTITE",
    "ENVELOPPE",
    "KEY_ORDER",
    "MAX_LENGTHS",
    "OWNERS",
    "TYPES_DEMANDE",
]

TYPES_DEMANDE: tuple[str, ...] = ("AVANCE", "SOLDE")
"""The codes of ``typeDemande`` (`segur_certificats.model.TypeDemande`)."""

ENVELOPPE: dict[str, str] = {
    "numero_demande": "numeroDemande",
    "type_demande": "typeDemande",
    "couloir": "couloir",
    "date_depot": "dateDepot",
    "date_modification": "dateModification",
    "statut": "statut",
    "bloc_administrateurs_valide": "blocAdministrateursValide",
    "entites_juridiques": "entitesJuridiques",
}
"""The request envelope (the project's own, docs: format.md#envelope)."""

ENTITE: dict[str, str] = {
    "finess_juridique": "finessJuridique",
    "demande_certificat_serveur": "demandeCertificatServeur",
    "contractualisation_og": "contracutualisationOG",  # sic, docs: format.md#block
    "statut": "StatutAdminTechnique",  # sic, capital S
    "contractualisation_editeur": "contractualisationEditeur",
    "certificat": "certificatServeur",
}
"""A legal entity: ``finessJuridique`` then the block."""

CERTIFICAT: dict[str, str] = {
    "numero_carte_cpx": "numeroCarteCPX",
    "nom": "nomAdminTechnique",
    "telephone": "telAdminTechnique",
    "email": "emailAdminTechnique",
    "utilite": "utiliteCertificat",
}
"""``certificatServeur``."""

MAX_LENGTHS: dict[str, int] = {
    CERTIFICAT["numero_carte_cpx"]: 10,
    CERTIFICAT["nom"]: 25,
    CERTIFICAT["telephone"]: 50,
    CERTIFICAT["email"]: 150,
}
"""Longest values the portal's form accepts (docs: format.md#block), in characters."""

BLOCK_KEYS: tuple[str, ...] = tuple(ENTITE.values())[1:]
"""The keys of the block, after ``finessJuridique``."""

KEY_ORDER: tuple[str, ...] = (*ENVELOPPE.values(), *ENTITE.values(), *CERTIFICAT.values())
"""Every key of the format, in the order it is written: envelope, entity, certificate."""

ANSWERS: tuple[str, ...] = ("contractualisation_og", "statut", "contractualisation_editeur")
"""The three answers that decide the scenario (docs: scenarios.md#table), as attributes."""

ADMIN_PATHS: dict[str, str] = {
    **{name: "/" + ENTITE[name] for name in ANSWERS},
    **{name: f"/{ENTITE['certificat']}/{key}" for name, key in CERTIFICAT.items()},
}
"""Where each `AdministrateurTechnique` field is written, relative to its legal
entity's object, in the order of the administrator row."""

OWNERS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(ENVELOPPE.values(), ("la racine de la demande", "the request's root object")),
    **dict.fromkeys(
        ENTITE.values(), ("un objet de entitesJuridiques", "an object of entitesJuridiques")
    ),
    **dict.fromkeys(CERTIFICAT.values(), ("certificatServeur", "certificatServeur")),
}
"""The object each key of the format belongs in, as messages name it (fr, en)."""
