"""What `clientexit hours` prints: the import report, the mapping, the monthly table and chart
(the figures: app/economics.py), and where assess's measured month comes from."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from clientexit.cli._common import console, money, note

if TYPE_CHECKING:
    from prompt_toolkit.output import Output

    from clientexit._paths import Paths
    from clientexit.record.model import Client

if TYPE_CHECKING:  # the parsers stay unimported by `hours CLIENT` and assess
    from clientexit.app.economics import ClientHours, MeasuredMonth
    from clientexit.hours.importer import Outcome
    from clientexit.hours.mapping import Rule
    from clientexit.hours.report import MonthFigures, Trend

# Problems listed one by one in the import report; more are counted (all are in --json).
SHOWN_PROBLEMS = 10

# Names offered when no client has a mapping yet: the projects with the most hours, and the
# tags most used (to tick the unbilled ones).
ASKED_NAMES = 8
ASKED_TAGS = 12


def ask_mapping(
    where: Paths, names: Sequence[str], file: Path, tags: Sequence[str] = ()
) -> list[Rule]:
    """No client has an [hours] mapping: ask, once, which client each of the file's main
    projects belongs to ("skip" first: nothing is pre-selected for a project clientexit does
    not know), then which of its tags mark unbilled hours; the answers are saved with the
    import, through the checks `hours map --match` applies. Without a terminal, an error naming
    the options that replace the question."""
    from clientexit import clients
    from clientexit.cli._common import ask, require_terminal
    from clientexit.hours.mapping import Rule, usable_names

    listed = ", ".join(names[:ASKED_NAMES]) or "none"
    require_terminal(
        "Mapping tracked projects to clients",
        f"No client has an [hours] mapping yet. Set one: clientexit hours map CLIENT --match "
        f"PROJECT (projects in {file.name}: {listed}), or import with --client CLIENT.",
    )
    import questionary

    records = clients.list_records(where)
    if not records:
        from clientexit._errors import UsageError

        raise UsageError(
            "There are no clients to map hours to.", "Add one: clientexit client add NAME"
        )
    from prompt_toolkit.output import create_output

    skip = "(not a client's: skip)"
    chosen: dict[str, list[str]] = {}
    out = create_output(stdout=sys.stderr)  # stdout stays for the report (--json)
    for name in usable_names(names[:ASKED_NAMES], "--match"):
        choices = [questionary.Choice(r.name, value=r.slug) for r in records]
        answer = ask(
            questionary.select(
                f"Tracked project {name!r} belongs to:",
                choices=[questionary.Choice(skip, value=""), *choices],
                output=out,
            )
        )
        if answer:
            chosen.setdefault(answer, []).append(name)
    unbilled = _ask_unbilled(tags, out) if chosen else []
    by_slug = {r.slug: r for r in records}
    return [
        Rule(slug, by_slug[slug].name, tuple(match), tuple(unbilled))
        for slug, match in chosen.items()
    ]


def _ask_unbilled(tags: Sequence[str], out: Output) -> list[str]:
    """Which of the export's tags mark hours not billed (checked as --unbilled-tag is)."""
    import questionary

    from clientexit.cli._common import ask
    from clientexit.hours.mapping import usable_names

    offered = usable_names(tags[:ASKED_TAGS], "--unbilled-tag")
    if not offered:
        return []
    question = questionary.checkbox(
        "Tags whose hours you do not bill (space ticks one; Enter when done):",
        choices=offered,
        output=out,
    )
    return list(ask(question) or [])


def _h(hours: float) -> str:
    return f"{hours:,.2f}"


def _n(count: int, word: str) -> str:
    """``1 entry``, ``2 entries``, ``1,204 rows``."""
    if count == 1:
        return f"1 {word}"
    return f"{count:,} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def import_json(file: Path, outcome: Outcome) -> dict[str, object]:
    """The `hours import --json` document."""
    plan = outcome.plan
    return {
        "file": str(file),
        "format": plan.parsed.format,
        "entries": len(plan.parsed.entries),
        "written": outcome.written,
        "clients": [
            {
                "client": slug,
                "name": plan.names.get(slug, slug),
                "new_entries": added.entries,
                "already_imported": added.already,
                "billable_hours": round(added.billable_hours, 2),
                "unbilled_hours": round(added.unbilled_hours, 2),
                "months": list(added.months),
            }
            for slug, added in sorted(outcome.added.items())
        ],
        "unmatched": [
            {"name": name, "entries": count, "hours": round(plan.unmatched_seconds[name] / 3600, 2)}
            for name, count in plan.unmatched.most_common()
        ],
        "ambiguous": [{"line": line, "clients": list(who)} for line, who in plan.ambiguous],
        "unreadable": [{plan.parsed.unit: line, "reason": why} for line, why in outcome.problems],
        "running": plan.parsed.running,
    }


def import_report(file: Path, outcome: Outcome, dry_run: bool) -> None:
    """The import's outcome on stderr: per client, then everything that was not counted."""
    parsed = outcome.plan.parsed
    note(f"Read {_n(len(parsed.entries), 'entry')} from {file} ({parsed.format}).")
    for line in _client_lines(outcome, "would add" if dry_run else "added"):
        note(line)
    for line in _not_counted_lines(outcome, file):
        note(line)
    if dry_run:
        note("Dry run: nothing was changed.")


def _client_lines(outcome: Outcome, verb: str) -> list[str]:
    lines = []
    for slug, added in sorted(outcome.added.items()):
        name = outcome.plan.names.get(slug, slug)
        if added.entries:
            first, last = added.months[0], added.months[-1]
            span = first if first == last else f"{first} to {last}"
            already = f"; {_n(added.already, 'entry')} already imported" if added.already else ""
            lines.append(
                f"  {name}: {verb} {_n(added.entries, 'entry')}, "
                f"{_h(added.billable_hours)} billable and {_h(added.unbilled_hours)} unbilled "
                f"hours ({span}){already}."
            )
        elif added.already:
            lines.append(f"  {name}: nothing new; {_n(added.already, 'entry')} already imported.")
    return lines


def _not_counted_lines(outcome: Outcome, file: Path) -> list[str]:
    plan, parsed = outcome.plan, outcome.plan.parsed
    lines = []
    if plan.unmatched:
        total = sum(plan.unmatched.values())
        hours = sum(plan.unmatched_seconds.values()) / 3600
        top = ", ".join(
            f"{name} ({count}, {_h(plan.unmatched_seconds[name] / 3600)} h)"
            for name, count in plan.unmatched.most_common(5)
        )
        more = f" and {len(plan.unmatched) - 5} more" if len(plan.unmatched) > 5 else ""
        lines.append(
            f"Not counted: {_n(total, 'entry')} ({_h(hours)} h) matching no client: {top}{more}. "
            "Map them: clientexit hours map CLIENT --match NAME"
        )
    if plan.ambiguous:
        where = ", ".join(str(line) for line, _ in plan.ambiguous[:SHOWN_PROBLEMS])
        who = ", ".join(sorted({s for _, claim in plan.ambiguous for s in claim}))
        lines.append(
            f"Not counted: {_n(len(plan.ambiguous), 'entry')} claimed by several clients "
            f"({who}), {parsed.unit}s {where}. Make their --match patterns distinct."
        )
    if outcome.problems:
        lines.append(f"Could not read {_n(len(outcome.problems), parsed.unit)} of {file.name}:")
        lines += [f"  {parsed.unit} {n}: {why}" for n, why in outcome.problems[:SHOWN_PROBLEMS]]
        if len(outcome.problems) > SHOWN_PROBLEMS:
            lines.append(f"  ...and {len(outcome.problems) - SHOWN_PROBLEMS:,} more (see --json).")
    if parsed.running:
        lines.append(
            f"Not counted: {_n(parsed.running, 'running entry')} (no end yet); import again later."
        )
    return lines


def map_json(record: Client) -> dict[str, object]:
    """The `hours map --json` document."""
    from clientexit.hours.mapping import rule_of

    rule = rule_of(record)
    return {
        "client": record.slug,
        "name": record.name,
        "match": list(rule.match) if rule else [],
        "unbilled_tags": list(rule.unbilled_tags) if rule else [],
    }


def map_report(where: Paths, record: Client, changed: bool) -> None:
    """A client's mapping on stdout; on stderr, patterns another client also claims."""
    import typer

    from clientexit import clients
    from clientexit.hours.mapping import rule_of, shared_patterns

    rule = rule_of(record)
    if rule is None or not (rule.match or rule.unbilled_tags):
        note(
            f"{record.name} has no hours mapping yet. Set one: clientexit hours map "
            f"{record.slug} --match PROJECT [--unbilled-tag TAG]"
        )
        return
    typer.echo(f"match: {', '.join(rule.match) or '(none: no entry is counted for it)'}")
    typer.echo(f"unbilled tags: {', '.join(rule.unbilled_tags) or '(none)'}")
    others = [rule_of(r) for r in clients.list_records(where) if r.slug != rule.slug]
    for pattern, other in shared_patterns(rule, others):
        note(
            f"Warning: {other} also matches {pattern!r}; entries both claim are counted for "
            "neither."
        )
    if changed:
        note(f"Saved in {record.path}.")
        if record.tracked_months:
            note(
                "Hours imported before stay counted as they were. To count them with this "
                "mapping: clientexit hours import FILE --rebuild (FILE: the export holding "
                "them all, e.g. Watson's frames)."
            )


_EIGHTHS = " ▏▎▍▌▋▊▉"


def _bar(value: float, top: float, width: int) -> str:
    eighths = round(value / top * width * 8) if top > 0 else 0
    full, rest = divmod(max(eighths, 0), 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def chart_lines(
    rows: Sequence[MonthFigures], target: float | None, currency: str, width: int = 32
) -> list[str]:
    """The effective rate per month as bars; ┆ marks the target where a bar falls short."""
    rates = [float(r.effective_rate) for r in rows if r.effective_rate is not None]
    top = max([*rates, target or 0.0])
    if not rates or top <= 0:
        return []
    mark = round(target / top * width) if target else None
    lines = []
    for row in rows:
        if row.effective_rate is None:
            lines.append(f"{row.month}  {'':<{width + 1}}  (no revenue known)")
            continue
        bar = _bar(float(row.effective_rate), top, width).ljust(width + 1)
        if mark is not None and bar[mark] == " ":
            bar = bar[:mark] + "┆" + bar[mark + 1 :]
        lines.append(f"{row.month}  {bar}  {money(row.effective_rate, currency)}")
    return lines


def trend_sentence(trend: Trend | None, currency: str, target: float | None) -> str | None:
    """One sentence on where the effective rate is heading, or None without enough months."""
    if trend is None:
        return None
    against = f" (your target: {money(target, currency)})" if target else ""
    return (
        f"The effective rate is {trend.direction}: {money(trend.start_rate, currency)} an hour "
        f"in {trend.first_month}, {money(trend.end_rate, currency)} in {trend.last_month}"
        f"{against}."
    )


def show(view: ClientHours) -> None:
    """The monthly table, the chart and the trend on stdout."""
    import typer

    from clientexit.cli._table import Column, print_listing

    if not view.rows:
        note(
            f"No tracked hours for {view.name} in the last {view.months} months. Import them: "
            f"clientexit hours import FILE (after: clientexit hours map {view.slug} "
            "--match PROJECT)."
        )
        return
    columns = [
        Column("Month"),
        Column("Billable h", right=True),
        Column("Unbilled h", right=True),
        Column("Revenue", right=True),
        Column("from", drop=2),
        Column("Effective rate", right=True),
        Column("vs target", right=True, drop=1),
    ]
    typer.echo(f"{view.name}: tracked hours by month ({view.currency})")
    print_listing(console(), columns, [_cells(row, view) for row in view.rows])
    if any(row.revenue_from == "rate" for row in view.rows):
        typer.echo("rate: no invoice issued that month, so billable hours at the rate then.")
    chart = chart_lines(view.rows, view.target_rate, view.currency)
    if chart:
        typer.echo("")
        typer.echo("Effective rate" + (" (┆ your target)" if view.target_rate else ""))
        for line in chart:
            typer.echo(line)
    sentence = trend_sentence(view.trend, view.currency, view.target_rate)
    if sentence:
        typer.echo("")
        typer.echo(sentence)


def _cells(row: MonthFigures, view: ClientHours) -> list[str]:
    revenue = "" if row.revenue is None else money(row.revenue, view.currency)
    rate = "" if row.effective_rate is None else money(row.effective_rate, view.currency)
    versus = ""
    if row.effective_rate is not None and view.target_rate:
        versus = f"{(float(row.effective_rate) / view.target_rate - 1) * 100:+.0f}%"
    hours = [_h(row.billable_hours), _h(row.unbilled_hours)]
    return [row.month, *hours, revenue, row.revenue_from, rate, versus]


def measured_sentence(month: MeasuredMonth) -> str:
    """Where the economics of a typical month come from, as assess says it."""
    measured, currency = month.measured, month.currency
    span = (
        measured.first_month
        if measured.months == 1
        else f"{measured.first_month} to {measured.last_month}"
    )
    return (
        f"Economics from tracked hours, {span} ({_n(measured.months, 'whole month')}): "
        f"{money(measured.monthly_revenue, currency)} revenue, {measured.billable_hours:g} "
        f"billable and {measured.unbilled_hours:g} unbilled hours a month "
        f"(clientexit hours {month.slug})."
    )
