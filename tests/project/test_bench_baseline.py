"""The benchmark's pydantic baseline (bench/pydantic_model.py) is a model of the
same rules: on generated documents, valid and invalid, it gives the verdict of
``validate()``. Without this, a speed ratio against it would mean nothing."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_certificats as sc
from segur_certificats.strategies import demandes

from ..conftest import EXAMPLES, ROOT

pytest.importorskip("pydantic")
sys.path.insert(0, str(ROOT / "bench"))
import pydantic_model

# Wrong values a user's producer might write, each at the field it breaks.
_WRONG: dict[tuple[str, ...], list[Any]] = {
    ("certificatServeur", "telAdminTechnique"): ["0123", "tel:0603334174", "0891 23 45 67", ""],
    ("certificatServeur", "emailAdminTechnique"): ["a.stu", "a@b", "a" * 151, " "],
    ("certificatServeur", "nomAdminTechnique"): ["R2D2", "A" * 26, "", "Иванов", " STU "],
    ("certificatServeur", "numeroCarteCPX"): [None, "80012345678", " 8001234567 ", "X"],
    ("certificatServeur", "utiliteCertificat"): ["DMP, INS", "", None, 1],
    ("StatutAdminTechnique",): ["Editeur", "", None, "S"],
    ("contracutualisationOG",): ["TRUE", None, 1, True],
    ("contractualisationEditeur",): [None, False, True],
    ("finessJuridique",): ["330058067", "33005806", "2A0000154", "970421038"],
    ("demandeCertificatServeur",): [False, None, "true"],
    ("cléInconnue",): ["x"],
}
_ENVELOPE_WRONG: dict[str, list[Any]] = {
    "couloir": ["PH1", "", " MS1", 2],
    "typeDemande": ["SOLDE", "", "avance"],
    "dateDepot": ["2023-09-20", "02/10/2023", "", None],
    "dateModification": ["2024-01-01", "", "2023-09-20"],
}


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A valid generated request, sometimes with one or two wrong values."""
    value = json.loads(sc.dumps(draw(demandes(max_entities=3))))
    for _ in range(draw(st.integers(0, 2))):
        entities = value["entitesJuridiques"]
        if entities and draw(st.booleans()):
            entity = draw(st.sampled_from(entities))
            keys = draw(st.sampled_from(sorted(_WRONG)))
            node = entity
            for key in keys[:-1]:
                node = node.get(key) if isinstance(node, dict) else None
            if isinstance(node, dict):
                node[keys[-1]] = draw(st.sampled_from(_WRONG[keys]))
        else:
            key = draw(st.sampled_from(sorted(_ENVELOPE_WRONG)))
            value[key] = draw(st.sampled_from(_ENVELOPE_WRONG[key]))
    return json.dumps(value, ensure_ascii=False)


@given(documents())
def test_the_pydantic_baseline_gives_the_verdict_of_validate(text):
    assert pydantic_model.is_valid(text) == sc.validate(text).ok, sc.validate(text).messages()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_pydantic_baseline_accepts_the_examples(path):
    text = path.read_text(encoding="utf-8")
    assert pydantic_model.is_valid(text) == sc.validate(text).ok
