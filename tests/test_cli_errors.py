"""The README's exit codes and one-line errors: usage mistakes, unknown names, broken templates and
a reader that stops reading (`clientexit ... | head -1`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (["clients", "--nope"], "No such option: --nope", "clientexit clients"),
        (["client", "add"], "Missing argument 'NAME'.", "clientexit client add"),
        (["client", "list", "--bogus", "x"], "No such option: --bogus", "clientexit client list"),
        (["followup", "--weeks", "99"], "Invalid value for '--weeks'", "clientexit followup"),
        (["letter"], "Missing argument 'CLIENT'.", "clientexit letter"),
        (["--nope"], "No such option: --nope", "clientexit"),
        (["clinet", "list"], "No such command 'clinet'.", "clientexit"),
        (["templates", "show", "a", "b"], "unexpected extra argument", "clientexit templates show"),
    ],
)
def test_a_usage_mistake_is_one_line_naming_the_help_to_read(
    cli, examples_home: Path, args: list[str], message: str, command: str
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    line = _one_line(result.stderr)
    assert line.startswith("clientexit: error: ")
    assert message in line
    assert line.endswith(f"(see: {command} --help)")
    assert "Usage:" not in result.stderr and "Try " not in result.stderr
    assert result.stdout == ""


def test_a_group_without_a_command_still_shows_its_help(cli) -> None:
    result = cli("client")
    assert "Commands" in result.output and "add" in result.output
    assert "clientexit: error" not in result.output


def test_the_installed_program_prints_the_same_line(home: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "clientexit", "client", "add", "--rate"],
        capture_output=True,
        text=True,
        env={**os.environ, "CLIENTEXIT_HOME": str(home)},
    )
    assert run.returncode == 2
    assert _one_line(run.stderr) == (
        "clientexit: error: Option '--rate' requires an argument. "
        "(see: clientexit client add --help)"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["letter", "northwind-bakery", "--type", "nope"],
        ["templates", "show", "nope"],
        ["templates", "copy", "nope"],
    ],
)
def test_an_unknown_letter_type_is_not_found(cli, examples_home: Path, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 3
    line = _one_line(result.stderr)
    assert "'nope'" in line and "scope-creeper" in line


def test_a_template_of_yours_that_does_not_parse_is_a_data_file_error(
    cli, examples_home: Path
) -> None:
    folder = examples_home / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    broken = folder / "thank-you.txt.j2"
    broken.write_text("Subject: Hi\n\nDear {{ client.contact }},\n{% if %}\n", encoding="utf-8")
    result = cli("letter", "fjord-coffee", "-t", "thank-you", "--placeholders")
    assert result.exit_code == 4
    line = _one_line(result.stderr)
    assert line.startswith(f"clientexit: error: {broken}:4: ")
    assert "delete the file" in line
    assert result.stdout == ""


def _closed_pipe_run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run clientexit with stdout a pipe whose reader has already gone, as after `| head -1`."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "clientexit", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CLIENTEXIT_HOME": str(home)},
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["handover", "northwind-bakery"],  # rich, a long table
        ["clients"],  # rich, a short table
        ["clients", "--json"],  # sys.stdout.write
        ["templates", "show", "payment"],  # typer.echo
        ["churn"],
    ],
)
def test_a_closed_stdout_stops_quietly_with_exit_0(examples_home: Path, args: list[str]) -> None:
    run = _closed_pipe_run(examples_home, *args)
    assert run.returncode == 0, run.stderr
    assert "Broken pipe" not in run.stderr and "Traceback" not in run.stderr
    assert "Exception ignored" not in run.stderr
    assert "clientexit: error" not in run.stderr
