"""The one clock: what day and time it is (``$CLIENTEXIT_TODAY`` pins the day). It knows only
the date: a client's notice and end dates are the record's (record/model.py ``Client``)."""

from __future__ import annotations

import datetime as dt
import os

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
