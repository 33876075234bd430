"""Reading order of the problems (docs: problems.md#every-problem-at-once): the request's
first, then entity by entity, each in the order the format writes its keys; a key
ranks as one only in its own object (unknown keys last)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from segur_certificats._codec import order
from segur_certificats._codec.order import ordered
from segur_certificats._problems.pointer import anchor_of, pointer, split_pointer
from segur_certificats._problems.problem import Problem
from segur_certificats._vocabulary.keys import (
    CERTIFICAT_KEYS,
    ENTITY_KEYS,
    ENVELOPE_KEYS,
    KEY_ORDER,
)

_PARTS = st.sampled_from([*KEY_ORDER, "entitesJuridiques", "0", "1", "12", "x~y", "a/b", ""])
_ENTITIES = ["/entitesJuridiques/0", "/entitesJuridiques/1", "/b/0"]


def _reference(problems: list[Problem], entities: list[str]) -> list[Problem]:
    """The order, as its definition says: by entity, then by the keys' ranks."""
    index = {anchor: i for i, anchor in enumerate(entities)}
    rank = {key: i for i, key in enumerate(KEY_ORDER)}
    unknown = len(rank)
    envelope = {key.json for key in ENVELOPE_KEYS}
    entity_keys = {key.json for key in ENTITY_KEYS}
    certificat = {key.json for key in CERTIFICAT_KEYS}

    def ranks(parts: list[str], in_entity: bool) -> tuple[int, ...]:
        # The object each part stands in: the request's or the entity's own, then
        # certificatServeur inside an entity; anything deeper is no object of the format.
        found = []
        for depth, part in enumerate(parts):
            if depth == 0:
                known = entity_keys if in_entity else envelope
            elif depth == 1 and in_entity and parts[0] == "certificatServeur":
                known = certificat
            else:
                known = set()
            found.append(rank[part] if part in known else unknown)
        return tuple(found)

    def key(problem: Problem) -> tuple[int, tuple[int, ...]]:
        anchor = anchor_of(problem.path, index)
        below = problem.path if anchor is None else problem.path[len(anchor) :]
        entity = -1 if anchor is None else index[anchor]
        return entity, ranks(split_pointer(below), anchor is not None)

    return sorted(problems, key=key)


_PATHS = st.builds(
    lambda prefix, parts: prefix + pointer(*parts),
    st.sampled_from(["", *_ENTITIES]),
    st.lists(_PARTS, max_size=order._PACKED_DEPTH + 3),
)


@given(
    st.lists(_PATHS, max_size=30),
    st.lists(st.sampled_from(_ENTITIES), max_size=3, unique=True),
)
def test_the_packed_order_is_the_order_of_the_definition(paths, entities):
    # Paths deeper than the packed ranks hold fall back to tuples: both orders are
    # the definition's, stable (equal ranks keep their order: the codes tell them apart).
    problems = [Problem(path, f"code{i}") for i, path in enumerate(paths)]
    assert ordered(list(problems), entities) == _reference(problems, entities)


def test_a_problems_parameters_are_a_mapping_in_any_order():
    one = Problem("/a", "x", params={"b": 2, "a": "z"})
    other = Problem("/a", "x", params={"a": "z", "b": "2"})
    assert one == other
    assert one.params == {"a": "z", "b": "2"}
    assert one.params is not one.params  # a new dict each time: the problem never changes
    changed = one.params
    changed["a"] = "w"
    assert one.params["a"] == "z"
    moved = one.moved("/b", None, params={"c": "<b>"})
    assert (moved.path, moved.params, moved.code) == ("/b", {"c": "<b>"}, "x")
    assert one.moved("/c", None).params == one.params


def test_every_key_against_every_key_at_every_depth():
    # Every pair of keys (the format's and an unknown one), and every key alone, at
    # each depth the packed ranks hold: a rank that spilt into its neighbour's digit
    # would show here.
    keys = [*KEY_ORDER, "inconnue"]
    for depth in range(order._PACKED_DEPTH - 1):
        here = ["entitesJuridiques", "0", *["x"] * depth]
        paths = [pointer(*here, a) for a in keys]
        paths += [pointer(*here, a, b) for a in keys for b in keys]
        problems = [Problem(path, "c") for path in reversed(paths)]
        assert ordered(list(problems), _ENTITIES) == _reference(problems, _ENTITIES)
