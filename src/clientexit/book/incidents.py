"""The dated incident log: what happened, when, and of which kind (``[[incidents]]``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit._errors import UsageError
from clientexit.book._parse import as_date, not_future, one_line, parse_amount, parse_date

KINDS = ("payment", "scope", "communication", "conduct", "values", "other")


@dataclass(frozen=True)
class Incident:
    """One logged event. ``amount`` and ``ref`` (an invoice number or a link) are optional."""

    date: dt.date | None
    kind: str
    text: str
    amount: float | None = None
    ref: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The entry as stored in the client file (absent optional keys left out)."""
        entry: dict[str, Any] = {"date": self.date, "kind": self.kind, "text": self.text}
        entry.update(
            {k: v for k, v in (("amount", self.amount), ("ref", self.ref)) if v is not None}
        )
        return entry


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


def incidents(data: Mapping[str, Any], kind: str | None = None) -> list[Incident]:
    """The client's logged incidents, oldest first (undated ones last), optionally of one kind."""
    found = []
    for entry in data.get("incidents") or []:
        if not isinstance(entry, Mapping):
            continue
        amount = entry.get("amount")
        item = Incident(
            date=as_date(entry.get("date")),
            kind=str(entry.get("kind", "other")),
            text=str(entry.get("text", "")),
            amount=float(amount) if isinstance(amount, int | float) else None,
            ref=str(entry["ref"]) if entry.get("ref") is not None else None,
        )
        if kind is None or item.kind == kind:
            found.append(item)
    return sorted(found, key=lambda i: (i.date is None, i.date or dt.date.min))
