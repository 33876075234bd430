"""Reading and writing the exact JSON of the format with one cattrs converter (docs: format.md).

`converter` is configured once and works both ways.

- **Writing** (``converter.unstructure``): the envelope through the fields of
  `Demande`, each renamed to its JSON name; ``certificatServeur`` through the
  fields of `AdministrateurTechnique`, renamed likewise; the legal entity by a
  hook, since its block is flat in the JSON: the keys in the order of the
  format (``contracutualisationOG`` and ``StatutAdminTechnique`` spelt as the
  format spells them), the null form of an entity that orders nothing (docs:
  format.md#no-order), and no block keys at all where the feature does not
  apply (docs: format.md#block-optional).
- **Reading** (``converter.structure``): the envelope through a reading cattrs
  generates from `Demande`, each JSON name a rename override, unknown keys
  forbidden; each value by the reader of its kind (text normalised, codes,
  ``YYYY-MM-DD`` dates, booleans); the legal entity by a hook, its flat block
  read into an `AdministrateurTechnique`. A document with structure problems
  raises `cattrs.ClassValidationError` holding every fault, each a
  `ValueError` whose message is the problem's line: a wrong type, an unknown
  key — a corrected spelling such as ``contractualisationOG`` included — a
  missing one, a code, a date. Business rules are not applied
  (`segur_certificats.rules`): a draft with a missing name reads.

`loads` and `dumps` are the same converter on JSON text; `loads` raises
`InvalidDocument` with every problem located by line and column.
`segur_certificats.validate` and every other source read through the same
converter (docs: architecture.md#pipeline).

```pycon
>>> from segur_certificats.model import EntiteJuridique
>>> converter.unstructure(EntiteJuridique(finess_juridique="330058066"))
... # doctest: +NORMALIZE_WHITESPACE
{'finessJuridique': '330058066', 'demandeCertificatServeur': False,
 'contracutualisationOG': None, 'StatutAdminTechnique': None,
 'contractualisationEditeur': None, 'certificatServeur': None}
>>> converter.structure({"finessJuridique": "330058066", "contractualisationOG": True},
...                     EntiteJuridique)
Traceback (most recent call last):
    ...
cattrs.errors.ClassValidationError: While structuring EntiteJuridique (1 sub-exception)

```
"""

from __future__ import annotations

import datetime as _dt
import json
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from segur_certificats._codec import values
from segur_certificats._codec.document import locate, parse_document
from segur_certificats._codec.entity import structure_entity
from segur_certificats._codec.envelope import demande_hook, structure_entities
from segur_certificats._codec.order import ordered
from segur_certificats._codec.reading import Reading
from segur_certificats._problems.errors import InvalidDocument
from segur_certificats._vocabulary import keys as _keys
from segur_certificats.model import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.rules import feature_applies

__all__ = ["converter", "dumps", "loads"]

_ENTITIES = tuple[EntiteJuridique, ...]
# The readers of the model's value types, as the envelope's fields hold them.
_READERS: Mapping[Any, Callable[[Any], Any]] = {
    str: values.required(values.text),
    str | None: values.text,
    bool: values.flag,
    _dt.date: values.required(values.date),
    _dt.date | None: values.date,
    TypeDemande: values.required(values.code(TypeDemande)),
}


def _hook(read: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    """``read`` as a cattrs structure hook (which is given the type as well)."""

    def hook(value: Any, _: Any) -> Any:
        return read(value)

    hook.__name__ = hook.__qualname__ = read.__name__
    return hook


def _renames(keys: Iterable[_keys.Key]) -> dict[str, Any]:
    """Each key's attribute renamed to its JSON name (cattrs' overrides)."""
    return {key.attribute: override(rename=key.json) for key in keys}


def _code(value: StatutAdminTechnique | UtiliteCertificat | None) -> str | None:
    return None if value is None else value.code


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    _reading(conv)
    _writing(conv)
    return conv


def _reading(conv: cattrs.Converter) -> None:
    for kind, read in _READERS.items():
        conv.register_structure_hook(kind, _hook(read))
    conv.register_structure_hook(EntiteJuridique, structure_entity)
    conv.register_structure_hook_func(lambda kind: kind == _ENTITIES, structure_entities)
    renames: dict[str, Any] = {
        key.attribute: override(rename=key.json) for key in _keys.ENVELOPE_KEYS
    }
    generated = make_dict_structure_fn(
        Demande,
        conv,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
        **renames,
    )
    types = typing.get_type_hints(Demande)
    hooks = {
        field.name: _READERS[types[field.name]]
        for field in attrs.fields(Demande)
        if field.name != _keys.ENTITES_JURIDIQUES.attribute
    }
    conv.register_structure_hook(Demande, demande_hook(generated, hooks))


def _writing(conv: cattrs.Converter) -> None:
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    conv.register_unstructure_hook(_dt.date | None, lambda d: None if d is None else d.isoformat())
    conv.register_unstructure_hook(str | None, lambda text: text)
    conv.register_unstructure_hook(bool | None, lambda answer: answer)
    conv.register_unstructure_hook(StatutAdminTechnique | None, _code)
    conv.register_unstructure_hook(UtiliteCertificat | None, _code)
    renames: dict[str, Any] = {
        key.attribute: override(rename=key.json) for key in _keys.ENVELOPE_KEYS
    }
    renames[_keys.ENTITES_JURIDIQUES.attribute] = override(omit=True)  # written by `demande` below
    envelope = make_dict_unstructure_fn(Demande, conv, **renames)
    # certificatServeur has the shape of the row's last five fields.
    fields: dict[str, Any] = {
        key.attribute: override(rename=key.json) for key in _keys.CERTIFICAT_KEYS
    }
    for key in (
        _keys.CONTRACTUALISATION_OG,
        _keys.STATUT_ADMIN_TECHNIQUE,
        _keys.CONTRACTUALISATION_EDITEUR,
    ):
        fields[key.attribute] = override(omit=True)  # in the entity's own object
    certificat = make_dict_unstructure_fn(AdministrateurTechnique, conv, **fields)
    finess, flag, og, statut, editeur, cert = (
        _keys.FINESS_JURIDIQUE.json,
        _keys.DEMANDE_CERTIFICAT_SERVEUR.json,
        _keys.CONTRACTUALISATION_OG.json,
        _keys.STATUT_ADMIN_TECHNIQUE.json,
        _keys.CONTRACTUALISATION_EDITEUR.json,
        _keys.CERTIFICAT_SERVEUR.json,
    )
    no_order = {flag: False, og: None, statut: None, editeur: None, cert: None}

    def entity(entite: EntiteJuridique, explicit: bool = True) -> dict[str, Any]:
        """The entity's object, keys in the format's order; the block keys left out
        when nothing needs them (docs: format.md#block-optional), the null form
        written when it orders nothing (docs: format.md#no-order)."""
        admin = entite.administrateur
        if admin is None:
            if not explicit:
                return {finess: entite.finess_juridique}
            return {finess: entite.finess_juridique, **no_order}
        return {
            finess: entite.finess_juridique,
            flag: True,
            og: admin.contractualisation_og,
            statut: _code(admin.statut),
            editeur: admin.contractualisation_editeur,
            cert: certificat(admin),
        }

    def demande(value: Demande) -> dict[str, Any]:
        document: dict[str, Any] = envelope(value)
        explicit = feature_applies(value)
        document[_keys.ENTITES_JURIDIQUES.json] = [
            entity(entite, explicit) for entite in value.entites_juridiques
        ]
        return document

    conv.register_unstructure_hook(Demande, demande)
    conv.register_unstructure_hook(EntiteJuridique, entity)


converter: cattrs.Converter = _make_converter()
"""The converter, configured once: ``converter.unstructure(demande)`` (or an entity)
gives the exact JSON values of the format, ``converter.structure(value, Demande)``
(or ``EntiteJuridique``) reads them (docs: format.md#envelope)."""


def loads(source: str | bytes | Mapping[str, Any]) -> Demande:
    """Read a request document (docs: format.md#envelope) from JSON text, UTF-8
    bytes or an already-parsed JSON object.

    Raises `InvalidDocument` listing every structure problem, each located by
    line and column in a text: JSON syntax, duplicate keys, types, codes,
    unknown keys, missing keys. Business rules are not applied here (see
    `segur_certificats.validate`): a draft with a missing name loads.
    """
    # Text is parsed here: the document is this call's own, let go of as it is read.
    reading = Reading(release=isinstance(source, (str, bytes)))
    parsed = parse_document(source, reading)
    demande = None
    if parsed is not None:
        with reading.open():
            demande = converter.structure(parsed.value, Demande)
    errors = [problem for problem in reading.problems if problem.is_error]
    if errors or demande is None:
        entities = [here for here, _ in reading.entities]
        text = parsed.text if parsed is not None else None
        raise InvalidDocument(locate(ordered(errors, entities), text))
    return demande


def dumps(demande: Demande, *, indent: int | None = 2) -> str:
    """Write a request as JSON text, keys in the order of the format (docs:
    format.md#envelope), non-ASCII kept as is."""
    return json.dumps(converter.unstructure(demande), ensure_ascii=False, indent=indent)
