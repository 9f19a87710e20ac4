"""clientexit templates list | show | copy, and copies that override the built-in ones."""

from __future__ import annotations

import json
from pathlib import Path

from clientexit.letters import catalog


def test_list_shows_every_builtin_type(cli, home: Path) -> None:
    result = cli("templates", "list", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    builtin = {(r["name"], r["lang"]) for r in rows if r["source"] == "built-in"}
    assert {(name, "en") for name in catalog.names()} <= builtin
    human = cli("templates", "list")
    assert "scope-creeper" in human.stdout and "built-in" in human.stdout


def test_show_prints_the_template_source(cli, home: Path) -> None:
    result = cli("templates", "show", "payment")
    assert result.exit_code == 0
    assert result.stdout.startswith("Subject: ")
    assert '{% include "_money.j2" %}' in result.stdout
    assert "built-in" in result.stderr


def test_show_unknown_type_lists_valid_ones(cli, home: Path) -> None:
    result = cli("templates", "show", "rant")
    assert result.exit_code == 3
    assert "general" in result.stderr and "follow-up" in result.stderr


def test_copy_then_edit_overrides_the_builtin(cli, examples_home: Path) -> None:
    result = cli("templates", "copy", "general")
    assert result.exit_code == 0, result.stderr
    copy = examples_home / "templates" / "letters" / "en" / "general.txt.j2"
    assert copy.read_text(encoding="utf-8").startswith("Subject: ")
    copy.write_text("Subject: Mine\n\nHello {{ client.contact }}.\n", encoding="utf-8")
    letter = cli("letter", "northwind-bakery", "-t", "general", "--no-cooldown")
    assert letter.stdout == "Subject: Mine\n\nHello Tom Becker.\n"
    listed = json.loads(cli("templates", "list", "--json").stdout)
    mine = [r for r in listed if r["source"] == "yours"]
    assert [(r["name"], r["lang"], r["path"]) for r in mine] == [("general", "en", str(copy))]
    assert cli("templates", "show", "general").stdout.startswith("Subject: Mine")
    again = cli("templates", "copy", "general")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert cli("templates", "copy", "general", "--force").exit_code == 0
    assert copy.read_text(encoding="utf-8") != "Subject: Mine\n\nHello {{ client.contact }}.\n"


def test_copy_into_a_language_without_builtins_starts_from_english(cli, home: Path) -> None:
    result = cli("templates", "copy", "follow-up", "--lang", "xx")
    assert result.exit_code == 0
    assert "copied the English one" in result.stderr
    assert (home / "templates" / "letters" / "xx" / "follow-up.txt.j2").is_file()
