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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from clientexit.invoicing.rows import Imported, ImportedPayment

CONTENT: tuple[str, ...] = ("number", "amount", "issued", "due", "paid", "payments", "credits")
CONTENT += ("void", "paid_undated")
# A client document open for editing: tomlkit types the values of its tables as Any.
Doc = MutableMapping[str, Any]
Entry = MutableMapping[str, Any]


@dataclass(frozen=True)
class Change:
    """What happened to one invoice: added, updated, unchanged, adopted or kept (not
    overwritten), with the difference in words where there is one."""

    number: str
    kind: str
    detail: str = ""
    line: int = 0


def _plain(value: object) -> object:
    value = value.unwrap() if hasattr(value, "unwrap") else value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def content(entry: Mapping[str, object]) -> dict[str, Any]:
    """The values of an entry that an import writes (ids, sources and notes left out), as
    plain values: a file's, as tomllib or tomlkit read them (typed Any by both)."""
    return {key: _plain(entry[key]) for key in CONTENT if key in entry}


def fingerprint(values: Mapping[str, object]) -> str:
    """A short digest of an entry's content, as written in ``import_check``."""
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def wanted(
    inv: Imported,
    existing: Mapping[str, object] | None,
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
        payments = [
            ImportedPayment(p["on"], Decimal(str(p["amount"])), p.get("ref"))
            for p in old["payments"]
        ]
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


def find(doc: Mapping[str, object], source: str, inv: Imported) -> Entry | None:
    """The entry this imported invoice is: the one imported from it before, else the one of
    the same number."""
    found = doc.get("invoices")
    entries = [e for e in found if isinstance(e, MutableMapping)] if isinstance(found, list) else []
    for entry in entries:
        if entry.get("source") == source and str(entry.get("source_id")) == inv.key:
            return entry
    for entry in entries:
        if str(entry.get("number")) == inv.number:
            return entry
    return None


def unchanged(
    data: Mapping[str, object],
    inv: Imported,
    source: str,
    today: dt.date,
    due_days: int | None = None,
) -> bool:
    """Whether ``merge_one`` would leave this invoice as it is (read from the file with
    tomllib: a client whose every invoice is unchanged is not opened for editing at all)."""
    entry = find(data, source, inv)
    if entry is None:
        return False
    values = wanted(inv, entry, today, due_days)
    return (
        content(entry) == values
        and entry.get("source") == source
        and entry.get("import_check") == fingerprint(values)
    )


def merge_one(
    doc: Doc,
    inv: Imported,
    source: str,
    today: dt.date,
    at: dt.datetime,
    *,
    overwrite: bool,
    due_days: int | None = None,
) -> Change:
    """Apply one imported invoice to a client document (see the module docstring)."""
    from clientexit.record import invoice_changes

    entry = find(doc, source, inv)
    values = wanted(inv, entry, today, due_days)
    marks = {"source": source, "source_id": inv.key, "import_check": fingerprint(values)}
    if entry is None:
        invoice_changes.add_imported(doc, {**values, **marks})
        return Change(inv.number, "added", line=inv.line)
    current = content(entry)
    if current == values:
        if entry.get("source") == source and entry.get("import_check") == marks["import_check"]:
            return Change(inv.number, "unchanged", line=inv.line)
        invoice_changes.rewrite(entry, marks)
        return Change(inv.number, "adopted", "the invoice typed by hand matches", inv.line)
    untouched = entry.get("source") == source and entry.get("import_check") == fingerprint(current)
    detail = _differences(current, values)
    if not untouched and not overwrite:
        return Change(inv.number, "kept", detail, inv.line)
    if not untouched:
        record = invoice_changes.read_one(entry)
        invoice_changes.trace(doc, at, record, "import", current, None, f"taken from {source}")
    gone = [key for key in CONTENT if key not in values]
    invoice_changes.rewrite(entry, {**values, **marks}, drop=gone)
    return Change(inv.number, "updated" if untouched else "overwritten", detail, inv.line)


def add_payment(doc: Doc, number: str, payment: ImportedPayment, source: str, line: int) -> Change:
    """Add a payment from a payment report to the invoice ``number`` (once: by its reference,
    else by day and amount); money recorded as undated is dated by it."""
    entries = doc.get("invoices") or []
    entry = next((e for e in entries if str(e.get("number")) == number), None)
    if entry is None:
        return Change(
            number, "missing", "no such invoice in the book: import the invoices first", line
        )
    current = content(entry)
    rows = current.get("payments", [])
    same = [
        p
        for p in rows
        if (payment.ref and p.get("ref") == payment.ref)
        or (p.get("on") == payment.on and Decimal(str(p.get("amount"))) == payment.amount)
    ]
    if same or (current.get("paid") == payment.on and not rows):
        return Change(number, "unchanged", line=line)
    untouched = entry.get("import_check") == fingerprint(current)
    row = {"on": payment.on, "amount": _money(payment.amount)}
    if payment.ref:
        row["ref"] = payment.ref
    new = dict(current)
    new["payments"] = sorted([*rows, row], key=lambda p: p["on"])
    undated = Decimal(str(current.get("paid_undated", 0))) - payment.amount
    new.pop("paid_undated", None)
    if undated > 0:
        new["paid_undated"] = _money(undated)
    billed = Decimal(str(current.get("amount", 0))) - sum(
        (Decimal(str(c.get("amount", 0))) for c in current.get("credits", [])), Decimal(0)
    )
    received = sum((Decimal(str(p["amount"])) for p in new["payments"]), Decimal(0))
    if received >= billed and "paid" not in new:
        new["paid"] = max(p["on"] for p in new["payments"])
        new.pop("paid_undated", None)
    from clientexit.record import invoice_changes

    marks = {"import_check": fingerprint(new)} if untouched else {}
    values = {**new, **marks, **({} if entry.get("source") else {"source": source})}
    invoice_changes.rewrite(entry, values, drop=[key for key in CONTENT if key not in new])
    return Change(number, "updated", f"payment of {row['amount']:.2f} on {payment.on}", line)
