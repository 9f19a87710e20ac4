"""Clockify's detailed report CSV.

Header (as seen in exports): ``Project,Client,Description,Task,User,Group,Email,Tags,Billable,
Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),
Billable Amount (USD)``; some exports add or lack columns, so columns are found by name. Dates
and times follow the account's settings (``09/15/2026``, ``02:00 PM``): the date order is learnt
from the file's own dates.
"""

from __future__ import annotations

from clientexit.hours._csv import timed_entries
from clientexit.hours.entries import Parsed, ReadOptions

ALIASES = {
    "project": ("project",),
    "client": ("client",),
    "description": ("description",),
    "tags": ("tags", "tag"),
    "billable": ("billable",),
    "start_date": ("start date",),
    "start_time": ("start time",),
    "end_date": ("end date",),
    "end_time": ("end time",),
}
NAMES = {
    "tracker": "Clockify",
    "start_date": "Start Date",
    "start_time": "Start Time",
    "end_date": "End Date",
    "end_time": "End Time",
}


def parse(text: str, options: ReadOptions | None = None) -> Parsed:
    """Entries of a Clockify detailed report."""
    return timed_entries(text, "clockify", ALIASES, NAMES, options or ReadOptions())
