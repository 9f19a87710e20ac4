"""Where output goes: `--out -` is stdout, and a folder given for a file says it is a folder."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

LETTER = ["letter", "fjord-coffee", "-t", "thank-you", "--placeholders"]


def _letters(home: Path) -> list[dict]:
    path = home / "clients" / "fjord-coffee.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")).get("letters", [])


def test_out_dash_is_stdout_and_no_file_named_dash(
    cli, examples_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(*LETTER, "--out", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Thank you")
    assert not (tmp_path / "-").exists()
    assert "Wrote" not in result.stderr
    assert _letters(examples_home)[-1]["written_to"] == "stdout"


@pytest.mark.parametrize("option", ["--out", "--eml"])
def test_a_folder_as_the_output_file_says_it_is_a_folder(
    cli, examples_home: Path, tmp_path: Path, option: str
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    result = cli(*LETTER, option, str(folder))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"clientexit: error: {option} {folder} is a folder.")
    assert f"{option} {folder / 'letter.'}" in line  # a file name to give instead
    assert ".tmp" not in line and "Is a directory" not in line
    assert os.listdir(folder) == []
    assert _letters(examples_home) == []  # nothing recorded either


def test_check_on_a_folder_says_it_is_a_folder(cli, tmp_path: Path) -> None:
    result = cli("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"clientexit: error: {tmp_path} is a folder. Give the path of a text file, or -."
    )


def test_eml_dash_is_refused_before_anything_is_recorded(cli, examples_home) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    result = cli("letter", "northwind-bakery", "--type", "payment", "--eml", "-")
    assert result.exit_code == 2
    assert "--eml needs a file name" in result.stderr
    assert path.read_bytes() == before
    assert not (examples_home / "-").exists()


def test_ics_into_a_folder_says_it_is_a_folder(cli, examples_home, tmp_path) -> None:
    assert cli("end", "northwind-bakery", "--by", "me", "--reason", "Late payments").exit_code == 0
    result = cli("followup", "northwind-bakery", "--ics", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.stderr
