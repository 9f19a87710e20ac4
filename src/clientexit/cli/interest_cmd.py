"""clientexit interest CLIENT: statutory late-payment interest and fixed sums, per invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from decimal import Decimal

    from clientexit.record.model import Profile


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
    between businesses only: the client needs customer=business. Interest is simple, daily,
    from the day after the agreed due date (terms_agreed=true) or the law's default day, to the
    payment day (or --on), over 365; each stretch shows its own rate. Days with no rate in the
    rates file are named and the claim is "at least" the rest (clientexit rates update).
    Not legal advice: what a creditor may be entitled to.

    \b
    Examples:
      clientexit interest northwind-bakery
      clientexit interest ashgrove-print --on 2026-12-31 --json
    """
    from clientexit import clients, exchange, timeline
    from clientexit.collect import breakdown, rates
    from clientexit.collect import interest as core
    from clientexit.record.inputs import parse_date

    where = paths(ctx)
    today = timeline.today()
    day = parse_date(on, "--on") if on else today
    record = clients.load(where, name)
    profile = _profile(where)
    book = rates.load(where)
    claim = core.for_client(book, record, profile, day, fx=exchange.lookup(where))
    if json_out:
        emit_json({"client": record.slug, "name": record.name, **core.as_dict(claim)})
    else:
        typer.echo(breakdown.text(claim, record.name, _money, width=_width()))
    for line in breakdown.cautions(claim, str(book.source), record.slug):
        note(line)


def _profile(where: Any) -> Profile:
    from clientexit import config
    from clientexit.record.model import profile_of

    return profile_of(config.load_profile(where))


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 80))


def _money(amount: Decimal, currency: str) -> str:
    from clientexit.cli._common import money

    return money(float(amount), currency)
