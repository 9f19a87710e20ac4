"""The evidence view: a client's changes, and the client's record as it stood on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from clientexit.history import repo


def client_file(slug: str) -> str:
    """The client's file, relative to the data folder (as the history names it)."""
    return f"clients/{slug}.toml"


def changes(home: Path, slug: str | None = None) -> list[repo.Entry]:
    """The changes, newest first: all of them, or those touching one client's file."""
    return repo.log(home, [client_file(slug)] if slug else None)


@dataclass(frozen=True)
class AsOf:
    """A client's file as it stood at the end of a day: its text and the change that made it."""

    day: dt.date
    change: repo.Entry
    text: str | None  # None: the client had been removed by then


def record_on(home: Path, slug: str, day: dt.date) -> AsOf | None:
    """The client's file as it stood at the end of ``day``; None when it did not exist yet."""
    found = repo.log(home, [client_file(slug)], before=day + dt.timedelta(days=1))
    if not found:
        return None
    last = found[0]
    return AsOf(day, last, repo.show(home, last.id, client_file(slug)))
