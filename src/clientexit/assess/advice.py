"""How and when to act on a verdict: the delivery method, the timing and the next command."""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass

from clientexit.assess.answers import Answers
from clientexit.assess.rubric import Rubric
from clientexit.assess.scoring import Outcome
from clientexit.record.model import Client, Profile
from clientexit.workdays import Calendar


def day(value: dt.date, dates: str) -> str:
    """A date in the report as the letters write it: 9 December 2026 (``dates`` en_GB),
    December 9, 2026 (en_US), 9 Aralık 2026, 9. prosince 2026 (see dates_for)."""
    from clientexit.i18n import format_date

    return format_date(value, dates)


def dates_for(lang: str, profile: Profile | None) -> str:
    """The locale the report of ``lang`` writes dates in for ``profile`` (i18n.date_style: day
    first unless the profile is US-style)."""
    from clientexit.i18n import date_style

    return date_style(lang, profile)


@dataclass(frozen=True)
class Advice:
    """What to do next; ``method`` is one of in_person, phone_then_writing, email, none."""

    method: str
    how: str
    when: tuple[str, ...]
    earliest_end_date: dt.date | None
    notes: tuple[str, ...]
    next_command: str

    def as_json(self) -> dict[str, object]:
        return {
            "method": self.method,
            "how": self.how,
            "when": list(self.when),
            "earliest_end_date": self.earliest_end_date,
            "notes": list(self.notes),
            "next_command": self.next_command,
        }


def _years_since(client: Client, today: dt.date) -> float:
    start = client.start_date
    return 0.0 if start is None else max((today - start).days, 0) / 365.25


def _next_milestone(client: Client, today: dt.date) -> tuple[str, dt.date] | None:
    due = [
        (item.due, item.what or "")
        for item in client.open_deliverables()
        if item.due is not None and item.due >= today
    ]
    if not due:
        return None
    when, what = min(due)
    return what, when


def _method(
    rubric: Rubric, outcome: Outcome, answers: Answers, client: Client, today: dt.date
) -> tuple[str, str]:
    t = rubric.thresholds
    if outcome.letter_type == "abusive":
        return "email", rubric.say("how_abusive")
    long = _years_since(client, today) >= t["long_relationship_years"]
    high_value = answers.monthly_revenue >= t["high_value_hours"] * outcome.target_rate
    if long and high_value:
        return "in_person", rubric.say("how_in_person")
    if client.project_engagement:
        return "email", rubric.say("how_project")
    return "phone_then_writing", rubric.say("how_phone")


def advise(
    rubric: Rubric,
    outcome: Outcome,
    answers: Answers,
    client: Client,
    profile: Profile,
    slug: str,
    today: dt.date,
    calendar: Calendar | None = None,
) -> Advice:
    """The advice for ``outcome`` on this client as of ``today``. With a ``calendar``, an
    earliest end date on a weekend or public holiday is pointed out with the next working day
    (the letters move their default end date so)."""
    who = shlex.quote(slug)
    if outcome.verdict == "keep":
        return Advice(
            "none",
            rubric.say("keep_how"),
            (rubric.say("keep_when"),),
            None,
            (rubric.say("keep_note"),),
            f"clientexit assess {who}",
        )
    if outcome.verdict == "repair":
        return Advice(
            "email" if client.project_engagement else "phone_then_writing",
            rubric.say("repair_how"),
            (rubric.say("repair_when"),),
            None,
            _repair_steps(rubric, outcome),
            f"clientexit assess {who}",
        )
    method, how = _method(rubric, outcome, answers, client, today)
    notice = client.notice(profile)
    end = today + dt.timedelta(days=notice)
    dates = dates_for(rubric.lang, profile)
    when = [rubric.say("notice", days=notice, date=day(end, dates))]
    if calendar and calendar.why_not(end):
        later = calendar.next_working_day(end)
        when.append(rubric.say("notice_holiday", date=day(later, dates)))
    milestone = _next_milestone(client, today)
    if milestone and outcome.verdict == "prepare_exit":
        what, due = milestone
        what = what or rubric.say("next_deliverable")
        when.append(rubric.say("milestone", what=what, date=day(due, dates)))
    elif outcome.verdict == "prepare_exit":
        when.append(rubric.say("phase"))
    notes = [rubric.say("never")]
    if outcome.verdict == "prepare_exit":
        when.append(rubric.say("busy_season"))
        notes.append(rubric.say("sleep_on_it"))
        notes.append(rubric.say("check_contract"))
    else:
        when.append(rubric.say("no_wait"))
        notes.append(rubric.say("for_cause"))
    unethical = answers.frequency("unethical_requests") != "never"
    if unethical:
        notes.append(rubric.say("document_request"))
        notes.append(rubric.say("legal_review"))
    if outcome.letter_type == "abusive":
        notes.append(rubric.say("abusive_short"))
        if not unethical:
            notes.append(rubric.say("abusive_review"))
    elif outcome.verdict == "prepare_exit":
        # Good practice's goodwill moves, each with the letter option that says it.
        notes.append(_goodwill(rubric, client))
        notes.extend(rubric.say(key) for key in ("apology", "alternatives"))
    if outcome.letter_type == "payment":
        notes.append(rubric.say("payment_first"))
    return Advice(method, how, tuple(when), end, tuple(notes), f"clientexit letter {who}")


def _goodwill(rubric: Rubric, client: Client) -> str:
    """The goodwill gestures `letter --goodwill` would accept for this client, each naming its
    invoice (record/goodwill.py decides for both), or a discount where none fits."""
    from clientexit.record.goodwill import possible, unpaid

    invoices = client.invoices
    engagement = client.engagement
    said = []
    for gesture in possible(engagement, invoices):
        if gesture == "refund":
            last = [inv for inv in invoices if inv.billed][-1]
            said.append(rubric.say("goodwill_refund", number=last.number))
        elif owed := unpaid(invoices):
            said.append(rubric.say("goodwill_waive", number=owed[-1].number))
        else:
            said.append(rubric.say("goodwill_waive_final"))
    if not said:
        return rubric.say("goodwill_none")
    return rubric.say("goodwill", gestures=rubric.say("goodwill_or").join(said))


def _repair_steps(rubric: Rubric, outcome: Outcome) -> tuple[str, ...]:
    steps = [rubric.say("repair_boundaries")]
    if outcome.letter_type == "payment":
        steps.append(rubric.say("repair_upfront"))
    if outcome.letter_type == "scope-creeper":
        steps.append(rubric.say("repair_change_orders"))
    if outcome.band.id != "profitable":
        steps.append(rubric.say("repair_rate", band=outcome.band.label))
    steps.append(rubric.say("repair_write_down"))
    return tuple(steps)
