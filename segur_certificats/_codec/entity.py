"""A legal entity's object read into the model: the converter's hook for
`EntiteJuridique` (docs: format.md#block, format.md#no-order).

The JSON and the model differ in shape here: the block is flat in the entity's
object (``demandeCertificatServeur``, the three answers, ``certificatServeur``)
and one `AdministrateurTechnique` in the model, ``None`` when nothing is
ordered. An object written as the format writes it is read in one step
(`segur_certificats._codec.usual`); any other value by value, each
by its reader (`segur_certificats._codec.values`), every problem
noted and its value set aside: the FINESS juridique, the answers, the
certificate, then whether the entity orders at all (docs: format.md#block-optional).

```pycon
>>> from segur_certificats._codec.reading import Reading
>>> reading = Reading()
>>> entite = read_entity({"finessJuridique": "330058066",
...     "demandeCertificatServeur": True, "StatutAdminTechnique": "Editeur"}, "/e", reading)
>>> entite.administrateur.statut is None, [(p.path, p.code) for p in reading.problems]
(True, [('/e/StatutAdminTechnique', 'enum')])

```
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from segur_certificats import finess
from segur_certificats._codec import values
from segur_certificats._codec.built import checked_administrateur, checked_entite
from segur_certificats._codec.reading import (
    Reading,
    claimed,
    close_key,
    escaped,
    invalid,
    unknown_key,
    unknown_keys,
)
from segur_certificats._codec.usual import usual_entity
from segur_certificats._codec.values import OBJECT, SUGGESTED_CHARS, TEXT, Fault
from segur_certificats._problems.problem import Problem, Severity
from segur_certificats._problems.shown import show_value
from segur_certificats._vocabulary.keys import (
    BLOCK_KEYS,
    CERTIFICAT_KEYS,
    CERTIFICAT_SERVEUR,
    CONTRACTUALISATION_EDITEUR,
    CONTRACTUALISATION_OG,
    DEMANDE_CERTIFICAT_SERVEUR,
    ENTITY_KEYS,
    FINESS_JURIDIQUE,
    STATUT_ADMIN_TECHNIQUE,
    TEL_ADMIN_TECHNIQUE,
    UTILITE_CERTIFICAT,
)
from segur_certificats.model import (
    AdministrateurTechnique,
    EntiteJuridique,
    StatutAdminTechnique,
    UtiliteCertificat,
)

__all__ = ["read_entity", "structure_entity"]

_FINESS = FINESS_JURIDIQUE.json
_FLAG = DEMANDE_CERTIFICAT_SERVEUR.json
_CERT = CERTIFICAT_SERVEUR.json
_ENTITY_KEYS = frozenset(key.json for key in ENTITY_KEYS)
_ENTITY_NAMES = tuple(key.json for key in ENTITY_KEYS)
_CERTIFICAT_KEYS = frozenset(key.json for key in CERTIFICAT_KEYS)
_CERTIFICAT_NAMES = tuple(key.json for key in CERTIFICAT_KEYS)
# Each value of certificatServeur: its attribute, its JSON name, its reader.
_CERTIFICAT_READERS = tuple(
    (
        key.attribute,
        key.json,
        values.phone
        if key is TEL_ADMIN_TECHNIQUE
        else values.code(UtiliteCertificat)
        if key is UTILITE_CERTIFICAT
        else values.text,
    )
    for key in CERTIFICAT_KEYS
)
_NO_CERTIFICAT: dict[str, Any] = {key.attribute: None for key in CERTIFICAT_KEYS}
_STATUT = values.code(StatutAdminTechnique)
# The answers' keys and readers, and the keys whose value says an order is meant.
_ANSWERS = (
    (CONTRACTUALISATION_OG, values.boolean),
    (STATUT_ADMIN_TECHNIQUE, _STATUT),
    (CONTRACTUALISATION_EDITEUR, values.boolean),
)
_GIVEN_KEYS = (*(key.json for key, _ in _ANSWERS), _CERT)
# How close a key of an editor's own object must be to a block key to be noted.
_NEAR_CUTOFF = 0.85


def structure_entity(value: Any, _: type = EntiteJuridique) -> EntiteJuridique:
    """The converter's hook: the legal entity of a JSON object.

    With a reading open (`Reading.open`), every problem is noted there, at the
    pointer of the entity being read (``Reading.here``), and the entity is
    returned with its values in error read as null (``None`` for a value that is
    not an object). Without one, a `cattrs.ClassValidationError` holding every
    fault is raised."""
    with claimed() as reading:
        if reading is not None:
            return read_entity(value, reading.here, reading)  # type: ignore[return-value]
    found = Reading()
    entite = read_entity(value, "", found)
    if entite is None or any(problem.is_error for problem in found.problems):
        raise invalid(found.problems, EntiteJuridique, value)
    return entite


def read_entity(value: Any, here: str, reading: Reading) -> EntiteJuridique | None:
    """Read one legal entity and its block found at ``here``, noting in ``reading``;
    ``None`` when ``value`` is not an object."""
    if type(value) is not dict and not isinstance(value, Mapping):
        fault = Fault("required") if value is None else values.wrong_type(value, OBJECT)
        reading.note(fault, here)
        return None
    if reading.open_keys:
        _near_misses(reading, value, here)
    elif not value.keys() <= _ENTITY_KEYS:
        unknown_keys(reading, value, _ENTITY_KEYS, here, _ENTITY_NAMES)
    usual = usual_entity(value) if type(value) is dict else None
    return usual if usual is not None else _each_value(reading, value, here)


def _each_value(reading: Reading, obj: Mapping[str, Any], here: str) -> EntiteJuridique:
    """The entity's values read one by one, each problem noted."""
    number = _finess(reading, obj, here)
    answers = [_value(reading, obj, key.json, here, read) for key, read in _ANSWERS]
    certificat = _certificat(reading, obj, here)
    given = [
        key
        for key, value in zip(_GIVEN_KEYS, (*answers, certificat), strict=True)
        if value is not None
    ]
    if not _orders(reading, obj, here, given):
        return checked_entite(number)
    return checked_entite(number, _administrateur(answers, certificat))


def _administrateur(
    answers: Sequence[Any], certificat: dict[str, Any] | None
) -> AdministrateurTechnique:
    og, statut, editeur = answers
    return checked_administrateur(
        contractualisation_og=og,
        statut=statut,
        contractualisation_editeur=editeur,
        **(certificat or _NO_CERTIFICAT),
    )


def _value(reading: Reading, obj: Mapping[str, Any], key: str, here: str, read: Any) -> Any:
    """The value at ``key`` read by ``read``: ``None`` with its fault noted, and what
    normalisation changed in a text noted as a warning."""
    raw = obj.get(key)
    try:
        value = read(raw)
    except Fault as fault:
        reading.note(fault, f"{here}/{key}")
        return None
    if isinstance(raw, str):
        written = value if value is None or isinstance(value, str) else raw
        if written != raw:
            reading.normalised(f"{here}/{key}", raw, written)
    return value


def _finess(reading: Reading, obj: Mapping[str, Any], here: str) -> str | None:
    """The FINESS juridique, compact (docs: format.md#finess-juridique): a JSON
    document holds the compact form, and a spaced one is an error, though the
    number is still judged on its compact form."""
    number = obj.get(_FINESS)
    if number is None:
        return None  # the rules say it is required
    path = f"{here}/{_FINESS}"
    if not isinstance(number, str):
        reading.note(values.wrong_type(number, TEXT), path)
        return None
    compact = finess.compact(number)
    if compact != number:
        params = {"value": show_value(number), "compact": show_value(compact)}
        reading.problems.append(Problem(path, "finess.format", params=params, variant="compact"))
    return compact


def _certificat(reading: Reading, obj: Mapping[str, Any], here: str) -> dict[str, Any] | None:
    """``certificatServeur``'s values by attribute, or ``None`` when it is null or
    not an object (its problem noted)."""
    value = obj.get(_CERT)
    if value is None:
        return None
    path = f"{here}/{_CERT}"
    if not isinstance(value, Mapping):
        reading.note(values.wrong_type(value, OBJECT), path)
        return None
    if not value.keys() <= _CERTIFICAT_KEYS:
        unknown_keys(reading, value, _CERTIFICAT_KEYS, path, _CERTIFICAT_NAMES)
    return {
        attribute: _value(reading, value, key, path, read)
        for attribute, key, read in _CERTIFICAT_READERS
    }


def _orders(reading: Reading, obj: Mapping[str, Any], here: str, given: Sequence[str]) -> bool:
    """Whether the entity orders a certificate; a flag in error is read from the
    block: an order when the block is filled in (docs: format.md#no-order,
    format.md#block-optional). With the flag false, a value given is
    ``must-be-null``, but for a ``certificatServeur`` whose every value is null:
    that one is null, with a ``normalised`` warning."""
    path = f"{here}/{_FLAG}"
    if _FLAG not in obj:
        if given:
            reading.note(Fault("required", "block"), path)
        return bool(given)
    flag = obj[_FLAG]
    if not isinstance(flag, bool):
        reading.note(Fault("type", "boolean", value=show_value(flag)), path)
        return bool(given)
    if not flag:
        for key in given:
            raw = obj[key]
            if key == _CERT and _null_object(raw):
                # Every value null, as row 1 of the guide's table writes it: no order,
                # written as null (a warning says so).
                reading.normalised(f"{here}/{key}", raw, None)
            else:
                reading.note(Fault("must-be-null", value=show_value(raw)), f"{here}/{key}")
    return flag


def _null_object(value: Any) -> bool:
    """Whether ``certificatServeur`` is an object of its own keys, each null (``{}``
    included): what an entity that orders nothing may write for null
    (docs: format.md#no-order)."""
    return (
        isinstance(value, Mapping)
        and value.keys() <= _CERTIFICAT_KEYS
        and all(item is None for item in value.values())
    )


def _near_misses(reading: Reading, obj: Mapping[str, Any], here: str) -> None:
    """Keys of an editor's object that look like misspelt block keys (warnings)."""
    for key in obj:
        if key in _ENTITY_KEYS or not _near_miss(key):
            continue
        problem = unknown_key(
            f"{here}/{escaped(key)}",
            key,
            BLOCK_KEYS,
            elsewhere=_CERTIFICAT_KEYS,
            cutoff=_NEAR_CUTOFF,
            severity=Severity.WARNING,
        )
        reading.problems.append(problem)


def _near_miss(key: object) -> bool:
    """Whether an editor's key looks like a block key: one of ``certificatServeur``'s,
    or close to one of the block's (the answer for a key is kept)."""
    return isinstance(key, str) and (
        key in _CERTIFICAT_KEYS
        or (len(key) <= SUGGESTED_CHARS and close_key(key, BLOCK_KEYS, _NEAR_CUTOFF) is not None)
    )
