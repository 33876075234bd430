"""The short, deterministic slice of the fuzz campaign that CI runs (docs:
testing.md#fuzzing). ``python -m tests.fuzz`` runs the same targets for as long
as it is given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats.strategies import administrateurs, demandes

from . import fast_paths, targets
from .strategies import (
    SLICE,
    SheetFile,
    editor_texts,
    envelope_texts,
    mutated_bytes,
    odd_text,
    sheet_files,
)


@SLICE
@given(envelope_texts())
def test_validate_and_loads(text: str) -> None:
    targets.validate_text(text)
    targets.validate_text(text.encode("utf-8", "surrogatepass"))


@SLICE
@given(envelope_texts())
def test_validate_parsed_values(text: str) -> None:
    targets.validate_value(text)


@SLICE
@given(mutated_bytes())
def test_validate_mutated_bytes(data: bytes) -> None:
    targets.validate_text(data)
    targets.embedded_text(data)


@SLICE
@given(editor_texts())
def test_validate_embedded(text: str) -> None:
    targets.embedded_text(text)
    targets.embedded_text(text.encode("utf-8", "surrogatepass"))


hostile_admins = st.builds(
    sc.AdministrateurTechnique,
    numero_carte_cpx=st.none() | odd_text,
    nom=st.none() | odd_text,
    telephone=st.none() | odd_text,
    email=st.none() | odd_text,
)


def _pick(data: st.DataObject) -> targets.Pick:
    kinds = {
        "bool": st.booleans(),
        "admin": st.none() | administrateurs() | hostile_admins,
        "text": st.none() | odd_text,
        "argument": st.none() | odd_text | st.integers() | st.sampled_from(["330058066"]),
    }
    return lambda kind: data.draw(kinds[kind])


@SLICE
@given(editor_texts(), st.data())
def test_replace_blocks(text: str, data: st.DataObject) -> None:
    targets.replace(text, targets.choose_blocks(_pick(data)))


@SLICE
@given(demandes(max_entities=3), st.data())
def test_edit_sessions_and_screens(demande: sc.Demande, data: st.DataObject) -> None:
    targets.edit_and_screens(demande, _pick(data))


@settings(SLICE, max_examples=60)
@given(sheet_files())
def test_filled_sheets(file: SheetFile) -> None:
    targets.sheet(file)


@SLICE
@given(st.randoms(use_true_random=False))
def test_fast_phone_and_email_paths(rng) -> None:
    fast_paths.phone(fast_paths.random_phone(rng))
    fast_paths.email(fast_paths.random_email(rng))
