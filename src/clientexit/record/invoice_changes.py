"""Typed changes to a client's ``[[invoices]]``: a new invoice (``new_invoice``), a payment
(part or whole), a credit note, a void, a correction of an amount or a date, unpaid again, and
the removal of an entry made by mistake.

An import's changes are typed values (``AddImported``, ``UpdateImported``,
``OverwriteImported``, ``AdoptImported``, ``PaymentImported``, ``NothingImported``):
invoicing/merge.py decides them from the entries as read (``as_read``), ``apply_import`` writes
one into the document and ``follow`` says what the entries read after it.

Each works on a client document being edited (``clients.edit``) and refuses, with a UsageError or
InvalidValue saying why, what the record does not allow (paying more than is owed, a payment
before the invoice was issued, a date in the future). Every change to what was recorded before
(a correction, unpaid again, a removal, a void) leaves a trace: a ``[[corrections]]`` entry with
the time, the invoice, the old and the new value and the reason given, so that nothing recorded
disappears without a word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from clientexit._errors import InvalidValue, NotFoundError, UsageError
from clientexit._types import Document
from clientexit.record import entries
from clientexit.record.inputs import one_line
from clientexit.record.invoices import Invoice, invoices
from clientexit.record.schema import as_date

# A client document open for editing (tomlkit types its values as Any: _types.Document).
Doc = Document
CORRECTABLE = ("amount", "issued", "due", "paid")
# How a refusal writes a recorded day: the CLI passes the reader's style (cli._common.day).
Shown = Callable[[dt.date], str]


@dataclass(frozen=True)
class Paid:
    """What a payment did: the invoice after it, and whether it settled the invoice."""

    invoice: Invoice
    amount: float
    settled: bool


def _entries(doc: Doc) -> list[Any]:  # Any: tomlkit (the [[invoices]] tables of doc)
    found = doc.get("invoices")
    return found if isinstance(found, list) else []


def find(doc: Doc, number: str) -> tuple[int, Invoice]:
    """The index in ``[[invoices]]`` and the record of the invoice ``number`` (or its id)."""
    wanted = number.strip()
    entries = _entries(doc)
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            continue
        if str(entry.get("number")) == wanted or str(entry.get("id", "")) == wanted:
            return index, read_one(entry)
    known = ", ".join(str(e.get("number")) for e in entries if isinstance(e, Mapping))
    raise NotFoundError(
        f"No invoice {wanted} for this client.", f"Recorded invoices: {known or 'none yet'}."
    )


def read_one(entry: Mapping[str, object]) -> Invoice:
    """One stored entry as an Invoice (read as the record reads it)."""
    plain = entry.unwrap() if hasattr(entry, "unwrap") else entry
    return invoices({"invoices": [plain]})[0]


def _not_future(day: dt.date, today: dt.date, flag: str, what: str) -> None:
    if day > today:
        raise InvalidValue(
            flag,
            day,
            "is in the future",
            "Record what has already happened; check the year.",
            what=what,
        )


def _open(inv: Invoice, doing: str, shown: Shown) -> None:
    if inv.void is not None:
        raise UsageError(f"Invoice {inv.number} was voided on {shown(inv.void)}: {doing}.")
    if inv.paid is not None:
        raise UsageError(
            f"Invoice {inv.number} was already paid in full on {shown(inv.paid)}: {doing}.",
            f"If that was a mistake: invoice CLIENT unpaid {inv.number} --reason TEXT",
        )


def pay(
    doc: Doc,
    number: str,
    amount: float | None,
    on: dt.date,
    today: dt.date,
    shown: Shown = dt.date.isoformat,
) -> Paid:
    """Record a payment of ``amount`` (None: all that is owed) on ``on`` against ``number``;
    a refusal writes the recorded days with ``shown``.

    A payment that leaves something owed is kept in the invoice's ``payments``; the one that
    brings the balance to 0 sets ``paid`` (and is kept in ``payments`` too when earlier part
    payments are there, so that the list adds up to what was received)."""
    _not_future(on, today, "on", "payment date")
    index, inv = find(doc, number)
    _open(inv, "there is nothing left to pay", shown)
    if inv.issued is not None and on < inv.issued:
        raise InvalidValue(
            "on",
            on,
            f"is before invoice {inv.number} was issued ({shown(inv.issued)})",
            what="payment date",
        )
    before = [p for p in inv.payments if p.on > on]
    if before:
        raise InvalidValue(
            "on",
            on,
            f"is before the payment already recorded on {shown(before[-1].on)}",
            "Record payments in the order they arrived.",
            what="payment date",
        )
    owed = Decimal(str(inv.balance))
    paying = owed if amount is None else Decimal(str(amount))
    if paying <= 0:
        raise UsageError("A payment is more than 0.", "Give the amount received, e.g. 500.00.")
    if paying > owed:
        raise UsageError(
            f"The payment {paying:.2f} is more than the {owed:.2f} still owed on invoice "
            f"{inv.number}.",
            "Check the amount; an overpayment is not recorded against an invoice.",
        )
    entry = _entries(doc)[index]
    settled = paying == owed
    if not settled or inv.payments:
        _append_inline(entry, "payments", {"on": on, "amount": float(paying)})
    if settled:
        entry["paid"] = on
    return Paid(read_one(entry), float(paying), settled)


def credit(
    doc: Doc,
    number: str,
    amount: float,
    on: dt.date,
    today: dt.date,
    note: str | None = None,
    shown: Shown = dt.date.isoformat,
) -> Invoice:
    """Record a credit note of ``amount`` (numbered ``note``) lowering invoice ``number``."""
    _not_future(on, today, "on", "credit note date")
    index, inv = find(doc, number)
    _open(inv, "a credit note cannot lower it", shown)
    if amount <= 0 or Decimal(str(amount)) > Decimal(str(inv.balance)):
        raise UsageError(
            f"A credit note on invoice {inv.number} is more than 0 and at most the "
            f"{inv.balance:.2f} still owed.",
            "Check the amount; to cancel the whole invoice: invoice CLIENT void NUMBER",
        )
    entry = _entries(doc)[index]
    row = {"number": note, "on": on, "amount": float(amount)}
    _append_inline(entry, "credits", {k: v for k, v in row.items() if v is not None})
    after = read_one(entry)
    if not after.balance and after.billed:
        entry["paid"] = max([on, *(p.on for p in after.payments)])
        after = read_one(entry)
    return after


def void(
    doc: Doc,
    number: str,
    on: dt.date,
    today: dt.date,
    reason: str,
    at: dt.datetime,
    shown: Shown = dt.date.isoformat,
) -> Invoice:
    """Cancel invoice ``number`` as of ``on``: nothing is owed on it from then on."""
    _not_future(on, today, "on", "date voided")
    index, inv = find(doc, number)
    if inv.void is not None:
        raise UsageError(f"Invoice {inv.number} was already voided on {shown(inv.void)}.")
    if inv.paid is not None:
        raise UsageError(
            f"Invoice {inv.number} was paid on {shown(inv.paid)}: a paid invoice is not voided.",
            "Record a credit note and a refund in your accounts; or, if it was never paid: "
            f"invoice CLIENT unpaid {inv.number} --reason TEXT first.",
        )
    entry = _entries(doc)[index]
    entry["void"] = on
    trace(doc, at, inv, "void", None, on, reason)
    return read_one(entry)


def correct(
    doc: Doc,
    number: str,
    field: str,
    value: object,
    today: dt.date,
    reason: str,
    at: dt.datetime,
    shown: Shown = dt.date.isoformat,
) -> Invoice:
    """Change one of ``amount``, ``issued``, ``due`` or ``paid`` of invoice ``number``,
    leaving a trace with the old value."""
    if field not in CORRECTABLE:
        raise UsageError(f"{field!r} is not one of {', '.join(CORRECTABLE)}.")
    index, inv = find(doc, number)
    entry = _entries(doc)[index]
    old = entry.get(field)
    old = old.unwrap() if hasattr(old, "unwrap") else old
    if isinstance(value, dt.date) and field != "due":
        _not_future(value, today, field, f"{field} date")
    if field == "paid" and inv.paid is None:
        raise UsageError(
            f"Invoice {inv.number} is not paid yet: there is no payment date to correct.",
            f"Record the payment: invoice CLIENT pay {inv.number} --on DATE",
        )
    if old == value:
        raise UsageError(f"Invoice {inv.number} already has {field} = {value}: nothing to change.")
    entry[field] = value
    after = read_one(entry)
    if after.issued and after.due and after.due < after.issued:
        raise InvalidValue(
            field, value, f"puts the due date before the issue date {shown(after.issued)}"
        )
    if after.paid and after.issued and after.paid < after.issued:
        raise InvalidValue(
            field, value, f"puts the payment before the issue date {shown(after.issued)}"
        )
    if field == "amount" and Decimal(str(after.billed)) < Decimal(str(after.received)):
        raise UsageError(
            f"Invoice {inv.number} has {after.received:.2f} in payments already: the amount "
            "cannot be less."
        )
    trace(doc, at, inv, field, old, value, reason)
    return after


def unpay(doc: Doc, number: str, reason: str, at: dt.datetime) -> Invoice:
    """Mark invoice ``number`` unpaid again (its payment date and payments were a mistake)."""
    index, inv = find(doc, number)
    if inv.paid is None and not inv.payments:
        raise UsageError(f"Invoice {inv.number} has no payment recorded: it is unpaid already.")
    entry = _entries(doc)[index]
    old = {"paid": inv.paid, "payments": [{"on": p.on, "amount": p.amount} for p in inv.payments]}
    for key in ("paid", "payments"):
        if key in entry:
            del entry[key]
    trace(doc, at, inv, "paid", {k: v for k, v in old.items() if v}, None, reason)
    return read_one(entry)


def remove(doc: Doc, number: str, reason: str, at: dt.datetime) -> Invoice:
    """Remove invoice ``number`` entered by mistake; the trace keeps the whole entry."""
    index, inv = find(doc, number)
    entries = _entries(doc)
    entry = entries[index]
    plain = entry.unwrap() if hasattr(entry, "unwrap") else dict(entry)
    del entries[index]
    trace(doc, at, inv, "removed", plain, None, reason)
    return inv


def trace(
    doc: Doc, at: dt.datetime, inv: Invoice, field: str, old: object, new: object, reason: str
) -> None:
    """Add a ``[[corrections]]`` entry: what changed on which invoice, from what, to what, why."""
    record_trace(doc, at, ("invoice", inv.number), field, old, new, reason)


def record_trace(
    doc: Doc,
    at: dt.datetime,
    subject: tuple[str, str],
    change: str,
    old: object,
    new: object,
    reason: str,
) -> None:
    """Add a ``[[corrections]]`` entry: what changed (``change``) on which entry (``subject``:
    ``("invoice", number)``, ``("incident", id)`` ...), from what, to what, and why."""
    row: dict[str, object] = {"at": at, subject[0]: subject[1], "change": change}
    if old is not None:
        row["old"] = _inline(old)
    if new is not None:
        row["new"] = _inline(new)
    row["reason"] = reason
    entries.append(doc, "corrections", row)


def _inline(value: object) -> object:
    import tomlkit

    if isinstance(value, Mapping):
        table = tomlkit.inline_table()
        for key, item in value.items():
            if item is not None:
                table[key] = _inline(item)
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        for item in value:
            array.append(_inline(item))
        return array
    return value


def _append_inline(entry: Document, key: str, row: Mapping[str, object]) -> None:
    import tomlkit

    if key not in entry:
        entry[key] = tomlkit.array()
    entry[key].append(_inline(row))


def new_invoice(
    existing: Sequence[Mapping[str, object]],
    number: str,
    amount: float,
    issued: dt.date,
    due: dt.date,
    today: dt.date,
) -> Invoice:
    """Validate an invoice to add; its number must be new for this client, and it is issued
    ``today`` or earlier (an invoice is recorded once sent; its due date may be later)."""
    from clientexit.secretcheck import refuse_secrets

    number = refuse_secrets(one_line(number, "The invoice number"), "The invoice number")
    if any(str(e.get("number")) == number for e in existing):
        raise UsageError(
            f"Invoice {number} is already recorded for this client.",
            "Use another number, or mark it paid with: invoice CLIENT paid NUMBER",
        )
    if issued > today:
        raise InvalidValue(
            "issued",
            issued,
            "is in the future",
            "Record an invoice once it is sent (only its due date may be later); check the year.",
            what="issue date",
        )
    if due < issued:
        raise InvalidValue(
            "due",
            due,
            f"is before the issue date {issued}",
            "Check the two dates.",
            what="due date",
        )
    return Invoice(number, amount, issued, due)


def add(
    doc: Doc, number: str, amount: float, issued: dt.date, due: dt.date, today: dt.date
) -> Invoice:
    """Add invoice ``number`` (checked by ``new_invoice``) to ``[[invoices]]``; the entry as
    stored, with its new id."""
    from dataclasses import replace

    invoice = new_invoice(_entries(doc), number, amount, issued, due, today)
    return replace(invoice, id=entries.append(doc, "invoices", invoice.as_dict()) or "")


def mark_paid(
    doc: Doc, number: str, on: dt.date, today: dt.date, shown: Shown = dt.date.isoformat
) -> Invoice:
    """Mark the unpaid invoice ``number`` paid in full on ``on`` (``find_payable`` says whether
    it can be); the invoice after it."""
    index = find_payable(_entries(doc), number, on, today, shown)
    entry = _entries(doc)[index]
    entry["paid"] = on
    return read_one(entry)


def find_payable(
    existing: Sequence[Mapping[str, object]],
    number: str,
    on: dt.date,
    today: dt.date,
    shown: Shown = dt.date.isoformat,
) -> int:
    """The index of the unpaid invoice ``number`` that can be marked paid ``on`` that date; a
    refusal writes the recorded days with ``shown``."""
    if on > today:
        raise InvalidValue(
            "on",
            on,
            "is in the future",
            "Record what has already happened; check the year.",
            what="payment date",
        )
    for index, entry in enumerate(existing):
        if str(entry.get("number")) != number.strip():
            continue
        if entry.get("paid") is not None:
            paid = as_date(entry["paid"])
            when = shown(paid) if paid is not None else str(entry["paid"])
            raise UsageError(f"Invoice {number} was already marked paid on {when}.")
        issued = as_date(entry.get("issued"))
        if issued is not None and on < issued:
            raise InvalidValue(
                "on",
                on,
                f"is before invoice {number} was issued ({shown(issued)})",
                what="payment date",
            )
        return index
    known = ", ".join(str(e.get("number")) for e in existing) or "none yet"
    raise NotFoundError(f"No invoice {number} for this client.", f"Recorded invoices: {known}.")


@dataclass(frozen=True)
class AddImported:
    """An invoice an import brings that the book does not hold yet: its content, ``source``,
    ``source_id`` and ``import_check``."""

    values: Mapping[str, object]


@dataclass(frozen=True)
class UpdateImported:
    """The entry at ``index`` in ``[[invoices]]`` takes ``values``; the keys ``drop`` (what the
    export no longer holds) go."""

    index: int
    values: Mapping[str, object]
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class OverwriteImported:
    """An entry typed or changed by hand that an import overwrites (``--overwrite``): its
    previous content (``old``) is traced in ``[[corrections]]`` as a correction of the invoice
    ``number`` at ``at`` for ``reason``, then ``update`` is made."""

    update: UpdateImported
    number: str
    old: Mapping[str, object]
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class AdoptImported:
    """An entry typed by hand that holds what the export holds: from now on it is the
    import's (``marks``: ``source``, ``source_id``, ``import_check``)."""

    index: int
    marks: Mapping[str, str]


@dataclass(frozen=True)
class PaymentImported:
    """A payment from a payment report (``payment``: on, amount, ref) on the entry at
    ``index``, with what it changes there (``values``: its payments, paid, paid_undated ...;
    ``drop``: the keys that go)."""

    index: int
    payment: Mapping[str, object]
    values: Mapping[str, object]
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class NothingImported:
    """Nothing to write: the entry already holds what the export holds, it is kept as typed by
    hand, or the invoice a payment names is not in the book."""


ImportChange = (
    AddImported
    | UpdateImported
    | OverwriteImported
    | AdoptImported
    | PaymentImported
    | NothingImported
)


def as_read(doc: Doc) -> list[dict[str, object]]:
    """The ``[[invoices]]`` entries of a document being edited as plain values, as tomllib
    reads them (an import decides its changes from these); position for position, so an index
    names the same entry in both."""
    found = doc.get("invoices")
    if not isinstance(found, list):
        return []
    plain = found.unwrap() if hasattr(found, "unwrap") else found
    return [dict(entry) if isinstance(entry, Mapping) else {} for entry in plain]


def _update_of(change: ImportChange) -> UpdateImported | None:
    if isinstance(change, UpdateImported):
        return change
    if isinstance(change, OverwriteImported):
        return change.update
    if isinstance(change, PaymentImported):
        return UpdateImported(change.index, change.values, change.drop)
    if isinstance(change, AdoptImported):
        return UpdateImported(change.index, change.marks)
    return None


def apply_import(doc: Doc, change: ImportChange) -> None:
    """Write one of an import's changes into a client document (comments and the entries'
    other keys stay); an overwrite leaves its trace in ``[[corrections]]`` first."""
    if isinstance(change, AddImported):
        add_imported(doc, change.values)
        return
    if isinstance(change, OverwriteImported):
        record_trace(
            doc, change.at, ("invoice", change.number), "import", change.old, None, change.reason
        )
    update = _update_of(change)
    if update is not None:
        rewrite(_entries(doc)[update.index], update.values, update.drop)


def follow(entries: list[dict[str, object]], change: ImportChange) -> None:
    """Make ``entries`` (plain, as ``as_read`` gives them; the caller's own copy) read as the
    document's ``[[invoices]]`` will once ``change`` is applied: what the next invoice or
    payment of the same import is decided from."""
    if isinstance(change, AddImported):
        entries.append(dict(change.values))
        return
    update = _update_of(change)
    if update is not None:
        kept = {k: v for k, v in entries[update.index].items() if k not in update.drop}
        entries[update.index] = {**kept, **update.values}


def add_imported(doc: Doc, values: Mapping[str, object]) -> None:
    """Append an invoice an import brings (invoicing/merge.py says what it holds: its content,
    ``source``, ``source_id`` and ``import_check``); lists become arrays of inline tables."""
    entries.append(doc, "invoices", {key: _imported(value) for key, value in values.items()})


def rewrite(entry: Document, values: Mapping[str, object], drop: Iterable[str] = ()) -> None:
    """Set ``values`` on an invoice entry an import updates, and remove the keys ``drop``
    (what the import no longer holds); the entry's other keys, and its comments, stay."""
    for key in drop:
        if key in entry:
            del entry[key]
    for key, value in values.items():
        entry[key] = _imported(value)


def _imported(value: object) -> object:
    import tomlkit

    if isinstance(value, list):
        array = tomlkit.array()
        for row in value:
            table = tomlkit.inline_table()
            table.update(row)
            array.append(table)
        return array
    return value


def save_names(doc: Doc, table_name: str, names: Sequence[str]) -> None:
    """Add ``names`` to the client's ``[table_name] match`` (``[invoicing]``: the names an
    invoicing tool gives the client), each once whatever its case."""
    import tomlkit

    table = doc.get(table_name)
    if table is None:
        table = tomlkit.table()
        doc[table_name] = table
    match = table.get("match")
    if match is None:
        match = tomlkit.array()
        table["match"] = match
    have = {str(m).casefold() for m in match}
    for name in names:
        if name.casefold() not in have:
            match.append(name)
            have.add(name.casefold())
