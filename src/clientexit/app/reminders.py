"""Drafting the next reminder of the ladder for one client (``remind``): the stage that is due
and its values (collect/: the ladder, the rates, the interest, the pay-by date on a working day)
handed to the letter (letters/draft.py) as the ``collect`` values its templates read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.collect.reminder import Plan
    from clientexit.letters.draft import Draft
    from clientexit.record.model import Client, Profile


@dataclass(frozen=True)
class Asked:
    """What was asked of the ladder: a ``stage`` (None: the next one due), whether stages may
    be skipped, the letter's ``overrides`` (--set) and whether interest on invoices paid late
    is claimed."""

    stage: str | None = None
    skip: bool = False
    overrides: Mapping[str, str] | None = None
    claim_paid_late: bool = False


@dataclass(frozen=True)
class Reminder:
    """The client's record, the drafted reminder, and the cautions to say beside it."""

    record: Client
    letter: Draft
    cautions: tuple[str, ...]


def draft_reminder(
    paths: Paths,
    name: str,
    now: dt.datetime,
    asked: Asked,
    *,
    lang: str | None = None,
    placeholders: bool = False,
    cooldown: bool = True,
) -> Reminder:
    """Draft the stage of the reminder ladder ``asked`` for (the next one due by default); a
    profile is required."""
    from clientexit import clients, config
    from clientexit.app.reminder_plans import planned
    from clientexit.letters.draft import draft_letter

    profile = config.require_profile(paths)
    record = clients.load(paths, name)
    overrides = dict(asked.overrides or {})
    today = now.date()

    def worked_out() -> tuple[str, dict[str, object], tuple[str, ...]]:
        claim = (asked.claim_paid_late, lang)
        found = _plan(paths, profile, record, today, asked.stage, asked.skip, overrides, claim)
        return found.stage.type, found.values, tuple(found.cautions)

    # Kept for the day (app/reminder_plans.py): the ladder, rates and interest are worked out
    # again only when something they read changed.
    request = [asked.stage, asked.skip, sorted(overrides.items()), asked.claim_paid_late, lang]
    stage, values, cautions = planned(paths, record, today, request, worked_out)
    letter = draft_letter(
        paths,
        profile,
        record,
        now=now,
        letter_type=stage,
        lang=lang,
        overrides=overrides,
        placeholders=placeholders,
        cooldown=cooldown,
        extra={"collect": values},
    )
    return Reminder(record, letter, cautions)


def _plan(
    where: Paths,
    profile: Profile,
    record: Client,
    today: dt.date,
    stage: str | None,
    skip: bool,
    overrides: Mapping[str, str],
    claim: tuple[bool, str | None] = (False, None),
) -> Plan:
    """The stage to draft and its values: the ladder and the rates files, the pay-by date on a
    working day of the freelancer's and the client's country; ``claim``: --claim-paid-late and
    --lang (remind's cautions are in the letter's language)."""
    from clientexit import exchange, workdays
    from clientexit.collect import ladder, rates, reminder

    claim_paid_late, lang = claim
    days = workdays.calendar(profile.country, record.country, cache=where.holidays_cache)
    return reminder.plan(
        ladder.load(where),
        rates.load(where),
        record,
        record.billing_currency(profile),
        today,
        requested=stage,
        skip=skip,
        working_day=days.next_working_day,
        creditor=profile.business or profile.name or "",
        custom=overrides,
        profile=profile,
        claim_paid_late=claim_paid_late,
        fx=exchange.lookup(where),
        lang=lang,
    )
