"""How the commands print a report: text for people, or JSON Lines (docs: cli.md)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, TextIO

from segur_certificats._problems.shown import visible

if TYPE_CHECKING:
    from segur_certificats._pipeline.report import Report

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


def read_or_report(name: str, out: TextIO, lang: str, max_size: int) -> bytes | None:
    """The bytes of the file ``name``, or ``None`` with the line saying why not."""
    from segur_certificats._codec.files import File  # noqa: PLC0415
    from segur_certificats._problems.problem import Problem  # noqa: PLC0415

    data = File(name, max_size).read()
    if isinstance(data, Problem):
        out.write(f"{visible(name)}: {data.line(lang)}\n")
        return None
    return data


def refused(command: str, code: str, lang: str, variant: str | None = None, **params: str) -> int:
    """One line on standard error, and exit status 2: the command could not run."""
    from segur_certificats._problems.catalogue import render  # noqa: PLC0415

    print(f"segur-certificats {command}: {render(code, params, lang, variant)}", file=sys.stderr)
    return 2


def write_file(command: str, name: str, data: bytes, lang: str) -> int:
    """Write ``data`` to ``name`` atomically: 0, or 2 with one line saying why not."""
    from segur_certificats._codec.files import write_atomic  # noqa: PLC0415

    try:
        write_atomic(name, data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return refused(command, "sheet.unwritable", lang, name=visible(name), reason=reason)
    return 0
