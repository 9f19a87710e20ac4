"""How and when to deliver the news: method, earliest end date, milestone, safety notes."""

from __future__ import annotations

import datetime as dt

import pytest

from clientexit.assess.advice import advise
from clientexit.assess.answers import Answers
from clientexit.assess.rubric import load_rubric
from clientexit.assess.scoring import assess
from record_helpers import client as record_of
from record_helpers import profile as as_profile

RUBRIC = load_rubric()
TODAY = dt.date(2026, 11, 20)
PROFILE = as_profile({"rate": 85.0, "notice_days": 30})


def _advice(flags: dict[str, str], client: dict, revenue: float = 2000.0):
    answers = Answers(flags, revenue, 30, 10, chance_of_change="low")
    outcome = assess(RUBRIC, answers, 85.0)
    return outcome, advise(RUBRIC, outcome, answers, record_of(client), PROFILE, "acme", TODAY)


SCOPE = {"scope_expansion": "always", "last_minute_changes": "often"}


@pytest.mark.parametrize(
    ("client", "revenue", "method"),
    [
        ({"engagement": "ongoing", "started": dt.date(2026, 1, 5)}, 2000.0, "phone_then_writing"),
        ({"engagement": "project", "started": dt.date(2026, 1, 5)}, 2000.0, "email"),
        ({"engagement": "ongoing", "started": dt.date(2023, 3, 1)}, 3000.0, "in_person"),
        # Long but not high-value (under 30 hours a month at the target rate): no meeting needed.
        ({"engagement": "ongoing", "started": dt.date(2023, 3, 1)}, 2000.0, "phone_then_writing"),
        ({}, 2000.0, "phone_then_writing"),
    ],
)
def test_the_method_fits_the_relationship(client, revenue, method) -> None:
    outcome, advice = _advice(SCOPE, client, revenue)
    assert outcome.verdict == "prepare_exit"
    assert advice.method == method
    assert any("text message" in note for note in advice.notes)


def test_the_earliest_end_date_respects_the_notice_period() -> None:
    _, advice = _advice(SCOPE, {"notice_days": 14})
    assert advice.earliest_end_date == TODAY + dt.timedelta(days=14)
    _, default = _advice(SCOPE, {})
    assert default.earliest_end_date == TODAY + dt.timedelta(days=30)  # the profile's notice
    assert "the earliest end date is 20 December 2026." in " ".join(default.when)


def test_the_next_milestone_is_named_and_past_ones_ignored() -> None:
    client = {
        "deliverables": [
            {"what": "Old launch", "due": dt.date(2026, 10, 1)},
            {"what": "Templates", "due": dt.date(2026, 12, 12)},
            {"what": "Guide", "due": dt.date(2026, 12, 1)},
        ]
    }
    _, advice = _advice(SCOPE, client)
    when = " ".join(advice.when)
    assert "'Guide' (due 1 December 2026)" in when and "Old launch" not in when
    assert "busy season" in when


def test_an_abusive_client_is_told_in_writing_briefly_and_reviewed() -> None:
    client = {"engagement": "ongoing", "started": dt.date(2020, 1, 1)}
    outcome, advice = _advice({"abusive_language": "always"}, client, revenue=9000.0)
    assert (outcome.verdict, outcome.letter_type) == ("exit_now", "abusive")
    assert advice.method == "email"  # never a meeting, even for a long, high-value client
    notes = " ".join(advice.notes)
    assert "short and factual" in notes and "colleague or a lawyer" in notes
    assert advice.next_command == "clientexit letter acme"


def test_keep_and_repair_give_no_end_date() -> None:
    keep_outcome, keep = _advice({}, {}, revenue=5000.0)
    assert (keep_outcome.verdict, keep.method, keep.earliest_end_date) == ("keep", "none", None)
    answers = Answers(
        {"late_payments": "often", "scope_expansion": "sometimes"},
        3000,
        30,
        5,
        chance_of_change="high",
    )
    outcome = assess(RUBRIC, answers, 85.0)
    repair = advise(RUBRIC, outcome, answers, record_of({}), PROFILE, "acme", TODAY)
    assert outcome.verdict == "repair" and repair.earliest_end_date is None
    assert any("boundaries" in step for step in repair.notes)


def test_an_unethical_request_means_documenting_it_and_a_legal_review_never_a_warm_letter() -> None:
    outcome, advice = _advice({"unethical_requests": "sometimes"}, {"name": "Acme"})
    assert outcome.letter_type == "abusive"  # short and factual, nothing to debate
    assert any(
        n.startswith("Write down the request (when, who, what exactly)") for n in advice.notes
    )
    assert any("Have a lawyer review the situation and the letter" in n for n in advice.notes)
    assert not any("goodwill" in n for n in advice.notes)


def test_preparing_an_exit_suggests_goodwill_an_apology_and_alternatives_with_their_options() -> (
    None
):
    outcome, advice = _advice(
        {"late_payments": "often", "scope_creep": "often", "micromanagement": "sometimes"},
        {"name": "Acme", "engagement": "ongoing"},
    )
    assert outcome.verdict == "prepare_exit", outcome.verdict
    notes = " ".join(advice.notes)
    # Nothing invoiced yet on an ongoing engagement: only the waiver of the final invoice fits.
    assert (
        "A goodwill gesture can close it gracefully: send no final invoice "
        "(letter --goodwill waive)." in notes
    )
    for option in ("--apology", "--alternative NAME"):
        assert option in notes
    assert "document" not in notes.lower() and "--goodwill refund" not in notes


PREPARE = {"late_payments": "often", "scope_creep": "often", "micromanagement": "sometimes"}


def _inv(number: str, amount: float, paid: dt.date | None = None) -> dict:
    row = {"number": number, "amount": amount, "issued": dt.date(2026, 9, 1),
           "due": dt.date(2026, 10, 1)}  # fmt: skip
    return {**row, "paid": paid} if paid else row


@pytest.mark.parametrize(
    ("client", "said"),
    [
        (
            {"engagement": "ongoing", "invoices": [_inv("A-1", 900.0, dt.date(2026, 9, 20))]},
            "refund invoice A-1 (letter --goodwill refund) or send no final invoice "
            "(letter --goodwill waive).",
        ),
        (
            {"engagement": "ongoing", "invoices": [_inv("A-1", 900.0)]},
            "waive invoice A-1 (letter --goodwill waive).",
        ),
        (  # a fixed-price project fully paid in one invoice: no gesture fits
            {"engagement": "project", "invoices": [_inv("P-1", 9000.0, dt.date(2026, 9, 20))]},
            "No refund or waiver fits the record here",
        ),
    ],
)
def test_the_advice_offers_only_the_gestures_the_letter_accepts(client: dict, said: str) -> None:
    from clientexit.letters.money import check_goodwill

    _, advice = _advice(PREPARE, {"name": "Acme", **client})
    (note,) = [n for n in advice.notes if "goodwill" in n or "No refund" in n]
    assert said in note
    record = record_of({"name": "Acme", **client})
    for gesture in ("refund", "waive"):
        if f"--goodwill {gesture}" in note:
            check_goodwill(record, record.invoices, gesture)  # the letter accepts it


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "public holiday: the letter moves the end to 28 December 2026."),
        ("tr", "mektup bitişi 28 Aralık 2026 tarihine alır."),
        ("cs", "dopis posune konec na 28. prosince 2026."),
    ],
)
def test_an_earliest_end_date_on_christmas_names_the_next_working_day(lang, said) -> None:
    from clientexit.workdays import Calendar

    rubric = load_rubric(lang=lang)
    answers = Answers(SCOPE, 2000.0, 30, 10, chance_of_change="low")
    outcome = assess(rubric, answers, 85.0)
    # 30 days from 25 November is Friday 25 December: Christmas Day in Germany (and Boxing Day
    # after it), so the next working day is Monday the 28th.
    today = dt.date(2026, 11, 25)
    advice = advise(
        rubric, outcome, answers, record_of({}), PROFILE, "acme", today, Calendar(("DE",))
    )
    assert any(line.endswith(said) for line in advice.when), advice.when
    # An earliest end date on a plain weekday (Wednesday 16 December) adds nothing.
    weekday = dt.date(2026, 11, 16)
    plain = advise(
        rubric, outcome, answers, record_of({}), PROFILE, "acme", weekday, Calendar(("DE",))
    )
    assert len(plain.when) == len(advice.when) - 1
    assert not any(line.endswith(said) for line in plain.when)


def test_a_delivered_deliverable_is_no_milestone() -> None:
    client = {
        "deliverables": [
            {"what": "Landing page", "due": dt.date(2026, 12, 1), "delivered": TODAY},
            {"what": "Guide", "due": dt.date(2026, 12, 12)},
        ]
    }
    _, advice = _advice(SCOPE, client)
    when = " ".join(advice.when)
    assert "after 'Guide' (due 12 December 2026)" in when and "Landing page" not in when
    client["deliverables"].pop()
    _, advice = _advice(SCOPE, client)
    assert "Time it for a milestone" not in " ".join(advice.when)
