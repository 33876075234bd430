"""The layers are folders and every import points down (docs: architecture.md#layers).

Every import of the package is read from its source — at module level, inside
functions, under ``TYPE_CHECKING``, in ``try`` blocks — and held to the layer
table of docs/architecture.md: no cycle, no import from a lower layer to a
higher one, no private module imported from another folder.
"""

from __future__ import annotations

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from ..conftest import ROOT

PACKAGE = ROOT / "segur_certificats"
NAME = "segur_certificats"


def _layers() -> dict[str, int]:
    """Each place of the package (a folder, or a file at its root) → its layer's rank,
    read from the table between the markers of docs/architecture.md."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page.split("<!-- layers -->")[1].split("<!-- /layers -->")[0]
    places: dict[str, int] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].isdigit():
            continue
        for place in re.findall(r"`([^`]+)`", cells[2]):
            places[place.rstrip("/")] = int(cells[0])
    return places


LAYERS = _layers()


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module(path): path for path in PACKAGE.rglob("*.py")}


def _place(module: str) -> str:
    """The folder of a module inside the package, or its file name at the root."""
    parts = module.split(".")[1:]
    if not parts:
        return "__init__.py"
    if len(parts) == 1 and not (PACKAGE / parts[0]).is_dir():
        return parts[0] + ".py"
    return parts[0]


def layer_of(module: str) -> int:
    return LAYERS[_place(module)]


def _resolve(name: str) -> str | None:
    """The package module an imported name stands for (its longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


def imports(module: str) -> set[str]:
    """Every package module ``module`` imports, wherever the import stands."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            target = _resolve(name)
            if target is not None and target != module:
                found.add(target)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_stands_in_a_layer_of_the_table():
    assert {_place(module) for module in MODULES} <= set(LAYERS)
    assert len(set(LAYERS.values())) > 10


def test_no_import_cycle():
    try:
        TopologicalSorter(GRAPH).static_order()
        list(TopologicalSorter(GRAPH).static_order())
    except CycleError as cycle:  # pragma: no cover - the failure's message
        raise AssertionError(f"import cycle: {' -> '.join(cycle.args[1])}") from None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_import_points_down(module):
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for target in sorted(GRAPH[module])
        if layer_of(target) > layer_of(module)
    ]
    assert not upward


@pytest.mark.parametrize("module", sorted(MODULES))
def test_private_modules_are_imported_from_their_own_folder_only(module):
    folder = module.rpartition(".")[0] if MODULES[module].name != "__init__.py" else module
    # A private module of a public package (sheets/_source.py) is that package's own;
    # the private folders and modules at the root (_codec/, _version.py) are the
    # machinery every layer above them builds on.
    outside = [
        target
        for target in GRAPH[module]
        if target.rpartition(".")[2].startswith("_")
        and target.rpartition(".")[0] not in {folder, NAME}
        and target != NAME
    ]
    assert not outside


def test_the_graph_is_read_through_functions_and_type_checking():
    # The view renders what the model builds: the model imports it, never the reverse.
    view = f"{NAME}._view.html"
    assert view in GRAPH[f"{NAME}.model"]
    assert not any(target == f"{NAME}.model" for target in GRAPH[view])
    # A deferred import (inside a function) and one for type checkers are both read.
    assert f"{NAME}._pipeline.validate" in GRAPH[f"{NAME}.cli._check"]
    assert f"{NAME}._problems.problem" in GRAPH[f"{NAME}._codec.files"]


def test_an_upward_import_would_be_caught(tmp_path):
    # The test's own reading, on a module that reaches up from the view to the pipeline.
    source = "def f():\n    from segur_certificats._pipeline.report import Report\n"
    tree = ast.parse(source)
    names = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]
    target = _resolve(names[0])
    assert target is not None
    assert layer_of(target) > layer_of(f"{NAME}._view.html")


def test_the_readme_lists_the_same_places_in_the_same_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    listed = [
        place.rstrip("/")
        for line in section.splitlines()
        if line.startswith("| `")
        for place in re.findall(r"`([^`]+)`", line.split("|")[1])
    ]
    assert listed == list(LAYERS)
    assert {_place(module) for module in MODULES} == set(listed)


def test_the_public_names_are_one_list():
    import importlib  # noqa: PLC0415

    import segur_certificats as sc  # noqa: PLC0415

    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    checking = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    typed = {
        (alias.name, node.module)
        for node in ast.walk(checking)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == {(name, module) for name, module in sc._EXPORTS.items()}
    assert set(sc.__all__) == {*sc._EXPORTS, "__version__"}
    for name, module in sc._EXPORTS.items():
        assert getattr(sc, name) is getattr(importlib.import_module(module), name)


def test_each_json_key_is_spelt_in_its_record_only():
    # vocabulary/keys.py holds one record per key; every table the package needs is
    # derived from the records. No other module of the package types a key again.
    import segur_certificats as sc  # noqa: PLC0415
    from segur_certificats._vocabulary import keys as vocabulary  # noqa: PLC0415

    # Two keys are also attribute names (couloir, statut), one a class's name.
    attributes = {key.attribute for key in vocabulary.KEYS}
    keys = {key.json for key in vocabulary.KEYS} - attributes - set(sc._EXPORTS)
    assert len(keys) == 16
    spelt = []
    for module, path in MODULES.items():
        if module == f"{NAME}._vocabulary.keys":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in keys:
                spelt.append(f"{module}:{node.lineno} {node.value!r}")
    assert not spelt


def test_every_key_has_one_record_with_all_it_needs():
    from segur_certificats._vocabulary import keys as vocabulary  # noqa: PLC0415

    names = [key.json for key in vocabulary.KEYS]
    assert len(names) == len(set(names)) == 19
    for key in vocabulary.KEYS:
        assert all(key.labels), key.json
        assert all(key.descriptions), key.json
    # The tables are the records' (a few spot checks of the derivation).
    assert tuple(names) == vocabulary.KEY_ORDER
    assert vocabulary.MAX_LENGTHS == {
        "numeroCarteCPX": 10,
        "nomAdminTechnique": 25,
        "telAdminTechnique": 50,
        "emailAdminTechnique": 150,
    }


def _public(module: str) -> bool:
    """Whether a module looks public: no part of its path starts with ``_``."""
    return not any(part.startswith("_") for part in module.split("."))


def test_every_public_looking_module_is_in_the_api_reference():
    # The line between public and private is the underscore: a module whose path
    # has none is API, and the reference (docs/api.md) must render it.
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    rendered = set(re.findall(r"^::: (\S+)", page, re.MULTILINE))
    public = {module for module in MODULES if _public(module)}
    assert public == rendered
    assert {f"{NAME}.model", f"{NAME}.rules", f"{NAME}.serialize"} <= public


def test_every_place_the_architecture_page_names_exists():
    # The page describes the code: a file or folder it names in backticks is there.
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:_\w+|sheets|serve|cli)/[\w/]*(?:\.py)?|\w+\.py)`", page))
    assert len(named) > 20
    named.discard("_name.py")  # the page's word for a private module
    missing = [place for place in sorted(named) if not (PACKAGE / place.rstrip("/")).exists()]
    assert not missing
    # And every public function it names by its module is there.
    import importlib  # noqa: PLC0415

    for module, name in re.findall(r"`(rules|serialize)\.(?!py`)(\w+)", page):
        assert hasattr(importlib.import_module(f"{NAME}.{module}"), name), f"{module}.{name}"
