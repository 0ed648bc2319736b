"""The layers as a test: core <- training <- desktop_app, Qt only in desktop_app, and no import cycles.

Every import statement counts: module level, inside functions and under `if TYPE_CHECKING:`. A function-level
import still makes one module need the other; allowing it would let cycles and upward imports hide in function
bodies. An import of `a.b.c` is an edge to module a.b.c (the package `__init__` files it runs on the way are not
edges: they hold docstrings only).
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "training", "desktop_app", "benchmarks")
QT = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "qtpy", "pytestqt")
# package -> the top-level names its modules must never import
FORBIDDEN = {
    "core": ("training", "desktop_app", "benchmarks", *QT),
    "training": ("desktop_app", "benchmarks", *QT),
    "desktop_app": ("benchmarks",),
}


def module_files(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Dotted module name -> source file, for every module of `packages` under `root`."""
    modules = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_names(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute dotted name) of everything `path` imports, wherever the statement stands.

    `from a import b` yields `a.b` (b may be a module or a name in a); relative imports are made absolute.
    """
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (the longest known prefix of each imported name)."""
    modules = module_files(root, packages)

    def project_module(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for module, path in modules.items():
        targets = {project_module(name) for _, name in imported_names(module, path)}
        graph[module] = {target for target in targets if target is not None and target != module}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def layer_violations(root: Path, forbidden: dict[str, tuple[str, ...]]) -> list[str]:
    """`file:line imports name` for every import of a name forbidden to the file's package."""
    found = []
    for module, path in module_files(root, tuple(forbidden)).items():
        banned = forbidden[module.split(".")[0]]
        for line, name in imported_names(module, path):
            if name.split(".")[0] in banned:
                found.append(f"{path.relative_to(root)}:{line} imports {name}")
    return found


def describe_cycle(graph: dict[str, set[str]], cycle: list[str]) -> str:
    """The cycle's modules, each with the members it imports."""
    return "; ".join(f"{module} -> {', '.join(sorted(graph[module] & set(cycle)))}" for module in cycle)


def test_layers_import_only_downwards() -> None:
    assert layer_violations(ROOT, FORBIDDEN) == []


def test_no_import_cycles() -> None:
    graph = import_graph(ROOT, PACKAGES)
    assert len(graph) > 100  # the whole tree was read
    assert [describe_cycle(graph, cycle) for cycle in find_cycles(graph)] == []


def test_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"a", "e2"}, "e2": {"e"}}
    assert find_cycles(graph) == [["a", "b", "c"], ["e", "e2"]]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tiny_tree(tmp_path: Path) -> Path:
    """core/ whose modules form a cycle through a function-level and a relative import, and import Qt in a function."""
    write(tmp_path / "core" / "__init__.py", "")
    write(tmp_path / "core" / "a.py", "from core import b\n")
    write(tmp_path / "core" / "b.py", "def late():\n    from . import a\n")
    write(tmp_path / "core" / "c.py", "import core.a\n\ndef show():\n    from PySide6.QtWidgets import QLabel\n")
    return tmp_path


def test_graph_counts_function_level_and_relative_imports(tiny_tree: Path) -> None:
    graph = import_graph(tiny_tree, ("core",))
    assert graph == {"core": set(), "core.a": {"core.b"}, "core.b": {"core.a"}, "core.c": {"core.a"}}
    assert find_cycles(graph) == [["core.a", "core.b"]]


def test_layer_check_sees_imports_inside_functions(tiny_tree: Path) -> None:
    assert layer_violations(tiny_tree, {"core": QT}) == [f"{Path('core', 'c.py')}:4 imports PySide6.QtWidgets.QLabel"]
