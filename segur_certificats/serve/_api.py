"""The API's routes (docs: serve.md#api): each reads the exchange, hands the work
to the pool, and answers what the package's public functions return — the one
pipeline, as JSON. A bad document is never an HTTP error: it is a 200 with its
report, as `validate()` returns one.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from python_multipart.multipart import parse_options_header
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from segur_certificats import sheets
from segur_certificats._embedded.validate import validate_embedded
from segur_certificats._pipeline.validate import validate as validate_document
from segur_certificats._problems.errors import MissingExtra
from segur_certificats._version import __version__
from segur_certificats._vocabulary.isodate import parse_iso_date
from segur_certificats._vocabulary.keys import (
    ADMIN_KEYS,
    DEMANDE_CERTIFICAT_SERVEUR,
    ENTITES_JURIDIQUES,
    FINESS_JURIDIQUE,
    NUMERO_CARTE_CPX,
    TYPES_DEMANDE,
)
from segur_certificats._vocabulary.labels import CODE_LABELS, yes_no
from segur_certificats.model import RequestContext, StatutAdminTechnique, TypeDemande
from segur_certificats.rules import SCENARIOS, Scenario, card_requirement, check_dates, scenarios
from segur_certificats.schema import KINDS, json_schema
from segur_certificats.serve._guard import deadline
from segur_certificats.serve._openapi import (
    CHANGE_PARAMETERS,
    CONTEXT_PARAMETERS,
    JSON_MEDIA_TYPES,
    MULTIPART,
    SCENARIO_PARAMETERS,
    SHEET_MEDIA_TYPES,
)
from segur_certificats.serve._refusals import Refusal, encode, language

if TYPE_CHECKING:
    from segur_certificats.model import EntiteJuridique
    from segur_certificats.serve._work import Pool
    from segur_certificats.sheets import SheetReport

__all__ = [
    "healthz",
    "import_sheet",
    "scenario_table",
    "schema",
    "template",
    "validate",
    "validate_embedded_route",
    "vocabulary",
]

T = TypeVar("T")
_JSON = "application/json"
# An uploaded file's name, as the cells of a CSV are named after it: kept short and plain.
_UNSAFE = re.compile(r"[^\w.\- ]+")
_TRUE = ("true", "1", "on", "yes")
_CODED = ("statut", "utilite")

MEDIA_CHARS = 1024
"""A ``Content-Type`` longer than this is refused (a form's boundary is at most 70)."""
# RFC 9110's media-type (section 8.3.1): type "/" subtype, then parameters, each a
# token "=" a token or a quoted string; names without "*" (RFC 2231's form, which
# python-multipart reads or drops depending on its version).
_TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_NAME = r"[!#$%&'+\-.^_`|~0-9A-Za-z]+"
_QUOTED = r'"(?:[\t !#-\[\]-~\x80-\xff]|\\[\t -~\x80-\xff])*"'
_MEDIA_TYPE = re.compile(
    rf"({_TOKEN}/{_TOKEN})(?:[ \t]*;[ \t]*(?:{_NAME}=(?:{_TOKEN}|{_QUOTED}))?)*"
)
_PARAMETER = re.compile(rf";[ \t]*({_NAME})=({_TOKEN}|{_QUOTED})")
_QUOTED_PAIR = re.compile(r"\\(.)")


def _json(data: bytes, status: int = 200, media_type: str = _JSON) -> Response:
    return Response(data, status_code=status, media_type=media_type)


def _lang(request: Request) -> str:
    return language(request.query_params, request.headers.get("accept-language"))


async def _run(request: Request, work: Callable[[], T]) -> T:
    pool: Pool = request.app.state.pool
    return await pool.run(work, deadline(request.scope))


def _media(request: Request, expected: str) -> tuple[str, dict[str, str]]:
    """The body's media type, lowercased, and its parameters (names lowercased) as
    python-multipart's ``parse_options_header`` reads them — the reading Starlette
    parses a form with; ``("", {})`` without a ``Content-Type`` (or an empty one).

    A 415 refuses, rather than guess at, a header that reading could get wrong
    (docs: serve.md#media-types): more than one ``Content-Type``, one longer than
    `MEDIA_CHARS`, one outside RFC 9110's grammar (section 8.3.1), a parameter
    named twice or in RFC 2231's ``name*=`` form, and one the reading does not read
    as the grammar does.
    """
    given = request.headers.getlist("content-type")
    header = ", ".join(given).strip(" \t")
    if not header:
        return "", {}
    grammar = None
    if len(given) == 1 and len(header) <= MEDIA_CHARS:
        grammar = _MEDIA_TYPE.fullmatch(header)
    if grammar is not None:
        media = grammar.group(1).lower()
        pairs = [
            (found.group(1).lower(), _unquoted(found.group(2)))
            for found in _PARAMETER.finditer(header, grammar.end(1))
        ]
        read_media, params = parse_options_header(header)
        read = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in params.items()
            if name or value  # an empty parameter (";;") is none
        }
        # A name given twice is ambiguous; and parse_options_header runs a quoted
        # string that ends in an escaped backslash (x="a\\"; charset=…) into what
        # follows it: the reading must be the grammar's, parameter for parameter.
        if read_media.decode("latin-1").lower() == media and sorted(pairs) == sorted(read.items()):
            return media, read
    raise Refusal(415, "serve.media-type", media=header, expected=expected)


def _unquoted(value: str) -> str:
    """A parameter's value: a token as it is, a quoted string without its quotes and
    with each quoted pair (a backslash and a character) read as the character."""
    return _QUOTED_PAIR.sub(r"\1", value[1:-1]) if value.startswith('"') else value


async def _json_body(request: Request) -> bytes:
    """The body, when its media type is one a JSON text is sent as, in UTF-8 (else
    415)."""
    expected = "application/json (UTF-8)"
    media, params = _media(request, expected)
    readable = not media or media in JSON_MEDIA_TYPES or media.endswith("+json")
    if not readable or params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        media_type = request.headers.get("content-type", "")
        raise Refusal(415, "serve.media-type", media=media_type, expected=expected)
    return await request.body()


def _parameter(name: str, value: str, expected: str) -> Refusal:
    return Refusal(422, "serve.parameter", name=name, value=value, expected=expected)


def _date(query: Mapping[str, str], name: str) -> _dt.date | None:
    text = query.get(name) or None
    if text is None:
        return None
    try:
        return parse_iso_date(text)
    except ValueError:
        raise _parameter(name, text, "YYYY-MM-DD") from None


def _context(request: Request, *, modifies: bool = False) -> RequestContext:
    """What the query says the editor's document is (AVANCE when only the corridor
    is given), as ``check --embedded`` reads its options; ``modifies``: and who may
    change it, as ``import --embedded`` reads them (docs: editing.md#who-may-change)."""
    query = request.query_params
    couloir_key, type_key, depot_key, modification_key = CONTEXT_PARAMETERS
    couloir = query.get(couloir_key) or None
    given = query.get(type_key) or ("AVANCE" if couloir else None)
    if given is not None and given not in TYPES_DEMANDE:
        raise _parameter(type_key, given, " | ".join(TYPES_DEMANDE))
    context = RequestContext(
        type_demande=TypeDemande(given) if given else None,
        couloir=couloir,
        date_depot=_date(query, depot_key),
        date_modification=_date(query, modification_key),
    )
    if check_dates(context):  # docs: validating.md#dates
        expected = f"YYYY-MM-DD ≥ {depot_key}"
        raise _parameter(modification_key, query[modification_key], expected)
    if not modifies:
        return context
    statut_key, validated_key = CHANGE_PARAMETERS
    validated = query.get(validated_key) or None
    if validated is not None and validated.lower() not in ("true", "false"):
        raise _parameter(validated_key, validated, "true | false")
    return attrs.evolve(
        context,
        statut=query.get(statut_key) or None,
        bloc_administrateurs_valide=None if validated is None else validated.lower() == "true",
    )


# -- checking -----------------------------------------------------------------------------


async def validate(request: Request) -> Response:
    """``POST /api/v1/validate``: the report of `validate()` on the body."""
    lang = _lang(request)
    body = await _json_body(request)
    return _json(await _run(request, lambda: encode(validate_document(body).to_dict(lang))))


async def validate_embedded_route(request: Request) -> Response:
    """``POST /api/v1/validate-embedded``: the report of `validate_embedded()`, with
    the blocks found."""
    lang = _lang(request)
    context = _context(request)
    body = await _json_body(request)

    def work() -> bytes:
        report = validate_embedded(body, context)
        blocks = [
            {
                "path": block.path,
                FINESS_JURIDIQUE.json: block.entite.finess_juridique if block.entite else None,
                DEMANDE_CERTIFICAT_SERVEUR.json: (
                    block.entite.demande_certificat_serveur if block.entite else None
                ),
            }
            for block in report.blocks
        ]
        return encode({**report.to_dict(lang), "blocks": blocks})

    return _json(await _run(request, work))


# -- spreadsheets -------------------------------------------------------------------------


def _suffix(upload: UploadFile) -> str:
    """``.xlsx``, ``.xlsm``, ``.ods`` or ``.csv``, from the file's name, else its media
    type; a legacy ``.xls`` is read by `sheets.read()`, which says what to do with it."""
    suffix = Path(upload.filename or "").suffix.lower()
    if suffix in SHEET_MEDIA_TYPES or suffix == ".xls":
        return suffix
    media = (upload.content_type or "").partition(";")[0].strip().lower()
    for known, known_media in SHEET_MEDIA_TYPES.items():
        if media == known_media:
            return known
    if media == "application/vnd.ms-excel":  # what browsers say of a .csv on some systems
        return ".csv"
    expected = ".xlsx, .xlsm, .ods or .csv"
    raise Refusal(415, "serve.media-type", media=upload.filename or media, expected=expected)


def _file_name(upload: UploadFile, suffix: str) -> str:
    stem = _UNSAFE.sub("_", Path((upload.filename or "").replace("\\", "/")).name)
    stem = Path(stem).stem.strip(". ")[:64] or "feuille"
    return stem + suffix


def _sheet_answer(report: SheetReport, into: bytes | None, lang: str) -> bytes:
    written: str | None = None
    if report.ok:
        text = report.written if into is not None else report.entities_json()
        written = text.decode("utf-8") if isinstance(text, bytes) else text
    return encode(
        {
            **report.to_dict(lang),
            "written": written,
            "sheet": report.sheet,
            "header": list(report.header),
            "rows": [{"row": number, "cells": list(cells)} for number, cells in report.rows],
        }
    )


async def import_sheet(request: Request) -> Response:
    """``POST /api/v1/sheets/import``: a filled sheet read by `sheets.read()`, and the
    request written back when no error remains."""
    lang = _lang(request)
    context = _context(request, modifies=True)
    media, _ = _media(request, MULTIPART)
    if media != MULTIPART:
        media_type = request.headers.get("content-type", "")
        raise Refusal(415, "serve.media-type", media=media_type, expected=MULTIPART)
    # The guard bounds the whole body; Starlette bounds each field that is not a file.
    async with request.form(max_files=2, max_fields=8) as form:
        sheet = form.get("sheet")
        if not isinstance(sheet, UploadFile):
            raise Refusal(422, "serve.missing-field", field="sheet")
        suffix = _suffix(sheet)
        name = _file_name(sheet, suffix)
        data = await sheet.read()
        given = form.get("request")
        into: bytes | None
        if isinstance(given, UploadFile):
            into = await given.read()
        elif isinstance(given, str) and given:
            into = given.encode("utf-8", "surrogatepass")
        else:
            into = None
        embedded = str(form.get("embedded") or "").strip().lower() in _TRUE

    # What a workbook decompresses to is bounded by the server's limit too.
    max_size = request.app.state.limits.max_size

    def work() -> bytes:
        # The sheet is read from the bytes uploaded: nothing is written to disk.
        report = sheets.read(
            data,
            name=name,
            into=into,
            embedded=embedded,
            context=context,
            max_size=max_size,
            date_modification=context.date_modification,  # the day of this modification
        )
        return _sheet_answer(report, into, lang)

    return _json(await _run(request, work))


async def template(request: Request) -> Response:
    """``POST /api/v1/sheets/template``: the sheet to fill in, one row per legal entity of
    the request in the body (none for an empty body)."""
    lang = _lang(request)
    kind = request.query_params.get("format", "xlsx")
    if kind not in ("xlsx", "csv"):
        raise _parameter("format", kind, "xlsx | csv")
    embedded = request.query_params.get("embedded", "").lower() in _TRUE
    context = _context(request)
    body = await _json_body(request)

    def work() -> Response:
        entities: tuple[EntiteJuridique, ...] = ()
        if body.strip() and embedded:
            found = validate_embedded(body, context).blocks
            entities = tuple(b.entite for b in found if b.entite is not None)
        elif body.strip():
            report = validate_document(body)
            if report.demande is None:  # its structure cannot be read: say why
                return _json(encode(report.to_dict(lang)), 422)
            entities = report.demande.entites_juridiques
        name = f"administrateurs.{kind}"
        try:
            data = sheets.write_template(None, entities, format="." + kind)
        except (ValueError, MissingExtra) as exc:
            raise Refusal(422, "serve.template", reason=str(exc)) from None
        media = SHEET_MEDIA_TYPES["." + kind] + ("; charset=utf-8" if kind == "csv" else "")
        return Response(
            data,
            media_type=media,
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    return await _run(request, work)


# -- the format -----------------------------------------------------------------------------


async def schema(request: Request) -> Response:
    """``GET /api/v1/schema/{kind}``: the JSON Schema of an envelope or a legal entity."""
    kind = request.path_params["kind"]
    if kind not in KINDS:
        raise Refusal(404, "serve.not-found")
    lang = _lang(request)
    return _json(encode(json_schema(kind, lang)), media_type="application/schema+json")


def _answer(query: Mapping[str, str], name: str) -> bool | None:
    value = (query.get(name) or "").strip().lower()
    if value in ("", "null"):
        return None
    if value in ("true", "false"):
        return value == "true"
    raise _parameter(name, value, "true | false")


def _statut(query: Mapping[str, str], name: str) -> StatutAdminTechnique | None:
    value = (query.get(name) or "").strip()
    if value in ("", "null"):
        return None
    try:
        return StatutAdminTechnique(value)
    except ValueError:
        expected = " | ".join(s.value for s in StatutAdminTechnique)
        raise _parameter(name, value, expected) from None


def _row(row: Scenario) -> dict[str, Any]:
    og, statut, editeur = SCENARIO_PARAMETERS
    return {
        "number": row.number,
        DEMANDE_CERTIFICAT_SERVEUR.json: row.demande_certificat_serveur,
        og: row.contractualisation_og,
        statut: row.statut.value if row.statut is not None else None,
        editeur: row.contractualisation_editeur,
        "card": row.numero_carte_cpx.value,
    }


async def scenario_table(request: Request) -> Response:
    """``GET /api/v1/scenarios``: the table, the row three answers give, whether the card
    number is mandatory and why (`segur_certificats.scenarios`)."""
    from segur_certificats.model import AdministrateurTechnique  # noqa: PLC0415

    lang = _lang(request)
    query = request.query_params
    og, statut, editeur = SCENARIO_PARAMETERS
    admin = AdministrateurTechnique(
        contractualisation_og=_answer(query, og),
        statut=_statut(query, statut),
        contractualisation_editeur=_answer(query, editeur),
    )
    table = scenarios(admin)
    requirement = card_requirement(admin)
    return _json(
        encode(
            {
                "rows": [_row(row) for row in SCENARIOS],
                "row": table.highlight.number if table.highlight is not None else None,
                "card": requirement.value if requirement is not None else None,
                "explanation": table.explanation(lang),
            }
        )
    )


async def vocabulary(request: Request) -> Response:
    """``GET /api/v1/vocabulary``: what the page's screens show — the consultation
    screen's columns, each with its path in a legal entity, and the codes' labels."""
    columns: list[dict[str, Any]] = [
        {"path": FINESS_JURIDIQUE.path, "label": FINESS_JURIDIQUE.label()}
    ]
    columns += [
        {
            "path": key.path,
            "label": key.label(),
            # Its values are codes, shown by their labels (Editeur, "DMP, INS").
            "coded": key.attribute in _CODED,
        }
        for key in ADMIN_KEYS
    ]
    return _json(
        encode(
            {
                "entities": ENTITES_JURIDIQUES.json,
                "columns": columns,
                "codes": dict(CODE_LABELS),
                "yes": yes_no(True),
                "no": yes_no(False),
                "context": list(CONTEXT_PARAMETERS),
                "answers": list(SCENARIO_PARAMETERS),
                "orders": DEMANDE_CERTIFICAT_SERVEUR.json,
                "ordersLabel": DEMANDE_CERTIFICAT_SERVEUR.label(),
                "cardLabel": NUMERO_CARTE_CPX.label(),
            }
        )
    )


async def healthz(request: Request) -> Response:
    """``GET /healthz``: the server answers; its version."""
    return _json(encode({"status": "ok", "version": __version__}))
