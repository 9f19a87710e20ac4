"""Typed changes to a client's tracked hours: the ``[hours]`` mapping (``match``,
``unbilled_tags``) and the month sums and keys an import adds (``[hours.months.YYYY-MM]``; the
format is described, and read, in record/hours.py).

Each function takes the client's document as opened with ``clients.edit`` or
``clients.edit_many`` (tomlkit, so comments and hand edits elsewhere survive).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from clientexit._errors import UsageError
from clientexit._types import Document
from clientexit.record.hours import decode_keys, encode_keys

if TYPE_CHECKING:
    import tomlkit
    from tomlkit.items import Table


class Tracked(Protocol):
    """What an import stores of a tracked entry (hours/entries.py Entry)."""

    @property
    def month(self) -> str: ...

    @property
    def key(self) -> bytes: ...

    @property
    def seconds(self) -> int: ...


def save_rule(
    doc: tomlkit.TOMLDocument, match: Iterable[str] = (), unbilled_tags: Iterable[str] = ()
) -> None:
    """Add patterns and unbilled tags to a client document's ``[hours]`` table (each once)."""
    import tomlkit

    if "hours" not in doc:
        doc.add("hours", tomlkit.table())
    table: Table = doc["hours"]
    for key, values in (("match", match), ("unbilled_tags", unbilled_tags)):
        current = list(table.get(key, []))
        fresh = [v for v in values if v.casefold() not in {c.casefold() for c in current}]
        if key not in table:
            table[key] = tomlkit.array()
        table[key].extend(fresh)


def change_mapping(
    doc: tomlkit.TOMLDocument,
    match: Iterable[str],
    unbilled_tags: Iterable[str],
    remove: Iterable[str],
) -> None:
    """Add patterns and unbilled tags to a client's ``[hours]`` table and take ``remove`` names
    out of it; a name to remove that is in neither list is a UsageError."""
    save_rule(doc, match, unbilled_tags)
    table: Table = doc["hours"]
    for name in remove:
        folded = name.casefold()
        found = False
        for key in ("match", "unbilled_tags"):
            values = table.get(key, [])
            for index in reversed(range(len(values))):
                if str(values[index]).casefold() == folded:
                    del values[index]
                    found = True
        if not found:
            known = [*table.get("match", []), *table.get("unbilled_tags", [])]
            raise UsageError(
                f"--remove {name!r}: that is neither a pattern nor an unbilled tag of this client.",
                f"It has: {', '.join(map(str, known)) or 'none'}. Nothing was changed.",
            )


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


def add_tracked(doc: tomlkit.TOMLDocument, items: Iterable[tuple[Tracked, bool]]) -> Added:
    """Add entries (each with whether it is billable) to a client's document; an entry whose
    key is already stored, in whatever month (an import under another time zone may have put
    it in the next one), counts as ``already`` and changes nothing."""
    import tomlkit

    by_month: dict[str, list[tuple[Tracked, bool]]] = defaultdict(list)
    for entry, is_billable in items:
        by_month[entry.month].append((entry, is_billable))
    added = Added()
    if not by_month:
        return added
    if "hours" not in doc:
        doc.add("hours", tomlkit.table())
    table: Table = doc["hours"]
    if "months" not in table:
        table.add("months", tomlkit.table(is_super_table=True))
    months: Table = table["months"]
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


def _stored_seconds(month: Document, kind: str) -> int:
    """The month's seconds so far: as kept, or its hours in a file written before seconds were."""
    seconds = month.get(f"{kind}_seconds")
    if seconds is not None:
        return int(seconds)
    return round(float(month.get(f"{kind}_hours", 0)) * 3600)


def stored_keys(doc: tomlkit.TOMLDocument) -> dict[str, set[bytes]] | None:
    """The keys of the entries counted in each month of the client's ``[hours.months]`` (None
    when the file has no months table)."""
    table: Table | None = doc.get("hours")
    months = table.get("months") if table is not None else None
    if months is None:
        return None
    return {month: decode_keys(str(figures.get("keys", ""))) for month, figures in months.items()}


def forget_months(doc: tomlkit.TOMLDocument) -> None:
    """Drop the months an import counted (``--rebuild`` counts them again from nothing)."""
    table: Table | None = doc.get("hours")
    if table is not None and "months" in table:
        del table["months"]
