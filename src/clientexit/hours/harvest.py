"""Harvest's detailed time report CSV: one row per entry with a date and decimal ``Hours``, no
start or end. Header (as seen in exports): ``Date,Client,Project,Project Code,Task,Notes,Hours,
Hours Rounded,Billable?,Invoiced?,...``; dates are ``YYYY-MM-DD`` or ``M/D/YYYY``.

With no times, an entry is keyed by its date, hours, client, project, task and notes (and how
many identical rows came before it in the file).
"""

from __future__ import annotations

import functools

from clientexit.hours._csv import Dates, read_table, rows_with_dates, tag_list, yes_no
from clientexit.hours.entries import (
    Entry,
    Identities,
    Parsed,
    Problem,
    ReadOptions,
    duration_seconds,
)

ALIASES = {
    "date": ("date", "spent date"),
    "client": ("client",),
    "project": ("project",),
    "task": ("task",),
    "description": ("notes",),
    "hours": ("hours",),
    "billable": ("billable",),
    "tags": ("tags",),
}
NAMES = {"tracker": "Harvest", "date": "Date", "hours": "Hours"}


def parse(text: str, options: ReadOptions | None = None) -> Parsed:
    """Entries of a Harvest detailed time report (an entry is one day's: at most 24 hours)."""
    table = read_table(text, "Harvest", ALIASES, ("date", "hours"), NAMES)
    dates = Dates(rows_with_dates(table, "date"), "harvest", options or ReadOptions())
    parsed = Parsed("harvest")
    keys = Identities("harvest")
    for line, cells in table.rows:
        cell = functools.partial(table.cell, cells)
        try:
            day = dates.parse(cell("date"))
            seconds = duration_seconds(cell("hours"))
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
            continue
        parsed.entries.append(
            Entry(
                day=day,
                seconds=seconds,
                key=keys.key(
                    day,
                    cell("hours"),
                    cell("client"),
                    cell("project"),
                    cell("task"),
                    cell("description"),
                ),
                project=cell("project"),
                client=cell("client"),
                tags=tag_list(cell("tags")),
                description=cell("description"),
                billable=yes_no(cell("billable")),
                line=line,
            )
        )
    return parsed
