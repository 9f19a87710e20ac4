"""The benchmarks build the books they time: a broken builder would leave the README's figures
unmeasurable, so each kind of synthetic book is built small here and read by the real commands."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from benchmark_helpers import load_benchmark

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", ["plain", "realistic"])
def test_book_scale_builds_a_book_the_commands_read(kind: str, home: Path, cli) -> None:
    book_scale = load_benchmark("book_scale")
    assert kind in book_scale.BOOKS
    book_scale.make_book(home, 30, kind)
    files = sorted((home / "clients").glob("*.toml"))
    assert len(files) == 30
    for path in files:
        tomllib.loads(path.read_text(encoding="utf-8"))
    result = cli("clients", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 30
    assert cli("followup").exit_code == 0


@pytest.mark.slow
def test_book_scale_runs_as_a_script(tmp_path: Path) -> None:
    """As the README runs it: every helper must be defined before ``main`` runs."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "book_scale.py"), "--clients=12", "--rounds=1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "plain book: 12 client files" in done.stdout
    assert "realistic book: 12 client files" in done.stdout
    assert done.stdout.count("first run of a new day") == 2  # both books
