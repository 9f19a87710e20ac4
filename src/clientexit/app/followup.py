"""What each client needs next (``followup``): the handover checklist's dated items and key
dates (handover/due.py) joined with the reminder ladder's next stage and the invoices a dispute
or a promise pauses (collect/ladder.py), over the whole book or for one client, and one
client's calendar of both (--ics)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._errors import DataFileError
    from clientexit._paths import Paths
    from clientexit.collect.ladder import Ladder, Standing
    from clientexit.handover.checklist import Checklist
    from clientexit.handover.due import Due
    from clientexit.record.model import Client, Profile
    from clientexit.record.summary import Summary


@dataclass(frozen=True)
class ClientFollowup:
    """One client's follow-up: the rows due within the horizon, soonest first; the calendar
    (iCalendar text) and how many reminders it holds, when one was asked for; and whether
    there is nothing to follow at all (no end date, no handover under way, nothing overdue).
    ``slug`` and ``name`` say who it is."""

    slug: str
    name: str
    rows: list[Due]
    calendar: str | None = None
    reminders: int = 0
    nothing_to_follow: bool = False


def _order(row: Due) -> tuple[dt.date, str, str, str]:
    return (row.date, row.client.casefold(), row.kind, row.id)


def across_book(
    paths: Paths,
    profile: Profile,
    today: dt.date,
    weeks: int,
    broken: list[DataFileError] | None = None,
) -> list[Due]:
    """Everything due within ``weeks`` across the book, soonest first: for every client whose
    handover is under way its open dated items and key dates, and for every client (not
    archived) with an overdue invoice the ladder's next stage and its paused invoices.

    A file that does not parse raises DataFileError, or with a ``broken`` list is added there
    and left out."""
    from clientexit import clients
    from clientexit.collect import ladder
    from clientexit.handover import due

    every = clients.load_book(paths, broken=broken)
    found = due.due_across(every, profile, today, weeks, due.cache_file(paths.home))
    found += _owed(ladder.load(paths), every, today, weeks, profile)
    return sorted(found, key=_order)


def _owed(
    steps: Ladder,
    every: list[Summary] | list[Client],
    today: dt.date,
    weeks: int,
    profile: Profile,
) -> list[Due]:
    """The ladder's rows of every client (not archived) with an overdue invoice."""
    from clientexit.collect import ladder

    found: list[Due] = []
    for item in every:
        if item.archived or not item.totals(today).overdue_count:
            continue
        found += ladder_rows(ladder.standing(steps, item, today), today, weeks, profile)
    return found


def ladder_rows(
    standing: Standing | None, today: dt.date, weeks: int, profile: Profile
) -> list[Due]:
    """The client's next reminder stage (if it falls within ``weeks``) and its paused invoices,
    dates in the text in ``profile``'s style."""
    from clientexit.handover.due import Due
    from clientexit.i18n import date_style, format_date

    if standing is None or standing.position is None:
        return []
    rows = []
    if standing.next and standing.next_on and standing.next_on <= today + dt.timedelta(weeks=weeks):
        text = f"Send the {standing.next}: clientexit remind {standing.slug}"
        rows.append(
            Due(
                standing.slug,
                standing.name,
                "reminder",
                standing.next,
                text,
                standing.next_on,
                standing.next_on < today,
            )
        )
    style = date_style("en", profile.data)
    for step in standing.position.steps:
        if step.pause is not None and step.paused(today):
            what = "a dispute" if step.pause.kind == "dispute" else "a promise to pay"
            text = (
                f"Invoice {step.number} is paused until {format_date(step.pause.until, style)} "
                f"({what}, logged {format_date(step.pause.since, style)}): its reminders resume "
                "the day after"
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


def for_client(
    paths: Paths,
    name: str,
    profile: Profile,
    today: dt.date,
    weeks: int,
    *,
    lang: str | None = None,
    calendar: bool = False,
) -> ClientFollowup:
    """What is due for one client within ``weeks`` (the checklist in ``lang``, else the
    user's: the profile's language, as over the whole book), and with
    ``calendar`` its iCalendar reminders: the checklist's and every reminder stage still to
    come. A client that only owes money has the ladder's rows and no checklist."""
    from clientexit import clients
    from clientexit.collect import ladder
    from clientexit.handover import due
    from clientexit.i18n import choose_language

    record = clients.load(paths, name)
    steps = ladder.load(paths)
    owed = sorted(_owed(steps, [record], today, weeks, profile), key=_order)
    idle = due.nothing_to_follow(record, today)
    if idle and not owed:
        return ClientFollowup(record.slug, record.name, [], nothing_to_follow=True)
    checklist = None
    if not idle:
        from clientexit.handover.checklist import build
        from clientexit.workdays import calendar as holidays

        checklist = build(
            record,
            profile,
            today,
            choose_language(lang, None, profile.data),
            user_templates=paths.templates,
            calendar=holidays(profile, record, cache=paths.holidays_cache),
        )
    rows = owed
    if checklist is not None:
        found = due.due_for(checklist, record.slug, today + dt.timedelta(weeks=weeks))
        rows = sorted([*found, *owed], key=lambda d: d.date)
    if not calendar:
        return ClientFollowup(record.slug, record.name, rows)
    text, count = _calendar(checklist, record, steps, today)
    return ClientFollowup(record.slug, record.name, rows, text, count)


def _calendar(
    checklist: Checklist | None, record: Client, steps: Ladder, today: dt.date
) -> tuple[str, int]:
    """The client's calendar and how many reminders it holds: the handover checklist's (if
    any) and every reminder stage still to come, on the day it falls due first
    (collect.ladder.schedule)."""
    from clientexit.collect import ladder
    from clientexit.handover.calendar import Reminder, reminders, to_ics

    standing = ladder.standing(steps, record, today)
    extra = []
    if standing is not None and standing.position is not None:
        for stage, when, numbers in ladder.schedule(steps, standing.position, today):
            text = f"Send the {stage.type}: clientexit remind {record.slug}"
            what = f"{text} (invoice{'s' if len(numbers) > 1 else ''} {', '.join(numbers)})"
            extra.append(
                Reminder(
                    f"{record.slug}.{stage.type}@clientexit", when, f"{record.name}: {text}", what
                )
            )
    text = to_ics(checklist, record.slug, extra=extra, name=record.name)
    count = (len(reminders(checklist, record.slug)) if checklist else 0) + len(extra)
    return text, count
