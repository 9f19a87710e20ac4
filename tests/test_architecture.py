"""The shape CONTRIBUTING.md promises: a pure core that never imports typer or rich."""

from __future__ import annotations

import ast
from pathlib import Path

import clientexit

PACKAGE = Path(clientexit.__file__).parent


def _imported(source: Path) -> set[str]:
    """Every top-level package imported anywhere in ``source``, inside functions too."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_typer_or_rich() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts]
    assert len(core) > 20, "the scan found too few modules"
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(found)
        for p in core
        if (found := _imported(p) & {"typer", "rich"})
    }
    assert offenders == {}
