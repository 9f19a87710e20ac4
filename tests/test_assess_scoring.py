"""Properties of the assessment's scoring: range, monotonicity, breadth, and the verdict rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit.assess.answers import Answers
from clientexit.assess.rubric import CHANCES, FREQUENCIES, load_rubric
from clientexit.assess.scoring import (
    VERDICTS,
    assess,
    combine,
    effective_rate,
    rate_band,
    score_flags,
)

RUBRIC = load_rubric()
FLAG_IDS = [f.id for f in RUBRIC.flags]
CATEGORY_IDS = [c.id for c in RUBRIC.categories]
TARGET = 85.0

flag_answers = st.dictionaries(st.sampled_from(FLAG_IDS), st.sampled_from(FREQUENCIES))
outlook_values = st.fixed_dictionaries({q.id: st.integers(1, 5) for q in RUBRIC.outlook})
hours = st.floats(0.5, 300, allow_nan=False)


def _answers(
    flags: dict[str, str],
    revenue: float,
    billable: float,
    unbilled: float,
    outlook: dict[str, int],
    chance: str,
) -> Answers:
    return Answers(
        red_flags={k: v for k, v in flags.items() if v != "never"},
        monthly_revenue=revenue,
        billable_hours=billable,
        unbilled_hours=unbilled,
        outlook=outlook,
        chance_of_change=chance,
    )


def _raise(flags: dict[str, str], flag_id: str, steps: int) -> dict[str, str]:
    now = FREQUENCIES.index(flags.get(flag_id, "never"))
    return {**flags, flag_id: FREQUENCIES[min(now + steps, len(FREQUENCIES) - 1)]}


@settings(max_examples=300, deadline=None)
@given(flag_answers)
def test_every_score_stays_between_0_and_100(flags: dict[str, str]) -> None:
    scores = score_flags(RUBRIC, flags)
    assert 0 <= scores.overall <= 100
    assert set(scores.categories) == set(CATEGORY_IDS)
    assert all(0 <= s <= 100 for s in scores.categories.values())


def test_the_extremes_are_0_and_100() -> None:
    assert score_flags(RUBRIC, {}).overall == 0
    worst = score_flags(RUBRIC, dict.fromkeys(FLAG_IDS, "always"))
    assert worst.overall == 100
    assert set(worst.categories.values()) == {100}


@settings(max_examples=300, deadline=None)
@given(flag_answers, st.sampled_from(FLAG_IDS), st.integers(1, 3))
def test_more_frequent_flags_never_lower_any_score(flags, flag_id, steps) -> None:
    before = score_flags(RUBRIC, flags)
    after = score_flags(RUBRIC, _raise(flags, flag_id, steps))
    assert after.overall >= before.overall
    for category in CATEGORY_IDS:
        assert after.categories[category] >= before.categories[category]
    # The flag's own category strictly grows when the flag really moved up (unrounded share).
    if FREQUENCIES.index(flags.get(flag_id, "never")) < 3:
        assert after.points[flag_id] > before.points[flag_id]


@settings(max_examples=300, deadline=None)
@given(
    flag_answers,
    st.sampled_from(FLAG_IDS),
    st.floats(0, 20000, allow_nan=False),
    hours,
    hours,
    outlook_values,
    st.sampled_from(CHANCES),
)
def test_more_frequent_flags_never_make_the_verdict_milder(
    flags, flag_id, revenue, billable, unbilled, outlook, chance
) -> None:
    before = assess(RUBRIC, _answers(flags, revenue, billable, unbilled, outlook, chance), TARGET)
    raised = _raise(flags, flag_id, 1)
    after = assess(RUBRIC, _answers(raised, revenue, billable, unbilled, outlook, chance), TARGET)
    assert VERDICTS.index(after.verdict) >= VERDICTS.index(before.verdict)


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.sampled_from(CATEGORY_IDS[:4]))
def test_the_same_amount_spread_over_two_categories_weighs_more(a, b, first) -> None:
    # payment, communication, scope and values carry the same weight in the built-in rubric.
    second = next(c for c in CATEGORY_IDS[:4] if c != first)
    concentrated = combine(RUBRIC, {first: a, second: b})
    spread = combine(RUBRIC, {first: (a + b) / 2, second: (a + b) / 2})
    # (a + b) / 2 can differ from a == b by one rounding step, hence approx for the equal case.
    assert spread >= concentrated or spread == pytest.approx(concentrated, rel=1e-9, abs=1e-12)
    if abs(a - b) > 0.01:
        assert spread > concentrated


def test_two_kinds_of_problem_outscore_more_of_one_kind() -> None:
    # 2 × 3 × often = 4.2 weighted points across two categories ...
    spread = score_flags(RUBRIC, {"scope_expansion": "often", "micromanagement": "often"})
    # ... against 3 × always + 2 × often = 4.4 points in scope alone.
    one = score_flags(RUBRIC, {"scope_expansion": "always", "last_minute_changes": "often"})
    assert spread.overall > one.overall


@settings(max_examples=200, deadline=None)
@given(st.floats(1, 20000), hours, hours, st.floats(1, 5000), st.floats(0.1, 50))
def test_effective_rate_follows_revenue_and_hours(revenue, billable, unbilled, more, extra) -> None:
    rate = effective_rate(revenue, billable, unbilled)
    assert rate == pytest.approx(revenue / (billable + unbilled))
    assert effective_rate(revenue + more, billable, unbilled) > rate
    assert effective_rate(revenue, billable + extra, unbilled) < rate
    assert effective_rate(revenue, billable, unbilled + extra) < rate


@given(st.floats(0, 3), st.floats(0, 3))
def test_rate_bands_never_get_worse_as_the_rate_rises(low, high) -> None:
    low, high = sorted((low, high))
    order = [b.id for b in RUBRIC.rate_bands]  # best first
    assert order.index(rate_band(RUBRIC, high).id) <= order.index(rate_band(RUBRIC, low).id)


@pytest.mark.parametrize(
    ("share", "band"),
    [
        (1.2, "profitable"),
        (0.9, "profitable"),
        (0.89, "investigate"),
        (0.7, "investigate"),
        (0.69, "renegotiate"),
        (0.5, "renegotiate"),
        (0.49, "losing"),
        (0.0, "losing"),
    ],
)
def test_rate_band_edges_match_the_usual_bands(share: float, band: str) -> None:
    assert rate_band(RUBRIC, share).id == band


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["abusive_language", "hostile_to_staff", "unethical_requests"]),
    st.sampled_from(["often", "always"]),
    st.floats(0, 50000),
    hours,
    outlook_values,
    st.sampled_from(CHANCES),
)
def test_abuse_or_unethical_requests_often_mean_exit_now_whatever_the_money(
    flag_id, frequency, revenue, billable, outlook, chance
) -> None:
    answers = _answers({flag_id: frequency}, revenue, billable, 0, outlook, chance)
    outcome = assess(RUBRIC, answers, TARGET)
    assert outcome.verdict == "exit_now"
    # Never a warm letter after abuse or an unethical request: short, factual, nothing to debate.
    assert outcome.letter_type == "abusive"


@settings(max_examples=200, deadline=None)
@given(st.floats(0.91, 3), hours, outlook_values, st.sampled_from(CHANCES))
def test_a_profitable_client_with_few_flags_is_kept(share, billable, outlook, chance) -> None:
    answers = _answers(
        {"little_appreciation": "sometimes"},
        share * TARGET * billable,
        billable,
        0,
        outlook,
        chance,
    )
    assert assess(RUBRIC, answers, TARGET).verdict == "keep"


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 0.89), hours, outlook_values, st.sampled_from(CHANCES))
def test_an_unprofitable_client_with_few_flags_is_never_kept(share, billable, outlook, chance):
    answers = _answers({}, share * TARGET * billable, billable, 0, outlook, chance)
    outcome = assess(RUBRIC, answers, TARGET)
    assert outcome.verdict in ("repair", "prepare_exit")
    assert outcome.letter_type == "general"


def test_a_high_chance_of_change_makes_repair_the_advice() -> None:
    flags = {"late_payments": "often", "scope_expansion": "sometimes"}
    outlook = dict.fromkeys((q.id for q in RUBRIC.outlook), 3)
    low = assess(RUBRIC, _answers(flags, 3000, 30, 5, outlook, "low"), TARGET)
    high = assess(RUBRIC, _answers(flags, 3000, 30, 5, outlook, "high"), TARGET)
    assert (low.verdict, high.verdict) == ("prepare_exit", "repair")


def test_top_flags_are_the_biggest_contributors_in_order() -> None:
    flags = {"missing_input": "sometimes", "late_payments": "always", "scope_expansion": "often"}
    assert score_flags(RUBRIC, flags).top_flags == (
        "late_payments",
        "scope_expansion",
        "missing_input",
    )
