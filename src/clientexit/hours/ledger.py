"""Adding imported entries to a client's file: the month sums and the keys that make an import
idempotent (the format of ``[hours.months]`` is described, and read, in record/hours.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clientexit.hours.entries import Entry
from clientexit.record.hours import decode_keys, encode_keys

if TYPE_CHECKING:
    import tomlkit


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
