"""Plain-text accounting: hledger's CSV register, and a Beancount journal's receivables.

hledger: ``hledger register -O csv`` writes ``"txnidx","date","code","description","account",
"amount","total"``, one row per posting, every field quoted, the amount with its commodity
(``EUR 1200.00``). The rows on a receivable account (its name holds ``receivable``) are read:
the ``code`` (``(INV-0042)`` in the journal) is the invoice; a rise in the receivable is the
invoice, issued that day (the client is its description), a fall a payment.

Beancount: each transaction that posts to a ``...Receivable...`` account and carries a link
(``^INV-0042``) belongs to that invoice: a positive posting is the invoice (the payee, else the
narration, is the client; a ``due: 2024-03-31`` metadata line gives the due date), a negative
one a payment. Neither journal records due dates otherwise: set them with invoice correct.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from clientexit.invoicing import _common
from clientexit.invoicing.cells import amount, read_table
from clientexit.invoicing.rows import Imported, ImportedPayment, Parsed, Problem

HLEDGER_COLUMNS = {
    "txnidx": ("txnidx",),
    "date": ("date",),
    "code": ("code",),
    "description": ("description",),
    "account": ("account",),
    "amount": ("amount", "change"),
}
_COMMODITY = re.compile(r"[A-Za-z$€£¥₺₹\"][A-Za-z$€£¥₺₹\"]*")


def _money_and_currency(text: str) -> tuple[Decimal, str | None]:
    found = _COMMODITY.findall(text)
    currency = found[0].strip('"') if found else None
    symbols = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₺": "TRY", "₹": "INR"}
    currency = symbols.get(currency or "", currency)
    return amount(text), currency.upper() if currency and len(currency) == 3 else currency


class _Book:
    """Postings on receivables, gathered, then read in date order (invoice before payment on
    one day): a journal need not be sorted."""

    def __init__(self, fmt: str) -> None:
        self.parsed = Parsed(fmt)
        self.postings: list[
            tuple[dt.date, bool, int, str, Decimal, str | None, str, dt.date | None]
        ] = []

    def post(
        self,
        key: str,
        day: dt.date,
        change: Decimal,
        currency: str | None,
        client: str,
        line: int,
        due: dt.date | None = None,
    ) -> None:
        self.postings.append((day, change < 0, line, key, change, currency, client, due))

    def done(self) -> Parsed:
        by_key: dict[str, Imported] = {}
        for day, _, line, key, change, currency, client, due in sorted(self.postings):
            inv = by_key.get(key)
            if change > 0:
                if inv is None:
                    inv = Imported(key, key, client, currency, Decimal(0), day, due, line)
                    by_key[key] = inv
                inv.amount += change
            elif inv is None:
                self.parsed.problems.append(
                    Problem(line, f"a payment on {key} with no invoice posting before it")
                )
            else:
                inv.payments.append(ImportedPayment(day, -change))
                inv.received += -change
        for inv in by_key.values():
            inv.amount = _common.money(inv.amount, "invoice amount")
            if inv.payments and inv.received >= inv.amount:
                inv.paid = max(p.on for p in inv.payments)
            self.parsed.invoices.append(inv)
        self.parsed.problems.sort(key=lambda p: p.line)
        return self.parsed


def parse_hledger(text: str, order: str | None = None) -> Parsed:
    """The receivables of an hledger CSV register."""
    del order  # hledger writes ISO dates
    table = read_table(
        text, "hledger register CSV", HLEDGER_COLUMNS, ("date", "code", "account", "amount")
    )
    book = _Book("hledger")
    for line, cells in table.rows:
        cell = functools.partial(table.cell, cells)
        if "receivable" not in cell("account").casefold():
            continue
        try:
            code = cell("code").strip("()")
            if not code:
                raise ValueError("the transaction has no code (the invoice number in parentheses)")
            change, currency = _money_and_currency(cell("amount"))
            day = dt.date.fromisoformat(cell("date"))
            client = cell("description") or cell("account").rsplit(":", 1)[-1]
            book.post(code, day, change, currency, client, line)
        except ValueError as exc:
            book.parsed.problems.append(Problem(line, str(exc)))
    return book.done()


_TXN = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(?:\*|!|txn)\s*(.*)$")
_STRINGS = re.compile(r'"((?:[^"\\]|\\.)*)"')
_LINK = re.compile(r"\^([\w.\-/]+)")
_POSTING = re.compile(r"^\s+([A-Z][\w:\-]*)\s+(-?[\d.,]+)\s+([A-Z][A-Z0-9'._\-]{0,22})\b")
_META = re.compile(r"^\s+([a-z][\w\-]*):\s*(.+?)\s*$")


def parse_beancount(text: str, order: str | None = None) -> Parsed:
    """The receivables of a Beancount journal (see the module docstring)."""
    del order
    book = _Book("beancount")
    lines = text.lstrip("\ufeff").splitlines()
    index = 0
    while index < len(lines):
        match = _TXN.match(lines[index])
        if not match:
            index += 1
            continue
        start = index + 1
        day = dt.date.fromisoformat(match[1])
        strings = _STRINGS.findall(match[2])
        links = _LINK.findall(match[2])
        client = strings[0] if strings else ""
        postings: list[tuple[int, str, str, str]] = []
        meta: dict[str, str] = {}
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip():
            posting = _POSTING.match(lines[index])
            found_meta = _META.match(lines[index])
            if posting:
                postings.append((index + 1, posting[1], posting[2], posting[3]))
            elif found_meta:
                meta[found_meta[1]] = found_meta[2].strip('"')
            index += 1
        for line, account, number, currency in postings:
            if "receivable" not in account.casefold():
                continue
            try:
                if not links:
                    raise ValueError("the transaction has no ^link naming its invoice")
                due = dt.date.fromisoformat(meta["due"]) if "due" in meta else None
                who = client or account.rsplit(":", 1)[-1]
                book.post(links[0], day, amount(number), currency, who, line or start, due)
            except ValueError as exc:
                book.parsed.problems.append(Problem(line, str(exc)))
    return book.done()
