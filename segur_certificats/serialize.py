"""Reading and writing the exact JSON of the format (docs: format.md) with one cattrs converter.

`converter` is configured once: JSON names through rename overrides
(``contracutualisationOG`` and ``StatutAdminTechnique`` spelt as specified),
unknown keys forbidden, detailed validation on, and strict hooks for the
primitive types, so that ``"TRUE"``, ``1`` or ``12`` are type errors rather
than silently coerced values (docs: format.md#types-and-codes).

Reading checks the *structure* only: JSON types, codes, dates, keys, and the
null form of an entity that orders no certificate (docs: format.md#no-order). A draft with a
missing name loads; `segur_certificats.validate()` applies the business
rules. When reading fails, `InvalidDocument`
carries every problem found, each located by a JSON Pointer made of the JSON
key names.

```pycon
>>> demande = loads('''{"typeDemande": "AVANCE", "couloir": "MS1",
...     "dateDepot": "2023-10-02", "entitesJuridiques": [{"finessJuridique": "330058066"}]}''')
>>> demande.entites_juridiques[0].administrateur is None
True
>>> print(dumps(demande))  # doctest: +ELLIPSIS
{
  "numeroDemande": null,
  ...
      "finessJuridique": "330058066",
      "demandeCertificatServeur": false,
      "contracutualisationOG": null,
      ...
>>> loads('{"typeDemande": "AVANCE", "couloir": 2, "dateDepot": "2023-10-02"}')
... # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
segur_certificats.errors.InvalidDocument: 2 problème(s):
  /couloir: [type] couloir : la valeur 2 n'a pas le bon type (texte attendu).
  /entitesJuridiques: [required] entitesJuridiques est obligatoire : ...

```
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from enum import Enum
from typing import Any, TypeVar, get_args

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from segur_certificats import _jsontext, finess, names, normalise
from segur_certificats.errors import InvalidDocument
from segur_certificats.isodate import parse_iso_date
from segur_certificats.model import (
    AdministrateurTechnique,
    Demande,
    EntiteJuridique,
    StatutAdminTechnique,
    TypeDemande,
    UtiliteCertificat,
)
from segur_certificats.problems import Problem, Severity, pointer, show_value
from segur_certificats.rules import feature_applies

__all__ = [
    "converter",
    "dumps",
    "from_json_value",
    "loads",
    "parse_iso_date",
    "to_json_value",
    "unknown_key",
]

_T = TypeVar("_T")

# -- The JSON as it is written: one class per JSON object, fields in key order --


@attrs.frozen(kw_only=True)
class _CertificatJson:
    """``certificatServeur`` (docs: format.md#block), field for key."""

    numero_carte_cpx: str | None = None
    nom: str | None = None
    telephone: str | None = None
    email: str | None = None
    utilite: UtiliteCertificat | None = None


@attrs.frozen(kw_only=True)
class _EntiteJson:
    """A legal-entity object: ``finessJuridique`` then the block (docs: format.md#block)."""

    finess_juridique: str | None = None
    demande_certificat_serveur: bool | None = None
    contractualisation_og: bool | None = None
    statut: StatutAdminTechnique | None = None
    contractualisation_editeur: bool | None = None
    certificat: _CertificatJson | None = None


#: Python attribute → JSON key, per class, in the order the keys are written.
_JSON_NAMES: dict[type, dict[str, str]] = {
    Demande: names.ENVELOPPE,
    _EntiteJson: names.ENTITE,
    _CertificatJson: names.CERTIFICAT,
}

# -- Strict hooks for the leaves -----------------------------------------------


class _Invalid(Exception):
    """A hook's verdict on the value at hand; the walker adds where it is."""

    __notes__: list[str]

    def __init__(self, code: str, variant: str | None = None, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.variant = variant
        self.params = params


def _required_if_null(value: object) -> None:
    if value is None:
        raise _Invalid("required")


def _wrong_type(value: object, expected: str, expected_en: str) -> _Invalid:
    return _Invalid("type", value=show_value(value), expected=expected, expected_en=expected_en)


def _structure_str(value: object, _: type) -> str:
    _required_if_null(value)
    if not isinstance(value, str):
        raise _wrong_type(value, "texte", "string")
    return value


def _structure_required_str(value: object, cls: type) -> str:
    # A required text (couloir) that is blank is missing, as null would be.
    text = _structure_str(value, cls)
    _required_if_blank(text)
    return text


def _required_if_blank(value: object) -> None:
    if normalise.is_blank(value):
        raise _Invalid("required")


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("type", "boolean", value=show_value(value))
    return value


def _structure_date(value: object, _: type) -> _dt.date:
    _required_if_null(value)
    _required_if_blank(value)
    if not isinstance(value, str):
        raise _wrong_type(value, "date AAAA-MM-JJ en texte", "YYYY-MM-DD date string")
    try:
        return parse_iso_date(value)
    except ValueError:
        raise _Invalid("date.format", value=show_value(value)) from None


#: Values longer than this are not compared with the codes and keys for a
#: suggestion: no code or key is that long, and the work stays bounded.
_SUGGESTED_CHARS = 64


def _code_key(text: str) -> tuple[str, ...]:
    # "dmp, ins" and "INS,DMP" both name DMP,INS: compare the sorted parts.
    return tuple(sorted(part.strip().upper() for part in text.split(",")))


def _structure_enum(value: object, cls: type[Enum]) -> Enum:
    _required_if_null(value)
    _required_if_blank(value)
    if not isinstance(value, str):
        raise _wrong_type(value, "code en texte", "code string")
    try:
        return cls(value)
    except ValueError:
        pass
    params = {
        "value": show_value(value),
        "allowed": ", ".join(show_value(member.value) for member in cls),
    }
    if len(value) > _SUGGESTED_CHARS:
        raise _Invalid("enum", **params)
    for member in cls:
        # A code written another way ("INS,DMP") or the screen's label ("Editeur").
        if (
            _code_key(str(member.value)) == _code_key(value)
            or getattr(member, "label", None) == value
        ):
            raise _Invalid("enum", "suggest", suggestion=show_value(member.value), **params)
    raise _Invalid("enum", **params)


def _optional(structure: Callable[[Any, Any], _T]) -> Callable[[Any, Any], _T | None]:
    def hook(value: Any, cls: Any) -> _T | None:
        return None if value is None else structure(value, cls)

    return hook


def _blank_is_null(structure: Callable[[Any, Any], _T]) -> Callable[[Any, Any], _T | None]:
    """An optional code or date: blank is the form's empty choice, the same as null."""

    def hook(value: Any, cls: Any) -> _T | None:
        if value is None or normalise.is_blank(value):
            return None
        inner = next(arg for arg in get_args(cls) if arg is not type(None))
        return structure(value, inner)

    return hook


def _object_only(structure: Callable[[Any, Any], _T]) -> Callable[[Any, Any], _T]:
    def hook(value: Any, cls: Any) -> _T:
        _required_if_null(value)
        if not isinstance(value, Mapping):
            raise _wrong_type(value, "objet", "object")
        return structure(value, cls)

    return hook


# -- The converter -------------------------------------------------------------


def _renames(cls: type, **extra: Any) -> dict[str, Any]:
    overrides: dict[str, Any] = {
        name: override(rename=key) for name, key in _JSON_NAMES[cls].items()
    }
    overrides.update(
        {name: override(rename=_JSON_NAMES[cls][name], **kw) for name, kw in extra.items()}
    )
    return overrides


def _is_optional(inner: type) -> Callable[[Any], bool]:
    return lambda cls: bool(cls == (inner | None))


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_required_str)
    conv.register_structure_hook_func(_is_optional(str), _optional(_structure_str))
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    conv.register_structure_hook_func(_is_optional(_dt.date), _blank_is_null(_structure_date))
    for enum_cls in (TypeDemande, StatutAdminTechnique, UtiliteCertificat):
        conv.register_structure_hook(enum_cls, _structure_enum)
        conv.register_structure_hook_func(_is_optional(enum_cls), _blank_is_null(_structure_enum))
    for wire in (_CertificatJson, _EntiteJson):  # inner first: hooks are resolved eagerly
        conv.register_structure_hook(
            wire, _object_only(make_dict_structure_fn(wire, conv, **_renames(wire)))
        )
        conv.register_unstructure_hook(wire, make_dict_unstructure_fn(wire, conv, **_renames(wire)))

    entities = tuple[EntiteJuridique, ...]
    structure_tuple = conv.get_structure_hook(entities)

    def structure_entities(value: Any, cls: Any) -> tuple[EntiteJuridique, ...]:
        _required_if_null(value)
        if not isinstance(value, list):
            raise _wrong_type(value, "tableau", "array")
        return structure_tuple(value, cls)  # type: ignore[no-any-return]

    conv.register_structure_hook_func(lambda cls: cls == entities, structure_entities)
    conv.register_structure_hook(
        EntiteJuridique,
        lambda value, _: _entite_from_wire(
            conv.structure(value, _EntiteJson),
            flag_given="demandeCertificatServeur" in value,
        ),
    )
    conv.register_structure_hook(
        Demande, _object_only(make_dict_structure_fn(Demande, conv, **_renames(Demande)))
    )
    unstructure_envelope = make_dict_unstructure_fn(
        Demande, conv, **_renames(Demande, entites_juridiques={"omit": True})
    )

    def unstructure_demande(demande: Demande) -> dict[str, Any]:
        document: dict[str, Any] = unstructure_envelope(demande)
        explicit = feature_applies(demande)
        document["entitesJuridiques"] = [
            _entite_to_json(conv, entite, explicit) for entite in demande.entites_juridiques
        ]
        return document

    conv.register_unstructure_hook(Demande, unstructure_demande)
    conv.register_unstructure_hook(
        EntiteJuridique, lambda entite: _entite_to_json(conv, entite, explicit=True)
    )
    return conv


def _certificat_of(admin: AdministrateurTechnique) -> _CertificatJson:
    return _CertificatJson(
        **{f.name: getattr(admin, f.name) for f in attrs.fields(_CertificatJson)}
    )


def _entite_to_json(conv: cattrs.Converter, entite: EntiteJuridique, explicit: bool) -> Any:
    """The entity's JSON; the block keys are left out when nothing needs them (docs:
    format.md#block-optional)."""
    admin = entite.administrateur
    if admin is None:
        if not explicit:
            return {"finessJuridique": entite.finess_juridique}
        wire = _EntiteJson(
            finess_juridique=entite.finess_juridique, demande_certificat_serveur=False
        )
    else:
        wire = _EntiteJson(
            finess_juridique=entite.finess_juridique,
            demande_certificat_serveur=True,
            contractualisation_og=admin.contractualisation_og,
            statut=admin.statut,
            contractualisation_editeur=admin.contractualisation_editeur,
            certificat=_certificat_of(admin),
        )
    return conv.unstructure(wire)


def _located(name: str, error: _Invalid) -> _Invalid:
    """``error`` marked as standing at attribute ``name`` of `_EntiteJson`, as cattrs does."""
    error.__notes__ = [AttributeValidationNote(f"@ attribute {name}", name, object)]
    return error


def _entite_from_wire(wire: _EntiteJson, *, flag_given: bool) -> EntiteJuridique:
    """The model of one entity: the null form (docs: format.md#no-order) is checked here (the model
    cannot hold answers without an order), as is the compact FINESS form (docs:
    format.md#finess-juridique).

    A missing ``demandeCertificatServeur`` with no other block value means "no
    order" (docs: format.md#block-optional); an explicit ``null`` is not a boolean.
    """
    errors: list[_Invalid] = []
    number = wire.finess_juridique
    if number is not None and finess.compact(number) != number:
        errors.append(
            _located(
                "finess_juridique",
                _Invalid(
                    "finess.format",
                    "compact",
                    value=show_value(number),
                    compact=show_value(finess.compact(number)),
                ),
            )
        )
    block = {
        "contractualisation_og": wire.contractualisation_og,
        "statut": wire.statut,
        "contractualisation_editeur": wire.contractualisation_editeur,
        "certificat": wire.certificat,
    }
    if wire.demande_certificat_serveur is None and flag_given:
        errors.append(
            _located("demande_certificat_serveur", _Invalid("type", "boolean", value="null"))
        )
    elif wire.demande_certificat_serveur is None and any(v is not None for v in block.values()):
        errors.append(_located("demande_certificat_serveur", _Invalid("required", "block")))
    elif not wire.demande_certificat_serveur:
        errors.extend(
            _located(name, _Invalid("must-be-null", value=show_value(_json_of(value))))
            for name, value in block.items()
            if value is not None
        )
    if errors:
        raise ClassValidationError("While structuring EntiteJuridique", errors, _EntiteJson)
    admin = None
    if wire.demande_certificat_serveur:
        certificat = wire.certificat or _CertificatJson()
        admin = AdministrateurTechnique(
            contractualisation_og=wire.contractualisation_og,
            statut=wire.statut,
            contractualisation_editeur=wire.contractualisation_editeur,
            **attrs.asdict(certificat, recurse=False),
        )
    return EntiteJuridique(finess_juridique=number, administrateur=admin)


#: The converter, configured once. ``converter.structure(obj, Demande)`` and
#: ``converter.unstructure(demande)`` speak the exact JSON values of the format (docs:
#: format.md#envelope).
converter: cattrs.Converter = _make_converter()


def _json_of(value: object) -> object:
    return converter.unstructure(value)


# -- From cattrs' exceptions to located problems --------------------------------


def _note(exc: BaseException, kind: type[_T]) -> _T | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, kind):
            return note
    return None


def _field_of(path: tuple[str | int, ...]) -> str:
    """How a message names the value at ``path``: its key, with the indexes below it."""
    field = "document"
    for part in path:
        field = part if isinstance(part, str) else f"{field}[{part}]"
    return field


def _child(raw: Any, key: str | int) -> Any:
    if isinstance(raw, Mapping):
        return raw.get(key)
    if isinstance(raw, list) and isinstance(key, int) and 0 <= key < len(raw):
        return raw[key]
    return None


def _step(group: BaseException, sub: BaseException) -> str | int | None:
    """Where ``sub`` stands inside ``group``: a JSON key, a list index, or here (None)."""
    if isinstance(group, ClassValidationError):
        attribute = _note(sub, AttributeValidationNote)
        if attribute is not None:
            return _JSON_NAMES.get(group.cl, {}).get(attribute.name, attribute.name)
    item = _note(sub, IterableValidationNote)
    return None if item is None else item.index


def unknown_key(
    path: str,
    key: str,
    known: Sequence[str],
    *,
    elsewhere: Collection[str] = names.OWNERS.keys(),
    cutoff: float = 0.75,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """An ``unknown-key`` problem: it names the object where ``key`` belongs when it
    is a key of another object of the format (one of ``elsewhere``), or else the
    close known key if there is one."""
    params = {"key": show_value(key)}
    if key in elsewhere and key not in known:
        owner, owner_en = names.OWNERS[key]
        params.update(owner=owner, owner_en=owner_en)
        return Problem(path, "unknown-key", severity, params=params, variant="elsewhere")
    close = _close_key(key, tuple(known), cutoff) if len(key) <= _SUGGESTED_CHARS else None
    if close is not None:
        params["suggestion"] = show_value(close)
    variant = "suggest" if close is not None else None
    return Problem(path, "unknown-key", severity, params=params, variant=variant)


@functools.lru_cache(maxsize=1024)
def _close_key(key: str, known: tuple[str, ...], cutoff: float) -> str | None:
    """The known key ``key`` looks like, if any: the same keys come back in every
    entity of an editor's document, so the answer is kept (a bounded cache)."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def _unknown_keys(
    exc: ForbiddenExtraKeysError, raw: Any, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    known = list(_JSON_NAMES.get(exc.cl, {}).values())
    in_order = [key for key in raw if key in exc.extra_fields] if isinstance(raw, Mapping) else []
    for key in in_order or sorted(exc.extra_fields):
        yield unknown_key(pointer(*path, key), key, known)


def problems_of(
    exc: BaseException, raw: Any, path: tuple[str | int, ...] = ()
) -> Iterator[Problem]:
    """The located problems behind a structuring exception of `converter`.

    ``raw`` is the JSON value that was being structured, used to name unknown
    keys in document order and to point at list items.
    """
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            step = _step(exc, sub)
            if step is None:
                yield from problems_of(sub, raw, path)
            else:
                yield from problems_of(sub, _child(raw, step), (*path, step))
    elif isinstance(exc, ForbiddenExtraKeysError):
        yield from _unknown_keys(exc, raw, path)
    elif isinstance(exc, KeyError):
        yield Problem(pointer(*path), "required", params={"field": _field_of(path)})
    elif isinstance(exc, _Invalid):
        params = {"field": _field_of(path), **exc.params}
        yield Problem(pointer(*path), exc.code, params=params, variant=exc.variant)
    else:  # an attrs validator or anything else: still a located type problem
        params = {"field": _field_of(path), "value": show_value(raw), "expected": str(exc)}
        yield Problem(pointer(*path), "type", params=params)


# -- Public functions ------------------------------------------------------------


def from_json_value(value: Any) -> Demande:
    """The request held by an already-parsed JSON value (``dict`` from ``json.load``).

    Raises `InvalidDocument` with every
    structural problem found.
    """
    if not isinstance(value, Mapping):
        raise InvalidDocument(list(problems_of(_wrong_type(value, "objet", "object"), value)))
    try:
        return converter.structure(value, Demande)
    except Exception as exc:
        raise InvalidDocument(list(problems_of(exc, value))) from None


def to_json_value(demande: Demande) -> dict[str, Any]:
    """The request as plain JSON values (``dict``/``list``/``str``/``bool``/``None``)."""
    value: dict[str, Any] = converter.unstructure(demande)
    return value


def loads(text: str | bytes) -> Demande:
    """Read a request document (docs: format.md#envelope) from JSON text.

    Raises `InvalidDocument` listing every
    problem: JSON syntax, duplicate keys, types, codes, unknown keys, missing
    keys. Business rules are not applied here (see `segur_certificats.validate()`).
    """
    parsed = _jsontext.parse(text)
    if not parsed.ok:
        raise InvalidDocument(parsed.problems)
    try:
        demande = from_json_value(parsed.value)
    except InvalidDocument as exc:
        raise InvalidDocument([*parsed.problems, *exc.problems]) from None
    if parsed.problems:
        raise InvalidDocument(parsed.problems)
    return demande


def dumps(demande: Demande, *, indent: int | None = 2) -> str:
    """Write a request as JSON text, keys in the order of the format (docs: format.md#envelope),
    non-ASCII kept as is."""
    return json.dumps(to_json_value(demande), ensure_ascii=False, indent=indent)
