"""Every public name, and every public attribute of every public class, appears in
the API reference (docs/api.md), as mkdocstrings renders it: from a module the page
lists, with a docstring (mkdocstrings leaves out a member that has none)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

import segur_certificats as sc

from ..conftest import ROOT

griffe = pytest.importorskip("griffe", reason="the [docs] extra (mkdocstrings, griffe) is absent")

#: The public modules, beside the package's own names (a test of the architecture
#: holds every module of the package that is not private to this list).
PUBLIC_MODULES = (
    "model",
    "rules",
    "serialize",
    "sheets",
    "schema",
    "strategies",
    "finess",
    "telephone",
    "serve",
    "cli",
)


def _reference() -> dict[str, set[str] | None]:
    """Each module the reference renders, and the members it is restricted to."""
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    found: dict[str, set[str] | None] = {}
    for block in re.split(r"\n(?=::: )", page):
        heading = re.match(r"::: (\S+)", block)
        if heading is None:
            continue
        members = re.search(r"members: \[([^\]]*)\]", block)
        found[heading[1]] = {m.strip() for m in members[1].split(",")} if members else None
    return found


REFERENCE = _reference()
PACKAGE = griffe.load("segur_certificats", search_paths=[str(ROOT)])


def _private(module: str) -> bool:
    """Whether a module is private: a part of its path starts with ``_``."""
    return any(part.startswith("_") for part in module.split("."))


def _public_objects() -> list[tuple[str, str]]:
    """(name, the module that holds it) of every public name."""
    names = [(name, module) for name, module in sc._EXPORTS.items()]
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(f"segur_certificats.{module_name}")
        for name in module.__all__:
            value = getattr(module, name)
            holder = getattr(value, "__module__", None) or module.__name__
            if (
                holder == "segur_certificats"
                or not holder.startswith("segur_certificats")
                or _private(holder)
            ):
                # A constant, an exception shown at the top, or a name the public
                # module re-exports from a private one: rendered with the module.
                holder = module.__name__
            names.append((name, holder))
    return names


def _documented_in(module: str) -> str | None:
    """The module of the reference that renders ``module``'s names: itself, the public
    package that re-exports them, or the package's own page for a private home."""
    if module in REFERENCE:
        return module
    package = module.rsplit(".", 1)[0]
    if package in REFERENCE:
        return package
    return "segur_certificats" if _private(module) else None


def _griffe(module: str, name: str) -> Any:
    """The object as griffe reads it (an alias where ``module`` re-exports it)."""
    path = module.removeprefix("segur_certificats").lstrip(".")
    return PACKAGE[f"{path}.{name}" if path else name]


@pytest.mark.parametrize(("name", "module"), _public_objects())
def test_every_public_name_is_in_the_reference(name, module):
    if name.startswith("Invalid") and module.startswith("segur_certificats."):
        module = "segur_certificats._problems.errors"
    shown = _documented_in(module)
    assert shown is not None, f"{module} is not in docs/api.md"
    members = REFERENCE[shown]
    assert members is None or name in members, f"{name} is filtered out of {shown}"
    found = _griffe(module, name)
    assert found.docstring is not None, f"{module}.{name} has no docstring"


@pytest.mark.parametrize(
    ("name", "module"),
    [
        (n, m)
        for n, m in _public_objects()
        if isinstance(getattr(importlib.import_module(m), n, None), type)
    ],
)
def test_every_public_attribute_of_a_public_class_is_in_the_reference(name, module):
    found = _griffe(module, name)
    if found.is_alias:
        found = found.final_target
    missing = [
        member
        for member, value in found.members.items()
        if not member.startswith("_") and value.docstring is None
    ]
    assert not missing, (
        f"{module}.{name}: {missing} have no docstring, so the reference leaves them out"
    )
