"""docs/explorer.ipynb runs from top to bottom, from the repository's root as from its
own folder, and shows the screens (docs: jupyter.md#explorer)."""

from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from ..conftest import ROOT

NOTEBOOK = ROOT / "docs" / "explorer.ipynb"


@pytest.fixture(scope="module", params=["root", "docs"])
def executed(request):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    folder = ROOT if request.param == "root" else NOTEBOOK.parent
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    return notebook


def _html(notebook):
    return [
        BeautifulSoup(output["data"]["text/html"], "html.parser")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "text/html" in output.get("data", {})
    ]


def test_every_cell_runs_without_error(executed):
    errors = [
        o
        for c in executed.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o["output_type"] == "error"
    ]
    assert errors == []


def test_it_shows_the_scenarios_the_consultation_table_a_report_and_an_edit(executed):
    pages = _html(executed)
    assert any(p.find("table", class_="sc-scenarios") for p in pages)
    assert any(p.find("tr", attrs={"aria-current": "true"}) for p in pages)
    assert any(p.find("table", class_="sc-commandes") for p in pages)
    assert any(p.find("table", class_="sc-problems") for p in pages)
    session = next(p for p in pages if p.find("table", class_="sc-session"))
    assert session.find("tr", class_="sc-added") is not None
    assert session.find("td", class_="sc-changed") is not None
