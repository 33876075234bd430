"""A located problem: JSON Pointer path, stable code, severity, message (docs:
problems.md#what-a-problem-holds).

```pycon
>>> p = Problem("/entitesJuridiques/0/finessJuridique", "finess.checksum",
...             params={"value": '"330058067"'})
>>> p.message()
'Clé de contrôle du FINESS juridique "330058067" incorrecte (clé de Luhn) : vérifiez le numéro.'
>>> p.message("en")
'Wrong check key in FINESS juridique "330058067" (Luhn key): check the number.'
>>> pointer("entitesJuridiques", 0, "a/b~c")
'/entitesJuridiques/0/a~1b~0c'

```
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Container, Mapping
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar

import attrs

from segur_certificats.messages import render

__all__ = [
    "Problem",
    "Severity",
    "anchor_of",
    "child",
    "pointer",
    "show_value",
    "split_pointer",
    "visible",
]

_SHOWN_CHARS = 60
_SHOWN_BITS = 190  # about 57 decimal digits


class Severity(enum.Enum):
    """How serious a problem is: an error makes the document invalid, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON Pointer made of the given keys and indexes (``""`` is the root)."""
    return "".join("/" + _escape(part) for part in parts)


def split_pointer(path: str) -> list[str]:
    """The unescaped parts of an RFC 6901 JSON Pointer.

    ```pycon
    >>> split_pointer("/entitesJuridiques/0/a~1b~0c")
    ['entitesJuridiques', '0', 'a/b~c']

    ```
    """
    if not path:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in path[1:].split("/")]


def anchor_of(path: str, anchors: Container[str]) -> str | None:
    """The outermost anchor (a JSON Pointer in ``anchors``) at or above ``path``.

    Costs the length of ``path``, whatever the number of anchors.
    """
    if "" in anchors:
        return ""
    slash = path.find("/", 1)
    while slash != -1:
        if path[:slash] in anchors:
            return path[:slash]
        slash = path.find("/", slash + 1)
    return path if path in anchors else None


def child(node: Any, part: str) -> Any:
    """The member ``part`` of a JSON object or array, or ``None`` where there is none."""
    if isinstance(node, Mapping):
        return node.get(part)
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return node[int(part)]
    return None


def show_value(value: object) -> str:
    """A short JSON rendering of a value for a message (long texts are cut with ``…``).

    ```pycon
    >>> show_value("DMP, INS"), show_value(None), show_value(True)
    ('"DMP, INS"', 'null', 'true')
    >>> show_value("x" * 100)[-3:]
    'xx…'

    ```
    """
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        # Python refuses to write very long integers as text: show the magnitude.
        return f"{'-' if value < 0 else ''}~10^{int(math.log10(abs(value)))}"
    if isinstance(value, str) and len(value) > _SHOWN_CHARS:
        value = value[:_SHOWN_CHARS]  # no need to render what will be cut
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        text = _cut(str(value)) if isinstance(value, (Decimal, float)) else _safe_repr(value)
    return visible(_cut(text))


def visible(text: str) -> str:
    """``text`` with its invisible and control characters written as escapes.

    ```pycon
    >>> print(visible("a\\u202eb\\xa0"))
    a\\u202eb\\u00a0

    ```
    """
    return text if text.isprintable() else "".join(map(_visible, text))


def _visible(char: str) -> str:
    # Invisible and control characters (bidi overrides, NBSP, lone surrogates) are
    # shown as escapes, so that a message shows what the value holds.
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _cut(text: str, limit: int = _SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:  # a hostile __repr__ must not break a report
        return f"<{type(value).__name__}>"


#: No message parameter is longer than this, whatever a caller passes.
_PARAM_CHARS = 200


def _frozen_params(value: Mapping[str, Any]) -> Mapping[str, str]:
    return {str(k): _cut(str(v), _PARAM_CHARS) for k, v in value.items()}


@attrs.frozen
class Problem:
    """One problem found in a document.

    ``params`` fill in the message template of ``code`` (see
    `segur_certificats.messages`); ``variant`` selects a more specific
    wording of the same code (e.g. an ``enum`` problem that can name the fix).
    """

    #: RFC 6901 JSON Pointer to the offending value, made of JSON key names.
    path: str
    #: Stable machine code (docs: problems.md#codes), e.g. ``"finess.checksum"``.
    code: str
    severity: Severity = Severity.ERROR
    params: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_params, hash=False, repr=False
    )
    variant: str | None = attrs.field(default=None, repr=False)
    #: ``(line, column)`` in the text, 1-based, for problems of the text itself
    #: (JSON syntax); ``None`` for problems located by `path` only.
    position: tuple[int, int] | None = attrs.field(default=None, repr=False)

    def message(self, lang: str = "fr") -> str:
        """The message for a person, in French (``"fr"``, default) or English (``"en"``)."""
        return render(self.code, self.params, lang, self.variant)

    def line(self, lang: str = "fr") -> str:
        """``path: [code] message`` on one line, warnings marked, for people."""
        # The path may hold any character a key does: shown visibly, as values are.
        return f"{visible(self.path) or '/'}: {self.coded_message(lang)}"

    def coded_message(self, lang: str = "fr") -> str:
        """``[code] message``, a warning marked: what `line()` says after the path."""
        mark = ""
        if self.severity is Severity.WARNING:
            mark = " (warning)" if lang == "en" else " (avertissement)"
        return f"[{self.code}]{mark} {self.message(lang)}"

    def to_dict(self, lang: str = "fr") -> dict[str, str | int]:
        """The problem as plain JSON values, exactly as ``check --format json``
        writes it: ``path``, ``code``, ``severity``, ``message``, and ``line`` and
        ``column`` when it has a position in the text (docs: cli.md)."""
        data: dict[str, str | int] = {
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
        }
        if self.position is not None:
            data["line"], data["column"] = self.position
        return data

    def under(self, prefix: str) -> Problem:
        """The same problem with its path moved below ``prefix`` (a JSON Pointer)."""
        return attrs.evolve(self, path=prefix + self.path)


class _Graded(Protocol):
    @property
    def severity(self) -> Severity: ...


_G = TypeVar("_G", bound=_Graded)


class BySeverity(Generic[_G]):
    """``errors``, ``warnings`` and ``ok`` of the ``problems`` a report holds
    (`segur_certificats.report.Report`, `segur_certificats.sheets.SheetReport`)."""

    __slots__ = ()
    problems: tuple[_G, ...]

    @property
    def ok(self) -> bool:
        """True when no problem is an error (warnings allowed)."""
        return not self.errors

    @property
    def errors(self) -> tuple[_G, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[_G, ...]:
        """The problems of severity warning."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)
