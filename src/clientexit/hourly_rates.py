"""A client's hourly rate over time: ``rate``, then any ``[[rate_changes]]``.

    rate = 85.0               # the rate to begin with (a file with only this keeps working)
    [[rate_changes]]
    from = 2026-09-01         # from this day on...
    rate = 95.0               # ...this rate

The rate in force on a day is the one of the latest change on or before it, else ``rate``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from clientexit._errors import DataFileError


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def check(data: Mapping[str, Any], path: Path | str) -> None:
    """Raise DataFileError, naming ``path``, when ``[[rate_changes]]`` is not a list of tables
    each with a ``from`` date and a ``rate`` of 0 or more."""
    changes = data.get("rate_changes")
    if changes is None:
        return
    example = "[[rate_changes]] with from = 2026-09-01 and rate = 95.0"
    if not isinstance(changes, list):
        raise DataFileError(f"{path}: rate_changes is not a list of tables.", f"Write {example}.")
    for number, change in enumerate(changes, start=1):
        where = f"{path}: rate change {number}"
        if not isinstance(change, Mapping):
            raise DataFileError(f"{where} is not a table.", f"Write {example}.")
        if not isinstance(change.get("from"), dt.date) or isinstance(
            change.get("from"), dt.datetime
        ):
            raise DataFileError(
                f"{where}: from must be a date written YYYY-MM-DD, without quotes.",
                f"Write {example}.",
            )
        if not _number(change.get("rate")):
            raise DataFileError(
                f"{where}: rate must be a number of 0 or more, without quotes.",
                f"Write {example}.",
            )


def rate_on(data: Mapping[str, Any], day: dt.date) -> float | None:
    """The client's hourly rate in force on ``day`` (None when the file gives none)."""
    found: tuple[dt.date, float] | None = None
    for change in data.get("rate_changes") or ():
        start = change.get("from")
        if isinstance(start, dt.date) and start <= day and (found is None or start >= found[0]):
            found = (start, float(change["rate"]))
    if found is not None:
        return found[1]
    rate = data.get("rate")
    return float(rate) if rate is not None and _number(rate) else None
