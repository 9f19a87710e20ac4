"""clientexit log CLIENT list | add: the dated record of what happened with a client."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli import entry_removal
from clientexit.cli._common import day, emit_json, note, paths
from clientexit.cli._grammar import ClientGroup, client_arg

if TYPE_CHECKING:
    import datetime as dt

    from clientexit.record.incidents import Incident
    from clientexit.record.model import Client, Profile


class _LogGroup(ClientGroup):
    WORD_MEANS = "add"  # the old `log CLIENT TEXT`


log_app = typer.Typer(
    cls=_LogGroup,
    help="The dated record of what happened with a client: list it, add an entry, or remove one "
    "made by mistake (kept in the file's [[corrections]]). "
    "Keep it factual: letters quote these entries (late invoices, scope changes).",
    epilog=(
        "\b\nExamples:\n  clientexit log northwind-bakery list\n"
        '  clientexit log northwind-bakery add "Asked for a portal outside the scope" --kind scope'
    ),
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")


NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
TextArg = Annotated[str, typer.Argument(help="What happened, in one factual line.", metavar="TEXT")]
KindOpt = Annotated[
    str,
    typer.Option(
        help="payment, scope, communication, conduct, values, other; dispute or promise "
        "(with --invoice and --until: pauses that invoice's reminders).",
        metavar="KIND",
    ),
]
InvoiceOpt = Annotated[
    str | None,
    typer.Option(help="The invoice a dispute or a promise to pay is about.", metavar="NUMBER"),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        help="Until when a dispute or a promise pauses the invoice's reminders, YYYY-MM-DD.",
        metavar="DATE",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(help="When it happened, YYYY-MM-DD (default today).", metavar="DATE"),
]
AmountOpt = Annotated[str | None, typer.Option(help="Money involved, if any.", metavar="AMOUNT")]
RefOpt = Annotated[
    str | None, typer.Option(help="An invoice number or a link to the message.", metavar="REF")
]
WhichArg = Annotated[
    str,
    typer.Argument(
        help="The entry's id (inc-...: the Id column of log CLIENT list).", metavar="ID"
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@log_app.callback()
def _client(name: NameArg) -> None:
    """The client whose log it is (the sub-commands read it)."""


@log_app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List what is logged for a client, oldest first.

    \b
    Examples:
      clientexit log northwind-bakery list
      clientexit log northwind-bakery list --json
    """
    from clientexit import clients, config
    from clientexit.record import incidents

    record = clients.load(paths(ctx), client_arg(ctx))
    profile = config.load_profile(paths(ctx))
    currency = record.billing_currency(profile)
    _show(record, incidents.incidents(record), (currency, profile), json_out)


@log_app.command("add")
def add(
    ctx: typer.Context,
    text: TextArg,
    kind: KindOpt = "other",
    date: DateOpt = None,
    amount: AmountOpt = None,
    ref: RefOpt = None,
    invoice: InvoiceOpt = None,
    until: UntilOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add what happened with a client, in one factual, dated line.

    Letters quote these entries (late invoices, scope changes). A dispute or a promise to pay
    with --invoice and --until pauses that invoice's reminders.

    \b
    Examples:
      clientexit log northwind-bakery add "Invoice 2026-045 still unpaid after two reminders" \\
          --kind payment --amount 1445 --ref 2026-045
      clientexit log brightpath-marketing add "Asked for a portal outside the scope" --kind scope
      clientexit log northwind-bakery add "Promised to pay on the 20th" --kind promise \\
          --invoice 2026-045 --until 2026-12-20
    """
    from clientexit import config, timeline
    from clientexit.app import entries
    from clientexit.cli._common import flag_names

    name = client_arg(ctx)
    entry = _new_entry(ctx, text, kind, date, amount, ref, (invoice, until), timeline.today())
    with flag_names(ctx):
        stored = entries.log_incident(paths(ctx), name, entry)
    slug, label, entry = stored.slug, stored.name, stored.entry
    if json_out:
        emit_json({"client": slug, "name": label, **entry.as_dict()})
    else:
        profile = config.load_profile(paths(ctx))
        note(f"Logged for {label}: {day(entry.date, profile)} [{entry.kind}] {entry.text}")
        if entry.until is not None:
            note(
                f"The reminders for invoice {entry.invoice} are paused until "
                f"{day(entry.until, profile)}; clientexit followup {slug} shows it."
            )


@log_app.command("remove")
def remove(
    ctx: typer.Context,
    which: WhichArg,
    reason: entry_removal.ReasonOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Remove an entry logged by mistake; it is kept in the file's [[corrections]].

    \b
    Examples:
      clientexit log northwind-bakery remove inc-7k3q2m --reason "Logged for the wrong client"
    """
    entry_removal.run(ctx, client_arg(ctx), "incidents", which, reason, json_out)


def _new_entry(
    ctx: typer.Context,
    text: str,
    kind: str,
    date: str | None,
    amount: str | None,
    ref: str | None,
    pause: tuple[str | None, str | None],
    today: dt.date,
) -> Incident:
    """The entry the flags describe, checked by the core; its errors worded with the flags."""
    from clientexit.cli._common import flag_names
    from clientexit.record import incidents
    from clientexit.record.inputs import parse_amount, parse_date
    from clientexit.secretcheck import refuse_secrets

    day = parse_date(date, "--date") if date else None
    invoice, until = pause
    end = parse_date(until, "--until") if until else None
    # A secret in the text is refused before a mistake in --amount: fixing that would send it again.
    refuse_secrets(text, "The incident text")
    money = parse_amount(amount, "--amount") if amount is not None else None
    with flag_names(ctx):
        return incidents.new_incident(
            text,
            today=today,
            kind=kind,
            date=day,
            amount=money,
            ref=ref,
            invoice=invoice,
            until=end,
        )


def _reference(entry: Incident, profile: Profile) -> str:
    """The Ref cell: the reference, or the invoice a dispute or a promise pauses, and until when."""
    if entry.until is not None:
        return f"{entry.invoice} until {day(entry.until, profile)}"
    return entry.ref or ""


def _show(
    record: Client, entries: list[Incident], money_and_dates: tuple[str, Profile], json_out: bool
) -> None:
    """The log as a listing (``money_and_dates``: the client's currency and the profile whose
    date style it uses), or as JSON with ISO dates."""
    if json_out:
        who = {"client": record.slug, "name": record.name}
        emit_json([{**who, **entry.as_dict()} for entry in entries])
        return
    entry_removal.mention_removed(record, "incidents")
    if not entries:
        note(
            f"Nothing logged for {record.name} yet. "
            f'Add: clientexit log {record.slug} add "what happened"'
        )
        return
    from clientexit.cli._common import console, money
    from clientexit.cli._table import Column, print_listing

    currency, profile = money_and_dates
    columns = [
        Column("Date"),
        Column("Kind"),
        Column("What happened", wrap=True),
        Column("Amount", right=True),
        Column("Ref", drop=1),
        Column("Id", drop=2),  # what log CLIENT remove ID names
    ]
    cells = [
        [
            day(entry.date, profile),
            entry.kind,
            entry.text,
            "" if entry.amount is None else money(entry.amount, currency),
            _reference(entry, profile),
            entry.id,
        ]
        for entry in entries
    ]
    print_listing(console(), columns, cells)
