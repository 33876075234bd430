"""The exceptions of segur-certificats: one hierarchy, precise names.

Validation never raises on bad input: it returns a report (docs: problems.md#never-a-traceback).
The exceptions below are for the functions that *must* return a valid value or
nothing, such as `segur_certificats.loads()` or `segur_certificats.finess.validate()`.
Each carries the stable problem code (docs: problems.md#codes) of what went wrong,
and says it in French (``str()``) or English (``message("en")``).

::

    SegurCertificatsError
     ├── InvalidDocument          a JSON document with problems (.problems)
     │    └── InvalidRow          an administrator row that cannot be saved
     └── CodedError               one refusal, with a stable .code and .params
          ├── EditRefused         an edit the portal would not allow
          ├── BlockRefused        a block replace_blocks() will not write
          ├── InvalidArgument     a wrong argument: type or field name (a TypeError)
          ├── MissingExtra        an optional dependency is not installed (an ImportError)
          ├── InvalidFiness       a FINESS juridique that is not valid
          │    ├── InvalidFinessFormat
          │    └── InvalidFinessChecksum
          └── InvalidTelephone    a phone number that is not valid
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from segur_certificats._problems.catalogue import render
from segur_certificats._problems.shown import shown

if TYPE_CHECKING:
    from segur_certificats._problems.problem import Problem

__all__ = [
    "BlockRefused",
    "CodedError",
    "EditRefused",
    "InvalidArgument",
    "InvalidDocument",
    "InvalidFiness",
    "InvalidFinessChecksum",
    "InvalidFinessFormat",
    "InvalidRow",
    "InvalidTelephone",
    "MissingExtra",
    "SegurCertificatsError",
]


class SegurCertificatsError(Exception):
    """The base class of every exception raised on purpose by this package."""


class InvalidDocument(SegurCertificatsError, ValueError):
    """A document could not be read as a valid request; ``problems`` says why and where."""

    def __init__(self, problems: Iterable[Problem], lang: str = "fr") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        """Every problem found, each with its path, code and message."""
        self.lang = lang
        """The language of ``str()``: ``"fr"`` or ``"en"``."""
        super().__init__(self.problems)

    def __str__(self) -> str:
        lines = [p.line(self.lang) for p in self.problems]
        count = len(self.problems)
        head = f"{count} problème(s)" if self.lang == "fr" else f"{count} problem(s)"
        return head + ":\n" + "\n".join("  " + line for line in lines)


class InvalidRow(InvalidDocument):
    """An administrator row with errors: not saved (docs: editing.md#rows). Paths are
    relative to the row's legal entity, e.g. ``/certificatServeur/nomAdminTechnique``."""


class CodedError(SegurCertificatsError):
    """One refusal with a stable ``code``, its ``params`` and a French/English message.

    Subclasses that stand for a single code name it in ``_default_code``.
    """

    _default_code: ClassVar[str] = ""

    def __init__(self, code: str = "", /, **params: object) -> None:
        self.code = code or self._default_code
        """The stable code of the refusal (docs: problems.md#refusals)."""
        # A parameter may be a caller's value of any size: messages stay short.
        self.params = {key: shown(value) for key, value in params.items()}
        """What fills the message, each value bounded."""
        super().__init__(self.code)

    def message(self, lang: str = "fr") -> str:
        """Why, in French (default) or English."""
        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.message()


class EditRefused(CodedError):
    """The modification screen refuses this action (docs: editing.md#rules); ``code`` says why."""


class BlockRefused(CodedError, ValueError):
    """`replace_blocks()` will not write these blocks; ``code`` says why, and nothing
    was written (docs: embedded.md#replacing-blocks)."""


class InvalidArgument(CodedError, TypeError):
    """An argument of the wrong type, a field name that does not exist, or a value
    that cannot be honoured; ``code`` (``argument.type``, ``argument.unknown-field``,
    ``argument.value``) says which."""


class MissingExtra(CodedError, ImportError):
    """An optional dependency is not installed; the message names the ``pip install``
    that adds it (``extra.missing``)."""

    _default_code = "extra.missing"


class InvalidFiness(CodedError, ValueError):
    """A FINESS juridique number is not valid (docs: format.md#finess-juridique)."""

    _default_code = "finess.format"


class InvalidFinessFormat(InvalidFiness):
    """Not 9 characters of digits (with ``2A``/``2B`` allowed first for Corsica)."""

    _default_code = "finess.format"


class InvalidFinessChecksum(InvalidFiness):
    """The last character is not the Luhn key of the number."""

    _default_code = "finess.checksum"


class InvalidTelephone(CodedError, ValueError):
    """A phone number that is not valid (docs: format.md#telephone)."""

    _default_code = "tel.invalid"


# Tracebacks name each exception where users import it: ``segur_certificats.EditRefused``.
for _public in (
    SegurCertificatsError,
    CodedError,
    InvalidDocument,
    InvalidRow,
    EditRefused,
    BlockRefused,
    InvalidArgument,
    MissingExtra,
    InvalidFiness,
    InvalidFinessFormat,
    InvalidFinessChecksum,
    InvalidTelephone,
):
    _public.__module__ = "segur_certificats"
