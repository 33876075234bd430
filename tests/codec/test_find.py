"""`find_entities` finds every object holding ``finessJuridique``, wherever it stands
(docs: embedded.md), whatever kind of mapping holds it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from segur_certificats._codec.find import find_entities
from segur_certificats._problems.pointer import pointer
from segur_certificats._vocabulary.keys import BLOCK_KEYS, FINESS_JURIDIQUE

_FINESS = FINESS_JURIDIQUE.json
_KEYS = st.sampled_from([_FINESS, *sorted(BLOCK_KEYS), "a", "b~/", "0", ""])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=30,
)


def _reference(value: Any, here: str = "") -> list[str]:
    """The definition, read literally: recursion in document order."""
    found = []
    if isinstance(value, Mapping):
        if _FINESS in value:
            found.append(here)
        for key, child in value.items():
            if key not in BLOCK_KEYS:
                found += _reference(child, here + pointer(key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _reference(child, f"{here}/{index}")
    return found


def _proxied(value: Any) -> Any:
    """The same value with every object a read-only mapping that is not a dict."""
    if isinstance(value, dict):
        return MappingProxyType({key: _proxied(child) for key, child in value.items()})
    if isinstance(value, list):
        return [_proxied(child) for child in value]
    return value


@given(_JSON)
def test_every_entity_in_document_order_whatever_the_mapping(value: Any) -> None:
    expected = _reference(value)
    assert [path for path, _ in find_entities(value)] == expected
    assert [path for path, _ in find_entities(_proxied(value))] == expected
