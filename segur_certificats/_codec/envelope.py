"""A request's envelope read into the model: the converter's hooks for `Demande` and
its legal entities (docs: format.md#envelope).

The envelope has the model's shape: cattrs generates its reading from the
class, each JSON name given by a rename override, unknown keys forbidden,
every fault of the object collected (`segur_certificats.serialize`). The hook
here wraps that generated reading: it notes each fault of the envelope at its
key, says what the request is (`Reading.context`) even when a value of the
envelope is wrong — the rules still judge the legal entities — and notes what
normalisation changed. The legal entities are read one by one, each at its
pointer, by the entity's hook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError

from segur_certificats._codec import values
from segur_certificats._codec.entity import read_entity
from segur_certificats._codec.jsontext import key_problem
from segur_certificats._codec.reading import Reading, claimed, invalid, unknown_keys
from segur_certificats._codec.values import ARRAY, OBJECT, Fault
from segur_certificats._vocabulary.keys import ENTITES_JURIDIQUES, ENVELOPE_KEYS
from segur_certificats.model import Demande, EntiteJuridique, RequestContext

__all__ = ["demande_hook", "structure_entities"]

_KEYS = {key.attribute: key.json for key in ENVELOPE_KEYS}
_KNOWN = frozenset(_KEYS.values())
_NAMES = tuple(_KEYS.values())
_ENTITIES = f"/{ENTITES_JURIDIQUES.json}"
_CONTEXT = (
    "type_demande",
    "couloir",
    "date_depot",
    "date_modification",
    "statut",
    "bloc_administrateurs_valide",
)

Generated = Callable[[Any, type], Demande]
Hooks = Mapping[str, Callable[[Any], Any]]


def demande_hook(generated: Generated, hooks: Hooks) -> Callable[[Any, type], Demande]:
    """The converter's hook for `Demande`: ``generated`` (cattrs' reading of the
    envelope) with what the pipeline needs; ``hooks`` reads each field of the
    envelope by its attribute, as ``generated`` does.

    With a reading open (`Reading.open`), every problem is noted there and the
    request is returned when its envelope could be read (``None`` otherwise).
    Without one, a `cattrs.ClassValidationError` holding every fault is raised."""

    def structure_demande(value: Any, _: type = Demande) -> Demande:
        with claimed() as reading:
            if reading is not None:
                return _read(value, reading)  # type: ignore[return-value]
        reading = Reading()
        demande = _read(value, reading)
        if demande is None or any(problem.is_error for problem in reading.problems):
            raise invalid(reading.problems, Demande, value)
        return demande

    def _read(value: Any, reading: Reading) -> Demande | None:
        if not isinstance(value, Mapping):
            reading.note(values.wrong_type(value, OBJECT), "")
            reading.context = RequestContext()
            return None
        envelope = _plain(value, reading)
        above, reading.here = reading.here, _ENTITIES
        try:
            with reading.open():  # for the legal entities' hook, which cattrs calls
                demande: Demande | None = generated(envelope, Demande)
        except ClassValidationError as error:
            _note(reading, error, envelope)
            demande = None
        finally:
            reading.here = above
        found = _read_again(reading, envelope, hooks)
        reading.context = (
            demande.context
            if demande is not None
            else RequestContext(**{attribute: found[attribute] for attribute in _CONTEXT})
        )
        return demande

    return structure_demande


def _plain(value: Mapping[Any, Any], reading: Reading) -> dict[str, Any]:
    """The envelope as a plain dict of text keys, what cattrs' generated reading
    expects: a mapping of the caller's is read, never changed (a ``defaultdict``
    given no ``typeDemande`` gets none), and a key that is not text is noted."""
    if type(value) is dict and all(type(key) is str for key in value):
        return value
    plain: dict[str, Any] = {}
    for key in value:
        if type(key) is str or isinstance(key, str):
            plain[str(key)] = value[key]
        else:
            reading.add(key_problem("", key))
    return plain


def _note(reading: Reading, error: ClassValidationError, value: Mapping[str, Any]) -> None:
    """Note the faults of the envelope cattrs collected, each at its key."""
    for exc in error.exceptions:
        if isinstance(exc, ForbiddenExtraKeysError):
            unknown_keys(reading, value, _KNOWN, "", _NAMES)
            continue
        notes = [n for n in getattr(exc, "__notes__", ()) if isinstance(n, AttributeValidationNote)]
        if not notes:
            raise exc  # not a fault of the document: a failure of the package
        path = f"/{_KEYS[notes[-1].name]}"
        if isinstance(exc, Fault):
            reading.note(exc, path)
        elif isinstance(exc, KeyError):  # the key is missing
            reading.note(Fault("required"), path)
        else:
            raise exc


def _read_again(reading: Reading, value: Mapping[str, Any], hooks: Hooks) -> dict[str, Any]:
    """Each field of the envelope as its hook reads it (``None`` where it is absent or
    in error: its fault is noted already), in one pass: what the request is, when
    the envelope as a whole could not be read; and the warnings for what
    normalisation changed in a text, or a blank value read as null where it may be."""
    found: dict[str, Any] = {}
    for attribute, read in hooks.items():
        raw = value.get(_KEYS[attribute])
        found[attribute] = None
        if raw is None:
            continue
        try:
            found[attribute] = read(raw)
        except Fault:
            continue
        written = found[attribute]  # a code or a date is not written anew: only text
        text = written is None or isinstance(written, str)
        if isinstance(raw, str) and text and written != raw:
            reading.normalised(f"/{_KEYS[attribute]}", raw, written)
    return found


def structure_entities(value: Any, _: type = tuple) -> tuple[EntiteJuridique, ...]:
    """The converter's hook for the legal entities (``entitesJuridiques``): an array
    of legal-entity objects, each read at its pointer (`read_entity`). With a
    reading open, each entity read is recorded there (`Reading.entities`) and, if
    the reading owns the document, its value let go of once read."""
    if value is None:
        raise Fault("required")
    if not isinstance(value, list):
        raise values.wrong_type(value, ARRAY)
    with claimed() as claim:
        if claim is not None:
            return _entities(value, claim)
    reading = Reading()
    found = _entities(value, reading)
    if any(problem.is_error for problem in reading.problems):
        raise invalid(reading.problems, tuple, value)
    return found


def _entities(value: list[Any], reading: Reading) -> tuple[EntiteJuridique, ...]:
    """Each legal entity of ``value`` read at its pointer, noted in ``reading``."""
    base, release, read = reading.here, reading.release, reading.entities
    entities = []
    for index, item in enumerate(value):
        here = f"{base}/{index}"
        if release:
            value[index] = None
        entite = read_entity(item, here, reading)
        read.append((here, entite))
        if entite is not None:
            entities.append(entite)
    return tuple(entities)
