"""MkDocs hooks, computed from the library at build time: the problem-code page
shows, for every code, a real example and its French and English messages; the
site publishes the JSON Schemas of this version (``schema/VERSION/KIND.schema.json``,
in French, and ``….en.schema.json``) and the schema page shows the envelope's."""

from __future__ import annotations

import json
from typing import Any

from mkdocs.structure.files import File, Files

import segur_certificats as sc
from segur_certificats._problem_examples import EXAMPLES, INTERNAL_ERROR
from segur_certificats.report import internal_error
from segur_certificats.schema import KINDS, json_schema, schema_path

_MARKER = "<!-- problem-examples -->"
_SCHEMA = "<!-- schema-envelope -->"
_LINKS = "<!-- schema-links -->"


def _schema_text(kind: Any, lang: str) -> str:
    return json.dumps(json_schema(kind, lang), ensure_ascii=False, indent=2) + "\n"


def on_files(files: Files, config: Any) -> Files:
    """Add the schemas of this version to the site, where their ``$id`` says."""
    for kind in KINDS:
        for lang in ("fr", "en"):
            path = schema_path(kind, lang)
            files.append(File.generated(config, path, content=_schema_text(kind, lang)))
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
        markdown = markdown.replace(_SCHEMA, f"```json\n{_schema_text('envelope', 'fr')}```")
        links = [
            f"- `{kind}`: [{schema_path(kind)}]({schema_path(kind)}), "
            f"[English]({schema_path(kind, 'en')})"
            for kind in KINDS
        ]
        markdown = markdown.replace(_LINKS, "\n".join(links))
    if _MARKER not in markdown:
        return markdown
    sections = "\n".join(_section(code) for code in sc.messages.CODES)
    return markdown.replace(_MARKER, sections)
