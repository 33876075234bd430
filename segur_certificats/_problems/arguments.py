"""Checking the arguments a caller passes, so that a wrong one is an
`InvalidArgument` naming it, never a bare `TypeError` from inside attrs."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from segur_certificats._problems.errors import InvalidArgument
from segur_certificats._problems.shown import show_value

_T = TypeVar("_T")

# How messages name the types a field takes (fr, en).
_TYPE_NAMES = {
    str: ("texte", "text"),
    bool: ("booléen True ou False", "boolean True or False"),
    _dt.date: ("datetime.date", "datetime.date"),
}


def _expected(kind: object) -> tuple[str, str]:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = [_TYPE_NAMES.get(k, (getattr(k, "__name__", str(k)),) * 2) for k in kinds]
    return " ou ".join(n[0] for n in names), " or ".join(n[1] for n in names)


def wrong_type(argument: str, value: object, kind: object) -> InvalidArgument:
    """The `InvalidArgument` for ``value`` given as ``argument`` where ``kind`` was expected."""
    expected, expected_en = _expected(kind)
    return InvalidArgument(
        "argument.type",
        argument=argument,
        value=show_value(value),
        expected=expected,
        expected_en=expected_en,
    )


def cannot(argument: str, value: object, reason: str, reason_en: str) -> InvalidArgument:
    """The `InvalidArgument` for a ``value`` of the right type that cannot be
    honoured (``argument.value``), saying why in French and English."""
    return InvalidArgument(
        "argument.value",
        argument=argument,
        value=show_value(value),
        reason=reason,
        reason_en=reason_en,
    )


def of_type(argument: str, value: object, kind: type[_T]) -> _T:
    """``value`` when it is a ``kind``, else `InvalidArgument`."""
    if not isinstance(value, kind):
        raise wrong_type(argument, value, kind)
    return value


def instance_of(kind: type | tuple[type, ...]) -> Any:
    """An attrs validator: ``value`` must be a ``kind``, else `InvalidArgument`
    naming the field (attrs' own raises a bare `TypeError`)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise wrong_type(attribute.name, value, kind)

    return check


def evolved(instance: _T, changes: Mapping[str, object]) -> _T:
    """``attrs.evolve(instance, **changes)``; a field that does not exist or a value
    of the wrong type is an `InvalidArgument` naming it."""
    cls: Any = type(instance)
    names = [field.name for field in attrs.fields(cls)]
    for name in changes:
        if name not in names:
            raise InvalidArgument(
                "argument.unknown-field", argument=name, cls=cls.__name__, fields=", ".join(names)
            )
    try:
        return attrs.evolve(instance, **changes)  # type: ignore[misc]
    except InvalidArgument:
        raise
    except TypeError as exc:
        # attrs' instance_of validators raise TypeError(message, attribute, expected, value).
        if len(exc.args) == 4 and isinstance(exc.args[1], attrs.Attribute):
            raise wrong_type(exc.args[1].name, exc.args[3], exc.args[2]) from None
        raise InvalidArgument(
            "argument.type", argument=cls.__name__, value=str(exc), expected="?"
        ) from None
