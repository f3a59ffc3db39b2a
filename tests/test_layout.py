"""The package's folders are its architecture (README, "For maintainers"): the layers import one way,
the adapter stays thin, no module grows past what a reader can hold, and the tests mirror the groups."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT

PACKAGE = ROOT / "hooks" / "rectify"
ADAPTER = ROOT / "hooks" / "rectify_hooks.py"
GROUPS = {"data", "site", "intake", "output", "edit", "cli"}
# Folders of the package that hold files, not Python: the JSON Schemas and the new-notice templates.
RESOURCES = {"schema", "templates"}


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the package under ``project/hooks``, with ``project/pyproject.toml``'s contracts."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    return subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "imported", "contract"),
    [
        ("data/model.py", "from rectify.site import markup", "cli → output | edit → site | intake → data"),  # upwards
        (
            "site/feed.py",
            "from rectify.intake.ledger import cells",
            "cli → output | edit → site | intake → data",
        ),  # sideways
        ("site/charts.py", "import mkdocs.config", "Only the adapter knows MkDocs"),
        ("output/build.py", "from rectify.edit import app", "Only rectify serve edits"),
        ("site/paths.py", "from rectify.site.pages import blocks", "rectify.site: render → pages → paths"),
        ("site/pages/home.py", "from rectify.site.pages import notice", "each page family uses blocks"),
        ("intake/notice/outline.py", "from rectify.intake.notice import classify", "rectify.intake.notice: importer"),
    ],
)
def test_an_import_against_the_rule_is_refused(tmp_path: Path, module: str, imported: str, contract: str) -> None:
    """The contracts are not vacuous: one wrong import in a copy of the package makes lint-imports fail."""
    shutil.copytree(PACKAGE, tmp_path / "hooks" / "rectify", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "hooks" / "rectify" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{imported}  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    # Only the report of broken contracts: the summary above it names every contract, kept or not.
    broken = result.stdout.partition("Broken contracts")[2]
    assert contract in broken, result.stdout


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_the_adapter_uses_only_the_data_layer_and_the_site() -> None:
    ours = {name for name in _imported_modules(ADAPTER) if name.split(".")[0] == "rectify"}
    assert ours, "the adapter imports nothing of the package?"
    assert {name.split(".")[1] for name in ours} <= {"data", "site"}, sorted(ours)


def test_the_package_top_level_is_its_groups() -> None:
    entries = {entry.name for entry in PACKAGE.iterdir()} - {"__pycache__"}
    assert entries - RESOURCES == GROUPS | {"__init__.py"}
    for group in GROUPS:
        assert (PACKAGE / group / "__init__.py").is_file(), group


def _sizes() -> list[tuple[str, str, int, int]]:
    """(kind, where, lines, limit) of every module, class and function of the package and the adapter."""
    sizes: list[tuple[str, str, int, int]] = []
    for path in [ADAPTER, *sorted(PACKAGE.rglob("*.py"))]:
        source = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        sizes.append(("module", where, source.count("\n"), 200 if path == ADAPTER else 600))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                limit = 250 if isinstance(node, ast.ClassDef) else 90
                sizes.append((type(node).__name__, f"{where}:{node.lineno} {node.name}", size, limit))
    return sizes


def test_no_module_class_or_function_outgrows_a_reader() -> None:
    sizes = _sizes()
    assert len(sizes) > 500  # every module, class and function was measured
    too_long = [f"{kind} {where}: {size} lines (at most {limit})" for kind, where, size, limit in sizes if size > limit]
    assert not too_long, "\n".join(too_long)


def test_the_tests_mirror_the_groups() -> None:
    tests = ROOT / "tests"
    folders = {path.parent.name for path in tests.glob("*/test_*.py")}
    assert folders == GROUPS | {"adapter"}
    assert [path.name for path in tests.glob("test_*.py")] == ["test_layout.py"]


def test_tools_are_not_in_the_tests() -> None:
    """tests/ holds tests and the helpers they import; what measures, reports or packages (make bench,
    make offline, the fixture reports) is in tools/, which holds no test."""
    helpers = sorted(path.name for path in (ROOT / "tests").glob("*.py") if not path.name.startswith("test_"))
    assert helpers == ["chinese_output.py", "conftest.py"]
    tools = {path.name for path in (ROOT / "tools").glob("*.py")}
    assert {"benchmark.py", "synthetic.py", "offline_package.py"} <= tools
    assert not [name for name in tools if name.startswith("test_")]
