"""assess with hours from the tracker: the measured month as the economics defaults (saying
where they come from), and the report saying whether the effective rate is falling."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

KESTREL = "kestrel-analytics"


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tracked(cli, examples_home: Path, examples: Path) -> Path:
    result = cli("hours", "import", str(examples / "hours" / "frames"))
    assert result.exit_code == 0, result.stderr
    return examples_home


def test_print_answers_offers_the_last_three_whole_months(cli, tracked: Path) -> None:
    result = cli("assess", KESTREL, "--print-answers")
    assert result.exit_code == 0, result.stderr
    # August to October (November is still running): 26 + 30 + 30 billable hours, 7 + 10 + 14
    # unbilled; revenue 2,210 + 2,550 at the rate and 2,550 invoiced in October.
    assert "monthly_revenue = 2436.67" in result.stdout
    assert "billable_hours = 28.67" in result.stdout
    assert "unbilled_hours = 10.33" in result.stdout
    assert (
        "Economics from tracked hours, 2026-08 to 2026-10 (3 whole months): €2,436.67 revenue, "
        "28.67 billable and 10.33 unbilled hours a month (clientexit hours kestrel-analytics)."
    ) in result.stderr


def test_the_questions_default_to_the_measured_month(
    cli, tracked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.cli import _common, assess_prompt

    seen = {}

    def fake(rubric, previous, target, ask):
        seen["previous"] = previous
        raise KeyboardInterrupt

    monkeypatch.setattr(_common, "interactive", lambda: True)
    monkeypatch.setattr(assess_prompt, "ask_answers", fake)
    cli("assess", KESTREL)
    previous = seen["previous"]
    assert (previous.monthly_revenue, previous.billable_hours, previous.unbilled_hours) == (
        2436.67,
        28.67,
        10.33,
    )


def test_the_report_says_the_effective_rate_is_falling(cli, tracked: Path, examples: Path) -> None:
    answers = str(examples / "answers" / f"{KESTREL}.toml")
    result = cli("assess", KESTREL, "--answers", answers)
    assert result.exit_code == 0, result.stderr
    assert (
        "Tracked hours (clientexit hours kestrel-analytics): the effective rate is falling, "
        "€79.33 an hour in June 2026, €56.67 in November 2026."
    ) in result.stdout
    data = json.loads(cli("assess", KESTREL, "--answers", answers, "--json").stdout)
    assert data["tracked_hours"]["trend"] == "falling"
    assert data["tracked_hours"]["measured"]["first_month"] == "2026-08"


def test_without_tracked_hours_nothing_changes(cli, examples_home: Path, examples: Path) -> None:
    answers = str(examples / "answers" / "fjord-coffee.toml")
    result = cli("assess", "fjord-coffee", "--answers", answers)
    assert "Tracked hours" not in result.stdout
    data = json.loads(cli("assess", "fjord-coffee", "--answers", answers, "--json").stdout)
    assert data["tracked_hours"] is None
    printed = cli("assess", "fjord-coffee", "--print-answers")
    assert "tracked hours" not in printed.stderr
