"""clientexit clients (alias status) and churn: the whole book at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence

    from clientexit.collect.ladder import Standing
    from clientexit.exchange import Total
    from clientexit.record.model import Profile
    from clientexit.record.summary import Summary
    from clientexit.reports.churn import Churn, Period
    from clientexit.reports.portfolio import OverdueTotal, Row

from clientexit.cli._common import broken_files, day, emit_json, note, paths

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


_STATUS_HELP = """Same as clients: every client, the ones that need attention first.

\b
Examples:
  clientexit status
  clientexit status --status ending --json
"""


def register(app: typer.Typer) -> None:
    app.command("clients")(clients_)
    app.command("status", help=_STATUS_HELP)(clients_)
    app.command("churn")(churn)


def clients_(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(
            help="Only clients with this status: active, at-risk, ending, former.", metavar="STATUS"
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Every client in one table, the ones that need attention first.

    Order: current clients before former ones; then by the last verdict (exit now, prepare exit,
    repair, not yet assessed, keep); then more kinds of problems (red-flag categories above zero)
    before fewer; then the higher red-flag score; then the longest overdue (days, whatever the
    currency). Open items and next due come from the handover checklist while a client is ending
    (and 90 days after). Reminder: for a client with overdue invoices, the last stage of the
    reminder ladder sent and the next (clientexit remind), "due" once it is. Below the table,
    what is overdue in total in your profile's currency, at the ECB rates on file (each rate
    named with its date; a currency without one is named and not added). --json: each row's
    overdue_converted.

    \b
    Examples:
      clientexit clients
      clientexit clients --status at-risk
      clientexit status --json | jq '.[0]'
    """

    from clientexit import timeline
    from clientexit.app import portfolio
    from clientexit.cli._common import status_filter, warn_conflict_copies

    status = status_filter(status)
    home = paths(ctx)
    today = timeline.today()
    listing = portfolio.listing(home, today, status=status, broken=broken_files(ctx))
    warn_conflict_copies(home)
    rows, ladder, profile = listing.rows, listing.ladder, listing.profile
    total = portfolio.overdue_total(home, rows, profile.currency, today)
    if json_out:
        emit_json(_json_row(row, total, ladder) for row in rows)
        return
    if not rows:
        if not broken_files(ctx):  # else: the warnings say why
            note(
                f"No clients with status {status}."
                if status
                else "No clients yet: clientexit client add NAME"
            )
        return
    _print_rows(rows, ladder, profile)
    _print_total(total, profile)


def _json_row(row: Row, total: OverdueTotal, ladder: dict[str, Standing]) -> dict[str, object]:
    converted = {"overdue_converted": total.converted(row)}
    return {"client": row.slug, **row.as_dict(), **converted, **_reminder(ladder, row)}


def _print_total(total: OverdueTotal, profile: Profile | None = None) -> None:
    """The overdue total under the table, each conversion's rate and date named, each currency
    without a rate named and left out (stdout on a terminal; stderr in a pipe, which keeps the
    listing one line per client)."""
    from clientexit.cli import plain
    from clientexit.cli._common import money

    if not total.amount and not total.left_out:
        return
    label = "Overdue, without the amounts named below" if total.left_out else "Overdue in total"
    text = f"{label}: {money(float(total.amount), total.currency)}"
    if total.quotes:
        rates = "; ".join(
            f"1 {q.base} = {q.rate:.6g} {q.quote} on {day(q.day, profile)}" for q in total.quotes
        )
        text += f" (ECB reference rates: {rates})"
    text += "."
    if total.left_out:
        owed = ", ".join(money(float(v), code) for code, v in total.left_out.items())
        text += (
            f" Not added, no exchange rate to {total.currency} on file: {owed} "
            "(clientexit rates update fetches them)."
        )
    if plain.to_terminal():
        import shutil
        import textwrap

        width = shutil.get_terminal_size((80, 24)).columns
        typer.echo("\n".join(textwrap.wrap(text, width, break_on_hyphens=False)))
    else:
        note(text)


def _reminder(ladder: dict[str, Standing], row: Row) -> dict[str, object]:
    standing = ladder.get(row.slug)
    return {"reminder": standing.as_dict() if standing else None}


_SHORT = {
    "friendly-reminder": "friendly",
    "firm-reminder": "firm",
    "work-paused": "paused",
    "final-notice": "final",
    "formal-demand": "demand",
}


def _reminder_cell(standing: Standing | None, today: dt.date) -> str:
    """ "firm → final-notice due": the last stage sent, the next and whether it is due."""
    if standing is None:
        return ""
    done = _SHORT.get(standing.reached or "", standing.reached or "")
    if standing.next is None:
        return f"{done} (all sent)"
    due = " due" if standing.next_on and standing.next_on <= today else ""
    return f"{done} → {_SHORT.get(standing.next, standing.next)}{due}".strip()


_VERDICTS = {"exit_now": "exit now", "prepare_exit": "prep. exit"}
_HEADERS = (
    "Client",
    "Status",
    "Verdict",
    "Score",
    "Rate",
    "Open",
    "Next due",
    "Overdue",
    "Paid late",
    "Reminder",
)
_RIGHT = {3, 4, 5, 7, 8}  # Score, Rate, Open, Overdue, Paid late


def _cells(row: Row, profile: Profile) -> list[str]:
    """One client's row as the table shows it, on a terminal or in a pipe (dates in
    ``profile``'s style: cli._common.day)."""
    from clientexit.cli._common import money

    score = "" if row.score is None else f"{row.score:g}"
    if row.trend:
        score += f" {'↑' if row.trend > 0 else '↓'}{abs(row.trend):g}"
    return [
        row.name,
        row.status,
        _VERDICTS.get(row.verdict or "", row.verdict or "—"),
        score,
        "" if row.rate_share is None else f"{row.rate_share:.0f}%",
        "" if row.open_items is None else str(row.open_items),
        day(row.next_due, profile),
        money(row.overdue, row.currency) if row.overdue else "",
        _paid_late(row),
    ]


def _paid_late(row: Row) -> str:
    """ "75% 9 d": the share of invoices paid late, and the average days late."""
    if row.paid_late_percent is None:
        return ""
    days = f" {row.average_days_late:.0f} d" if row.average_days_late else ""
    return f"{row.paid_late_percent:.0f}%{days}"


def _print_rows(rows: list[Row], ladder: dict[str, Standing], profile: Profile) -> None:
    from clientexit import timeline
    from clientexit.cli import plain

    today = timeline.today()
    cells = [[*_cells(row, profile), _reminder_cell(ladder.get(row.slug), today)] for row in rows]
    if not plain.to_terminal():
        plain.print_lines(_HEADERS, cells, right=_RIGHT, min_widths=(16,))
        return
    from clientexit.cli._common import console
    from clientexit.cli._table import Column, print_listing

    columns = [
        Column("Client", wrap=True),
        Column("Status"),
        Column("Verdict", drop=5),
        Column("Score", right=True, drop=3),
        Column("Rate", right=True, drop=2),
        Column("Open", right=True, drop=1),
        Column("Next due", drop=4),
        Column("Overdue", right=True),
        Column("Paid late", right=True, drop=-1),
        Column("Reminder", drop=0),
    ]
    print_listing(console(rows=True), columns, cells)


def churn(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            help="A quarter (2026Q3), a year (2026) or a month (2026-07).", metavar="PERIOD"
        ),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD.", metavar="DATE")
    ] = None,
    to: Annotated[
        str | None, typer.Option(help="Last day, YYYY-MM-DD (default today).", metavar="DATE")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Clients gained and lost in a period, churn rates, revenue lost and why they left.

    Gained: started in the period. Lost: last day in the period. Simple churn = lost / gained x 100
    (10 lost of 250 gained = 4%); standard churn = lost / clients at the start of the period.
    Revenue lost: each lost client's monthly revenue (last assessment, else its invoices' monthly
    average over its last 12 months). A last day still ahead is not lost yet: such clients are
    listed as scheduled to end in the period. Without a period: the current year.

    \b
    Examples:
      clientexit churn --period 2026Q3
      clientexit churn --from 2026-01-01 --to 2026-06-30
      clientexit churn --period 2026 --json
    """

    from clientexit import timeline
    from clientexit.app import portfolio

    home = paths(ctx)
    today = timeline.today()
    chosen = _period(ctx, period, from_, to, today)
    report = portfolio.churn(home, chosen, today, broken_files(ctx))
    together = report.together
    if json_out:
        data = _with_slugs(report.churn.as_dict(), report.every)
        emit_json({**data, "revenue_lost_monthly_total": together and together.as_dict()})
        return
    _print_churn(report.churn, together, report.profile)


def _period(
    ctx: typer.Context, period: str | None, from_: str | None, to: str | None, today: dt.date
) -> Period:
    """The period the flags ask for: --period, or --from (and --to, default today); nothing
    asked means the current year."""
    from clientexit._errors import UsageError
    from clientexit.cli._common import Conflict, flag_names, refuse_conflicts
    from clientexit.record.inputs import parse_date
    from clientexit.reports import churn as churn_core

    refuse_conflicts(
        ctx,
        Conflict(
            "period", ("from_", "to"), message="Give either --period or --from/--to, not both."
        ),
    )
    if to and not from_:
        raise UsageError("--to needs --from.", "Example: --from 2026-01-01 --to 2026-06-30")
    with flag_names(ctx, last="--to"):
        if period or not from_:
            return churn_core.parse_period(period or str(today.year))
        first = parse_date(from_, "--from")
        return churn_core.between(first, parse_date(to, "--to") if to else today)


def _with_slugs(data: dict[str, object], records: Sequence[Summary]) -> dict[str, object]:
    """churn's lists of clients name each one; --json adds its slug as ``client``, as in every
    command's JSON (names are unique: client add refuses a name already taken)."""
    slugs = {r.name: r.slug for r in records}
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(i, dict) and "name" in i for i in value):
            data[key] = [{"client": slugs.get(i["name"]), **i} for i in value]
    return data


def _together_text(
    together: Total, money: Callable[[float, str], str], profile: Profile | None = None
) -> str:
    """The total in the profile's currency, naming each rate and its date, or why there is none."""
    if together.amount is None:
        return (
            f"together in {together.currency}: no exchange rate on file for "
            f"{', '.join(together.missing)} (clientexit rates update fetches them)"
        )
    rates = "; ".join(
        f"1 {q.base} = {q.rate:.4f} {q.quote} on {day(q.day, profile)}" for q in together.quotes
    )
    return f"together: {money(float(together.amount), together.currency)} (ECB: {rates})"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def _print_churn(
    result: Churn, together: Total | None = None, profile: Profile | None = None
) -> None:
    from rich.text import Text

    from clientexit.cli._common import console, money

    out = console()
    lines = [
        f"Churn for {result.period.label} ({day(result.period.start, profile)} to "
        f"{day(result.period.end, profile)})",
        f"  gained {result.gained}, lost {len(result.lost)}, at the start {result.at_start}",
        f"  simple churn (lost / gained):         {_percent(result.simple_rate)}",
        f"  standard churn (lost / at the start): {_percent(result.standard_rate)}",
    ]
    revenue = ", ".join(money(amount, cur) for cur, amount in result.revenue_lost().items())
    lines.append(f"  monthly revenue lost: {revenue or 'none'}")
    if together is not None:
        lines.append("  " + _together_text(together, money, profile))
    for who, items in result.reasons().items():
        label = {"me": "you ended", "client": "the client left"}.get(who, "not recorded who")
        lines.append(f"  {label}: " + ", ".join(f"{c} {n}" for c, n in items))
    for item in sorted(result.lost, key=lambda i: i.end_date):
        why = f"{item.ended_by or '?'}, {item.reason_category or '?'}"
        lines.append(f"    {day(item.end_date, profile):<18}  {item.name}  ({why})")
    if result.scheduled:
        ahead = ", ".join(money(a, cur) for cur, a in result.revenue_scheduled().items())
        lines.append(f"  scheduled to end in the period (not lost yet): {len(result.scheduled)}")
        lines.append(f"  monthly revenue scheduled to end: {ahead or 'none known'}")
        for item in sorted(result.scheduled, key=lambda i: i.end_date):
            why = f"{item.ended_by or '?'}, {item.reason_category or '?'}"
            lines.append(f"    {day(item.end_date, profile):<18}  {item.name}  ({why})")
    for line in lines:
        out.print(Text(line))
    if len(result.quarters) > 1:
        out.print(Text("\nBy quarter"))
        for line in quarter_chart(result.quarters, _bar_room(out.width, result.quarters)):
            out.print(Text(line))


def _bar_room(width: int, quarters: list[tuple[str, int, int]]) -> int:
    """How wide the longest bar may be so that a chart line fits ``width`` (at most 40)."""
    label = max((len(q[0]) for q in quarters), default=6)
    count = max((len(str(max(g, n))) for _, g, n in quarters), default=1)
    return max(1, min(40, width - label - len("    gained  ") - count))


def quarter_chart(quarters: list[tuple[str, int, int]], width: int = 40) -> list[str]:
    """Two bars per quarter, gained and lost, scaled so the longest is ``width`` wide."""
    top = max((max(g, n) for _, g, n in quarters), default=0) or 1
    scale = min(1.0, width / top)

    def bar(count: int) -> str:
        return "█" * round(count * scale) if count else "·"

    lines = []
    for label, gained, lost in quarters:
        lines.append(f"  {label}  gained {bar(gained)} {gained}")
        lines.append(f"  {' ' * len(label)}  lost   {bar(lost)} {lost}")
    return lines
