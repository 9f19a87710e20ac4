"""clientexit invoice: add, paid, list; outstanding totals and the payment-flag suggestion."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clientexit.record import invoices
from clientexit.record.payment_metrics import suggest_payment_flags

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day


def inv(number, due, paid=None, amount=100.0):
    entry = {"number": number, "amount": amount, "issued": due - dt.timedelta(days=30), "due": due}
    if paid:
        entry["paid"] = paid
    return entry


def test_outstanding_and_totals_on_northwind(examples) -> None:
    import tomllib

    data = tomllib.loads((examples / "clients" / "northwind-bakery.toml").read_text("utf-8"))
    unpaid = invoices.outstanding(data, TODAY)
    assert [(i.number, i.days_overdue(TODAY)) for i in unpaid] == [
        ("2026-045", 71),
        ("2026-052", 41),
    ]
    sums = invoices.totals(data, TODAY)
    assert (sums.outstanding, sums.overdue, sums.overdue_count, sums.max_days_overdue) == (
        2635.0, 2635.0, 2, 71,
    )  # fmt: skip
    assert suggest_payment_flags(data, TODAY) == {"late_payments": "always"}


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([], {}),
        ([inv("1", dt.date(2026, 12, 20))], {}),  # nothing due yet
        ([inv("1", dt.date(2026, 1, 1), dt.date(2025, 12, 30))], {"late_payments": "never"}),
        ([inv("1", dt.date(2026, 10, 1))], {"late_payments": "sometimes"}),  # one late: no pattern
        (
            [inv("1", dt.date(2026, 9, 1), dt.date(2026, 9, 9)), inv("2", dt.date(2026, 10, 1))],
            {"late_payments": "often"},
        ),
        (
            [inv(str(n), dt.date(2026, n, 1), dt.date(2026, n, 1)) for n in range(1, 8)]
            + [inv("8", dt.date(2026, 8, 1), dt.date(2026, 8, 20))],
            {"late_payments": "sometimes"},  # 1 late of 8
        ),
        (
            [inv(str(n), dt.date(2026, n, 1), dt.date(2026, n, 20)) for n in range(1, 4)],
            {"late_payments": "always"},  # the third late payment is a policy
        ),
    ],
)
def test_suggest_payment_flags(entries, expected) -> None:
    assert suggest_payment_flags({"invoices": entries}, TODAY) == expected


def test_add_pay_and_list(cli, examples_home) -> None:
    result = cli(
        "invoice", "fjord-coffee", "add", "2026-060", "2,400.50",
        "--issued", "2026-11-02", "--due", "2026-11-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    listing = json.loads(cli("invoice", "fjord-coffee", "list", "--json").stdout)
    assert [row["number"] for row in listing["invoices"]] == ["2026-047", "2026-054", "2026-060"]
    assert listing["invoices"][-1]["amount"] == 2400.5
    assert listing["outstanding"] == 2660.0 + 2400.5
    overdue = (TODAY - dt.date(2026, 11, 20)).days
    assert listing["invoices"][-1]["days_overdue"] == max(overdue, 0)

    result = cli("invoice", "fjord-coffee", "paid", "2026-060", "--on", "2026-11-23", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["days_late"] == 3
    listing = json.loads(cli("invoice", "fjord-coffee", "list", "--json").stdout)
    assert listing["invoices"][-1]["paid"] == "2026-11-23"
    assert listing["outstanding"] == 2660.0
    text = (examples_home / "clients" / "fjord-coffee.toml").read_text(encoding="utf-8")
    assert "paid = 2026-11-23\n" in text and text.startswith("# A good client")
    assert "Outstanding" in cli("invoice", "fjord-coffee", "list").stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "2026-045", "10", "--issued", "2026-11-01", "--due", "2026-11-15"], 2, "already"),
        (["add", "X-1", "10", "--issued", "2026-11-31", "--due", "2026-12-15"], 2, "not a date"),
        (["add", "X-1", "10", "--issued", "2026-11-10", "--due", "2026-11-01"], 2, "before"),
        (["add", "X-1", "ten", "--issued", "2026-11-01", "--due", "2026-11-15"], 2, "amount"),
        (["add", "X-1", "10"], 2, "--issued"),
        (["paid", "2026-031"], 2, "already marked paid on 29 August 2026"),
        (["paid", "2026-099"], 3, "No invoice 2026-099"),
        (["paid", "2026-045", "--on", "2026-08-01"], 2, "before invoice 2026-045 was issued"),
        (["paid", "2026-045", "--on", "2099-01-01"], 2, "in the future"),
        (["refund", "2026-045"], 2, "No such command 'refund'"),
    ],
)
def test_invoice_errors_change_nothing(cli, examples_home, args, code, message) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    result = cli("invoice", "northwind-bakery", *args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert path.read_bytes() == before


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
