"""The handover checklist of one client, and recording progress on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clientexit._paths import Paths
from clientexit.handover.checklist import Checklist

if TYPE_CHECKING:
    from clientexit.record.model import Profile


def checklist(
    paths: Paths, name: str, profile: Profile, day: dt.date, lang: str | None
) -> tuple[str, Checklist]:
    """The client's slug and its checklist as of ``day`` (in ``lang``, else the client's)."""
    from clientexit import clients
    from clientexit.handover.checklist import build
    from clientexit.workdays import calendar

    record = clients.load(paths, name)
    built = build(
        record,
        profile,
        day,
        lang,
        user_templates=paths.templates,
        calendar=calendar(profile.country, record.country, cache=paths.holidays_cache),
    )
    return record.slug, built


@dataclass(frozen=True)
class Progress:
    """What a change of the progress did: the items newly done and those no longer done."""

    done: list[str]
    undone: list[str]


def record_progress(
    paths: Paths,
    slug: str,
    done: Iterable[str],
    undone: Iterable[str],
    note: tuple[str, str] | None,
    day: dt.date,
) -> Progress:
    """Mark ``done`` items done on ``day``, ``undone`` ones not done, and set ``note``
    (item id, text; an empty text removes it), in one change of the client's file. The ids are
    checked against the checklist by the caller (handover/progress.py)."""
    from clientexit import clients
    from clientexit.record import handover_changes as changes

    with clients.edit(paths, slug) as doc:
        newly, gone = changes.mark_done(doc, done, day), changes.undo(doc, undone)
        if note is not None:
            changes.set_note(doc, *note)
    return Progress(newly, gone)
