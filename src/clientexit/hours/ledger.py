"""Hours kept in a client's file, by month, and the keys that make an import idempotent.

    [hours]
    match = ["acme", "acme-*"]
    unbilled_tags = ["admin"]

    [hours.months.2026-10]
    billable_hours = 42.5
    unbilled_hours = 6.25
    entries = 57
    keys = "q0hK1x8Bn2Vw..."

``keys`` holds the key of every entry counted in that month (entries.identity: 6 bytes each),
sorted and concatenated, in base64: 8 characters an entry, about 10 kB for a busy year. Keeping
only sums would make a second import count everything twice; keeping the entries themselves
would put ~100 bytes an entry into a file people read and edit. The keys live in the client's
file, not beside it, so that sums and keys change in the same atomic write: they can never
disagree after a crash.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clientexit._errors import DataFileError
from clientexit.hours.entries import KEY_BYTES, Entry

if TYPE_CHECKING:
    import tomlkit

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
KEY_CHARS = KEY_BYTES * 4 // 3


@dataclass(frozen=True)
class MonthHours:
    """The hours of one client in one month (``month`` is "2026-10")."""

    month: str
    billable_hours: float
    unbilled_hours: float
    entries: int = 0

    @property
    def hours(self) -> float:
        return self.billable_hours + self.unbilled_hours


def decode_keys(text: str) -> set[bytes]:
    """The key set stored as ``keys``; ValueError when it is not what encode_keys writes."""
    if len(text) % KEY_CHARS:
        raise ValueError("its length is not a multiple of 8")
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("it is not base64") from None
    return {raw[i : i + KEY_BYTES] for i in range(0, len(raw), KEY_BYTES)}


def encode_keys(keys: Iterable[bytes]) -> str:
    """The key set as stored: sorted, so that the same set is always the same text."""
    return base64.b64encode(b"".join(sorted(keys))).decode("ascii")


def _bad(path: Path | str, key: str, what: str) -> DataFileError:
    return DataFileError(
        f"{path}: {key} {what}.",
        "Fix it by hand (clientexit has left the file unchanged); a month's figures can be "
        "removed and imported again.",
    )


def check(data: Mapping[str, Any], path: Path | str) -> None:
    """Raise DataFileError, naming ``path`` and the key, when the ``[hours]`` table is not what
    clientexit writes (a hand edit gone wrong)."""
    table = data.get("hours")
    if table is None:
        return
    if not isinstance(table, Mapping):
        raise _bad(path, "hours", "must be a table: [hours]")
    for key in ("match", "unbilled_tags"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(path, f"[hours] {key}", 'must be a list of names, like ["acme", "acme-*"]')
    months = table.get("months", {})
    if not isinstance(months, Mapping):
        raise _bad(path, "[hours] months", "must be a table of months")
    for month, figures in months.items():
        where = f"[hours.months.{month}]"
        if not MONTH.match(month):
            raise _bad(path, where, "is not a month written YYYY-MM")
        if not isinstance(figures, Mapping):
            raise _bad(path, where, "must be a table")
        for key in ("billable_hours", "unbilled_hours"):
            value = figures.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                raise _bad(path, f"{where} {key}", "must be a number of hours, 0 or more")
        try:
            decode_keys(str(figures.get("keys", "")))
        except ValueError as exc:
            raise _bad(path, f"{where} keys", f"is damaged ({exc})") from None


def months_of(data: Mapping[str, Any]) -> list[MonthHours]:
    """The stored months of a client's (checked) data, oldest first."""
    table = data.get("hours")
    months = table.get("months", {}) if isinstance(table, Mapping) else {}
    return [
        MonthHours(
            month,
            float(figures.get("billable_hours", 0)),
            float(figures.get("unbilled_hours", 0)),
            int(figures.get("entries", 0)),
        )
        for month, figures in sorted(months.items())
    ]


@dataclass
class Added:
    """What an import changed in one client's file."""

    entries: int = 0
    already: int = 0
    billable_seconds: int = 0
    unbilled_seconds: int = 0
    months: tuple[str, ...] = ()

    @property
    def billable_hours(self) -> float:
        return self.billable_seconds / 3600

    @property
    def unbilled_hours(self) -> float:
        return self.unbilled_seconds / 3600


def add(doc: tomlkit.TOMLDocument, items: Iterable[tuple[Entry, bool]]) -> Added:
    """Add entries (each with whether it is billable) to a client's document; an entry whose
    key is already stored for its month counts as ``already`` and changes nothing."""
    import tomlkit

    by_month: dict[str, list[tuple[Entry, bool]]] = defaultdict(list)
    for entry, is_billable in items:
        by_month[entry.month].append((entry, is_billable))
    added = Added()
    if not by_month:
        return added
    if "hours" not in doc:
        doc.add("hours", tomlkit.table())
    table: Any = doc["hours"]
    if "months" not in table:
        table.add("months", tomlkit.table(is_super_table=True))
    months: Any = table["months"]
    changed: list[str] = []
    for month in sorted(by_month):
        stored = months.get(month)
        seen = decode_keys(str(stored.get("keys", ""))) if stored is not None else set()
        billable, unbilled, count = 0, 0, 0
        for entry, is_billable in by_month[month]:
            if entry.key in seen:
                added.already += 1
                continue
            seen.add(entry.key)
            count += 1
            if is_billable:
                billable += entry.seconds
            else:
                unbilled += entry.seconds
        if not count:
            continue
        if stored is None:
            stored = tomlkit.table()
            months.add(month, stored)
        stored["billable_hours"] = _hours(stored.get("billable_hours", 0), billable)
        stored["unbilled_hours"] = _hours(stored.get("unbilled_hours", 0), unbilled)
        stored["entries"] = int(stored.get("entries", 0)) + count
        stored["keys"] = encode_keys(seen)
        added.entries += count
        added.billable_seconds += billable
        added.unbilled_seconds += unbilled
        changed.append(month)
    added.months = tuple(changed)
    return added


def _hours(stored: Any, seconds: int) -> float:
    # Four decimals (a third of a second): enough for sums, and no 0.30000000000000004 drift.
    return round(float(stored) + seconds / 3600, 4)
