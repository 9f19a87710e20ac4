"""The foundation's command surface: init, client, errors, --help, --version, output streams."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from clientexit import __version__
from clientexit.cli import app


def _all_commands(group: typer.Typer) -> list[list[str]]:
    from typer.main import get_command

    root = get_command(group)
    found: list[list[str]] = []

    def walk(cmd, prefix: list[str]) -> None:
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, [*prefix, name])
        else:
            found.append(prefix)

    walk(root, [])
    return found


@pytest.mark.parametrize("command", _all_commands(app), ids=" ".join)
def test_every_command_has_help_with_an_example(cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "clientexit " in result.stdout.split("Example", 1)[1]


def test_version_without_typer() -> None:
    code = (
        "import sys; from clientexit.__main__ import main; main(['--version']); "
        "assert 'typer' not in sys.modules and 'rich' not in sys.modules"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == f"clientexit {__version__}\n"


def test_python_dash_m_works(home: Path) -> None:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-m", "clientexit", "client", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(out.stdout) == []


def test_init_with_flags_then_update_keeps_the_rest(cli, home: Path) -> None:
    result = cli("init", "--name", "Maya", "--email", "maya@example.com", "--rate", "90", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    result = cli("init", "--currency", "czk", "--yes", "--json")
    profile = json.loads(result.stdout)
    assert profile["name"] == "Maya"
    assert profile["email"] == "maya@example.com"
    assert profile["rate"] == 90.0
    assert profile["currency"] == "CZK"
    assert (home / "config.toml").read_text(encoding="utf-8").startswith("schema_version = 1")


def test_init_without_a_terminal_names_the_flags_instead_of_waiting(cli) -> None:
    result = cli("init", input="")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert "--name" in result.stderr


def test_init_rejects_a_bad_value_with_its_name(cli, home: Path) -> None:
    result = cli("init", "--email", "not-an-email", "--yes")
    assert result.exit_code == 2
    assert "email" in result.stderr
    assert not (home / "config.toml").exists()


def test_client_add_list_show_set_archive(cli) -> None:
    add = cli(
        "client",
        "add",
        "Zelená Louka s.r.o.",
        "--contact",
        "Jana Nováková",
        "--email",
        "jana@zelena.example",
        "--notice-days",
        "14",
        "--language",
        "cs",
        "--started",
        "2025-03-01",
        "--set",
        "po_number=PO-7",
    )
    assert add.exit_code == 0, add.stderr
    listed = json.loads(cli("client", "list", "--json").stdout)
    assert [(c["slug"], c["name"]) for c in listed] == [
        ("zelena-louka-s-r-o", "Zelená Louka s.r.o.")
    ]

    shown = json.loads(cli("client", "show", "Zelená Louka s.r.o.", "--json").stdout)
    assert shown["notice_days"] == 14
    assert shown["started"] == "2025-03-01"
    assert shown["custom"] == {"po_number": "PO-7"}

    changed = json.loads(
        cli("client", "set", "zelena-louka-s-r-o", "rate=80", "vat_id=CZ1", "--json").stdout
    )
    assert changed["rate"] == 80.0
    assert changed["custom"] == {"po_number": "PO-7", "vat_id": "CZ1"}

    assert cli("client", "archive", "zelena-louka-s-r-o").exit_code == 0
    assert json.loads(cli("client", "list", "--json").stdout) == []
    archived = json.loads(cli("client", "list", "--all", "--json").stdout)
    assert archived[0]["archived"] is True
    assert cli("client", "archive", "zelena-louka-s-r-o", "--undo").exit_code == 0
    assert len(json.loads(cli("client", "list", "--json").stdout)) == 1


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("client", "show", "Nobody"), 3, "client add"),
        (("client", "set", "Nobody", "rate=1"), 3, "client add"),
        (("client", "add", ""), 2, "empty"),
        (("client", "add", "x" * 5000), 2, "limit"),
        (("client", "add", "Acme", "--email", "a@b"), 2, "email"),
        (("client", "add", "Acme", "--notice-days", "many"), 2, "notice_days"),
        (("client", "add", "Acme", "--started", "yesterday"), 2, "YYYY-MM-DD"),
        (("client", "add", "Acme", "--set", "name=Other"), 2, "managed by clientexit"),
        (("client", "add", "Acme", "--set", "Bad Key=1"), 2, "field name"),
        (("client", "add", "Acme", "--set", "novalue"), 2, "KEY=VALUE"),
    ],
)
def test_user_mistakes_are_one_line_and_a_documented_code(cli, args, code, words) -> None:
    result = cli(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("clientexit: error: ")
    assert "\n" not in message
    assert words in message


def test_user_text_is_printed_literally_not_as_markup(cli) -> None:
    cli("client", "add", "Acme [bold]Ltd[/bold]", "--contact", "Jo [final]")
    cli("client", "set", "acme-bold-ltd-bold", "notes=Invoice [final] sent")
    shown = cli("client", "show", "acme-bold-ltd-bold").stdout
    assert "Invoice [final] sent" in shown
    assert "Acme [bold]Ltd[/bold]" in shown
    listed = cli("client", "list").stdout
    assert "Jo [final]" in listed


def test_home_option_beats_the_environment(cli, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert cli("--home", str(other), "client", "add", "Acme").exit_code == 0
    assert (other / "clients" / "acme.toml").is_file()
    assert json.loads(cli("client", "list", "--json").stdout) == []


def test_demo_runs_and_leaves_the_users_data_alone(cli, home: Path) -> None:
    cli("client", "add", "Mine")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    assert "Northwind Bakery" in result.stdout
    after = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.slow
def test_demo_shows_each_command_as_a_user_types_it(cli, tmp_path: Path) -> None:
    from clientexit._resources import examples_dir

    cwd = Path.cwd()
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    shown = "$ clientexit assess fjord-coffee --answers examples/answers/fjord-coffee.toml"
    assert shown in result.stderr
    assert str(examples_dir()) not in result.stderr and "site-packages" not in result.stderr
    assert Path.cwd() == cwd


@pytest.mark.slow
def test_demo_runs_on_the_day_its_examples_are_written_for(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTEXIT_TODAY", "2031-06-01")
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    assert "written for 2026-11-25" in result.stderr
    assert "2031" not in result.stdout
    assert os.environ["CLIENTEXIT_TODAY"] == "2031-06-01"


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    from typer.main import get_command

    from clientexit.cli import COMMANDS, build_app

    assert set(get_command(app).commands) == set(COMMANDS)
    for name, module in COMMANDS.items():
        assert name in get_command(build_app((module,))).commands


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["letter", "acme", "--type", "payment"], "letter"),
        (["--home", "/tmp/x", "client", "list"], "client"),
        (["--home=/tmp/x", "--debug", "handover", "x"], "handover"),
        (["--help"], None),
        (["-V"], None),
        ([], None),
    ],
)
def test_invoked_command(args: list[str], command: str | None) -> None:
    from clientexit.cli import invoked_command

    assert invoked_command(args) == command


def test_a_lazily_built_command_behaves_like_the_full_app(home: Path) -> None:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home)}
    run = [sys.executable, "-m", "clientexit"]
    added = subprocess.run([*run, "client", "add", "Acme"], env=env, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    missing = subprocess.run(
        [*run, "client", "show", "Nobody"], env=env, capture_output=True, text=True
    )
    assert missing.returncode == 3
    assert missing.stderr.startswith("clientexit: error: No client called 'Nobody'")
    typo = subprocess.run([*run, "clinet", "list"], env=env, capture_output=True, text=True)
    assert typo.returncode == 2
    assert "No such command" in typo.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_json_is_indented_on_a_terminal_and_one_line_when_piped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clientexit.cli._common import emit_json

    data = [{"client": "çağrı", "due": dt.date(2026, 11, 25)}]
    piped, terminal = io.StringIO(), _Terminal()
    monkeypatch.setattr("sys.stdout", piped)
    emit_json(data)
    monkeypatch.setattr("sys.stdout", terminal)
    emit_json(data)
    assert piped.getvalue() == '[{"client": "çağrı", "due": "2026-11-25"}]\n'
    assert terminal.getvalue().startswith('[\n  {\n    "client": "çağrı",')
    assert json.loads(piped.getvalue()) == json.loads(terminal.getvalue())
