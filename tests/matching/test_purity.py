"""matching/ is a pure library: no Flask, no SQLModel, no directory, no network."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import matching

FORBIDDEN = {"flask", "sqlmodel", "sqlalchemy", "directory", "requests", "urllib", "http",
             "socket", "geopy"}


def test_importing_matching_loads_neither_flask_nor_sqlmodel() -> None:
    code = ("import matching, sys; "
            "bad = [m for m in ('flask', 'sqlmodel', 'sqlalchemy', 'directory') "
            "if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_no_module_of_matching_imports_a_forbidden_package() -> None:
    root = Path(matching.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_no_module_of_matching_reads_the_clock() -> None:
    root = Path(matching.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow(",
                     "time.monotonic(", "perf_counter("):
            assert call not in text, (path.name, call)
