"""How the commands print a report: text for people, or JSON Lines (docs: cli.md)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, TextIO

from segur_certificats._internal.problems.shown import visible

if TYPE_CHECKING:
    from segur_certificats._internal.pipeline.report import Report

_OK = {"fr": "aucune erreur", "en": "no error"}
_NOT_WRITTEN = {
    "fr": "rien n'est écrit : ajoutez -o {out} pour écrire {what}",
    "en": "nothing written: add -o {out} to write {what}",
}
_WHAT = {
    ("fr", True): "la demande",
    ("fr", False): "les entités juridiques",
    ("en", True): "the request",
    ("en", False): "the legal entities",
}
_ROWS = {"fr": "{name} : {count} ligne(s)", "en": "{name}: {count} row(s)"}


def not_written(command: str, lang: str, *, request: bool) -> None:
    """Say on standard error that a command which could have written a file did
    not, and how to make it (docs: cli.md#writing)."""
    what = _WHAT[lang, request]
    out = "demande.json" if request else "entites.json"
    message = _NOT_WRITTEN[lang].format(out=out, what=what)
    print(f"segur-certificats {command}: {message}", file=sys.stderr)


def rows_written(out: TextIO, name: str, count: int, lang: str) -> None:
    """The line saying how many rows a template holds."""
    out.write(_ROWS[lang].format(name=name, count=count) + "\n")


def write(
    out: TextIO,
    name: str,
    report: Report,
    form: str,
    lang: str,
    *,
    elsewhere: str | None = None,
) -> None:
    """One line per problem — ``file:line:column: path: [code] message`` for a
    fault in a text, so that editors jump to it; ``file: cell (path): …`` for a
    sheet — then ``file: aucune erreur`` when there is none; or one JSON object.
    With ``elsewhere`` (``import --into``), the problems that are at no cell of
    the sheet are that file's: named by it."""
    if form == "json":
        out.write(json.dumps({"file": name, **report.to_dict(lang)}, ensure_ascii=False) + "\n")
        return
    shown = visible(name)
    for problem in report.problems:
        where = problem.location
        line = getattr(where, "line", None)
        here = shown
        if elsewhere is not None and getattr(where, "name", None) is None:
            here = visible(elsewhere)
        head = f"{here}:{line}:{getattr(where, 'column', '')}:" if line else f"{here}:"
        out.write(f"{head} {problem.line(lang)}\n")
    if report.ok:
        out.write(f"{shown}: {_OK[lang]}\n")
