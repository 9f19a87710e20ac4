"""Fakturoid (CZ): invoices as the API v3 gives them, JSON (a list, or ``{"invoices": [...]}``).

Fields read: ``id`` (the key), ``number``, ``document_type`` (``invoice``, ``final_invoice``,
``tax_document``, ``correction``: a credit note against ``correction_id``; proformas are left
out: a paid one has its final invoice in the list), ``client_name``, ``issued_on``, ``due_on``,
``paid_on``, ``status`` (``cancelled`` is void; ``uncollectible`` is still owed), ``currency``,
``total``, ``remaining_amount``, and ``payments`` (``paid_on``, ``amount``). Amounts are
decimal strings, dates YYYY-MM-DD. Fakturoid's CSV export is not documented and is not read.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from clientexit.invoicing import _common
from clientexit.invoicing.cells import amount
from clientexit.invoicing.rows import (
    FormatError,
    Imported,
    ImportedCredit,
    ImportedPayment,
    Parsed,
    Problem,
)

INVOICES = {"invoice", "final_invoice", "tax_document", ""}
PROFORMAS = {"proforma", "partial_proforma"}


def items(text: str) -> list[object]:
    """The list of documents in a Fakturoid JSON file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"it is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("invoices"), list):
        data = data["invoices"]
    if not isinstance(data, list):
        raise FormatError("it is JSON, but not a list of Fakturoid invoices")
    return data


def _lines(text: str) -> list[int]:
    """The line each top-level document starts on (so problems can name a line)."""
    found, depth, line = [], 0, 1
    in_string = escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            escaped = char == "\\" and not escaped
            if char == '"' and not escaped:
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if char == "{" and depth == (2 if text.lstrip().startswith("[") else 3):
                found.append(line)
        elif char in "]}":
            depth -= 1
    return found


def _date(value: object, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"the {what} {value!r} is not a date") from None


def _amount(value: object, what: str) -> Decimal:
    if value in (None, ""):
        raise ValueError(f"the {what} is missing")
    return _common.money(amount(str(value)), what)


def parse(text: str, order: str | None = None) -> Parsed:
    """The invoices (with payments and credit notes) of a Fakturoid JSON export."""
    del order  # JSON dates are ISO
    documents = items(text)
    lines = _lines(text)
    parsed = Parsed("fakturoid")
    by_id: dict[str, Imported] = {}
    corrections: list[tuple[int, dict[str, object]]] = []
    for index, doc in enumerate(documents):
        line = lines[index] if index < len(lines) else index + 1
        try:
            if not isinstance(doc, dict):
                raise ValueError("it is not an invoice object")
            kind = str(doc.get("document_type") or "")
            if kind == "correction":
                corrections.append((line, doc))
                continue
            if kind in PROFORMAS or kind not in INVOICES:
                continue
            inv = _invoice(doc, line)
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
            continue
        by_id[inv.key] = inv
        parsed.invoices.append(inv)
    for line, doc in corrections:
        target = by_id.get(str(doc.get("correction_id")))
        if target is None:
            parsed.problems.append(
                Problem(
                    line, f"credit note {doc.get('number')} corrects an invoice not in the file"
                )
            )
            continue
        try:
            total = amount(str(doc.get("total", "")))
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
            continue
        target.credits.append(
            ImportedCredit(
                str(doc.get("number") or ""), _date(doc.get("issued_on"), "date"), abs(total)
            )
        )
    return parsed


def _invoice(item: dict[str, object], line: int) -> Imported:
    """One invoice object of the API's JSON."""
    if item.get("id") in (None, ""):
        raise ValueError("the invoice has no id")
    number = str(item.get("number") or "").strip()
    if not number:
        raise ValueError("the invoice has no number")
    total = _amount(item.get("total"), "total")
    rows = item.get("payments")
    payments = [
        ImportedPayment(
            _date(p.get("paid_on"), "payment date") or dt.date.min,
            _amount(p.get("amount"), "payment amount"),
            str(p["id"]) if p.get("id") is not None else None,
        )
        for p in (rows if isinstance(rows, list) else [])
        if isinstance(p, dict)
    ]
    if any(p.on == dt.date.min for p in payments):
        raise ValueError(f"a payment on invoice {number} has no date")
    status = str(item.get("status") or "")
    inv = Imported(
        key=str(item["id"]),
        number=number,
        client=str(item.get("client_name") or "").strip() or _missing("client_name"),
        currency=str(item.get("currency") or "").upper() or None,
        amount=total,
        issued=_date(item.get("issued_on"), "issue date"),
        due=_date(item.get("due_on"), "due date"),
        line=line,
        paid=_date(item.get("paid_on"), "payment date"),
        received=sum((p.amount for p in payments), Decimal(0)),
        payments=payments,
        void=status == "cancelled",
    )
    if inv.paid is not None and not payments:
        inv.received = total
    return inv


def _missing(field: str) -> str:
    raise ValueError(f"the invoice has no {field}")
