"""Issue 24: a client name edited by hand is checked on load like every other text field: a line
break, an ESC, a bidi override or another control or format character makes the file one
warning (exit 4) naming file and key, never a name printed to a terminal or a letter."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

BAD = ["Fjord\rCoffee", "Fjord\nCoffee", "\x1b]0;pwned\x07Fjord", "Fjord\u202eeeffoC",
       "Fjord\u2066Coffee", "Fjord\u200bCoffee", "Fjord\x00", "Fjord\u2028Coffee", "Fjord\x85",
       "", "   ", 5, ["Fjord"]]  # fmt: skip


@pytest.mark.parametrize("name", BAD, ids=repr)
def test_a_hand_edited_name_that_is_not_plain_text_is_refused(cli, examples_home: Path, name):
    path = examples_home / "clients" / "fjord-coffee.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["name"] = name
    path.write_text(doc.as_string(), encoding="utf-8")
    result = cli("--home", str(examples_home), "clients")
    assert result.exit_code == 4
    # stderr also carries the overdue total under the listing (in a pipe): the warning is the
    # one other line.
    others = [line for line in result.stderr.splitlines() if not line.startswith("Overdue")]
    warning = "\n".join(others).strip()
    assert warning.count("\n") == 0 and "fjord-coffee.toml: name = " in warning
    assert "\x1b" not in warning and "\u202e" not in warning and "\r" not in warning
    assert "Northwind Bakery" in result.stdout and "Fjord" not in result.stdout
    for args in (
        ("letter", "fjord-coffee", "-t", "general", "--dry-run"),
        ("handover", "fjord-coffee"),
    ):
        shown = cli("--home", str(examples_home), *args)
        assert shown.exit_code == 4 and "fjord-coffee.toml: name = " in shown.stderr


@pytest.mark.parametrize(
    "name", ["Çağrı Yazılım Ltd. Şti.", "Zelená Louka s.r.o.", "O'Brien & Co", "株式会社テスト"]
)
def test_ordinary_names_in_any_script_load(cli, examples_home: Path, name: str) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["name"] = name
    path.write_text(doc.as_string(), encoding="utf-8")
    result = cli("--home", str(examples_home), "clients")
    assert result.exit_code == 0, result.stderr
    assert name in result.stdout
