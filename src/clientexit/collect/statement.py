"""A statement of account for a client or a lawyer: who it is from (with the payment details)
and to, the date and the law used, every invoice, payment and credit note with a running
balance, the age of the balance (not yet due, 1–30, 31–60, 61–90, over 90 days), and the
statutory interest and fixed sums — the same figures, to the cent, that ``interest`` and the
letters give, because all three take them from one ``interest.Claim``.

It is written in the client's language (templates/collect/statement.toml: en, cs, tr) with that
language's money and date formats, and never names the tool or its commands. Text and Markdown
for people (text fitted to a width: 80 and 60 columns), CSV and JSON for spreadsheets and scripts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from clientexit.collect.interest import Claim, cents
from clientexit.collect.law import BY_CONTRACT, BY_PROVIDER, name_in, the_law

if TYPE_CHECKING:
    from clientexit.record.invoices import Invoice
    from clientexit.record.model import Client, Profile

# One movement of an invoice's account: its day (None: not known), its order within the day,
# what it is, the invoice's number, and the amount (negative: money in).
Move = tuple[dt.date | None, int, str, str, Decimal]

FORMATS = ("text", "markdown", "csv")
AGES = ("current", "1_30", "31_60", "61_90", "over_90")
_AGE_LIMITS = ((0, "current"), (30, "1_30"), (60, "31_60"), (90, "61_90"))


@dataclass(frozen=True)
class Line:
    """One invoice on the statement: what it asks for, what was paid by the statement's day,
    what is still open, and its interest and fixed sum where they apply."""

    number: str
    issued: dt.date | None
    due: dt.date | None
    amount: Decimal  # billed: the amount less its credit notes
    paid: dt.date | None  # the day it was paid in full
    state: str  # "paid", "paid late", "open", "overdue"
    days_late: int
    interest: Decimal | None
    compensation: Decimal | None
    received: Decimal = Decimal(0)  # paid by the statement's day (part payments included)
    on_hold: dt.date | None = None  # a dispute or a promise holds it until then: not claimed

    @property
    def open(self) -> Decimal:
        return self.amount - self.received


@dataclass(frozen=True)
class Entry:
    """One movement on the account: an invoice (+), a payment or a credit note (−), and the
    balance after it."""

    day: dt.date | None
    kind: str  # "invoice", "payment", "credit"
    invoice: str
    amount: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Sender:
    """Who the statement is from, from the profile."""

    name: str | None
    business: str | None
    email: str | None
    payment_details: str | None


@dataclass(frozen=True)
class Statement:
    """A client's account as of ``on``."""

    sender: Sender
    name: str
    currency: str
    on: dt.date
    lines: tuple[Line, ...]
    ledger: tuple[Entry, ...]
    claim: Claim | None
    no_claim: str | None  # why there are no interest figures (for the person, not the client)
    no_claim_reason: str | None = None  # which of the law's reasons (law.Governing.reason)
    no_claim_detail: tuple[tuple[str, str], ...] = ()  # its values (law.Governing.detail)

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
        return sum((line.open for line in self.lines if line.state == "overdue"), Decimal(0))

    @property
    def ageing(self) -> dict[str, Decimal]:
        """The open balance by how long it is past due, as of ``on``."""
        found = dict.fromkeys(AGES, Decimal(0))
        for line in self.lines:
            if line.open <= 0:
                continue
            late = (self.on - line.due).days if line.due is not None else 0
            bucket = next((name for most, name in _AGE_LIMITS if late <= most), "over_90")
            found[bucket] += line.open
        return found


def sender_of(profile: Profile | None, client: Client) -> Sender:
    """The sender from the profile; payment details from the profile's ``payment_details``,
    else the client's ``[custom] payment_details``."""
    details = profile.payment_details if profile is not None else None
    custom = client.custom.get("payment_details")
    if details is None and isinstance(custom, str):
        details = custom.strip() or None
    return Sender(
        profile.name if profile else None,
        profile.business if profile else None,
        profile.email if profile else None,
        details,
    )


def build(
    client: Client,
    currency: str,
    on: dt.date,
    claim: Claim | None,
    no_claim: str | None,
    profile: Profile | None = None,
    no_claim_reason: str | None = None,
    no_claim_detail: tuple[tuple[str, str], ...] = (),
) -> Statement:
    """The statement of ``client`` as of ``on``: invoices issued by then, payments made by then."""
    by_number = {c.number: c for c in claim.invoices} if claim is not None else {}
    lines = []
    moves: list[tuple[dt.date | None, int, str, str, Decimal]] = []
    for inv in client.invoices:
        if (inv.issued is not None and inv.issued > on) or inv.void is not None:
            continue
        paid = inv.paid if inv.paid is not None and inv.paid <= on else None
        end = paid or on
        late = (end - inv.due).days if inv.due is not None and end > inv.due and inv.billed else 0
        billed = Decimal(str(inv.billed))
        state = ("paid late" if late else "paid") if paid else ("overdue" if late else "open")
        found = by_number.get(inv.number)
        held = found.hold.until if found is not None and found.hold is not None else None
        if held is not None:  # shown as on hold, with no figure: not claimed now
            found = None
        received = billed - Decimal(str(inv.balance_on(on)))
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
                received,
                held,
            )
        )
        moves += _moves(inv, on, received)
    moves.sort(key=lambda m: (m[0] or dt.date.min, m[1]))
    ledger, balance = [], Decimal(0)
    for day, _, kind, number, amount in moves:
        balance += amount
        ledger.append(Entry(day, kind, number, amount, balance))
    return Statement(
        sender_of(profile, client),
        client.name,
        currency,
        on,
        tuple(lines),
        tuple(ledger),
        claim,
        no_claim,
        no_claim_reason,
        no_claim_detail,
    )


def _moves(inv: Invoice, on: dt.date, received: Decimal) -> list[Move]:
    """The invoice's movements up to ``on``: the invoice for its amount before credit notes,
    each credit note, each payment, and the rest of ``received`` on the day it was settled."""
    found: list[Move] = [
        (inv.issued or inv.due, 0, "invoice", inv.number, Decimal(str(inv.amount)))
    ]
    for credit in inv.credits:
        if credit.on is None or credit.on <= on:
            found.append((credit.on, 1, "credit", inv.number, -Decimal(str(credit.amount))))
    counted = Decimal(0)
    for payment in inv.payments:
        if payment.on <= on:
            found.append((payment.on, 2, "payment", inv.number, -Decimal(str(payment.amount))))
            counted += Decimal(str(payment.amount))
    if received > counted:
        found.append((inv.paid, 2, "payment", inv.number, counted - received))
    return found


def _money_value(value: Decimal | None) -> float | None:
    return None if value is None else float(cents(value))


def split(claim: Claim) -> tuple[Claim, Claim]:
    """``claim`` cut in two: on the invoices still open and claimed now, and on those already
    paid late (an invoice on hold is in neither). A letter claims the first (the second only
    when asked to): the statement gives both apart, with their total, so each of a letter's
    totals is a line of the statement."""
    paid = {i.number for i in claim.paid_late}
    return (
        claim.only(i.number for i in claim.claimed if i.number not in paid),
        claim.only(paid),
    )


def _split_dict(claim: Claim | None) -> dict[str, object]:
    """The interest and fixed sums on open invoices and on invoices already paid late."""
    if claim is None:
        return dict.fromkeys(
            ("interest_open", "compensation_open", "interest_paid_late", "compensation_paid_late")
        )
    still_open, paid = split(claim)
    return {
        "interest_open": _money_value(still_open.interest),
        "compensation_open": _money_value(still_open.compensation),
        "interest_paid_late": _money_value(paid.interest),
        "compensation_paid_late": _money_value(paid.compensation),
    }


def as_dict(statement: Statement) -> dict[str, object]:
    """The statement as plain data (JSON); amounts rounded to the cent."""
    claim = statement.claim
    return {
        "from": {
            "name": statement.sender.name,
            "business": statement.sender.business,
            "email": statement.sender.email,
            "payment_details": statement.sender.payment_details,
        },
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
                "open": float(cents(line.open)),
                "state": line.state,
                "days_late": line.days_late,
                "interest": _money_value(line.interest),
                "compensation": _money_value(line.compensation),
                "on_hold_until": line.on_hold,
            }
            for line in statement.lines
        ],
        "ledger": [
            {
                "date": e.day,
                "kind": e.kind,
                "invoice": e.invoice,
                "amount": float(cents(e.amount)),
                "balance": float(cents(e.balance)),
            }
            for e in statement.ledger
        ],
        "ageing": {k: float(cents(v)) for k, v in statement.ageing.items()},
        "invoiced": float(cents(statement.invoiced)),
        "paid": float(cents(statement.paid)),
        "outstanding": float(cents(statement.outstanding)),
        "overdue": float(cents(statement.overdue)),
        "law": claim.law if claim else None,
        "law_chosen_by": claim.governing.chosen_by if claim else None,
        "interest": _money_value(claim.interest) if claim else None,
        "compensation": _money_value(claim.compensation) if claim else None,
        "compensation_currency": claim.compensation_currency if claim else None,
        **_split_dict(claim),
        "at_least": claim.at_least if claim else False,
        "unverified": claim.unverified if claim else False,
        "missing": [str(p) for p in claim.missing] if claim else [],
        "on_hold": [line.number for line in statement.lines if line.on_hold is not None],
        "no_claim": statement.no_claim,
    }


# --- the words ---------------------------------------------------------------------------------


def phrases(lang: str) -> Mapping[str, str]:
    """The statement's words in ``lang`` (en, cs, tr; a locale such as en_GB uses en)."""
    from clientexit._resources import words_in

    return words_in("collect/statement.toml", lang, "A statement")


@dataclass(frozen=True)
class Style:
    """How the statement writes money, dates and rates in its language."""

    words: Mapping[str, str]
    money: Callable[[Decimal, str], str]
    date: Callable[[dt.date | None], str]
    rate: Callable[[Decimal], str]
    lang: str = "en"


def style(lang: str, dates: str | None = None) -> Style:
    """The words and formats of ``lang``; ``dates`` the locale dates are written in (English
    follows the sender's convention: i18n.date_locale), else ``lang``. Dates are written as
    the letters write them ("4 January 2027"), so the statement and the letter beside it agree."""
    from babel.numbers import format_decimal

    from clientexit.i18n import format_date, format_money

    words = phrases(lang)
    return Style(
        words,
        lambda amount, currency: format_money(float(cents(amount)), currency, lang),
        lambda day: "" if day is None else format_date(day, dates or lang),
        lambda rate: format_decimal(rate, format="#,##0.00##", locale=lang),
        lang.split("_")[0],
    )


def render(
    statement: Statement,
    fmt: str,
    lang: str = "en",
    *,
    width: int = 80,
    dates: str | None = None,
) -> str:
    """The statement as ``text`` (fitted to ``width`` columns), ``markdown`` or ``csv``, in
    ``lang`` with dates in the ``dates`` locale."""
    if fmt == "csv":
        return _csv(statement)
    blocks = _blocks(statement, style(lang, dates))
    if fmt == "markdown":
        return _markdown(blocks)
    return _text(blocks, width)


def as_blocks(statement: Statement, lang: str = "en", dates: str | None = None) -> list[Block]:
    """The statement as blocks (see below), in ``lang`` with dates in the ``dates`` locale: what
    the handover packet and the claim bundle render as HTML and PDF."""
    return _blocks(statement, style(lang, dates))


# A statement is a list of blocks: ("title", text), ("heading", text), ("pairs", [(label,
# value)]), ("table", (headers, rows, right-aligned columns)), ("lines", [text]).
TextBlock = tuple[Literal["title", "heading"], str]
PairsBlock = tuple[Literal["pairs", "amounts"], list[tuple[str, str]]]
TableBlock = tuple[Literal["table"], tuple[list[str], list[list[str]], set[int]]]
LinesBlock = tuple[Literal["lines"], list[str]]
Block = TextBlock | PairsBlock | TableBlock | LinesBlock


def _blocks(st: Statement, s: Style) -> list[Block]:
    w, cur = s.words, st.currency
    sender = ", ".join(x for x in (st.sender.name, st.sender.business) if x)
    pairs = [(w["from"], sender + (f" <{st.sender.email}>" if st.sender.email else ""))]
    pairs += [(w["to"], st.name), (w["date"], s.date(st.on))]
    claim = st.claim
    if claim is not None:
        chosen = claim.governing.chosen_by
        why = {BY_CONTRACT: w["law_contract"], BY_PROVIDER: w["law_provider"]}.get(chosen)
        name = name_in(claim.governing, s.lang)
        pairs.append((w["law"], f"{name} ({why})" if why else name))
    if st.sender.payment_details:
        pairs.append((w["payment"], st.sender.payment_details))
    blocks: list[Block] = [("title", w["title"]), ("pairs", pairs)]
    if not st.lines:
        return [*blocks, ("lines", [w["empty"]])]
    rows = [
        [s.date(e.day), w[f"item_{e.kind}"].format(number=e.invoice), s.money(e.amount, cur),
         s.money(e.balance, cur)]
        for e in st.ledger
    ]  # fmt: skip
    headers = [w["col_date"], w["col_item"], w["col_amount"], w["col_balance"]]
    blocks += [("heading", w["ledger"]), ("table", (headers, rows, {2, 3}))]
    blocks.append(("amounts", [(w["balance_due"], s.money(st.outstanding, cur))]))
    ageing = [(w[f"age_{k}"], s.money(v, cur)) for k, v in st.ageing.items()]
    blocks += [("heading", w["ageing"]), ("amounts", ageing)]
    if claim is not None and claim.invoices:
        blocks += _claim_blocks(st, claim, s)
    return blocks


def _claim_blocks(st: Statement, claim: Claim, s: Style) -> list[Block]:
    w, cur = s.words, claim.currency
    blocks: list[Block] = [("heading", w["claim"])]
    still_open, paid = split(claim)
    if not paid.invoices:
        if still_open.invoices:
            blocks.append(("lines", _invoice_lines(still_open, s)))
    else:  # set apart: a letter claims the open ones, and those paid late only if asked to
        for part, group in ((still_open, "open"), (paid, "paid_late")):
            if part.invoices:
                blocks.append(("lines", [w[f"group_{group}"], *_invoice_lines(part, s)]))
                blocks.append(("amounts", _totals(part, s, group)))
    if claim.held:  # shown apart and left out of every total, as the letters leave them out
        held = [
            w[f"on_hold_{inv.hold.kind}"].format(number=inv.number, until=s.date(inv.hold.until))
            for inv in claim.held
            if inv.hold is not None
        ]
        blocks.append(("lines", [w["group_on_hold"], *held]))
    if not claim.claimed:
        return blocks
    totals = _totals(claim, s)
    if claim.total is not None:
        with_all = s.money(st.outstanding + claim.total, cur)
        if claim.at_least:
            with_all = w["at_least"].format(amount=with_all)
        if claim.unverified:
            with_all += f" ({w['unverified']})"
        totals.append((w["total_with"], with_all))
    notes = [
        w["may"].format(law=_cited(name_in(claim.governing, s.lang), s.lang), date=s.date(st.on))
    ]
    if claim.at_least:
        notes.append(w["at_least_note"])
    if claim.unverified:
        notes.append(w["unverified_note"])
    return [*blocks, ("amounts", totals), ("lines", notes)]


def _days(count: int, words: Mapping[str, str]) -> str:
    """``count`` days in the statement's language, the noun agreeing with the number (cs: 1 den,
    2–4 dny, 5 dní)."""
    form = "days_one" if count == 1 else "days_few" if 2 <= count <= 4 else "days_many"
    return words[form].format(n=count)


def _cited(name: str, lang: str) -> str:
    """The law's ``name`` as the statement's "under …" / "podle …" / "… uyarınca" holds it:
    "the … Act 1998" in English; in Czech a regulation by its own word ("nařízení vlády …"),
    another name after "předpisu" (its name stays undeclined)."""
    if lang == "en":
        return the_law(name)
    if lang == "cs":
        if name.startswith("nařízení"):
            return name
        return "předpisu " + name.removeprefix("předpis ")
    return name


def _invoice_lines(claim: Claim, s: Style) -> list[str]:
    """Each invoice of ``claim``: from when, each stretch at its rate, its interest and fixed
    sum."""
    w, cur, comp_cur = s.words, claim.currency, claim.compensation_currency
    lines: list[str] = []
    for inv in claim.invoices:
        lines.append(w["claim_invoice"].format(number=inv.number, first=s.date(inv.first)))
        for part in inv.stretches:
            values = {
                "first": s.date(part.first),
                "last": s.date(part.last),
                "days": _days(part.days, w),
            }
            if part.rate is None:
                lines.append("  " + w["stretch_missing"].format(**values))
                continue
            flag = f" ({w['unverified']})" if part.entry and part.entry.unverified else ""
            text = w["stretch"].format(
                **values, rate=s.rate(part.rate), balance=s.money(part.balance, cur)
            )
            lines.append("  " + text + flag)
        shown = s.money(inv.interest, cur)
        if not inv.reckoned:
            shown = w["not_reckoned"]
        elif inv.at_least:
            shown = w["at_least"].format(amount=shown)
        fixed = w["no_fixed"] if inv.compensation is None else s.money(inv.compensation, comp_cur)
        flag = f" ({w['unverified']})" if inv.unverified else ""
        lines.append("  " + w["claim_figures"].format(interest=shown, fixed=fixed) + flag)
    return lines


def _totals(claim: Claim, s: Style, group: str = "") -> list[tuple[str, str]]:
    """The interest and the fixed sums of ``claim``, labelled for its ``group`` ("open",
    "paid_late"; "" for the whole claim): "at least" where some days have no rate."""
    w, suffix = s.words, f"_{group}" if group else ""
    interest = s.money(claim.interest, claim.currency)
    if not claim.reckoned:
        interest = w["not_reckoned"]
    elif claim.at_least:
        interest = w["at_least"].format(amount=interest)
    if claim.unverified:  # a total resting on an unverified rate says so, as its lines do
        interest += f" ({w['unverified']})"
    return [
        (w[f"total_interest{suffix}"], interest),
        (w[f"total_fixed{suffix}"], s.money(claim.compensation, claim.compensation_currency)),
    ]


# --- text and markdown -------------------------------------------------------------------------


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    import textwrap

    lead = text[: len(text) - len(text.lstrip(" "))]
    return textwrap.wrap(
        text,
        width=width,
        subsequent_indent=lead + indent,
        break_on_hyphens=False,
        break_long_words=True,
    ) or [""]


def _text(blocks: Sequence[Block], width: int) -> str:
    out: list[str] = []
    for block in blocks:
        if block[0] == "title":
            out += [block[1], ""]
        elif block[0] == "heading":
            out += ["", block[1], "-" * min(len(block[1]), width)]
        elif block[0] == "pairs" or block[0] == "amounts":
            lead = [""] if out and out[-1] and out[-1][0] != "-" else []
            out += lead + _pairs(block[1], width, right=block[0] == "amounts")
        elif block[0] == "table":
            out += _table(*block[1], width=width)
        else:
            out.append("")
            for line in block[1]:
                out += _wrap(line, width, "  ")
    return "\n".join(out).rstrip() + "\n"


def _pairs(pairs: Sequence[tuple[str, str]], width: int, *, right: bool = False) -> list[str]:
    label_width = max(len(label) for label, _ in pairs) + 1
    value_width = max(len(v) for _, v in pairs) if right else 0
    if label_width + max(12, value_width) + 1 > width:  # no room: each value under its label
        return [out for label, v in pairs for out in [f"{label}:", *_wrap("  " + v, width)]]
    out = []
    for label, value in pairs:
        text = f"{label + ':':<{label_width}} {value:>{value_width}}"
        out += _wrap(text, width, " " * (label_width + 1))
    return out


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int], *, width: int
) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    over = sum(widths) + 2 * (len(widths) - 1) - width
    flexible = [i for i in range(len(widths)) if i not in right]
    while over > 0 and flexible:
        widest = max(flexible, key=lambda i: widths[i])
        if widths[widest] <= 8:
            break
        cut = min(over, widths[widest] - 8)
        widths[widest] -= cut
        over -= cut
    out = [_row(headers, widths, right), _row(["-" * n for n in widths], widths, right)]
    for row in rows:
        out += _row_lines(row, widths, right)
    return out


def _row(cells: Sequence[str], widths: Sequence[int], right: set[int]) -> str:
    return "  ".join(
        f"{c:>{n}}" if i in right else f"{c[:n]:<{n}}"
        for i, (c, n) in enumerate(zip(cells, widths, strict=True))
    ).rstrip()


def _row_lines(cells: Sequence[str], widths: Sequence[int], right: set[int]) -> list[str]:
    import textwrap

    parts = [
        [c] if i in right else (textwrap.wrap(c, n, break_on_hyphens=False) or [""])
        for i, (c, n) in enumerate(zip(cells, widths, strict=True))
    ]
    height = max(len(p) for p in parts)
    return [_row([p[k] if k < len(p) else "" for p in parts], widths, right) for k in range(height)]


def _md(cell: str) -> str:
    return cell.replace("|", "\\|")


def _markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if block[0] == "title":
            out += [f"# {block[1]}", ""]
        elif block[0] == "heading":
            out += ["", f"## {block[1]}", ""]
        elif block[0] == "pairs" or block[0] == "amounts":
            out += ["", *(f"- **{_md(label)}:** {_md(v)}" for label, v in block[1])]
        elif block[0] == "table":
            headers, rows, _ = block[1]
            out += ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
            out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
        else:
            out += ["", *(_md(line) for line in block[1])]
    return "\n".join(out).rstrip() + "\n"


# --- CSV ---------------------------------------------------------------------------------------

HEADERS = [
    "invoice",
    "issued",
    "due",
    "amount",
    "paid",
    "received",
    "open",
    "state",
    "days_late",
    "interest",
    "fixed_sum",
    "currency",
    "on_hold_until",
]


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _csv(statement: Statement) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    from clientexit.safe_text import spreadsheet_cell

    writer.writerow(HEADERS)
    for line in statement.lines:
        cells = [
            line.number,
            _date(line.issued),
            _date(line.due),
            f"{cents(line.amount)}",
            _date(line.paid),
            f"{cents(line.received)}",
            f"{cents(line.open)}",
            line.state,
            str(line.days_late),
            "" if line.interest is None else f"{line.interest}",
            "" if line.compensation is None else f"{line.compensation}",
            statement.currency,
            _date(line.on_hold),
        ]
        # Every cell, not only the invoice number: no text of the record runs as a formula.
        writer.writerow(spreadsheet_cell(cell) for cell in cells)
    return buffer.getvalue()
