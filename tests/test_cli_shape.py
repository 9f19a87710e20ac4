"""Commands stay thin: parse the flags, call the core, print. No function in cli/ grows past
LIMIT lines (signature and docstring included), so the work lives in the core where tests reach
it without a terminal, and option declarations live at module level as reusable types."""

from __future__ import annotations

import ast
from pathlib import Path

import clientexit.cli

CLI = Path(clientexit.cli.__file__).parent
LIMIT = 60


def _lengths() -> dict[str, int]:
    found: dict[str, int] = {}
    for source in sorted(CLI.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                where = f"{source.relative_to(CLI).as_posix()}:{node.lineno} {node.name}"
                found[where] = node.end_lineno - node.lineno + 1
    return found


def test_no_cli_function_is_longer_than_the_limit() -> None:
    lengths = _lengths()
    assert len(lengths) > 50, "the scan found too few functions"
    too_long = {where: n for where, n in lengths.items() if n > LIMIT}
    assert too_long == {}, f"over {LIMIT} lines: move the work into the core or a helper"
