"""The docs are the contract (docs: index.md): every anchor the code, the tests
and the docs cite exists, and nothing points to a document outside the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# Where rules are cited: the package, the tests, the benchmarks, the docs, README and CHANGELOG.
CITING = sorted(
    [
        *ROOT.joinpath("segur_certificats").rglob("*.py"),
        *ROOT.joinpath("tests").rglob("*.py"),
        *ROOT.joinpath("bench").rglob("*.py"),
        *DOCS.glob("*.md"),
        *DOCS.glob("*.ipynb"),
        ROOT / "README.md",
        ROOT / "CHANGELOG.md",
    ]
)
# ``<page>.md#<anchor>``, as cited in prose (``docs: format.md#telephone``) or linked.
CITATION = re.compile(r"(?<![\w/.-])(?:docs/)?([a-z]+\.md)#([a-z0-9-]+)")
EXPLICIT = re.compile(r"\{#([a-z0-9-]+)\}")
HEADING = re.compile(r"^#+ (.+?)\s*$", re.MULTILINE)


def _slug(title: str) -> str:
    """The id Python-Markdown's toc gives a heading without an explicit one."""
    words = re.sub(r"[^\w\s-]", "", title).strip().lower()
    return re.sub(r"[-\s]+", "-", words)


def anchors(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    found = set(EXPLICIT.findall(text))
    found |= {_slug(t) for t in HEADING.findall(text) if "{#" not in t}
    return found


def citations() -> list[tuple[str, str, str]]:
    return [
        (str(path.relative_to(ROOT)), page, anchor)
        for path in CITING
        for page, anchor in CITATION.findall(path.read_text(encoding="utf-8"))
    ]


def test_rules_are_cited_by_anchor() -> None:
    # The package cites its rules: a regression to no citations at all would pass vacuously.
    cited = {(page, anchor) for _, page, anchor in citations()}
    assert {
        ("format.md", "telephone"),
        ("scenarios.md", "card-mandatory"),
        ("validating.md", "one-order-per-finess"),
        ("editing.md", "read-only"),
    } <= cited


@pytest.mark.parametrize(("where", "page", "anchor"), sorted(set(citations())))
def test_every_cited_anchor_exists(where: str, page: str, anchor: str) -> None:
    target = DOCS / page
    assert target.is_file(), f"{where} cites {page}, which docs/ does not have"
    assert anchor in anchors(target), f"{where} cites {page}#{anchor}, which {page} does not have"


def test_the_slug_is_the_toc_one() -> None:
    assert _slug("Every problem at once") == "every-problem-at-once"
    assert _slug("Bounded work and output") == "bounded-work-and-output"


def test_no_reference_to_a_document_outside_the_project() -> None:
    # The requirements' ids and their source are the developers' brief, not the product's.
    outside = re.compile(r"\b(?:SP" + r"EC|R-(?:JSON|SCN|FLD|REQ|EDIT|DISP|ERR|API|ENV))\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in CITING
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert offenders == []
