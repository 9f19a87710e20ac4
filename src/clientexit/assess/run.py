"""What an assessment concludes and how it is shown: the target rate it compares with, the
result the report reads, and its ``--json``. app/assess.py runs it and saves it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clientexit._errors import UsageError
from clientexit.assess.advice import Advice
from clientexit.assess.answers import Answers
from clientexit.assess.rubric import Rubric
from clientexit.assess.scoring import Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from clientexit.assess.history import Change
    from clientexit.exchange import FxQuote
    from clientexit.record.model import Client, Profile

    FxLookup = Callable[[str, str, dt.date], FxQuote | None]


@dataclass(frozen=True)
class Result:
    """A finished, saved assessment and what the report needs to show it."""

    slug: str
    name: str
    outcome: Outcome
    advice: Advice
    change: Change | None
    status: str  # the client's status after this assessment
    status_changed: bool
    created: bool
    at: dt.datetime
    currency: str
    # Where the target was your profile's rate converted into the client's currency: the
    # profile's rate and the exchange rate used (named with its date wherever it is shown).
    converted: tuple[float, FxQuote] | None = None
    # The locale the report writes dates in (advice.dates_for: the letters' style).
    dates: str = "en_GB"

    @property
    def letter_recommended(self) -> bool:
        """Whether the verdict calls for a termination letter now (not for keep or repair)."""
        from clientexit.record.lifecycle import calls_for_letter

        return calls_for_letter(self.outcome.verdict)


def _your_rate(profile: Profile) -> float:
    """The profile's hourly rate (config.toml), else the default."""
    from clientexit.config import DEFAULTS

    rate = profile.rate
    return rate if rate is not None and rate > 0 else float(DEFAULTS["rate"])


def _billed(client: Client | None, profile: Profile) -> str:
    """The client's currency; a client not recorded yet is billed in the profile's."""
    return client.billing_currency(profile) if client is not None else profile.currency


def suggested_target(
    answers: Answers | None, client: Client | None, profile: Profile
) -> float | None:
    """The target hourly rate in the client's currency, where one is known: the answers', else
    the client's ``target_rate``, else the profile's ``rate`` when the client is billed in the
    profile's currency (a rate in another currency is no target for it). ``client`` is None
    for a client not recorded yet."""
    if answers is not None and answers.target_rate:
        return answers.target_rate
    own = client.target_rate if client is not None else None
    if own is not None:
        return own
    if _billed(client, profile) != profile.currency:
        return None
    return _your_rate(profile)


def converted_target(
    client: Client | None, profile: Profile, fx: FxLookup, day: dt.date
) -> tuple[float, tuple[float, FxQuote]] | None:
    """Your profile's rate in the client's currency at the ECB reference rate of ``day`` (or the
    latest before it on file), with what it was converted from; None without a rate on file."""
    from decimal import Decimal

    quote = fx(profile.currency, _billed(client, profile), day)
    if quote is None:
        return None
    mine = _your_rate(profile)
    return round(float(quote.convert(Decimal(str(mine)))), 2), (mine, quote)


def target_rate(
    answers: Answers | None,
    client: Client | None,
    profile: Profile,
    who: str = "CLIENT",
) -> float:
    """The target rate to compare the client's effective rate with (see suggested_target); a
    client billed in another currency than the profile's with no target of its own is an error
    saying how to give one (``who``: the client as the user named it)."""
    found = suggested_target(answers, client, profile)
    if found is not None:
        return found
    import shlex

    from clientexit.i18n import format_money

    billed, own = _billed(client, profile), profile.currency
    name = client.name if client is not None else "This client"
    mine = format_money(_your_rate(profile), own, "en")
    raise UsageError(
        f"{name} is billed in {billed}, but your target rate ({mine}, "
        f"config.toml) is in {own}: the two cannot be compared. Nothing was saved.",
        f"Give the target in {billed}: clientexit client set {shlex.quote(who)} "
        f"target_rate=AMOUNT, or target_rate = AMOUNT under [economics] in the answers file.",
    )


def as_json(result: Result, rubric: Rubric) -> dict[str, object]:
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
        "letter_recommended": result.letter_recommended,
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
        "target_converted": None
        if result.converted is None
        else {
            "from": result.converted[0],
            "from_currency": result.converted[1].base,
            "exchange_rate": float(result.converted[1].rate),
            "date": result.converted[1].day,
            "source": result.converted[1].source,
        },
    }
