"""The format as a JSON Schema (Draft 2020-12), for editors outside Python (docs: schema.md).

Generated, never written by hand: the keys, their order, their titles (the
portal's labels), their descriptions and their lengths from the format's one
record per key, the codes from the model's enums (`segur_certificats.model`),
the card requirement from the rows of `segur_certificats.rules.SCENARIOS`.

```pycon
>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["required"]
['typeDemande', 'couloir', 'dateDepot', 'entitesJuridiques']
>>> certificat = json_schema("entity")["$defs"]["certificatServeur"]
>>> certificat["properties"]["utiliteCertificat"]["enum"]
['DMP', 'INS', 'DMP,INS']
>>> certificat["properties"]["nomAdminTechnique"]["maxLength"]
25

```

A schema says less than `validate()`: what it cannot say is listed in its
top-level ``description`` (`NOT_EXPRESSED`).
"""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from segur_certificats._problems.catalogue import LANGUAGES
from segur_certificats._schema import patterns as _patterns
from segur_certificats._version import __version__
from segur_certificats._vocabulary import keys as _keys
from segur_certificats._vocabulary.keys import (
    CERTIFICAT_SERVEUR,
    DEMANDE_CERTIFICAT_SERVEUR,
    FINESS_JURIDIQUE,
    MAX_LENGTHS,
    NUMERO_CARTE_CPX,
)
from segur_certificats.model import StatutAdminTechnique, TypeDemande, UtiliteCertificat
from segur_certificats.rules import MS_COULOIRS, SCENARIOS, Requirement

__all__ = [
    "BASE_URL",
    "KINDS",
    "NOT_EXPRESSED",
    "SCHEMA_CODES",
    "json_schema",
    "schema_id",
    "schema_path",
]

Kind = Literal["envelope", "entity"]
KINDS: tuple[Kind, ...] = ("envelope", "entity")
"""The documents a schema exists for: the envelope, and one legal-entity object."""

SCHEMA_CODES = frozenset(
    {
        "type",
        "required",
        "enum",
        "unknown-key",
        "must-be-null",
        "cpx.required",
        "max-length",
        "date.format",
        "finess.format",
        "demande.not-eligible",
    }
)
"""The problem codes a schema expresses: a document it accepts has none of
these errors in `validate()`, and one it refuses has at least one."""

NOT_EXPRESSED: tuple[tuple[str, str], ...] = (
    (
        "la clé de Luhn du FINESS juridique (finess.checksum)",
        "the FINESS juridique's Luhn key (finess.checksum)",
    ),
    (
        "un seul certificat par FINESS juridique (finess.duplicate)",
        "one certificate per FINESS juridique (finess.duplicate)",
    ),
    (
        "la validité du numéro de téléphone, outre-mer compris (tel.invalid)",
        "whether the phone number exists, overseas included (tel.invalid)",
    ),
    ("la syntaxe de l'adresse e-mail (email.invalid)", "the e-mail syntax (email.invalid)"),
    (
        "les lettres du nom (nom.format, nom.script)",
        "the letters of the name (nom.format, nom.script)",
    ),
    (
        "les dates de la fonctionnalité : dépôt ou modification à partir du 2023-09-21 "
        "(demande.before-feature)",
        "the feature's dates: filed or modified on or after 2023-09-21 (demande.before-feature)",
    ),
    ("les clés répétées dans un objet (json.duplicate-key)", "repeated keys (json.duplicate-key)"),
    (
        "la normalisation : segur-certificats lit aussi un texte avec des espaces autour, "
        "vide ou hors NFC (avertissement normalised) et compte les longueurs après "
        "suppression des espaces autour et en NFC ; ce schéma décrit les textes tels "
        "qu'ils s'écrivent (voir $defs/texte) et laisse passer les seules formes non NFC "
        "que NFC n'allonge pas",
        "normalisation: segur-certificats also reads a text with surrounding spaces, "
        "blank or not in NFC (warning normalised) and counts lengths after stripping "
        "surrounding spaces and in NFC; this schema describes texts as they are written "
        "(see $defs/texte) and lets through only the non-NFC forms that NFC does not "
        "lengthen",
    ),
    ("les avertissements (cpx.format…)", "the warnings (cpx.format…)"),
)
"""What only `validate()` checks, as the schema's description says it (fr, en)."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The patterns are anchored at the start only: maxLength bounds the rest (docs:
# schema.md#patterns). "format" is an annotation; the pattern alone decides.
_DATE = {"type": "string", "maxLength": 10, "pattern": _patterns.DATE, "format": "date"}
_FINESS = {"type": "string", "maxLength": 9, "pattern": _patterns.FINESS}
_TEXT = "texte"
_ANSWERS = tuple(
    key.json
    for key in (
        _keys.CONTRACTUALISATION_OG,
        _keys.STATUT_ADMIN_TECHNIQUE,
        _keys.CONTRACTUALISATION_EDITEUR,
    )
)
_ORDER, _CERTIFICAT = DEMANDE_CERTIFICAT_SERVEUR.json, CERTIFICAT_SERVEUR.json
_ADMIN_KEYS = tuple(key.json for key in _keys.CERTIFICAT_KEYS)
# certificatServeur of an entity that orders nothing, written as an object of nulls.
_NULL_CERTIFICAT = f"{_CERTIFICAT}Null"


BASE_URL = "https://segur-certificats.readthedocs.io/"
"""Where the documentation site is published; the schemas are files of it."""


def schema_path(kind: Kind = "envelope", lang: str = "fr") -> str:
    """Where the documentation site publishes a schema, relative to `BASE_URL`.

    ```pycon
    >>> schema_path("entity", "en") == f"schema/{__version__}/entity.en.schema.json"
    True

    ```
    """
    suffix = "" if lang == "fr" else f".{lang}"
    return f"schema/{__version__}/{kind}{suffix}.schema.json"


def schema_id(kind: Kind = "envelope", lang: str = "fr") -> str:
    """The ``$id`` of a schema: its address on the documentation site, which
    carries the package version."""
    return BASE_URL + schema_path(kind, lang)


def json_schema(kind: Kind = "envelope", lang: str = "fr") -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of an envelope document, or of one legal entity.

    ``kind="envelope"``: the whole request (docs: format.md#envelope), every
    object closed (``additionalProperties: false``). ``kind="entity"``: one
    legal-entity object with its block (docs: format.md#block), for an
    editor's own schema: the entity may hold the editor's other keys, as
    `validate_embedded()` reads it; ``certificatServeur`` is closed.
    Descriptions are in French, or English with ``lang="en"``. A fresh
    dictionary each call.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    english = lang == "en"
    defs = {
        _CERTIFICAT: _certificat(english),
        _NULL_CERTIFICAT: _null_certificat(english),
        "entiteJuridique": _entite(english, closed=kind == "envelope"),
        _TEXT: _texte(english),
    }
    if kind == "entity":
        root: dict[str, Any] = {"$ref": "#/$defs/entiteJuridique"}
        title = (
            "Legal entity and its server-certificate block"
            if english
            else ("Entité juridique et son bloc certificat serveur")
        )
    else:
        root = _envelope(english)
        title = (
            "Request (segur-certificats envelope)"
            if english
            else ("Demande (enveloppe segur-certificats)")
        )
    return {
        "$schema": _DRAFT,
        "$id": schema_id(kind, lang),
        "title": title,
        "description": _description(english),
        **root,
        "$defs": defs,
    }


def _description(english: bool) -> str:
    lead = (
        "Checked here: types, codes, required values, unknown keys, the null form, the "
        "card required by the scenario table, lengths, dates, the FINESS juridique's form. "
        "Checked only by segur-certificats (validate, check): "
        if english
        else "Vérifié ici : types, codes, valeurs obligatoires, clés inconnues, forme null, "
        "carte exigée par le tableau des scénarios, longueurs, dates, forme du FINESS "
        "juridique. Vérifié seulement par segur-certificats (validate, check) : "
    )
    return lead + "; ".join(pair[english] for pair in NOT_EXPRESSED) + "."


def _about(key: str, english: bool, schema: dict[str, Any]) -> dict[str, Any]:
    """A key's schema with its screen label as title and its description."""
    # The title is the portal's label, in every language: the portal is French.
    record = _keys.BY_JSON[key]
    return {"title": record.label(), "description": record.descriptions[english], **schema}


def _text(key: str) -> dict[str, Any]:
    """A free text (a blank one is no value: null, or ``required``), with its length."""
    # "type" again beside the $ref: ajv's strict mode wants it where maxLength is.
    schema: dict[str, Any] = {"type": "string", "$ref": f"#/$defs/{_TEXT}"}
    if key in MAX_LENGTHS:
        schema["maxLength"] = MAX_LENGTHS[key]
    return schema


def _texte(english: bool) -> dict[str, Any]:
    """A free text as it is written (docs: format.md#normalisation): something
    other than white space, none around it, and none of what NFC replaces or
    takes apart, so that ``maxLength`` counts what `validate()` counts."""
    rules = (
        (
            _patterns.white_space_around(),
            "des espaces autour (Unicode, \\x1c–\\x1f et \\x85 compris, comme str.strip)",
            "surrounding white space (Unicode, \\x1c–\\x1f and \\x85 included, as str.strip)",
        ),
        (
            _patterns.replaced(),
            "un caractère que NFC remplace (\\u0958, \\u212b…)",
            "a character NFC replaces (\\u0958, \\u212b…)",
        ),
        (
            _patterns.reordered(),
            "un caractère composé suivi d'une marque que NFC place avant les siennes et "
            "compose avec sa lettre (ǖ puis \\u0323 : trois caractères en NFC)",
            "a composed character followed by a mark NFC puts before its own and composes "
            "with its letter (ǖ then \\u0323: three characters in NFC)",
        ),
    )
    unicode = unicodedata.unidata_version
    return {
        "description": (
            "Free text as it is written: not blank (null instead), and none of what "
            f"the rules below refuse (tables of Unicode {unicode})."
            if english
            else "Texte libre tel qu'il s'écrit : non vide (null sinon), sans rien de ce "
            f"que refusent les règles ci-dessous (tables d'Unicode {unicode})."
        ),
        "type": "string",
        "minLength": 1,
        "allOf": [
            # "type" inside "not": the rule refuses a text of that pattern, and
            # nothing else (the type is said once, above).
            {"description": rule[1 + english], "not": {"type": "string", "pattern": rule[0]}}
            for rule in rules
        ],
    }


def _codes(enum: type[TypeDemande | StatutAdminTechnique | UtiliteCertificat]) -> list[str]:
    return [member.code for member in enum]


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {"anyOf": [{"type": "null"}, schema]}


def _envelope(english: bool) -> dict[str, Any]:
    properties: dict[str, dict[str, Any]] = {
        _keys.NUMERO_DEMANDE.json: _nullable({"type": "string"}),
        _keys.TYPE_DEMANDE.json: {"enum": _codes(TypeDemande)},
        _keys.COULOIR.json: _text(_keys.COULOIR.json),
        _keys.DATE_DEPOT.json: dict(_DATE),
        _keys.DATE_MODIFICATION.json: _nullable(dict(_DATE)),
        _keys.STATUT.json: _nullable({"type": "string"}),
        _keys.BLOC_ADMINISTRATEURS_VALIDE.json: {"type": "boolean"},
        _keys.ENTITES_JURIDIQUES.json: {
            "type": "array",
            "items": {"$ref": "#/$defs/entiteJuridique"},
        },
    }
    eligible = {
        "properties": {
            _keys.TYPE_DEMANDE.json: {"const": TypeDemande.AVANCE.code},
            _keys.COULOIR.json: {"enum": sorted(MS_COULOIRS)},
        },
        "required": [_keys.TYPE_DEMANDE.json, _keys.COULOIR.json],
    }
    return {
        "type": "object",
        "properties": {key: _about(key, english, value) for key, value in properties.items()},
        "required": [
            key.json
            for key in (
                _keys.TYPE_DEMANDE,
                _keys.COULOIR,
                _keys.DATE_DEPOT,
                _keys.ENTITES_JURIDIQUES,
            )
        ],
        "additionalProperties": False,
        # Only an MS1/MS2 advance orders certificates (docs: validating.md#eligible-requests).
        "if": {"not": eligible},
        "then": {
            "properties": {
                _keys.ENTITES_JURIDIQUES.json: {
                    "type": "array",
                    "items": {"type": "object", "properties": {_ORDER: {"not": {"const": True}}}},
                }
            }
        },
    }


def _certificat(english: bool) -> dict[str, Any]:
    properties: dict[str, dict[str, Any]] = {
        _keys.NUMERO_CARTE_CPX.json: _nullable(_text(_keys.NUMERO_CARTE_CPX.json)),
        _keys.NOM_ADMIN_TECHNIQUE.json: _text(_keys.NOM_ADMIN_TECHNIQUE.json),
        _keys.TEL_ADMIN_TECHNIQUE.json: _text(_keys.TEL_ADMIN_TECHNIQUE.json),
        _keys.EMAIL_ADMIN_TECHNIQUE.json: _text(_keys.EMAIL_ADMIN_TECHNIQUE.json),
        _keys.UTILITE_CERTIFICAT.json: {"enum": _codes(UtiliteCertificat)},
    }
    return {
        **_about(_CERTIFICAT, english, {"type": "object"}),
        "properties": {key: _about(key, english, value) for key, value in properties.items()},
        # Required whenever a certificate is ordered (docs: scenarios.md#required-fields).
        "required": [key for key in _ADMIN_KEYS if key != _keys.NUMERO_CARTE_CPX.json],
        "additionalProperties": False,
    }


def _null_certificat(english: bool) -> dict[str, Any]:
    """``certificatServeur`` as an entity that orders nothing may write it: an object
    of its own keys, each null, ``{}`` included (docs: format.md#no-order)."""
    return {
        "description": (
            "certificatServeur of an entity that orders nothing, written as an object: "
            "every value null ({} included); read as null, with a normalised warning."
            if english
            else "certificatServeur d'une entité qui ne commande rien, écrit en objet : "
            "chaque valeur null ({} compris) ; lu comme null, avec un avertissement "
            "normalised."
        ),
        "type": "object",
        "properties": {key: {"type": "null"} for key in _ADMIN_KEYS},
        "additionalProperties": False,
    }


def _entite(english: bool, *, closed: bool) -> dict[str, Any]:
    properties: dict[str, dict[str, Any]] = {
        FINESS_JURIDIQUE.json: dict(_FINESS),
        _ORDER: {"type": "boolean"},
        _ANSWERS[0]: {"type": ["boolean", "null"]},
        _ANSWERS[1]: {"enum": [*_codes(StatutAdminTechnique), None]},
        _ANSWERS[2]: {"type": ["boolean", "null"]},
        _CERTIFICAT: {
            "anyOf": [
                {"type": "null"},
                {"$ref": f"#/$defs/{_CERTIFICAT}"},
                {"$ref": f"#/$defs/{_NULL_CERTIFICAT}"},
            ]
        },
    }
    rules: list[dict[str, Any]] = [
        # Block values need demandeCertificatServeur; nulls are no values
        # (docs: format.md#block-optional).
        {
            "if": {
                "anyOf": [
                    {"required": [key], "properties": {key: {"not": {"type": "null"}}}}
                    for key in (*_ANSWERS, _CERTIFICAT)
                ]
            },
            "then": {"required": [_ORDER]},
        },
        # No order: the null form, certificatServeur null or an object of nulls
        # (docs: format.md#no-order).
        {
            "if": _ordering(False),
            "then": {
                "properties": {
                    **{key: {"type": "null"} for key in _ANSWERS},
                    _CERTIFICAT: {
                        "anyOf": [{"type": "null"}, {"$ref": f"#/$defs/{_NULL_CERTIFICAT}"}]
                    },
                }
            },
        },
        # An order: every answer and the administrator (docs: scenarios.md#required-fields).
        {
            "if": _ordering(True),
            "then": {
                "required": [*_ANSWERS, _CERTIFICAT],
                "properties": {
                    _ANSWERS[0]: {"type": "boolean"},
                    _ANSWERS[1]: {"enum": _codes(StatutAdminTechnique)},
                    _ANSWERS[2]: {"type": "boolean"},
                    _CERTIFICAT: {"$ref": f"#/$defs/{_CERTIFICAT}"},
                },
            },
        },
        # The card, row by row of the table (docs: scenarios.md#card-mandatory).
        *(
            _card_rule(row.number)
            for row in SCENARIOS
            if row.numero_carte_cpx is Requirement.MANDATORY
        ),
    ]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {key: _about(key, english, value) for key, value in properties.items()},
        "required": [FINESS_JURIDIQUE.json],
        "allOf": rules,
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def _ordering(order: bool) -> dict[str, Any]:
    return {"properties": {_ORDER: {"const": order}}, "required": [_ORDER]}


def _card_rule(number: int) -> dict[str, Any]:
    """Row ``number`` of the table: with these answers, the card number is required."""
    row = SCENARIOS[number - 1]
    answers = {
        _ANSWERS[0]: row.contractualisation_og,
        _ANSWERS[1]: row.statut.code if row.statut is not None else None,
        _ANSWERS[2]: row.contractualisation_editeur,
    }
    card = NUMERO_CARTE_CPX.json
    return {
        "if": {
            "properties": {
                _ORDER: {"const": True},
                **{key: {"const": value} for key, value in answers.items()},
            },
            "required": [_ORDER, *answers],
        },
        "then": {
            "properties": {
                _CERTIFICAT: {
                    "type": "object",
                    # A text: not null (its form is the property's own).
                    "properties": {card: {"type": "string"}},
                    "required": [card],
                }
            }
        },
    }
