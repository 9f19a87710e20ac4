"""How and when to act on a verdict: the delivery method, the timing and the next command."""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit.assess.answers import Answers
from clientexit.assess.rubric import Rubric
from clientexit.assess.scoring import Outcome
from clientexit.record.model import Client, Profile, client_of

NEVER = "Never end it by text message or social media."


@dataclass(frozen=True)
class Advice:
    """What to do next; ``method`` is one of in_person, phone_then_writing, email, none."""

    method: str
    how: str
    when: tuple[str, ...]
    earliest_end_date: dt.date | None
    notes: tuple[str, ...]
    next_command: str

    def as_json(self) -> dict[str, Any]:
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
        (item.due, item.what or "the next deliverable")
        for item in client.deliverables
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
        return "email", (
            "In writing, by email: short and factual, with no meeting or call to argue in. "
            "Put your own safety and wellbeing first."
        )
    long = _years_since(client, today) >= t["long_relationship_years"]
    high_value = answers.monthly_revenue >= t["high_value_hours"] * outcome.target_rate
    if long and high_value:
        return "in_person", (
            "In person: a long, high-value relationship deserves a conversation face to face, "
            "followed by written confirmation."
        )
    if client.get("engagement") == "project":
        return "email", "By email: a project-based engagement can be ended in writing."
    return "phone_then_writing", (
        "By phone first, then confirm in writing (email) the same day: an ongoing relationship "
        "deserves to hear it from you."
    )


def advise(
    rubric: Rubric,
    outcome: Outcome,
    answers: Answers,
    record: Client | Mapping[str, Any],
    profile: Profile | Mapping[str, Any],
    slug: str,
    today: dt.date,
) -> Advice:
    """The advice for ``outcome`` on this client (a Client; a record's data is read as one),
    as of ``today``."""
    client = client_of(record, slug)
    who = shlex.quote(slug)
    if outcome.verdict == "keep":
        return Advice(
            "none",
            "Nothing to deliver: keep working with this client.",
            ("Assess again in a few months, or as soon as a pattern starts to show.",),
            None,
            ("Keep recording incidents, so that a future assessment rests on facts.",),
            f"clientexit assess {who}",
        )
    if outcome.verdict == "repair":
        return Advice(
            "phone_then_writing" if client.get("engagement") != "project" else "email",
            "Talk it through, then put the new terms in writing.",
            ("Raise it soon, at a calm moment rather than in the middle of a dispute.",),
            None,
            _repair_steps(outcome),
            f"clientexit assess {who}",
        )
    method, how = _method(rubric, outcome, answers, client, today)
    notice = client.notice(profile)
    end = today + dt.timedelta(days=notice)
    when = [
        f"Give the notice your contract asks for ({notice} days): the earliest end date "
        f"is {end.isoformat()}."
    ]
    milestone = _next_milestone(client, today)
    if milestone and outcome.verdict == "prepare_exit":
        what, due = milestone
        when.append(f"Time it for a milestone: after {what!r} (due {due.isoformat()}).")
    elif outcome.verdict == "prepare_exit":
        when.append("Time it for the end of a phase or milestone, when few obligations are open.")
    notes = [NEVER]
    if outcome.verdict == "prepare_exit":
        when.append("Avoid the client's busy season or a high-pressure week for them.")
        notes.append("Draft the letter, sleep on it for a day or two, then send it.")
        notes.append("Check the contract: termination clause, notice, open work, payment terms.")
    else:
        when.append("Do not wait for a convenient moment: end it as soon as the letter is ready.")
        notes.append(
            "Ending for cause may be possible at once or after a short cure period: check the "
            "contract's termination clause."
        )
    if outcome.letter_type == "abusive":
        notes.append("Keep it short and factual; do not debate or invite an argument.")
        notes.append("Have a colleague or a lawyer read it before you send it.")
    if outcome.letter_type == "payment":
        notes.append("Say plainly that further work waits until the open invoices are paid.")
    return Advice(method, how, tuple(when), end, tuple(notes), f"clientexit letter {who}")


def _repair_steps(outcome: Outcome) -> tuple[str, ...]:
    steps = ["Set firm boundaries: working hours, response times, one channel for requests."]
    if outcome.letter_type == "payment":
        steps.append("Ask for upfront payment or a deposit, and shorter payment terms.")
    if outcome.letter_type == "scope-creeper":
        steps.append("Use written change orders, priced, for anything outside the agreed scope.")
    if outcome.band.id != "profitable":
        steps.append(f"Renegotiate the rate: the effective rate is {outcome.band.label}.")
    steps.append("Write down what changed and when; assess again in a month or two.")
    return tuple(steps)
