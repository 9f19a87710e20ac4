"""What an imported invoice changes in a client's file, and what it must not.

An imported entry keeps where it came from (``source``, ``source_id``) and a short fingerprint
of the values the import wrote (``import_check``). On the next import of the same tool:

- the same values change nothing (not a byte);
- an invoice the tool changed (paid since, voided, a credit note) is updated, if the entry still
  holds what the last import wrote;
- an entry typed by hand (no ``source``), or changed by hand since the last import, is never
  overwritten silently: with the same values it is adopted, with other values it is kept and
  the difference is reported; ``overwrite`` takes the export's values and keeps the old ones in
  ``[[corrections]]``.

Everything here reads plain values (a client's ``[[invoices]]`` entries as tomllib reads them)
and returns what to change as a typed value of record/invoice_changes.py, with the report's row
(``Change``); app/invoicing.py applies them to the client's document under its lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from clientexit.invoicing.rows import Imported, ImportedPayment
from clientexit.record.invoice_changes import (
    AddImported,
    AdoptImported,
    ImportChange,
    NothingImported,
    OverwriteImported,
    PaymentImported,
    UpdateImported,
    follow,
)

CONTENT: tuple[str, ...] = ("number", "amount", "issued", "due", "paid", "payments", "credits")
CONTENT += ("void", "paid_undated")
# An [[invoices]] entry as tomllib reads it (record/invoice_changes.as_read for one being edited).
Entry = Mapping[str, object]


Kind = Literal["added", "updated", "overwritten", "adopted", "unchanged", "kept", "missing"]


@dataclass(frozen=True)
class Change:
    """What happened to one invoice: added, updated, unchanged, adopted or kept (not
    overwritten), with the difference in words where there is one."""

    number: str
    kind: Kind
    detail: str = ""
    line: int = 0


@dataclass(frozen=True)
class Merged:
    """What an import does to one client's invoices: the changes to apply in order, the
    report's row for each invoice and payment, and the entries as they read before and after."""

    changes: list[ImportChange]
    rows: list[Change]
    before: list[Entry]
    after: list[Entry]

    @property
    def changes_file(self) -> bool:
        """Whether one of the changes writes into the client's file."""
        return any(not isinstance(change, NothingImported) for change in self.changes)


def entries_in(data: Mapping[str, object]) -> list[Entry]:
    """The ``[[invoices]]`` entries of a client's data as read (tomllib)."""
    found = data.get("invoices")
    return [e for e in found if isinstance(e, Mapping)] if isinstance(found, list) else []


def content(entry: Entry) -> dict[str, object]:
    """The values of an entry that an import writes (ids, sources and notes left out)."""
    return {key: entry[key] for key in CONTENT if key in entry}


def fingerprint(values: Mapping[str, object]) -> str:
    """A short digest of an entry's content, as written in ``import_check``."""
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def _decimal(value: object) -> Decimal:
    return Decimal(str(value))


def _rows(value: object) -> list[Mapping[str, object]]:
    """The tables of an inline array (payments, credits) as read."""
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _on(row: Mapping[str, object]) -> dt.date:
    day = row.get("on")
    return day if isinstance(day, dt.date) else dt.date.min


def _recorded(row: Mapping[str, object]) -> ImportedPayment:
    ref = row.get("ref")
    return ImportedPayment(_on(row), _decimal(row.get("amount")), None if ref is None else str(ref))


def wanted(
    inv: Imported,
    existing: Entry | None,
    today: dt.date,
    due_days: int | None = None,
) -> dict[str, object]:
    """The content the export asks for. Where the export gives no payment dates, payments
    already recorded with dates are kept and only the rest is ``paid_undated``. Where it gives
    no due date, the book's is kept; an invoice without one gets the issue date plus the
    client's payment term ``due_days`` when that is recorded, else none."""
    values: dict[str, object] = {"number": inv.number, "amount": _money(inv.amount)}
    old = content(existing) if existing is not None else {}
    if inv.issued is not None:
        values["issued"] = inv.issued
    if inv.due is not None:
        values["due"] = inv.due
    elif old.get("due") is not None:
        values["due"] = old["due"]
    elif due_days is not None and inv.issued is not None:
        values["due"] = inv.issued + dt.timedelta(days=due_days)
    credited = sum((c.amount for c in inv.credits), Decimal(0))
    billed = inv.amount - credited
    payments = list(inv.payments)
    if not payments and inv.received and old.get("payments"):
        payments = [_recorded(row) for row in _rows(old["payments"])]
    dated = sum((p.amount for p in payments), Decimal(0))
    paid = inv.paid
    if paid is None and payments and dated >= billed > 0:
        paid = max(p.on for p in payments)
    if paid is not None:
        values["paid"] = paid
    if payments:
        values["payments"] = [
            {"on": p.on, "amount": _money(p.amount), **({"ref": p.ref} if p.ref else {})}
            for p in sorted(payments, key=lambda p: p.on)
        ]
    if inv.credits:
        values["credits"] = [
            {
                **({"number": c.number} if c.number else {}),
                **({"on": c.on} if c.on else {}),
                "amount": _money(c.amount),
            }
            for c in inv.credits
        ]
    if inv.void:
        values["void"] = old.get("void") or today
    undated = inv.received - dated
    if paid is None and undated > 0 and not inv.void:
        values["paid_undated"] = _money(min(undated, billed))
    return values


def _differences(old: Mapping[str, object], new: Mapping[str, object]) -> str:
    said = []
    for key in CONTENT:
        if old.get(key) != new.get(key):
            before = "none" if old.get(key) is None else _shown(old.get(key))
            after = "none" if new.get(key) is None else _shown(new.get(key))
            said.append(f"{key} {before} in the book, {after} in the export")
    return "; ".join(said)


def _shown(value: object) -> str:
    if isinstance(value, list):
        return f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    return str(value)


def find(entries: Sequence[Entry], source: str, inv: Imported) -> tuple[int, Entry] | None:
    """Where in ``entries`` this imported invoice is, and its entry: the one imported from it
    before, else the one of the same number."""
    for index, entry in enumerate(entries):
        if entry.get("source") == source and str(entry.get("source_id")) == inv.key:
            return index, entry
    for index, entry in enumerate(entries):
        if str(entry.get("number")) == inv.number:
            return index, entry
    return None


def unchanged(
    entries: Sequence[Entry],
    inv: Imported,
    source: str,
    today: dt.date,
    due_days: int | None = None,
) -> bool:
    """Whether ``merge_one`` would leave this invoice as it is (with the entries read from the
    file with tomllib: a client whose every invoice is unchanged is not opened for editing)."""
    found = find(entries, source, inv)
    if found is None:
        return False
    entry = found[1]
    values = wanted(inv, entry, today, due_days)
    return (
        content(entry) == values
        and entry.get("source") == source
        and entry.get("import_check") == fingerprint(values)
    )


def merge_one(
    entries: Sequence[Entry],
    inv: Imported,
    source: str,
    today: dt.date,
    at: dt.datetime,
    *,
    overwrite: bool,
    due_days: int | None = None,
) -> tuple[ImportChange, Change]:
    """What one imported invoice changes in a client's ``entries`` (see the module
    docstring), and the report's row for it."""
    found = find(entries, source, inv)
    values = wanted(inv, None if found is None else found[1], today, due_days)
    marks = {"source": source, "source_id": inv.key, "import_check": fingerprint(values)}
    if found is None:
        return AddImported({**values, **marks}), Change(inv.number, "added", line=inv.line)
    index, entry = found
    current = content(entry)
    if current == values:
        if entry.get("source") == source and entry.get("import_check") == marks["import_check"]:
            return NothingImported(), Change(inv.number, "unchanged", line=inv.line)
        adopted = Change(inv.number, "adopted", "the invoice typed by hand matches", inv.line)
        return AdoptImported(index, marks), adopted
    untouched = entry.get("source") == source and entry.get("import_check") == fingerprint(current)
    detail = _differences(current, values)
    if not untouched and not overwrite:
        return NothingImported(), Change(inv.number, "kept", detail, inv.line)
    gone = tuple(key for key in CONTENT if key not in values)
    update = UpdateImported(index, {**values, **marks}, gone)
    if untouched:
        return update, Change(inv.number, "updated", detail, inv.line)
    reason = f"taken from {source}"
    traced = OverwriteImported(update, str(entry.get("number")), current, at, reason)
    return traced, Change(inv.number, "overwritten", detail, inv.line)


def add_payment(
    entries: Sequence[Entry],
    number: str,
    payment: ImportedPayment,
    source: str,
    line: int,
    *,
    alone: bool = True,
) -> tuple[ImportChange, Change]:
    """What a payment from a payment report changes on the invoice ``number`` of ``entries``
    (added once: by its reference, else by day and amount; money recorded as undated is dated
    by it), and the report's row for it. An invoice marked paid on the payment's day with no
    payments listed already says it, when the payment is the report's only one for the invoice
    (``alone``)."""
    found = next(((i, e) for i, e in enumerate(entries) if str(e.get("number")) == number), None)
    if found is None:
        missing = "no such invoice in the book: import the invoices first"
        return NothingImported(), Change(number, "missing", missing, line)
    index, entry = found
    current = content(entry)
    rows = _rows(current.get("payments"))
    same = [
        p
        for p in rows
        if (payment.ref and p.get("ref") == payment.ref)
        or (p.get("on") == payment.on and _decimal(p.get("amount")) == payment.amount)
    ]
    # With other payments for the invoice in the report, each is listed: were this one taken
    # as said by the paid day, it would be added on the next import, once the others are.
    if same or (alone and current.get("paid") == payment.on and not rows):
        return NothingImported(), Change(number, "unchanged", line=line)
    untouched = entry.get("import_check") == fingerprint(current)
    amount = _money(payment.amount)
    row: dict[str, object] = {"on": payment.on, "amount": amount}
    if payment.ref:
        row["ref"] = payment.ref
    new = dict(current)
    payments = sorted([*rows, row], key=_on)
    new["payments"] = payments
    undated = _decimal(current.get("paid_undated", 0)) - payment.amount
    new.pop("paid_undated", None)
    if undated > 0:
        new["paid_undated"] = _money(undated)
    credited = sum(
        (_decimal(c.get("amount", 0)) for c in _rows(current.get("credits"))), Decimal(0)
    )
    billed = _decimal(current.get("amount", 0)) - credited
    received = sum((_decimal(p.get("amount")) for p in payments), Decimal(0))
    if received >= billed and "paid" not in new:
        new["paid"] = max(_on(p) for p in payments)
        new.pop("paid_undated", None)
    marks = {"import_check": fingerprint(new)} if untouched else {}
    values = {**new, **marks, **({} if entry.get("source") else {"source": source})}
    drop = tuple(key for key in CONTENT if key not in new)
    change = PaymentImported(index, row, values, drop)
    return change, Change(number, "updated", f"payment of {amount:.2f} on {payment.on}", line)


def merge_client(
    entries: Sequence[Entry],
    imported: Sequence[Imported],
    payments: Sequence[tuple[str, ImportedPayment, int]],
    source: str,
    today: dt.date,
    at: dt.datetime,
    *,
    overwrite: bool,
    due_days: int | None = None,
) -> Merged:
    """What an export's invoices (``imported``) and payments (number, payment, line) change in
    one client's ``entries``, in order: each is decided from the entries as the changes before
    it leave them."""
    current = [dict(entry) for entry in entries]
    changes: list[ImportChange] = []
    rows: list[Change] = []
    for inv in imported:
        change, row = merge_one(
            current, inv, source, today, at, overwrite=overwrite, due_days=due_days
        )
        follow(current, change)
        changes.append(change)
        rows.append(row)
    per_invoice = Counter(number for number, _, _ in payments)
    for number, payment, line in payments:
        alone = per_invoice[number] == 1
        change, row = add_payment(current, number, payment, source, line, alone=alone)
        follow(current, change)
        changes.append(change)
        rows.append(row)
    return Merged(changes, rows, list(entries), list(current))
