"""`clientexit assess` minus the terminal: score the answers, append the assessment to the
client's history (record/assessment_changes.py, under the lock, written atomically) and advise.
assess/ scores and advises; this joins it with the client's file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.app.economics import MeasuredMonth
    from clientexit.assess.answers import Answers
    from clientexit.assess.rubric import Rubric
    from clientexit.assess.run import Result
    from clientexit.clients import ClientFiles
    from clientexit.record.assessment_changes import NewAssessment
    from clientexit.record.model import Client, Profile


def existing_record(where: Paths | ClientFiles, name: str) -> Client | None:
    """The client's record, or None for a client not recorded yet."""
    from clientexit.clients import client_files

    return client_files(where).find_client(name)


@dataclass(frozen=True)
class LastTime:
    """What a new assessment starts from: the last assessment's answers (None for a first one)
    with the economics measured from tracked hours and the payment answers the invoices
    propose, the target rate to suggest, and where the changed answers came from (for the
    command to say)."""

    answers: Answers | None
    target: float | None
    measured: MeasuredMonth | None
    proposed: str


def last_time(
    where: ClientFiles, name: str, rubric: Rubric, profile: Profile, today: dt.date
) -> LastTime:
    """The last assessment's answers joined with the hours `clientexit hours` keeps (the
    average of the last whole months tracked) and the invoices on record (``proposed``: the
    sentence saying what they changed, empty when nothing)."""
    from clientexit.app import economics
    from clientexit.assess import history, run
    from clientexit.assess.answers import previous_answers

    client = existing_record(where, name)
    last = history.latest(client) if client is not None else None
    previous = previous_answers(last, rubric) if last else None
    measured = economics.measured_month(where.paths, name)
    if measured is not None:
        previous = economics.with_measured(previous, measured.measured)
    proposals, sentence = economics.proposed_payments(where.paths, name, today)
    previous = economics.with_proposals(previous, proposals)
    return LastTime(previous, run.suggested_target(previous, client, profile), measured, sentence)


def save(where: Paths | ClientFiles, name: str, entry: NewAssessment) -> tuple[str, bool]:
    """Append ``entry`` to the client's history, creating the client if needed, in one change
    of its file. Returns (slug, status changed)."""
    from clientexit.clients import client_files
    from clientexit.record import assessment_changes

    files = client_files(where)
    with files.edit_or_create(name) as doc:
        changed = assessment_changes.add(doc, entry)
    return files.resolve(name), changed


def run(
    where: Paths | ClientFiles,
    name: str,
    rubric: Rubric,
    answers: Answers,
    profile: Profile,
    now: dt.datetime | None = None,
) -> Result:
    """Score the answers, append the assessment to the client's history and advise. The client
    is resolved once (``where``: a command's ClientFiles, else a new one for the data folder)."""
    from clientexit import timeline, workdays
    from clientexit.assess import history
    from clientexit.assess.advice import advise, dates_for
    from clientexit.assess.answers import check_economics
    from clientexit.assess.run import Result, converted_target, suggested_target, target_rate
    from clientexit.assess.scoring import assess
    from clientexit.clients import client_files

    files = client_files(where)
    now = now or timeline.now()
    found_client = existing_record(files, name)
    previous = history.latest(found_client) if found_client is not None else None
    converted = None
    if suggested_target(answers, found_client, profile) is None:
        from clientexit import exchange

        found = converted_target(found_client, profile, exchange.lookup(files.paths), now.date())
        if found is not None:
            target, converted = found
    if converted is None:
        target = target_rate(answers, found_client, profile, name)
    # Every way of answering (file, questionnaire, measured hours, config's rate) meets here.
    check_economics(answers, target)
    outcome = assess(rubric, answers, target)
    slug, status_changed = save(files, name, history.entry_for(outcome, answers, now))
    record = files.get(slug)
    days = workdays.calendar(profile.country, record.country, cache=files.paths.holidays_cache)
    advice = advise(rubric, outcome, answers, record, profile, slug, now.date(), days)
    return Result(
        slug=slug,
        name=record.name,
        outcome=outcome,
        advice=advice,
        change=history.change_since(previous, outcome),
        status=record.status,
        status_changed=status_changed,
        created=found_client is None,
        at=now,
        currency=record.billing_currency(profile),
        converted=converted,
        dates=dates_for(rubric.lang, profile),
    )
