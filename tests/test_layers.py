"""Which folders may import which: the arrows of the house point one way.

Read from the source files themselves (their import statements), so a new import that
crosses a line fails here before it becomes a habit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import blocwatch

PACKAGE = Path(blocwatch.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, including ``from x import y`` as ``x`` and ``x.y``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _offences(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    offences = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for module in sorted(_imports(path)):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                offences.append(f"{path.relative_to(PACKAGE)} imports {module}")
    return offences


@pytest.mark.parametrize("folder", ["ingest", "store"])
def test_readers_and_the_store_take_rejections_from_the_model_not_the_executor(
    folder: str,
) -> None:
    assert _offences(folder, ("blocwatch.pipeline",)) == []


def test_the_import_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from blocwatch.pipeline import Rejection\nimport os.path\n")
    assert _imports(sample) >= {"blocwatch.pipeline", "blocwatch.pipeline.Rejection", "os.path"}


def _session_calls(folder: str) -> list[str]:
    """Calls of ``.session()`` (opening a database session) in the folder's files."""
    calls = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "session"
            ):
                calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return calls


def test_the_web_imports_no_table_and_opens_no_session() -> None:
    """All SQL lives in store/: pages and routes call its read functions and show records."""
    assert _offences("web", ("blocwatch.store.schema", "sqlalchemy.orm", "sqlalchemy.sql")) == []
    assert _session_calls("web") == []
    assert _session_calls("store") != []  # the check sees sessions where they are opened


def test_the_analysis_imports_no_sql_and_opens_no_session() -> None:
    """Analyses compute over typed records the store reads; the queries live in store/."""
    assert _offences("analysis", ("sqlalchemy", "blocwatch.store.schema")) == []
    assert _session_calls("analysis") == []
