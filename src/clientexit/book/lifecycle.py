"""Where a client stands, for the reports and commands: ending a relationship from command-line
input (``new_ending``), and the record layer's derived facts for callers that hold a client's
data as a dict.

The facts themselves (effective status, end date, hostile exit, handover under way) are
computed once, on the model (record/model.py ``Client``); the status, ``ended`` and
``[lifecycle]`` are written only by record/lifecycle.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping
from typing import Any

from clientexit._errors import InvalidValue, UsageError
from clientexit.book._parse import as_date, one_line
from clientexit.record import lifecycle as writer
from clientexit.record.lifecycle import (
    AT_RISK_VERDICTS,
    LETTER_VERDICTS,
    calls_for_letter,
    category_for_letter,
    status_for,
)
from clientexit.record.model import (
    HANDOVER_DAYS_AFTER_END,
    NON_PAYING_OVERDUE_DAYS,
    Client,
    Ending,
    HostileExit,
    client_of,
)
from clientexit.record.schema import END_CATEGORIES as CATEGORIES
from clientexit.record.schema import ENDED_BY

__all__ = [
    "AT_RISK_VERDICTS",
    "CATEGORIES",
    "ENDED_BY",
    "HANDOVER_DAYS_AFTER_END",
    "LETTER_VERDICTS",
    "NON_PAYING_OVERDUE_DAYS",
    "Ending",
    "HostileExit",
    "apply_ending",
    "calls_for_letter",
    "category_for_letter",
    "effective_status",
    "end_date",
    "handover_under_way",
    "hostile_exit",
    "new_ending",
    "start_date",
    "status_after_assessment",
    "status_for",
]


def new_ending(
    data: Mapping[str, Any],
    *,
    by: str,
    reason: str,
    today: dt.date,
    category: str | None = None,
    date: dt.date | None = None,
) -> Ending:
    """Validate an ending: who ended it, why, the reason category and the last working day
    (default today).

    A client that is already ending or former keeps its end date unless ``date`` is given: the
    end date then changes only because it was asked for explicitly.
    """
    if date is None:
        _refuse_if_ended(data, today)
    by = by.strip().lower()
    if by not in ENDED_BY:
        raise InvalidValue("by", repr(by), "is not me or client", "Who ended it: me or client.")
    if category is None:
        category = category_for_letter(_last_letter_type(data)) if by == "me" else "other"
    category = category.strip().lower().replace("_", "-").replace(" ", "-")
    if category not in CATEGORIES:
        raise InvalidValue(
            "category",
            repr(category),
            "is not a reason category",
            f"Use one of: {', '.join(CATEGORIES)}.",
        )
    end = date or today
    started = as_date(data.get("started"))
    if started is not None and end < started:
        raise InvalidValue(
            "date", end, f"is before the client started ({started})", what="end date"
        )
    from clientexit.secretcheck import refuse_secrets

    return Ending(by, refuse_secrets(one_line(reason, "The reason"), "The reason"), category, end)


def _refuse_if_ended(data: Mapping[str, Any], today: dt.date) -> None:
    status = effective_status(data, today)
    if status not in ("ending", "former"):
        return
    name = str(data.get("name", "This client"))
    end = end_date(data)
    if end is None:
        what = f"{name} is already {status}, with no end date recorded."
    else:
        what = f"{name} already {'ends' if status == 'ending' else 'ended'} on {end} ({status})."
    raise UsageError(
        what,
        "Nothing was changed. To record a different end date, or a new reason for the same one, "
        "give the date explicitly: add --date YYYY-MM-DD to the same command.",
    )


def _last_letter_type(data: Mapping[str, Any]) -> str:
    latest = client_of(data).latest_assessment
    return (latest.letter_type if latest else None) or ""


def apply_ending(doc: MutableMapping[str, Any], ending: Ending, today: dt.date) -> str:
    """Record ``ending`` in a client document opened with clients.edit; return the new status
    (record/lifecycle.py ``write_ending``)."""
    return writer.write_ending(doc, ending, today)


def _client(data: Client | Mapping[str, Any]) -> Client:
    return client_of(data)


def end_date(data: Client | Mapping[str, Any]) -> dt.date | None:
    """The recorded last day: ``[lifecycle] end_date``, else ``ended``, else None."""
    return _client(data).end_date


def start_date(data: Client | Mapping[str, Any]) -> dt.date | None:
    """The first day of work: ``started``, else the day the record was created."""
    return _client(data).start_date


def effective_status(data: Client | Mapping[str, Any], today: dt.date) -> str:
    """The stored status, except that an ending client whose end date has come is former."""
    return _client(data).effective_status(today)


def status_after_assessment(data: Client | Mapping[str, Any], verdict: str, today: dt.date) -> str:
    """The stored status after an assessment with ``verdict`` (record/lifecycle.py)."""
    return writer.status_after_assessment(_client(data), verdict, today)


def handover_under_way(data: Client | Mapping[str, Any], today: dt.date) -> bool:
    """Whether the handover checklist concerns this client as of ``today`` (Client's rule)."""
    return _client(data).handover_under_way(today)


def hostile_exit(data: Client | Mapping[str, Any], today: dt.date) -> HostileExit:
    """The one rule for an abusive or non-paying exit (Client.hostile_exit)."""
    return _client(data).hostile_exit(today)
