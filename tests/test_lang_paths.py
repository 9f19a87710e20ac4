"""A language code is a folder name, never a path: --lang, a client's and the profile's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit import i18n
from clientexit._errors import UsageError
from clientexit.record.model import Client, Profile


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for folders and links)."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in sorted(root.rglob("*"))
    }


def refused(result, bad: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clientexit: error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert repr(bad) in result.stderr and "two or three letters" in result.stderr


@pytest.mark.parametrize(
    ("args", "bad"),
    [
        (("letter", "northwind-bakery", "-t", "general", "--lang", "../../etc"), "../../etc"),
        (("letter", "northwind-bakery", "-t", "general", "--lang", "tr/../.."), "tr/../.."),
        (("letter", "northwind-bakery", "-t", "general", "--lang", "/etc"), "/etc"),
        (("handover", "northwind-bakery", "--lang", ".."), ".."),
        (("handover", "northwind-bakery", "--lang", "en/../../x", "--json"), "en/../../x"),
        (("followup", "northwind-bakery", "--lang", "../x"), "../x"),
        (("check", "-", "--lang", "../../tone/en"), "../../tone/en"),
        (("templates", "show", "general", "--lang", "../../letters/en"), "../../letters/en"),
        (("templates", "copy", "general", "--lang", "../x"), "../x"),
        (("templates", "copy", "general", "--lang", "../../../outside"), "../../../outside"),
    ],
)
def test_a_path_as_lang_is_refused_and_nothing_is_written(
    cli, examples_home: Path, tmp_path: Path, args: tuple[str, ...], bad: str
) -> None:
    before = tree(tmp_path)
    refused(cli(*args, input="Hello.\n"), bad)
    assert tree(tmp_path) == before


def test_copy_refuses_a_language_folder_that_leads_outside_the_templates(
    cli, home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (home / "templates" / "letters").mkdir(parents=True)
    (home / "templates" / "letters" / "xx").symlink_to(elsewhere)
    result = cli("templates", "copy", "general", "--lang", "xx")
    assert result.exit_code == 2
    assert "not inside your templates folder" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_bad_language_in_a_client_file_is_refused_on_load_naming_the_file(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    # The schema's rule for language, the one `client set` applies too: a hand-written bad
    # value is a data-file error (exit 4) naming the file and the fix, for every command.
    path = examples_home / "clients" / "northwind-bakery.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('language = "en"', 'language = "../../x"'),
        encoding="utf-8",
    )
    before = tree(tmp_path)
    for args in (
        ("letter", "northwind-bakery", "-t", "general"),
        ("handover", "northwind-bakery"),
        ("letter", "northwind-bakery", "-t", "general", "--lang", "en"),
    ):
        result = cli(*args)
        assert result.exit_code == 4, result.stderr
        assert f'{path}: language = "../../x" is not valid' in result.stderr
        assert "not a language code: use two or three letters" in result.stderr
        assert "client set northwind-bakery language=en" in result.stderr
    assert tree(tmp_path) == before
    assert cli("client", "set", "northwind-bakery", "language=../../x").exit_code == 2


def test_a_bad_language_in_the_profile_says_so(cli, examples_home: Path) -> None:
    config = examples_home / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "en"', 'language = "en/.."'),
        encoding="utf-8",
    )
    result = cli("templates", "copy", "general")
    assert result.exit_code == 4, result.stderr
    assert f'{config}: language = "en/.." is not valid' in result.stderr
    assert "init --language en --yes" in result.stderr
    assert not (examples_home / "templates").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("client", "set", "northwind-bakery", "language=../x"),
        ("client", "set", "northwind-bakery", "language=en-GB/x"),
        ("client", "add", "Nova GmbH", "--language", "../x"),
        ("init", "--language", "../x", "--yes"),
    ],
)
def test_stored_language_fields_are_checked(
    cli, examples_home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    before = tree(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2
    assert "not a language code" in result.stderr and "two or three letters" in result.stderr
    assert tree(tmp_path) == before


def test_upper_case_codes_work_like_lower_case(cli, examples_home: Path) -> None:
    args = ("letter", "cagri-yazilim-ltd-sti", "-t", "general", "--no-cooldown", "--lang")
    upper, lower = cli(*args, "TR"), cli(*args, "tr")
    assert upper.exit_code == lower.exit_code == 0
    assert upper.stdout == lower.stdout and "Sayın" in upper.stdout
    assert cli("client", "set", "northwind-bakery", "language= CS ").exit_code == 0
    assert 'language = "cs"' in (examples_home / "clients" / "northwind-bakery.toml").read_text(
        encoding="utf-8"
    )
    handover = cli("handover", "northwind-bakery", "--lang", "TR", "--json")
    assert handover.exit_code == 0 and '"lang": "tr"' in handover.stdout


CODE = re.compile(r"[a-z]{2,3}")
ANY_VALUE = st.one_of(
    st.none(), st.text(max_size=12), st.integers(), st.sampled_from(["..", "../x", "en/..", " TR "])
)


@settings(max_examples=300, deadline=None)
@given(ANY_VALUE, ANY_VALUE, ANY_VALUE)
def test_choose_language_returns_only_a_code(explicit, client, profile) -> None:
    try:
        chosen = i18n.choose_language(
            explicit,
            Client.from_data("acme", {"language": client}),
            Profile.from_data({"language": profile}),
        )
    except UsageError as exc:
        assert "not a language code" in exc.message and "\n" not in str(exc)
    else:
        assert CODE.fullmatch(chosen), chosen


@pytest.mark.parametrize(
    "bad", ["", "e", "engl", "en-", "e1", "../en", "en\x00", "ｅｎ", "en-GB/.."]
)
def test_language_code_refuses_anything_but_letters(bad: str) -> None:
    with pytest.raises(UsageError):
        i18n.language_code(bad, "--lang")
