"""A sheet read from its bytes and a template returned as bytes (docs: sheets.md):
what a file gives, byte for byte and problem for problem."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
import tempfile
import time
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats import sheets
from segur_certificats.strategies import demandes

from ..conftest import ROOT
from ..fuzz.strategies import sheet_files

EXAMPLE = ROOT / "examples/ms1-plusieurs-entites.json"
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _seen(report: sheets.SheetReport) -> tuple[Any, ...]:
    """Everything a report shows: problems (with their messages), rows, entities, text."""
    problems = [
        (p.path, p.code, p.severity, p.params, p.variant, p.location, p.message(), p.message("en"))
        for p in report.problems
    ]
    return (problems, report.sheet, report.header, report.rows, report.entites, report.written)


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    """A folder for one Hypothesis example (pytest's tmp_path is one a test)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _example() -> sc.Demande:
    return sc.loads(EXAMPLE.read_text(encoding="utf-8"))


# -- Reading bytes ---------------------------------------------------------------------------


@_SETTINGS
@given(sheet_files(), st.sampled_from([bytes, bytearray, memoryview]))
def test_the_bytes_of_any_sheet_read_as_its_file(case, kind):
    with _folder() as folder:
        path = folder / f"clients{case.suffix}"
        path.write_bytes(case.data)
        from_file = sheets.read(path, into=case.request, max_size=case.max_size)
    given_bytes = kind(case.data)
    from_bytes = sheets.read(given_bytes, name=path.name, into=case.request, max_size=case.max_size)
    assert _seen(from_bytes) == _seen(from_file)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_bytes_too_large_are_the_problem_of_a_file_too_large(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"clients{suffix}"
    sheets.write_template(path, _example())
    data = path.read_bytes()
    for limit in (len(data) - 1, 100):
        from_file = sheets.read(path, max_size=limit)
        from_bytes = sheets.read(data, name=path.name, max_size=limit)
        assert [(p.code, p.variant) for p in from_bytes.problems] == [
            ("file.unreadable", "too-large")
        ]
        assert _seen(from_bytes) == _seen(from_file)
    # Bytes within the limit are read (too many rows for so small a limit, as a file).
    within = sheets.read(data, name=path.name, max_size=len(data))
    assert "file.unreadable" not in {p.code for p in within.problems}
    assert _seen(within) == _seen(sheets.read(path, max_size=len(data)))


def test_the_name_says_a_csv_and_names_its_cells() -> None:
    data = sheets.write_template(None, _example(), format=".csv")
    data = data.replace(b"04 72 11 22 33", b"04 72 11 22")
    named = sheets.read(data, name="clients.csv")
    assert [p.cell for p in named.problems] == ["clients!I3"]
    assert named.sheet == "clients"
    # Without a name, a CSV's cells are named after "feuille".
    assert [p.cell for p in sheets.read(data).problems] == ["feuille!I3"]
    # A name that says a workbook, over bytes that are none: what such a file gives.
    refused = sheets.read(data, name="clients.xlsx")
    assert [(p.code, p.variant, p.cell) for p in refused.problems] == [
        ("sheet.unreadable", "not-spreadsheet", "clients.xlsx")
    ]


def test_a_workbooks_bytes_say_what_it_is_whatever_its_name() -> None:
    data = sheets.write_template(None, _example(), format=".xlsx")
    for name in (None, "clients.csv", "clients", "-"):
        report = sheets.read(data, name=name)
        assert report.ok, str(report)
        assert report.sheet == "Administrateurs"
        assert report.entites == _example().entites_juridiques


def test_standard_input_may_be_named(monkeypatch: pytest.MonkeyPatch) -> None:
    data = sheets.write_template(None, _example(), format=".csv")
    data = data.replace(b"04 72 11 22 33", b"04 72 11 22")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [p.cell for p in sheets.read("-").problems] == ["stdin!I3"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [p.cell for p in sheets.read("-", name="clients.csv").problems] == ["clients!I3"]


@pytest.mark.parametrize(
    ("arguments", "options", "named"),
    [
        ((42,), {}, "source"),
        ((["clients.csv"],), {}, "source"),
        ((b"x",), {"name": b"clients.csv"}, "name"),
        ((b"x",), {"into": Path("demande.json")}, "into"),
        ((b"x",), {"max_size": 1.5}, "max_size"),
    ],
)
def test_wrong_arguments_name_themselves(
    arguments: tuple[Any, ...], options: dict[str, Any], named: str
) -> None:
    with pytest.raises(sc.InvalidArgument, match=named) as raised:
        sheets.read(*arguments, **options)
    assert raised.value.code == "argument.type"


# -- Writing bytes -----------------------------------------------------------------------------


@contextlib.contextmanager
def _frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """openpyxl dates a workbook (its properties, each zip entry) at the second it is
    written: held still, two writings of one workbook are the same bytes."""
    import openpyxl.packaging.core  # noqa: PLC0415
    import openpyxl.writer.excel  # noqa: PLC0415

    moment = dt.datetime(2025, 1, 2, 3, 4, 5)

    class Still(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Still:
            return cls.fromtimestamp(moment.timestamp(), tz)

    still = types.SimpleNamespace(datetime=Still, timezone=dt.timezone)
    clock = types.SimpleNamespace(time=moment.timestamp, localtime=lambda *_: moment.timetuple())
    with monkeypatch.context() as patched:
        patched.setattr(openpyxl.packaging.core, "datetime", still)
        patched.setattr(openpyxl.writer.excel, "datetime", still)
        patched.setattr(zipfile, "time", clock)
        yield


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@_SETTINGS
@given(demande=demandes(max_entities=4))
def test_the_bytes_returned_are_the_file_written(suffix: str, demande: sc.Demande) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch, _frozen_clock(monkeypatch), _folder() as f:
        path = f / f"clients{suffix}"
        sheets.write_template(path, demande)
        data: bytes = sheets.write_template(None, demande, format=suffix)
        assert data == path.read_bytes()
        # The format said beside a path: the name need not say it.
        other = f / "clients.txt"
        sheets.write_template(other, demande, format=suffix.upper())
        assert other.read_bytes() == data
    if demande.entites_juridiques:
        assert sheets.read(data, name=path.name).entites == demande.entites_juridiques


def test_the_clock_held_still_holds_every_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test above compares bytes: what it holds still is all that changes them.
    with _frozen_clock(monkeypatch):
        first = sheets.write_template(None, _example(), format=".xlsx")
        time.sleep(1.1)
        assert sheets.write_template(None, _example(), format=".xlsx") == first


@pytest.mark.parametrize(
    ("arguments", "options", "code", "named"),
    [
        ((), {}, "argument.value", "format"),  # bytes: the format is required
        ((None, []), {}, "argument.value", "format"),
        ((), {"format": "xlsx"}, "argument.value", "format"),
        ((), {"format": ".ods"}, "argument.value", "format"),
        ((), {"format": 1}, "argument.type", "format"),
        ((42,), {}, "argument.type", "path"),
        ((b"clients.csv",), {}, "argument.type", "path"),
    ],
)
def test_a_template_without_a_format_it_writes_is_refused(
    arguments: tuple[Any, ...], options: dict[str, Any], code: str, named: str
) -> None:
    with pytest.raises(sc.InvalidArgument, match=named) as raised:
        sheets.write_template(*arguments, **options)
    assert raised.value.code == code
    if code == "argument.value":
        assert ".xlsx" in str(raised.value)


def test_a_path_whose_name_says_no_format_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv, not '\.txt'"):
        sheets.write_template(tmp_path / "clients.txt")
    assert not (tmp_path / "clients.txt").exists()
