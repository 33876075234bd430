"""The usual written forms of a phone number are judged from phonenumbers' own
metadata without parsing (`_identifiers.phone_fast`); every verdict, region
and E.164 form is the library's (docs: format.md#telephone).

The grid below runs `phone_fast.judge` itself on every national prefix of four
digits and on the international forms of France and its overseas regions: a
phonenumbers upgrade that changed the algorithm behind a verdict the fast path
gives would fail it; metadata that names leading digits for a region is followed
as phonenumbers follows it. The fast path is a pure function of its text: the
same number takes the same path to the same verdict in a fresh process, after
thousands of other numbers, and in threads that start together; no module-level
value changes as numbers are judged.
"""

from __future__ import annotations

import ast
import collections.abc
import functools
import inspect
import json
import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from phonenumbers.phonemetadata import PhoneMetadata

from segur_certificats import InvalidTelephone, telephone
from segur_certificats._identifiers import phone_fast
from segur_certificats.strategies import telephones

from ..conftest import ROOT


def library(text: str) -> tuple[bool, str | None, str | None]:
    """What phonenumbers itself says: through `telephone.parse`, which parses."""
    try:
        parsed = telephone.parse(text)
    except InvalidTelephone:
        return False, None, None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return True, phonenumbers.region_code_for_number(parsed), e164


def fast(text: str) -> tuple[bool, str | None, str | None]:
    """What the fast path says, called directly."""
    found = phone_fast.judge(text)
    assert found is not None, f"{text!r} is a usual form"
    valid, region, e164 = found
    return (True, region, e164) if valid else (False, None, None)


def _caches(module: ModuleType) -> list[Any]:
    """The module's caches of compiled patterns."""
    return [value for value in vars(module).values() if hasattr(value, "cache_clear")]


def _clear(module: ModuleType) -> None:
    for cache in _caches(module):
        cache.cache_clear()


_SUFFIXES = ("00000", "45678", "99999")
_NATIONAL = [
    f"0{first}{middle:03d}{suffix}"
    for first in range(1, 10)
    for middle in range(1000)
    for suffix in _SUFFIXES
]


def test_every_national_prefix_gets_the_librarys_verdict_region_and_e164():
    disagreements = [text for text in _NATIONAL if fast(text) != library(text)]
    assert not disagreements, disagreements[:20]
    assert len(_NATIONAL) == 27_000
    # The grid holds numbers of every kind of answer.
    verdicts = {fast(text)[1] for text in _NATIONAL}
    assert {None, "FR", "RE", "YT", "GP", "MQ", "GF"} <= verdicts


@pytest.mark.parametrize("code", ["33", "262", "590", "594", "596"])
def test_the_international_forms_get_the_librarys_verdict(code):
    numbers = [text[1:] for text in _NATIONAL[:: len(_SUFFIXES)]]  # one suffix, every prefix
    for national in numbers:
        for written in (
            f"+{code}{national}",
            f"00{code} {national}",
            f"+{code} {national[0]} {national[1:]}",
        ):
            assert fast(written) == library(written), written


_SEPARATED = st.tuples(
    st.sampled_from(["", "+33", "0033", "+262", "+590", "+594", "+596"]),
    st.text("0123456789", min_size=9, max_size=9).filter(lambda d: d[0] != "0"),
    st.sampled_from([" ", ".", "-", "/", ""]),
)


@given(_SEPARATED)
def test_every_separator_and_grouping_gets_the_librarys_verdict(parts):
    prefix, national, separator = parts
    body = separator.join(national[i : i + 2] for i in range(1, 9, 2))
    text = (
        f"{prefix} {national[0]}{separator}{body}" if prefix else f"0{national[0]}{separator}{body}"
    )
    assert telephone.fault(text) is None
    assert fast(text) == library(text)


@given(telephones())
def test_the_drawn_numbers_of_every_region_agree(text):
    if phone_fast.judge(text) is not None:
        assert fast(text) == library(text)
    assert telephone.verdict(text) == (True, None)


@pytest.mark.parametrize(
    "text",
    [
        "0123",
        "+32 2 555 12 12",
        "(0)6 03 33 41 74",
        "+33 (0)6 03 33 41 74",
        "00 603334174",
        "06 ０3 33 41 74",  # a full-width digit: no usual form, whatever calls the fast path
        "06 03 33 41 7٤",
    ],
)
def test_other_forms_are_left_to_phonenumbers(text):
    assert phone_fast.judge(text) is None
    assert telephone.is_valid(text) == library(text)[0]


def test_the_fast_path_takes_the_usual_forms():
    for text in ("06 03 33 41 74", "0692123456", "+33 6 03 33 41 74", "0033603334174"):
        assert phone_fast.judge(text) is not None


def test_the_public_verbs_give_the_fast_paths_answer():
    for text in ("06 03 33 41 74", "0269 61 12 34", "+590 690 12 34 56", "0596 63 12 34"):
        judged = phone_fast.judge(text)
        assert judged is not None
        valid, region, e164 = judged
        assert valid
        assert telephone.verdict(text) == (True, None)
        assert telephone.to_e164(text) == e164
        assert telephone.region(text) == region


def _metadata(region: str) -> PhoneMetadata:
    metadata = PhoneMetadata.metadata_for_region(region)
    assert metadata is not None
    return metadata


@pytest.fixture
def leading_digits():
    """Metadata that names leading digits for Mayotte and Saint-Barthélemy, which
    share their country codes with other regions (phonenumbers' metadata may name
    them for such a region; the installed one names none here)."""
    named = {"YT": "269|639", "BL": "5900"}
    saved: dict[str, str | None] = {}
    for region, leading in named.items():
        saved[region] = _metadata(region).leading_digits
        object.__setattr__(_metadata(region), "leading_digits", leading)  # it is frozen
    _clear(phone_fast)
    try:
        yield
    finally:
        for region, previous in saved.items():
            object.__setattr__(_metadata(region), "leading_digits", previous)
        _clear(phone_fast)


def test_leading_digits_choose_the_region_as_phonenumbers_does(leading_digits):
    # 0590 00 7… is Saint-Martin's without leading digits; once Saint-Barthélemy's
    # are 5900, phonenumbers gives +590 to Saint-Barthélemy, where it has no type,
    # and tries no other region of +590.
    assert library("0590 00 70 00") == (False, None, None)
    assert fast("0590 00 70 00") == (False, None, None)
    numbers = [text for text in _NATIONAL if text[1] in "2569"]
    disagreements = [text for text in numbers if fast(text) != library(text)]
    assert not disagreements, disagreements[:20]
    for national in (text[1:] for text in numbers[:: len(_SUFFIXES)]):
        for written in (f"+262 {national}", f"+590 {national}"):
            assert fast(written) == library(written), written


def test_without_leading_digits_0590_00_7_is_saint_martin():
    assert fast("0590 00 70 00") == library("0590 00 70 00") == (True, "MF", "+590590007000")


# -- Purity: the same number, the same path, whatever came before and in any thread ------

# Usual forms first, and more than a few (a path chosen by how many numbers came
# before would show on them), then the other forms, then more than the number.
SAMPLE = (
    "06 03 33 41 74",
    "0692123456",
    "0269 61 12 34",
    "0596 63 12 34",
    "0594 30 12 34",
    "0590 27 12 34",
    "0976 01 23 45",
    "0892 68 01 23",
    "0999 99 99 99",
    "07 00 00 00 00",
    "+33 6 03 33 41 74",
    "0033603334174",
    "+262 692 12 34 56",
    "+590 690 12 34 56",
    "+596 123 45 67 89",
    "+594 694 20 12 34",
    *_NATIONAL[::500],
    "0123",
    "112",
    "+32 2 555 12 12",
    "(0)6 03 33 41 74",
    "+33 (0)6 03 33 41 74",
    "00 603334174",
    "+508 41 12 34",
    "tel:+33603334174",
    "06 03 33 41 74 poste 12",
    "06 O3 33 41 74",
)
# Numbers judged between two readings of the sample: usual forms and others.
OTHERS = tuple(
    text for national in _NATIONAL[1::9] for text in (f"+33 {national[1:]}", f"+32 {national[1:]}")
)

_spied = threading.local()


@contextmanager
def _spying() -> Iterator[None]:
    """Note, in the calling thread, each time phonenumbers parses a number."""
    parse = phonenumbers.parse

    @functools.wraps(parse)
    def spy(*args: Any, **kwargs: Any) -> phonenumbers.PhoneNumber:
        _spied.parsed = True
        return parse(*args, **kwargs)

    phonenumbers.parse = spy
    try:
        yield
    finally:
        phonenumbers.parse = parse


def _path(text: str) -> tuple[bool, str | None, bool]:
    """`telephone.verdict`'s answer, and whether phonenumbers parsed the number."""
    _spied.parsed = False
    valid, fault = telephone.verdict(text)
    return valid, fault, _spied.parsed


def expected(text: str) -> tuple[bool, str | None, bool]:
    """The path a number must take: parsed exactly when the fast path has no answer."""
    fault = telephone.fault(text)
    if fault is not None:
        return False, fault, False
    judged = phone_fast.judge(text.strip())
    if judged is not None:
        return judged[0], None, False
    return library(text)[0], None, True


def paths(mode: str) -> list[list[tuple[bool, str | None, bool]]]:
    """The sample's paths: judged in turn, then again after `OTHERS` (``"turns"``),
    or by eight threads that start together, each in its own order (``"threads"``)."""
    with _spying():
        if mode == "turns":
            first = [_path(text) for text in SAMPLE]
            for text in OTHERS:
                telephone.verdict(text)
            return [first, [_path(text) for text in SAMPLE]]
        start = threading.Barrier(8, timeout=60)

        def judged(seed: int) -> list[tuple[bool, str | None, bool]]:
            order = list(range(len(SAMPLE)))
            random.Random(seed).shuffle(order)
            start.wait()
            found = {index: _path(SAMPLE[index]) for index in order}
            return [found[index] for index in range(len(SAMPLE))]

        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(judged, range(8)))


def _fresh(mode: str) -> list[list[list[Any]]]:
    """`paths` in a process that has judged no number before."""
    script = (
        "import json\n"
        "from tests.identifiers.test_telephone_fast import paths\n"
        f"print(json.dumps(paths({mode!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found: list[list[list[Any]]] = json.loads(done.stdout)
    return found


def _as_lists(found: list[tuple[bool, str | None, bool]]) -> list[list[Any]]:
    return [list(path) for path in found]


def test_the_sample_holds_every_path():
    taken = [expected(text) for text in SAMPLE]
    assert sum(not parsed and fault is None for _, fault, parsed in taken) > 40
    assert {fault for _, fault, _ in taken} > {None}
    assert sum(parsed for _, _, parsed in taken) >= 7
    assert {valid for valid, _, _ in taken} == {True, False}


@pytest.mark.parametrize("mode", ["turns", "threads"])
def test_a_number_takes_one_path_in_a_fresh_process_after_others_and_in_threads(mode):
    want = _as_lists([expected(text) for text in SAMPLE])
    for fresh in _fresh(mode):
        assert fresh == want
    for found in paths(mode):  # in this process, after every other test's numbers
        assert _as_lists(found) == want


def test_compiled_patterns_change_the_cost_never_the_answer():
    warm = [phone_fast.judge(text) for text in SAMPLE]
    caches = _caches(phone_fast)
    assert {cache.__name__ for cache in caches} == {"_gates", "_typed"}
    _clear(phone_fast)
    assert [phone_fast.judge(text) for text in reversed(SAMPLE)] == warm[::-1]


def test_a_metropolitan_mobile_number_compiles_the_types_of_few_regions():
    # The general descriptions leave the regions whose types are compiled: for a
    # metropolitan mobile number, not those of every overseas region.
    _clear(phone_fast)
    assert phone_fast.judge("06 03 33 41 74") == (True, "FR", "+33603334174")
    codes = phone_fast._NATIONAL_CODES
    gates, regions = phone_fast._gates(codes)
    assert gates is not None
    assert {region.name for region in regions} == {"FR", *telephone.OVERSEAS}
    hits = gates.match("603334174")
    assert hits is not None
    _, slots = phone_fast._typed(codes, hits.groups())
    compiled = {slot[1] for slot in slots if slot is not None}
    assert "FR" in compiled
    assert len(compiled) <= 2
    assert phone_fast._typed.cache_info().currsize == 1


_MUTABLE = (
    collections.abc.MutableMapping,
    collections.abc.MutableSequence,
    collections.abc.MutableSet,
    bytearray,
)


def _mutable(value: object) -> bool:
    if isinstance(value, _MUTABLE):
        return True
    if isinstance(value, (tuple, frozenset)):
        return any(_mutable(item) for item in value)
    return False


@pytest.mark.parametrize("module", [telephone, phone_fast], ids=lambda m: m.__name__)
def test_no_module_level_state_that_a_verdict_reads(module):
    tree = ast.parse(inspect.getsource(module))
    rebound = [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Global | ast.Nonlocal)
    ]
    assert not rebound, f"{module.__name__} rebinds a module-level name (lines {rebound})"
    before = {name: value for name, value in vars(module).items() if not name.startswith("__")}
    mutable = sorted(name for name, value in before.items() if _mutable(value))
    assert not mutable, f"{module.__name__} holds mutable values: {mutable}"
    for text in (*SAMPLE, *OTHERS[:2000]):
        if telephone.verdict(text)[0]:
            telephone.to_e164(text)
            telephone.region(text)
    after = {name: value for name, value in vars(module).items() if not name.startswith("__")}
    assert after.keys() == before.keys()
    changed = sorted(name for name, value in after.items() if value is not before[name])
    assert not changed, f"judging numbers rebinds {changed}"
