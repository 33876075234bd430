"""The differential oracle: the schema against `validate()` (docs: schema.md#differential-test).

For a document `validate()` can read as JSON, every implementation's verdict must
agree with `validate()`'s errors:

- the schema accepts ⇒ `validate()` has no error of the codes the schema
  expresses (`segur_certificats.schema.SCHEMA_CODES`): never laxer;
- the schema refuses ⇒ `validate()` has such an error, or the document holds a
  value `validate()` writes otherwise (surrounding spaces, blank, not NFC: its
  ``normalised`` warning, which another problem at the same value hides).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs

import segur_certificats as sc
from segur_certificats import schema
from segur_certificats._codec import jsontext
from segur_certificats._problems.problem import Severity
from segur_certificats._vocabulary.keys import (
    CERTIFICAT_SERVEUR,
    ENTITES_JURIDIQUES,
)
from segur_certificats._vocabulary.normalise import text as normalised

from ..vocabulary import CERTIFICAT, ENTITE, ENVELOPPE
from . import implementations

#: The structural verdicts: every code the schema expresses.
STRUCTURAL = schema.SCHEMA_CODES
#: What the schema cannot see in parsed JSON: the text's syntax and repeated keys.
TEXT_ONLY = frozenset({"json.syntax", "json.duplicate-key", "internal-error"})


@attrs.frozen
class Judged:
    """A document as `validate()` judged it."""

    value: Any
    #: `validate()` reports an error of a code the schema expresses.
    structural: bool
    #: A value of the format that `validate()` writes otherwise.
    rewritten: bool
    problems: tuple[str, ...]


def _strings(kind: schema.Kind, value: Any) -> Iterator[str]:
    """Every text at a key of the format, where the format puts that key."""
    if not isinstance(value, dict):
        return
    entities: list[Any] = [value]
    if kind == "envelope":
        yield from (value[k] for k in ENVELOPPE.values() if isinstance(value.get(k), str))
        found = value.get(ENTITES_JURIDIQUES.json)
        entities = found if isinstance(found, list) else []
    for entity in entities:
        if not isinstance(entity, dict):
            continue
        yield from (entity[k] for k in ENTITE.values() if isinstance(entity.get(k), str))
        block = entity.get(CERTIFICAT_SERVEUR.json)
        if isinstance(block, dict):
            yield from (block[k] for k in CERTIFICAT.values() if isinstance(block.get(k), str))


def rewritten(kind: schema.Kind, value: Any) -> bool:
    """Whether `validate()` writes one of the format's texts otherwise (docs:
    format.md#normalisation)."""
    return any(normalised(text) != text for text in _strings(kind, value))


def judge(kind: schema.Kind, text: str | bytes) -> Judged | None:
    """`validate()` (or `validate_embedded()` for one entity) on ``text``; ``None``
    when the verdict lies outside the schema's sight (not JSON, repeated keys)."""
    parsed = jsontext.load(text)
    report = sc.validate(text) if kind == "envelope" else sc.validate_embedded(text)
    errors = {p.code for p in report.problems if p.severity is Severity.ERROR}
    if not parsed.ok or errors & TEXT_ONLY:
        return None
    return Judged(
        parsed.value,
        bool(errors & STRUCTURAL),
        rewritten(kind, parsed.value),
        tuple(f"{p.path} {p.code}" for p in report.problems),
    )


def check(name: str, accepted: bool | None, judged: Judged, shown: object) -> None:
    """One implementation's verdict against `validate()`'s."""
    if accepted is None:  # the implementation cannot take the value
        return
    if accepted:
        assert not judged.structural, (
            f"{name} accepts what validate() refuses: {judged.problems}, {shown!r:.2000}"
        )
    else:
        assert judged.structural or judged.rewritten, (
            f"{name} refuses what validate() accepts as written: {judged.problems}, {shown!r:.2000}"
        )


def assert_agree(kind: schema.Kind, text: str | bytes) -> None:
    """Every implementation agrees with `validate()` on ``text``."""
    judged = judge(kind, text)
    if judged is None:
        return
    for name, (accepted,) in implementations.verdicts(kind, [judged.value]).items():
        check(name, accepted, judged, text)


def assert_all_agree(kind: schema.Kind, texts: list[str]) -> int:
    """`assert_agree` on many documents, each implementation called once for all
    of them; how many were within the schema's sight."""
    judged = [(text, judge(kind, text)) for text in texts]
    seen = [(text, j) for text, j in judged if j is not None]
    found = implementations.verdicts(kind, [j.value for _, j in seen])
    for name, accepted in found.items():
        for (text, j), verdict in zip(seen, accepted, strict=True):
            check(name, verdict, j, text)
    return len(seen)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
