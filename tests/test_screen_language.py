"""A screen is for the user, in the user's language (issue 19): `followup` lists every client's
steps in the profile's language, or the one --lang names, never in each client's; and the
notes on stderr follow the language of the command's output."""

from __future__ import annotations

from pathlib import Path

import pytest

CZECH = "zelena-louka-s-r-o"  # language = "cs"
TURKISH = "cagri-yazilim-ltd-sti"  # language = "tr"
# The same checklist step (access-inventory) in each language.
INVENTORY = {
    "en": "List every account and service, and decide for each: transfer it, close it, or "
    "leave it accessible.",
    "cs": "Sepište všechny účty a služby a u každého rozhodněte: převést, zrušit, nebo ponechat "
    "přístupný.",
    "tr": "Tüm hesapları ve hizmetleri listeleyin ve her biri için karar verin:",
}


def _ending(cli) -> None:
    for slug in (CZECH, TURKISH):
        ended = cli("end", slug, "--by", "me", "--reason", "Scope", "--date", "2026-12-31")
        assert ended.exit_code == 0, ended.stderr


def _steps(cli, *args: str) -> str:
    shown = cli("followup", *args)
    assert shown.exit_code == 0, shown.stderr
    return " ".join(shown.stdout.split())


def test_followup_lists_every_clients_steps_in_the_users_language(cli, examples_home: Path) -> None:
    _ending(cli)
    for listing in (_steps(cli), _steps(cli, CZECH), _steps(cli, TURKISH)):
        assert INVENTORY["en"] in listing
        assert INVENTORY["cs"] not in listing and INVENTORY["tr"] not in listing
    both = _steps(cli)
    assert both.count(INVENTORY["en"]) == 2  # the Czech client's and the Turkish client's


@pytest.mark.parametrize("lang", ["cs", "tr"])
def test_followup_lang_puts_every_clients_steps_in_that_language(
    cli, examples_home: Path, lang: str
) -> None:
    _ending(cli)
    listing = _steps(cli, "--lang", lang)
    assert listing.count(INVENTORY[lang]) == 2
    assert INVENTORY["en"] not in listing
    one = _steps(cli, CZECH, "--lang", lang)
    assert INVENTORY[lang] in one and INVENTORY["en"] not in one


def test_a_czech_profile_reads_followup_in_czech(cli, examples_home: Path) -> None:
    _ending(cli)
    path = examples_home / "config.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('language = "en"', 'language = "cs"'),
        encoding="utf-8",
    )
    listing = _steps(cli)
    assert listing.count(INVENTORY["cs"]) == 2
    assert INVENTORY["en"] not in listing and INVENTORY["tr"] not in listing
