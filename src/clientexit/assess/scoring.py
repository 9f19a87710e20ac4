"""Scores, verdict and letter type: pure functions of the rubric and the answers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from clientexit.assess.answers import Answers
from clientexit.assess.rubric import FREQUENCIES, RateBand, Rubric

VERDICTS = ("keep", "repair", "prepare_exit", "exit_now")
KEEP, REPAIR, PREPARE_EXIT, EXIT_NOW = range(4)
TOP_FLAGS = 3


@dataclass(frozen=True)
class FlagScores:
    """The red-flag side: overall 0-100, per category 0-100, and each flag's points."""

    overall: int
    categories: dict[str, int]
    points: dict[str, float]
    top_flags: tuple[str, ...]
    serious: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """Everything an assessment concludes, with the reasons for the verdict."""

    flags: FlagScores
    effective_rate: float
    target_rate: float
    rate_share: float
    band: RateBand
    outlook: float
    verdict: str
    reasons: tuple[str, ...]
    letter_type: str
    dealbreakers: tuple[str, ...]


def _curve(share: float, power: float) -> float:
    """Diminishing returns on a 0-1 share: 1 - (1 - share) ** power (power >= 1)."""
    return 1.0 - math.pow(1.0 - min(max(share, 0.0), 1.0), power)


def category_shares(rubric: Rubric, red_flags: Mapping[str, str]) -> dict[str, float]:
    """Each category's weighted share (0-1) of its flags' full weight, by how often they happen."""
    shares = {}
    for category in rubric.categories:
        flags = rubric.flags_in(category.id)
        full = sum(f.weight for f in flags)
        got = sum(f.weight * rubric.frequencies[red_flags.get(f.id, "never")] for f in flags)
        shares[category.id] = got / full if full else 0.0
    return shares


def combine(rubric: Rubric, shares: Mapping[str, float]) -> float:
    """The overall score (0-100, unrounded) from category shares; breadth counts more than depth."""
    t = rubric.thresholds
    total = sum(c.weight for c in rubric.categories)
    if not total:
        return 0.0
    mean = sum(
        c.weight * _curve(shares.get(c.id, 0.0), t["category_curve"]) for c in rubric.categories
    )
    return 100.0 * _curve(mean / total, t["overall_curve"])


def score_flags(rubric: Rubric, red_flags: Mapping[str, str]) -> FlagScores:
    """Score the red flags: per category, overall, and which flags contribute most."""
    shares = category_shares(rubric, red_flags)
    points = {
        f.id: f.weight * rubric.frequencies[red_flags.get(f.id, "never")] for f in rubric.flags
    }
    ranked = sorted((p, -n, fid) for n, (fid, p) in enumerate(points.items()) if p > 0)
    categories = {cid: round(100 * share) for cid, share in shares.items()}
    serious = tuple(c for c, s in categories.items() if s >= rubric.thresholds["serious_category"])
    return FlagScores(
        overall=round(combine(rubric, shares)),
        categories=categories,
        points=points,
        top_flags=tuple(fid for _, _, fid in reversed(ranked[-TOP_FLAGS:])),
        serious=serious,
    )


def effective_rate(revenue: float, billable: float, unbilled: float) -> float:
    """Revenue per hour actually spent, billed or not."""
    hours = billable + unbilled
    return revenue / hours if hours > 0 else 0.0


def rate_band(rubric: Rubric, share: float) -> RateBand:
    """The band for an effective rate expressed as a share of the target rate."""
    return next(b for b in rubric.rate_bands if share >= b.min_share)


def outlook_value(rubric: Rubric, answers: Answers) -> float:
    """The outlook averaged on 1-5 where 5 is best (stress counted the other way round)."""
    values = [
        6 - answers.outlook.get(q.id, 3) if q.better == "low" else answers.outlook.get(q.id, 3)
        for q in rubric.outlook
    ]
    return sum(values) / len(values) if values else 3.0


def dealbreakers(rubric: Rubric, red_flags: Mapping[str, str]) -> tuple[str, ...]:
    """Dealbreaker flags happening at least as often as the rubric's dealbreaker frequency."""
    bar = FREQUENCIES.index(rubric.dealbreaker_frequency)
    return tuple(
        f.id
        for f in rubric.flags
        if f.dealbreaker and FREQUENCIES.index(red_flags.get(f.id, "never")) >= bar
    )


def decide(
    rubric: Rubric,
    scores: FlagScores,
    band: RateBand,
    outlook: float,
    chance: str,
    deal: tuple[str, ...],
) -> tuple[str, tuple[str, ...]]:
    """The verdict and the reasons for it. Never milder when any flag happens more often."""
    t = rubric.thresholds
    if deal:
        why = "; ".join(rubric.flag(fid).question.lower() for fid in deal)
        frequency = rubric.frequency_word(rubric.dealbreaker_frequency)
        return VERDICTS[EXIT_NOW], (rubric.say("reason_dealbreaker", frequency=frequency, why=why),)
    if scores.overall >= t["exit_now"]:
        return VERDICTS[EXIT_NOW], (
            rubric.say("reason_exit_now", score=scores.overall, limit=f"{t['exit_now']:g}"),
        )
    reasons = []
    few = scores.overall < t["few_flags"] and not scores.serious
    level = KEEP if few else REPAIR if scores.overall < t["prepare_exit"] else PREPARE_EXIT
    kind = "reason_few" if few else "reason_real" if level == REPAIR else "reason_serious"
    reasons.append(rubric.say(kind, score=scores.overall))
    if len(scores.serious) >= 2:
        level = PREPARE_EXIT
        reasons.append(rubric.say("reason_patterns", count=len(scores.serious)))
    if band.floor > level:
        level = band.floor
    if band.push and not few:
        level = min(level + 1, PREPARE_EXIT)
    reasons.append(rubric.say("reason_rate", band=band.label))
    if level in (REPAIR, PREPARE_EXIT):
        if chance == "high":
            level = REPAIR
            reasons.append(rubric.say("reason_high_chance"))
        elif chance == "low" or outlook <= t["poor_outlook"]:
            level = PREPARE_EXIT
            reasons.append(
                rubric.say("reason_low_chance" if chance == "low" else "reason_poor_outlook")
            )
    return VERDICTS[level], tuple(reasons)


def choose_letter(rubric: Rubric, scores: FlagScores, deal: tuple[str, ...]) -> str:
    """The letter for the dominant problem; abuse always gets the abusive letter.

    With few flags there is no dominant problem (the reason to leave is money or fit): general.
    """
    if deal:
        letters = [rubric.flag(fid).letter for fid in deal]
        return "abusive" if "abusive" in letters else letters[0]
    # Abuse or an unethical request, even now and then, never gets a warm letter.
    if any(scores.points[f.id] > 0 for f in rubric.flags if f.letter == "abusive"):
        return "abusive"
    if scores.overall < rubric.thresholds["few_flags"] and not scores.serious:
        return "general"
    by_letter: dict[str, float] = {}
    for flag in rubric.flags:
        by_letter[flag.letter] = by_letter.get(flag.letter, 0.0) + scores.points[flag.id]
    total = sum(by_letter.values())
    if total <= 0:
        return "general"
    best = max(by_letter, key=lambda k: (by_letter[k], k != "general"))
    return best if by_letter[best] >= rubric.thresholds["letter_dominance"] * total else "general"


def assess(rubric: Rubric, answers: Answers, target_rate: float) -> Outcome:
    """Score the answers and conclude: the whole assessment, without any I/O."""
    scores = score_flags(rubric, answers.red_flags)
    rate = effective_rate(answers.monthly_revenue, answers.billable_hours, answers.unbilled_hours)
    share = rate / target_rate if target_rate > 0 else 1.0
    band = rate_band(rubric, share)
    outlook = outlook_value(rubric, answers)
    deal = dealbreakers(rubric, answers.red_flags)
    verdict, reasons = decide(rubric, scores, band, outlook, answers.chance_of_change, deal)
    return Outcome(
        flags=scores,
        effective_rate=round(rate, 2),
        target_rate=round(target_rate, 2),
        rate_share=share,
        band=band,
        outlook=outlook,
        verdict=verdict,
        reasons=reasons,
        letter_type=choose_letter(rubric, scores, deal),
        dealbreakers=deal,
    )
