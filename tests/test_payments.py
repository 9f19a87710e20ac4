"""Part payments, credit notes, voids and corrections: what is owed, how late, the interest on
the balance (figures worked by hand), and the trace every correction leaves."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal

import pytest

from clientexit.collect import interest, rates
from clientexit.record.invoices import Credit, Invoice, Payment

D = dt.date
TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day


def test_balance_over_time_follows_each_payment() -> None:
    inv = Invoice(
        "A-1", 1200.0, D(2026, 3, 1), D(2026, 3, 31), payments=(Payment(D(2026, 4, 10), 500.0),)
    )
    assert inv.balance == 700.0
    assert (inv.balance_on(D(2026, 4, 9)), inv.balance_on(D(2026, 4, 10))) == (1200.0, 700.0)
    # A payment counts on its own day and lowers the balance from the next.
    assert inv.owed_between(D(2026, 4, 1), D(2026, 4, 30)) == [
        (D(2026, 4, 1), D(2026, 4, 10), 1200.0),
        (D(2026, 4, 11), D(2026, 4, 30), 700.0),
    ]
    assert inv.days_overdue(D(2026, 4, 30)) == 30


def test_credit_notes_and_voids_lower_what_is_owed() -> None:
    credited = Invoice("A-2", 1000.0, None, D(2026, 3, 31), credits=(Credit("CN-1", None, 250.1),))
    assert (credited.billed, credited.balance) == (749.9, 749.9)
    voided = Invoice("A-3", 1000.0, None, D(2026, 3, 31), void=D(2026, 4, 2))
    assert (voided.is_open, voided.balance, voided.days_overdue(TODAY)) == (False, 0.0, 0)


def test_interest_runs_on_the_balance_from_each_payment_by_hand() -> None:
    # UK Late Payment Act: £1,500 due 31 Mar 2025; £500 paid 30 Apr, the rest 30 Jun 2025.
    # The rate is fixed for the whole delay: Bank Rate 31 Dec 2024 4.75 + 8 = 12.75 %.
    #   1 Apr - 30 Apr (30 days, payment day included) on 1,500: 1500 x 0.1275 x 30/365 = 15.7192
    #   1 May - 30 Jun (61 days) on 1,000:                     1000 x 0.1275 x 61/365 = 21.3082
    #   together 37.0274 -> £37.03 (on the whole 1,500 for 91 days it would be 47.68).
    inv = Invoice(
        "A-1",
        1500.0,
        D(2025, 3, 1),
        D(2025, 3, 31),
        paid=D(2025, 6, 30),
        payments=(Payment(D(2025, 4, 30), 500.0),),
    )
    claim = interest.reckon(rates.load().regimes["GB"], [inv], D(2025, 12, 1)).invoices[0]
    assert claim.interest == Decimal("37.03")
    assert [(s.first, s.last, s.days, s.principal) for s in claim.stretches] == [
        (D(2025, 4, 1), D(2025, 4, 30), 30, Decimal("1500.0")),
        (D(2025, 5, 1), D(2025, 6, 30), 61, Decimal("1000.0")),
    ]
    assert claim.compensation == Decimal("70.00")  # on the debt when it fell due (1,000-9,999.99)


def _add(cli, number="2026-070", amount="1200", issued="2026-10-01", due="2026-10-31"):
    result = cli(
        "invoice", "fjord-coffee", "add", number, amount, "--issued", issued, "--due", due
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def _listed(cli, number="2026-070"):
    listing = json.loads(cli("invoice", "fjord-coffee", "list", "--json").stdout)
    return listing, next(row for row in listing["invoices"] if row["number"] == number)


def test_pay_in_parts_then_in_full(cli, examples_home) -> None:
    _add(cli)
    before, _ = _listed(cli)
    result = cli("invoice", "fjord-coffee", "pay", "2026-070", "500", "--on", "2026-11-05")
    assert result.exit_code == 0, result.stderr
    assert (
        "€500.00 received on invoice 2026-070; €700.00 of €1,200.00 is still owed." in result.stderr
    )
    after, row = _listed(cli)
    assert after["outstanding"] == round(before["outstanding"] - 500, 2)
    assert row["payments"] == [{"on": "2026-11-05", "amount": 500.0}]
    assert row["days_overdue"] == (TODAY - D(2026, 10, 31)).days  # still late on the rest

    result = cli("invoice", "fjord-coffee", "pay", "2026-070", "--on", "2026-11-20", "--json")
    assert result.exit_code == 0, result.stderr
    paid = json.loads(result.stdout)
    assert (paid["payment"], paid["settled"], paid["paid"], paid["balance"]) == (
        700.0, True, "2026-11-20", 0.0,
    )  # fmt: skip
    final, row = _listed(cli)
    assert final["outstanding"] == round(before["outstanding"] - 1200, 2)
    assert row["days_late"] == 20
    assert [p["amount"] for p in row["payments"]] == [500.0, 700.0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1300"], "The payment 1300.00 is more than the 1200.00 still owed on invoice 2026-070."),
        (["100", "--on", "2026-09-30"], "is before invoice 2026-070 was issued (1 October 2026)"),
        (["100", "--on", "2027-01-01"], "is in the future"),
    ],
)
def test_pay_refuses_what_cannot_be(cli, examples_home, args, message) -> None:
    _add(cli)
    file = examples_home / "clients" / "fjord-coffee.toml"
    before = file.read_bytes()
    result = cli("invoice", "fjord-coffee", "pay", "2026-070", *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert file.read_bytes() == before


def test_credit_note_void_and_corrections_leave_a_trace(cli, examples_home) -> None:
    _add(cli)
    _add(cli, "2026-071", "300")
    file = examples_home / "clients" / "fjord-coffee.toml"
    result = cli("invoice", "fjord-coffee", "credit", "2026-070", "200", "--note", "CN-1")
    assert result.exit_code == 0, result.stderr
    assert _listed(cli)[1]["balance"] == 1000.0
    result = cli(
        "invoice", "fjord-coffee", "correct", "2026-070", "--due", "2026-11-15",
        "--reason", "agreed 45 days",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    result = cli("invoice", "fjord-coffee", "void", "2026-071", "--reason", "sent twice")
    assert result.exit_code == 0, result.stderr
    assert "invoice 2026-071 voided; nothing is owed on it." in result.stderr

    data = tomllib.loads(file.read_text("utf-8"))
    [entry] = [e for e in data["invoices"] if e["number"] == "2026-070"]
    assert entry["credits"] == [{"number": "CN-1", "on": TODAY, "amount": 200.0}]
    assert entry["due"] == D(2026, 11, 15)
    changes = [(c["invoice"], c["change"], c.get("old"), c.get("new")) for c in data["corrections"]]
    assert changes == [("2026-070", "due", D(2026, 10, 31), D(2026, 11, 15)),
                       ("2026-071", "void", None, TODAY)]  # fmt: skip
    assert data["corrections"][0]["reason"] == "agreed 45 days"

    _, row = _listed(cli)
    assert row["days_overdue"] == (TODAY - D(2026, 11, 15)).days
    _, voided = _listed(cli, "2026-071")
    assert voided["days_overdue"] == 0


def test_unpaid_again_and_remove_keep_the_old_values(cli, examples_home) -> None:
    _add(cli)
    cli("invoice", "fjord-coffee", "paid", "2026-070", "--on", "2026-11-02")
    file = examples_home / "clients" / "fjord-coffee.toml"
    refused = cli("invoice", "fjord-coffee", "unpaid", "2026-070")
    assert refused.exit_code == 2
    assert "say why with --reason TEXT" in refused.stderr
    result = cli("invoice", "fjord-coffee", "unpaid", "2026-070", "--reason", "bounced")
    assert result.exit_code == 0, result.stderr
    assert _listed(cli)[1].get("paid") is None
    result = cli("invoice", "fjord-coffee", "remove", "2026-070", "--reason", "wrong client")
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(file.read_text("utf-8"))
    assert "2026-070" not in [e["number"] for e in data["invoices"]]
    unpaid, removed = data["corrections"]
    assert (unpaid["change"], unpaid["old"]["paid"], unpaid["reason"]) == (
        "paid", D(2026, 11, 2), "bounced",
    )  # fmt: skip
    assert (removed["change"], removed["old"]["amount"]) == ("removed", 1200.0)
