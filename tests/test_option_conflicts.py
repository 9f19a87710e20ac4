"""Options that exclude each other are refused the same way in every command: one usage line on
stderr naming both flags, exit 2, nothing written or recorded (cli._common.refuse_conflicts)."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = [
    (("letter", "northwind-bakery", "--dry-run", "--eml", "{tmp}/l.eml"), "--dry-run", "--eml"),
    (("handover", "halvorsen-freight", "--json", "--format", "markdown"), "--json", "--format"),
    (("handover", "halvorsen-freight", "--json", "--out", "{tmp}/h.md"), "--json", "--out"),
    (("handover", "halvorsen-freight", "--format", "text", "--out", "-"), "--format text", "--out"),
    (("followup", "tidewater-yoga", "--ics", "-", "--json"), "--ics -", "--json"),
    (("assess", "fjord-coffee", "--print-answers", "--json"), "--print-answers", "--json"),
    (
        ("assess", "fjord-coffee", "--print-answers", "--answers", "{tmp}/a.toml"),
        "--print-answers",
        "--answers",
    ),
]


@pytest.mark.parametrize(("args", "first", "second"), CASES)
def test_a_conflict_is_one_usage_line_naming_both_flags(
    cli, examples_home: Path, tmp_path: Path, args: tuple[str, ...], first: str, second: str
) -> None:
    before = sorted((p.name, p.read_bytes()) for p in (examples_home / "clients").iterdir())
    result = cli(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("clientexit: error: ")
    assert f"{first} " in lines[0] and f"leave out {second}." in lines[0]
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == [examples_home.name]  # no file written
    assert sorted((p.name, p.read_bytes()) for p in (examples_home / "clients").iterdir()) == before


def test_each_option_alone_is_fine(cli, examples_home: Path) -> None:
    assert cli("handover", "halvorsen-freight", "--json").exit_code == 0
    assert cli("handover", "halvorsen-freight", "--format", "markdown").exit_code == 0
    assert cli("assess", "fjord-coffee", "--print-answers").exit_code == 0
