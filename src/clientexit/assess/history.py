"""Assessments in a client's history: the last one, the entry a new one is stored as, and
what changed since the last (app/assess.py saves it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypedDict

from clientexit.record.model import Client

if TYPE_CHECKING:
    from clientexit.assess.answers import Answers
    from clientexit.assess.scoring import Outcome
    from clientexit.record.assessment_changes import NewAssessment


def in_order(client: Client) -> list[Mapping[str, object]]:
    """A client's ``[[assessments]]`` entries as stored, oldest first, in the record's order
    (Client.assessments: by ``at``, file order breaking ties)."""
    return [entry.data for entry in client.assessments]


def latest(client: Client) -> Mapping[str, object] | None:
    """The most recent ``[[assessments]]`` entry of a client record, if any."""
    entries = in_order(client)
    return entries[-1] if entries else None


def entry_for(outcome: Outcome, answers: Answers, at: dt.datetime) -> NewAssessment:
    """The ``[[assessments]]`` entry for an outcome (keys documented in CONTRIBUTING.md)."""
    return {
        "at": at,
        "red_flag_score": outcome.flags.overall,
        "categories": dict(outcome.flags.categories),
        "effective_rate": outcome.effective_rate,
        "target_rate": outcome.target_rate,
        "rate_band": outcome.band.id,
        "verdict": outcome.verdict,
        "letter_type": outcome.letter_type,
        "top_flags": list(outcome.flags.top_flags),
        "answers": answers.as_toml_table(outcome.target_rate),
    }


class Change(TypedDict):
    """How an assessment differs from the one before: when that was, the score's and the
    effective rate's change (None where the previous entry has no number), its verdict."""

    since: object  # the previous entry's ``at``: a datetime, or what a hand edit left
    red_flag_score: float | None
    effective_rate: float | None
    verdict_before: object


def change_since(previous: Mapping[str, object] | None, outcome: Outcome) -> Change | None:
    """How this assessment differs from the previous one (None for a first assessment)."""
    if previous is None:
        return None

    def delta(key: str, now: float) -> float | None:
        before = previous.get(key)
        if isinstance(before, bool) or not isinstance(before, int | float):
            return None
        return round(now - before, 2)

    return {
        "since": previous.get("at"),
        "red_flag_score": delta("red_flag_score", outcome.flags.overall),
        "effective_rate": delta("effective_rate", outcome.effective_rate),
        "verdict_before": previous.get("verdict"),
    }
