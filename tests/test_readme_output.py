"""The output the README shows is what the commands print (the demo's steps, on its day)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from clientexit._resources import examples_dir
from clientexit.demo import load, seed

REPO = Path(__file__).resolve().parent.parent
SHOWN = (
    "hours kestrel-analytics",
    "assess northwind-bakery",
    "letter northwind-bakery",
    "letter zelena-louka-s-r-o",
    "clients",
    "churn --period 2026Q3",
)


def test_the_readme_shows_what_the_demo_steps_print(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # steps that write files (packet, bundle) write them here
    monkeypatch.delenv("COLUMNS")  # as in the README: a pipe, no width asked for
    examples = examples_dir()
    tour = load(examples)
    monkeypatch.setenv("CLIENTEXIT_TODAY", tour.today)
    seed(home, examples)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    checked = []
    for _, args in tour.steps:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        command = shlex.join(args)
        if command.startswith(SHOWN):
            assert result.stdout.strip() in readme, f"README shows stale output of: {command}"
            checked.append(command)
    assert len(checked) == len(SHOWN)
