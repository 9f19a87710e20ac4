"""clientexit interest CLIENT: statutory late-payment interest and fixed sums, per invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from clientexit.collect.interest import Claim


def register(app: typer.Typer) -> None:
    app.command("interest")(interest)


def interest(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The client's name or slug.", metavar="CLIENT")],
    on: Annotated[
        str | None,
        typer.Option(help="Reckon up to this day, YYYY-MM-DD (default today).", metavar="DATE"),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Statutory late-payment interest and fixed compensation a client's late invoices may carry.

    The law follows the client's country (client set CLIENT country=GB) and applies between
    businesses only (customer=consumer: none). Interest is simple, daily, from the day after the
    due date to the payment day (or --on), over 365; each figure shows its rate, days and
    period. A period with no rate in the rates file is said and its figure left out (see
    clientexit rates). Not legal advice: what a creditor may be entitled to.

    \b
    Examples:
      clientexit interest northwind-bakery
      clientexit interest ashgrove-print --on 2026-12-31 --json
    """
    from clientexit import clients, config, timeline
    from clientexit.book._parse import parse_date
    from clientexit.collect import interest as core
    from clientexit.collect import rates

    where = paths(ctx)
    today = timeline.today()
    day = parse_date(on, "--on") if on else today
    record = clients.load(where, name)
    profile = config.load_profile(where)
    book = rates.load(where)
    claim = core.for_client(book, record, record.billing_currency(profile), day)
    if json_out:
        emit_json({"client": record.slug, "name": record.name, **core.as_dict(claim)})
    else:
        typer.echo(text(claim, record.name))
    for line in cautions(claim, str(book.source)):
        note(line)


def text(claim: Claim, name: str) -> str:
    """The breakdown as plain text: one block per invoice, then the totals."""
    from clientexit.cli._common import money

    regime, cur = claim.regime, claim.regime.currency
    lines = [
        f"Late-payment interest for {name} as of {claim.on.isoformat()}",
        f"under {regime.law}",
    ]
    if not claim.invoices:
        lines.append("No invoice is or was paid late: nothing to claim.")
        return "\n".join(lines)
    for inv in claim.invoices:
        state = f"paid {inv.paid.isoformat()}" if inv.paid else "unpaid"
        lines += [
            "",
            f"Invoice {inv.number}: {money(float(inv.amount), cur)}, due "
            f"{inv.due.isoformat()}, {state}; {inv.days} days late",
        ]
        for s in inv.stretches:
            basis = f"{regime.reference_name} {s.entry.reference}%"
            if s.entry.reference_date:
                basis += f" on {s.entry.reference_date.isoformat()}"
            flag = " (unverified)" if s.entry.unverified else ""
            lines.append(
                f"  {s.first.isoformat()} to {s.last.isoformat()}: {s.days} days at {s.rate}% "
                f"({basis} + {regime.margin}), period {s.entry.period}{flag}"
            )
        for period in inv.missing:
            lines.append(f"  {period}: no rate in the rates file; interest left out")
        shown = money(float(inv.interest), cur) if inv.interest is not None else "left out"
        fixed = money(float(inv.compensation), cur) if inv.compensation is not None else "left out"
        lines.append(f"  interest {shown}; fixed sum {fixed}")
    lines += [
        "",
        f"Total interest: {money(float(claim.interest), cur)}"
        + ("" if claim.complete else " (without the figures left out)"),
        f"Total fixed sums: {money(float(claim.compensation), cur)}",
    ]
    return "\n".join(lines)


def cautions(claim: Claim, source: str) -> list[str]:
    """What the person must know about the figures (stderr)."""
    found = []
    if claim.missing:
        periods = ", ".join(str(p) for p in claim.missing)
        found.append(
            f"{source} has no rate for {periods}: those figures are left out, never guessed. "
            "Add the period with its source (see clientexit rates)."
        )
    if claim.unverified:
        found.append("Some figures rest on a rate marked unverified in the rates file: check it.")
    if claim.regime.note:
        found.append(claim.regime.note)
    found.append("Not legal advice: these are the sums a creditor may be entitled to.")
    return found
