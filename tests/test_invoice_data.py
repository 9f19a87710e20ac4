"""Hand-edited [[invoices]]: one reader (record.invoices), and a bad value is one clear error."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientexit._errors import EXIT_DATA, DataFileError
from clientexit.handover.situation import assess_situation
from clientexit.letters.context import build_context
from clientexit.record import invoices, summary
from clientexit.record.model import Client
from clientexit.record.summary import Summary
from clientexit.reports import portfolio
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day
SLUG = "halvorsen-freight"
# The example's one invoice, as written in examples/clients/halvorsen-freight.toml.
GOOD = 'number = "2026-050"\namount = 1870.0\nissued = 2026-10-01\ndue = 2026-10-31\n'

# edit name: (the invoice as edited, the problem reported, the fix suggested)
BAD_EDITS = {
    "amount as text": (
        GOOD.replace("amount = 1870.0", 'amount = "1,200.00"'),
        'invoice 2026-050 (the 1st [[invoices]] entry): amount = "1,200.00" is text',
        "without quotes: amount = 1200.00",
    ),
    "due not a date": (
        GOOD.replace("due = 2026-10-31", 'due = "soon"'),
        'invoice 2026-050 (the 1st [[invoices]] entry): due = "soon" is not a date',
        "Write a date without quotes, e.g. due = 2026-11-02",
    ),
    "no number": (
        GOOD.replace('number = "2026-050"\n', ""),
        "the 1st [[invoices]] entry has no number",
        'number = "2026-050"',
    ),
    "no amount": (
        GOOD.replace("amount = 1870.0\n", ""),
        "invoice 2026-050 (the 1st [[invoices]] entry) has no amount",
        "amount = 1200.00",
    ),
}
COMMANDS = {
    "letter": ("letter", SLUG, "--type", "payment", "--no-cooldown"),
    "handover": ("handover", SLUG),
}
# Lists of every client show the others and warn about this one (tests/test_broken_files.py).
LISTS = {
    "clients": ("clients",),
    "churn": ("churn", "--period", "2026"),
    "followup": ("followup",),
}


def break_invoice(home: Path, edited: str) -> Path:
    path = home / "clients" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    assert GOOD in text, "the example's invoice changed; update GOOD"
    path.write_text(text.replace(GOOD, edited), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("edit", sorted(BAD_EDITS))
def test_a_bad_invoice_is_one_line_naming_file_and_invoice(cli, examples_home, edit, command):
    edited, problem, fix = BAD_EDITS[edit]
    path = break_invoice(examples_home, edited)
    before = path.read_bytes()
    result = cli(*COMMANDS[command])
    assert result.exit_code == EXIT_DATA == DataFileError.exit_code
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"clientexit: error: {path}: {problem}")
    assert f"{fix}; clientexit has left the file unchanged." in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", sorted(LISTS))
@pytest.mark.parametrize("edit", sorted(BAD_EDITS))
def test_a_list_skips_the_bad_invoice_s_client_with_one_warning(cli, examples_home, edit, command):
    edited, problem, fix = BAD_EDITS[edit]
    path = break_invoice(examples_home, edited)
    before = path.read_bytes()
    result = cli(*LISTS[command])
    assert result.exit_code == EXIT_DATA
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("clientexit:")]
    assert warning.startswith(f"clientexit: warning: skipped {path}: {problem}")
    assert warning.endswith(f"{fix}; clientexit has left the file unchanged.")
    assert path.read_bytes() == before


def test_a_date_time_is_read_as_its_date(cli, examples_home) -> None:
    break_invoice(examples_home, GOOD.replace("due = 2026-10-31", "due = 2026-10-31T17:00:00"))
    result = cli("letter", SLUG, "--type", "payment", "--no-cooldown")
    assert result.exit_code == 0, result.stderr
    assert "31 October 2026" in result.stdout


GOOD_ENTRY = {"number": "7", "amount": 100.0, "issued": dt.date(2026, 9, 1)}
BAD_ENTRIES = [
    {**GOOD_ENTRY, "amount": "1,200.00"},
    {**GOOD_ENTRY, "due": "soon"},
    {"amount": 100.0},
    {**GOOD_ENTRY, "paid": "yes"},
]


def _letter_context(data: dict) -> dict:
    record = Client("acme", Path("acme.toml"), data)
    return build_context(as_profile(), record, letter_type="payment", lang="en", today=TODAY)


@pytest.mark.parametrize(
    "use",
    [
        lambda data: assess_situation(record_of(data), {}),
        lambda data: portfolio.row_of(
            Summary.of(record_of(data, "acme")), {}, TODAY, lambda *_: (0, None)
        ),
        lambda data: summary.monthly_revenue(record_of(data), dt.date(2026, 12, 1)),
        _letter_context,
    ],
    ids=["handover situation", "clients row", "churn revenue", "letter context"],
)
@pytest.mark.parametrize("entry", BAD_ENTRIES)
def test_every_feature_reads_through_the_one_reader(use, entry) -> None:
    data = {"name": "Acme", "status": "ending", "ended": dt.date(2026, 12, 1), "invoices": [entry]}
    with pytest.raises(DataFileError, match=r"^(acme\.toml|the file of client 'Acme'): "):
        use(data)


def test_letter_sees_invoices_in_the_order_issued_with_their_days() -> None:
    day = dt.date
    unpaid = {"number": "B", "amount": 200, "issued": day(2026, 10, 1), "due": day(2026, 10, 15)}
    paid = {"number": "A", "amount": 100, "issued": day(2026, 9, 1), "due": day(2026, 9, 15)}
    paid["paid"] = day(2026, 9, 25)
    ctx = _letter_context({"name": "Acme", "invoices": [unpaid, paid]})
    assert [i["number"] for i in ctx["invoices"]] == ["A", "B"]
    assert [i["days_late"] for i in ctx["late_paid_invoices"]] == [10]
    assert [i["days_overdue"] for i in ctx["overdue_invoices"]] == [41]
    assert ctx["outstanding_total"] == 200.0 and ctx["outstanding_since"] == dt.date(2026, 10, 15)
    assert "paid" not in ctx["unpaid_invoices"][0]  # absent while unpaid, as documented


NOT_AMOUNTS = st.one_of(
    st.text(),
    st.booleans(),
    st.floats(max_value=-0.01) | st.just(math.inf) | st.just(math.nan),
    st.integers(max_value=-1),
    st.lists(st.integers(), max_size=2),
    st.dates(),
)
NOT_DATES = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans())


@given(amount=NOT_AMOUNTS)
def test_anything_but_an_amount_is_a_data_file_error(amount: object) -> None:
    data = {"invoices": [{"number": "1", "amount": amount}]}
    with pytest.raises(DataFileError) as caught:
        invoices.invoices(data, "clients/acme.toml")
    message = str(caught.value)
    assert message.startswith("clients/acme.toml: invoice 1 (the 1st [[invoices]] entry")
    assert "\n" not in message


@given(key=st.sampled_from(["issued", "due", "paid"]), value=NOT_DATES)
def test_anything_but_a_date_is_a_data_file_error(key: str, value: object) -> None:
    data = {"invoices": [{"number": "1", "amount": 1.0, key: value}]}
    with pytest.raises(DataFileError, match=f"{key} = .* is not a date") as caught:
        invoices.invoices(data, "clients/acme.toml")
    assert "\n" not in str(caught.value)


@given(amount=st.floats(min_value=0, max_value=1e12) | st.integers(0, 10**12))
def test_amounts_of_zero_or_more_are_read_as_floats(amount: float) -> None:
    (inv,) = invoices.invoices({"invoices": [{"number": 42, "amount": amount}]})
    assert inv.amount == float(amount) and inv.number == "42"
