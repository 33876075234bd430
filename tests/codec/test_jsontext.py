"""Reading JSON text: every decoder error located and described, limits bounded
before decoding (docs: problems.md#reading-json)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats._codec import jsontext as _jsontext
from segur_certificats._codec.jsontext import MAX_DEPTH, parse, too_deep
from segur_certificats._problems.problem import Position

from ..conftest import EXAMPLES, ROOT

GOLDEN = (ROOT / "examples" / "ms2-editeur-carte-obligatoire.json").read_text(encoding="utf-8")
EDITOR = (ROOT / "examples" / "embedded" / "dossier-editeur.json").read_text(encoding="utf-8")
HUGE = "9" * 5000  # past Python's 4,300-digit integer-string limit

# What CPython's decoder says; none of it may reach a French message.
_DECODER_WORDS = ("Expecting", "Unterminated", "Invalid \\", "Invalid control", "Extra data", "BOM")


def codes(report):
    return [(p.path, p.code) for p in report.problems]


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("envelope", GOLDEN.replace('"MS2"', HUGE)),
        ("entity", GOLDEN.replace('"330058066"', "-" + HUGE)),
        ("unknown key", GOLDEN.replace('"couloir"', f'"x": {HUGE}, "couloir"')),
        ("exponent", GOLDEN.replace('"MS2"', "1e400")),
        ("long float", GOLDEN.replace('"MS2"', "0." + HUGE)),
    ],
)
def test_huge_numbers_anywhere_are_values_not_crashes(where, text):
    report = sc.validate(text)
    assert report.problems, where
    assert all(p.code in {"type", "unknown-key"} for p in report.problems), codes(report)
    assert all(len(p.message()) < 400 for p in report.problems)
    with pytest.raises(sc.InvalidDocument):
        sc.loads(text)


def test_a_huge_number_in_the_editors_own_field_is_read_and_kept():
    text = EDITOR.replace("1500.00", HUGE)
    assert sc.validate_embedded(text).ok
    block = sc.validate_embedded(text).blocks[0]
    assert block.entite is not None
    changed = sc.replace_blocks(text, {block.path: block.entite.evolve(administrateur=None)})
    assert HUGE in changed


def test_huge_integers_given_in_a_mapping_are_shown_by_magnitude():
    doc = json.loads(GOLDEN)
    doc["couloir"] = 10**5000
    (problem,) = sc.validate(doc).problems
    assert (problem.path, problem.code) == ("/couloir", "type")
    assert "~10^5000" in problem.message()


@pytest.mark.parametrize("check", [sc.validate, sc.validate_embedded])
def test_non_text_keys_in_a_mapping_are_located_type_problems(check):
    doc = json.loads(GOLDEN)
    doc["entitesJuridiques"][0][1] = "x"
    doc[(2, 3)] = None
    report = check(doc)
    found = {(p.path, p.code, p.variant) for p in report.problems}
    assert ("/entitesJuridiques/0/1", "type", "key") in found
    assert ("/[2, 3]", "type", "key") in found
    assert all(p.code == "type" for p in report.problems)


def test_nesting_is_bounded_before_decoding_whatever_the_recursion_limit():
    # A host program that raised the limit used to crash the interpreter here.
    script = textwrap.dedent(
        """
        import sys
        sys.setrecursionlimit(1_000_000)
        import segur_certificats as sc
        for text in ("[" * 600_000, "[" * 300_000 + "]" * 300_000, '{"a":' * 200_000):
            (p,) = sc.validate(text).problems
            assert (p.code, p.variant) == ("json.syntax", "depth"), p
            (p,) = sc.validate_embedded(text).problems
            assert p.variant == "depth"
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"a": "[" * 1000, "b": ["{" * 500, '\\"[[[' * 100]})
    assert not too_deep(text)
    assert parse(text).ok
    assert too_deep("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert not too_deep("[" * MAX_DEPTH + "]" * MAX_DEPTH)


@given(st.integers(1, 3 * MAX_DEPTH), st.sampled_from(["[", '{"k":']))
def test_depth_bound_agrees_with_the_actual_nesting(depth, opener):
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "0" + closer * depth
    parsed = parse(text)
    assert parsed.ok is (depth <= MAX_DEPTH)


@pytest.mark.parametrize(
    ("text", "variant", "column"),
    [
        ('{"a": 1,}', "comma", 8),
        ("[1,]", "comma", 3),
        ('{"a": "x', "string", 7),
        ('{"a": "\\u12G4"}', "escape", 8),
        ('{"a": "\\q"}', "escape", 8),
        ('{"a": "b\nc"}', "control", 9),
        ('{"a":1} x', "extra", 9),
        ('{"a":1', "end", 7),
        ("", "end", 1),
        ('{"a": tru}', None, 7),
        ("{'a': 1}", None, 2),
        ('{"a": 1}\ufeff', "extra", 9),
    ],
)
def test_syntax_errors_are_described_from_their_position_and_kind(text, variant, column):
    (problem,) = sc.validate(text).problems
    assert (problem.code, problem.variant) == ("json.syntax", variant)
    assert isinstance(problem.location, Position)
    assert problem.location.column == column
    for lang in ("fr", "en"):
        assert not any(word in problem.message(lang) for word in _DECODER_WORDS)


@given(st.sampled_from(EXAMPLES), st.data())
def test_no_syntax_message_quotes_the_decoder(path, data):
    text = path.read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(st.sampled_from('{}[],:"\\\x00\ufeff tfn0-'), max_size=3))
    report = sc.validate(text[:cut] + junk + text[cut + 1 :])
    for problem in report.problems:
        if problem.code == "json.syntax":
            assert not any(word in problem.message() for word in _DECODER_WORDS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_text_starting_with_a_bom_reads_like_bytes_that_do(path):
    text = path.read_text(encoding="utf-8")
    assert sc.validate("\ufeff" + text) == sc.validate(("\ufeff" + text).encode("utf-8"))
    assert sc.validate("\ufeff" + text) == sc.validate(text)
    assert sc.loads("\ufeff" + text) == sc.loads(text)


def test_many_duplicate_keys_are_each_reported_once():
    pairs = ", ".join(f'"k{i}": {j}' for i in range(2000) for j in range(2))
    parsed = parse("{" + pairs + "}")
    assert [p.path for p in parsed.problems] == [f"/k{i}" for i in range(2000)]


def test_documents_without_duplicates_are_not_walked_again():
    # The duplicate check happens inside the decode: a clean document has no problems
    # even when it could not be walked cheaply (a very long array of objects).
    text = "[" + ",".join('{"a": 1}' for _ in range(50_000)) + "]"
    assert parse(text).problems == ()


# Where each fault is, and what it is called, on every Python (CI runs this on 3.10
# to 3.13, whose decoders stop at different places for some faults).
_FAULTS = [
    ('{"a" "b"}', None, (1, 6)),
    ('{"a": 1 "b": 2}', None, (1, 9)),
    ("[1 2]", None, (1, 4)),
    ('{"a":}', None, (1, 6)),
    ("{,}", "comma", (1, 2)),
    ('{"a":1}}', "extra", (1, 8)),
    ("[[1]", "end", (1, 5)),
    ('"\\x"', "escape", (1, 2)),
    ('{"a": 01}', None, (1, 8)),
    ('{"a": "\t"}', "control", (1, 8)),
    ("{'a':1}", None, (1, 2)),
    ('{"a" : 1,\n"b": 2,}', "comma", (2, 7)),
    ("\ufeff\ufeff{}", None, (1, 1)),
    ('{"a":[1,2,]}', "comma", (1, 10)),
]


@pytest.mark.parametrize(("text", "variant", "position"), _FAULTS)
def test_a_fault_is_found_at_the_same_place_on_every_python(text, variant, position):
    (problem,) = sc.validate(text).problems
    assert (problem.code, problem.variant, problem.location) == (
        "json.syntax",
        variant,
        Position(*position),
    )


def _nesting(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_nesting, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_nesting, value), default=0)
    return 0


_nested_values = st.recursive(
    st.text(st.sampled_from('[]{}"\\a'), max_size=4) | st.integers(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text('[{\\"', max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(st.text(st.sampled_from('[]{}"\\a'), max_size=80), st.integers(1, 9), st.integers(0, 4))
def test_reading_in_chunks_changes_nothing(text, chunk, limit):
    # Tiny chunks and a tiny bound put escapes, quotes and brackets on every boundary.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_jsontext, "MAX_DEPTH", limit)
        whole = too_deep(text)
        patch.setattr(_jsontext, "_CHUNK", chunk)
        assert too_deep(text) == whole


@given(_nested_values, st.integers(1, 9), st.integers(0, 4))
def test_the_depth_of_valid_json_is_measured_exactly(value, chunk, limit):
    text = json.dumps(value)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_jsontext, "_CHUNK", chunk)
        patch.setattr(_jsontext, "MAX_DEPTH", limit)
        assert too_deep(text) == (_nesting(value) > limit)
