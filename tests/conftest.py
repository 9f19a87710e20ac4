"""Shared fixtures: every test gets its own data folder; nothing touches the real home."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
import typer.testing
from typer.testing import CliRunner

from clientexit._resources import examples_dir

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point clientexit and the platform folders at tmp_path; pin a stable, colourless output."""
    monkeypatch.setenv("CLIENTEXIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user" / "data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    # The examples are dated around this day; pinning it keeps every date-dependent result
    # (overdue, due soon, periods) the same whatever day the suite runs. Subprocesses inherit it.
    monkeypatch.setenv("CLIENTEXIT_TODAY", TODAY.isoformat())


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The (empty) data folder CLIENTEXIT_HOME points at."""
    return tmp_path / "home"


@pytest.fixture
def examples_home(home: Path) -> Path:
    """A data folder holding a copy of the bundled example profile and clients."""
    from clientexit.demo import seed

    seed(home, examples_dir())
    return home


# typer's CliRunner builds the Click command from the Typer app on every invoke: for the whole
# app (every command, every option copied) that was ~60 ms a call, most of the suite's time. A
# Click command holds no state between runs, so each app's is built once per session.
_COMMANDS: dict[int, tuple[typer.Typer, Any]] = {}


def _command_once(app: typer.Typer) -> Any:
    if id(app) not in _COMMANDS:
        _COMMANDS[id(app)] = (app, typer.main.get_command(app))  # the app kept: ids stay unique
    return _COMMANDS[id(app)][1]


typer.testing._get_command = _command_once  # type: ignore[attr-defined]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner):
    """Run ``clientexit ARGS...`` in-process; returns typer's Result (stdout, stderr, exit_code)."""
    from clientexit.cli import app

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def examples() -> Path:
    return examples_dir()


def copy_examples(dest: Path) -> Path:
    """Copy the examples folder (for tests that edit example files)."""
    shutil.copytree(examples_dir(), dest)
    return dest


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The clients whose handover checklist is built in the test (not read from a cache)."""
    from clientexit.handover import checklist

    built: list[str] = []
    real = checklist.build

    def counting(record, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(record.slug)
        return real(record, *args, **kwargs)

    monkeypatch.setattr(checklist, "build", counting)
    return built
