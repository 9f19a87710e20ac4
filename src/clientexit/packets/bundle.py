"""The claim bundle: the evidence of an unpaid debt in one zip archive, for a lawyer, a
small-claims portal or a collection agency.

It holds the statement with interest (HTML, CSV and, with the PDF extra, PDF), every invoice
as recorded, every letter sent (with the ``.eml`` draft where one was written and still
exists), the payment incident log, the deliverables with their delivery dates, a one-page
timeline, the law and rates used, and a manifest with each file's SHA-256 (and, with history
on, the commit the record was taken from). The archive is deterministic: built twice from the
same record on the same day it is the same, byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from clientexit.packets.document import Block, Document, refuse_secrets, words

if TYPE_CHECKING:
    from clientexit.collect.statement import Statement
    from clientexit.record.model import Client, Profile

# Every member gets this time stamp and mode, so that the archive depends on its content alone.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_MODE = 0o644 << 16
# Incident kinds that belong to a payment dispute's evidence.
PAYMENT_KINDS = frozenset({"payment", "dispute", "promise"})
_CONTROL = str.maketrans({c: None for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]})


@dataclass(frozen=True)
class Bundle:
    """The archive's bytes and what it holds (member name -> SHA-256)."""

    content: bytes
    files: Mapping[str, str]


def cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: control characters removed, and a cell that
    would start a formula (=, +, -, @, a tab or a CR) quoted with an apostrophe."""
    text = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
    text = text.translate(_CONTROL).replace("\r", " ").replace("\n", " ")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV file (UTF-8, comma, \\r\\n as RFC 4180 says) with every cell through ``cell``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def _json(value: object) -> str:
    def default(obj: object) -> object:
        if isinstance(obj, dt.date | dt.datetime | dt.time):
            return obj.isoformat()
        if isinstance(obj, Decimal):
            return str(obj)
        raise TypeError(f"not JSON: {type(obj).__name__}")

    return json.dumps(value, default=default, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def timeline(
    client: Client, statement: Statement, lang: str, dates: str, today: dt.date
) -> Document:
    """The relationship on one page: when work started, each invoice, payment, credit note,
    letter, incident and delivery, and the end, in date order."""
    from clientexit.i18n import format_date, format_money

    w = words(lang)

    def money(amount: float) -> str:
        return format_money(amount, statement.currency, lang)

    events: list[tuple[dt.date, int, str]] = []
    if client.start_date:
        events.append((client.start_date, 0, w["event_started"]))
    for inv in client.invoices:
        when = inv.issued or inv.due
        if when is not None:
            key = "event_invoice" if inv.due else "event_invoice_no_due"
            due = format_date(inv.due, dates) if inv.due else ""
            events.append(
                (when, 1, w[key].format(number=inv.number, amount=money(inv.amount), due=due))
            )
        events += [
            (c.on, 2, w["event_credit"].format(number=inv.number, amount=money(c.amount)))
            for c in inv.credits
            if c.on is not None
        ]
        events += [
            (p.on, 3, w["event_payment"].format(number=inv.number, amount=money(p.amount)))
            for p in inv.payments
        ]
        if inv.paid is not None:
            events.append((inv.paid, 4, w["event_paid"].format(number=inv.number)))
        if inv.void is not None:
            events.append((inv.void, 4, w["event_void"].format(number=inv.number)))
    for letter in client.letters:
        if letter.day is not None:
            events.append((letter.day, 5, w["event_letter"].format(type=letter.type)))
    for incident in client.incidents:
        if incident.date is not None:
            text = w["event_incident"].format(kind=incident.kind, text=incident.text)
            events.append((incident.date, 6, text))
    for item in client.deliverables:
        delivered = item.delivered
        if delivered is not None:
            events.append((delivered, 7, w["event_delivered"].format(what=item.what)))
    end = client.end_date
    if end is not None and end <= today:
        events.append((end, 8, w["event_ended"]))
    events.sort(key=lambda e: (e[0], e[1]))
    rows = [[format_date(day, dates), text] for day, _, text in events]
    title = w["timeline"] + f": {client.name}"
    blocks: list[Block] = [
        ("title", title),
        ("table", ([w["col_date"], w["col_event"]], rows, set())),
    ]
    return Document(title, lang, tuple(blocks))


def members(
    client: Client,
    profile: Profile,
    statement: Statement,
    raw: Mapping[str, object],
    *,
    lang: str,
    dates: str,
    today: dt.date,
    pdf: Callable[[Document], bytes] | None = None,
    commit: str | None = None,
    read_eml: Callable[[str], bytes | None] = lambda _: None,
) -> dict[str, bytes]:
    """Every file of the bundle by its name in the archive (the manifest included).

    ``raw`` is the client file as stored (its invoices go in unchanged); ``pdf`` renders the
    statement and timeline as PDF too; ``commit`` is the history commit the record was taken
    from; ``read_eml`` gives the bytes of a letter's ``.eml`` draft, or None when it is gone."""
    from clientexit.collect.statement import render
    from clientexit.packets import html
    from clientexit.packets.handover_packet import account_blocks, sender_blocks

    w = words(lang)
    title = w["bundle_title"].format(client=client.name)
    account = Document(
        title,
        lang,
        (
            ("title", title),
            *account_blocks(statement, lang, dates, w["account"]),
            *sender_blocks(profile, statement, w),
        ),
    )
    pages = {"statement": refuse_secrets(account)}
    pages["timeline"] = refuse_secrets(timeline(client, statement, lang, dates, today))
    files: dict[str, bytes] = {}
    for name, page in pages.items():
        files[f"{name}.html"] = html.render(page).encode()
        if pdf is not None:
            files[f"{name}.pdf"] = pdf(page)
    files["statement.csv"] = render(statement, "csv").encode()
    recorded = raw.get("invoices")
    files["invoices.json"] = _json(recorded if isinstance(recorded, list) else []).encode()
    files.update(_letters(client, read_eml))
    incidents = [i for i in client.incidents if i.kind in PAYMENT_KINDS]
    files["incidents.csv"] = csv_text(
        ["date", "kind", "text", "amount", "invoice", "until"],
        [[i.date, i.kind, i.text, i.amount, i.invoice or i.ref, i.until] for i in incidents],
    ).encode()
    files["deliverables.csv"] = csv_text(
        ["what", "due", "delivered"],
        [[d.what, d.due, d.delivered] for d in client.deliverables],
    ).encode()
    claim = statement.claim
    files["law-and-rates.json"] = _json(
        _law(statement) if claim else {"no_claim": statement.no_claim}
    ).encode()
    manifest = {
        "client": client.name,
        "on": statement.on,
        "language": lang,
        "history_commit": commit,
        "files": [
            {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        ],
    }
    files["manifest.json"] = _json(manifest).encode()
    return files


def _letters(client: Client, read_eml: Callable[[str], bytes | None]) -> dict[str, bytes]:
    """letters.csv (each letter: its date, type, language and how it went out) and the ``.eml``
    drafts that still exist, as letters/NN-TYPE.eml."""
    rows, found = [], {}
    for n, letter in enumerate(client.letters, 1):
        where = letter.written_to or ""
        if where.lower().endswith(".eml"):
            data = read_eml(where)
            kept = f"letters/{n:02d}-{letter.type}.eml" if data is not None else ""
            if data is not None:
                found[kept] = data
            how = "email draft (.eml)"
        else:
            kept, how = "", "shown on screen" if where in ("stdout", "") else "text file"
        rows.append(
            [letter.day, letter.type, letter.lang, how, ", ".join(letter.invoices or ()), kept]
        )
    headers = ["date", "type", "language", "written_as", "invoices", "copy_in_bundle"]
    return {"letters.csv": csv_text(headers, rows).encode(), **found}


def _law(statement: Statement) -> dict[str, object]:
    """The law the claim was reckoned under and every rate each stretch used, with its source."""
    claim = statement.claim
    assert claim is not None
    return {
        "law": claim.law,
        "chosen_by": claim.governing.chosen_by,
        "reckoned_to": statement.on,
        "currency": claim.currency,
        "at_least": claim.at_least,
        "unverified": claim.unverified,
        "invoices": [
            {
                "number": inv.number,
                "interest": str(inv.interest),
                "fixed_sum": None if inv.compensation is None else str(inv.compensation),
                "stretches": [
                    {
                        "first": part.first,
                        "last": part.last,
                        "days": part.days,
                        "balance": str(part.balance),
                        "rate": None if part.rate is None else str(part.rate),
                        "period": str(part.period),
                        "source": part.entry.source if part.entry else None,
                        "unverified": bool(part.entry and part.entry.unverified),
                    }
                    for part in inv.stretches
                ],
            }
            for inv in claim.invoices
        ],
    }


def archive(files: Mapping[str, bytes]) -> Bundle:
    """The zip of ``files``: members in name order, one fixed time stamp and mode, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = _MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            zf.writestr(info, files[name], compresslevel=9)
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    return Bundle(out.getvalue(), hashes)


def read_file(path: str) -> bytes | None:
    """The bytes of a file a letter was written to, or None when it no longer exists."""
    try:
        return Path(path).expanduser().read_bytes()
    except OSError:
        return None
