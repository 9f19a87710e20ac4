"""The dated incident log: what happened, when, and of which kind (``[[incidents]]``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from clientexit._errors import InvalidValue
from clientexit.book._parse import one_line
from clientexit.record.model import Client, Incident, client_of
from clientexit.record.schema import INCIDENT_KINDS

KINDS = INCIDENT_KINDS
__all__ = ["KINDS", "Incident", "incidents", "new_incident"]


def new_incident(
    text: str,
    *,
    today: dt.date,
    kind: str = "other",
    date: dt.date | None = None,
    amount: float | None = None,
    ref: str | None = None,
) -> Incident:
    """Validate a new log entry: a known kind, a day that has already come (default
    ``today``), one line of text and reference, no secret in either."""
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise InvalidValue(
            "kind", repr(kind), "is not a kind of incident", f"Use one of: {', '.join(KINDS)}."
        )
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
    )


def incidents(data: Client | Mapping[str, Any], kind: str | None = None) -> list[Incident]:
    """The client's logged incidents, oldest first (undated ones last), optionally of one kind
    (read once, by the record: Client.incidents)."""
    found = client_of(data).incidents
    return [item for item in found if kind is None or item.kind == kind]
