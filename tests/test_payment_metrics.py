"""How a client pays: average days to pay and late, DSO over 12 months, share paid late;
figures worked by hand on a small book, and where they show (client show, clients, --json)."""

from __future__ import annotations

import datetime as dt
import json

from clientexit.record.invoices import Invoice, Payment
from clientexit.record.payment_metrics import facts_of, metrics

D = dt.date
TODAY = D(2026, 11, 25)

# A small book, as of 25 Nov 2026:
#   A  1,000  issued 10 Jan 2026, due  9 Feb, paid 20 Feb: 41 days to pay, 11 late
#   B  2,000  issued  1 Jun 2026, due  1 Jul, 500 paid 15 Jul: 1,500 owed, overdue (late)
#   C  1,000  issued  1 Nov 2026, due  1 Dec: owed, not due yet
#   D  3,000  issued  1 Oct 2025, due 31 Oct, paid 15 Nov 2025: 45 days to pay, 15 late;
#             issued before the 12 months, so not in DSO's sales
#   E    500  issued  1 Mar 2026, due 31 Mar, paid 20 Mar: 19 days to pay, on time
#   V    900  voided: counts nowhere
BOOK = [
    Invoice("A", 1000.0, D(2026, 1, 10), D(2026, 2, 9), paid=D(2026, 2, 20)),
    Invoice("B", 2000.0, D(2026, 6, 1), D(2026, 7, 1), payments=(Payment(D(2026, 7, 15), 500),)),
    Invoice("C", 1000.0, D(2026, 11, 1), D(2026, 12, 1)),
    Invoice("D", 3000.0, D(2025, 10, 1), D(2025, 10, 31), paid=D(2025, 11, 15)),
    Invoice("E", 500.0, D(2026, 3, 1), D(2026, 3, 31), paid=D(2026, 3, 20)),
    Invoice("V", 900.0, D(2026, 5, 1), D(2026, 5, 31), void=D(2026, 5, 2)),
]


def test_metrics_of_a_small_book_by_hand() -> None:
    found = metrics(facts_of(BOOK), TODAY)
    # Days to pay (A, D, E): (41 + 45 + 19) / 3 = 35.0; days late: (11 + 15 + 0) / 3 = 8.67.
    assert (found.paid_count, found.days_to_pay, round(found.days_late or 0, 2)) == (3, 35.0, 8.67)
    # DSO: owed today 1,500 (B) + 1,000 (C) = 2,500; billed in the 365 days before today
    # A + B + C + E = 4,500 (D is older, V void); 2,500 / 4,500 x 365 = 202.78 days.
    assert round(found.dso or 0, 2) == 202.78
    # Due by today: A (late), B (unpaid past due), D (late), E (on time): 3 of 4 late.
    assert (found.late_count, found.due_count, found.late_share) == (3, 4, 0.75)
    assert found.as_dict()["paid_late_percent"] == 75.0


def test_nothing_to_average_gives_none() -> None:
    found = metrics(facts_of([Invoice("C", 1000.0, D(2026, 11, 1), D(2026, 12, 1))]), TODAY)
    assert (found.days_to_pay, found.days_late, found.late_share) == (None, None, None)
    assert round(found.dso or 0, 1) == 365.0  # all billed in the year is still owed
    assert metrics([], TODAY).dso is None


def test_they_show_in_client_show_clients_and_json(cli, examples_home) -> None:
    shown = cli("client", "show", "northwind-bakery")
    assert shown.exit_code == 0, shown.stderr
    data = json.loads(cli("client", "show", "northwind-bakery", "--json").stdout)["payments"]
    assert data["paid_late"] == 4 and data["invoices_due"] == 4
    assert "4 of 4 invoices due (100%)" in shown.stdout
    assert f"{data['dso_12_months']:.1f} days (the last 12 months)" in shown.stdout
    rows = {row["client"]: row for row in json.loads(cli("clients", "--json").stdout)}
    assert rows["northwind-bakery"]["paid_late_percent"] == 100.0
    assert rows["northwind-bakery"]["dso"] == data["dso_12_months"]
    assert rows["fjord-coffee"]["paid_late_percent"] == 0.0
    table = cli("clients").stdout
    assert "Paid late" in table.splitlines()[0]
