"""Where a client stands: active, at-risk, ending, former; and how and why it ended.

``assess`` moves a client between active and at-risk (``status_after_assessment``); a termination
letter or ``clientexit end`` sets ending; a client whose end date has come is former
(``effective_status`` reads it so even before anyone rewrites the file). ``handover_under_way``
says which clients the handover checklist concerns; ``hostile_exit`` says whether an exit is
abusive or non-paying, for the letters and the handover checklist alike.
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
# An unpaid invoice this many days past its due date makes a non-paying exit on its own; one
# overdue for less takes a pattern as well (payment incidents logged, or invoices paid late):
# a reminder that crossed the payment, once, is not a client who does not pay.
NON_PAYING_OVERDUE_DAYS = 30


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
    return status_on(str(data.get("status", "active")), end_date(data), today)


def status_on(stored: str, end: dt.date | None, today: dt.date) -> str:
    """``effective_status`` from the facts it reads: the stored status and the end date."""
    if stored in ("active", "at-risk", "ending") and end is not None and end <= today:
        return "former"
    return stored


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

    return handover_concerns(
        archived=bool(data.get("archived")),
        status=effective_status(data, today),
        end=end_date(data),
        started=bool(progress_of(data)),
        today=today,
    )


def handover_concerns(
    *, archived: bool, status: str, end: dt.date | None, started: bool, today: dt.date
) -> bool:
    """``handover_under_way`` from the facts it reads: archived, the status as of ``today``,
    the end date, and whether any handover progress is recorded."""
    if archived:
        return False
    if status == "ending":
        return True
    if status == "former":
        return end is not None and (today - end).days <= HANDOVER_DAYS_AFTER_END
    return started


@dataclass(frozen=True)
class HostileExit:
    """Why an exit is abusive (safety first: nothing that invites contact) or non-paying
    (payment first: no testimonial or referral); None where the record shows neither."""

    abusive: str | None
    non_paying: str | None

    @property
    def hostile(self) -> bool:
        return bool(self.abusive or self.non_paying)

    @property
    def reason(self) -> str:
        found = [r for r in (self.abusive, self.non_paying) if r]
        return "; ".join(found) or "nothing on record points to an abusive or non-paying exit"


def hostile_exit(data: Mapping[str, Any], today: dt.date) -> HostileExit:
    """The one rule for an abusive or non-paying exit, read from the client's record: the
    letters refuse friendly contact after abuse, and the handover checklist drops its friendly
    wrap-up (and adds a review of your messages) for either."""
    from clientexit.assess.history import latest as latest_of

    latest = latest_of(data) or {}
    lifecycle = data.get("lifecycle") or {}
    category = lifecycle.get("reason_category") if isinstance(lifecycle, Mapping) else None
    return HostileExit(_abusive(data, latest, category), _non_paying(data, latest, category, today))


def _entries(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = data.get(key) or []
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def _incidents(data: Mapping[str, Any], kind: str) -> int:
    from clientexit.book.incidents import incidents

    return len(incidents(data, kind))


def _letter_drafted(data: Mapping[str, Any], letter_type: str) -> str | None:
    """When a termination letter of ``letter_type`` was drafted ("" if undated), else None."""
    for row in reversed(_entries(data, "letters")):
        if row.get("type") == letter_type:
            at = row.get("at")
            return f" on {at:%Y-%m-%d}" if isinstance(at, dt.date) else ""
    return None


def _conduct_flagged(assessment: Mapping[str, Any]) -> bool:
    categories = assessment.get("categories") or {}
    score = categories.get("conduct", 0) if isinstance(categories, Mapping) else 0
    return isinstance(score, int | float) and not isinstance(score, bool) and score > 0


def _abusive(data: Mapping[str, Any], latest: Mapping[str, Any], category: object) -> str | None:
    count = _incidents(data, "conduct")
    if count:
        return f"{count} conduct incident{'s are' if count > 1 else ' is'} logged"
    if category == "conduct":
        return "the relationship ended over conduct"
    if (when := _letter_drafted(data, "abusive")) is not None:
        return f"the abusive letter was drafted{when}"
    if latest.get("letter_type") == "abusive":
        return "the latest assessment chose the abusive letter"
    if latest.get("verdict") == "exit_now" and _conduct_flagged(latest):
        return "the latest assessment says exit now, with conduct flags"
    return None


def _non_paying(
    data: Mapping[str, Any], latest: Mapping[str, Any], category: object, today: dt.date
) -> str | None:
    from clientexit.book.invoices import invoices

    if category == "payment":
        return "the relationship ended over payment"
    if (when := _letter_drafted(data, "payment")) is not None:
        return f"the payment letter was drafted{when}"
    if latest.get("letter_type") == "payment":
        return "the latest assessment chose the payment letter"
    recorded = invoices(data)
    overdue = [inv for inv in recorded if inv.days_overdue(today)]
    if not overdue:
        return None
    worst = max(overdue, key=lambda inv: inv.days_overdue(today))
    days = worst.days_overdue(today)
    owed = f"invoice {worst.number} is unpaid {days} days after its due date"
    if days >= NON_PAYING_OVERDUE_DAYS:
        return owed
    incidents = _incidents(data, "payment")
    if incidents:
        return (
            f"{owed}, and {incidents} payment incident{'s are' if incidents > 1 else ' is'} logged"
        )
    late = sum(inv.days_late() > 0 for inv in recorded)
    if late:
        return f"{owed}, and {late} earlier invoice{'s were' if late > 1 else ' was'} paid late"
    return None
