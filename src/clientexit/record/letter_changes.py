"""Recording a drafted letter in ``[[letters]]``: its type, language, when it was drafted, where
it was written to, when it may be sent and the invoices it asks for. A termination letter also
records its end date through the lifecycle writer (record/lifecycle.py), as ``end`` does.

The function takes the client's document as opened with ``clients.edit`` (tomlkit, so comments
and hand edits elsewhere survive)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from clientexit._types import Document
from clientexit.record import entries
from clientexit.record.lifecycle import write_termination_letter


def add_letter(
    doc: Document,
    letter_type: str,
    *,
    lang: str,
    at: dt.datetime,
    written_to: str,
    send_after: dt.datetime | None,
    invoices: Sequence[str] = (),
    end: dt.date | None = None,
) -> str | None:
    """Append the letter to ``[[letters]]``; for a termination letter (``end``: the end date it
    announces) record the end through the lifecycle writer. Returns the status that set, or
    None."""
    entries.append(
        doc,
        "letters",
        {
            "type": letter_type,
            "lang": lang,
            "at": at,
            "written_to": written_to,
            "send_after": send_after,
            **({"invoices": list(invoices)} if invoices else {}),
        },
    )
    if end is None:
        return None
    return write_termination_letter(doc, letter_type, end, at.date())
