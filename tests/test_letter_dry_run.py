"""letter --dry-run: the letter is drafted, checked and printed, and nothing is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("slug", "letter_type"),
    [("northwind-bakery", "payment"), ("fjord-coffee", "feedback-request")],
)
def test_a_dry_run_leaves_the_client_file_byte_identical(
    cli, examples_home: Path, slug: str, letter_type: str
) -> None:
    client_file = examples_home / "clients" / f"{slug}.toml"
    before = client_file.read_bytes()
    result = cli("letter", slug, "-t", letter_type, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: ")
    assert "Dry run: nothing recorded" in result.stderr
    assert "now marked as ending" not in result.stderr
    assert client_file.read_bytes() == before
    shown = cli("client", "show", slug, "--json")
    assert shown.exit_code == 0, shown.stderr
    assert '"ending"' not in shown.stdout


def test_without_dry_run_the_same_letter_is_recorded(cli, examples_home: Path) -> None:
    client_file = examples_home / "clients" / "northwind-bakery.toml"
    before = client_file.read_bytes()
    result = cli("letter", "northwind-bakery", "-t", "payment")
    assert result.exit_code == 0, result.stderr
    assert "Dry run" not in result.stderr
    assert client_file.read_bytes() != before
    assert "[[letters]]" in client_file.read_text(encoding="utf-8")


def test_a_dry_run_still_checks_the_tone(cli, examples_home: Path) -> None:
    result = cli(
        "letter",
        "fjord-coffee",
        "-t",
        "thank-you",
        "--dry-run",
        "--set",
        "highlight=the launch, although you always ignore my emails",
    )
    assert result.exit_code == 0, result.stderr
    assert "tone:" in result.stderr


def test_a_dry_run_writes_no_file(cli, examples_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    result = cli("letter", "northwind-bakery", "--dry-run", "--out", str(target))
    assert result.exit_code == 2
    assert "--dry-run writes no file" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("option", ["--out", "--eml"])
def test_a_dry_run_with_a_file_is_one_usage_line_naming_both_flags(
    cli, examples_home: Path, tmp_path: Path, option: str
) -> None:
    target = tmp_path / "letter"
    result = cli("letter", "northwind-bakery", "--dry-run", option, str(target))
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert "--dry-run" in first and option in first, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


def test_a_dry_run_may_name_stdout_as_its_output(cli, examples_home: Path) -> None:
    result = cli("letter", "northwind-bakery", "-t", "payment", "--dry-run", "--out", "-")
    assert result.exit_code == 0, result.stderr
    assert "Dry run: nothing recorded" in result.stderr
    assert result.stdout.strip()
