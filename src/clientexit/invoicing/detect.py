"""Which tool wrote an invoice export, told from its content, and parsing it with its module."""

from __future__ import annotations

import re

from clientexit.invoicing import fakturoid, freshbooks, harvest, invoiceninja, journal, stripe
from clientexit.invoicing.cells import header_of
from clientexit.invoicing.rows import FORMATS, FormatError, Parsed

_BEANCOUNT = re.compile(r"^\d{4}-\d{2}-\d{2}\s+(?:\*|!|txn|open)\b", re.MULTILINE)


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, else Windows-1252 (what Excel
    saves as "CSV" on many Western European systems)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1250" if b"\x9a" in raw or b"\x9e" in raw else "cp1252")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"it is not text (byte {exc.start + 1}); export it as CSV or JSON"
        ) from None


def detect(text: str) -> str:
    """The format of ``text`` (one of rows.FORMATS); FormatError when none fits."""
    start = text.lstrip("\ufeff \r\n\t")
    if start.startswith(("[", "{")):
        return "fakturoid"
    if _BEANCOUNT.search(text) and not start.startswith('"'):
        return "beancount"
    keys = set(header_of(text))
    if {"txnidx", "code", "account"} <= keys:
        return "hledger"
    if {"payment date", "payment amount"} <= keys:
        return "invoiceninja-payments"
    if "invoice invoice number" in keys or {"invoice balance", "invoice paid to date"} <= keys:
        return "invoiceninja"
    if "invoice #" in keys and "line total" in keys:
        return "freshbooks"
    if {"amount due", "status"} <= keys or "amount remaining" in keys:
        return "stripe"
    if "paid amount" in keys and ({"issue date", "last payment date"} & keys):
        return "harvest"
    raise FormatError(
        "clientexit cannot tell which tool wrote it (it reads Invoice Ninja invoice and payment "
        "reports, FreshBooks invoice details, Stripe invoices, Harvest invoices reports, "
        "Fakturoid JSON, hledger register CSV and Beancount journals)"
    )


def parse(text: str, fmt: str | None = None, order: str | None = None) -> Parsed:
    """Parse ``text`` as ``fmt`` (detected when None); ``order`` (dmy or mdy) for slashed dates
    the file itself does not settle."""
    fmt = fmt or detect(text)
    if fmt not in FORMATS:
        raise FormatError(f"{fmt!r} is not a format clientexit reads ({', '.join(FORMATS)})")
    readers = {
        "invoiceninja": invoiceninja.parse,
        "invoiceninja-payments": invoiceninja.parse_payments,
        "freshbooks": freshbooks.parse,
        "stripe": stripe.parse,
        "harvest": harvest.parse,
        "fakturoid": fakturoid.parse,
        "hledger": journal.parse_hledger,
        "beancount": journal.parse_beancount,
    }
    return readers[fmt](text, order)
