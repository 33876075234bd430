"""The API's OpenAPI 3.1 description, generated from the package's own vocabulary
(docs: serve.md#api).

Written here rather than derived from web-framework models: the request bodies
*are* the JSON Schemas of `segur_certificats.schema.json_schema` (OpenAPI 3.1
speaks JSON Schema 2020-12), the problem codes come from the catalogue, the
query parameters from `segur_certificats._vocabulary.keys`, the refusals from
`SERVE_CODES`. The server answers it at ``GET /openapi.json``; the docs site
publishes it. Nothing here imports the web stack.

```pycon
>>> document = openapi()
>>> document["openapi"], sorted(document["paths"])[:3]
('3.1.0', ['/', '/api/v1/scenarios', '/api/v1/schema/{kind}'])
>>> document["paths"]["/api/v1/validate"]["post"]["responses"]["200"]["description"]
'The report: ok, and every problem with its line and column.'

```
"""

from __future__ import annotations

from typing import Any

from segur_certificats._problems.catalogue import (
    CODES,
    LANGUAGES,
    MODIFICATION_CODES,
    SERVE_CODES,
    SHEET_CODES,
)
from segur_certificats._version import __version__
from segur_certificats._vocabulary.keys import (
    BLOC_ADMINISTRATEURS_VALIDE,
    CONTRACTUALISATION_EDITEUR,
    CONTRACTUALISATION_OG,
    COULOIR,
    DATE_DEPOT,
    DATE_MODIFICATION,
    DEMANDE_CERTIFICAT_SERVEUR,
    FINESS_JURIDIQUE,
    STATUT,
    STATUT_ADMIN_TECHNIQUE,
    TYPE_DEMANDE,
    TYPES_DEMANDE,
)
from segur_certificats.model import StatutAdminTechnique
from segur_certificats.schema import KINDS, json_schema

__all__ = [
    "API",
    "CHANGE_PARAMETERS",
    "CONTEXT_PARAMETERS",
    "JSON_MEDIA_TYPES",
    "MULTIPART",
    "SCENARIO_PARAMETERS",
    "SHEET_MEDIA_TYPES",
    "openapi",
    "routes",
]

API = "/api/v1"
"""Where the API's routes start."""

JSON_MEDIA_TYPES: tuple[str, ...] = ("application/json", "text/plain", "application/octet-stream")
"""The media types a JSON body may be sent as (any other is 415). A missing
``Content-Type`` is read as JSON; a ``charset`` other than UTF-8 is refused."""
MULTIPART = "multipart/form-data"
"""The media type of the sheet upload."""
SHEET_MEDIA_TYPES: dict[str, str] = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
}
"""A template's or an uploaded sheet's media type, by its file's ending."""

CONTEXT_PARAMETERS: tuple[str, ...] = tuple(
    key.json for key in (COULOIR, TYPE_DEMANDE, DATE_DEPOT, DATE_MODIFICATION)
)
"""What an editor's document is, as query parameters (the envelope's keys)."""
CHANGE_PARAMETERS: tuple[str, ...] = tuple(
    key.json for key in (STATUT, BLOC_ADMINISTRATEURS_VALIDE)
)
"""Who may change an editor's document, as query parameters of the sheet import
(the envelope's keys; docs: editing.md#who-may-change)."""
SCENARIO_PARAMETERS: tuple[str, ...] = tuple(
    key.json for key in (CONTRACTUALISATION_OG, STATUT_ADMIN_TECHNIQUE, CONTRACTUALISATION_EDITEUR)
)
"""The three answers of the scenario table, as query parameters (the block's keys)."""

_REF = "#/components/schemas/"
_PROBLEM_DETAILS = "application/problem+json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _refusal(description: str) -> dict[str, Any]:
    return {"description": description, "content": {_PROBLEM_DETAILS: {"schema": _ref("Refusal")}}}


_REFUSALS: dict[str, dict[str, Any]] = {
    "403": _refusal(
        "Sent by a page of another origin than the server's, not allowed by --cors "
        "(serve.origin), or to a name the server does not answer to (serve.host)."
    ),
    "404": _refusal("Nothing at this address (serve.not-found)."),
    "413": _refusal("The body is larger than the server's --max-size (serve.too-large)."),
    "415": _refusal("The body's media type cannot be read here (serve.media-type)."),
    "422": _refusal(
        "A form field is missing (serve.missing-field) or a parameter is wrong (serve.parameter)."
    ),
    "503": {
        **_refusal("Busy (serve.busy) or past the time limit (serve.timeout): try again later."),
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
    },
    "500": _refusal("An internal failure, named by its request id (serve.internal)."),
}


def _errors(*statuses: str) -> dict[str, dict[str, Any]]:
    return {status: _REFUSALS[status] for status in ("403", *statuses, "503", "500")}


def _lang() -> dict[str, Any]:
    return {
        "name": "lang",
        "in": "query",
        "description": "The messages' language: French (default) or English.",
        "schema": {"type": "string", "enum": list(LANGUAGES), "default": "fr"},
    }


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _context(*, modifies: bool = False) -> list[dict[str, Any]]:
    """What an editor's document is; ``modifies``: for a path that writes into the
    request, which its modification dates and which may be read-only."""
    couloir, type_demande, depot, modification = CONTEXT_PARAMETERS
    date = {"type": "string", "format": "date"}
    parameters = [
        _query(couloir, "The request's corridor, e.g. MS1.", {"type": "string"}),
        _query(
            type_demande,
            "The request's type (AVANCE when only the corridor is given).",
            {"type": "string", "enum": list(TYPES_DEMANDE)},
        ),
        _query(depot, "The request's filing date (YYYY-MM-DD).", date),
    ]
    if not modifies:
        return [
            *parameters,
            _query(modification, "The request's last modification date (YYYY-MM-DD).", date),
        ]
    statut, validated = CHANGE_PARAMETERS
    return [
        *parameters,
        _query(
            modification,
            "The day of this modification (YYYY-MM-DD; today by default): written as the "
            "request's dateModification, the request rules judging at that date.",
            date,
        ),
        _query(
            statut,
            'With embedded=true, the document\'s status: known and not "A modifier", it '
            "is read-only (edit.read-only). A request's own status is read from it.",
            {"type": "string"},
        ),
        _query(
            validated,
            "With embedded=true, true when the gestionnaire validated the administrators "
            "block: it is read-only (edit.validated).",
            {"type": "string", "enum": ["true", "false"]},
        ),
    ]


def _json_body(description: str, schema: dict[str, Any], *, required: bool = True) -> Any:
    return {
        "description": description
        + " Sent as application/json, text/plain or application/octet-stream, in UTF-8.",
        "required": required,
        "content": {media: {"schema": schema} for media in JSON_MEDIA_TYPES},
    }


def _schemas() -> dict[str, Any]:
    codes = [*CODES, *SHEET_CODES, *MODIFICATION_CODES]
    location = "Where the value stands: line and column in a JSON text"
    problem = {
        "type": "object",
        "required": ["path", "code", "severity", "message"],
        "properties": {
            "path": {"type": "string", "description": "RFC 6901 JSON Pointer to the value."},
            "code": {"type": "string", "enum": codes, "description": "The stable problem code."},
            "severity": {"type": "string", "enum": ["error", "warning"]},
            "message": {"type": "string", "description": "For people, in the language asked."},
            "line": {"type": "integer", "minimum": 1, "description": location + " (1-based)."},
            "column": {
                "type": ["integer", "string"],
                "description": "In a JSON text, the 1-based column; in a sheet, the column's "
                "header.",
            },
            "cell": {"type": "string", "description": "In a sheet: the cell, Administrateurs!G4."},
            "row": {"type": "integer", "description": "In a sheet: the row as it is numbered."},
        },
    }
    report = {
        "type": "object",
        "required": ["ok", "problems", "truncated", "counts"],
        "properties": {
            "ok": {
                "type": "boolean",
                "description": "True when no problem is an error, counted or listed.",
            },
            "problems": {
                "type": "array",
                "items": _ref("Problem"),
                "description": "The first problems found, in reading order: at most the "
                "server's bound (--max-problems, 1000 by default).",
            },
            "truncated": {
                "type": "boolean",
                "description": "True when problems past the bound were counted, not listed.",
            },
            "counts": {
                "type": "object",
                "description": "Every problem, listed or not, counted by severity.",
                "required": ["error", "warning"],
                "properties": {
                    "error": {"type": "integer", "minimum": 0},
                    "warning": {"type": "integer", "minimum": 0},
                },
                "additionalProperties": False,
            },
        },
    }
    block = {
        "type": "object",
        "required": ["path"],
        "properties": {
            "path": {"type": "string", "description": "JSON Pointer of the legal entity."},
            FINESS_JURIDIQUE.json: {"type": ["string", "null"]},
            DEMANDE_CERTIFICAT_SERVEUR.json: {"type": ["boolean", "null"]},
        },
    }
    embedded = {
        "allOf": [
            _ref("Report"),
            {
                "type": "object",
                "required": ["blocks"],
                "properties": {"blocks": {"type": "array", "items": _ref("Block")}},
            },
        ]
    }
    sheet = {
        "allOf": [
            _ref("Report"),
            {
                "type": "object",
                "required": ["written", "sheet", "header", "rows"],
                "properties": {
                    "written": {
                        "type": ["string", "null"],
                        "description": "The request with its blocks replaced (with a request), "
                        "or the rows as a JSON array of legal entities (without one), when no "
                        "error remains: the bytes `segur-certificats import -o` writes.",
                    },
                    "sheet": {"type": "string", "description": "How the cells are named."},
                    "header": {"type": "array", "items": {"type": "string"}},
                    "rows": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["row", "cells"],
                            "properties": {
                                "row": {"type": "integer"},
                                "cells": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                    },
                },
            },
        ]
    }
    answer = {"type": ["boolean", "null"]}
    scenario_row = {
        "type": "object",
        "properties": {
            "number": {"type": "integer", "minimum": 1, "maximum": 9},
            DEMANDE_CERTIFICAT_SERVEUR.json: {"type": "boolean"},
            SCENARIO_PARAMETERS[0]: answer,
            SCENARIO_PARAMETERS[1]: {"enum": [*(s.value for s in StatutAdminTechnique), None]},
            SCENARIO_PARAMETERS[2]: answer,
            "card": {"type": "string", "enum": ["mandatory", "optional", "null"]},
        },
    }
    scenarios = {
        "type": "object",
        "required": ["rows", "row", "card", "explanation"],
        "properties": {
            "rows": {"type": "array", "items": scenario_row},
            "row": {"type": ["integer", "null"], "description": "The row the answers give."},
            "card": {
                "type": ["string", "null"],
                "enum": ["mandatory", "optional", None],
                "description": "Whether the CPx card number is mandatory; null while the "
                "answers given leave it undecided.",
            },
            "explanation": {"type": "string"},
        },
    }
    vocabulary = {
        "type": "object",
        "description": "What the page's screens show: the consultation screen's columns "
        "(each with its path in a legal entity's object) and the labels of the codes.",
    }
    refusal = {
        "type": "object",
        "description": "RFC 9457 problem details, with the stable code and the request id.",
        "required": ["type", "title", "status", "detail", "code", "requestId"],
        "properties": {
            "type": {"const": "about:blank"},
            "title": {"type": "string", "description": "The HTTP status's reason phrase."},
            "status": {"type": "integer"},
            "detail": {"type": "string", "description": "For people, in the language asked."},
            "code": {"type": "string", "enum": list(SERVE_CODES)},
            "requestId": {"type": "string", "description": "As the server's log line names it."},
        },
    }
    return {
        "Envelope": json_schema("envelope"),
        "Entity": json_schema("entity"),
        "Problem": problem,
        "Report": report,
        "Block": block,
        "EmbeddedReport": embedded,
        "SheetReport": sheet,
        "Scenarios": scenarios,
        "Vocabulary": vocabulary,
        "Refusal": refusal,
    }


def _paths() -> dict[str, Any]:
    answer_values = {"type": "string", "enum": ["true", "false", ""]}
    statut = {"type": "string", "enum": [*(s.value for s in StatutAdminTechnique), ""]}
    template = {
        _json_media: {"schema": {"type": "string", "format": "binary"}}
        for _json_media in (SHEET_MEDIA_TYPES[".xlsx"], SHEET_MEDIA_TYPES[".csv"])
    }
    return {
        "/": {
            "get": {
                "summary": "The page: check a request, collect administrators, explore "
                "the scenarios.",
                "tags": ["page"],
                "responses": {"200": {"description": "HTML", "content": {"text/html": {}}}},
            }
        },
        "/static/{name}": {
            "get": {
                "summary": "The page's own files (script, style sheet, icon).",
                "tags": ["page"],
                "parameters": [
                    {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "The file."}, "404": _REFUSALS["404"]},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This description.",
                "tags": ["meta"],
                "responses": {"200": {"description": "OpenAPI 3.1", "content": _json({})}},
            }
        },
        "/healthz": {
            "get": {
                "summary": "Whether the server answers, and its version.",
                "tags": ["meta"],
                "responses": {
                    "200": {
                        "description": '{"status": "ok", "version": …}',
                        "content": _json({"type": "object"}),
                    }
                },
            }
        },
        f"{API}/validate": {
            "post": {
                "operationId": "validate",
                "summary": "Check a request: the same report as validate(), also for a "
                "document with errors or not JSON at all.",
                "tags": ["check"],
                "parameters": [_lang()],
                "requestBody": _json_body("The request's JSON text.", _ref("Envelope")),
                "responses": {
                    "200": {
                        "description": "The report: ok, and every problem with its line and "
                        "column.",
                        "content": _json(_ref("Report")),
                    },
                    **_errors("413", "415"),
                },
            }
        },
        f"{API}/validate-embedded": {
            "post": {
                "operationId": "validateEmbedded",
                "summary": "Check every legal entity of an editor's own document; the "
                "request-level rules run as far as the query says what the request is.",
                "tags": ["check"],
                "parameters": [_lang(), *_context()],
                "requestBody": _json_body("The editor's document (any JSON).", {}),
                "responses": {
                    "200": {
                        "description": "The report, and the blocks found.",
                        "content": _json(_ref("EmbeddedReport")),
                    },
                    **_errors("413", "415", "422"),
                },
            }
        },
        f"{API}/sheets/import": {
            "post": {
                "operationId": "importSheet",
                "summary": "Read a filled sheet: every problem by cell, and the request "
                "written back when no error remains.",
                "tags": ["sheets"],
                "parameters": [_lang(), *_context(modifies=True)],
                "requestBody": {
                    "required": True,
                    "content": {
                        MULTIPART: {
                            "schema": {
                                "type": "object",
                                "required": ["sheet"],
                                "properties": {
                                    "sheet": {
                                        "type": "string",
                                        "format": "binary",
                                        "description": "The filled .xlsx, .xlsm, .ods or .csv "
                                        "(told by its file name, else its media type).",
                                    },
                                    "request": {
                                        "type": "string",
                                        "format": "binary",
                                        "description": "The request whose blocks to replace.",
                                    },
                                    "embedded": {
                                        "type": "string",
                                        "enum": ["true", "false"],
                                        "description": "true: the request is an editor's "
                                        "own document.",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "The sheet's report: problems with their cell.",
                        "content": _json(_ref("SheetReport")),
                    },
                    **_errors("413", "415", "422"),
                },
            }
        },
        f"{API}/sheets/template": {
            "post": {
                "operationId": "sheetTemplate",
                "summary": "The sheet to collect the administrators in, one row per legal "
                "entity of the request (an empty body: no row).",
                "tags": ["sheets"],
                "parameters": [
                    _query(
                        "format",
                        "The file's format.",
                        {"type": "string", "enum": ["xlsx", "csv"], "default": "xlsx"},
                    ),
                    _query(
                        "embedded",
                        "true: the body is an editor's own document.",
                        {"type": "string", "enum": ["true", "false"]},
                    ),
                    _lang(),
                    *_context(),
                ],
                "requestBody": _json_body(
                    "The request (or nothing).", _ref("Envelope"), required=False
                ),
                "responses": {
                    "200": {"description": "The template, as a download.", "content": template},
                    "422": {
                        "description": "The request's structure cannot be read (its report), "
                        "or a parameter is wrong (serve.parameter).",
                        "content": {
                            **_json(_ref("Report")),
                            _PROBLEM_DETAILS: {"schema": _ref("Refusal")},
                        },
                    },
                    **_errors("413", "415"),
                },
            }
        },
        f"{API}/schema/{{kind}}": {
            "get": {
                "operationId": "jsonSchema",
                "summary": "The format's JSON Schema (Draft 2020-12).",
                "tags": ["format"],
                "parameters": [
                    {
                        "name": "kind",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": list(KINDS)},
                    },
                    _lang(),
                ],
                "responses": {
                    "200": {
                        "description": "The JSON Schema.",
                        "content": {"application/schema+json": {"schema": {}}},
                    },
                    "404": _REFUSALS["404"],
                },
            }
        },
        f"{API}/scenarios": {
            "get": {
                "operationId": "scenarios",
                "summary": "The scenario table: the row three answers give, whether the card "
                "number is mandatory, and why.",
                "tags": ["format"],
                "parameters": [
                    _query(
                        SCENARIO_PARAMETERS[0], "The OG has contracted with ANS.", answer_values
                    ),
                    _query(SCENARIO_PARAMETERS[1], "Who the administrator is.", statut),
                    _query(SCENARIO_PARAMETERS[2], "The editor has contracted.", answer_values),
                    _lang(),
                ],
                "responses": {
                    "200": {"description": "The table.", "content": _json(_ref("Scenarios"))},
                    "422": _REFUSALS["422"],
                },
            }
        },
        f"{API}/vocabulary": {
            "get": {
                "operationId": "vocabulary",
                "summary": "The consultation screen's columns and the codes' labels.",
                "tags": ["format"],
                "responses": {
                    "200": {"description": "The labels.", "content": _json(_ref("Vocabulary"))}
                },
            }
        },
    }


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of the server's routes."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "segur-certificats",
            "version": __version__,
            "summary": "Check Ségur Numérique MS1/MS2 certificate orders, over HTTP.",
            "description": "The reports of segur-certificats — every problem of a request, "
            "located, with a stable code and a message in French or English — for programs "
            "in any language. A bad document is never an HTTP error: it is a 200 with its "
            "report. Errors of the exchange itself are RFC 9457 problem details.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": "http://127.0.0.1:8000", "description": "segur-certificats serve"}],
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }


def routes() -> list[tuple[str, str, str]]:
    """Each route as (method, path, summary), in the description's order."""
    return [
        (method.upper(), path, operation["summary"])
        for path, methods in _paths().items()
        for method, operation in methods.items()
    ]
