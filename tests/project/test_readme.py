"""The README's Python examples run, and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from ..conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 4


def test_the_readme_examples_run_in_order_and_print_the_documented_diff(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for block in BLOCKS:
            exec(compile(block, "README.md", "exec"), namespace)
    (documented,) = re.findall(r"```diff\n(.*?)```", README, flags=re.DOTALL)
    assert documented in output.getvalue()
    assert '"typeDemande": "AVANCE"' in output.getvalue()  # the build example printed its JSON
