"""invoice add: a negative amount is an amount error, an invoice of 0 is never overdue, an issue
date in the future is refused, and the summary reads naturally when nothing is owed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clientexit.record import invoices
from clientexit.record.invoice_changes import new_invoice
from clientexit.record.payment_metrics import suggest_payment_flags

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day
DATES = ("--issued", "2026-11-01", "--due", "2026-11-15")


def client_file(home: Path) -> Path:
    return home / "clients" / "northwind-bakery.toml"


@pytest.mark.parametrize(
    "args",
    [
        ("A5", "-100", *DATES),
        ("A5", "-1,200.50", *DATES),
        ("A5", "-0.5", *DATES),
        ("--issued", "2026-11-01", "A5", "-100", "--due", "2026-11-15"),
    ],
)
def test_a_negative_amount_is_an_amount_error(cli, examples_home: Path, args) -> None:
    before = client_file(examples_home).read_bytes()
    result = cli("invoice", "northwind-bakery", "add", *args)
    assert result.exit_code == 2
    assert "No such option" not in result.stderr
    assert "is below 0: amounts are 0 or more" in result.stderr
    assert client_file(examples_home).read_bytes() == before


def test_after_a_double_dash_the_amount_check_says_the_same(cli, examples_home: Path) -> None:
    result = cli("invoice", "northwind-bakery", "add", *DATES, "--", "A5", "-100")
    assert result.exit_code == 2 and "not an amount of 0 or more" in result.stderr


def test_a_mistyped_option_is_still_named(cli, examples_home: Path) -> None:
    result = cli("invoice", "northwind-bakery", "add", "A5", "100", "--isued", "2026-11-01")
    assert result.exit_code == 2 and "No such option: --isued" in result.stderr


def test_an_invoice_of_zero_is_never_overdue_or_late() -> None:
    due = dt.date(2026, 9, 1)
    free = invoices.Invoice("0", 0.0, dt.date(2026, 8, 1), due)
    assert free.days_overdue(TODAY) == 0 and not free.was_late(TODAY)
    assert invoices.Invoice("0", 0.0, None, due, paid=dt.date(2026, 10, 1)).days_late() == 0
    entry = {"number": "0", "amount": 0.0, "issued": dt.date(2026, 8, 1), "due": due}
    data = {"invoices": [entry]}
    sums = invoices.totals(data, TODAY)
    assert (sums.overdue, sums.overdue_count, sums.max_days_overdue) == (0, 0, 0)
    assert suggest_payment_flags(data, TODAY) == {"late_payments": "never"}


def test_an_invoice_of_zero_is_listed_without_overdue(cli, home: Path) -> None:
    assert cli("client", "add", "Nova GmbH").exit_code == 0
    added = cli(
        "invoice", "nova-gmbh", "add", "F-1", "0", "--issued", "2026-08-01", "--due", "2026-09-01"
    )
    assert added.exit_code == 0, added.stderr
    listing = cli("invoice", "nova-gmbh", "list").stdout
    assert "overdue" not in listing.replace("Nothing outstanding.", "")
    assert listing.rstrip().endswith("Nothing outstanding.")


def test_an_issue_date_in_the_future_is_refused(cli, examples_home: Path) -> None:
    before = client_file(examples_home).read_bytes()
    args = ("invoice", "northwind-bakery", "add", "A5", "100", "--due", "2026-12-31", "--issued")
    result = cli(*args, "2026-11-26")
    assert result.exit_code == 2
    assert "--issued 2026-11-26 is in the future" in result.stderr
    assert client_file(examples_home).read_bytes() == before
    assert cli(*args, "2026-11-25").exit_code == 0  # today, due next month


@pytest.mark.parametrize(
    ("client", "summary"),
    [
        (
            "northwind-bakery",
            "Outstanding €2,635.00; overdue €2,635.00 (2 invoices, up to 71 days).",
        ),
        ("fjord-coffee", "Outstanding €2,660.00; nothing overdue."),
        ("larkspur-events", "Nothing outstanding."),
        ("halvorsen-freight", "Outstanding €1,870.00; overdue €1,870.00 (1 invoice, 25 days)."),
    ],
)
def test_the_summary_reads_naturally(cli, examples_home: Path, client: str, summary: str) -> None:
    listing = cli("invoice", client, "list").stdout
    assert listing.rstrip().splitlines()[-1] == summary
    assert "(0 invoice" not in listing and "invoice(s)" not in listing


def test_one_day_overdue_is_singular(cli, home: Path) -> None:
    cli("client", "add", "Nova GmbH")
    cli("invoice", "nova-gmbh", "add", "F-1", "50", "--issued", "2026-11-01", "--due", "2026-11-24")
    assert cli("invoice", "nova-gmbh", "list").stdout.rstrip().endswith("(1 invoice, 1 day).")


def test_the_core_says_what_is_wrong_and_the_command_names_the_flag(
    cli, examples_home: Path
) -> None:
    """new_invoice takes dates, not command-line text; its errors name the data, and
    the invoice command words them with the flag that gave the value."""
    from clientexit._errors import InvalidValue

    with pytest.raises(InvalidValue) as caught:
        new_invoice([], "A7", 10.0, TODAY, TODAY - dt.timedelta(days=1), TODAY)
    assert str(caught.value) == (
        "The due date 2026-11-24 is before the issue date 2026-11-25. Check the two dates."
    )
    assert "--" not in str(caught.value)
    args = ("invoice", "northwind-bakery", "add", "A7", "10", "--issued", "2026-11-25")
    result = cli(*args, "--due", "2026-11-24")
    assert result.exit_code == 2
    assert result.stderr.startswith("clientexit: error: --due 2026-11-24 is before the issue date")
    paid = cli("invoice", "northwind-bakery", "paid", "2026-045", "--on", "2026-01-01")
    assert paid.exit_code == 2 and "--on 2026-01-01 is before invoice 2026-045" in paid.stderr
