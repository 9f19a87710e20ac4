"""clientexit followup: handover reminders in your calendar, and what is due across clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import Conflict, refuse_conflicts

if TYPE_CHECKING:
    import datetime as dt

    from clientexit._paths import Paths
    from clientexit.collect.ladder import Standing
    from clientexit.handover.checklist import Checklist
    from clientexit.handover.due import Due
    from clientexit.record.model import Profile


def register(app: typer.Typer) -> None:
    app.command("followup")(followup)


NameArg = Annotated[
    str | None,
    typer.Argument(
        help="A client's name or slug; without it, every client.",
        metavar="CLIENT",
        autocompletion=completion.clients,
    ),
]
IcsOpt = Annotated[
    str | None,
    typer.Option(
        "--ics",
        help="Write the client's key dates as an iCalendar file (- for stdout).",
        metavar="FILE",
    ),
]
WeeksOpt = Annotated[
    int, typer.Option("--weeks", min=1, max=52, help="How far ahead to look.", metavar="WEEKS")
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        help="Checklist language: en, tr, cs.", metavar="LANG", autocompletion=completion.languages
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]

_CONFLICTS = (Conflict("ics=-", ("json_out",), "prints the calendar on stdout"),)


def followup(
    ctx: typer.Context,
    name: NameArg = None,
    ics: IcsOpt = None,
    weeks: WeeksOpt = 4,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List what is due in the coming weeks, or write a client's reminders to a calendar file.

    Without CLIENT: every client whose status is ending or former, or whose handover has started
    (any progress recorded), and that is not archived. Soonest first; overdue items are listed
    too, and marked. A client with no end date (and no handover started) has nothing to follow.
    Every client with overdue invoices also gets the reminder ladder's next stage, on the day
    it is due (clientexit remind CLIENT drafts it), and each invoice whose reminders a dispute
    or a promise to pay pauses (clientexit log CLIENT add TEXT --kind promise --invoice N
    --until DATE).
    With --ics, the calendar holds every reminder stage still to come, also for a client who
    only owes money.

    \b
    Examples:
      clientexit followup
      clientexit followup --weeks 8 --json
      clientexit followup halvorsen-freight --ics halvorsen.ics
    """
    from clientexit import clients, timeline
    from clientexit._errors import UsageError
    from clientexit.cli._common import broken_files, emit_json, output_file, paths
    from clientexit.config import load_profile
    from clientexit.handover import due

    if ics and not name:
        raise UsageError("--ics needs a client.", "Example: clientexit followup CLIENT --ics FILE")
    refuse_conflicts(ctx, *_CONFLICTS)
    if ics and ics != "-":
        ics = str(output_file(ctx, ics, "--ics", "reminders.ics"))
    if lang is not None:
        from clientexit.i18n import language_code

        language_code(lang, "--lang")
    here, day = paths(ctx), timeline.today()
    profile = load_profile(here)
    if name:
        found = _for_client(here, name, day, weeks, lang, profile, ics, json_out)
        if found is None:
            return
    else:
        every = clients.load_book(here, broken=broken_files(ctx))
        handovers = due.due_across(every, profile, day, weeks, due.cache_file(here.home))
        found = _with_reminders(handovers, every, here, (day, weeks), profile)
    if json_out:
        emit_json([{**vars(d), "client": d.slug, "name": d.client} for d in found])
    else:
        _report(found, weeks, lang, profile)


def _with_reminders(
    found: list[Due], every: list[Any], here: Paths, when: tuple[dt.date, int], profile: Any
) -> list[Due]:
    """What is due (``when``: today and the weeks ahead), with the reminder ladder's next stage
    for every client that owes money (clientexit remind) and the invoices a dispute or a
    promise pauses, soonest first; dates in the text in ``profile``'s style."""
    from clientexit.collect import ladder

    day, weeks = when
    steps = ladder.load(here)
    for item in every:  # the book's summaries, or one client's record
        if item.archived or not item.totals(day).overdue_count:
            continue
        found += _ladder_rows(ladder.standing(steps, item, day), day, weeks, profile)
    return sorted(found, key=lambda d: (d.date, d.client.casefold(), d.kind, d.id))


def _ladder_rows(
    standing: Standing | None, day: dt.date, weeks: int, profile: Any = None
) -> list[Due]:
    """The client's next reminder stage (within ``weeks``) and its paused invoices."""
    import datetime as dt

    from clientexit.cli._common import day as shown
    from clientexit.handover.due import Due

    if standing is None or standing.position is None:
        return []
    rows = []
    if standing.next and standing.next_on and standing.next_on <= day + dt.timedelta(weeks=weeks):
        text = f"Send the {standing.next}: clientexit remind {standing.slug}"
        rows.append(
            Due(
                standing.slug,
                standing.name,
                "reminder",
                standing.next,
                text,
                standing.next_on,
                standing.next_on < day,
            )
        )
    for step in standing.position.steps:
        if step.pause is not None and step.paused(day):
            what = "a dispute" if step.pause.kind == "dispute" else "a promise to pay"
            text = (
                f"Invoice {step.number} is paused until {shown(step.pause.until, profile)} "
                f"({what}, logged {shown(step.pause.since, profile)}): its reminders resume the "
                "day after"
            )
            rows.append(
                Due(
                    standing.slug,
                    standing.name,
                    "pause",
                    f"pause-{step.number}",
                    text,
                    step.pause.until,
                    False,
                )
            )
    return rows


def _for_client(
    here: Paths,
    name: str,
    day: dt.date,
    weeks: int,
    lang: str | None,
    profile: Profile,
    ics: str | None,
    json_out: bool,
) -> list[Due] | None:
    """What is due for one client; with --ics the calendar is written (None: nothing more to
    print)."""
    import datetime as dt

    from clientexit import clients
    from clientexit.handover import due
    from clientexit.handover.checklist import build

    record = clients.load(here, name)
    owed = _with_reminders([], [record], here, (day, weeks), profile)
    if owed and due.nothing_to_follow(record, day):
        # The client only owes money: the ladder is all there is to follow.
        if ics:
            _write_ics(None, record, ics, here, day)
            if not json_out:
                return None
        return owed
    if due.nothing_to_follow(record, day):
        _no_end_date(record.name, record.slug, bool(ics), json_out)
        return None
    from clientexit.workdays import calendar

    checklist = build(
        record,
        profile,
        day,
        lang,
        user_templates=here.templates,
        calendar=calendar(profile, record, cache=here.holidays_cache),
    )
    if ics:
        _write_ics(checklist, record, ics, here, day)
        if not json_out:
            return None
    found = due.due_for(checklist, record.slug, day + dt.timedelta(weeks=weeks))
    return sorted([*found, *owed], key=lambda d: d.date)


def _report(found: list[Due], weeks: int, lang: str | None, profile: Profile) -> None:
    """The list for a person, and how to tick off what is overdue."""
    from clientexit.cli._common import note
    from clientexit.i18n import choose_language

    if not found:
        note(f"Nothing due in the next {weeks} weeks.")
        return
    from clientexit.i18n import date_style

    _show(found, date_style(choose_language(lang, None, profile), profile))
    late = [d for d in found if d.overdue and d.kind != "reminder"]
    if late:
        who = late[0].slug if len({d.slug for d in late}) == 1 else "CLIENT"
        note(f"{len(late)} overdue: tick them off with clientexit handover {who} --done ID.")


def _no_end_date(label: str, slug: str, ics: bool, json_out: bool) -> None:
    from clientexit._errors import UsageError
    from clientexit.cli._common import emit_json, note

    what = f"{label} has no end date, so there is nothing to follow up yet."
    how = (
        f"Give one with: clientexit end {slug} --by me --reason TEXT --date YYYY-MM-DD, "
        f"or draft a termination letter: clientexit letter {slug} --type TYPE."
    )
    if ics:
        raise UsageError(f"{what} No calendar file was written.", how)
    note(f"{what} {how}")
    if json_out:
        emit_json([])


def _write_ics(
    checklist: Checklist | None, record: Any, target: str, here: Paths, day: dt.date
) -> None:
    """The client's calendar: the handover checklist's reminders (if any) and every reminder
    stage still to come, on the day it falls due first (collect.ladder.schedule)."""
    from pathlib import Path

    from clientexit.cli._common import note, write_output
    from clientexit.collect import ladder
    from clientexit.handover.calendar import Reminder, reminders, to_ics

    steps = ladder.load(here)
    standing = ladder.standing(steps, record, day)
    extra = []
    if standing is not None and standing.position is not None:
        for stage, when, numbers in ladder.schedule(steps, standing.position, day):
            text = f"Send the {stage.type}: clientexit remind {record.slug}"
            what = f"{text} (invoice{'s' if len(numbers) > 1 else ''} {', '.join(numbers)})"
            extra.append(
                Reminder(
                    f"{record.slug}.{stage.type}@clientexit", when, f"{record.name}: {text}", what
                )
            )
    calendar = to_ics(checklist, record.slug, extra=extra, name=record.name)
    if target == "-":
        typer.echo(calendar, nl=False)
        return
    write_output(Path(target), calendar)
    count = (len(reminders(checklist, record.slug)) if checklist else 0) + len(extra)
    note(f"Wrote {count} reminders to {target}; import it into your calendar.")


def _show(found: list[Due], lang: str) -> None:
    from clientexit.cli import plain
    from clientexit.i18n import SUPPORTED, format_date

    lang = lang if lang.split("_")[0] in SUPPORTED else "en"
    # A book's rows share a few hundred days: Babel formats each once, not once a row.
    dates = {day: format_date(day, lang) for day in {d.date for d in found}}
    if not plain.to_terminal():
        plain.print_lines(
            ("Date", "Client", "ID", "What"),
            (
                [
                    dates[d.date] + (" (overdue)" if d.overdue else ""),
                    d.client,
                    d.id,
                    d.text,
                ]
                for d in found
            ),
        )
        return
    from rich.text import Text

    from clientexit.cli._common import console
    from clientexit.cli._table import Column, print_listing

    columns = [Column("Date"), Column("Client", wrap=True), Column("What", wrap=True)]
    cells = []
    for d in found:
        style = "red" if d.overdue else ("bold" if d.kind == "key_date" else "")
        when = Text(dates[d.date], style=style)
        if d.overdue:
            when.append("\n(overdue)", style=style)
        what = Text(d.text, style=style)
        what.append(f"\n{d.id}", style="dim")
        cells.append([when, Text(d.client), what])
    print_listing(console(), columns, cells)
