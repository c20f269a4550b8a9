"""The house rule: a module holds one workflow and a function one step, so a person who must change one opens one
file. No module of the apps or config over 400 lines, no function over 60 (migrations, bench and tests aside); ruff's
C901 bounds each function's branches at 10 (pyproject.toml)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["agencies", "directives", "tasks", "reports", "api", "config"]
# Dependencies point one way (DESIGN §8): an app imports only the apps to its left.
APPS = ["agencies", "directives", "tasks", "reports", "api"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = length
    assert long == {}


def _imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(APPS)


def test_no_app_imports_one_to_its_right():
    wrong = {}
    for index, app in enumerate(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            right = _imported_apps(path) & set(APPS[index + 1 :])
            if right:
                wrong[str(path.relative_to(ROOT))] = sorted(right)
    assert wrong == {}
