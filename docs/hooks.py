"""MkDocs hook: the problem-code page shows, for every code, a real example and
its French and English messages, computed from the library at build time."""

from __future__ import annotations

from typing import Any

import segur_certificats as sc
from segur_certificats._problem_examples import EXAMPLES, INTERNAL_ERROR
from segur_certificats.report import internal_error

_MARKER = "<!-- problem-examples -->"


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
    """Replace the marker of problems.md with the generated examples."""
    if _MARKER not in markdown:
        return markdown
    sections = "\n".join(_section(code) for code in sc.messages.CODES)
    return markdown.replace(_MARKER, sections)
