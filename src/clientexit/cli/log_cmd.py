"""clientexit log: the dated record of what happened with a client."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from clientexit.book.incidents import Incident


def register(app: typer.Typer) -> None:
    app.command("log")(log)


def log(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The client's name or slug.", metavar="CLIENT")],
    text: Annotated[
        str | None,
        typer.Argument(
            help="What happened, in one factual line. Leave out to list.", metavar="TEXT"
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            help="payment, scope, communication, conduct, values or other.", metavar="KIND"
        ),
    ] = "other",
    date: Annotated[
        str | None,
        typer.Option(help="When it happened, YYYY-MM-DD (default today).", metavar="DATE"),
    ] = None,
    amount: Annotated[
        str | None, typer.Option(help="Money involved, if any.", metavar="AMOUNT")
    ] = None,
    ref: Annotated[
        str | None, typer.Option(help="An invoice number or a link to the message.", metavar="REF")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Log an incident with a client, or list the log when no TEXT is given.

    Keep it factual and dated: letters quote these entries (late invoices, scope changes).

    \b
    Examples:
      clientexit log northwind-bakery "Invoice 2026-045 still unpaid after two reminders" \\
          --kind payment --amount 1445 --ref 2026-045
      clientexit log brightpath-marketing "Asked for a portal outside the scope" --kind scope
      clientexit log northwind-bakery --json
    """

    from clientexit import clients, config, timeline
    from clientexit.book import incidents

    if text is None:
        record = clients.load(paths(ctx), name)
        currency = config.currency_for(record.data, config.load_profile(paths(ctx)))
        _show(record, incidents.incidents(record.data), currency, json_out)
        return
    entry = incidents.new_incident(
        text, today=timeline.today(), kind=kind, date=date, amount=amount, ref=ref
    )
    with (book := clients.Book(paths(ctx))).edit(name) as doc:  # resolved once
        clients.append_entry(doc, "incidents", entry.as_dict())
        label = str(doc.get("name", name))
    if json_out:
        slug = book.resolve(name)
        emit_json({"client": slug, "name": label, **entry.as_dict()})
    else:
        note(f"Logged for {label}: {entry.date} [{entry.kind}] {entry.text}")


def _show(record: Any, entries: list[Incident], currency: str, json_out: bool) -> None:
    if json_out:
        who = {"client": record.slug, "name": record.name}
        emit_json([{**who, **entry.as_dict()} for entry in entries])
        return
    if not entries:
        note(f'Nothing logged for {record.name} yet. Add: clientexit log CLIENT "what happened"')
        return
    from clientexit.cli._common import console, money
    from clientexit.cli._table import Column, print_listing

    columns = [
        Column("Date"),
        Column("Kind"),
        Column("What happened", wrap=True),
        Column("Amount", right=True),
        Column("Ref", drop=1),
    ]
    cells = [
        [
            str(entry.date or ""),
            entry.kind,
            entry.text,
            "" if entry.amount is None else money(entry.amount, currency),
            entry.ref or "",
        ]
        for entry in entries
    ]
    print_listing(console(), columns, cells)
