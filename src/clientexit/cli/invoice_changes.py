"""``invoice CLIENT pay|credit|void|correct|unpaid|remove``: payments and corrections.

Each parses its flags into a typed change (app/invoices.py InvoiceChange), makes it through
app/invoices.py (record/invoice_changes.py under the client's lock), and says what the invoice
looks like now (or prints it with --json).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import typer

from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from clientexit.app.invoices import InvoiceChange
    from clientexit.record.invoice_changes import Paid
    from clientexit.record.invoices import Invoice

    Amounts = Callable[[float], str]
    Days = Callable[[dt.date | None], str]

ACTIONS = ("pay", "credit", "void", "correct", "unpaid", "remove")
USAGE = (
    "invoice CLIENT pay NUMBER [AMOUNT] [--on DATE], credit NUMBER AMOUNT [--note NUMBER], "
    "void NUMBER --reason TEXT, correct NUMBER (--amount X | --issued DATE | --due DATE | "
    "--paid DATE) --reason TEXT, unpaid NUMBER --reason TEXT, remove NUMBER --reason TEXT"
)


@dataclass(frozen=True)
class Flags:
    """The options a change may read (as typed on the command line)."""

    on: str | None
    reason: str | None
    note: str | None
    amount: str | None
    issued: str | None
    due: str | None
    paid: str | None
    json_out: bool


def run(ctx: typer.Context, name: str, action: str, values: list[str], flags: Flags) -> None:
    """Make the change ``action`` to the invoice ``values[0]`` of client ``name``."""
    from clientexit import clients, timeline
    from clientexit._errors import UsageError
    from clientexit.app import invoices
    from clientexit.cli._common import flag_names

    arity = {"pay": (1, 2), "credit": (2, 2)}.get(action, (1, 1))
    if not arity[0] <= len(values) <= arity[1]:
        raise UsageError(f"invoice {action}: wrong number of values.", f"Use: {USAGE}")
    today = timeline.today()
    slug = clients.resolve(paths(ctx), name)
    shown, dates = _shown(ctx, slug)
    change = _prepare(action, values, flags, today)
    with flag_names(ctx):
        done = invoices.change_invoice(paths(ctx), slug, change, today, timeline.now(), dates)
    result, said = _said(change, done.result, shown, dates)
    if flags.json_out:
        emit_json({"client": slug, "name": done.name, "action": action, **result})
    else:
        note(f"{done.name}: {said}")


def _shown(ctx: typer.Context, slug: str) -> tuple[Amounts, Days]:
    """How an amount of this client's is written (money() in its billing currency), and a date
    (day(): day first unless the profile is US-style)."""
    from clientexit import clients, config
    from clientexit.cli._common import day, money

    record = clients.load(paths(ctx), slug)
    profile = config.load_profile(paths(ctx))
    currency = record.billing_currency(profile)
    return (lambda amount: money(amount, currency)), (lambda value: day(value, profile))


def _prepare(action: str, values: list[str], flags: Flags, today: dt.date) -> InvoiceChange:
    """The change the action and the flags describe, every value parsed."""
    from clientexit._errors import UsageError
    from clientexit.app.invoices import InvoiceChange
    from clientexit.record.inputs import one_line, parse_amount, parse_date

    number = values[0]
    on = parse_date(flags.on, "--on") if flags.on else today
    needs_reason = action in ("void", "correct", "unpaid", "remove")
    if needs_reason and not flags.reason:
        raise UsageError(
            f"invoice {action} changes what was recorded: say why with --reason TEXT.",
            "The reason is kept with the old value in the file's [[corrections]].",
        )
    reason = one_line(flags.reason, "The reason") if flags.reason else ""
    change = InvoiceChange(action, number, on, reason=reason)
    if action == "pay":
        amount = parse_amount(values[1], "The amount") if len(values) > 1 else None
        return replace(change, amount=amount)
    if action == "credit":
        amount = parse_amount(values[1], "The amount")
        note_number = one_line(flags.note, "The credit note number") if flags.note else None
        return replace(change, amount=amount, note=note_number)
    if action == "correct":
        field, value = _correction(flags)
        return replace(change, field=field, value=value)
    return change


def _said(
    change: InvoiceChange, result: Paid | Invoice, shown: Amounts, dates: Days
) -> tuple[dict[str, object], str]:
    """What the change did, as JSON and in words (``shown`` writes amounts, ``dates`` days)."""
    from clientexit.record.invoices import Invoice

    if not isinstance(result, Invoice):  # a payment (change.action == "pay")
        return _paid(result, shown, dates)
    if change.action == "remove":
        return _state(result, "removed", shown, gone=True)
    what = {
        "credit": "credit note recorded",
        "void": "voided",
        "unpaid": "marked unpaid again",
        "correct": f"{change.field} corrected",
    }
    return _state(result, what[change.action], shown)


def _correction(flags: Flags) -> tuple[str, object]:
    from clientexit._errors import UsageError
    from clientexit.record.inputs import parse_amount, parse_date

    given = {
        key: value
        for key, value in (
            ("amount", flags.amount),
            ("issued", flags.issued),
            ("due", flags.due),
            ("paid", flags.paid),
        )
        if value is not None
    }
    if len(given) != 1:
        raise UsageError(
            "invoice correct changes one value at a time.",
            "Give one of --amount X, --issued DATE, --due DATE or --paid DATE.",
        )
    field, text = next(iter(given.items()))
    if field == "amount":
        return field, parse_amount(text, "The amount")
    return field, parse_date(text, f"--{field}")


def _facts(inv: Invoice) -> dict[str, object]:
    return {**inv.as_dict(), "billed": inv.billed, "balance": inv.balance}


def _paid(done: Paid, shown: Amounts, dates: Days) -> tuple[dict[str, object], str]:
    inv = done.invoice
    if done.settled:
        late = f", {inv.days_late()} days late" if inv.days_late() else ""
        on = dates(inv.paid)
        said = f"invoice {inv.number} is paid in full ({shown(done.amount)} on {on}{late})."
    else:
        said = (
            f"{shown(done.amount)} received on invoice {inv.number}; {shown(inv.balance)} of "
            f"{shown(inv.billed)} is still owed."
        )
    return {**_facts(inv), "payment": done.amount, "settled": done.settled}, said


def _state(
    inv: Invoice, what: str, shown: Amounts, *, gone: bool = False
) -> tuple[dict[str, object], str]:
    if gone:
        return _facts(inv), f"invoice {inv.number} {what}; the entry is kept in [[corrections]]."
    owed = "nothing is owed on it" if not inv.balance else f"{shown(inv.balance)} is owed on it"
    return _facts(inv), f"invoice {inv.number} {what}; {owed}."
