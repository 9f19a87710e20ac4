"""The handover checklist adapted to one client: items, due dates, progress.

Other features call :func:`build`; it reads nothing but the checklist data file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from clientexit.handover.situation import Situation, assess_situation
from clientexit.handover.template import ItemSpec, Template, load
from clientexit.record.model import Client, ItemProgress, Profile
from clientexit.workdays import Calendar

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Steps that prepare the notice itself (the contract's terms, the access inventory, a review of
# your messages): counting back from the end date alone would put them after the letter, so
# they are due by the day notice was given at the latest (see notice_day). Ids are the same in
# every language.
BEFORE_NOTICE = frozenset({"contract-terms", "contract-review-messages", "access-inventory"})
# The item whose note is the summary of what was achieved (the handover document shows it).
RESULTS_ITEM = "results-summary"
# The key date of the final invoice: only where a final invoice follows (not a fixed-price
# project, whose letters announce none).
FINAL_INVOICE_KEY = "final-invoice-due"
# The item whose detail names the client's open deliverables (Client.open_deliverables), each
# with its due date: the id stays as shipped, so progress recorded on it is kept.
DELIVERABLES_ITEM = "deliverables-deliver"


@dataclass(frozen=True)
class Item:
    """One checklist item for one client."""

    id: str
    section: str
    section_title: str
    text: str
    due: dt.date | None
    done: dt.date | None
    note: str | None
    hint: str | None
    key_date: str | None = None  # the item shares this key date's day (and calendar event)
    private: bool = False  # the freelancer's own business: not in the client's copy
    to_client: str | None = None  # the text of the client's copy (first person), if different
    # The client's text states its own dates (what is owed and the day to pay it by): the
    # client's copy shows no due date beside it, which would read as a second deadline.
    dated_text: bool = False
    detail: tuple[str, ...] = ()  # lines under the text, in both copies (the open deliverables)
    # A step due by the day notice was given (BEFORE_NOTICE): its day counted from the end,
    # before that cap (listings keep it: while no notice is given, the cap moves every day).
    from_end: dt.date | None = None

    @property
    def is_done(self) -> bool:
        return self.done is not None

    def overdue(self, today: dt.date) -> bool:
        """Open and past its due date."""
        return not self.is_done and self.due is not None and self.due < today


@dataclass(frozen=True)
class KeyDate:
    """A date worth a calendar entry: the last working day, the final invoice, the follow-up."""

    id: str
    date: dt.date
    title: str
    text: str


@dataclass(frozen=True)
class Checklist:
    """A client's checklist: ``lang`` is the language used, ``requested_lang`` the one asked."""

    client: str
    lang: str
    requested_lang: str
    today: dt.date
    end_date: dt.date
    situation: Situation
    sections: tuple[tuple[str, str], ...]
    items: tuple[Item, ...]
    key_dates: tuple[KeyDate, ...]
    labels: Mapping[str, str]
    # The locale dates are written in (i18n.date_style): day first unless the profile is US.
    dates: str = ""

    @property
    def fell_back(self) -> bool:
        """True when there was no checklist in the requested language."""
        return self.lang != self.requested_lang

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    @property
    def done_count(self) -> int:
        return sum(item.is_done for item in self.items)

    @property
    def open_count(self) -> int:
        return len(self.items) - self.done_count

    @property
    def next_due(self) -> dt.date | None:
        """The earliest due date among open items (overdue ones included), or None."""
        dates = [item.due for item in self.items if not item.is_done and item.due]
        return min(dates, default=None)

    @property
    def overdue(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.overdue(self.today))

    @property
    def decided(self) -> bool:
        """Whether an end is decided; if not, the checklist is a plan with no last day."""
        return self.situation.decided

    @property
    def achieved(self) -> str | None:
        """What was achieved and the results for the client, as recorded on the results item."""
        item = self.item(RESULTS_ITEM)
        return item.note if item else None

    def client_copy(self) -> Checklist:
        """What may be shared with the client: no private items, and each item as the client
        reads it (written to them, in the first person)."""
        shared = tuple(
            replace(
                item,
                text=item.to_client or item.text,
                due=None if item.dated_text and item.to_client else item.due,
            )
            for item in self.items
            if not item.private
        )
        return replace(self, items=shared)

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    def in_section(self, section_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.section == section_id)

    def label(self, key: str, **values: str) -> str:
        """A label of the checklist's language with its {placeholders} filled."""
        return fill(self.labels.get(key, key), values)


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` by ``values[name]``; unknown names stay as written (no str.format)."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), text)


def _same_day(day: dt.date) -> dt.date:
    return day


def _owed(
    template: Template,
    client: Client,
    situation: Situation,
    dates: tuple[dt.date, dt.date],
    calendar: tuple[Calendar, str],
) -> str:
    """What the client's copy says about money: the overdue invoices with the pay-by date the
    letters ask for (from the day notice was given), then each invoice not yet due with its due
    date, apart; never "due now" for what is not."""
    from clientexit import i18n
    from clientexit.record.payterms import pay_by

    today, notice = dates
    days, style = calendar
    lang = template.lang
    owed = {str(n) for n in situation.outstanding_invoices}
    unpaid = [inv for inv in client.unpaid if str(inv.number) in owed]
    overdue = [inv for inv in unpaid if inv.days_overdue(today)]
    later = [inv for inv in unpaid if inv not in overdue]
    parts = []
    if overdue:
        numbers = tuple(str(inv.number) for inv in overdue)
        parts.append(
            fill(
                template.labels.get("client_overdue", "{amount} ({invoices}): {date}"),
                {
                    "amount": i18n.format_money(
                        round(sum(inv.balance for inv in overdue), 2), situation.currency, lang
                    ),
                    "invoices": fill(
                        template.labels.get(
                            "invoices_one" if len(numbers) == 1 else "invoices_many", "{numbers}"
                        ),
                        {"numbers": _joined(numbers, lang)},
                    ),
                    "date": i18n.format_date(
                        pay_by(client.invoices, notice, days.next_working_day), style
                    ),
                },
            )
        )
    for inv in later:
        parts.append(
            fill(
                template.labels.get("client_later", "{number} ({amount}): {date}"),
                {
                    "number": str(inv.number),
                    "amount": i18n.format_money(inv.balance, situation.currency, lang),
                    "date": i18n.format_date(inv.due, style) if inv.due else "",
                },
            )
        )
    return " ".join(parts)


def _joined(words: tuple[str, ...], lang: str) -> str:
    """ "2026-045 and 2026-052" as the language writes a list."""
    from clientexit.i18n import format_list

    return format_list(list(words), lang) if words else ""


def _open_work(
    client: Client, today: dt.date, labels: Mapping[str, str], style: str
) -> tuple[str, ...]:
    """One line per open deliverable with its due date (overdue ones said so), soonest first;
    a line saying everything is delivered when all are; nothing when none is recorded."""
    from clientexit import i18n

    if not client.deliverables:
        return ()
    lines = []
    for item in client.open_deliverables():
        if item.due is None:
            key = "deliverable_undated"
        else:
            key = "deliverable_overdue" if item.due < today else "deliverable_due"
        date = i18n.format_date(item.due, style) if item.due else ""
        lines.append(fill(labels.get(key, "{what} {date}"), {"what": item.what, "date": date}))
    return tuple(lines) or (labels.get("deliverables_all_done", ""),)


def _applies(spec: ItemSpec, conditions: Mapping[str, bool]) -> bool:
    return all(conditions[c] for c in spec.when) and not any(conditions[c] for c in spec.unless)


def build(
    client: Client,
    profile: Profile,
    today: dt.date,
    lang: str | None = None,
    *,
    user_templates: Path | None = None,
    calendar: Calendar | None = None,
) -> Checklist:
    """The checklist for one client as of ``today``.

    ``lang`` None chooses like every feature does (the client's language, else the profile's);
    without a checklist in that language the English one is used (``Checklist.fell_back``).
    Due dates count from ``Client.planned_end_date``; the steps that prepare the notice
    (BEFORE_NOTICE) are due by ``Client.notice_day`` (the first termination letter) at the latest.
    With a ``calendar``, every
    date computed (the end, when not recorded; items; key dates) moves off weekends and public
    holidays to the next working day, as the letters' dates do.
    """
    from clientexit import i18n

    requested = i18n.choose_language(lang, client, profile)
    template = load(requested, user_templates)
    days = calendar or Calendar()  # the letters' pay-by rule always skips weekends
    moved = calendar.next_working_day if calendar else _same_day
    end = client.planned_end_date(profile, today)
    if client.end_date is None:
        end = moved(end)
    situation = assess_situation(client, profile, today)
    dates = i18n.date_style(template.lang, profile)
    name = client.name
    values = {
        "client": name,
        "end_date": i18n.format_date(end, dates),
        "outstanding": i18n.format_money(
            situation.outstanding_amount, situation.currency, template.lang
        ),
        "invoices": fill(
            template.labels.get(
                "invoices_one" if len(situation.outstanding_invoices) == 1 else "invoices_many",
                "{numbers}",
            ),
            {"numbers": _joined(situation.outstanding_invoices, template.lang)},
        ),
        "owed": _owed(
            template, client, situation, (today, client.notice_day(today)), (days, dates)
        ),
    }
    clause = client.custom.get("ownership_clause")
    if isinstance(clause, str) and clause.strip():
        values["ownership_clause"] = clause.strip()
    conditions = situation.conditions()
    specs = tuple(spec for spec in template.items if _applies(spec, conditions))
    # A key date that only serves items left out goes too: no check-in after a hostile exit.
    served = {spec.key_date for spec in template.items if spec.key_date}
    kept = {spec.key_date for spec in specs if spec.key_date}
    # No end decided: a plan, with no last day, no final invoice date and no check-in to date.
    key_dates = tuple(
        KeyDate(
            k.id,
            moved(end + dt.timedelta(days=k.offset)),
            fill(k.title, values),
            fill(k.text, values),
        )
        for k in template.key_dates
        if situation.decided
        and (k.id not in served or k.id in kept)
        and (k.id != FINAL_INVOICE_KEY or situation.final_invoice)
    )
    items = _items(
        template,
        specs,
        (end, client.notice_day(today)),
        key_dates,
        values,
        client.handover.items,
        situation.decided,
        calendar,
    )
    work = _open_work(client, today, template.labels, dates)
    items = tuple(replace(i, detail=work) if i.id == DELIVERABLES_ITEM else i for i in items)
    return Checklist(
        dates=dates,
        client=name,
        lang=template.lang,
        requested_lang=requested,
        today=today,
        end_date=end,
        situation=situation,
        sections=template.sections,
        items=items,
        key_dates=key_dates,
        labels=template.labels,
    )


def _items(
    template: Template,
    specs: tuple[ItemSpec, ...],
    dates: tuple[dt.date, dt.date],
    key_dates: tuple[KeyDate, ...],
    values: Mapping[str, str],
    progress: Mapping[str, ItemProgress],
    decided: bool = True,
    calendar: Calendar | None = None,
) -> tuple[Item, ...]:
    end, notice = dates
    titles = dict(template.sections)
    by_key = {k.id: k.date for k in key_dates}
    items = []
    for spec in specs:
        from_end = None
        if spec.key_date:
            due: dt.date | None = by_key.get(spec.key_date)
        elif not decided and spec.id not in BEFORE_NOTICE:
            due = None  # a plan: nothing is dated until an end is decided
        else:
            due = None if spec.due is None else end + dt.timedelta(days=spec.due)
            if due is not None and calendar is not None:
                due = calendar.next_working_day(due)
            if due is not None and spec.id in BEFORE_NOTICE:
                from_end, due = due, min(due, notice)
        state = progress.get(spec.id)
        to_client = fill(spec.to_client, values) if spec.to_client else None
        # A client's copy that needs a value the user has not recorded (a contract clause)
        # would state what the tool cannot know: the item stays the freelancer's own.
        unknown = to_client is not None and _PLACEHOLDER.search(to_client) is not None
        items.append(
            Item(
                id=spec.id,
                section=spec.section,
                section_title=titles[spec.section],
                text=fill(spec.text, values),
                due=due,
                done=state.done if state else None,
                note=state.note if state else None,
                hint=spec.hint,
                key_date=spec.key_date,
                private=spec.private or unknown,
                to_client=None if unknown else to_client,
                dated_text=spec.to_client is not None and "{owed}" in spec.to_client,
                from_end=from_end,
            )
        )
    return tuple(items)
