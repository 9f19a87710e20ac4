"""clientexit invoice CLIENT [add | paid]: invoices, what is outstanding and how late."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

import typer

import clientexit.cli.completion as completion
from clientexit.cli._click import Context as ClickContext
from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from clientexit.record.invoices import Totals

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ReasonOpt = Annotated[
    str | None,
    typer.Option(help="void/correct/unpaid/remove: why (kept in [[corrections]]).", metavar="TEXT"),
]
NoteOpt = Annotated[
    str | None, typer.Option("--note", help="credit: the credit note's number.", metavar="NUMBER")
]
AmountOpt = Annotated[
    str | None, typer.Option(help="correct: the invoice's right amount.", metavar="AMOUNT")
]
PaidOpt = Annotated[
    str | None, typer.Option(help="correct: the right payment date.", metavar="DATE")
]


def register(app: typer.Typer) -> None:
    app.command("invoice", cls=_InvoiceCommand)(invoice)


def _import_command() -> Any:
    """`invoice import` as a Click command of its own (its options, its --help)."""
    from clientexit.cli import invoice_import

    single = typer.Typer()
    single.command("import")(invoice_import.import_)
    return typer.main.get_command(single)


_NEGATIVE = re.compile(r"-\d[\d.,]*")


class _InvoiceCommand(typer.core.TyperCommand):
    """``add A5 -100`` is a negative amount, not Click's "No such option: -1"; and
    ``invoice import FILE ...`` is the import command (cli/invoice_import.py)."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if args[:1] == ["import"]:
            importing = _import_command()
            ctx.command, ctx.info_name = importing, f"{ctx.info_name} import"
            rest: list[str] = importing.parse_args(ctx, args[1:])
            return rest
        with_value = {
            opt
            for param in self.params
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for opt in param.opts
        }
        for before, arg in zip(["", *args], args, strict=False):
            if arg == "--":
                break
            if _NEGATIVE.fullmatch(arg) and before not in with_value:
                from clientexit._errors import UsageError

                raise UsageError(
                    f"The amount {arg} is below 0: amounts are 0 or more.",
                    "Record what the client owes, e.g. "
                    "invoice CLIENT add 2026-058 1320 --issued DATE --due DATE.",
                )
        return super().parse_args(ctx, args)


ActionArg = Annotated[
    str | None,
    typer.Argument(
        help="add, paid, pay, credit, void, correct, unpaid or remove; leave out to list.",
        metavar="[add|paid|pay|credit|void|correct|unpaid|remove]",
    ),
]
ValuesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="The invoice number, and for add its amount (0 or more).",
        metavar="NUMBER [AMOUNT]",
    ),
]
IssuedOpt = Annotated[
    str | None,
    typer.Option(help="add: issue date, YYYY-MM-DD (today or earlier).", metavar="DATE"),
]
DueOpt = Annotated[str | None, typer.Option(help="add: due date, YYYY-MM-DD.", metavar="DATE")]
OnOpt = Annotated[
    str | None,
    typer.Option(help="paid/pay/credit/void: the day, YYYY-MM-DD (default today).", metavar="DATE"),
]


def invoice(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
        ),
    ],
    action: ActionArg = None,
    values: ValuesArg = None,
    issued: IssuedOpt = None,
    due: DueOpt = None,
    on: OnOpt = None,
    reason: ReasonOpt = None,
    credit_note: NoteOpt = None,
    amount: AmountOpt = None,
    paid_on: PaidOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List a client's invoices with the outstanding total and days overdue, or add / pay one.

    \b
    Examples:
      clientexit invoice northwind-bakery
      clientexit invoice northwind-bakery add 2026-058 1320 --issued 2026-11-01 --due 2026-11-15
      clientexit invoice northwind-bakery paid 2026-045 --on 2026-11-20
      clientexit invoice northwind-bakery pay 2026-046 500 --on 2026-11-20
      clientexit invoice northwind-bakery credit 2026-046 100 --note CN-3
      clientexit invoice northwind-bakery correct 2026-046 --due 2026-12-01 --reason "typo"
      clientexit invoice northwind-bakery --json
    """
    from clientexit._errors import UsageError
    from clientexit.cli import invoice_changes as changes

    values = values or []
    if action is None:
        _list(ctx, name, json_out)
    elif action == "add" and len(values) == 2:
        if not (issued and due):
            raise UsageError("invoice add needs --issued DATE and --due DATE.")
        _add(ctx, name, values[0], values[1], issued, due, json_out)
    elif action == "paid" and len(values) == 1:
        _paid(ctx, name, values[0], on, json_out)
    elif action in changes.ACTIONS:
        flags = changes.Flags(on, reason, credit_note, amount, issued, due, paid_on, json_out)
        changes.run(ctx, name, action, values, flags)
    else:
        given = " ".join(["invoice", name, action, *values])
        raise UsageError(
            f"{given!r}: expected add NUMBER AMOUNT or paid NUMBER.",
            "Use: invoice CLIENT add NUMBER AMOUNT --issued DATE --due DATE, "
            "or invoice CLIENT paid NUMBER [--on DATE].",
        )


def _add(
    ctx: typer.Context, name: str, number: str, amount: str, issued: str, due: str, json_out: bool
) -> None:
    from clientexit import clients, config, timeline
    from clientexit.cli._common import flag_names, money
    from clientexit.record.inputs import parse_amount, parse_date
    from clientexit.record.invoice_changes import new_invoice

    value = parse_amount(amount, "The amount")
    issued_on, due_on = parse_date(issued, "--issued"), parse_date(due, "--due")
    slug = clients.resolve(paths(ctx), name)
    with clients.edit(paths(ctx), slug) as doc, flag_names(ctx):
        entry = new_invoice(
            doc.get("invoices") or [], number, value, issued_on, due_on, timeline.today()
        )
        entry = replace(entry, id=clients.append_entry(doc, "invoices", entry.as_dict()) or "")
        label = str(doc.get("name"))
        own_currency = doc.get("currency")
    # The profile is read after the client's lock is released: a problem in config.toml must not
    # stand between the person and recording an invoice.
    currency = config.currency_for({"currency": own_currency}, config.load_profile(paths(ctx)))
    if json_out:
        emit_json({"client": slug, "name": label, **entry.as_dict()})
    else:
        shown = money(entry.amount, currency)
        note(f"Added invoice {entry.number} for {label}: {shown}, due {entry.due}.")


def _paid(ctx: typer.Context, name: str, number: str, on: str | None, json_out: bool) -> None:

    from clientexit import clients, timeline
    from clientexit.cli._common import flag_names
    from clientexit.record import invoices
    from clientexit.record.inputs import parse_date
    from clientexit.record.invoice_changes import find_payable

    today = timeline.today()
    when = parse_date(on, "--on") if on else today
    slug = clients.resolve(paths(ctx), name)
    with clients.edit(paths(ctx), slug) as doc, flag_names(ctx):
        index = find_payable(doc.get("invoices") or [], number, when, today)
        doc["invoices"][index]["paid"] = when
        entry = invoices.invoices({"invoices": [doc["invoices"][index]]})[0]
        label = str(doc.get("name"))
    if json_out:
        emit_json(
            {"client": slug, "name": label, **entry.as_dict(), "days_late": entry.days_late()}
        )
    else:
        late = f", {entry.days_late()} days late" if entry.days_late() else ""
        note(f"Invoice {entry.number} for {label} marked paid on {when}{late}.")


def _list(ctx: typer.Context, name: str, json_out: bool) -> None:
    from clientexit import clients, config, timeline
    from clientexit.record import invoices

    record = clients.load(paths(ctx), name)
    currency = config.currency_for(record.data, config.load_profile(paths(ctx)))
    today = timeline.today()
    items = invoices.invoices(record.data)
    sums = invoices.totals(record.data, today)
    rows: list[dict[str, Any]] = [
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
    _print_table(rows, sums, currency)


def _print_table(rows: list[dict[str, Any]], sums: Totals, currency: str) -> None:
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
    for row in rows:
        late = row["days_overdue"] or row["days_late"]
        state = f"{late} d overdue" if row["days_overdue"] else f"{late} d late" if late else ""
        cells.append(
            [
                Text(row["number"]),
                Text(money(row["amount"], currency)),
                Text(money(row["balance"], currency) if row["balance"] else ""),
                Text(str(row["issued"] or "")),
                Text(str(row["due"] or "")),
                Text(_paid_cell(row)),
                Text(state, style="red" if row["days_overdue"] else ""),
            ]
        )
    out = console()
    print_listing(out, columns, cells)
    out.print(Text(_summary(sums, currency)))


def _paid_cell(row: dict[str, Any]) -> str:
    if row.get("paid"):
        return str(row["paid"])
    if row.get("void"):
        return "void"
    return "paid, day unknown" if row.get("paid_undated") and not row["balance"] else "unpaid"


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
