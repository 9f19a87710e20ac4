"""clientexit followup: handover reminders in your calendar, and what is due across clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import Conflict, refuse_conflicts

if TYPE_CHECKING:
    from clientexit.app.followup import ClientFollowup
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
        help="Language of the steps and dates: en, tr, cs (default: your profile's).",
        metavar="LANG",
        autocompletion=completion.languages,
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
    from clientexit import timeline
    from clientexit._errors import UsageError
    from clientexit.app import followup as use_case
    from clientexit.cli._common import broken_files, emit_json, output_file, paths
    from clientexit.config import load_profile

    if ics and not name:
        raise UsageError("--ics needs a client.", "Example: clientexit followup CLIENT --ics FILE")
    refuse_conflicts(ctx, *_CONFLICTS)
    if ics and ics != "-":
        ics = str(output_file(ctx, ics, "--ics", "reminders.ics"))
    here, day = paths(ctx), timeline.today()
    profile = load_profile(here)
    if lang is not None:  # the screen is the user's: --lang stands for the profile's language
        from clientexit.i18n import language_code

        profile = profile.reading_in(language_code(lang, "--lang"))
    if name:
        one = use_case.for_client(here, name, profile, day, weeks, lang=lang, calendar=bool(ics))
        if one.nothing_to_follow:
            _no_end_date(one, bool(ics), json_out)
            return
        if ics:
            _write_ics(one, ics)
            if not json_out:
                return
        found = one.rows
    else:
        found = use_case.across_book(here, profile, day, weeks, broken_files(ctx))
    if json_out:
        emit_json([{**d._asdict(), "client": d.slug, "name": d.client} for d in found])
    else:
        _report(found, weeks, lang, profile)


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


def _no_end_date(one: ClientFollowup, ics: bool, json_out: bool) -> None:
    from clientexit._errors import UsageError
    from clientexit.cli._common import emit_json, note

    what = f"{one.name} has no end date, so there is nothing to follow up yet."
    how = (
        f"Give one with: clientexit end {one.slug} --by me --reason TEXT --date YYYY-MM-DD, "
        f"or draft a termination letter: clientexit letter {one.slug} --type TYPE."
    )
    if ics:
        raise UsageError(f"{what} No calendar file was written.", how)
    note(f"{what} {how}")
    if json_out:
        emit_json([])


def _write_ics(one: ClientFollowup, target: str) -> None:
    """Write the client's calendar to ``target`` (- for stdout)."""
    from pathlib import Path

    from clientexit.cli._common import note, write_output

    calendar = one.calendar or ""
    if target == "-":
        typer.echo(calendar, nl=False)
        return
    write_output(Path(target), calendar)
    note(f"Wrote {one.reminders} reminders to {target}; import it into your calendar.")


def _show(found: list[Due], lang: str) -> None:
    from clientexit.cli import plain
    from clientexit.i18n import SUPPORTED, format_date

    lang = lang if lang.split("_")[0] in SUPPORTED else "en"
    # A book's rows share a few hundred days: Babel formats each once, not once a row.
    dates = {day: format_date(day, lang) for day in {d.date for d in found}}
    if not plain.to_terminal():
        late = {day: f"{text} (overdue)" for day, text in dates.items()}
        plain.print_lines(
            ("Date", "Client", "ID", "What"),
            ([(late if d.overdue else dates)[d.date], d.client, d.id, d.text] for d in found),
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
