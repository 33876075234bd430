"""What the portal's screens and the format's documentation call each key and code
(docs: jupyter.md#consultation-screen, schema.md).

One label and one description per JSON key of `segur_certificats._internal.vocabulary.keys`
(a test holds them to the same keys), the screen's label of each code, and the
portal's Oui/Non. The screens, the schema's titles and descriptions and the
spreadsheet's headers all take them from here.

```pycon
>>> LABELS["telAdminTechnique"], CODE_LABELS["DMP,INS"], yes_no(False)
('Téléphone', 'DMP, INS', 'Non')

```
"""

from __future__ import annotations

from collections.abc import Mapping

from segur_certificats._internal.vocabulary.keys import ADMIN_PATHS, ENTITE

__all__ = ["CODE_LABELS", "COLUMNS", "DESCRIPTIONS", "LABELS", "yes_no"]

LABELS: Mapping[str, str] = {
    "numeroDemande": "Numéro",
    "typeDemande": "Type",
    "couloir": "Couloir",
    "dateDepot": "Date de dépôt",
    "dateModification": "Date de modification",
    "statut": "Statut",
    "blocAdministrateursValide": "Bloc administrateurs validé",
    "entitesJuridiques": "Entités juridiques",
    "finessJuridique": "FINESS juridique",
    "demandeCertificatServeur": "Demande de certificat serveur",
    "contracutualisationOG": "Contractualisation OG",
    "StatutAdminTechnique": "Statut administrateur",
    "contractualisationEditeur": "Contractualisation éditeur",
    "certificatServeur": "Certificat serveur",
    "numeroCarteCPX": "Numéro de carte CPX",
    "nomAdminTechnique": "Nom",
    "telAdminTechnique": "Téléphone",
    "emailAdminTechnique": "Email",
    "utiliteCertificat": "Utilité certificat",
}
"""The screen's label of each key of the format: the request's header, then the
columns of the consultation screen (docs: jupyter.md#consultation-screen)."""

COLUMNS: tuple[str, ...] = (
    LABELS[ENTITE["finess_juridique"]],
    *(LABELS[path.rsplit("/", 1)[1]] for path in ADMIN_PATHS.values()),
)
"""The columns of the consultation screen: the FINESS juridique, then the
administrator row's fields in order (docs: jupyter.md#consultation-screen)."""

CODE_LABELS: Mapping[str, str] = {
    "AVANCE": "Demande d'avance",
    "SOLDE": "Demande de solde",
    "E": "Editeur",
    "S": "Structure",
    "DMP,INS": "DMP, INS",
}
"""The screen's label of a code, where it is not the code itself."""


def yes_no(value: bool | None) -> str:
    """The portal's label for a yes/no answer: ``Oui``, ``Non``, or ``""`` when unanswered."""
    if value is None:
        return ""
    return "Oui" if value else "Non"


DESCRIPTIONS: Mapping[str, tuple[str, str]] = {
    # -- the envelope (docs: format.md#envelope) ------------------------------
    "numeroDemande": ("Numéro de la demande.", "The request's number."),
    "typeDemande": (
        "Type de la demande : AVANCE (demande d'avance) ou SOLDE (demande de solde).",
        "The kind of request: AVANCE (advance) or SOLDE (balance).",
    ),
    "couloir": (
        "Couloir de financement (MS1, MS2…) ; les certificats serveur ne se commandent que "
        "dans les demandes d'avance des couloirs MS1 et MS2.",
        "The funding corridor (MS1, MS2…); server certificates can be ordered only in "
        "advance requests of corridors MS1 and MS2.",
    ),
    "dateDepot": ("Date de dépôt, AAAA-MM-JJ.", "Filing date, YYYY-MM-DD."),
    "dateModification": (
        "Date de la dernière modification, AAAA-MM-JJ, ou null.",
        "Date of the last modification, YYYY-MM-DD, or null.",
    ),
    "statut": (
        "Statut de la demande ; seule une demande « A modifier » se modifie.",
        'The request\'s status; only a request "A modifier" can be edited.',
    ),
    "blocAdministrateursValide": (
        "Le gestionnaire a validé le bloc des administrateurs techniques (il n'est plus "
        "modifiable).",
        "The gestionnaire has validated the technical administrators block (it can no "
        "longer be edited).",
    ),
    "entitesJuridiques": (
        "Les entités juridiques de la demande, chacune avec son bloc certificat serveur.",
        "The request's legal entities, each with its server-certificate block.",
    ),
    # -- the legal entity and its block (docs: format.md#block) --------------------
    "finessJuridique": (
        "FINESS juridique sous forme compacte : 9 caractères, des chiffres sauf 2A ou 2B en "
        "tête pour la Corse ; le dernier est une clé de Luhn.",
        "FINESS juridique in compact form: 9 characters, digits except 2A or 2B first for "
        "Corsica; the last one is a Luhn key.",
    ),
    "demandeCertificatServeur": (
        "true : l'éditeur commande un certificat serveur par le portail ; false : les "
        "autres valeurs du bloc sont null.",
        "true: the editor orders a server certificate through the portal; false: the "
        "block's other values are null.",
    ),
    "contracutualisationOG": (
        "L'organisme gestionnaire a déjà contractualisé avec l'ANS (clé écrite ainsi par "
        "le portail).",
        "The managing body has already contracted with ANS (the key is spelt so by the portal).",
    ),
    "StatutAdminTechnique": (
        "Qui est l'administrateur technique : E (Editeur) ou S (Structure).",
        "Who the technical administrator is: E (Editeur) or S (Structure).",
    ),
    "contractualisationEditeur": (
        "L'éditeur a déjà contractualisé avec l'ANS.",
        "The editor has already contracted with ANS.",
    ),
    "certificatServeur": (
        "L'administrateur technique et l'usage du certificat ; null sans commande.",
        "The technical administrator and the certificate's purpose; null without an order.",
    ),
    "numeroCarteCPX": (
        "Numéro de carte CPx de l'administrateur (10 chiffres sur les cartes réelles) ; "
        "obligatoire selon le tableau des scénarios.",
        "The administrator's CPx card number (10 digits on real cards); mandatory as the "
        "scenario table says.",
    ),
    "nomAdminTechnique": (
        "Nom de l'administrateur technique : lettres, avec des espaces, tirets ou "
        "apostrophes simples entre les lettres.",
        "The technical administrator's name: letters, with single spaces, hyphens or "
        "apostrophes between letters.",
    ),
    "telAdminTechnique": (
        "Téléphone : un numéro national (métropole et outre-mer, ex. 0603334174, 0262 30 40 "
        "50) ou international (+32 2 555 12 12), le numéro seul.",
        "Phone: a national number (metropolitan or overseas France, e.g. 0603334174, "
        "0262 30 40 50) or an international one (+32 2 555 12 12), the number alone.",
    ),
    "emailAdminTechnique": ("Adresse e-mail.", "E-mail address."),
    "utiliteCertificat": (
        "Usage du certificat : DMP, INS ou DMP,INS (affiché « DMP, INS »).",
        'What the certificate is for: DMP, INS or DMP,INS (shown as "DMP, INS").',
    ),
}
"""What each key of the format holds, in French and English: the JSON Schema's
``description`` of that key (`segur_certificats.schema`). The titles are the
screen's labels."""
