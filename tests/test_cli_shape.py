"""Commands stay thin: parse the flags, call the core, print. No function in cli/ grows past
LIMIT lines (signature and docstring included), so the work lives in the core where tests reach
it without a terminal."""

from __future__ import annotations

import ast
from pathlib import Path

import clientexit.cli

CLI = Path(clientexit.cli.__file__).parent
LIMIT = 60
# Functions not yet cut down, with the length each may not exceed: this list only shrinks.
STILL_LONG = {
    "client_cmd.py:add": 70,
    "init_cmd.py:init": 66,
    "assess_view.py:render": 66,
    "end_cmd.py:end": 64,
    "check_cmd.py:check": 63,
}


def _lengths() -> dict[str, int]:
    found: dict[str, int] = {}
    for source in sorted(CLI.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                where = f"{source.relative_to(CLI).as_posix()}:{node.name}"
                found[where] = max(found.get(where, 0), node.end_lineno - node.lineno + 1)
    return found


def test_no_cli_function_is_longer_than_the_limit() -> None:
    lengths = _lengths()
    assert len(lengths) > 50, "the scan found too few functions"
    too_long = {where: n for where, n in lengths.items() if n > STILL_LONG.get(where, LIMIT)}
    assert too_long == {}, f"over {LIMIT} lines: move the work into the core or a helper"


def test_the_list_of_long_functions_only_shrinks() -> None:
    lengths = _lengths()
    done = {where for where in STILL_LONG if lengths.get(where, 0) <= LIMIT}
    assert done == set(), "these are short now: take them off STILL_LONG"
