"""clientexit rates [update]: how current the late-payment rates are, and fetching them from
their official publishers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from clientexit.cli._common import day as show_day
from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    import datetime as dt

    from clientexit._paths import Paths
    from clientexit.collect.update import Result
    from clientexit.record.model import Profile

ActionArg = Annotated[
    str | None,
    typer.Argument(
        help="update: fetch the rates from their official publishers.", metavar="[update]"
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(help="Check coverage up to this day, YYYY-MM-DD (default today).", metavar="DATE"),
]
OnlyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        help="With update: ask only this publisher (boe, bundesbank, ecb, cnb, ecb-fx); repeat.",
        metavar="PUBLISHER",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def register(app: typer.Typer) -> None:
    app.command("rates")(rates_)


def rates_(
    ctx: typer.Context,
    action: ActionArg = None,
    on: OnOpt = None,
    only: OnlyOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show how current the statutory late-payment rates are: periods covered, periods missing
    up to today, entries marked unverified, and when each was last fetched. Exit code 1 when a
    period is missing.

    `rates update` fetches them from the official publishers (Bank of England, Bundesbank, ECB,
    ČNB) with the ECB's euro exchange rates, and writes each with its source address and the day
    it was retrieved to the data folder's rates.toml and exchange-rates.toml. An entry you wrote
    by hand is never overwritten. If any publisher fails, nothing is written and it is named.
    The Turkish TTK 1530 rate has no machine-readable series: add it by hand each January.

    \b
    Examples:
      clientexit rates
      clientexit rates update
      clientexit rates update --only boe --only ecb-fx
      clientexit rates --on 2027-01-15 --json
    """
    from clientexit import timeline
    from clientexit._errors import UsageError
    from clientexit.record.inputs import parse_date

    where = paths(ctx)
    if action not in (None, "update"):
        raise UsageError(f"Unknown action {action!r}.", "Use clientexit rates or rates update.")
    if action == "update":
        if on:
            raise UsageError("--on is for the listing: rates update fetches as of today.")
        _update(where, timeline.today(), only, json_out)
        return
    if only:
        raise UsageError("--only goes with rates update.")
    _listing(where, parse_date(on, "--on") if on else timeline.today(), json_out)


def _listing(where: Paths, day: dt.date, json_out: bool) -> None:
    from clientexit.app import rates

    found = rates.listing(where, day)
    own, rows, profile = found.own_file, found.rows, found.profile
    missing = any(row["missing"] for row in rows)
    if json_out:
        emit_json({"file": str(found.source), "own_file": str(own), "on": day, "regimes": rows})
    else:
        typer.echo("\n".join(_wrapped(f"Rates file: {found.source}")))
        for row in rows:
            span = f"{row['first']} to {row['last']}" if row["first"] else "no periods"
            line = f"{row['regime']:<3} {', '.join(row['countries'][:3])}"
            line += "..." if len(row["countries"]) > 3 else ""
            line += f": {span}"
            if row["fetched"]:
                line += f"; fetched {show_day(row['fetched'], profile)}"
            if row["missing"]:
                line += f"; missing {', '.join(row['missing'])}"
            if row["unverified"]:
                line += f"; unverified {', '.join(row['unverified'])}"
            typer.echo("\n".join(_wrapped(line)))
    if missing:
        note(
            f"Some periods up to {show_day(day, profile)} have no rate: interest for those days "
            "is not counted and claims say 'at least'. Fill them with: clientexit rates update "
            f"(or add each to {own} by hand with its rate and source)."
        )
        raise typer.Exit(1)


def _wrapped(line: str) -> list[str]:
    """``line`` wrapped to the terminal (at most 80 columns), continued with an indent."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 80))
    return textwrap.wrap(line, width, subsequent_indent="    ", break_on_hyphens=False) or [""]


def _update(where: Paths, today: dt.date, only: list[str] | None, json_out: bool) -> None:
    from clientexit.app import rates
    from clientexit.collect import update

    result = rates.update(where, update.fetch_url, today, only)
    if json_out:
        emit_json(_as_json(result))
    for publisher, problem in result.failures:
        note(f"{publisher}: {problem}")
    if result.failures:
        note("Nothing was written: the rates files are as they were. Try again later.")
        raise typer.Exit(1)
    if not json_out:
        from clientexit import config

        for line in _summary(result, config.load_profile(where)):
            typer.echo(line)
    for line in result.not_fetched:
        note(line + ".")


def _summary(result: Result, profile: Profile) -> list[str]:
    lines = []
    for change in result.changes:
        what = {"add": "added", "update": "updated", "kept": "kept your entry"}[change.action]
        line = (
            f"{change.regime} {change.period}: {change.reference}% on "
            f"{show_day(change.reference_date, profile)} ({what}"
        )
        if change.action == "kept":
            line += f" of {change.previous}%: the publisher says otherwise, check it"
        lines.append(line + ")")
    if not result.changes:
        lines.append("The reference rates were already current.")
    if result.fx_days:
        lines.append(f"Exchange rates: {result.fx_days} days written to {result.fx_file}.")
    if result.fx_kept:
        lines.append(f"Exchange rates: kept {len(result.fx_kept)} days you wrote by hand.")
    return lines


def _as_json(result: Result) -> dict[str, object]:
    return {
        "written": result.written,
        "failures": [{"publisher": p, "problem": why} for p, why in result.failures],
        "changes": [
            {
                "regime": c.regime,
                "period": str(c.period),
                "reference": float(c.reference),
                "reference_date": c.reference_date,
                "action": c.action,
                "previous": None if c.previous is None else float(c.previous),
                "source": c.publisher.url,
            }
            for c in result.changes
        ],
        "exchange_rate_days": result.fx_days,
        "not_fetched": result.not_fetched,
    }
