"""The client's handover packet: the handover document (the client's copy of the checklist, in
the first person), the deliverables and their state, what was achieved, where things live, the
statement of account when anything is owed, and who it is from.

Each part is there only where the record has something for it. Everything is in the client's
language with its date and money formats, and nothing names the tool or its commands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from clientexit.handover.checklist import RESULTS_ITEM, Checklist
from clientexit.packets.document import Block, Document, refuse_secrets, words

if TYPE_CHECKING:
    from clientexit.collect.statement import Statement
    from clientexit.record.model import Client, Profile

# The checklist section whose notes say where things live (repositories, hosting, accounts).
PLACES_SECTION = "access"
# Paper for the PDF: US Letter where the sender works in these countries, else A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA"})


def paper_for(profile: Profile) -> str:
    """The page size of the sender's country: ``us-letter`` or ``a4``."""
    return "us-letter" if (profile.country or "").upper() in LETTER_COUNTRIES else "a4"


def build(
    client: Client,
    profile: Profile,
    checklist: Checklist,
    statement: Statement | None,
    *,
    lang: str,
    dates: str,
) -> Document:
    """The packet for ``client`` as a document in ``lang`` (dates written in the ``dates``
    locale). ``statement`` is shown only while something is owed on it."""
    from clientexit.i18n import format_date

    w = words(lang)

    def day(value: dt.date) -> str:
        return format_date(value, dates)

    copy = checklist.client_copy()
    blocks: list[Block] = [("title", w["packet_title"].format(client=client.name))]
    blocks += _handover(copy, day)
    blocks += _deliverables(client, checklist.today, w, day)
    if checklist.achieved:
        blocks += [("heading", w["achieved"]), ("lines", [checklist.achieved])]
    places = [i.note for i in copy.in_section(PLACES_SECTION) if i.note]
    if places:
        blocks += [("heading", w["places"]), ("lines", places)]
    if statement is not None and statement.outstanding > Decimal(0):
        blocks += account_blocks(statement, lang, dates, w["account"])
    blocks += sender_blocks(profile, statement, w)
    document = Document(str(blocks[0][1]), lang, tuple(blocks), paper_for(profile))
    return refuse_secrets(document)


def _handover(copy: Checklist, day: Callable[[dt.date], str]) -> list[Block]:
    """The client's copy of the checklist: whose copy, the end, progress, one list a section.
    The results item and the notes on where things live have parts of their own."""
    from clientexit.handover.markdown import end_line

    total, done = str(len(copy.items)), str(copy.done_count)
    blocks: list[Block] = [
        ("heading", copy.label("title", client=copy.client)),
        ("lines", [copy.label("client_copy", client=copy.client), end_line(copy)]),
        ("lines", [copy.label("progress", done=done, total=total)]),
    ]
    for section_id, title in copy.sections:
        items = [i for i in copy.in_section(section_id) if i.id != RESULTS_ITEM]
        if not items:
            continue
        checks = []
        for item in items:
            when = (
                copy.label("done", date=day(item.done))
                if item.done
                else copy.label("due", date=day(item.due))
                if item.due
                else ""
            )
            note = None if section_id == PLACES_SECTION else item.note
            checks.append((item.is_done, item.text, when, note))
        blocks += [("heading", title), ("checks", checks)]
    return blocks


def _deliverables(
    client: Client, today: dt.date, w: Mapping[str, str], day: Callable[[dt.date], str]
) -> list[Block]:
    rows = []
    for item in client.deliverables:
        delivered = item.delivered
        if delivered is not None:
            state = w["state_delivered"].format(date=day(delivered))
        elif item.due is not None and item.due < today:
            state = w["state_overdue"].format(date=day(item.due))
        elif item.due is not None:
            state = w["state_due"].format(date=day(item.due))
        else:
            state = w["state_open"]
        rows.append([item.what, day(item.due) if item.due else "", state])
    if not rows:
        return []
    headers = [w["col_what"], w["col_due"], w["col_state"]]
    return [("heading", w["deliverables"]), ("table", (headers, rows, set()))]


def account_blocks(statement: Statement, lang: str, dates: str, heading: str) -> list[Block]:
    """The statement of account as blocks under ``heading`` (its own title left out)."""
    from clientexit.collect.statement import as_blocks

    return [
        ("heading", heading),
        *(b for b in as_blocks(statement, lang, dates) if b[0] != "title"),
    ]


def sender_blocks(
    profile: Profile, statement: Statement | None, w: Mapping[str, str]
) -> list[Block]:
    """Who it is from: the profile's name, business and email, and the payment details."""
    details = statement.sender.payment_details if statement is not None else None
    if details is None:
        details = profile.payment_details
    pairs = [
        (w[key], value)
        for key, value in (
            ("sender_name", profile.name),
            ("sender_business", profile.business),
            ("sender_email", profile.email),
            ("sender_payment", details),
        )
        if value
    ]
    return [("heading", w["sender"]), ("pairs", pairs)] if pairs else []
