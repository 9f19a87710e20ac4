"""The one clock: what day and time it is (``$CLIENTEXIT_TODAY`` pins the day). It knows only
the date: a client's notice and end dates are the record's (record/model.py ``Client``)."""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "CLIENTEXIT_TODAY"


# The dates clientexit accepts from a person (options, $CLIENTEXIT_TODAY): wide enough for any
# working life, narrow enough that day arithmetic (notice, reminders, periods) cannot overflow.
FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2150, 12, 31)


def plausible(day: dt.date, what: str) -> dt.date:
    """``day`` unchanged, or a UsageError naming ``what`` when it lies outside FIRST_DAY to
    LAST_DAY (a typo such as 9999-12-31 or 0001-01-01)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        from clientexit._errors import UsageError

        raise UsageError(
            f"{what} {day.isoformat()} is outside the dates clientexit works with "
            f"({FIRST_DAY.year} to {LAST_DAY.year}).",
            "Check the year.",
        )
    return day


def today() -> dt.date:
    """Today, or ``$CLIENTEXIT_TODAY`` (an "as of" view; reproducible demos and tests)."""
    pinned = os.environ.get(ENV_TODAY)
    if not pinned:
        return dt.date.today()
    try:
        return plausible(dt.date.fromisoformat(pinned.strip()), ENV_TODAY)
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
