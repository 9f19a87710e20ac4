"""Every command's --help: an example to copy, and a word for every option's value."""

from __future__ import annotations

import re

import pytest
import typer
from typer.core import TyperOption

from clientexit.cli import app


def _commands() -> dict[str, typer.core.TyperCommand]:
    found: dict[str, typer.core.TyperCommand] = {}

    def walk(command: typer.core.TyperCommand, path: str) -> None:
        found[path] = command
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


COMMANDS = _commands()


def test_the_walk_finds_every_command() -> None:
    assert {"", "client add", "assess", "letter", "templates copy", "demo"} <= set(COMMANDS)
    assert len(COMMANDS) > 20


@pytest.mark.parametrize("path", COMMANDS)
def test_help_has_an_example_and_named_values(cli, path: str) -> None:
    result = cli(*path.split(), "--help")
    assert result.exit_code == 0, result.stderr
    assert "Example" in result.stdout
    assert not re.search(r"<[a-z ]+>", result.stdout)  # Typer's type names: <str>, <int range>
    unnamed = [
        param.name
        for param in COMMANDS[path].params
        if isinstance(param, TyperOption) and not param.is_flag and param.metavar is None
    ]
    assert unnamed == []
