"""init refuses what clientexit cannot use: a language it has no letters in, a currency code that
is no currency, an empty name; a locale like tr-TR means its language; errors end with one stop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit import i18n

LETTER = "Subject: Hallo\n\nHallo {{ client.contact }},\n"


def unchanged(cli, home: Path, *args: str) -> str:
    """Run init with ``args``; it must be refused with exit code 2 and config.toml untouched."""
    config = home / "config.toml"
    before = config.read_bytes() if config.exists() else None
    result = cli("init", *args, "--yes")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (config.read_bytes() if config.exists() else None) == before
    return result.stderr


def test_a_language_without_letters_is_refused_naming_those_that_exist(cli, examples_home):
    message = unchanged(cli, examples_home, "--language", "de")
    assert "no letters in German (de), only in cs, en, tr" in message
    assert "clientexit templates copy general --lang de" in message


def test_a_code_that_is_no_language_is_refused(cli, examples_home: Path) -> None:
    message = unchanged(cli, examples_home, "--language", "xx")
    assert "'xx' is not a language" in message and "cs, en, tr" in message
    assert "templates copy" not in message


def test_a_language_the_user_wrote_templates_for_is_accepted(cli, examples_home: Path) -> None:
    folder = examples_home / "templates" / "letters" / "de"
    folder.mkdir(parents=True)
    (folder / "general.txt.j2").write_text(LETTER, encoding="utf-8")
    result = cli("init", "--language", "de", "--yes")
    assert result.exit_code == 0, result.stderr
    assert 'language = "de"' in (examples_home / "config.toml").read_text("utf-8")


@pytest.mark.parametrize(("given", "stored"), [("tr-TR", "tr"), ("cs_CZ", "cs"), ("EN", "en")])
def test_a_locale_means_its_language(cli, examples_home: Path, given: str, stored: str) -> None:
    assert cli("init", "--language", given, "--yes").exit_code == 0
    assert f'language = "{stored}"' in (examples_home / "config.toml").read_text("utf-8")
    client = examples_home / "clients" / "northwind-bakery.toml"
    assert cli("client", "set", "northwind-bakery", f"language={given}").exit_code == 0
    assert f'language = "{stored}"' in client.read_text("utf-8")


@pytest.mark.parametrize(
    ("given", "code"),
    [("tr-TR", "tr"), ("cs_CZ", "cs"), ("cs_CZ.UTF-8", "cs"), ("en-GB", "en"), ("sr-Latn", "sr")],
)
def test_language_code_drops_the_region(given: str, code: str) -> None:
    assert i18n.language_code(given, "--lang") == code
    assert i18n.choose_language(given, None, None) == code


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8}){0,2}", fullmatch=True))
def test_any_locale_tag_gives_its_first_part(tag: str) -> None:
    assert i18n.language_code(tag, "--lang") == re.match("[a-zA-Z]+", tag)[0].lower()


@pytest.mark.parametrize("code", ["XYZ", "xts", "XXX", "EURO", "E1R"])
def test_a_currency_code_that_is_no_currency_is_refused(cli, examples_home, code) -> None:
    assert "currency" in unchanged(cli, examples_home, "--currency", code)


def test_a_client_currency_that_is_no_currency_is_refused(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    result = cli("client", "set", "northwind-bakery", "currency=XYZ")
    assert result.exit_code == 2 and "ISO 4217 currency code, and XYZ is none" in result.stderr
    assert path.read_bytes() == before
    assert cli("client", "set", "northwind-bakery", "currency=chf").exit_code == 0
    assert 'currency = "CHF"' in path.read_text("utf-8")


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(cli, examples_home: Path, name: str) -> None:
    assert "name cannot be empty" in unchanged(cli, examples_home, "--name", name)
    assert 'name = "Maya Lindqvist"' in (examples_home / "config.toml").read_text("utf-8")


@pytest.mark.parametrize("rate", ["abc", "-5", "1.2.3"])
def test_rate_errors_end_with_one_full_stop(cli, examples_home: Path, rate: str) -> None:
    message = unchanged(cli, examples_home, "--rate", rate).strip()
    assert message.endswith(".") and not message.endswith("..")
    assert "above 0" in message  # the profile's rate must be above 0, as 0 is refused too
    client = cli("client", "set", "northwind-bakery", f"rate={rate}")
    assert client.exit_code == 2
    assert not client.stderr.strip().endswith("..")


def test_a_profile_rate_of_zero_is_refused_at_init(cli, home) -> None:
    result = cli("init", "--name", "Ada", "--email", "ada@example.com", "--rate", "0", "--yes")
    assert result.exit_code == 2
    assert not (home / "config.toml").exists()
