"""The package's layers: imports point one way, and no module imports itself back in a cycle.

Every import counts, deferred ones inside functions and those only for type checking included:
a deferred import is still a dependency, only a later one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linter" / "mlflow_app_lint"
NAME = "mlflow_app_lint"

LAYERS = [
    {"base", "schema"},
    {"reading"},
    {"checking"},
    {"operations"},
    {"schemagen"},
    {"fixing", "policy"},
    {"engine"},
    {"reporting"},
    {"server"},  # the language server; cli.py's `server` command imports it, lazily
    {"cli"},
    {"__main__"},
]
"""Lowest first. A module may import from its own layer's package and from lower layers only;
packages that share a layer do not import each other."""
RANK = {package: rank for rank, packages in enumerate(LAYERS) for package in packages}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The modules of this package that a module imports (from ... import x counts x, when x is
    a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith(NAME))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(NAME):
            assert node.level == 0, f"{path}: relative import (this package imports absolutely)"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found & MODULES.keys()


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_is_in_a_layer() -> None:
    unplaced = {_layer(m) for m in MODULES} - RANK.keys() - {"__init__"}
    assert not unplaced, f"add these to LAYERS: {sorted(unplaced)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    own = _layer(module)
    wrong = [
        imported
        for imported in _imports(MODULES[module])
        if _layer(imported) != own
        and _layer(imported) != "__init__"
        and RANK[_layer(imported)] >= RANK.get(own, len(LAYERS))
    ]
    assert not wrong, f"{module} imports from its own or a higher layer: {wrong}"


def test_no_import_cycle() -> None:
    graph = {module: _imports(path) - {module} for module, path in MODULES.items()}
    # A package imports its own __init__ when it imports a submodule: not an edge of interest.
    for module in graph:
        graph[module] = {m for m in graph[module] if not module.startswith(m + ".")}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        assert module not in visiting, "import cycle: " + " -> ".join(
            [*visiting[visiting.index(module) :], module]
        )
        visiting.append(module)
        for imported in sorted(graph[module]):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


def test_every_package_is_installed() -> None:
    """pyproject.toml lists the packages (schema/ is mapped into the package, which a search
    for packages would not find): a new subpackage must be listed, or installs lack it."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    pyproject = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text("utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    on_disk = {_module_name(path) for path in PACKAGE.rglob("__init__.py")} | {f"{NAME}.schema"}
    assert listed == on_disk
