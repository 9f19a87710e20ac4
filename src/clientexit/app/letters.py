"""Drafting a letter to a client and recording it: the letter from your profile and their
record (letters/draft.py), and its entry in the client's ``[[letters]]`` with what a
termination letter means for the record (record/letter_changes.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.letters.draft import Choices, Draft
    from clientexit.record.model import Client


def draft(
    paths: Paths, name: str, now: dt.datetime, **what: Unpack[Choices]
) -> tuple[Client, Draft]:
    """The client's record and the letter ``what`` describes (the keyword arguments of
    letters.draft.draft_letter), drafted at ``now``; a profile is required."""
    from clientexit import clients, config
    from clientexit.letters.draft import draft_letter

    profile = config.require_profile(paths)
    record = clients.load(paths, name)
    return record, draft_letter(paths, profile, record, now=now, **what)


def record_letter(
    paths: Paths,
    record: Client,
    letter: Draft,
    written_to: str,
    before_saving: Callable[[str | None], None] | None = None,
) -> str | None:
    """Note the letter in the client's ``[[letters]]``. A termination letter records its end
    date through the lifecycle writer, like ``clientexit end``: ending while the date is ahead,
    former from that day; the latest termination letter decides the date, and who ended it
    (you) and the reason category its type stands for are recorded where not yet set. Returns
    the status it set, or None.

    ``before_saving(status)`` runs once the change is ready and before it is saved (the letter
    printed to stdout): if it fails, nothing is recorded, so a retry does not record it twice."""
    from clientexit import clients
    from clientexit.record.letter_changes import add_letter

    kind = letter.letter_type
    with clients.edit(paths, record.slug) as doc:
        status = add_letter(
            doc,
            kind.name,
            lang=letter.lang,
            at=letter.drafted_at,
            written_to=written_to,
            send_after=letter.send_after,
            invoices=letter.invoices,
            end=letter.end_date if kind.termination else None,
        )
        if before_saving is not None:
            before_saving(status)
        return status
