"""The values a reminder letter (a stage of the ladder) fills in: the template's ``collect``.

    collect.stage            the stage's letter type: "firm-reminder", ...
    collect.invoices         the invoices this letter asks for (each walks its own stages):
                             number, amount, issued*, due, days_overdue
    collect.count            how many there are
    collect.total            their sum
    collect.since            the oldest one's due date
    collect.pay_by           the pay-by date the letter gives
    collect.pay_within_days  the days from today to it
    collect.previous         the days earlier stages asked for any of these invoices (dates,
                             oldest first; empty for the first)
    collect.asked            the same, grouped: [{dates, numbers, count}], each group the
                             invoices the letters of those dates asked for ("I asked for
                             payment of invoice 5 on 2 and 15 June, and of invoice 6 on 15 June")
    collect.courtesy         true when nothing suggests more than an oversight (no payment
                             incident logged, every invoice younger than the second stage):
                             only then may a letter say "it may simply have slipped through"
    collect.paused           true when a work-paused letter asked for one of them
    collect.on_hold          the open deliverables a work pause holds up: what, due (those
                             whose date passed before today are not listed)
    collect.procedure        the formal demand's: "gb-protocol", "gb-company", "cz", "tr",
                             "generic" ("" for other stages)
    collect.demand_procedure the procedure the formal demand would follow (for the final
                             notice's "what happens next")
    collect.debtor           "company" or "individual"
    collect.agreement_date*  the date of the agreement (custom.agreement_date, YYYY-MM-DD),
                             which a UK Letter of Claim states
    collect.creditor*        your business, else your name; collect.creditor_tr* its Turkish
                             dative ("Lindqvist Design & Development'a")
    collect.claim*           (final notice and formal demand) statutory interest the client may
                             owe on the invoices this letter asks for (never on one it does not
                             claim, such as an invoice paused by a dispute or a promise): law,
                             interest, compensation, complete, and invoices (number, days, rate,
                             interest, compensation, from, until, stretches); missing where no
                             law applies or none of them was late
    collect.claim_paid*      the same for invoices already paid late, only when asked for
                             (remind --claim-paid-late): claiming it is optional, and the letter
                             marks it as such
    collect.us_law*          a US freelance payment law that may apply: law, days, damages*

* may be missing; templates check with ``is defined``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from clientexit._errors import UsageError
from clientexit.collect import law
from clientexit.collect.interest import Claim, FxLookup, InvoiceClaim, holds_on, reckon_for
from clientexit.collect.ladder import (
    Ladder,
    Position,
    Stage,
    Step,
    choose,
    debtor_kind,
    pay_within,
    position,
)
from clientexit.collect.ladder import stage_letters as ladder_letters
from clientexit.collect.law import name_in as law_name_in
from clientexit.collect.notes import NOTES_FILE, Voice, no_claim_note
from clientexit.collect.rates import RateBook, USLaw
from clientexit.collect.turkish import dative as turkish_dative

if TYPE_CHECKING:
    from clientexit.collect.rates import Regime
    from clientexit.record.model import Client, Profile

CLAIMING_STAGES = ("final-notice", "formal-demand")
_OTHER_DEBTOR = {"company": "individual", "individual": "company"}


class OverdueLike(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def amount(self) -> float: ...
    @property
    def balance(self) -> float: ...
    @property
    def issued(self) -> dt.date | None: ...
    @property
    def due(self) -> dt.date | None: ...
    def days_overdue(self, today: dt.date) -> int: ...


def claim_values(claim: Claim, law: str | None = None) -> dict[str, object]:
    """The claim as a letter shows it: interest.as_dict (the figures ``interest`` and
    ``statement`` give), with each invoice's ``rate`` where one rate covers its whole delay
    (None where it changed: its ``stretches`` each carry their own); ``law`` names the law
    in the letter's language."""
    from clientexit.collect.interest import as_dict, invoice_dict

    found = as_dict(claim)
    rows = [invoice_dict(inv) for inv in claim.invoices]
    found["invoices"] = [{**row, "compensation": row["compensation"] or 0.0} for row in rows]
    found["complete"] = not claim.at_least
    if law is not None:
        found["law"] = law
    return found


def us_law_applies(law: USLaw, invoices: Sequence[OverdueLike]) -> bool:
    """Whether the contract meets the law's threshold, judged from the invoices on record: all
    of them, or (NY) those issued in the ``lookback_days`` before the latest."""
    issued = [i.issued for i in invoices if i.issued is not None]
    counted: Iterable[OverdueLike] = invoices
    if law.lookback_days is not None and issued:
        start = max(issued) - dt.timedelta(days=law.lookback_days)
        counted = [i for i in invoices if i.issued is None or i.issued >= start]
    total = sum((Decimal(str(i.amount)) for i in counted), Decimal(0))
    return total >= law.threshold


def asked(steps: Sequence[Step]) -> list[dict[str, object]]:
    """The earlier requests for payment, grouped: each group the invoices one set of letters
    asked for, with those letters' days ("I asked for payment of invoice 5 on 2 and 15 June,
    and of invoice 6 on 15 June"). Invoices never asked for are left out."""
    groups: dict[tuple[dt.date, ...], list[str]] = {}
    for step in steps:
        days = tuple(sorted({s.on for s in step.sent}))
        if days:
            groups.setdefault(days, []).append(step.number)
    return [
        {"dates": list(days), "numbers": numbers, "count": len(numbers)}
        for days, numbers in sorted(groups.items())
    ]


def values(
    stage: Stage,
    steps: Sequence[Step],
    overdue: Sequence[OverdueLike],
    today: dt.date,
    *,
    pay_within_days: int,
    procedure: str,
    claim: Claim | None,
    us_law: USLaw | None,
    facts: Mapping[str, object] | None = None,
    paid_claim: Claim | None = None,
    law: str | None = None,
) -> dict[str, object]:
    """The ``collect`` values for ``stage`` drafted ``today``, asking for the invoices
    ``overdue`` (whose ladder positions are ``steps``); ``claim`` is the interest on those
    invoices, ``paid_claim`` (optional) on invoices already paid late; ``facts`` adds values
    computed by ``plan`` (the work on hold, the debtor ...)."""
    previous = sorted({s.on for step in steps for s in step.sent})
    found: dict[str, object] = {
        "stage": stage.type,
        "invoices": [
            {
                "number": i.number,
                "amount": i.amount,
                "balance": i.balance,
                "issued": i.issued,
                "due": i.due,
                "days_overdue": i.days_overdue(today),
            }
            for i in overdue
        ],
        "count": len(overdue),
        "total": round(sum(i.balance for i in overdue), 2),
        "since": min((i.due for i in overdue if i.due is not None), default=today),
        "pay_by": today + dt.timedelta(days=pay_within_days),
        "pay_within_days": pay_within_days,
        "previous": previous,
        "asked": asked(steps),
        "paused": False,
        "procedure": procedure,
        **(facts or {}),
    }
    if stage.type in CLAIMING_STAGES and claim is not None and claim.invoices:
        found["claim"] = claim_values(claim, law)
    if stage.type in CLAIMING_STAGES and paid_claim is not None and paid_claim.invoices:
        found["claim_paid"] = claim_values(paid_claim, law)
    if stage.type in CLAIMING_STAGES and us_law is not None:
        found["us_law"] = {"law": us_law.law, "days": us_law.days, "damages": us_law.damages}
    return found


@dataclass(frozen=True)
class Plan:
    """The reminder to draft now: its stage, the letter's ``collect`` values, and what the
    person should know (stderr)."""

    stage: Stage
    position: Position
    values: dict[str, object]
    cautions: tuple[str, ...]


def plan(
    ladder: Ladder,
    book: RateBook,
    client: Client,
    currency: str,
    today: dt.date,
    *,
    requested: str | None,
    skip: bool,
    working_day: Callable[[dt.date], dt.date] | None = None,
    creditor: str = "",
    custom: Mapping[str, object] | None = None,
    profile: Profile | None = None,
    claim_paid_late: bool = False,
    fx: FxLookup | None = None,
    lang: str | None = None,
) -> Plan:
    """Choose the stage for ``client`` and the invoices it asks for, and fill in its values.

    Each overdue invoice walks its own stages (collect.ladder.position): the letter asks only
    for the invoices at the chosen stage, and names only the earlier letters that asked for
    them. ``currency`` is what the client is billed in; nothing overdue is a UsageError. The
    interest claim goes into the final notice and the formal demand where a law applies (the
    one governing the contract: collect.law with ``profile``), "at least" where some days have
    no rate; otherwise a caution says why not. ``working_day`` moves the pay-by date off a
    weekend or public holiday (the letters' calendar). ``creditor`` is the freelancer's
    business (else name), for the Turkish "…'a borcu" form; ``custom`` the letter's --set
    values over the client's [custom] (debtor = "individual" ...). The claim covers only the
    invoices the letter asks for; interest on invoices already paid late goes in only with
    ``claim_paid_late`` (optional: accepting a principal without reserving the interest may
    cost it), else a caution names it. ``fx`` finds the exchange rate a fixed sum's tier needs
    where the invoices are in another currency than the law's (as ``interest`` does). The
    cautions are in the letter's language (``lang`` as --lang gives it, else the client's or
    the profile's; English where clientexit has no words for it), with dates as the letter
    writes them for ``profile``."""
    voice = _voice(lang, client, profile)
    who, invoices = client.slug, client.invoices
    overdue = sorted(client.overdue(today), key=lambda i: (i.due or today, i.number))
    letters = ladder_letters(client.letters, ladder)
    where = position(ladder, overdue, letters, today, incidents=client.incidents)
    if where is None:
        raise UsageError(
            f"Nothing is overdue for {who}: no reminder to send.",
            f"See the invoices with clientexit invoice {who} list.",
        )
    choice = choose(ladder, where, today, requested=requested, skip=skip, who=who, voice=voice)
    stage = choice.stage
    numbers = {s.number for s in choice.steps}
    asked_for = [i for i in overdue if i.number in numbers]
    country = client.country
    debtor, guessed = debtor_kind(client.name, {**client.custom, **(custom or {})})
    days, procedure = pay_within(ladder, stage, country, debtor)
    demand = ladder.demand(country, debtor)
    cautions: list[str] = list(choice.cautions)
    claim = paid_claim = us_law = claim_law = None
    if stage.type in CLAIMING_STAGES:
        whole, why = _claim(book, client, profile, today, fx, voice)
        cautions += why
        if whole is not None:
            claim_law = whole.governing
            claim, paid_claim, notes = split_claim(
                whole, numbers, paid_late=claim_paid_late, source=str(book.source), voice=voice
            )
            cautions += notes
        if country == "US":
            law = book.us_law(client.region)
            us_law = law if law is not None and us_law_applies(law, invoices) else None
    if procedure.startswith("gb-") and guessed:
        cautions.append(voice.say(f"guessed_{debtor}", who=who, other=_OTHER_DEBTOR[debtor]))
    if procedure == "gb-protocol":
        cautions.append(voice.say("gb_protocol_enclose", who=who))
    if procedure == "cz":
        cautions.append(voice.say("cz_delivery"))
    if stage.type == "formal-demand":
        cautions.append(voice.say("formal_demand"))
    logged = any(i.kind == "payment" for i in client.incidents)
    sequence = ladder.sequence
    courtesy_until = sequence[1].after_days if len(sequence) > 1 else sequence[0].after_days
    pause_letters = [s for s in letters if s.type == "work-paused"]
    facts = {
        # An oversight only: no payment incident, young invoices, no other one being chased.
        "courtesy": not logged
        and not where.sent
        and all(i.days_overdue(today) < courtesy_until for i in asked_for),
        "paused": any(s.covers(i.number, i.due) for s in pause_letters for i in asked_for if i.due),
        "demand_procedure": demand.procedure if demand is not None else "generic",
        "debtor": debtor,
        "on_hold": [
            {"what": d.what, "due": d.due}
            for d in client.open_deliverables()
            if d.due is None or d.due >= today
        ],
    }
    agreed = _agreement_date(client, custom or {})
    if agreed is not None:
        facts["agreement_date"] = agreed
    if creditor:
        facts["creditor"] = creditor
        facts["creditor_tr"] = turkish_dative(creditor)
    if working_day is not None:  # the pay-by day moved off a weekend or public holiday
        days = (working_day(today + dt.timedelta(days=days)) - today).days
    found = values(
        stage,
        choice.steps,
        asked_for,
        today,
        pay_within_days=days,
        procedure=procedure,
        claim=claim,
        us_law=us_law,
        facts=facts,
        paid_claim=paid_claim,
        law=None if claim_law is None else law_name_in(claim_law, voice.lang),
    )
    return Plan(stage, where, found, tuple(cautions))


def _agreement_date(client: Client, overrides: Mapping[str, object]) -> dt.date | None:
    """custom.agreement_date (``--set agreement_date=`` first, else the file's ``[custom]``)
    as a date, read by the one parser of typed dates; None when neither has it (the letter of
    claim then asks for it). A value that is no YYYY-MM-DD date is refused, naming where it was
    written, rather than printed into a letter as written."""
    from clientexit.record.inputs import parse_date

    given = overrides.get("agreement_date")
    if given is not None and str(given).strip():
        return parse_date(str(given), "--set agreement_date")
    value = client.custom.get("agreement_date")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_date(value if isinstance(value, dt.date) else str(value), "agreement_date")
    except UsageError as bad:
        from clientexit._errors import DataFileError

        file = str(client.path) if client.path is not None else f"the file of client {client.slug}"
        raise DataFileError(
            f"{file}: [custom] {bad.message}",
            f"Write it as a date under [custom], e.g. agreement_date = 2025-03-14, or set it "
            f"with clientexit client set {client.slug} agreement_date=2025-03-14; clientexit "
            "has left the file unchanged.",
        ) from None


def _claim(
    book: RateBook,
    client: Client,
    profile: Profile | None,
    today: dt.date,
    fx: FxLookup | None = None,
    voice: Voice | None = None,
) -> tuple[Claim | None, list[str]]:
    """The interest claim on every late invoice, or None with the reason (never a guess), in
    ``voice``'s language where the notes have its wording, else in the law's English."""
    if client.country == "US" and not client.law:
        return None, []
    governing = law.resolve(book, client, profile)
    if not governing.claimable:
        english = f"No interest claim in the letter: {governing.problem} {governing.fix or ''}"
        lang = (voice or Voice()).lang
        note = no_claim_note(
            "letter", governing.reason, client.slug, lang, english, governing.detail
        )
        return None, [note]
    currency = client.billing_currency(profile)
    held = holds_on(client.incidents, today)
    return reckon_for(governing, client.invoices, today, currency=currency, fx=fx, holds=held), []


def _voice(lang: str | None, client: Client, profile: Profile | None) -> Voice:
    """The letter's language (as letters choose it) and the locale of its dates."""
    from clientexit.i18n import SUPPORTED, choose_language, date_style

    wanted = choose_language(lang, client, profile)
    chosen = wanted if wanted in SUPPORTED else "en"
    return Voice(chosen, date_style(chosen, profile))


def _regime_note(regime: Regime, voice: Voice) -> str:
    """The regime's caveat (rates.toml ``note``) in ``voice``'s language: its translation
    (regime_note_ID) only while the file's note is the English the translation was made from,
    so an edited note is never replaced by a stale one."""
    from clientexit._resources import has_phrase

    note = regime.note or ""
    key = f"regime_note_{regime.id}"
    if voice.lang == "en" or not has_phrase(NOTES_FILE, key, voice.lang):
        return note
    return voice.say(key) if note == Voice().say(key) else note


def _no_fixed_sum(inv: InvoiceClaim, regime: Regime, voice: Voice) -> str:
    """Why ``inv`` claims no fixed sum, in ``voice``'s language where the notes word it: the
    rates file has no sum for the period the delay began in (a per-period regime), or no
    exchange rate to choose the tier (interest._compensation); else the reckoning's English."""
    from clientexit._resources import has_phrase

    english = f"No fixed sum for invoice {inv.number}: {inv.compensation_note}."
    key = "no_fixed_sum_fx" if regime.tiers else "no_fixed_sum_period"
    if voice.lang == "en" or not has_phrase(NOTES_FILE, key, voice.lang) or not inv.stretches:
        return english
    first = inv.stretches[0]
    return voice.say(
        key,
        number=inv.number,
        period=first.period,
        pair=f"{inv.currency}/{regime.currency}",
        day=voice.day(first.first),
    )


def split_claim(
    whole: Claim, asked: Iterable[str], *, paid_late: bool, source: str, voice: Voice | None = None
) -> tuple[Claim, Claim | None, list[str]]:
    """The claim a letter makes: on the invoices it asks for (``asked``), and on invoices
    already paid late when ``paid_late`` (else None); and the cautions for the person: days
    without a rate (named, with the command that fills them), an unverified rate, paid-late
    interest left out or put in, late invoices the letter does not claim (in ``voice``)."""
    voice = voice or Voice()
    wanted = set(asked)
    claim = whole.only(wanted)
    paid_numbers = [i.number for i in whole.paid_late if i.number not in wanted]
    paid = whole.only(paid_numbers) if paid_late and paid_numbers else None
    notes: list[str] = []
    for part in (claim, paid):
        for number, stretch in part.uncovered if part is not None else ():
            notes.append(
                voice.say(
                    "no_rate",
                    source=source,
                    period=stretch.period,
                    number=number,
                    first=voice.day(stretch.first),
                    last=voice.day(stretch.last),
                )
            )
    for part in (claim, paid):
        for inv in part.invoices if part is not None else ():
            if inv.compensation is None:
                notes.append(_no_fixed_sum(inv, whole.regime, voice))
    if claim.unverified or (paid is not None and paid.unverified):
        notes.append(voice.say("unverified"))
    if paid_numbers and paid is None:
        late = whole.only(paid_numbers)
        notes.append(
            voice.say(
                "paid_late_many" if len(paid_numbers) > 1 else "paid_late_one",
                numbers=", ".join(paid_numbers),
                interest=voice.money(float(late.interest), late.currency),
                compensation=voice.money(float(late.compensation), late.compensation_currency),
            )
        )
    elif paid is not None:
        notes.append(voice.say("claims_paid"))
    left = [i.number for i in whole.invoices if i.number not in wanted and i.paid is None]
    if left:
        key = "not_claimed_many" if len(left) > 1 else "not_claimed_one"
        notes.append(voice.say(key, numbers=", ".join(left)))
    if (claim.invoices or paid is not None) and whole.regime.note:
        notes.append(_regime_note(whole.regime, voice))
    return claim, paid, notes
