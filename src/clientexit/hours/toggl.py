"""Toggl Track's detailed report CSV (UTF-8, usually with a byte-order mark).

Header (as seen in exports): ``User,Email,Client,Project,Task,Description,Billable,Start date,
Start time,End date,End time,Duration,Tags,Amount (USD)``; ``Billable`` is Yes/No, tags are
comma-separated in one cell. Columns are found by name, so their order and extra columns do not
matter.
"""

from __future__ import annotations

from clientexit.hours._csv import timed_entries
from clientexit.hours.entries import Parsed, ReadOptions

ALIASES = {
    "project": ("project",),
    "client": ("client",),
    "description": ("description",),
    "tags": ("tags",),
    "billable": ("billable",),
    "start_date": ("start date",),
    "start_time": ("start time",),
    "end_date": ("end date",),
    "end_time": ("end time",),
}
NAMES = {
    "tracker": "Toggl Track",
    "start_date": "Start date",
    "start_time": "Start time",
    "end_date": "End date",
    "end_time": "End time",
}


def parse(text: str, options: ReadOptions | None = None) -> Parsed:
    """Entries of a Toggl Track detailed report."""
    return timed_entries(text, "toggl", ALIASES, NAMES, options or ReadOptions())
