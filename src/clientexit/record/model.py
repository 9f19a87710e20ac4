"""A client's record as typed, immutable values, parsed once from the file's (tomllib) data.

Every feature reads a ``Client`` and a ``Profile`` instead of the raw dict, and the facts derived
from a record are computed here, in one place: the status as of a day, the end date and the
planned one, the notice period, what is open and what is overdue, a hostile exit, whether a
handover is under way, the latest assessment. ``Client.data`` keeps the raw dict for templates
and custom fields.

Parsing is lenient: it reads what it can use and leaves the judging of a file to the schema
(record/schema.py), which runs when a file is loaded (clients.check_record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from clientexit.record.invoices import Invoice, Totals, overdue_of, totals_of
from clientexit.record.invoices import invoices as read_invoices
from clientexit.record.schema import TERMINATION_LETTERS, as_date

if TYPE_CHECKING:
    # Imported where used: only the hours commands read them (start-up time of every other).
    from clientexit.record import hours as tracked
    from clientexit.record.payment_metrics import Metrics

DEFAULT_CURRENCY = "EUR"
DEFAULT_NOTICE_DAYS = 30
# A handover stays under way this long after the end date: the final invoice and the follow-up
# fall 30 days after it, and what is still open then needs chasing for a while.
HANDOVER_DAYS_AFTER_END = 90
# An unpaid invoice this many days past its due date makes a non-paying exit on its own; one
# overdue for less takes a pattern as well (payment incidents logged, or invoices paid late):
# a reminder that crossed the payment, once, is not a client who does not pay.
# Incidents on file from which a testimonial or referral request reads as tone-deaf.
REFERRAL_INCIDENT_LIMIT = 3
NON_PAYING_OVERDUE_DAYS = 30


def _str(value: object) -> str | None:
    return str(value) if value is not None and value != "" else None


def _stripped(value: object) -> str | None:
    """A text value stripped; None when it is not text or is blank."""
    return (value.strip() or None) if isinstance(value, str) else None


def _gender(value: object) -> str | None:
    gender = _stripped(value)
    return gender.lower() if gender and gender.lower() in ("f", "m") else None


def _numbers(value: object) -> tuple[str, ...] | None:
    """A list of invoice numbers as stored (None when absent or not a list)."""
    if not isinstance(value, list):
        return None
    return tuple(str(v) for v in value)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _tables(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [row for row in value if isinstance(row, Mapping)]


def _ids(table: str, rows: list[object]) -> list[str]:
    from clientexit.record.ids import ids_of

    return ids_of(table, rows) if rows else []


def _with_ids(data: Mapping[str, object], table: str) -> list[tuple[Mapping[str, object], str]]:
    """The table entries of ``[[table]]`` with their stable ids (record/ids.py)."""
    entries = data.get(table)
    rows = entries if isinstance(entries, list) else []
    return [(e, i) for e, i in zip(rows, _ids(table, rows), strict=True) if isinstance(e, Mapping)]


@dataclass(frozen=True, slots=True)
class Incident:
    """One logged event. ``amount`` and ``ref`` (an invoice number or a link) are optional; a
    dispute or a promise to pay names its ``invoice`` and the day its pause ends (``until``).
    ``id`` is its stable id (record/ids.py), "" for one not recorded yet."""

    date: dt.date | None
    kind: str
    text: str
    amount: float | None = None
    ref: str | None = None
    invoice: str | None = None
    until: dt.date | None = None
    id: str = ""

    @classmethod
    def from_entry(cls, entry: Mapping[str, object], id: str = "") -> Incident:
        """An ``[[incidents]]`` entry; a missing kind is "other", a missing text empty."""
        return cls(
            date=as_date(entry.get("date")),
            kind=str(entry.get("kind", "other")),
            text=str(entry.get("text", "")),
            amount=_number(entry.get("amount")),
            ref=str(entry["ref"]) if entry.get("ref") is not None else None,
            invoice=str(entry["invoice"]) if entry.get("invoice") is not None else None,
            until=as_date(entry.get("until")),
            id=id,
        )

    def as_dict(self) -> dict[str, object]:
        """The entry as stored in the client file (its id first when it has one, absent
        optional keys left out)."""
        entry: dict[str, object] = {"id": self.id} if self.id else {}
        entry |= {"date": self.date, "kind": self.kind, "text": self.text}
        optional = (
            ("amount", self.amount),
            ("ref", self.ref),
            ("invoice", self.invoice),
            ("until", self.until),
        )
        entry.update({k: v for k, v in optional if v is not None})
        return entry


@dataclass(frozen=True, slots=True)
class Deliverable:
    """Work promised (``[[deliverables]]``): what, by when (``due`` may be missing), and the
    day it was handed over (``delivered``, None while it is open). ``number`` is its place in
    the file (1 = first) and ``id`` its stable id; 0 and "" for one not recorded yet."""

    what: str
    due: dt.date | None
    delivered: dt.date | None = None
    number: int = 0
    id: str = ""

    @classmethod
    def from_entry(cls, entry: Mapping[str, object], number: int = 0, id: str = "") -> Deliverable:
        """A ``[[deliverables]]`` entry."""
        return cls(
            what=str(entry.get("what") or ""),
            due=as_date(entry.get("due")),
            delivered=as_date(entry.get("delivered")),
            number=number,
            id=id,
        )

    @property
    def open(self) -> bool:
        """Not delivered yet: letters promise it, assess may time an exit after it."""
        return self.delivered is None

    def as_dict(self) -> dict[str, object]:
        """The entry as stored (its id first when it has one; absent dates left out)."""
        entry: dict[str, object] = {"id": self.id} if self.id else {}
        entry["what"] = self.what
        if self.due is not None:
            entry["due"] = self.due
        if self.delivered is not None:
            entry["delivered"] = self.delivered
        return entry


@dataclass(frozen=True, slots=True)
class Assessment:
    """One ``[[assessments]]`` entry; ``data`` is the entry as stored (templates read it)."""

    at: dt.datetime | dt.date | None
    verdict: str | None
    letter_type: str | None
    red_flag_score: float | None
    effective_rate: float | None
    target_rate: float | None
    categories: Mapping[str, float]
    monthly_revenue: float | None
    data: Mapping[str, object] = field(repr=False, compare=False)

    @classmethod
    def from_entry(cls, entry: Mapping[str, object]) -> Assessment:
        at = entry.get("at")
        categories = entry.get("categories")
        answers = entry.get("answers")
        economics = answers.get("economics") if isinstance(answers, Mapping) else None
        revenue = economics.get("monthly_revenue") if isinstance(economics, Mapping) else None
        return cls(
            at=at if isinstance(at, dt.date) else None,
            verdict=_str(entry.get("verdict")),
            letter_type=_str(entry.get("letter_type")),
            red_flag_score=_number(entry.get("red_flag_score")),
            effective_rate=_number(entry.get("effective_rate")),
            target_rate=_number(entry.get("target_rate")),
            categories={
                str(k): n
                for k, v in (categories.items() if isinstance(categories, Mapping) else ())
                if (n := _number(v)) is not None
            },
            monthly_revenue=_number(revenue),
            data=entry,
        )

    @property
    def problem_kinds(self) -> int:
        """How many red-flag categories score above zero."""
        return sum(1 for score in self.categories.values() if score)

    def sort_key(self) -> float:
        at = self.at
        if isinstance(at, dt.datetime):
            return (at if at.tzinfo else at.astimezone()).timestamp()
        if isinstance(at, dt.date):
            return dt.datetime.combine(at, dt.time()).astimezone().timestamp()
        return float("-inf")


@dataclass(frozen=True, slots=True)
class LetterSent:
    """A letter clientexit drafted (``[[letters]]``)."""

    type: str
    lang: str | None
    at: dt.datetime | dt.date | None
    written_to: str | None
    # The invoices a reminder stage asked for (None: not recorded, as before clientexit kept it).
    invoices: tuple[str, ...] | None = None
    id: str = ""

    @property
    def termination(self) -> bool:
        return self.type in TERMINATION_LETTERS

    @property
    def day(self) -> dt.date | None:
        return as_date(self.at)


@dataclass(frozen=True, slots=True)
class Ending:
    """Who ended the relationship, why, and its last day (``[lifecycle]``); a termination letter
    records no reason, so any part may be missing in a file."""

    ended_by: str | None
    reason: str | None
    reason_category: str | None
    end_date: dt.date | None

    @classmethod
    def from_table(cls, table: object) -> Ending | None:
        if not isinstance(table, Mapping):
            return None
        return cls(
            ended_by=_str(table.get("ended_by")),
            reason=_str(table.get("reason")),
            reason_category=_str(table.get("reason_category")),
            end_date=as_date(table.get("end_date")),
        )

    def as_dict(self) -> dict[str, object]:
        """The ``[lifecycle]`` keys as stored (missing ones left out)."""
        values = {
            "ended_by": self.ended_by,
            "reason": self.reason,
            "reason_category": self.reason_category,
            "end_date": self.end_date,
        }
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class ItemProgress:
    """One checklist item's recorded progress: the day it was done, a note."""

    done: dt.date | None
    note: str | None


@dataclass(frozen=True, slots=True)
class HandoverProgress:
    """``[handover.items.<id>]``: the progress recorded on the handover checklist."""

    items: Mapping[str, ItemProgress]

    @classmethod
    def from_table(cls, table: object) -> HandoverProgress:
        items = table.get("items") if isinstance(table, Mapping) else None
        if not isinstance(items, Mapping):
            return cls({})
        return cls(
            {
                str(key): ItemProgress(as_date(value.get("done")), _str(value.get("note")))
                for key, value in items.items()
                if isinstance(value, Mapping)
            }
        )

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True, slots=True)
class HostileExit:
    """Why an exit is abusive (safety first: nothing that invites contact) or non-paying
    (payment first: no testimonial or referral); None where the record shows neither."""

    abusive: str | None
    non_paying: str | None

    @property
    def hostile(self) -> bool:
        return bool(self.abusive or self.non_paying)

    @property
    def reason(self) -> str:
        found = [r for r in (self.abusive, self.non_paying) if r]
        return "; ".join(found) or "nothing on record points to an abusive or non-paying exit"


@dataclass(frozen=True, slots=True)
class Profile:
    """The freelancer's profile (config.toml), defaults filled in; ``data`` is the raw table."""

    name: str | None
    business: str | None
    email: str | None
    signature: str | None
    currency: str
    rate: float | None
    notice_days: int
    language: str | None
    country: str | None
    gender: str | None
    """"f" or "m" (lower-cased, as ``init`` writes it): the sender's first-person forms in Czech
    letters; None when unset or anything else."""
    payment_details: str | None
    """Where to pay (bank account, IBAN ...), stripped; None when unset or blank."""
    time_zone: str | None
    """The IANA zone name tracked hours kept in UTC are dated in; None for UTC."""
    data: Mapping[str, object] = field(repr=False, compare=False)

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Profile:
        currency = data.get("currency")
        notice = _int(data.get("notice_days"))
        return cls(
            name=_str(data.get("name")),
            business=_str(data.get("business")),
            email=_str(data.get("email")),
            signature=_str(data.get("signature")),
            currency=str(currency).strip().upper() if currency else DEFAULT_CURRENCY,
            rate=_number(data.get("rate")),
            notice_days=notice if notice is not None else DEFAULT_NOTICE_DAYS,
            language=_str(data.get("language")),
            country=_str(data.get("country")),
            gender=_gender(data.get("gender")),
            payment_details=_stripped(data.get("payment_details")),
            time_zone=_stripped(data.get("time_zone")),
            data=data,
        )

    def get(self, key: str, default: object = None) -> object:
        """A raw value of config.toml."""
        return self.data.get(key, default)

    def text(self, key: str) -> str | None:
        """A value of config.toml as text (None when absent or empty)."""
        return _str(self.data.get(key))

    def fields(self) -> dict[str, object]:
        """Every key of config.toml, defaults filled in: what ``init`` shows and asks again."""
        return dict(self.data)

    def reading_in(self, lang: str) -> Profile:
        """This profile with ``lang`` as the user's language: a command's --lang, for one run
        (nothing is written)."""
        return Profile.from_data({**self.data, "language": lang})


@dataclass(frozen=True)
class Client:
    """One client's record, read from ``data`` (a client file as tomllib reads it) and never
    changed (lifecycle.py and clients.edit write). Its parts are parsed when first asked for,
    once: a listing of thousands of clients pays only for what it reads."""

    slug: str
    path: Path | None
    data: Mapping[str, object] = field(repr=False, compare=False)

    @classmethod
    def from_data(cls, slug: str, data: Mapping[str, object], path: Path | None = None) -> Client:
        """The record of ``data``; its invoices are read at once, so one that cannot be is a
        DataFileError naming ``path`` here rather than later (record/invoices.py)."""
        client = cls(slug, path, data)
        client.invoices  # noqa: B018 - read now: a bad invoice is an error here
        return client

    # --- plain fields ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return str(self.data.get("name", self.slug))

    @property
    def status(self) -> str:
        """The status as stored; effective_status() reads it as of a day."""
        return str(self.data.get("status", "active"))

    @property
    def archived(self) -> bool:
        return bool(self.data.get("archived", False))

    @property
    def currency(self) -> str | None:
        """The client's own currency; billing_currency() falls back to the profile's."""
        currency = self.data.get("currency")
        return str(currency).strip().upper() if currency else None

    @property
    def notice_days(self) -> int | None:
        return _int(self.data.get("notice_days"))

    @property
    def payment_days(self) -> int | None:
        """The payment term agreed, in days after the invoice date, if recorded."""
        return _int(self.data.get("payment_days"))

    @property
    def invoicing_names(self) -> tuple[str, ...]:
        """The names an invoicing tool's export knows the client by (``[invoicing] match``)."""
        table = self.data.get("invoicing")
        match = table.get("match") if isinstance(table, Mapping) else None
        return tuple(str(m) for m in match) if isinstance(match, list) else ()

    @property
    def started(self) -> dt.date | None:
        return as_date(self.data.get("started"))

    @property
    def created(self) -> dt.date | None:
        return as_date(self.data.get("created"))

    @property
    def ended(self) -> dt.date | None:
        return as_date(self.data.get("ended"))

    @property
    def language(self) -> str | None:
        return _str(self.data.get("language"))

    @property
    def country(self) -> str | None:
        country = _str(self.data.get("country"))
        return country.upper() if country else None

    @property
    def region(self) -> str | None:
        region = _str(self.data.get("region"))
        return region.upper() if region else None

    @property
    def custom(self) -> Mapping[str, object]:
        """The ``[custom]`` table (empty when the file has none)."""
        table = self.data.get("custom")
        return table if isinstance(table, Mapping) else {}

    @property
    def customer(self) -> str | None:
        """business or consumer, lower-cased; None when not recorded (unknown, so nothing that
        needs a business is claimed)."""
        customer = _str(self.data.get("customer"))
        return customer.lower() if customer else None

    @property
    def engagement(self) -> str | None:
        """ongoing or project, as stored; None when not recorded (features read it as
        ongoing)."""
        return _str(self.data.get("engagement"))

    @property
    def project_engagement(self) -> bool:
        """A fixed project rather than ongoing work: no final invoice, email over a call."""
        return self.engagement == "project"

    @property
    def contact(self) -> str | None:
        """The person letters are written to."""
        return _str(self.data.get("contact"))

    @property
    def greeting(self) -> str | None:
        """The client's own greeting line, stripped; None when not set."""
        return _stripped(self.data.get("greeting"))

    @property
    def project(self) -> str | None:
        """What you do for them, with any notes kept for yourself (project_phrase drops them)."""
        return _str(self.data.get("project"))

    @property
    def letter_project(self) -> str | None:
        """How letters name the project when ``project`` is not fit to send; None when not set."""
        return _stripped(self.data.get("letter_project"))

    @property
    def law(self) -> str | None:
        """The country whose law the contract chose (``law``), upper-cased; None when not set."""
        law = _stripped(self.data.get("law"))
        return law.upper() if law else None

    @property
    def terms_agreed(self) -> bool | None:
        """Whether payment terms were agreed in writing; None when the file does not say."""
        terms = self.data.get("terms_agreed")
        return terms if isinstance(terms, bool) else None

    @property
    def target_rate(self) -> float | None:
        target = _number(self.data.get("target_rate"))
        return target if target and target > 0 else None

    # --- parts -------------------------------------------------------------------------------

    @cached_property
    def invoices(self) -> tuple[Invoice, ...]:
        """The invoices in the order issued."""
        return tuple(read_invoices(self.data, self.path))

    @cached_property
    def incidents(self) -> tuple[Incident, ...]:
        """The logged incidents, oldest first (undated ones last)."""
        found = (Incident.from_entry(e, i) for e, i in _with_ids(self.data, "incidents"))
        return tuple(sorted(found, key=lambda i: (i.date is None, i.date or dt.date.min)))

    @cached_property
    def deliverables(self) -> tuple[Deliverable, ...]:
        """The deliverables in file order (``number`` 1, 2 ...), delivered ones included."""
        entries = self.data.get("deliverables")
        rows = entries if isinstance(entries, list) else []
        return tuple(
            Deliverable.from_entry(e, n, i)
            for n, (e, i) in enumerate(zip(rows, _ids("deliverables", rows), strict=True), 1)
            if isinstance(e, Mapping)
        )

    def open_deliverables(self) -> tuple[Deliverable, ...]:
        """The deliverables not yet delivered, by due date (undated last, then file order):
        what letters promise, the checklist gathers and assess may time an exit after."""
        found = [d for d in self.deliverables if d.open]
        return tuple(sorted(found, key=lambda d: d.due or dt.date.max))

    @cached_property
    def assessments(self) -> tuple[Assessment, ...]:
        """The assessments, oldest first: by ``at`` (someone may have reordered them by hand),
        file order breaking ties."""
        entries = [Assessment.from_entry(e) for e in _tables(self.data.get("assessments"))]
        return tuple(a for _, a in sorted(enumerate(entries), key=_by_time))

    @cached_property
    def letters(self) -> tuple[LetterSent, ...]:
        return tuple(
            LetterSent(
                str(e.get("type", "")),
                _str(e.get("lang")),
                at if isinstance(at := e.get("at"), dt.date) else None,
                _str(e.get("written_to")),
                _numbers(e.get("invoices")),
                i,
            )
            for e, i in _with_ids(self.data, "letters")
        )

    @cached_property
    def hours_mapping(self) -> tracked.HoursMapping | None:
        """``[hours]`` match and unbilled_tags; None when the file has no [hours] table."""
        from clientexit.record import hours as tracked

        return tracked.mapping(self.data, self.path)

    @cached_property
    def tracked_months(self) -> tuple[tracked.TrackedMonth, ...]:
        """The hours kept by `clientexit hours import`, oldest month first."""
        from clientexit.record import hours as tracked

        return tracked.months(self.data, self.path)

    @cached_property
    def rate_changes(self) -> tuple[tracked.RateChange, ...]:
        from clientexit.record import hours as tracked

        return tracked.rate_changes(self.data, self.path)

    def rate_on(self, day: dt.date) -> float | None:
        """The hourly rate in force on ``day``: ``rate``, or a later ``[[rate_changes]]``."""
        from clientexit.record import hours as tracked

        rate = _number(self.data.get("rate"))
        return tracked.rate_on(rate, self.rate_changes, day)

    @cached_property
    def ending(self) -> Ending | None:
        """``[lifecycle]``: who ended it, why, and when; None when the file has none."""
        return Ending.from_table(self.data.get("lifecycle"))

    @cached_property
    def handover(self) -> HandoverProgress:
        return HandoverProgress.from_table(self.data.get("handover"))

    def get(self, key: str, default: object = None) -> object:
        """A raw value of the file (custom fields, values templates read)."""
        return self.data.get(key, default)

    def text(self, key: str) -> str | None:
        """A value of the file as text (None when absent or empty)."""
        return _str(self.data.get(key))

    def fields(self) -> dict[str, object]:
        """Every key of the file as stored, its tables and lists of entries included: what
        ``client show`` lists and prints as JSON."""
        return dict(self.data)

    # --- dates and status --------------------------------------------------------------------

    @property
    def end_date(self) -> dt.date | None:
        """The recorded last day: ``[lifecycle] end_date``, else ``ended``, else None."""
        recorded = self.ending.end_date if self.ending else None
        return recorded or self.ended

    @property
    def start_date(self) -> dt.date | None:
        """The first day of work: ``started``, else the day the record was created."""
        return self.started or self.created

    def notice(self, profile: Profile | None = None) -> int:
        """The client's notice period, else the profile's default, else 30 days."""
        if self.notice_days is not None:
            return self.notice_days
        return profile.notice_days if profile is not None else DEFAULT_NOTICE_DAYS

    def planned_end_date(self, profile: Profile | None, today: dt.date) -> dt.date:
        """The end to plan with: the recorded one, else today plus the notice period."""
        return self.end_date or today + dt.timedelta(days=self.notice(profile))

    def effective_status(self, today: dt.date) -> str:
        """The stored status, except that a client whose end date has come is former."""
        return status_on(self.status, self.end_date, today)

    def billing_currency(self, profile: Profile | None = None) -> str:
        """The currency the client is billed in: its own, else the profile's, else EUR."""
        return self.currency or (profile.currency if profile is not None else DEFAULT_CURRENCY)

    # --- history -----------------------------------------------------------------------------

    @property
    def latest_assessment(self) -> Assessment | None:
        """The most recent assessment (by ``at``; file order breaks ties), if any."""
        return self.assessments[-1] if self.assessments else None

    @property
    def ladder_incidents(self) -> tuple[Incident, ...]:
        """The log as the reminder ladder reads it (every incident; a Summary keeps only those
        the ladder looks at), so that collect/ladder.py reads both shapes alike."""
        return self.incidents

    def incidents_of(self, kind: str) -> tuple[Incident, ...]:
        return tuple(i for i in self.incidents if i.kind == kind)

    def letter_drafted(self, letter_type: str) -> LetterSent | None:
        """The last letter of ``letter_type`` drafted, if any."""
        return next((row for row in reversed(self.letters) if row.type == letter_type), None)

    def notice_day(self, today: dt.date) -> dt.date:
        """The day notice was given: the first termination letter's drafting day, else ``today``
        (no letter yet: the preparation is due now, before one is written)."""
        days = [d for row in self.letters if row.termination and (d := row.day) is not None]
        return min(days, default=today)

    # --- money -------------------------------------------------------------------------------

    @property
    def unpaid(self) -> tuple[Invoice, ...]:
        """The invoices neither paid nor voided, in the order issued."""
        return tuple(inv for inv in self.invoices if inv.is_open)

    def overdue(self, today: dt.date) -> tuple[Invoice, ...]:
        """The unpaid invoices past their due date as of ``today``."""
        return overdue_of(self.unpaid, today)

    def totals(self, today: dt.date) -> Totals:
        """What is owed (open) and the part of it overdue, in the client's currency."""
        return totals_of(self.unpaid, today)

    def payment_metrics(self, today: dt.date) -> Metrics:
        """How this client pays: days to pay, days late, DSO, share paid late
        (record/payment_metrics.py)."""
        from clientexit.record import payment_metrics

        return payment_metrics.metrics(payment_metrics.facts_of(self.invoices), today)

    def owed(self, today: dt.date, profile: Profile | None = None) -> dict[str, dict[str, float]]:
        """``{"open": {currency: amount}, "overdue": {currency: amount}}``: the same shape for
        one client as for a report that adds up many (empty where nothing is owed)."""
        money = self.totals(today)
        currency = self.billing_currency(profile)
        return {
            "open": {currency: money.outstanding} if money.unpaid_count else {},
            "overdue": {currency: money.overdue} if money.overdue_count else {},
        }

    # --- the exit ----------------------------------------------------------------------------

    def handover_under_way(self, today: dt.date) -> bool:
        """Whether the handover checklist concerns this client as of ``today``.

        Yes while it is ending; for ``HANDOVER_DAYS_AFTER_END`` days after the end date of a
        former client (no recorded end date: no); and for a current client whose handover
        progress is recorded (you started one early). Never for an archived client.
        """
        return handover_concerns(
            archived=self.archived,
            status=self.effective_status(today),
            end=self.end_date,
            started=bool(self.handover),
            today=today,
        )

    def hostile_exit(self, today: dt.date) -> HostileExit:
        """The one rule for an abusive or non-paying exit: the letters refuse friendly contact
        after abuse, and the handover checklist drops its friendly wrap-up for either."""
        return HostileExit(self._abusive(), self._non_paying(today))

    def referral_unsuitable(self, today: dt.date) -> str | None:
        """Why asking this client for a testimonial or a referral does not fit, or None: a
        hostile exit (abusive or non-paying), or several incidents on file. The letters warn
        by it and the handover checklist leaves its testimonial and referral steps out by it."""
        exit_ = self.hostile_exit(today)
        if exit_.abusive:
            return f"{exit_.abusive}, an abusive exit"
        if exit_.non_paying:
            return f"{exit_.non_paying}, a non-paying exit"
        count = len(self.incidents)
        if count >= REFERRAL_INCIDENT_LIMIT:
            kinds = ", ".join(sorted({i.kind for i in self.incidents if i.kind}))
            return f"{count} incidents are on file ({kinds})"
        return None

    def _drafted(self, letter_type: str) -> str | None:
        letter = self.letter_drafted(letter_type)
        if letter is None:
            return None
        return f" on {letter.at:%Y-%m-%d}" if isinstance(letter.at, dt.date) else ""

    def _abusive(self) -> str | None:
        latest = self.latest_assessment
        count = len(self.incidents_of("conduct"))
        if count:
            return f"{count} conduct incident{'s are' if count > 1 else ' is'} logged"
        if self.ending and self.ending.reason_category == "conduct":
            return "the relationship ended over conduct"
        if (when := self._drafted("abusive")) is not None:
            return f"the abusive letter was drafted{when}"
        if latest is None:
            return None
        if latest.letter_type == "abusive":
            return "the latest assessment chose the abusive letter"
        if latest.verdict == "exit_now" and latest.categories.get("conduct", 0) > 0:
            return "the latest assessment says exit now, with conduct flags"
        return None

    def _non_paying(self, today: dt.date) -> str | None:
        latest = self.latest_assessment
        if self.ending and self.ending.reason_category == "payment":
            return "the relationship ended over payment"
        if (when := self._drafted("payment")) is not None:
            return f"the payment letter was drafted{when}"
        if latest is not None and latest.letter_type == "payment":
            return "the latest assessment chose the payment letter"
        overdue = self.overdue(today)
        if not overdue:
            return None
        worst = max(overdue, key=lambda inv: inv.days_overdue(today))
        days = worst.days_overdue(today)
        owed = f"invoice {worst.number} is unpaid {days} days after its due date"
        if days >= NON_PAYING_OVERDUE_DAYS:
            return owed
        incidents = len(self.incidents_of("payment"))
        if incidents:
            return (
                f"{owed}, and {incidents} payment incident{'s are' if incidents > 1 else ' is'} "
                "logged"
            )
        late = sum(inv.days_late() > 0 for inv in self.invoices)
        if late:
            return f"{owed}, and {late} earlier invoice{'s were' if late > 1 else ' was'} paid late"
        return None


# The rules below read only a few facts of a record, so that a client's cached summary
# (record/summary.py) answers as the whole record does.


def status_on(stored: str, end: dt.date | None, today: dt.date) -> str:
    """The status as of ``today``: the stored one, except that a client whose end date has
    come is former (Client.effective_status)."""
    if stored in ("active", "at-risk", "ending") and end is not None and end <= today:
        return "former"
    return stored


def handover_concerns(
    *, archived: bool, status: str, end: dt.date | None, started: bool, today: dt.date
) -> bool:
    """Client.handover_under_way from the facts it reads: archived, the status as of
    ``today``, the end date, and whether any handover progress is recorded."""
    if archived:
        return False
    if status == "ending":
        return True
    if status == "former":
        return end is not None and (today - end).days <= HANDOVER_DAYS_AFTER_END
    return started


def _by_time(pair: tuple[int, Assessment]) -> tuple[float, int]:
    return pair[1].sort_key(), pair[0]
