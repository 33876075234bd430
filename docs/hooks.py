"""MkDocs hooks, computed from the library at build time: the problem-code page
shows, for every code, a real example and its French and English messages; the
site publishes the JSON Schemas of this version (``schema/VERSION/KIND.schema.json``,
in French, and ``….en.schema.json``) and the schema page shows the envelope's; it
publishes the server's OpenAPI description (``openapi/VERSION/openapi.json``) and the
server's page renders it, route by route."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import segur_certificats as sc
from segur_certificats._problems.catalogue import CODES
from segur_certificats._problems.problem import internal_error
from segur_certificats._version import __version__
from segur_certificats.schema import KINDS, json_schema, schema_path
from segur_certificats.serve import openapi

# The examples of the problem codes are the tests' (tests/problem_examples.py): the
# same documents the command line is tested on, shown on the problem-code page.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.problem_examples import EXAMPLES, INTERNAL_ERROR

_MARKER = "<!-- problem-examples -->"
_SCHEMA = "<!-- schema-envelope -->"
_LINKS = "<!-- schema-links -->"
_COLUMNS = "<!-- sheet-columns -->"
_ERRORS = "<!-- sheet-errors -->"
_ROUTES = "<!-- serve-routes -->"
_OPENAPI = "<!-- serve-openapi -->"
#: Where the site publishes the OpenAPI description of this version.
OPENAPI_PATH = f"openapi/{__version__}/openapi.json"


def _parameter(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    values = schema.get("enum")
    kind = " \\| ".join(f"`{v}`" for v in values if v) if values else schema.get("format") or ""
    kind = kind or schema.get("type", "")
    where = "path" if parameter["in"] == "path" else "query"
    about = parameter.get("description", "")
    return f"`{parameter['name']}` ({where}{', ' + kind if kind else ''}) {about}".rstrip()


def _routes() -> str:
    """Each route of the OpenAPI description: what it takes and what it answers."""
    document = openapi()
    parts = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            lines = [f"### `{method.upper()} {path}`", "", operation["summary"], ""]
            parameters = operation.get("parameters", [])
            if parameters:
                lines.append("- parameters: " + "; ".join(_parameter(p) for p in parameters))
            body = operation.get("requestBody")
            if body:
                media = ", ".join(f"`{m}`" for m in body["content"])
                required = "" if body.get("required") else " (optional)"
                lines.append(f"- body{required}: {media}")
                for content in body["content"].values():
                    fields = content["schema"].get("properties", {})
                    needed = content["schema"].get("required", [])
                    lines += [
                        f"    - `{name}`{' (required)' if name in needed else ''}: "
                        f"{field.get('description', '')}"
                        for name, field in fields.items()
                    ]
            for status, answer in operation["responses"].items():
                media = ", ".join(f"`{m}`" for m in answer.get("content", {}))
                lines.append(
                    f"- **{status}** {answer['description']}" + (f" — {media}" if media else "")
                )
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _sheet_columns() -> str:
    """The template's columns as the generated workbook holds them."""
    import tempfile  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415

    from segur_certificats import sheets  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clients.xlsx"
        sheets.write_template(path)
        book = openpyxl.load_workbook(path)
    sheet, lists = book["Administrateurs"], book["Listes"]
    limits = {}
    for rule in sheet.data_validations.dataValidation:
        column = str(rule.sqref).split(":")[0].rstrip("0123456789")
        if rule.type == "textLength":
            limits[column] = f"≤ {rule.formula1} caractères"
        elif rule.type == "list":
            letter = column
            values = [c.value for c in lists[letter] if c.value]
            limits[column] = "liste : " + " / ".join(values)
    lines = ["| colonne | saisie | format | note |", "|---|---|---|---|"]
    for cell in sheet[1]:
        letter = cell.column_letter
        text = "texte" if sheet[f"{letter}2"].number_format == "@" else ""
        note = (cell.comment.text if cell.comment else "").replace("|", "\\|")
        lines.append(
            f"| {letter} · **{cell.value}** | {limits.get(letter, '')} | {text} | {note} |"
        )
    return "\n".join(lines)


def _sheet_errors() -> str:
    from pathlib import Path  # noqa: PLC0415

    from segur_certificats import sheets  # noqa: PLC0415

    root = Path(__file__).resolve().parent.parent
    into = (root / "examples/ms1-plusieurs-entites.json").read_text(encoding="utf-8")
    report = sheets.read(root / "examples/sheets/clients-a-corriger.xlsx", into=into)
    lines = "\n".join(problem.line() for problem in report.problems)
    command = "segur-certificats import clients-a-corriger.xlsx --into ms1-plusieurs-entites.json"
    return f"```text\n$ {command}\n{lines}\n```"


def _schema_text(kind: Any, lang: str) -> str:
    return json.dumps(json_schema(kind, lang), ensure_ascii=False, indent=2) + "\n"


# The page shows the envelope's schema with its long patterns (the normalisation's
# tables, tens of thousands of characters) cut, saying so; the published files
# hold them whole.
_SHOWN_PATTERN = 300


def _shown(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: (
                f"{item[:_SHOWN_PATTERN]}… ({len(item)} characters: see the published file)"
                if key == "pattern" and isinstance(item, str) and len(item) > _SHOWN_PATTERN
                else _shown(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_shown(item) for item in value]
    return value


def on_files(files: Any, config: Any) -> Any:
    """Add the schemas of this version to the site, where their ``$id`` says."""
    # Imported here: the tests read this module's doctests without MkDocs installed.
    from mkdocs.structure.files import File  # noqa: PLC0415

    for kind in KINDS:
        for lang in ("fr", "en"):
            path = schema_path(kind, lang)
            files.append(File.generated(config, path, content=_schema_text(kind, lang)))
    description = json.dumps(openapi(), ensure_ascii=False, indent=2) + "\n"
    files.append(File.generated(config, OPENAPI_PATH, content=description))
    return files


def _section(code: str) -> str:
    if code == INTERNAL_ERROR:
        problem = internal_error(RuntimeError())
    else:
        document, path = EXAMPLES[code]
        report = (
            sc.validate_file("/nonexistent/demande.json")
            if document is None
            else sc.validate(document)
        )
        problem = next(p for p in report.problems if p.code == code and p.path == path)
    return (
        f"### `{code}`\n\n"
        f"- path: `{problem.path or '(the document)'}` — severity: {problem.severity.value}\n"
        f"- fr: {problem.message('fr')}\n"
        f"- en: {problem.message('en')}\n"
    )


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace the markers of problems.md and schema.md with what they stand for."""
    if _SCHEMA in markdown:
        shown = json.dumps(_shown(json_schema("envelope", "fr")), ensure_ascii=False, indent=2)
        markdown = markdown.replace(_SCHEMA, f"```json\n{shown}\n```")
        links = [
            f"- `{kind}`: [{schema_path(kind)}]({schema_path(kind)}), "
            f"[English]({schema_path(kind, 'en')})"
            for kind in KINDS
        ]
        markdown = markdown.replace(_LINKS, "\n".join(links))
    if _ROUTES in markdown:
        markdown = markdown.replace(_ROUTES, _routes())
        markdown = markdown.replace(_OPENAPI, f"[{OPENAPI_PATH}]({OPENAPI_PATH})")
    if _COLUMNS in markdown:
        markdown = markdown.replace(_COLUMNS, _sheet_columns())
    if _ERRORS in markdown:
        markdown = markdown.replace(_ERRORS, _sheet_errors())
    if _MARKER not in markdown:
        return markdown
    sections = "\n".join(_section(code) for code in CODES)
    return markdown.replace(_MARKER, sections)
