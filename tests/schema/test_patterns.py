"""The schema's patterns mean the same in every implementation, and exactly what
the package reads (docs: schema.md#patterns): dates across the whole calendar, the
FINESS juridique's form, and free texts over the whole of Unicode at every length
limit."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import finess, schema
from segur_certificats._vocabulary.isodate import parse_iso_date
from segur_certificats._vocabulary.keys import (
    FINESS_JURIDIQUE,
    MAX_LENGTHS,
    NOM_ADMIN_TECHNIQUE,
)
from segur_certificats._vocabulary.normalise import text as normalised

from ..fuzz.strategies import SLICE
from . import attacks, implementations

_DOCUMENT = schema.json_schema()
_DEFS = _DOCUMENT["$defs"]
_ANNOTATIONS = ("title", "description")


def _alone(part: dict[str, Any]) -> dict[str, Any]:
    """A part of the schema as a schema of its own (its ``$defs`` beside it)."""
    kept = {key: value for key, value in part.items() if key not in _ANNOTATIONS}
    return {"$schema": _DOCUMENT["$schema"], **kept, "$defs": _DEFS}


_DATE = _alone(_DOCUMENT["properties"]["dateDepot"])
_FINESS = _alone(_DEFS["entiteJuridique"]["properties"][FINESS_JURIDIQUE.json])
implementations.add("date", _DATE)
implementations.add("finess", _FINESS)
_LIMITS: list[int | None] = [*sorted(set(MAX_LENGTHS.values())), None]
for _limit in _LIMITS:
    _text: dict[str, Any] = {"type": "string", "$ref": "#/$defs/texte"}
    if _limit is not None:
        _text["maxLength"] = _limit
    implementations.add(f"text-{_limit}", _alone(_text))


def _is_date(text: str) -> bool:
    try:
        parse_iso_date(text)
    except ValueError:
        return False
    return True


def _assert_exact(name: str, values: list[str], expected: list[bool]) -> int:
    """Every implementation, with and without format assertion, accepts exactly
    the expected values; how many wrong verdicts there were (none)."""
    wrong = {}
    for label, verdicts in implementations.verdicts(name, values).items():
        mistakes = [
            (value, verdict)
            for value, verdict, right in zip(values, verdicts, expected, strict=True)
            if verdict is not None and verdict is not right
        ]
        if mistakes:
            wrong[label] = mistakes[:5]
    assert not wrong
    return len(wrong)


def test_dates_across_the_calendar() -> None:
    # Every year from 0000 to 9999 on the days that turn on the year, and every
    # MM-DD from 00-00 to 99-99 in years that are leap or not in each way.
    days = ["01-01", "02-28", "02-29", "02-30", "12-31", "04-31", "00-10", "13-01"]
    values = [f"{year:04d}-{day}" for year in range(10000) for day in days]
    years = [0, 4, 400, 1900, 2000, 2023, 2024, 9999]
    values += [
        f"{year:04d}-{month:02d}-{day:02d}"
        for year in years
        for month, day in itertools.product(range(100), range(100))
    ]
    assert _assert_exact("date", values, [_is_date(v) for v in values]) == 0
    assert _is_date("2024-02-29")
    assert not _is_date("2023-02-29")
    assert not _is_date("0000-01-01")


@pytest.mark.parametrize(
    "around", ["{}\n", "{}\r\n", " {}", "{} ", "{}\x85", "\ufeff{}", "{}0", "{}Z", "+{}"]
)
def test_a_date_with_more_is_no_date(around: str) -> None:
    values = [around.format(d) for d in ("2023-10-02", "2024-02-29", "0001-01-01", "9999-12-31")]
    _assert_exact("date", values, [False] * len(values))


def test_the_finess_form() -> None:
    heads = ["00", "33", "97", "2A", "2B", "2a", "2C", "A2", "٣٣", "３３"]
    bodies = ["0058066", "000015", "00580661", "005806 ", " 005806", "005806\n", "00-5806"]
    values = [head + body for head in heads for body in bodies]
    values += ["", "330058066\n", "33005806\n", "330058066 ", " 330058066", "33 005 806 6"]

    def form(value: str) -> bool:
        # The reader refuses a number written otherwise than compact (finess.format).
        try:
            finess.validate(value)
        except sc.InvalidFinessFormat:
            return False
        except sc.InvalidFinessChecksum:
            pass
        return finess.compact(value) == value

    _assert_exact("finess", values, [form(v) for v in values])


@settings(SLICE, max_examples=1000)
@given(
    st.sampled_from(_LIMITS).flatmap(lambda limit: st.tuples(st.just(limit), attacks.texts(limit)))
)
def test_free_text_over_the_whole_of_unicode(case: tuple[int | None, str]) -> None:
    """Accepted: `validate()` finds the text present and within its length once
    normalised. Refused: the text is too long as written, or `validate()` writes
    it otherwise (docs: schema.md#free-text)."""
    limit, value = case
    written = normalised(value)
    for label, (verdict,) in implementations.verdicts(f"text-{limit}", [value]).items():
        if verdict:
            assert written is not None, (label, value)
            assert limit is None or len(written) <= limit, (label, value, len(written))
        elif verdict is False:
            too_long = limit is not None and len(value) > limit
            assert too_long or written != value, (label, value)


def _refusals() -> re.Pattern[str]:
    rules = _DEFS["texte"]["allOf"]
    return re.compile("|".join(rule["not"]["pattern"] for rule in rules))


def test_every_composed_letter_then_every_kind_of_mark() -> None:
    # Each composed character followed by each mark that composes and by one mark
    # of every combining class, read by Python's re (python-jsonschema's engine):
    # refused when NFC makes it longer, accepted when it is NFC already.
    _, composed, marks = attacks._classes()
    by_class = {unicodedata.combining(m): m for m in marks}
    followers = sorted(set(attacks.COMPOSING) | set(by_class.values()))
    refused = _refusals()
    longer = kept = 0
    for first, mark in itertools.product(composed, followers):
        pair = first + mark
        nfc = unicodedata.normalize("NFC", pair)
        if len(nfc) > len(pair):
            longer += 1
            assert refused.search(pair), ascii(pair)
        elif nfc == pair:
            kept += 1
            assert not refused.search(pair), ascii(pair)
    assert longer > 100
    assert kept > 1000


def test_what_the_free_text_refuses() -> None:
    name = NOM_ADMIN_TECHNIQUE.json
    cases = {
        "Adéṣọ̀lá": True,  # NFC, with a mark NFC keeps apart
        "Ade\u0323s\u0323o\u0323\u0300la\u0301": True,  # decomposed: the same length or less
        "ǖ\u0327": True,  # NFC: the cedilla composes with no u
        "ǖ\u0323": False,  # three characters in NFC
        "\u0958": False,  # two characters in NFC
        "\u212b": False,  # Å in NFC
        " STU": False,
        "STU\x85": False,
        "\x1cSTU": False,
        "STU\n": False,
        "\ufeffSTU": True,  # not white space in Python: the name rule refuses it
        "": False,
    }
    values = list(cases)
    _assert_exact(f"text-{MAX_LENGTHS[name]}", values, [cases[v] for v in values])
