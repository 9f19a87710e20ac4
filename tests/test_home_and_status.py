"""A data folder that is a file is refused; client set cannot skip `clientexit end`."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [("clients",), ("client", "add", "Acme"), ("status",)])
def test_home_option_that_is_a_file_is_refused(cli, a_file: Path, command: tuple[str, ...]) -> None:
    result = cli("--home", str(a_file), *command)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"clientexit: error: --home {a_file} is not a folder.")
    assert "No clients yet" not in result.stderr + result.stdout
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_home_below_a_file_names_the_file(cli, a_file: Path) -> None:
    result = cli("--home", str(a_file / "data"), "clients")
    assert result.exit_code == 2
    assert f"--home {a_file / 'data'}: {a_file} is not a folder." in result.stderr


def test_environment_home_that_is_a_file_is_refused(cli, a_file: Path) -> None:
    result = cli("clients", env={"CLIENTEXIT_HOME": str(a_file)})
    assert result.exit_code == 2
    assert f"$CLIENTEXIT_HOME ({a_file}) is not a folder." in result.stderr


def test_a_home_that_does_not_exist_yet_is_still_fine(cli, tmp_path: Path) -> None:
    result = cli("--home", str(tmp_path / "new" / "home"), "clients")
    assert result.exit_code == 0
    assert "No clients yet" in result.stderr


def _status(home: Path, slug: str) -> str:
    path = home / "clients" / f"{slug}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["status"]


@pytest.mark.parametrize("status", ["ending", "former", "Former", " ending "])
def test_client_set_cannot_end_a_client(cli, examples_home: Path, status: str) -> None:
    path = examples_home / "clients" / "kestrel-analytics.toml"
    before = path.read_bytes()
    result = cli("client", "set", "kestrel-analytics", f"status={status}")
    assert result.exit_code == 2
    assert "clientexit end CLIENT --by me|client --reason" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("slug", "status"), [("kestrel-analytics", "at-risk"), ("larkspur-events", "active")]
)
def test_client_set_still_sets_active_and_at_risk(
    cli, examples_home: Path, slug: str, status: str
) -> None:
    assert cli("client", "set", slug, f"status={status}").exit_code == 0
    assert _status(examples_home, slug) == status


def test_end_still_makes_a_client_former_or_ending(cli, examples_home: Path) -> None:
    result = cli("end", "kestrel-analytics", "--by", "me", "--reason", "Micromanagement")
    assert result.exit_code == 0, result.stderr
    assert _status(examples_home, "kestrel-analytics") in ("ending", "former")
