"""What changed between two versions of a data file, by meaning: entries added or removed,
fields set, changed or removed, each with its place (for undo's "does a later change depend on
this one") and its sentence (for commit messages: "invoice 2026-052 marked paid on 2026-12-01").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from clientexit.history.entries import SINGULAR, is_entry_list, keys_of, label

ADDED, REMOVED, CHANGED, CREATED, DELETED = "added", "removed", "changed", "created", "deleted"


@dataclass(frozen=True)
class Change:
    """One change in one file. ``where`` is its place: (field,), (table, entry key, field) for
    a list's entry, or the keys down to a table's value (handover, items, id, done)."""

    file: str
    kind: str
    where: tuple[str, ...]
    old: object = None
    new: object = None
    entry: str = ""  # the entry in words, for a change inside a list's entry
    table: str = ""

    @property
    def unit(self) -> tuple[str, ...]:
        """What the change is about, for dependencies: the entry of a list, else its place."""
        if self.kind in (CREATED, DELETED):
            return ()
        return self.where[:2] if self.table else self.where


def diff(
    file: str, old: Mapping[str, object] | None, new: Mapping[str, object] | None
) -> list[Change]:
    """The changes from ``old`` to ``new`` (None: the file did not exist / no longer exists)."""
    if old is None and new is None:
        return []
    if old is None:
        return [Change(file, CREATED, (), None, new)]
    if new is None:
        return [Change(file, DELETED, (), old, None)]
    found: list[Change] = []
    _tables(file, (), old, new, found)
    return found


def _tables(
    file: str,
    where: tuple[str, ...],
    old: Mapping[str, object],
    new: Mapping[str, object],
    out: list[Change],
) -> None:
    for key in [*old, *(k for k in new if k not in old)]:
        here = (*where, str(key))
        a, b = old.get(key), new.get(key)
        if a == b and (key in old) == (key in new):
            continue
        if key not in new:
            if is_entry_list(a) and not where:
                _entries(file, str(key), a, [], out)
            else:
                out.append(Change(file, REMOVED, here, a, None))
        elif key not in old:
            if is_entry_list(b) and not where:
                _entries(file, str(key), [], b, out)
            else:
                out.append(Change(file, ADDED, here, None, b))
        elif isinstance(a, Mapping) and isinstance(b, Mapping):
            _tables(file, here, a, b, out)
        elif not where and (listed := (_entries_of(a), _entries_of(b))) and None not in listed:
            _entries(file, str(key), listed[0] or [], listed[1] or [], out)
        else:
            out.append(Change(file, CHANGED, here, a, b))


def _entries_of(value: object) -> list[Mapping[str, object]] | None:
    """A list of entries ([] for an empty list), or None for anything else."""
    if value == []:
        return []
    return value if is_entry_list(value) else None


def _entries(
    file: str,
    table: str,
    old: list[Mapping[str, object]],
    new: list[Mapping[str, object]],
    out: list[Change],
) -> None:
    before = dict(zip(keys_of(table, old), old, strict=True))
    after = dict(zip(keys_of(table, new), new, strict=True))
    for key, entry in after.items():
        if key not in before:
            out.append(Change(file, ADDED, (table, key), None, entry, label(table, entry), table))
    for key, entry in before.items():
        if key not in after:
            out.append(Change(file, REMOVED, (table, key), entry, None, label(table, entry), table))
    for key, entry in after.items():
        was = before.get(key)
        if was is None or was == entry:
            continue
        name = label(table, entry)
        for field in [*was, *(f for f in entry if f not in was)]:
            if _sub_entries(was.get(field), entry.get(field)):
                _inner(file, (table, key, str(field)), was.get(field), entry.get(field), name, out)
                continue
            if was.get(field) != entry.get(field) or (field in was) != (field in entry):
                kind = ADDED if field not in was else REMOVED if field not in entry else CHANGED
                where = (table, key, str(field))
                out.append(Change(file, kind, where, was.get(field), entry.get(field), name, table))


def _sub_entries(a: object, b: object) -> bool:
    """Both lists of tables inside an entry (an invoice's payments), one possibly absent."""
    return (a is None or is_entry_list(a)) and (b is None or is_entry_list(b)) and a != b


def _inner(
    file: str, where: tuple[str, ...], old: object, new: object, name: str, out: list[Change]
) -> None:
    """The entries added to or removed from a list inside an entry, compared by content."""
    before = list(old) if isinstance(old, list) else []
    after = list(new) if isinstance(new, list) else []
    for item in after:
        if item not in before:
            out.append(Change(file, ADDED, (*where, "+"), None, item, name, where[0]))
    for item in before:
        if item not in after:
            out.append(Change(file, REMOVED, (*where, "-"), item, None, name, where[0]))


# --- In words --------------------------------------------------------------------------------


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}" if abs(value) < 1e15 else str(value)
    if isinstance(value, Mapping | list):
        return "(a table)" if isinstance(value, Mapping) else "(a list)"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def sentence(change: Change, who: str) -> str:
    """One change in words; ``who`` is the client's name (or "the profile")."""
    if change.kind == CREATED:
        return f"client {who} added" if who != "the profile" else "profile created"
    if change.kind == DELETED:
        return f"client {who} removed" if who != "the profile" else "profile removed"
    if change.table:
        return _entry_sentence(change, who)
    field = ".".join(change.where)
    if change.where == ("hours", "months") and isinstance(change.new, Mapping) and change.new:
        months = sorted(change.new)
        span = months[0] if len(months) == 1 else f"{months[0]} to {months[-1]}"
        return f"hours of {span} imported for {who}"
    if change.where[:1] == ("hours",) and len(change.where) >= 3 and change.where[1] == "months":
        return f"hours of {change.where[2]} updated for {who}"
    if change.where[:1] == ("handover",) and change.where[-1] == "done":
        item = change.where[-2]
        if change.kind == REMOVED:
            return f"handover step {item} reopened for {who}"
        return f"handover step {item} done for {who} on {_show(change.new)}"
    if field == "ended" and change.kind != REMOVED:
        return f"end date of {who} set to {_show(change.new)}"
    if change.kind == ADDED:
        return f"{field} of {who} set to {_show(change.new)}"
    if change.kind == REMOVED:
        return f"{field} of {who} removed (was {_show(change.old)})"
    return f"{field} of {who} changed from {_show(change.old)} to {_show(change.new)}"


def _entry_sentence(change: Change, who: str) -> str:
    entry, table = change.entry, change.table
    if len(change.where) == 2:
        new = change.new if isinstance(change.new, Mapping) else {}
        if change.kind == REMOVED:
            return f"{entry} removed from {who}"
        if table == "letters":
            return f"letter {new.get('type', '')} recorded for {who}".replace("  ", " ")
        if table == "incidents":
            return f"{entry} logged for {who}"
        if table == "assessments" and "verdict" in new:
            return f"assessment recorded for {who} (verdict: {new['verdict']})"
        return f"{entry} added for {who}"
    field = change.where[2]
    if len(change.where) == 4:  # an entry of a list inside the entry: a payment
        item = change.new if change.kind == ADDED else change.old
        what = SINGULAR.get(field, field)
        facts = ", ".join(_show(v) for v in (item.values() if isinstance(item, Mapping) else ()))
        done = "recorded for" if change.kind == ADDED else "removed from"
        return f"{what} ({facts}) {done} {entry} of {who}"
    if table == "invoices" and field == "paid":
        if change.kind == REMOVED:
            return f"{entry} marked unpaid ({who})"
        return f"{entry} marked paid on {_show(change.new)}"
    if table == "deliverables" and field == "delivered" and change.kind != REMOVED:
        return f"{entry} delivered on {_show(change.new)} ({who})"
    if change.kind == ADDED:
        return f"{entry} of {who}: {field} set to {_show(change.new)}"
    if change.kind == REMOVED:
        return f"{entry} of {who}: {field} removed (was {_show(change.old)})"
    return f"{entry} of {who}: {field} changed from {_show(change.old)} to {_show(change.new)}"


def is_id_only(change: Change) -> bool:
    """An entry's stable id being written: no change of meaning (the record layer stores the id
    an entry already had, derived, on the file's next write)."""
    return bool(change.table) and change.where[2:] == ("id",) and change.kind == ADDED


# A change these imply is left out of the one-line summary (it stays in the message's body).
_IMPLIED_BY_END = ("status", "lifecycle", "updated")


def sentences(changes: list[Change], who: str) -> list[str]:
    """Every change of one file in words, the implied ones (an end's status) left out."""
    ends = any(c.where == ("ended",) for c in changes)
    entries_added = {c.where[:2] for c in changes if c.table and len(c.where) == 2}
    result: list[str] = []
    # New entries (a letter, an invoice) first: they are what a command is usually about.
    ordered = sorted(changes, key=lambda c: 0 if c.table and len(c.where) == 2 else 1)
    for change in ordered:
        if is_id_only(change):
            continue  # ids the record layer stores for entries written before ids
        if ends and change.where[:1] and change.where[0] in _IMPLIED_BY_END:
            continue
        if change.table and len(change.where) == 3 and change.where[:2] in entries_added:
            continue
        if change.table and change.where[2:] == ("id",) and change.kind == ADDED:
            continue  # an entry's stable id stored on the first write since ids (record/ids.py)
        if change.where[:1] == ("hours",) and len(change.where) > 3:
            change = Change(change.file, CHANGED, change.where[:3])
        text = sentence(change, who)
        if text not in result:
            result.append(text)
    return result
