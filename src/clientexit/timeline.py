"""Dates every feature agrees on: when a relationship ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


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
    """The recorded end date (``[lifecycle] end_date``, else ``ended``), else today + notice."""
    lifecycle = client.get("lifecycle") or {}
    for value in (lifecycle.get("end_date"), client.get("ended")):
        if isinstance(value, dt.date):
            return value
    return today + dt.timedelta(days=notice_days(client, profile))
