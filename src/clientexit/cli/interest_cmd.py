"""clientexit interest CLIENT: statutory late-payment interest and fixed sums, per invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import day as show_day
from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    from clientexit.record.model import Client


def register(app: typer.Typer) -> None:
    app.command("interest")(interest)


def interest(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(help="Reckon up to this day, YYYY-MM-DD (default today).", metavar="DATE"),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Statutory late-payment interest and fixed compensation a client's late invoices may carry.

    The law is the one governing the contract: your profile's country (Rome I), unless the
    client's `law` says the contract chose another (client set CLIENT law=DE). It applies
    between businesses only: the client needs customer=business (on a terminal, an unset one is
    asked for and recorded; off one, nothing is claimed until it is set). Interest is simple, daily,
    from the day after the agreed due date (terms_agreed=true) or the law's default day, to the
    payment day (or --on), over 365; each stretch shows its own rate. Days with no rate in the
    rates file are named and the claim is "at least" the rest (clientexit rates update).
    Not legal advice: what a creditor may be entitled to.

    \b
    Examples:
      clientexit interest northwind-bakery
      clientexit interest ashgrove-print --on 2026-12-31
      clientexit interest ashgrove-print --json
    """
    from clientexit import timeline
    from clientexit.app.interest import reckon
    from clientexit.collect import breakdown
    from clientexit.collect import interest as core
    from clientexit.record.inputs import parse_date

    where = paths(ctx)
    today = timeline.today()
    day = parse_date(on, "--on") if on else today
    found = reckon(where, name, day, today, ask_customer=_ask_customer, recorded=_recorded)
    record, profile, claim = found.record, found.profile, found.claim

    def shown(value: dt.date) -> str:
        return show_day(value, profile)

    if json_out:
        emit_json({"client": record.slug, "name": record.name, **core.as_dict(claim)})
    else:
        typer.echo(breakdown.text(claim, record.name, _money, width=_width(), day=shown))
    for line in breakdown.cautions(claim, found.rates_file, record.slug, day=shown):
        note(line)


def _ask_customer(record: Client) -> str | None:
    """On a terminal, whether the client is a business, a consumer, or not sure (None:
    nothing recorded, nothing claimed); off a terminal None (the claim's error then says how
    to set it)."""
    from clientexit.cli._common import ask, interactive

    if not interactive():
        return None
    import sys

    import questionary
    from prompt_toolkit.output import create_output

    choices = [
        questionary.Choice("a business (statutory interest may apply)", value="business"),
        questionary.Choice("a consumer (no statutory interest)", value="consumer"),
        questionary.Choice("not sure (record nothing, claim nothing)", value=""),
    ]
    question = questionary.select(
        f"Is {record.name} a business or a consumer?",
        choices=choices,
        output=create_output(stdout=sys.stderr),  # stdout stays for the figures (--json)
    )
    answer: str | None = ask(question)
    return answer or None


def _recorded(record: Client, answer: str) -> None:
    note(f"Recorded: {record.name} is a {answer} (customer={answer}).")


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 80))


def _money(amount: Decimal, currency: str) -> str:
    from clientexit.cli._common import money

    return money(float(amount), currency)
