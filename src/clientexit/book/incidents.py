"""The dated incident log: what happened, when, and of which kind (``[[incidents]]``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from clientexit._errors import UsageError
from clientexit.book._parse import not_future, one_line, parse_amount, parse_date
from clientexit.record.model import Client, Incident, client_of
from clientexit.record.schema import INCIDENT_KINDS

KINDS = INCIDENT_KINDS
__all__ = ["KINDS", "Incident", "incidents", "new_incident"]


def new_incident(
    text: str,
    *,
    today: dt.date,
    kind: str = "other",
    date: str | None = None,
    amount: str | None = None,
    ref: str | None = None,
) -> Incident:
    """Validate a new log entry from command-line text; dates default to ``today``."""
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise UsageError(
            f"--kind {kind!r} is not a kind of incident.", f"Use one of: {', '.join(KINDS)}."
        )
    from clientexit.secretcheck import refuse_secrets  # only writes need its patterns compiled

    when = not_future(parse_date(date, "--date"), today, "--date") if date else today
    return Incident(
        date=when,
        kind=kind,
        text=refuse_secrets(one_line(text, "The incident text"), "The incident text"),
        amount=parse_amount(amount, "--amount") if amount is not None else None,
        ref=refuse_secrets(one_line(ref, "--ref"), "--ref") if ref is not None else None,
    )


def incidents(data: Client | Mapping[str, Any], kind: str | None = None) -> list[Incident]:
    """The client's logged incidents, oldest first (undated ones last), optionally of one kind
    (read once, by the record: Client.incidents)."""
    found = client_of(data).incidents
    return [item for item in found if kind is None or item.kind == kind]
