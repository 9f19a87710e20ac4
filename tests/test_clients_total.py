"""clients totals what is overdue in the profile's currency (issue 18): each converted figure
names its ECB rate and date, a currency without a rate on file is named and not added, and
nothing is converted silently."""

from __future__ import annotations

import json
from pathlib import Path

RATES = (
    '[days."2026-11-24"]\nsource = "European Central Bank"\nretrieved = 2026-11-25\n'
    "GBP = 0.85\nCZK = 25.0\n"
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_overdue_total_names_each_rate_and_leaves_out_a_currency_without_one(
    cli, examples_home: Path
) -> None:
    (examples_home / "exchange-rates.toml").write_text(RATES, encoding="utf-8")
    result = cli("clients")
    assert result.exit_code == 0, result.stderr
    # By hand, on 25 Nov 2026: €2,635.00 + €1,870.00 in euros; £2,450.00 / 0.85 = €2,882.35;
    # CZK 1,234.50 / 25 = €49.38; together €7,436.73. TRY 1,234.50 has no rate: named, not added.
    assert _flat(result.stderr).endswith(
        "Overdue, without the amounts named below: €7,436.73 (ECB reference rates: 1 CZK = "
        "0.04 EUR on 24 November 2026; 1 GBP = 1.17647 EUR on 24 November 2026). Not added, no "
        "exchange rate to EUR on file: TRY 1,234.50 (clientexit rates update fetches them)."
    )
    assert "Overdue" not in result.stdout.splitlines()[-1]  # a pipe: one line per client


def test_json_rows_carry_the_converted_amount_with_its_rate_and_date(
    cli, examples_home: Path
) -> None:
    (examples_home / "exchange-rates.toml").write_text(RATES, encoding="utf-8")
    rows = {r["client"]: r for r in json.loads(cli("clients", "--json").stdout)}
    assert rows["ashgrove-print"]["overdue_converted"] == {
        "currency": "EUR",
        "amount": 2882.35,
        "rate": 1.176471,
        "rate_date": "2026-11-24",
        "source": "European Central Bank",
    }
    assert rows["northwind-bakery"]["overdue_converted"] == {
        "currency": "EUR", "amount": 2635.0, "rate": None, "rate_date": None,
    }  # fmt: skip
    turkish = rows["cagri-yazilim-ltd-sti"]["overdue_converted"]
    assert turkish["amount"] is None and turkish["missing"].startswith("no TRY/EUR exchange rate")


def test_without_exchange_rates_nothing_is_converted(cli, examples_home: Path) -> None:
    result = cli("clients")
    assert _flat(result.stderr).endswith(
        "Overdue, without the amounts named below: €4,505.00. Not added, no exchange rate to "
        "EUR on file: CZK 1,234.50, £2,450.00, TRY 1,234.50 (clientexit rates update fetches "
        "them)."
    )


def test_a_book_in_one_currency_reads_no_exchange_rates(cli, examples_home: Path) -> None:
    for slug in ("ashgrove-print", "cagri-yazilim-ltd-sti", "zelena-louka-s-r-o"):
        (examples_home / "clients" / f"{slug}.toml").unlink()
    (examples_home / "exchange-rates.toml").write_text("days = 3\n", encoding="utf-8")  # broken
    result = cli("clients")
    assert result.exit_code == 0, result.stderr
    assert _flat(result.stderr).endswith("Overdue in total: €4,505.00.")
