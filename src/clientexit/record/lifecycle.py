"""The one writer of a client's ``status``, ``ended`` and ``[lifecycle]``.

Whatever command changes where a client stands goes through here, so the file means the same
whichever wrote it:

- an ending (``clientexit end``) and a termination letter both record the end date in
  ``[lifecycle] end_date`` and ``ended``, and set the status by one rule (``status_for``):
  ``ending`` while the end date is ahead, ``former`` from that day on. ``end`` says who ended it
  and why; a letter records, where not yet set, that you ended it and the reason category its
  type stands for. A letter and ``end`` with the same date leave the same status and dates.
- an assessment moves a current client between active and at-risk (``status_after_assessment``);
- ``client set`` sets active or at-risk (``set_status``) or the end date (``set_end_date``).

``new_ending`` checks an ending typed on the command line (who, why, the category, the day)
before ``write_ending`` records it.

Each function takes the client's document as opened with ``clients.edit`` (tomlkit, so comments
and hand edits elsewhere survive) and changes only these keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, MutableMapping

from clientexit._errors import InvalidValue, UsageError
from clientexit._types import Document
from clientexit.record.inputs import one_line
from clientexit.record.model import Client, Ending
from clientexit.record.schema import END_CATEGORIES, ENDED_BY, TERMINATION_LETTERS

# When you end it without naming a category, the last assessment's letter type says why.
_CATEGORY_FROM_LETTER = {"payment": "payment", "scope-creeper": "scope", "abusive": "conduct"}
# Verdicts that put an active client at risk; "keep" puts an at-risk client back to active.
AT_RISK_VERDICTS = ("repair", "prepare_exit", "exit_now")
# Verdicts that call for a termination letter now; keep and repair only name the one that would fit.
LETTER_VERDICTS = ("prepare_exit", "exit_now")


def category_for_letter(letter_type: str) -> str:
    """The reason category a termination letter of ``letter_type`` stands for."""
    return _CATEGORY_FROM_LETTER.get(letter_type, "other")


def calls_for_letter(verdict: str) -> bool:
    """Whether an assessment with ``verdict`` recommends drafting a termination letter now."""
    return verdict in LETTER_VERDICTS


def status_for(end: dt.date, today: dt.date) -> str:
    """``ending`` while the end date is ahead, ``former`` from that day on."""
    return "ending" if end > today else "former"


def status_after_assessment(client: Client, verdict: str, today: dt.date) -> str:
    """The stored status a client should have after an assessment with ``verdict``.

    repair, prepare_exit and exit_now put an active client at-risk; keep puts an at-risk client
    back to active. A client that is ending or former (by ``effective_status``) keeps its status:
    an assessment does not undo a decision to end.
    """
    status = client.status
    if client.effective_status(today) in ("ending", "former"):
        return status
    if verdict == "keep" and status == "at-risk":
        return "active"
    if verdict in AT_RISK_VERDICTS and status == "active":
        return "at-risk"
    return status


def client_in(doc: Mapping[str, object]) -> Client:
    """The Client a document opened with ``clients.edit`` holds (read as the record reads it)."""
    data = doc.unwrap() if hasattr(doc, "unwrap") else dict(doc)
    return Client.from_data(str(data.get("name", "")), data)


def new_ending(
    doc: Mapping[str, object],
    *,
    by: str,
    reason: str,
    today: dt.date,
    category: str | None = None,
    date: dt.date | None = None,
    shown: Callable[[dt.date], str] = dt.date.isoformat,
) -> Ending:
    """Validate an ending of the client ``doc`` holds: who ended it, why, the reason category
    and the last working day (default today).

    A client that is already ending or former keeps its end date unless ``date`` is given: the
    end date then changes only because it was asked for explicitly.
    """
    client = client_in(doc)
    if date is None:
        _refuse_if_ended(client, today, shown)
    by = by.strip().lower()
    if by not in ENDED_BY:
        raise InvalidValue("by", repr(by), "is not me or client", "Who ended it: me or client.")
    if category is None:
        category = category_for_letter(_last_letter_type(client)) if by == "me" else "other"
    category = category.strip().lower().replace("_", "-").replace(" ", "-")
    if category not in END_CATEGORIES:
        raise InvalidValue(
            "category",
            repr(category),
            "is not a reason category",
            f"Use one of: {', '.join(END_CATEGORIES)}.",
        )
    end = date or today
    started = client.started
    if started is not None and end < started:
        raise InvalidValue(
            "date", end, f"is before the client started ({shown(started)})", what="end date"
        )
    from clientexit.secretcheck import refuse_secrets

    return Ending(by, refuse_secrets(one_line(reason, "The reason"), "The reason"), category, end)


def _refuse_if_ended(client: Client, today: dt.date, shown: Callable[[dt.date], str]) -> None:
    """Refuse to end again a client already ending or gone, its end day written by ``shown``
    (the reader's date style)."""
    status = client.effective_status(today)
    if status not in ("ending", "former"):
        return
    name = str(client.data.get("name", "This client"))
    end = client.end_date
    if end is None:
        what = f"{name} is already {status}, with no end date recorded."
    else:
        verb = "ends" if status == "ending" else "ended"
        what = f"{name} already {verb} on {shown(end)} ({status})."
    raise UsageError(
        what,
        "Nothing was changed. To record a different end date, or a new reason for the same one, "
        "give the date explicitly: add --date YYYY-MM-DD to the same command.",
    )


def _last_letter_type(client: Client) -> str:
    latest = client.latest_assessment
    return (latest.letter_type if latest else None) or ""


def _lifecycle_table(doc: Document) -> Document:
    table = doc.get("lifecycle")
    if not isinstance(table, MutableMapping):
        import tomlkit

        doc["lifecycle"] = tomlkit.table()
        table = doc["lifecycle"]
    return table


def _write_end(doc: Document, end: dt.date, today: dt.date) -> str:
    _lifecycle_table(doc)["end_date"] = end
    doc["ended"] = end
    status = status_for(end, today)
    doc["status"] = status
    return status


def write_ending(doc: Document, ending: Ending, today: dt.date) -> str:
    """Record ``ending`` (who, why, which category, the last day); return the new status."""
    if ending.end_date is None:
        raise ValueError("an ending needs its end date")
    table = _lifecycle_table(doc)
    for key, value in ending.as_dict().items():
        table[key] = value
    return _write_end(doc, ending.end_date, today)


def write_termination_letter(
    doc: Document, letter_type: str, end: dt.date, today: dt.date
) -> str | None:
    """Record what a termination letter of ``letter_type`` announcing ``end`` means for the
    record; return the new status, or None when the letter changes nothing (not a termination
    letter, or a client already former: its record is left as it is).

    The latest termination letter decides the end date, so the letter and the record never
    disagree; who ended it (you) and the category the letter stands for are recorded only where
    not yet set.
    """
    if letter_type not in TERMINATION_LETTERS or client_in(doc).effective_status(today) == "former":
        return None
    table = _lifecycle_table(doc)
    for key, value in (("ended_by", "me"), ("reason_category", category_for_letter(letter_type))):
        if key not in table:
            table[key] = value
    return _write_end(doc, end, today)


def write_assessment(doc: Document, verdict: str, today: dt.date) -> bool:
    """Set the status an assessment with ``verdict`` leads to; return whether it changed."""
    status = status_after_assessment(client_in(doc), verdict, today)
    if status == doc.get("status", "active"):
        return False
    doc["status"] = status
    return True


def set_status(doc: Document, status: str) -> None:
    """``client set status=``: active or at-risk only (ending and former come with an ending)."""
    if status not in ("active", "at-risk"):
        raise ValueError(f"client set cannot set status {status!r}")
    doc["status"] = status


def set_end_date(doc: Document, end: dt.date | None, today: dt.date) -> None:
    """``client set ended=DATE``: the end date, kept in ``[lifecycle]`` too when the file has
    one, with the status that date gives (``status_for``); ``ended=`` (None) forgets it, and a
    client that was ending or former by it is active again."""
    table = doc.get("lifecycle")
    if end is None:
        doc.pop("ended", None)
        if isinstance(table, MutableMapping):
            table.pop("end_date", None)
        if doc.get("status") in ("ending", "former") and client_in(doc).end_date is None:
            doc["status"] = "active"
        return
    if isinstance(table, MutableMapping):
        table["end_date"] = end
    doc["ended"] = end
    doc["status"] = status_for(end, today)
