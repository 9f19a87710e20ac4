"""Money the terminal shows: one format (i18n.format_money in English) in every command, in the
client's currency, else the profile's, else EUR (Client.billing_currency)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientexit.cli._common import money
from clientexit.i18n import format_money
from clientexit.record.model import Client, Profile


@pytest.mark.parametrize(
    ("client", "profile", "expected"),
    [
        ({"currency": "CZK"}, {"currency": "USD"}, "CZK"),
        ({}, {"currency": "USD"}, "USD"),
        ({"currency": ""}, {"currency": "USD"}, "USD"),
        ({}, {}, "EUR"),
        ({}, None, "EUR"),
        ({"currency": ""}, {"currency": ""}, "EUR"),
    ],
)
def test_currency_is_the_clients_else_the_profiles_else_eur(client, profile, expected) -> None:
    mine = Profile.from_data(profile) if profile is not None else None
    assert Client.from_data("acme", client).billing_currency(mine) == expected


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.sampled_from(["EUR", "CZK"]))
def test_money_is_the_english_format_of_i18n(amount: float, currency: str) -> None:
    from clientexit.i18n import format_money

    assert money(amount, currency) == format_money(amount, currency, "en")


def test_money_examples() -> None:
    assert money(1234.5, "EUR") == "€1,234.50"
    assert money(1234.5, "CZK") == "CZK\xa01,234.50"
    assert money(1234.5, "JPY") == "¥1,234"


def test_a_currency_code_is_kept_apart_from_the_digits_as_cldr_spaces_it() -> None:
    """Babel writes "CZK1,234.50"; CLDR's currency spacing (and a statement a client reads)
    keeps a code apart with a no-break space, while a sign stays against the amount."""
    assert format_money(-1234.5, "TRY", "en") == "-TRY\xa01,234.50"
    assert format_money(1234.5, "AUD", "en") == "A$1,234.50"
    assert format_money(1234.5, "CZK", "cs") == "1\xa0234,50\xa0Kč"
    assert format_money(1234.5, "TRY", "tr") == "1.234,50\xa0₺"
    assert format_money(1234.5, "PLN", "cs") == "1\xa0234,50\xa0PLN"


def test_invoice_list_and_add_show_the_clients_currency(cli, examples_home) -> None:
    listing = cli("invoice", "northwind-bakery", "list").stdout
    assert "€1,445.00" in listing
    assert "Outstanding €2,635.00; overdue €2,635.00 (2 invoices, up to 71 days)." in listing
    czech = cli("invoice", "zelena-louka-s-r-o", "list").stdout
    assert "CZK\xa084,000.00" in czech and "Outstanding CZK\xa01,234.50" in czech
    added = cli(
        "invoice",
        "zelena-louka-s-r-o",
        "add",
        "2026-070",
        "500",
        "--issued",
        "2026-11-20",
        "--due",
        "2026-12-04",
    )
    assert added.exit_code == 0, added.stderr
    added_line = "Added invoice 2026-070 for Zelená Louka s.r.o.: CZK\xa0500.00, due 4 December"
    assert added_line in added.stderr


def test_a_client_without_a_currency_uses_the_profiles(cli, examples_home) -> None:
    (examples_home / "config.toml").write_text(
        (examples_home / "config.toml")
        .read_text(encoding="utf-8")
        .replace('currency = "EUR"', 'currency = "USD"'),
        encoding="utf-8",
    )
    assert cli("client", "add", "Acme Ltd").exit_code == 0
    assert (
        cli(
            "invoice",
            "acme-ltd",
            "add",
            "A-1",
            "99.5",
            "--issued",
            "2026-10-01",
            "--due",
            "2026-10-15",
        ).exit_code
        == 0
    )
    assert "Outstanding $99.50; overdue $99.50" in cli("invoice", "acme-ltd", "list").stdout
    assert json.loads(cli("invoice", "acme-ltd", "list", "--json").stdout)["currency"] == "USD"
    assert (
        cli(
            "log", "acme-ltd", "add", "Short payment", "--kind", "payment", "--amount", "12"
        ).exit_code
        == 0
    )
    assert "$12.00" in cli("log", "acme-ltd", "list").stdout


def test_log_clients_and_churn_show_money_the_same_way(cli, examples_home) -> None:
    assert "TRY\xa023,200.00" in cli("log", "cagri-yazilim-ltd-sti", "list").stdout
    book = cli("clients").stdout
    assert "€2,635.00" in book and "CZK\xa01,234.50" in book
    assert "monthly revenue lost: €3,556.67" in cli("churn", "--period", "2026").stdout
