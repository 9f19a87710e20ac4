"""The dated incident log: what happened, when, and of which kind (``[[incidents]]``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from clientexit._errors import InvalidValue, UsageError
from clientexit._types import Document
from clientexit.record.inputs import one_line
from clientexit.record.model import Client, Incident
from clientexit.record.schema import INCIDENT_KINDS, PAUSING_KINDS

KINDS = INCIDENT_KINDS
__all__ = ["KINDS", "Incident", "add", "incidents", "new_incident"]


def new_incident(
    text: str,
    *,
    today: dt.date,
    kind: str = "other",
    date: dt.date | None = None,
    amount: float | None = None,
    ref: str | None = None,
    invoice: str | None = None,
    until: dt.date | None = None,
) -> Incident:
    """Validate a new log entry: a known kind, a day that has already come (default
    ``today``), one line of text and reference, no secret in either. A dispute or a promise
    to pay names its ``invoice`` and the day its pause of the reminders ends (``until``, not
    before the entry's day); other kinds take neither."""
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise InvalidValue(
            "kind", repr(kind), "is not a kind of incident", f"Use one of: {', '.join(KINDS)}."
        )
    _check_pause(kind, date or today, invoice, until)
    if date is not None and date > today:
        raise InvalidValue(
            "date",
            date,
            "is in the future",
            "Record what has already happened; check the year.",
            what="incident date",
        )
    from clientexit.secretcheck import refuse_secrets  # only writes need its patterns compiled

    return Incident(
        date=date or today,
        kind=kind,
        text=refuse_secrets(one_line(text, "The incident text"), "The incident text"),
        amount=amount,
        ref=refuse_secrets(one_line(ref, "The reference"), "The reference")
        if ref is not None
        else None,
        invoice=one_line(invoice, "The invoice number").strip() if invoice is not None else None,
        until=until,
    )


_EXAMPLES = {
    "dispute": "Disputes the hours on the March invoice",
    "promise": "Promised to pay by the 20th",
}


def _check_pause(kind: str, day: dt.date, invoice: str | None, until: dt.date | None) -> None:
    """A dispute or a promise pauses one invoice's reminders until a day: both are needed, and
    only for those kinds."""
    if kind not in PAUSING_KINDS:
        if invoice is not None or until is not None:
            given = "invoice" if invoice is not None else "until"
            raise InvalidValue(
                given,
                invoice if invoice is not None else until,
                f"only goes with a dispute or a promise to pay, not a {kind} entry",
                "Log it with --kind dispute or --kind promise, or leave the option out.",
            )
        return
    what = "A dispute" if kind == "dispute" else "A promise to pay"
    if invoice is None or not invoice.strip() or until is None:
        raise UsageError(
            f"{what} pauses the reminders of one invoice until a day: name both.",
            f'Example: clientexit log CLIENT add "{_EXAMPLES[kind]}" --kind {kind} '
            "--invoice 2026-045 --until 2026-12-20",
        )
    if until < day:
        raise InvalidValue(
            "until",
            until,
            f"is before the day logged ({day.isoformat()})",
            "Give the day the pause ends, on or after the entry's date.",
        )


def check_invoice(entry: Incident, numbers: Collection[str]) -> None:
    """The entry's invoice is one of the client's ``numbers`` (a typo never pauses nothing)."""
    if entry.invoice is not None and entry.invoice not in numbers:
        shown = ", ".join(sorted(numbers)) or "none recorded"
        raise InvalidValue(
            "invoice",
            entry.invoice,
            "is not an invoice of this client",
            f"Their invoices: {shown}.",
        )


def incidents(client: Client, kind: str | None = None) -> list[Incident]:
    """The client's logged incidents, oldest first (undated ones last), optionally of one kind
    (read once, by the record: Client.incidents)."""
    return [item for item in client.incidents if kind is None or item.kind == kind]


def add(doc: Document, entry: Incident) -> Incident:
    """Log ``entry`` (made by ``new_incident``) in ``[[incidents]]``; a dispute or a promise must
    name an invoice of this client (``check_invoice``). The entry as stored, with its new id."""
    from dataclasses import replace

    from clientexit.record import entries

    rows = doc.get("invoices") or []
    check_invoice(
        entry, [str(row.get("number")) for row in rows if hasattr(row, "get") and row.get("number")]
    )
    return replace(entry, id=entries.append(doc, "incidents", entry.as_dict()) or "")
