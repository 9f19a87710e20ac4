"""cli/_click.py is the one door to Typer's private, vendored Click (typer._click). These tests
pin what it provides, so that a Typer release that moves or changes one of these classes fails
here, by name, and not in every command."""

from __future__ import annotations

import ast
from pathlib import Path

import typer
import typer.core

import clientexit.cli
from clientexit.cli import _click

CLI = Path(clientexit.cli.__file__).parent
SRC = CLI.parent


def test_the_wrapper_provides_the_five_classes_and_nothing_else() -> None:
    assert sorted(_click.__all__) == [
        "Command",
        "CompletionItem",
        "Context",
        "NoArgsIsHelpError",
        "UsageError",
    ]
    for name in _click.__all__:
        assert isinstance(getattr(_click, name), type), name


def test_context_is_the_base_of_typers_context_and_of_what_its_groups_receive() -> None:
    assert issubclass(typer.Context, _click.Context)
    group = typer.core.TyperGroup(name="g")
    ctx = group.make_context("g", [], resilient_parsing=True)
    assert isinstance(ctx, _click.Context)


def test_usage_errors_are_the_ones_typer_raises() -> None:
    assert issubclass(_click.NoArgsIsHelpError, _click.UsageError)
    assert issubclass(typer.BadParameter, _click.UsageError)
    command = typer.core.TyperCommand(name="c", params=[])
    try:
        command.make_context("c", ["--no-such-option"])
    except _click.UsageError as exc:
        assert "--no-such-option" in exc.format_message()
    else:  # pragma: no cover - the test fails here if Typer stops raising it
        raise AssertionError("an unknown option did not raise the wrapper's UsageError")


def test_a_completion_item_carries_its_value_and_help() -> None:
    item = _click.CompletionItem("acme-ltd", help="Acme Ltd")
    assert (item.value, item.help, item.type) == ("acme-ltd", "Acme Ltd", "plain")


def test_no_other_module_imports_typers_private_click() -> None:
    importers = []
    for source in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(
                name == "click" or name.startswith(("typer._click", "click.")) for name in names
            ):
                importers.append(source.relative_to(SRC).as_posix())
    assert set(importers) == {"cli/_click.py"}, importers
