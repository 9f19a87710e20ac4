"""A statement of account: every invoice, what was paid and when, what is open and overdue, and
the statutory interest and fixed sums it may carry, as text, Markdown or CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from clientexit.collect.interest import Claim, cents

if TYPE_CHECKING:
    from clientexit.record.model import Client

FORMATS = ("text", "markdown", "csv")


@dataclass(frozen=True)
class Line:
    """One invoice on the statement, with its interest and fixed sum where they apply."""

    number: str
    issued: dt.date | None
    due: dt.date | None
    amount: Decimal
    paid: dt.date | None
    state: str  # "paid", "paid late", "open", "overdue"
    days_late: int
    interest: Decimal | None
    compensation: Decimal | None
    received: Decimal = Decimal(0)  # paid by the statement's day (part payments included)


@dataclass(frozen=True)
class Statement:
    """A client's account as of ``on``."""

    name: str
    currency: str
    on: dt.date
    lines: tuple[Line, ...]
    claim: Claim | None
    no_claim: str | None  # why there are no interest figures

    @property
    def invoiced(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def paid(self) -> Decimal:
        return sum((line.received for line in self.lines), Decimal(0))

    @property
    def outstanding(self) -> Decimal:
        return self.invoiced - self.paid

    @property
    def overdue(self) -> Decimal:
        return sum(
            (line.amount - line.received for line in self.lines if line.state == "overdue"),
            Decimal(0),
        )


def build(
    client: Client, currency: str, on: dt.date, claim: Claim | None, no_claim: str | None
) -> Statement:
    """The statement of ``client`` as of ``on``: invoices issued by then, payments made by then."""
    by_number = {c.number: c for c in claim.invoices} if claim is not None else {}
    lines = []
    for inv in client.invoices:
        if (inv.issued is not None and inv.issued > on) or inv.void is not None:
            continue
        paid = inv.paid if inv.paid is not None and inv.paid <= on else None
        end = paid or on
        late = (end - inv.due).days if inv.due is not None and end > inv.due and inv.billed else 0
        billed = Decimal(str(inv.billed))
        state = ("paid late" if late else "paid") if paid else ("overdue" if late else "open")
        found = by_number.get(inv.number)
        lines.append(
            Line(
                inv.number,
                inv.issued,
                inv.due,
                billed,
                paid,
                state,
                late,
                found.interest if found else None,
                found.compensation if found else None,
                billed - Decimal(str(inv.balance_on(on))),
            )
        )
    return Statement(client.name, currency, on, tuple(lines), claim, no_claim)


def as_dict(statement: Statement) -> dict[str, Any]:
    """The statement as plain data (JSON); amounts rounded to the cent."""
    claim = statement.claim
    return {
        "name": statement.name,
        "currency": statement.currency,
        "on": statement.on,
        "invoices": [
            {
                "number": line.number,
                "issued": line.issued,
                "due": line.due,
                "amount": float(cents(line.amount)),
                "paid": line.paid,
                "received": float(cents(line.received)),
                "state": line.state,
                "days_late": line.days_late,
                "interest": None if line.interest is None else float(line.interest),
                "compensation": None if line.compensation is None else float(line.compensation),
            }
            for line in statement.lines
        ],
        "invoiced": float(cents(statement.invoiced)),
        "paid": float(cents(statement.paid)),
        "outstanding": float(cents(statement.outstanding)),
        "overdue": float(cents(statement.overdue)),
        "law": claim.law if claim else None,
        "interest": float(cents(claim.interest)) if claim else None,
        "compensation": float(cents(claim.compensation)) if claim else None,
        "missing": [str(p) for p in claim.missing] if claim else [],
        "no_claim": statement.no_claim,
    }


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _cells(statement: Statement, money: Any) -> list[list[str]]:
    rows = []
    for line in statement.lines:
        late = f"{line.days_late}" if line.days_late else ""
        rows.append(
            [
                line.number,
                _date(line.issued),
                _date(line.due),
                money(line.amount),
                _date(line.paid),
                line.state,
                late,
                "" if line.interest is None else money(line.interest),
                "" if line.compensation is None else money(line.compensation),
            ]
        )
    return rows


HEADERS = [
    "Invoice",
    "Issued",
    "Due",
    "Amount",
    "Paid",
    "State",
    "Days late",
    "Interest",
    "Fixed sum",
]


def _totals(statement: Statement, money: Any) -> list[tuple[str, str]]:
    found = [
        ("Invoiced", money(statement.invoiced)),
        ("Paid", money(statement.paid)),
        ("Outstanding", money(statement.outstanding)),
        ("Overdue", money(statement.overdue)),
    ]
    claim = statement.claim
    if claim is not None:
        least = "at least " if claim.at_least else ""
        found += [
            ("Statutory interest", least + money(cents(claim.interest))),
            ("Fixed sums", money(cents(claim.compensation))),
        ]
        if claim.total is not None:
            found.append(
                (
                    "Total with interest and fixed sums",
                    least + money(cents(statement.outstanding + claim.total)),
                )
            )
    return found


def _footer(statement: Statement) -> list[str]:
    claim = statement.claim
    if claim is None:
        return [statement.no_claim] if statement.no_claim else []
    lines = [
        f"Interest and fixed sums: what the creditor may be entitled to under {claim.law},"
        f" reckoned to {statement.on.isoformat()} (see clientexit interest for the rates and "
        "periods). Not legal advice."
    ]
    if claim.missing:
        lines.append(
            "No rate in the rates file for "
            + ", ".join(str(p) for p in claim.missing)
            + ": those figures are left out."
        )
    return lines


def render(statement: Statement, fmt: str, money: Any) -> str:
    """The statement as ``text``, ``markdown`` or ``csv``; ``money`` formats an amount."""
    if fmt == "csv":
        return _csv(statement)
    rows = _cells(statement, money)
    title = f"Statement of account: {statement.name}, as of {statement.on.isoformat()}"
    if fmt == "markdown":
        out = [f"# {title}", "", "| " + " | ".join(HEADERS) + " |"]
        out.append("|" + "|".join("---" for _ in HEADERS) + "|")
        out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
        out += ["", *(f"- **{label}:** {value}" for label, value in _totals(statement, money))]
        footer = _footer(statement)
        return "\n".join([*out, *(["", *footer] if footer else [])]) + "\n"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    out = [title, "", _row(HEADERS, widths), _row(["-" * w for w in widths], widths)]
    out += [_row(row, widths) for row in rows]
    totals = _totals(statement, money)
    label_width = max(len(label) for label, _ in totals)
    out += ["", *(f"{label + ':':<{label_width + 1}} {value}" for label, value in totals)]
    footer = _footer(statement)
    return "\n".join([*out, *(["", *footer] if footer else [])]) + "\n"


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()


def _md(cell: str) -> str:
    return cell.replace("|", "\\|")


def _no_formula(cell: str) -> str:
    """An invoice number a spreadsheet would run as a formula (=, +, -, @) is quoted with '."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell


def _csv(statement: Statement) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    plain = [
        [
            _no_formula(line.number),
            _date(line.issued),
            _date(line.due),
            f"{cents(line.amount)}",
            _date(line.paid),
            line.state,
            str(line.days_late),
            "" if line.interest is None else f"{line.interest}",
            "" if line.compensation is None else f"{line.compensation}",
        ]
        for line in statement.lines
    ]
    writer.writerow([h.lower().replace(" ", "_") for h in HEADERS] + ["currency"])
    writer.writerows([*row, statement.currency] for row in plain)
    return buffer.getvalue()
