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
    key is already stored, in whatever month (an import under another time zone may have put
    it in the next one), counts as ``already`` and changes nothing."""
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
    everywhere = set().union(*(decode_keys(str(m.get("keys", ""))) for m in months.values()))
    changed: list[str] = []
    for month in sorted(by_month):
        stored = months.get(month)
        seen = decode_keys(str(stored.get("keys", ""))) if stored is not None else set()
        billable, unbilled, count = 0, 0, 0
        for entry, is_billable in by_month[month]:
            if entry.key in everywhere:
                added.already += 1
                continue
            everywhere.add(entry.key)
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
        for kind, seconds in (("billable", billable), ("unbilled", unbilled)):
            total = _stored_seconds(stored, kind) + seconds
            stored[f"{kind}_hours"] = round(total / 3600, 4)  # for a person reading the file
            stored[f"{kind}_seconds"] = total
        stored["entries"] = int(stored.get("entries", 0)) + count
        stored["keys"] = encode_keys(seen)
        added.entries += count
        added.billable_seconds += billable
        added.unbilled_seconds += unbilled
        changed.append(month)
    added.months = tuple(changed)
    return added


def _stored_seconds(month: Any, kind: str) -> int:
    """The month's seconds so far: as kept, or its hours in a file written before seconds were."""
    seconds = month.get(f"{kind}_seconds")
    if seconds is not None:
        return int(seconds)
    return round(float(month.get(f"{kind}_hours", 0)) * 3600)
