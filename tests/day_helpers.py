"""Days for the tests of what caches keep across days (handover plans, followup's index)."""

from __future__ import annotations

import datetime as dt


def season(today: dt.date, step: int) -> list[dt.date]:
    """Every ``step``-th day from seven weeks before ``today`` to ten weeks after, then back."""
    days = [today + dt.timedelta(days=n) for n in range(-50, 70, step)]
    return days + days[::-1]
