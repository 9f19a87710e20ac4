"""clientexit invoice CLIENT list | add | paid | pay | credit | void | correct | unpaid | remove,
and invoice import FILE: invoices, what is outstanding and how late."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._click import Command as ClickCommand
from clientexit.cli._click import Context as ClickContext
from clientexit.cli._common import day, emit_json, note, paths
from clientexit.cli._grammar import ClientGroup, client_arg

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from clientexit.record.invoices import Invoice, Totals
    from clientexit.record.model import Profile


class _InvoiceGroup(ClientGroup):
    """``add A5 -100`` is a negative amount, not Click's "No such option: -1"; and ``invoice
    import FILE ...`` (no client) is the import command (cli/invoice_import.py), built only
    when it is used."""

    ROUTED = ("import",)

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        takes_value = self._value_options()
        for before, arg in zip(["", *args], args, strict=False):
            if arg == "--":
                break
            if _NEGATIVE.fullmatch(arg) and before not in takes_value:
                from clientexit._errors import UsageError

                raise UsageError(
                    f"The amount {arg} is below 0: amounts are 0 or more.",
                    "Record what the client owes, e.g. "
                    "invoice CLIENT add 2026-058 1320 --issued DATE --due DATE.",
                )
        return super().parse_args(ctx, args)

    def get_command(self, ctx: ClickContext, cmd_name: str) -> ClickCommand | None:
        if cmd_name == "import" and cmd_name not in self.commands:
            self.commands[cmd_name] = _import_command()
        return super().get_command(ctx, cmd_name)


invoice_app = typer.Typer(
    cls=_InvoiceGroup,
    help="A client's invoices: list them with what is outstanding and how late, add one, "
    "record payments, credit notes and corrections; or import them from your invoicing tool "
    "(invoice import FILE, no client).",
    epilog=(
        "\b\nExamples:\n"
        "  clientexit invoice northwind-bakery list\n"
        "  clientexit invoice northwind-bakery add 2026-058 1320 --issued 2026-11-01 "
        "--due 2026-11-15\n"
        "  clientexit invoice northwind-bakery paid 2026-045 --on 2026-11-20\n"
        "  clientexit invoice import ~/Downloads/invoice-report.csv"
    ),
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def register(app: typer.Typer) -> None:
    app.add_typer(invoice_app, name="invoice")


def _import_command() -> ClickCommand:
    """`invoice import` as a Click command of its own (its options, its --help)."""
    from clientexit.cli import invoice_import

    single = typer.Typer(rich_markup_mode=None)
    single.command("import")(invoice_import.import_)
    command = typer.main.get_command(single)
    command.hidden = True  # not an action on a CLIENT: `invoice CLIENT <TAB>` does not offer it
    return command


def _client_or_import(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The first word completes to a client, or to ``import`` (which takes a file)."""
    found = completion.clients(ctx, incomplete)
    if "import".startswith(incomplete):
        found.append(("import", "Import invoices from your invoicing tool's export."))
    return found


_NEGATIVE = re.compile(r"-\d[\d.,]*")

NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=_client_or_import
    ),
]
NumberArg = Annotated[str, typer.Argument(help="The invoice's number.", metavar="NUMBER")]
AmountArg = Annotated[str, typer.Argument(help="The amount (0 or more).", metavar="AMOUNT")]
PartArg = Annotated[
    str | None,
    typer.Argument(help="The amount received (default: all that is owed).", metavar="[AMOUNT]"),
]
IssuedOpt = Annotated[
    str | None,
    typer.Option(help="The issue date, YYYY-MM-DD (today or earlier).", metavar="DATE"),
]
DueOpt = Annotated[str | None, typer.Option(help="The due date, YYYY-MM-DD.", metavar="DATE")]
OnOpt = Annotated[
    str | None, typer.Option(help="The day, YYYY-MM-DD (default today).", metavar="DATE")
]
ReasonOpt = Annotated[
    str | None,
    typer.Option(help="Why (kept with the old value in [[corrections]]).", metavar="TEXT"),
]
NoteOpt = Annotated[
    str | None, typer.Option("--note", help="The credit note's number.", metavar="NUMBER")
]
RightAmountOpt = Annotated[
    str | None, typer.Option("--amount", help="The invoice's right amount.", metavar="AMOUNT")
]
RightIssuedOpt = Annotated[
    str | None, typer.Option("--issued", help="The right issue date.", metavar="DATE")
]
RightDueOpt = Annotated[
    str | None, typer.Option("--due", help="The right due date.", metavar="DATE")
]
RightPaidOpt = Annotated[
    str | None, typer.Option("--paid", help="The right payment date.", metavar="DATE")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@invoice_app.callback()
def _client(name: NameArg) -> None:
    """The client whose invoices they are (the sub-commands read it)."""


@invoice_app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List a client's invoices with the outstanding total and days overdue.

    \b
    Examples:
      clientexit invoice northwind-bakery list
      clientexit invoice northwind-bakery list --json
    """
    _list(ctx, client_arg(ctx), json_out)


@invoice_app.command("add")
def add(
    ctx: typer.Context,
    number: NumberArg,
    amount: AmountArg,
    issued: IssuedOpt = None,
    due: DueOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add an invoice you sent: its number, amount, issue and due dates.

    \b
    Examples:
      clientexit invoice northwind-bakery add 2026-058 1320 --issued 2026-11-01 --due 2026-11-15
    """
    from clientexit._errors import UsageError

    if not (issued and due):
        raise UsageError("invoice add needs --issued DATE and --due DATE.")
    _add(ctx, client_arg(ctx), number, amount, issued, due, json_out)


@invoice_app.command("paid")
def paid(
    ctx: typer.Context, number: NumberArg, on: OnOpt = None, json_out: JsonOpt = False
) -> None:
    """Mark an invoice paid in full (on --on DATE, default today).

    \b
    Examples:
      clientexit invoice northwind-bakery paid 2026-045 --on 2026-11-20
    """
    _paid(ctx, client_arg(ctx), number, on, json_out)


@invoice_app.command("pay")
def pay(
    ctx: typer.Context,
    number: NumberArg,
    amount: PartArg = None,
    on: OnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record a payment, in part or in full: the balance, days late and interest follow it.

    \b
    Examples:
      clientexit invoice northwind-bakery pay 2026-046 500 --on 2026-11-20
      clientexit invoice northwind-bakery pay 2026-046 --on 2026-11-28
    """
    _change(
        ctx, "pay", [number, *([amount] if amount is not None else [])], on=on, json_out=json_out
    )


@invoice_app.command("credit")
def credit(
    ctx: typer.Context,
    number: NumberArg,
    amount: AmountArg,
    credit_note: NoteOpt = None,
    on: OnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record a credit note against an invoice: what is owed drops by its amount.

    \b
    Examples:
      clientexit invoice northwind-bakery credit 2026-046 100 --note CN-3
    """
    _change(ctx, "credit", [number, amount], on=on, note=credit_note, json_out=json_out)


@invoice_app.command("void")
def void(
    ctx: typer.Context,
    number: NumberArg,
    reason: ReasonOpt = None,
    on: OnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Void an invoice: nothing is owed on it, and the entry stays on record.

    \b
    Examples:
      clientexit invoice northwind-bakery void 2026-047 --reason "sent twice"
    """
    _change(ctx, "void", [number], on=on, reason=reason, json_out=json_out)


@invoice_app.command("correct")
def correct(
    ctx: typer.Context,
    number: NumberArg,
    amount: RightAmountOpt = None,
    issued: RightIssuedOpt = None,
    due: RightDueOpt = None,
    paid_on: RightPaidOpt = None,
    reason: ReasonOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Correct one value of an invoice (amount, issue, due or payment date), saying why.

    \b
    Examples:
      clientexit invoice northwind-bakery correct 2026-046 --due 2026-12-01 --reason "typo"
      clientexit invoice northwind-bakery correct 2026-046 --amount 1250 --reason "discount agreed"
    """
    flags = {"amount": amount, "issued": issued, "due": due, "paid": paid_on}
    _change(ctx, "correct", [number], reason=reason, json_out=json_out, **flags)


@invoice_app.command("unpaid")
def unpaid(
    ctx: typer.Context, number: NumberArg, reason: ReasonOpt = None, json_out: JsonOpt = False
) -> None:
    """Mark an invoice unpaid again (a payment recorded by mistake), saying why.

    \b
    Examples:
      clientexit invoice northwind-bakery unpaid 2026-045 --reason "the transfer bounced"
    """
    _change(ctx, "unpaid", [number], reason=reason, json_out=json_out)


@invoice_app.command("remove")
def remove(
    ctx: typer.Context, number: NumberArg, reason: ReasonOpt = None, json_out: JsonOpt = False
) -> None:
    """Remove an invoice entered by mistake; it is kept in [[corrections]].

    \b
    Examples:
      clientexit invoice northwind-bakery remove 2026-099 --reason "another client's invoice"
    """
    _change(ctx, "remove", [number], reason=reason, json_out=json_out)


def _change(
    ctx: typer.Context, action: str, values: list[str], *, json_out: bool, **given: str | None
) -> None:
    """A payment or correction through cli/invoice_changes.py, with the flags this action has."""
    from clientexit.cli import invoice_changes as changes

    flags = changes.Flags(
        on=given.get("on"),
        reason=given.get("reason"),
        note=given.get("note"),
        amount=given.get("amount"),
        issued=given.get("issued"),
        due=given.get("due"),
        paid=given.get("paid"),
        json_out=json_out,
    )
    changes.run(ctx, client_arg(ctx), action, values, flags)


def _add(
    ctx: typer.Context, name: str, number: str, amount: str, issued: str, due: str, json_out: bool
) -> None:
    from clientexit import timeline
    from clientexit.app import entries
    from clientexit.cli._common import flag_names, money
    from clientexit.record.inputs import parse_amount, parse_date

    value = parse_amount(amount, "The amount")
    issued_on, due_on = parse_date(issued, "--issued"), parse_date(due, "--due")
    with flag_names(ctx):
        stored = entries.add_invoice(
            paths(ctx), name, number, value, issued_on, due_on, timeline.today()
        )
    slug, label, entry, currency = stored.slug, stored.name, stored.entry, stored.currency
    if json_out:
        emit_json({"client": slug, "name": label, **entry.as_dict()})
    else:
        from clientexit import config

        shown = money(entry.amount, currency)
        due_shown = day(entry.due, config.load_profile(paths(ctx)))
        note(f"Added invoice {entry.number} for {label}: {shown}, due {due_shown}.")


def _paid(ctx: typer.Context, name: str, number: str, on: str | None, json_out: bool) -> None:

    from clientexit import timeline
    from clientexit.app import entries
    from clientexit.cli._common import day_writer, flag_names
    from clientexit.record.inputs import parse_date

    today = timeline.today()
    when = parse_date(on, "--on") if on else today
    shown = day_writer(ctx)
    with flag_names(ctx):
        stored = entries.mark_invoice_paid(paths(ctx), name, number, when, today, shown)
    slug, label, entry = stored.slug, stored.name, stored.entry
    if json_out:
        emit_json(
            {"client": slug, "name": label, **entry.as_dict(), "days_late": entry.days_late()}
        )
    else:
        late = f", {entry.days_late()} days late" if entry.days_late() else ""
        note(f"Invoice {entry.number} for {label} marked paid on {shown(when)}{late}.")


def _list(ctx: typer.Context, name: str, json_out: bool) -> None:
    from clientexit import clients, config, timeline

    record = clients.load(paths(ctx), name)
    profile = config.load_profile(paths(ctx))
    currency = record.billing_currency(profile)
    today = timeline.today()
    items = record.invoices
    sums = record.totals(today)
    rows: list[dict[str, object]] = [
        {
            **inv.as_dict(),
            "balance": inv.balance,
            "days_overdue": inv.days_overdue(today),
            "days_late": inv.days_late(),
        }
        for inv in items
    ]
    if json_out:
        emit_json(
            {
                "client": record.slug,
                "name": record.name,
                "currency": currency,
                "invoices": rows,
                "outstanding": sums.outstanding,
                "overdue": sums.overdue,
                "max_days_overdue": sums.max_days_overdue,
            }
        )
        return
    if not rows:
        note(f"No invoices for {record.name} yet. Add: clientexit invoice CLIENT add NUMBER AMOUNT")
        return
    _print_table(items, today, sums, currency, profile)


def _print_table(
    items: Sequence[Invoice], today: dt.date, sums: Totals, currency: str, profile: Profile
) -> None:
    from rich.text import Text

    from clientexit.cli._common import console, money
    from clientexit.cli._table import Column, print_listing

    columns = [
        Column("Number"),
        Column("Amount", right=True),
        Column("Owed", right=True, drop=3),
        Column("Issued", drop=1),
        Column("Due"),
        Column("Paid", drop=2),
        Column("Late"),
    ]
    cells = []
    for inv in items:
        overdue = inv.days_overdue(today)
        late = overdue or inv.days_late()
        state = f"{late} d overdue" if overdue else f"{late} d late" if late else ""
        cells.append(
            [
                Text(inv.number),
                Text(money(inv.amount, currency)),
                Text(money(inv.balance, currency) if inv.balance else ""),
                Text(day(inv.issued, profile)),
                Text(day(inv.due, profile)),
                Text(_paid_cell(inv, profile)),
                Text(state, style="red" if overdue else ""),
            ]
        )
    out = console()
    print_listing(out, columns, cells)
    out.print(Text(_summary(sums, currency)))


def _paid_cell(inv: Invoice, profile: Profile) -> str:
    if inv.paid:
        return day(inv.paid, profile)
    if inv.void:
        return "void"
    return "paid, day unknown" if inv.undated and not inv.balance else "unpaid"


def _summary(sums: Totals, currency: str) -> str:
    """The line under the table: "Nothing outstanding.", or what is owed and how late."""
    from clientexit.cli._common import money

    if not sums.outstanding:
        return "Nothing outstanding."
    owed = f"Outstanding {money(sums.outstanding, currency)}"
    if not sums.overdue_count:
        return f"{owed}; nothing overdue."
    days = sums.max_days_overdue
    late = (
        f"1 invoice, {days} day{'s' * (days != 1)}"
        if sums.overdue_count == 1
        else f"{sums.overdue_count} invoices, up to {days} days"
    )
    return f"{owed}; overdue {money(sums.overdue, currency)} ({late})."
