"""clientexit rates: which late-payment rates the rates file holds, and which are missing."""

from __future__ import annotations

from typing import Annotated

import typer

from clientexit.cli._common import emit_json, note, paths


def register(app: typer.Typer) -> None:
    app.command("rates")(rates_)


def rates_(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            help="Check coverage up to this day, YYYY-MM-DD (default today).", metavar="DATE"
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the statutory late-payment rules in use: periods covered, periods missing up to
    today, and entries marked unverified. Exit code 1 when a period is missing.

    To update: copy the file shown to the data folder as rates.toml (once), add an entry for
    each missing period with its rate, the day it was taken and its source, and run this again.
    A broken file is named with its line; nothing is reckoned from it.

    \b
    Examples:
      clientexit rates
      clientexit rates --on 2027-01-15 --json
    """
    from clientexit import timeline
    from clientexit.book._parse import parse_date
    from clientexit.collect import rates

    where = paths(ctx)
    day = parse_date(on, "--on") if on else timeline.today()
    book = rates.load(where)
    own = rates.location(where)
    rows = rates.coverage(book, day)
    missing = any(row["missing"] for row in rows)
    if json_out:
        emit_json({"file": str(book.source), "own_file": str(own), "on": day, "regimes": rows})
    else:
        typer.echo(f"Rates file: {book.source}")
        for row in rows:
            span = f"{row['first']} to {row['last']}" if row["first"] else "no periods"
            line = f"{row['regime']:<3} {', '.join(row['countries'])}: {span}"
            if row["missing"]:
                line += f"; missing {', '.join(row['missing'])}"
            if row["unverified"]:
                line += f"; unverified {', '.join(row['unverified'])}"
            typer.echo(line)
    if missing:
        target = "it" if book.source == own else f"a copy of it as {own}"
        note(
            f"Some periods up to {day.isoformat()} have no rate: interest for them is left out. "
            f"Add each to {target} with its rate and source."
        )
        raise typer.Exit(1)
