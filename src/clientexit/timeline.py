"""Dates every feature agrees on: what day it is, and when a relationship ends."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any

ENV_TODAY = "CLIENTEXIT_TODAY"


def today() -> dt.date:
    """Today, or ``$CLIENTEXIT_TODAY`` (an "as of" view; reproducible demos and tests)."""
    pinned = os.environ.get(ENV_TODAY)
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned.strip())
    except ValueError:
        from clientexit._errors import UsageError

        raise UsageError(
            f"{ENV_TODAY}={pinned!r} is not a date written YYYY-MM-DD.",
            f"Fix it, or unset {ENV_TODAY} to use the real date.",
        ) from None


def now() -> dt.datetime:
    """The current local time, to the second, on the day ``today()`` gives."""
    current = dt.datetime.now().astimezone().replace(microsecond=0)
    return current.replace(year=(day := today()).year, month=day.month, day=day.day)


def notice_days(client: Mapping[str, Any], profile: Mapping[str, Any]) -> int:
    """The client's notice period, else the profile's default, else 30 days."""
    for source in (client, profile):
        value = source.get("notice_days")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return 30


def planned_end_date(
    client: Mapping[str, Any], profile: Mapping[str, Any], today: dt.date
) -> dt.date:
    """The end to plan with: the recorded one (``lifecycle.end_date``), else today + notice."""
    from clientexit.book.lifecycle import end_date

    return end_date(client) or today + dt.timedelta(days=notice_days(client, profile))
