"""Fixes from a code review: each pins a behaviour that was wrong."""

from __future__ import annotations

import json

import pytest

from clientexit.amounts import read_amount


@pytest.mark.parametrize("text", ["0.125", "0,500", "00.100", "012,345"])
def test_a_leading_zero_group_is_not_thousands(text: str) -> None:
    with pytest.raises(ValueError):
        read_amount(text)


def test_an_edit_that_leaves_a_bad_record_writes_nothing(cli, examples_home) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("rate = 95.0", 'rate = "95"'), encoding="utf-8"
    )
    assert 'rate = "95"' in path.read_text(encoding="utf-8")
    before = path.read_bytes()
    for args in (
        ["client", "set", "fjord-coffee", "notes=hello"],
        ["log", "fjord-coffee", "add", "Asked for a discount", "--kind", "payment"],
        [
            "invoice",
            "fjord-coffee",
            "add",
            "X-9",
            "100",
            "--issued",
            "2026-11-01",
            "--due",
            "2026-11-15",
        ],
    ):
        result = cli(*args)
        assert result.exit_code == 4, args
        assert "left the file unchanged" in result.stderr
        assert path.read_bytes() == before
    # The fix the message suggests goes through.
    assert cli("client", "set", "fjord-coffee", "rate=85.0").exit_code == 0
    assert json.loads(cli("client", "show", "fjord-coffee", "--json").stdout)["rate"] == 85.0


def test_a_lowercase_currency_written_by_hand_is_the_same_currency(cli, examples_home) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('currency = "EUR"', 'currency = "eur"'), encoding="utf-8")
    listing = json.loads(cli("invoice", "northwind-bakery", "list", "--json").stdout)
    assert listing["currency"] == "EUR"


def test_a_profile_rate_of_zero_is_refused_at_init(cli, home) -> None:
    result = cli("init", "--name", "Ada", "--email", "ada@example.com", "--rate", "0", "--yes")
    assert result.exit_code == 2
    assert not (home / "config.toml").exists()


def test_a_mail_link_as_a_log_reference_is_not_a_secret(cli, examples_home) -> None:
    link = "https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqHhZkvTpLmNsdRKlBrXqW"
    result = cli("log", "northwind-bakery", "add", "Reminder sent", "--ref", link)
    assert result.exit_code == 0, result.stderr
    for secret in ("https://x.com/a?token=Zx81kPq2LmN7vB3", "https://bob:hunter22@host/x"):
        assert cli("log", "northwind-bakery", "add", "Reminder", "--ref", secret).exit_code == 2


@pytest.mark.parametrize("name", ["PIN 2024 Studio", "Passcode 4411 Labs"])
def test_a_name_with_a_credential_word_is_a_name(cli, home, name: str) -> None:
    assert cli("client", "add", name).exit_code == 0
    assert cli("client", "add", "ghp_abcdefghijklmnopqrstuvwxyz0123").exit_code == 2


def test_handover_markdown_out_dash_is_stdout(
    cli, examples_home, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("handover", "halvorsen-freight", "--format", "markdown", "--out", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert not (tmp_path / "-").exists()


def test_a_checklist_cached_without_defaults_is_not_served_with_them(tmp_path) -> None:
    from clientexit.handover import template

    english = template.find("en")
    assert english is not None
    copy = tmp_path / "templates" / "checklists" / "cs" / english.name
    copy.parent.mkdir(parents=True)
    # A user's Czech copy that says nothing about private items...
    copy.write_text(english.read_text(encoding="utf-8").replace("private = true", ""), "utf-8")
    plain = template._cached(copy, template._Defaults())
    assert not any(item.private for item in plain.items)
    # ...still keeps the built-in private flags when loaded as a checklist.
    loaded = template.load("cs", tmp_path / "templates")
    assert loaded.path == copy
    assert any(item.private for item in loaded.items)


def test_the_cycle_collector_is_paused_only_inside_the_block() -> None:
    import gc

    from clientexit._gc import paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is left as it was
    finally:
        gc.enable()


def test_an_unknown_status_filter_is_a_usage_error_in_both_lists(cli, examples_home) -> None:
    for args in (["client", "list"], ["clients"]):
        result = cli(*args, "--status", "bogus")
        assert result.exit_code == 2, args
        assert "is not a status" in result.stderr
    empty = cli("client", "list", "--status", "ending")
    assert empty.exit_code == 0
    assert "No clients with status ending." in empty.stderr


def test_an_invoice_is_recorded_before_the_profile_is_read(cli, examples_home) -> None:
    (examples_home / "config.toml").write_text('currency = "euro"\n', encoding="utf-8")
    result = cli(
        "invoice",
        "fjord-coffee",
        "add",
        "X-7",
        "100",
        "--issued",
        "2026-11-01",
        "--due",
        "2026-11-15",
    )
    assert result.exit_code == 4
    listing = (examples_home / "clients" / "fjord-coffee.toml").read_text(encoding="utf-8")
    assert 'number = "X-7"' in listing


def test_handover_text_with_out_is_refused_not_ignored(cli, examples_home, tmp_path) -> None:
    target = tmp_path / "h.txt"
    result = cli("handover", "halvorsen-freight", "--format", "text", "--out", str(target))
    assert result.exit_code == 2
    assert "--format markdown" in result.stderr
    assert not target.exists()


def test_client_list_shows_and_filters_the_status_as_of_today(cli, examples_home) -> None:
    assert (
        cli(
            "end", "fjord-coffee", "--by", "me", "--reason", "Moving on", "--date", "2026-12-01"
        ).exit_code
        == 0
    )
    later = {"CLIENTEXIT_TODAY": "2026-12-10"}
    listed = json.loads(cli("client", "list", "--status", "former", "--json", env=later).stdout)
    assert "fjord-coffee" in [row["client"] for row in listed]
    booked = json.loads(cli("clients", "--status", "former", "--json", env=later).stdout)
    assert "fjord-coffee" in [row["slug"] for row in booked]


@pytest.mark.parametrize(
    "args",
    [
        ["client", "add", "Neu GmbH", "--language", "de"],
        ["client", "set", "fjord-coffee", "language=de"],
    ],
)
def test_a_client_language_without_letters_is_refused(cli, examples_home, args) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "no letters in German" in result.stderr


def test_print_answers_keeps_large_amounts_exact(cli, examples_home, tmp_path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(
        "[economics]\nmonthly_revenue = 1234567.0\nbillable_hours = 100\nunbilled_hours = 20.5\n"
        "target_rate = 125500.5\n",
        encoding="utf-8",
    )
    assert cli("assess", "fjord-coffee", "--answers", str(answers)).exit_code == 0
    printed = cli("assess", "fjord-coffee", "--print-answers").stdout
    assert "monthly_revenue = 1234567 " in printed
    assert "target_rate = 125500.5 " in printed
    assert cli("assess", "fjord-coffee", "--print-answers", "--json").exit_code == 2
