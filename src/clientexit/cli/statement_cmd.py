"""clientexit statement CLIENT: a statement of account, with statutory interest."""

from __future__ import annotations

from typing import Annotated

import typer

from clientexit.cli._common import emit_json, note, output_file, paths

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="text, markdown or csv.", metavar="FORMAT")
]


def register(app: typer.Typer) -> None:
    app.command("statement")(statement)


def statement(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The client's name or slug.", metavar="CLIENT")],
    format_: FormatOpt = "text",
    on: Annotated[
        str | None, typer.Option(help="As of this day, YYYY-MM-DD (default today).", metavar="DATE")
    ] = None,
    out: Annotated[
        str | None, typer.Option(help="Write it to FILE instead of stdout.", metavar="FILE")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A statement of account for a client or an accountant: every invoice, payments, what is
    open and overdue, and the statutory interest and fixed sums it may carry (where the client's
    country has a rule and the rates file has the periods; else it says why not).

    \b
    Examples:
      clientexit statement ashgrove-print
      clientexit statement ashgrove-print --format markdown --out statement.md
      clientexit statement ashgrove-print --format csv --on 2026-12-31
    """
    from clientexit import clients, config, timeline
    from clientexit._errors import UsageError
    from clientexit._store import atomic_write_text
    from clientexit.book._parse import parse_date
    from clientexit.cli._common import money
    from clientexit.collect import fx, interest, rates
    from clientexit.collect import statement as core
    from clientexit.record.model import profile_of

    if format_ not in core.FORMATS:
        raise UsageError(f"--format {format_!r}: choose {', '.join(core.FORMATS)}.")
    target = output_file(ctx, out, "--out", "statement.md") if out and out != "-" else None
    where = paths(ctx)
    record = clients.load(where, name)
    profile = profile_of(config.load_profile(where))
    currency = record.billing_currency(profile)
    day = parse_date(on, "--on") if on else timeline.today()
    claim, why = None, None
    try:
        claim = interest.for_client(rates.load(where), record, profile, day, fx=fx.lookup(where))
    except UsageError as exc:
        why = f"No statutory interest: {exc}"
    found = core.build(record, currency, day, claim, why)
    if json_out:
        emit_json({"client": record.slug, **core.as_dict(found)})
        return
    text = core.render(found, format_, lambda amount: money(float(amount), currency))
    if target is None:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(target, text)
        note(f"Wrote {target}.")
