"""How the entries of a client file's lists ([[invoices]], [[letters]] ...) are told apart
across versions: by their stable ``id``, else by their natural fields (an invoice's number, a
letter's type and time), else by their whole content. Diffs, merges and undo all join entries
this way, never by their place in the file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import TypeGuard

# The fields that name an entry written before stable ids (or by hand without one).
NATURAL: dict[str, tuple[str, ...]] = {
    "invoices": ("number",),
    "incidents": ("date", "kind", "text"),
    "deliverables": ("what",),
    "letters": ("type", "at"),
    "reminders": ("invoice", "at"),
    "assessments": ("at",),
    "rate_changes": ("from",),
    "payments": ("invoice", "date", "amount"),
}

SINGULAR = {
    "invoices": "invoice",
    "incidents": "incident",
    "deliverables": "deliverable",
    "letters": "letter",
    "reminders": "reminder",
    "assessments": "assessment",
    "rate_changes": "rate change",
    "payments": "payment",
    "credit_notes": "credit note",
}


def is_entry_list(value: object) -> TypeGuard[list[Mapping[str, object]]]:
    """Whether ``value`` is a list of tables ([[name]] in TOML)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _canonical(entry: Mapping[str, object]) -> str:
    content = {str(k): v for k, v in entry.items() if k != "id"}
    return json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)


def keys_of(table: str, entries: Sequence[Mapping[str, object]]) -> list[str]:
    """A key per entry, unique within the list, equal across versions for the same entry."""
    derived = _derived_ids(table, entries)
    seen: dict[str, int] = {}
    keys = []
    for index, entry in enumerate(entries):
        written = entry.get("id")
        if isinstance(written, str) and written.strip():
            key = "id:" + written.strip()
        elif derived is not None:
            key = "id:" + derived[index]
        elif table in NATURAL and all(f in entry for f in NATURAL[table]):
            key = "nat:" + json.dumps([str(entry[f]) for f in NATURAL[table]], ensure_ascii=False)
        else:
            key = "all:" + _canonical(entry)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def _derived_ids(table: str, entries: Sequence[Mapping[str, object]]) -> list[str] | None:
    """The ids the record layer gives entries that have none written (the one it stores on the
    next write), where it defines them for ``table``; None where it does not."""
    try:
        from clientexit.record import ids
    except ImportError:
        return None
    if table not in ids.PREFIXES:
        return None
    found: list[str] = ids.ids_of(table, list(entries))
    return found


def _day(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def label(table: str, entry: Mapping[str, object]) -> str:
    """An entry in words: "invoice 2026-052", 'deliverable "Menu page"', "letter payment of
    2026-12-01"."""
    if table == "invoices" and "number" in entry:
        return f"invoice {entry['number']}"
    if table == "deliverables" and "what" in entry:
        return f'deliverable "{entry["what"]}"'
    if table == "incidents" and "date" in entry:
        kind = f" ({entry['kind']})" if "kind" in entry else ""
        return f"incident of {_day(entry['date'])}{kind}"
    if table in ("letters", "reminders") and "type" in entry:
        when = f" of {_day(entry['at'])}" if "at" in entry else ""
        return f"{SINGULAR[table]} {entry['type']}{when}"
    if table == "assessments" and "at" in entry:
        return f"assessment of {_day(entry['at'])}"
    if table == "rate_changes" and "from" in entry:
        return f"rate change from {_day(entry['from'])}"
    name = SINGULAR.get(table, table)
    if isinstance(entry.get("id"), str):
        return f"{name} {entry['id']}"
    return name
