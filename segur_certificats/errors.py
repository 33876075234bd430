"""The exceptions of segur-certificats: one hierarchy, precise names.

Validation never raises on bad input: it returns a report (docs: problems.md#never-a-traceback). The
exceptions below are for the functions that *must* return a valid value or
nothing, such as `segur_certificats.serialize.loads()` or
`segur_certificats.finess.validate()`. Each carries the stable problem code
(docs: problems.md#codes) of what went wrong.

::

    SegurCertificatsError
     ├── InvalidDocument          a JSON document with problems (.problems)
     │    └── InvalidRow          an administrator row that cannot be saved
     ├── EditRefused              an edit the portal would not allow (.code)
     ├── BlockRefused             a block replace_blocks() will not write (.code)
     ├── InvalidArgument          a wrong argument: type or field name (.code; a TypeError)
     ├── InvalidFiness            a FINESS juridique that is not valid (.code)
     │    ├── InvalidFinessFormat
     │    └── InvalidFinessChecksum
     └── InvalidTelephone         a phone number that is not valid
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from segur_certificats.messages import render
from segur_certificats.problems import visible

if TYPE_CHECKING:
    from segur_certificats.problems import Problem

__all__ = [
    "BlockRefused",
    "EditRefused",
    "InvalidArgument",
    "InvalidDocument",
    "InvalidFiness",
    "InvalidFinessChecksum",
    "InvalidFinessFormat",
    "InvalidRow",
    "InvalidTelephone",
    "SegurCertificatsError",
]


class SegurCertificatsError(Exception):
    """The base class of every exception raised on purpose by this package."""


class InvalidDocument(SegurCertificatsError, ValueError):
    """A document could not be read as a valid request; ``problems`` says why and where."""

    def __init__(self, problems: Iterable[Problem], lang: str = "fr") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.lang = lang
        super().__init__(self.problems)

    def __str__(self) -> str:
        lines = [p.line(self.lang) for p in self.problems]
        count = len(self.problems)
        head = f"{count} problème(s)" if self.lang == "fr" else f"{count} problem(s)"
        return head + ":\n" + "\n".join("  " + line for line in lines)


class InvalidRow(InvalidDocument):
    """An administrator row with errors: not saved (docs: editing.md#rows). Paths are
    relative to the row's legal entity, e.g. ``/certificatServeur/nomAdminTechnique``."""


class _Refusal(SegurCertificatsError):
    """An exception with a stable ``code`` and a French/English message."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        # A parameter may be a caller's value of any size: messages stay short.
        self.params = {key: _shown(value) for key, value in params.items()}
        super().__init__(code)

    def message(self, lang: str = "fr") -> str:
        """Why, in French (default) or English."""
        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.message()


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return visible(text if len(text) <= _PARAM_CHARS else text[: _PARAM_CHARS - 1] + "…")


_PARAM_CHARS = 120


class EditRefused(_Refusal):
    """The modification screen refuses this action (docs: editing.md#rules); ``code`` says why."""


class BlockRefused(_Refusal, ValueError):
    """`replace_blocks()` will not write these blocks; ``code`` says why, and nothing
    was written (docs: embedded.md#replacing-blocks)."""


class InvalidArgument(_Refusal, TypeError):
    """An argument of the wrong type, or a field name that does not exist; ``code``
    (``argument.type``, ``argument.unknown-field``) says which."""


class InvalidFiness(SegurCertificatsError, ValueError):
    """A FINESS juridique number is not valid (docs: format.md#finess-juridique)."""

    #: The problem code (docs: problems.md#codes).
    code = "finess.format"


class InvalidFinessFormat(InvalidFiness):
    """Not 9 characters of digits (with ``2A``/``2B`` allowed first for Corsica)."""

    code = "finess.format"


class InvalidFinessChecksum(InvalidFiness):
    """The last character is not the Luhn key of the number."""

    code = "finess.checksum"


class InvalidTelephone(SegurCertificatsError, ValueError):
    """A phone number that ``phonenumbers`` does not accept (docs: format.md#telephone)."""

    code = "tel.invalid"
