"""One assessment from answers to saved history: `clientexit assess` minus the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit import timeline
from clientexit._paths import Paths
from clientexit.assess import history
from clientexit.assess.advice import Advice, advise
from clientexit.assess.answers import Answers
from clientexit.assess.rubric import Rubric
from clientexit.assess.scoring import Outcome, assess


@dataclass(frozen=True)
class Result:
    """A finished, saved assessment and what the report needs to show it."""

    slug: str
    name: str
    outcome: Outcome
    advice: Advice
    change: dict[str, Any] | None
    status: str  # the client's status after this assessment
    status_changed: bool
    created: bool
    at: dt.datetime
    currency: str


def existing_record(paths: Paths, name: str) -> Mapping[str, Any]:
    """The client's record data, or an empty mapping for a client not recorded yet."""
    from clientexit import clients

    slug = clients.find_slug(paths, name)
    return clients.load(paths, slug).data if slug else {}


def target_rate(answers: Answers | None, profile: Mapping[str, Any]) -> float:
    """The answers' target rate, else the profile's ``rate``."""
    if answers is not None and answers.target_rate:
        return answers.target_rate
    rate = profile.get("rate")
    return float(rate) if isinstance(rate, int | float) and rate > 0 else 75.0


def run(
    paths: Paths,
    name: str,
    rubric: Rubric,
    answers: Answers,
    profile: Mapping[str, Any],
    now: dt.datetime | None = None,
) -> Result:
    """Score the answers, append the assessment to the client's history and advise."""
    from clientexit import clients

    now = now or timeline.now()
    existing = existing_record(paths, name)
    previous = history.latest(existing)
    outcome = assess(rubric, answers, target_rate(answers, profile))
    slug, status_changed = history.save(paths, name, history.entry_for(outcome, answers, now))
    record = clients.load(paths, slug)
    advice = advise(rubric, outcome, answers, record.data, profile, slug, now.date())
    return Result(
        slug=slug,
        name=record.name,
        outcome=outcome,
        advice=advice,
        change=history.change_since(previous, outcome),
        status=record.status,
        status_changed=status_changed,
        created=not existing,
        at=now,
        currency=str(record.get("currency") or profile.get("currency") or "EUR"),
    )


def as_json(result: Result, rubric: Rubric) -> dict[str, Any]:
    """The ``--json`` document for an assessment."""
    o = result.outcome
    return {
        "client": result.slug,
        "name": result.name,
        "at": result.at,
        "red_flag_score": o.flags.overall,
        "categories": dict(o.flags.categories),
        "effective_rate": o.effective_rate,
        "target_rate": o.target_rate,
        "rate_band": o.band.id,
        "rate_share": round(o.rate_share, 4),
        "currency": result.currency,
        "verdict": o.verdict,
        "reasons": list(o.reasons),
        "letter_type": o.letter_type,
        "top_flags": list(o.flags.top_flags),
        "top_flag_details": [
            {
                "id": fid,
                "category": rubric.flag(fid).category,
                "question": rubric.flag(fid).question,
            }
            for fid in o.flags.top_flags
        ],
        "dealbreakers": list(o.dealbreakers),
        "advice": result.advice.as_json(),
        "change": result.change,
        "status": result.status,
        "status_changed": result.status_changed,
        "created": result.created,
    }
