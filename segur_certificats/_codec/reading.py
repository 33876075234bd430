"""What reading a document found, noted as it goes (docs: problems.md#every-problem-at-once,
architecture.md#pipeline).

The converter (`segur_certificats.serialize.converter`) reads a document into
the model. Called on its own, it raises at the end with every fault. Called
while a `Reading` is open (``with reading.open(): converter.structure(...)``),
its hooks note each problem here at its JSON Pointer instead, set the value in
error aside — read as null, or, for an unknown key, not read — and go on, so
that the rules still judge the rest of the document. The pipeline, `loads`
and every source read that way; what a reading is open for lives in a context
variable, so that threads and tasks never share one.

```pycon
>>> reading = Reading()
>>> reading.note(Fault("enum", value='"Editeur"', allowed='"E", "S"'), "/StatutAdminTechnique")
>>> [(p.path, p.code) for p in reading.problems], reading.aside
([('/StatutAdminTechnique', 'enum')], {'/StatutAdminTechnique'})

```
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from contextvars import ContextVar
from typing import Any

from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from segur_certificats._codec.jsontext import key_problem
from segur_certificats._codec.values import SUGGESTED_CHARS, Fault, field_of
from segur_certificats._problems.pointer import child, is_index, split_pointer
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._problems.shown import show_value
from segur_certificats._vocabulary import normalise
from segur_certificats._vocabulary.keys import OWNERS
from segur_certificats.model import EntiteJuridique, RequestContext

__all__ = [
    "Placed",
    "PlacedKey",
    "Reading",
    "claimed",
    "current",
    "escaped",
    "invalid",
    "unknown_key",
    "unknown_keys",
]


class Reading:
    """What reading found: the problems, the ``normalised`` warnings, the paths of
    the values set aside (no rule problem is reported at or below them), and the
    legal entities read, each at its pointer."""

    __slots__ = (
        "aside",
        "context",
        "entities",
        "here",
        "open_keys",
        "problems",
        "release",
        "warnings",
    )

    def __init__(self, *, open_keys: bool = False, release: bool = False) -> None:
        self.problems: list[Problem] = []
        """The structure problems, and what a source noted of its values."""
        self.warnings: list[Problem] = []
        """The ``normalised`` warnings."""
        self.aside: set[str] = set()
        """The paths of the values set aside."""
        self.entities: list[tuple[str, EntiteJuridique | None]] = []
        """The legal entities read, each with the pointer of its object (``None``
        where the value is not an object)."""
        self.context: RequestContext | None = None
        """What the request's envelope says the request is, once read."""
        self.here = ""
        """The pointer of the legal entity being read."""
        self.open_keys = open_keys
        """The entity objects are an editor's own: keys of its own are allowed, and
        only those that look like a misspelt block key are noted, as warnings
        (docs: embedded.md)."""
        self.release = release
        """The document is the reader's own: each legal entity's value is let go of
        once read, so that a document is freed as its entities are made."""

    @contextlib.contextmanager
    def open(self) -> Iterator[Reading]:
        """The converter's hooks note what they find here while the block runs."""
        token = _OPEN.set(self)
        try:
            yield self
        finally:
            _OPEN.reset(token)

    # -- noting -------------------------------------------------------------------------

    def note(self, fault: Fault, path: str) -> None:
        """Note a fault at ``path``: an error sets its value aside."""
        problem = fault.problem(path)
        self.problems.append(problem)
        if problem.is_error:
            self.aside.add(path)

    def add(self, problem: Problem) -> None:
        """Note a problem already placed (a source's, or an unknown key): an error
        sets its value aside."""
        self.problems.append(problem)
        if problem.is_error:
            self.aside.add(problem.path)

    def normalised(self, path: str, raw: object, new: str | None) -> None:
        """Note that normalisation wrote ``raw`` as ``new`` (a warning): a text, or an
        object without values read as null (docs: format.md#no-order)."""
        changes, changes_en = _changes(raw, new)
        self.warnings.append(
            Problem(
                path,
                "normalised",
                Severity.WARNING,
                params={
                    "field": field_of(path),
                    "value": show_value(raw),
                    "written": show_value(new),
                    "changes": changes,
                    "changes_en": changes_en,
                },
            )
        )


_OPEN: ContextVar[Reading | None] = ContextVar("segur_certificats_reading", default=None)


def current() -> Reading | None:
    """The reading open in this thread or task, if any."""
    return _OPEN.get()


class claimed:  # noqa: N801 - used as a function: ``with claimed() as reading``
    """The reading open for the hook that takes it, if any. While the hook works,
    none is open: a call of the converter that the reading itself causes — a
    caller's mapping that reads another value on its own — is strict, as if called
    alone, and notes nothing in this reading. (A class rather than a generator: it
    costs a fraction as much, once an entity.)"""

    __slots__ = ("_token",)

    def __enter__(self) -> Reading | None:
        reading = _OPEN.get()
        self._token = None if reading is None else _OPEN.set(None)
        return reading

    def __exit__(self, *_: object) -> None:
        if self._token is not None:
            _OPEN.reset(self._token)


def _changes(raw: object, new: str | None) -> tuple[str, str]:
    """What normalisation did, in French and English."""
    if not isinstance(raw, str):
        return "objet sans valeur lu comme null", "object without values read as null"
    if new is None:
        return "vide lu comme null", "blank read as null"
    changes = []
    if raw.strip() != raw:
        changes.append(("espaces autour retirés", "surrounding spaces removed"))
    if unicodedata.normalize("NFC", raw.strip()) != raw.strip():
        changes.append(("Unicode en forme NFC", "Unicode in NFC form"))
    if new != normalise.text(raw):  # what only a phone number's normalisation does
        changes.append(
            ("espaces insécables écrits comme des espaces", "non-breaking spaces written as spaces")
        )
    return ", ".join(fr for fr, _ in changes), ", ".join(en for _, en in changes)


def escaped(key: str) -> str:
    """A key as a JSON Pointer part."""
    return key.replace("~", "~0").replace("/", "~1")


def unknown_key(
    path: str,
    key: str,
    known: Sequence[str],
    *,
    elsewhere: Collection[str] = OWNERS.keys(),
    cutoff: float = 0.75,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """An ``unknown-key`` problem: it names the object where ``key`` belongs when it
    is a key of another object of the format (one of ``elsewhere``), or else the
    close known key if there is one."""
    params = {"key": show_value(key)}
    if key in elsewhere and key not in known:
        owner, owner_en = OWNERS[key]
        params.update(owner=owner, owner_en=owner_en)
        return Problem(path, "unknown-key", severity, params=params, variant="elsewhere")
    close = close_key(key, tuple(known), cutoff) if len(key) <= SUGGESTED_CHARS else None
    if close is not None:
        params["suggestion"] = show_value(close)
    variant = "suggest" if close is not None else None
    return Problem(path, "unknown-key", severity, params=params, variant=variant)


@functools.lru_cache(maxsize=1024)
def close_key(key: str, known: tuple[str, ...], cutoff: float) -> str | None:
    """The known key ``key`` looks like, if any: the same keys come back in every
    entity of an editor's document, so the answer is kept (a bounded cache)."""
    import difflib  # noqa: PLC0415 - imported for the rare unknown key

    close = difflib.get_close_matches(key, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def unknown_keys(
    reading: Reading, value: Any, known: Collection[str], here: str, names: Sequence[str]
) -> None:
    """Note every key of ``value`` (an object) not in ``known``, in document order; a
    key that is not text (a parsed value given in Python) as JSON reading notes it."""
    for key in value:
        if type(key) is not str and not isinstance(key, str):
            reading.add(key_problem(here, key))
        elif key not in known:
            reading.add(unknown_key(f"{here}/{escaped(key)}", key, names))


def invalid(problems: Sequence[Problem], cl: type, value: Any) -> ClassValidationError:
    """The exception the converter raises for these problems of ``value``, read as a
    ``cl`` without an open reading: a `cattrs.ClassValidationError` grouped and
    located as cattrs groups and locates its own, each level an object or an array
    as ``value`` has it (`cattrs.transform_error` names
    ``$.entitesJuridiques[0].certificatServeur.nomAdminTechnique``); an unknown key
    a `cattrs.ForbiddenExtraKeysError` of its object, any other fault a
    `ValueError` whose message is the problem's line. Each leaf's ``problem`` is
    the problem itself."""
    group = _group([p for p in problems if p.is_error], 0, cl, value)
    if isinstance(group, ClassValidationError):
        return group
    return ClassValidationError(f"While structuring {cl.__name__}", [group], cl)


def _group(problems: Sequence[Problem], depth: int, cl: type, node: Any) -> BaseValidationError:
    """The problems at and below one level of their paths, ``node`` the value there."""
    members: list[Exception] = []
    below: dict[str, list[Problem]] = {}
    for problem in problems:
        parts = split_pointer(problem.path)[depth:]
        if len(parts) > 1:
            below.setdefault(parts[0], []).append(problem)
        elif parts and problem.code == "unknown-key":
            members.append(PlacedKey(problem, cl, parts[0]))
        else:
            placed = Placed(problem)
            if parts:
                _locate(placed, parts[0], node)
            members.append(placed)
    for part, found in below.items():
        group = _group(found, depth + 1, dict, child(node, part))
        _locate(group, part, node)
        members.append(group)
    name = getattr(cl, "__name__", "value")
    if isinstance(node, list):
        return IterableValidationError(f"While structuring {name}", members, list)
    return ClassValidationError(f"While structuring {name}", members, cl)


def _locate(exc: Exception, part: str, node: Any) -> None:
    """Note where ``exc`` stands below ``node``: an array's item, or an object's key."""
    note: str
    if isinstance(node, list) and is_index(part):
        note = IterableValidationNote(f"Structuring item {part}", int(part), object)
    else:
        # The type is not given: the value may be of any type, and the message says what.
        note = AttributeValidationNote(f"Structuring key {part}", part, None)
    # As add_note() does (Python 3.11), on every Python the package supports.
    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010


class Placed(ValueError):
    """One problem, raised: ``str()`` is its line, ``problem`` the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.line())
        self.problem = problem


class PlacedKey(ForbiddenExtraKeysError):
    """An unknown key, raised as cattrs raises an extra key: ``str()`` is its line,
    ``problem`` the problem."""

    def __init__(self, problem: Problem, cl: type, key: str) -> None:
        super().__init__(problem.line(), cl, {key})
        self.problem = problem
