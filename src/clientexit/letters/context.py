"""The values a letter template sees. Translators and template authors: use exactly these names.

    me                  your profile: me.name, me.business*, me.email*, me.signature
                        (signature falls back to your name and business)
    client              client.name, client.slug, client.currency, client.contact*, client.email*,
                        client.project*, client.started* (and any other known client field)
    custom              the client's [custom] fields and --set KEY=VALUE values: custom.po_number*;
                        custom.late_fee* adds the payment letter's late-payment sentence (the
                        statutory interest and fixed sum that apply, without a final full stop)
    letter_type         the type being drafted: "payment", "thank-you", ...
    lang                the language of the template in use: "en", "tr", "cs"
    today               the drafting date (a date)
    end_date            the effective end date: --end-date, else the recorded end date, else
                        today + the notice period (Client.planned_end_date)
    deliverables        list of the open [[deliverables]] due by end_date (or undated): what,
                        due*
    beyond_end          the open [[deliverables]] due after end_date: not part of the handover
                        (an --end-date before open work leaves them out of what is promised)
    invoices            list of every invoice, in the order issued: number, amount, issued*,
                        due*, paid (none while unpaid), balance (what is still owed: the amount
                        less credit notes and part payments), days_late (0 unless paid after its
                        due date)
    unpaid_invoices     the open invoices (neither paid nor voided), each with days_overdue (0 if
                        not yet due)
    overdue_invoices    the unpaid invoices whose due date has passed
    late_paid_invoices  the invoices paid after their due date
    outstanding_total*  the sum of the unpaid invoices (missing when nothing is unpaid)
    outstanding_since*  the earliest due date among the unpaid invoices
    amount_due*         what the client is asked to pay: outstanding_total less the invoice
                        waived with --goodwill waive (0 when that was the only one)
    amount_due_since*   the earliest due date among the invoices still asked for
    since_end*          the time since end_date (missing while it is ahead): since_end.days,
                        and for wording since_end.unit ("day", "week", "month" or "year") with
                        since_end.count (13 days, about 3 weeks, about 2 months, about 1 year)
    incidents           list of [[incidents]]: date, kind, text, amount (none if absent), ref
    incidents_by_kind   the incidents by kind; every kind is present (payment, scope,
                        communication, conduct, values, other), possibly as an empty list
    assessment          the latest [[assessments]] entry: assessment.verdict*,
                        assessment.letter_type*, assessment.red_flag_score*, ...
    goodwill            "" (none), "refund" (the last invoice, paid: named by number, never as
                        "the last month's fee", since a final invoice follows it) or "waive"
    goodwill_invoice    the invoice the goodwill concerns, or none: refund = the last paid one,
                        waive = the last unpaid one
    paused_on*          the day a work-paused letter was drafted (a pause is on record)
    ended_over_payment  true when the relationship ended, or is ending, over payment (a
                        non-paying exit): letters after the work do not invite more work
    feminine            true when the profile's gender is "f" (Czech past tense: rozhodla)
    addressee           "m" or "f" when a Czech letter can tell the contact's sex from the
                        name (salutation.czech_sex), else "" (a department, or unknown)
    addressee_ending    the Czech past-tense ending addressed to the contact: "" (projevil
                        jste), "a" (projevila jste) or "i" (projevili jste: a team, or unknown)
    apology             true when --apology asks for a short apology that it was not the right fit
    alternatives        list of other providers' names (--alternative, repeatable)

Filters (language-aware, see render.py): ``date``, ``money`` (in the client's currency),
``number(decimals=2)``, ``join_and``, ``join_dates`` (days as "2 and 15 June 2026"),
``salutation`` (the greeting line: ``{{ client.contact | salutation }}``
gives "Dear Tom Becker," / "Sayın Çağrı Demir," / "Vážená paní Nováková,"; see salutation.py).

* may be missing. Using such a value makes it required: when it is missing, clientexit lists every
missing value with how to give it, or renders "[Client contact]"-style blanks with --placeholders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit.record.model import Profile

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import NotRequired, TypedDict

from clientexit.fields import CLIENT_FIELDS, check_custom_key, parse_field
from clientexit.letters.money import money
from clientexit.record.invoices import Invoice
from clientexit.record.model import Client
from clientexit.record.schema import INCIDENT_KINDS
from clientexit.workdays import Calendar


class LetterContext(TypedDict):
    """What ``build_context`` gives a template (the module docstring says what each is)."""

    me: Namespace
    client: Namespace
    custom: Namespace
    letter_type: str
    lang: str
    today: dt.date
    end_date: dt.date
    deliverables: list[Namespace]
    beyond_end: list[Namespace]
    deliverables_recorded: bool
    invoices: list[Namespace]
    unpaid_invoices: list[Namespace]
    overdue_invoices: list[Namespace]
    late_paid_invoices: list[Namespace]
    incidents: list[Namespace]
    unlisted_payment_incidents: list[Namespace]
    overdue: list[Namespace]
    overdue_total: float
    due_later: list[Namespace]
    due_later_total: float
    final_invoice: bool
    final_due: dt.date | None
    final_waived: bool
    pay_by: dt.date
    owing: bool
    incidents_by_kind: dict[str, list[Namespace]]
    assessment: Namespace
    goodwill: str
    goodwill_invoice: Namespace | None
    apology: bool
    ended_over_payment: bool
    feminine: bool
    addressee: str
    addressee_ending: str
    alternatives: list[str]
    outstanding_total: NotRequired[float]
    outstanding_since: NotRequired[dt.date]
    amount_due: NotRequired[float]
    amount_due_since: NotRequired[dt.date]
    greeting: NotRequired[str]
    project: NotRequired[str]
    paused_on: NotRequired[dt.date]
    since_end: NotRequired[Namespace]


class Namespace:
    """A read-only group of values that knows its own name, so a missing value can be reported
    as ``client.contact`` rather than just ``contact``. Only item access: no dict methods can
    shadow a field called ``items`` or ``values``."""

    __slots__ = ("_data", "_path")

    def __init__(self, path: str, data: Mapping[str, object]) -> None:
        self._path = path
        self._data = {k: v for k, v in data.items() if v is not None}

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Namespace({self._path!r}, {self._data!r})"

    @property
    def path(self) -> str:
        """The variable name this group has in templates."""
        return self._path


def lookup(namespace: Namespace, key: str) -> object:
    """A value of ``namespace``, or None (for code; templates use ``is defined``)."""
    return namespace._data.get(key)


def _items(path: str, rows: Iterable[Mapping[str, object]]) -> list[Namespace]:
    return [Namespace(path, row) for row in rows]


def _invoice(inv: Invoice, today: dt.date) -> dict[str, object]:
    return {
        **inv.as_dict(),
        "paid": inv.paid,
        "balance": inv.balance,
        "days_late": inv.days_late(),
        "days_overdue": inv.days_overdue(today),
    }


def _profile_values(profile: Profile) -> dict[str, object]:
    signature = profile.signature
    if not signature and profile.name:
        signature = "\n".join(v for v in (profile.name, profile.business) if v)
    return {
        "name": profile.name,
        "business": profile.business,
        "email": profile.email,
        "signature": signature,
    }


def _overrides(raw: Mapping[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """Split --set values into known client fields (validated) and custom values."""
    known: dict[str, object] = {}
    custom: dict[str, str] = {}
    for key, value in raw.items():
        if key in CLIENT_FIELDS:
            known[key] = parse_field(CLIENT_FIELDS, key, value)
        else:
            custom[check_custom_key(key)] = value
    return known, custom


def latest_assessment(record: Client) -> Mapping[str, object]:
    """The most recent [[assessments]] entry as stored, or an empty mapping."""
    latest = record.latest_assessment
    return latest.data if latest else {}


def build_context(
    profile: Profile,
    record: Client,
    *,
    letter_type: str,
    lang: str,
    today: dt.date,
    end_date: dt.date | None = None,
    overrides: Mapping[str, str] | None = None,
    goodwill: str | None = None,
    apology: bool = False,
    alternatives: Iterable[str] = (),
    pay_by: dt.date | None = None,
    termination: bool = True,
    calendar: Calendar | None = None,
) -> LetterContext:
    """Every value a letter template may use (see the module docstring for the names)."""
    known, custom_set = _overrides(overrides or {})
    data = {**record.data, **known}
    client = {k: v for k, v in data.items() if k in CLIENT_FIELDS}
    client.update(name=record.name, slug=record.slug)
    client_model = Client(record.slug, record.path, data)  # the record with --set applied
    client["currency"] = client_model.billing_currency(profile)
    custom = {**record.custom, **custom_set}

    recorded = client_model.invoices
    invoices = [_invoice(inv, today) for inv in recorded]
    open_ones = [inv for inv in recorded if inv.is_open]
    unpaid = [_invoice(inv, today) for inv in open_ones]
    paid = [inv for inv in invoices if inv["paid"] is not None]
    rows = data.get("incidents")
    incidents = [
        {"amount": None, "ref": None, **row} for row in (rows if isinstance(rows, list) else [])
    ]
    by_kind: dict[str, list[Namespace]] = {kind: [] for kind in INCIDENT_KINDS}
    for row in incidents:
        by_kind.setdefault(str(row.get("kind", "other")), []).append(Namespace("incidents", row))
    days = calendar or Calendar()
    open_work = [item.as_dict() for item in client_model.open_deliverables()]
    end = end_date or default_end_date(client_model, profile, today, days)
    facts = money(
        client_model,
        recorded,
        today=today,
        end_date=end,
        goodwill=goodwill,
        pay_by=pay_by,
        termination=termination,
        working_day=days.next_working_day,
    )
    gesture = facts.waived or facts.refunded
    goodwill_invoice = Namespace("goodwill_invoice", _invoice(gesture, today)) if gesture else None
    late_paid = [i for i in paid if i["days_late"]]
    listed = {str(i["number"]) for i in [*late_paid, *unpaid]}

    addressee = _addressee(client_model)
    context: LetterContext = {
        "me": Namespace("me", _profile_values(profile)),
        "client": Namespace("client", client),
        "custom": Namespace("custom", custom),
        "letter_type": letter_type,
        "lang": lang,
        "today": today,
        "end_date": end,
        "deliverables": _items("deliverables", [r for r in open_work if not _after(r, end)]),
        "beyond_end": _items("deliverables", [r for r in open_work if _after(r, end)]),
        "deliverables_recorded": bool(data.get("deliverables")),
        "invoices": _items("invoices", invoices),
        "unpaid_invoices": _items("invoices", unpaid),
        "overdue_invoices": _items("invoices", [i for i in unpaid if i["days_overdue"]]),
        "late_paid_invoices": _items("invoices", late_paid),
        "incidents": _items("incidents", incidents),
        "unlisted_payment_incidents": [
            item for item in by_kind["payment"] if not _refers_to(item, listed)
        ],
        "overdue": _items("invoices", [_invoice(i, today) for i in facts.overdue]),
        "overdue_total": facts.overdue_total,
        "due_later": _items("invoices", [_invoice(i, today) for i in facts.later]),
        "due_later_total": facts.later_total,
        "final_invoice": facts.final_invoice,
        "final_due": facts.final_due,
        "final_waived": facts.final_waived,
        "pay_by": facts.pay_by,
        "owing": facts.owing,
        "incidents_by_kind": by_kind,
        "assessment": Namespace("assessment", latest_assessment(record)),
        "goodwill": goodwill or "",
        "goodwill_invoice": goodwill_invoice,
        "apology": apology,
        "ended_over_payment": bool(client_model.hostile_exit(today).non_paying),
        # Czech first-person past forms (rozhodla / rozhodl) follow the profile's gender.
        "feminine": profile.gender == "f",
        "addressee": addressee["addressee"],
        "addressee_ending": addressee["addressee_ending"],
        "alternatives": [a.strip() for a in alternatives if a.strip()],
    }
    if open_ones:
        context["outstanding_total"] = round(sum(i.balance for i in open_ones), 2)
        dues = [i.due for i in open_ones if i.due is not None]
        if dues:
            context["outstanding_since"] = min(dues)
        asked = [i for i in open_ones if facts.waived is None or i.number != facts.waived.number]
        context["amount_due"] = round(sum(i.balance for i in asked), 2)
        dues = [i.due for i in asked if i.due is not None]
        if dues:
            context["amount_due_since"] = min(dues)
    line = greeting(client_model, lang)
    if line:
        context["greeting"] = line
    phrase = project_phrase(client_model)
    if phrase:
        context["project"] = phrase
    paused = client_model.letter_drafted("work-paused")
    if paused is not None and paused.day is not None and facts.overdue:
        context["paused_on"] = paused.day
    if end <= today:
        context["since_end"] = Namespace("since_end", since(context["end_date"], today))
    return context


def _addressee(client: Client) -> dict[str, str]:
    """Who a Czech letter speaks to: its past forms follow the contact's sex where the name
    tells it, and are plural (as to a team) where it does not."""
    from clientexit.salutation import czech_sex

    contact = client.contact
    sex = czech_sex(contact) if contact else None
    return {"addressee": sex or "", "addressee_ending": {"m": "", "f": "a"}.get(sex or "", "i")}


def greeting(client: Client, lang: str) -> str | None:
    """The greeting line: the client's own ``greeting`` (with a comma added), else one built
    from the contact's name as the language expects (see salutation.py); None without either."""
    from clientexit.salutation import salutation

    own = client.greeting
    if own:
        return own if own.endswith((",", "!")) else f"{own},"
    contact = client.contact
    return salutation(contact, lang) if contact else None


def project_phrase(client: Client) -> str | None:
    """How a letter names the project: ``letter_project`` as written, else ``project`` without
    the notes kept for yourself, in brackets, after a dash or after a colon ("E-shop (fixed
    price, 8 templates)", "E-shop - fixed price", "E-shop: 8 templates" -> "E-shop")."""
    import re

    own = client.letter_project
    if own:
        return own
    project = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", client.project or "")
    project = re.split(r"\s+[-\u2013\u2014]\s+|:\s|;\s", project, maxsplit=1)[0]
    return project.strip(" -:;,") or None


def _after(row: Mapping[str, object], end: dt.date) -> bool:
    """A deliverable due after ``end``: the letter cannot promise it."""
    due = row.get("due")
    return isinstance(due, dt.date) and due > end


def default_end_date(
    client: Client, profile: Profile, today: dt.date, calendar: Calendar | None = None
) -> dt.date:
    """The end a letter announces when none is given: the recorded one; else today plus the
    notice period, but not before the last open deliverable is due (no work after the end),
    and moved off a weekend or public holiday to the next working day."""
    if client.end_date:
        return client.end_date
    planned = client.planned_end_date(profile, today)
    dues = [item.due for item in client.open_deliverables() if item.due is not None]
    return (calendar or Calendar()).next_working_day(max([planned, *dues]))


def _refers_to(incident: Namespace, numbers: set[str]) -> bool:
    """An incident about an invoice already listed: its ref, or every invoice number its text
    names, is among ``numbers``."""
    ref = lookup(incident, "ref")
    if ref is not None:
        return str(ref) in numbers
    import re

    text = str(lookup(incident, "text") or "")
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in numbers)


def since(start: dt.date, today: dt.date) -> dict[str, int | str]:
    """The time from ``start`` to ``today`` as a letter says it: days up to two weeks, then
    weeks, a month from 25 days, months, and years from 350 days (counts rounded)."""
    days = (today - start).days
    if days < 14:
        unit, count = "day", days
    elif days < 25:
        unit, count = "week", round(days / 7)
    elif days < 46:
        unit, count = "month", 1
    elif days < 350:
        unit, count = "month", round(days / 30.44)
    else:
        unit, count = "year", max(round(days / 365.25), 1)
    return {"days": days, "unit": unit, "count": count}


# Blanks left with --placeholders, in the letter's language, saying what to write there.
_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Dear NAME,",
        "client.contact": "Client contact name",
        "client.email": "Client email",
        "client.project": "Project",
        "me.business": "Your business",
        "me.email": "Your email",
        "outstanding_total": "Outstanding total",
        "outstanding_since": "Due date",
        "amount_due": "Amount due",
        "amount_due_since": "Due date",
        "custom.late_invoices": "Late invoices: number, amount, due date, date paid",
        "custom.highlight": "A good moment of your work together, e.g. the spring launch",
        "custom.scope_changes": "Requests outside the agreed scope, with their dates",
    },
    "tr": {
        "greeting": "Sayın AD SOYAD,",
        "client.contact": "Müşteri yetkilisinin adı",
        "client.email": "Müşterinin e-posta adresi",
        "client.project": "Proje",
        "me.business": "İşletmenizin adı",
        "me.email": "E-posta adresiniz",
        "outstanding_total": "Ödenmemiş toplam tutar",
        "outstanding_since": "Vade tarihi",
        "amount_due": "Ödenecek tutar",
        "amount_due_since": "Vade tarihi",
        "custom.late_invoices": "Geciken faturalar: numara, tutar, vade tarihi, ödeme tarihi",
        "custom.highlight": "Birlikte yaşadığınız güzel bir an, ör. bahar lansmanı",
        "custom.scope_changes": "Kapsam dışı talepler ve tarihleri",
    },
    "cs": {
        "greeting": "Vážená paní / Vážený pane PŘÍJMENÍ,",
        "client.contact": "Jméno kontaktní osoby klienta",
        "client.email": "E-mail klienta",
        "client.project": "Projekt",
        "me.business": "Název Vaší firmy",
        "me.email": "Váš e-mail",
        "outstanding_total": "Dlužná částka celkem",
        "outstanding_since": "Datum splatnosti",
        "amount_due": "Částka k úhradě",
        "amount_due_since": "Datum splatnosti",
        "custom.late_invoices": "Opožděné faktury: číslo, částka, splatnost, datum úhrady",
        "custom.highlight": "Povedený okamžik spolupráce, např. jarní spuštění e-shopu",
        "custom.scope_changes": "Požadavky nad rámec dohodnutého rozsahu a jejich data",
    },
}


def placeholder(key: str, lang: str = "en") -> str:
    """The blank printed for a missing value with --placeholders: "[Client contact name]",
    in the letter's language where clientexit has a label for it."""
    labels = _LABELS.get(lang, _LABELS["en"])
    label = labels.get(key) or _LABELS["en"].get(key)
    label = label or key.replace(".", " ").replace("_", " ").capitalize()
    return f"[{label}]"


def how_to_give(key: str, record: Client) -> str:
    """One line telling the user how to supply the missing value ``key``."""
    group, _, name = key.partition(".")
    slug = record.slug
    if key == "greeting":
        return (
            f"greeting: set the contact with clientexit client set {slug} contact=..., or the "
            f'greeting itself with clientexit client set {slug} greeting="Dear Tom"'
        )
    if key == "custom.late_invoices":
        return (
            f"late invoices: record them with clientexit invoice {slug} add NUMBER AMOUNT "
            f"--issued DATE --due DATE (and invoice {slug} paid NUMBER --on DATE), "
            "or --set late_invoices=... for this letter only"
        )
    if group in ("client", "custom") and name:
        return (
            f"{name}: set it with clientexit client set {slug} {name}=... "
            f"(or --set {name}=... for this letter only)"
        )
    if group == "me" and name:
        return f"your {name}: set it with clientexit init --{name} ... --yes"
    if group == "assessment":
        return f"{key}: assess the client first with clientexit assess {slug}"
    if group in ("deliverables", "invoices", "incidents") and name:
        return f"{key}: add {name} = ... to every [[{group}]] entry in {record.path}"
    if key in ("outstanding_total", "outstanding_since", "amount_due", "amount_due_since"):
        return (
            f"{key}: record the unpaid invoices (with due dates) as [[invoices]] in {record.path}"
        )
    if group == "goodwill_invoice":
        return f"{key}: no invoice fits --goodwill; record it as [[invoices]] in {record.path}"
    return f"{key}: clientexit does not provide this value; check the template's variable names"
