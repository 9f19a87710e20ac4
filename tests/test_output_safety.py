"""Output files (--out, --eml, --ics) never land in the data folder, nor create folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ENDED = "tidewater-yoga"  # former, with an end date: followup has reminders to write


def _snapshot(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def _commands(home: Path, target: str) -> list[list[str]]:
    return [
        ["letter", "fjord-coffee", "-t", "feedback-request", "--out", target],
        ["letter", "fjord-coffee", "-t", "feedback-request", "--eml", target],
        ["handover", ENDED, "--format", "markdown", "--out", target],
        ["handover", ENDED, "--done", "deliverables-gather", "--out", target],
        ["followup", ENDED, "--ics", target],
    ]


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize(
    "inside", ["clients/northwind-bakery.toml", "config.toml", "clients/new.txt", "notes.md"]
)
def test_an_output_file_inside_the_data_folder_is_refused_before_anything_is_written(
    cli, examples_home: Path, index: int, inside: str
) -> None:
    before = _snapshot(examples_home)
    target = examples_home / inside
    result = cli(*_commands(examples_home, str(target))[index])
    assert result.exit_code == 2, result.stderr
    assert "inside clientexit's data folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(examples_home) == before  # no letter or progress recorded, nothing replaced


def test_a_symlink_or_a_relative_path_into_the_data_folder_is_refused(
    cli, examples_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(examples_home)
    link = tmp_path / "draft.txt"
    link.symlink_to(examples_home / "clients" / "northwind-bakery.toml")
    dangling = tmp_path / "draft.eml"
    dangling.symlink_to(examples_home / "clients" / "not-yet.toml")
    for args in (("--out", str(link)), ("--eml", str(dangling))):
        result = cli("letter", "fjord-coffee", "-t", "feedback-request", *args)
        assert result.exit_code == 2, result.stderr
        assert "inside clientexit's data folder" in result.stderr
    monkeypatch.chdir(examples_home / "clients")
    result = cli("letter", "fjord-coffee", "-t", "feedback-request", "--out", "../config.toml")
    assert result.exit_code == 2
    assert _snapshot(examples_home) == before


def test_a_home_reached_through_a_symlink_is_still_the_data_folder(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(examples_home)
    before = _snapshot(examples_home)
    result = cli(
        "--home", str(alias), "followup", ENDED, "--ics", str(examples_home / "config.toml")
    )
    assert result.exit_code == 2
    assert _snapshot(examples_home) == before


@pytest.mark.parametrize("index", range(5))
def test_a_missing_folder_is_named_and_not_created(
    cli, examples_home: Path, tmp_path: Path, index: int
) -> None:
    before = _snapshot(examples_home)
    target = tmp_path / "no-such-folder" / "out.txt"
    result = cli(*_commands(examples_home, str(target))[index])
    assert result.exit_code == 2, result.stderr
    assert f"{tmp_path / 'no-such-folder'} does not exist" in result.stderr
    assert not target.parent.exists()
    assert _snapshot(examples_home) == before


def test_a_file_as_the_folder_says_it_is_not_a_folder(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    result = cli("followup", ENDED, "--ics", str(plain / "x.ics"))
    assert result.exit_code == 2
    assert f"{plain} is not a folder" in result.stderr


@pytest.mark.parametrize("index", [0, 1, 2, 4])
def test_an_existing_file_elsewhere_is_overwritten(
    cli, examples_home: Path, tmp_path: Path, index: int
) -> None:
    target = tmp_path / "existing.out"
    target.write_text("old\n", encoding="utf-8")
    command = _commands(examples_home, str(target))[index]
    if index == 1:  # an .eml needs the client's address
        cli("client", "set", "fjord-coffee", "email=ingrid@example.com")
    result = cli(*command)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") != "old\n"
    assert str(target) in result.stderr


def test_ics_dash_prints_the_calendar(
    cli, examples_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("followup", ENDED, "--ics", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert not (tmp_path / "-").exists()
    refused = cli("followup", ENDED, "--ics", "-", "--json")
    assert refused.exit_code == 2
    assert refused.stdout == ""


def test_out_and_eml_cannot_be_the_same_file(cli, examples_home: Path, tmp_path: Path) -> None:
    target = str(tmp_path / "letter")
    result = cli("letter", "fjord-coffee", "-t", "thank-you", "--out", target, "--eml", target)
    assert result.exit_code == 2
    assert "same file" in result.stderr
