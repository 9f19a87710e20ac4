"""clientexit end: record that a relationship ends, whoever ended it, and why."""

from __future__ import annotations

from typing import Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import day, emit_json, note, paths


def register(app: typer.Typer) -> None:
    app.command("end")(end)


NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
ByOpt = Annotated[
    str, typer.Option("--by", help="Who ended it: me or client.", metavar="me|client")
]
ReasonOpt = Annotated[
    str, typer.Option(help="Why, in a line (for your records, not the client).", metavar="REASON")
]
CategoryOpt = Annotated[
    str | None,
    typer.Option(
        help="price, value, support, product-fit, payment, scope, conduct, values or other "
        "(default: from your last assessment when you ended it, else other).",
        metavar="CATEGORY",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        help="The last working day, YYYY-MM-DD (default today). Needed to change the date of "
        "a client that is already ending or former.",
        metavar="DATE",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def end(
    ctx: typer.Context,
    name: NameArg,
    by: ByOpt,
    reason: ReasonOpt,
    category: CategoryOpt = None,
    date: DateOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record the end of a relationship: status ending (date ahead) or former (today or past).

    Works the same whether you let the client go or the client left on its own: the handover,
    feedback request and follow-up apply either way. A client that is already ending or former
    keeps its end date: to correct it (or the reason), give --date explicitly.

    \b
    Examples:
      clientexit end halvorsen-freight --by me --reason "Abuse toward staff" --date 2026-12-09
      clientexit end "Fjord Coffee Roasters" --by client --reason "Moved in-house" --category price
    """

    import functools

    from clientexit import config, timeline
    from clientexit.app import client
    from clientexit.cli._common import flag_names
    from clientexit.record.inputs import parse_date

    today = timeline.today()
    last_day = parse_date(date, "--date") if date else None
    profile = config.load_profile(paths(ctx))
    shown = functools.partial(day, profile=profile)
    with flag_names(ctx):
        ended = client.end(
            paths(ctx), name, by=by, reason=reason, today=today, category=category, date=last_day,
            shown=shown,
        )  # fmt: skip
    slug, label, ending, status, before = (
        ended.slug, ended.name, ended.ending, ended.status, ended.before
    )  # fmt: skip
    if json_out:
        emit_json(
            {"client": slug, "name": label, "slug": slug, "status": status, **ending.as_dict()}
        )
        return
    when = "ends on" if status == "ending" else "ended on"
    end = day(ending.end_date, profile)
    if before is not None and before != ending.end_date:
        note(f"The end date was {day(before, profile)}; it is now {end}.")
    note(f"{label} {when} {end} ({ending.reason_category}, ended by {ending.ended_by}).")
    note(f"Next: clientexit handover {slug}    then    clientexit followup {slug} --ics FILE")
