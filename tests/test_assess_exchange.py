"""assess compares a client billed in another currency with your target converted at a dated
ECB reference rate, named with its date; without a rate on file it asks for a target, as before."""

from __future__ import annotations

import json
from pathlib import Path

from clientexit._resources import examples_dir

ANSWERS = str(examples_dir() / "answers" / "northwind-bakery.toml")


def _czk_client(cli) -> None:
    assert cli("client", "add", "Praha Pekárna s.r.o.").exit_code == 0
    assert cli("client", "set", "praha-pekarna-s-r-o", "currency=CZK").exit_code == 0


def test_a_czk_client_is_compared_with_a_eur_target_at_the_ecb_rate(cli, home: Path) -> None:
    assert cli("init", "--name", "Ada", "--rate", "85", "--currency", "EUR", "--yes").exit_code == 0
    _czk_client(cli)
    (home / "exchange-rates.toml").write_text(
        '[days."2026-11-24"]\nsource = "European Central Bank"\nretrieved = 2026-11-24\n'
        "CZK = 24.312\n",
        encoding="utf-8",
    )
    result = cli("assess", "praha-pekarna-s-r-o", "--answers", ANSWERS, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # 85 x 24.312 = 2066.52 CZK an hour, at the rate of 24 November (the day before on file).
    assert data["target_rate"] == 2066.52 and data["currency"] == "CZK"
    assert data["target_converted"] == {
        "from": 85.0,
        "from_currency": "EUR",
        "exchange_rate": 24.312,
        "date": "2026-11-24",
        "source": "European Central Bank",
    }
    text = cli("assess", "praha-pekarna-s-r-o", "--answers", ANSWERS)
    assert (
        "Your target rate €85.00 is CZK\xa02,066.52 at 1 EUR = 24.3120 CZK on 24 November 2026"
        in text.stderr
    )


def test_without_an_exchange_rate_nothing_is_converted(cli, home: Path) -> None:
    assert cli("init", "--name", "Ada", "--rate", "85", "--currency", "EUR", "--yes").exit_code == 0
    _czk_client(cli)
    result = cli("assess", "praha-pekarna-s-r-o", "--answers", ANSWERS)
    assert result.exit_code == 2
    assert (
        "Praha Pekárna s.r.o. is billed in CZK, but your target rate (€85.00, config.toml) is in "
        "EUR: the two cannot be compared." in " ".join(result.stderr.split())
    )


def test_churn_totals_revenue_in_several_currencies_in_yours(cli, examples_home: Path) -> None:
    assert cli("client", "set", "larkspur-events", "currency=GBP").exit_code == 0
    (examples_home / "exchange-rates.toml").write_text(
        '[days."2026-11-24"]\nsource = "European Central Bank"\nretrieved = 2026-11-24\n'
        "GBP = 0.8312\n",
        encoding="utf-8",
    )
    result = cli("churn", "--period", "2026")
    assert result.exit_code == 0, result.stderr
    assert "monthly revenue lost: £1,600.00, €1,956.67" in result.stdout
    # 1600 / 0.8312 = 1924.93 + 1956.67 = 3881.60
    assert "together: €3,881.60 (ECB: 1 GBP = 1.2031 EUR on 24 November 2026)" in result.stdout
    data = json.loads(cli("churn", "--period", "2026", "--json").stdout)
    assert data["revenue_lost_monthly_total"]["amount"] == 3881.6


def test_without_a_rate_churn_says_so_and_adds_nothing(cli, examples_home: Path) -> None:
    assert cli("client", "set", "larkspur-events", "currency=GBP").exit_code == 0
    result = cli("churn", "--period", "2026")
    assert "together in EUR: no exchange rate on file for GBP" in result.stdout
