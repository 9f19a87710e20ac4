"""What every invoice export is read into: invoices with their payments, and the rows that could
not be read, each with its line number and the reason in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

FORMATS = (
    "invoiceninja",
    "invoiceninja-payments",
    "freshbooks",
    "stripe",
    "harvest",
    "fakturoid",
    "hledger",
    "beancount",
)
LABELS = {
    "invoiceninja": "Invoice Ninja invoice report",
    "invoiceninja-payments": "Invoice Ninja payment report",
    "freshbooks": "FreshBooks invoice details report",
    "stripe": "Stripe invoices export",
    "harvest": "Harvest invoices report",
    "fakturoid": "Fakturoid invoices (API JSON)",
    "hledger": "hledger register CSV",
    "beancount": "Beancount journal",
}


class FormatError(ValueError):
    """The file is not an export clientexit reads (the message says why, in words)."""


@dataclass(frozen=True)
class ImportedPayment:
    """Money received: its day, amount, and the tool's id for it when it has one."""

    on: dt.date
    amount: Decimal
    ref: str | None = None


@dataclass(frozen=True)
class ImportedCredit:
    """A credit note against an invoice."""

    number: str | None
    on: dt.date | None
    amount: Decimal


@dataclass
class Imported:
    """One invoice as the tool shows it. ``key`` is the tool's own id for it (the number where
    the tool has no other); ``client`` the customer's name in the tool; ``paid`` the day it was
    settled where the tool says; ``received`` what the tool says was paid in all (its payments
    may be fewer when the export gives no dates); ``void`` whether it was cancelled."""

    key: str
    number: str
    client: str
    currency: str | None
    amount: Decimal
    issued: dt.date | None
    due: dt.date | None
    line: int
    paid: dt.date | None = None
    received: Decimal = Decimal(0)
    payments: list[ImportedPayment] = field(default_factory=list)
    credits: list[ImportedCredit] = field(default_factory=list)
    void: bool = False
    client_ids: tuple[str, ...] = ()  # other names the tool knows the customer by (cus_...)
    notes: list[str] = field(default_factory=list)  # said to the person, not problems


@dataclass(frozen=True)
class Problem:
    """A row that could not be read: its line and the reason in words."""

    line: int
    reason: str


@dataclass
class Parsed:
    """An export read: its format, its invoices (and payments without an invoice row), and the
    rows it could not read."""

    format: str
    invoices: list[Imported] = field(default_factory=list)
    payments: list[tuple[str, str, ImportedPayment, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
