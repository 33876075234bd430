"""The import graph reads top-down (docs: api.md#imports): no cycle among the imports
a module makes when it is imported, and the few imports deferred to call time are
the known ones (screens for Jupyter, the command line's lazy loading)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "segur_certificats"


def _module(path: Path) -> str:
    return "segur_certificats" if path.stem == "__init__" else f"segur_certificats.{path.stem}"


def _target(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.module == "segur_certificats":  # from segur_certificats import finess, rules
        names = [f"segur_certificats.{alias.name}" for alias in node.names]
    else:
        names = [node.module or ""]
    known = {_module(p) for p in PACKAGE.glob("*.py")}
    return [name for name in names if name in known]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def imports(path: Path) -> tuple[set[str], set[tuple[str, str]]]:
    """(modules imported at import time, (function, module) imported at call time)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    now: set[str] = set()
    later: set[tuple[str, str]] = set()

    def visit(body: list[ast.stmt], function: str | None) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in _target(node):
                    if function is None:
                        now.add(name)
                    else:
                        later.add((function, name))
            elif isinstance(node, ast.If) and _is_type_checking(node):
                continue  # for type checkers only
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(node.body, node.name)
            elif isinstance(node, ast.ClassDef):
                visit(node.body, function)
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                blocks = [node.body, getattr(node, "orelse", []), getattr(node, "finalbody", [])]
                blocks += [h.body for h in getattr(node, "handlers", [])]
                for block in blocks:
                    visit(block, function)

    visit(tree.body, None)
    return now, later


GRAPH = {_module(p): imports(p) for p in sorted(PACKAGE.glob("*.py"))}

# Imports deferred to call time: each goes up the graph on purpose.
DEFERRED = {
    # Jupyter and print() show a request, a report and an edit session with the
    # screens of `display`, which imports those modules.
    ("segur_certificats.model", "__str__", "segur_certificats.display"),
    ("segur_certificats.model", "_repr_html_", "segur_certificats.display"),
    ("segur_certificats.report", "_repr_html_", "segur_certificats.display"),
    ("segur_certificats.editing", "_repr_html_", "segur_certificats.display"),
    ("segur_certificats.sheets", "_repr_html_", "segur_certificats.display"),
    # The XLSX writer needs openpyxl, an optional dependency: imported when used.
    ("segur_certificats.sheets", "write_template", "segur_certificats._template"),
}


def test_no_cycle_at_import_time() -> None:
    # The package's __init__ imports its public names lazily; it is the top.
    graph = {
        module: {name for name in now if name != "segur_certificats"}
        for module, (now, _) in GRAPH.items()
    }
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:  # pragma: no cover - the failure's message
        raise AssertionError(f"import cycle: {cycle.args[1]}") from None
    assert order.index("segur_certificats.names") < order.index("segur_certificats.model")
    assert order.index("segur_certificats.model") < order.index("segur_certificats.display")


def test_deferred_imports_are_the_known_ones() -> None:
    lazy_entry_points = {"segur_certificats.cli", "segur_certificats._reading"}
    deferred = {
        (module, function, name)
        for module, (_, later) in GRAPH.items()
        if module not in lazy_entry_points  # they defer on purpose (docs: api.md#imports)
        for function, name in later
    }
    assert deferred == DEFERRED


def test_the_graph_is_read() -> None:
    now, _ = GRAPH["segur_certificats.display"]
    assert {"segur_certificats.model", "segur_certificats.rules"} <= now
    assert ("__str__", "segur_certificats.display") in GRAPH["segur_certificats.model"][1]
