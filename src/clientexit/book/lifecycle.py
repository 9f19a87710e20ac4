"""Where a client stands: active, at-risk, ending, former; and how and why it ended.

``assess`` moves a client between active and at-risk (``status_after_assessment``); a termination
letter or ``clientexit end`` sets ending; a client whose end date has come is former
(``effective_status`` reads it so even before anyone rewrites the file). ``handover_under_way``
says which clients the handover checklist concerns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from clientexit._errors import UsageError
from clientexit.book._parse import as_date, one_line, parse_date

ENDED_BY = ("me", "client")
CATEGORIES = (
    "price",
    "value",
    "support",
    "product-fit",
    "payment",
    "scope",
    "conduct",
    "values",
    "other",
)
# When you end it without naming a category, the last assessment's letter type says why.
_CATEGORY_FROM_LETTER = {"payment": "payment", "scope-creeper": "scope", "abusive": "conduct"}
# Verdicts that put an active client at risk; "keep" puts an at-risk client back to active.
AT_RISK_VERDICTS = ("repair", "prepare_exit", "exit_now")
# Verdicts that call for a termination letter now; keep and repair only name the one that would fit.
LETTER_VERDICTS = ("prepare_exit", "exit_now")
# A handover stays under way this long after the end date: the final invoice and the follow-up
# fall 30 days after it, and what is still open then needs chasing for a while.
HANDOVER_DAYS_AFTER_END = 90


@dataclass(frozen=True)
class Ending:
    """Who ended the relationship, why, and its last day."""

    ended_by: str
    reason: str
    reason_category: str
    end_date: dt.date

    def as_dict(self) -> dict[str, Any]:
        return {
            "ended_by": self.ended_by,
            "reason": self.reason,
            "reason_category": self.reason_category,
            "end_date": self.end_date,
        }


def new_ending(
    data: Mapping[str, Any],
    *,
    by: str,
    reason: str,
    today: dt.date,
    category: str | None = None,
    date: str | None = None,
) -> Ending:
    """Validate an ending from command-line text; the end date defaults to today.

    A client that is already ending or former keeps its end date unless ``date`` is given: the
    end date then changes only because it was asked for explicitly.
    """
    if date is None:
        _refuse_if_ended(data, today)
    by = by.strip().lower()
    if by not in ENDED_BY:
        raise UsageError(
            f"--by {by!r} is not me or client.", "Who ended it: --by me or --by client."
        )
    if category is None:
        category = category_for_letter(_last_letter_type(data)) if by == "me" else "other"
    category = category.strip().lower().replace("_", "-").replace(" ", "-")
    if category not in CATEGORIES:
        raise UsageError(
            f"--category {category!r} is not a reason category.",
            f"Use one of: {', '.join(CATEGORIES)}.",
        )
    end = parse_date(date, "--date") if date else today
    started = as_date(data.get("started"))
    if started is not None and end < started:
        raise UsageError(f"--date {end} is before the client started ({started}).")
    from clientexit.secretcheck import refuse_secrets

    return Ending(by, refuse_secrets(one_line(reason, "--reason"), "--reason"), category, end)


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


def category_for_letter(letter_type: str) -> str:
    """The reason category a termination letter of ``letter_type`` stands for."""
    return _CATEGORY_FROM_LETTER.get(letter_type, "other")


def calls_for_letter(verdict: str) -> bool:
    """Whether an assessment with ``verdict`` recommends drafting a termination letter now."""
    return verdict in LETTER_VERDICTS


def _last_letter_type(data: Mapping[str, Any]) -> str:
    from clientexit.assess.history import latest

    return str((latest(data) or {}).get("letter_type", ""))


def status_for(end: dt.date, today: dt.date) -> str:
    """``ending`` while the end date is ahead, ``former`` from that day on."""
    return "ending" if end > today else "former"


def apply_ending(doc: MutableMapping[str, Any], ending: Ending, today: dt.date) -> str:
    """Record ``ending`` in a client document opened with clients.edit; return the new status."""
    lifecycle = doc.get("lifecycle")
    if isinstance(lifecycle, MutableMapping):
        for key, value in ending.as_dict().items():
            lifecycle[key] = value
    else:
        doc["lifecycle"] = ending.as_dict()
    status = status_for(ending.end_date, today)
    doc["ended"] = ending.end_date
    doc["status"] = status
    return status


def end_date(data: Mapping[str, Any]) -> dt.date | None:
    """The recorded last day: ``[lifecycle] end_date``, else ``ended``, else None."""
    lifecycle = data.get("lifecycle") or {}
    return as_date(lifecycle.get("end_date")) or as_date(data.get("ended"))


def start_date(data: Mapping[str, Any]) -> dt.date | None:
    """The first day of work: ``started``, else the day the record was created."""
    return as_date(data.get("started")) or as_date(data.get("created"))


def effective_status(data: Mapping[str, Any], today: dt.date) -> str:
    """The stored status, except that an ending client whose end date has come is former."""
    status = str(data.get("status", "active"))
    end = end_date(data)
    if status in ("active", "at-risk", "ending") and end is not None and end <= today:
        return "former"
    return status


def status_after_assessment(data: Mapping[str, Any], verdict: str, today: dt.date) -> str:
    """The stored status a client should have after an assessment with ``verdict``.

    repair, prepare_exit and exit_now put an active client at-risk; keep puts an at-risk client
    back to active. A client that is ending or former (by ``effective_status``) keeps its status:
    an assessment does not undo a decision to end.
    """
    status = str(data.get("status", "active"))
    if effective_status(data, today) in ("ending", "former"):
        return status
    if verdict == "keep" and status == "at-risk":
        return "active"
    if verdict in AT_RISK_VERDICTS and status == "active":
        return "at-risk"
    return status


def handover_under_way(data: Mapping[str, Any], today: dt.date) -> bool:
    """Whether the handover checklist concerns this client as of ``today``.

    Yes while it is ending; for ``HANDOVER_DAYS_AFTER_END`` days after the end date of a former
    client (no recorded end date: no); and for a current client whose handover progress is recorded
    (you started one early). Never for an archived client: archive it when the handover is behind
    you. The clients table and ``followup`` both ask here.
    """
    from clientexit.handover.checklist import progress_of

    if data.get("archived"):
        return False
    status = effective_status(data, today)
    if status == "ending":
        return True
    if status == "former":
        end = end_date(data)
        return end is not None and (today - end).days <= HANDOVER_DAYS_AFTER_END
    return bool(progress_of(data))
